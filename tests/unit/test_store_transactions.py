"""The store's one write transaction (Store._transaction): a replay or a write that fails
leaves nothing behind and says its own error, even when SQLite refuses the ROLLBACK."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from golive.data.changes.commands import Approve, Note
from golive.data.changes.refused import Refused
from golive.data.log.events import Event
from golive.data.log.store import Store


class SourceBroke(RuntimeError):
    pass


def rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM events ORDER BY seq").fetchall()


def breaking(events: list[Event]) -> Iterator[Event]:
    """The events, then the failure of the file they are copied from."""
    yield from events
    raise SourceBroke("the source file went away")


def deny_rollback(conn: sqlite3.Connection) -> None:
    """SQLite refuses ROLLBACK on this connection (an authorizer, as a failing disk or a
    statement SQLite cannot abort would)."""

    def authorize(action: int, arg1: str | None, *_: object) -> int:
        if action == sqlite3.SQLITE_TRANSACTION and arg1 == "ROLLBACK":
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    conn.set_authorizer(authorize)


def test_a_replay_whose_source_fails_copies_nothing(store: Store, db_path: Path) -> None:
    store.apply(Note("eins"), "rm")
    copies = list(store.events(2))
    before = rows(db_path)
    with pytest.raises(SourceBroke):
        store.replay(breaking(copies))
    assert rows(db_path) == before
    store.apply(Note("zwei"), "rm")  # the connection is out of the failed transaction
    assert store.event_count() == len(before) + 1 and store.verify().ok


def test_a_refused_rollback_does_not_hide_why_a_replay_failed(store: Store,
                                                              db_path: Path) -> None:
    """Before the store had one transaction, replay's unguarded ROLLBACK raised SQLite's
    'not authorized' in place of the source's own error."""
    store.apply(Note("eins"), "rm")
    copies = list(store.events(2))
    deny_rollback(store.conn)
    with pytest.raises(SourceBroke):
        store.replay(breaking(copies))


def test_a_refused_rollback_does_not_hide_why_a_write_was_refused(store: Store,
                                                                   db_path: Path) -> None:
    before = rows(db_path)
    deny_rollback(store.conn)
    with pytest.raises(Refused, match="no.such.item"):
        store.apply(Approve("no.such.item", "Dana Example"), "rm")
    assert rows(db_path) == before
