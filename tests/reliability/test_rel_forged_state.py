"""Defect 2: a state table written behind golive's back is refused by every reader, and
nothing is decided on it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from golive.data.changes.commands import Approve, Revoke
from golive.data.log.dbfile import StoreError
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.not_intact import NotIntactScreen

from support.pilot import open_cockpit
from support.records import event_count, new_store
from support.scenarios import build


def _forge_ready_state(target: Path, tmp_path: Path) -> None:
    """Copy a GO-ready state (without its decision) into `target` with plain SQL."""
    donor = build("after-go-t+5m", tmp_path / "donor.sqlite")
    rows = donor.conn.execute("SELECT key, value, seq FROM state WHERE key != 'decision'"
                              ).fetchall()
    donor.close()
    conn = sqlite3.connect(target)
    conn.executemany("INSERT OR REPLACE INTO main.state (key, value, seq) VALUES (?, ?, ?)",
                     rows)
    conn.commit()
    conn.close()



def test_a_forged_ready_state_is_refused_by_status_and_decide(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "golive.sqlite"
    assert cli("init", "--db", str(db), "--now", "2026-03-06T09:00:00+01:00").code == 0
    _forge_ready_state(db, tmp_path)
    for args in (["status"], ["status", "--json"], ["approval-doc"],
                 ["decide", "go", "--by", "Mallory"], ["note", "hi"]):
        result = cli(*args, "--db", str(db), "--now", "2026-03-06T09:30:00+01:00")
        assert result.code == 2, (args, result)
        assert "GO-READY" not in result.out
        assert len(result.err.strip().splitlines()) == 1
        assert "der gespeicherte Zustand ist nicht, was das Log sagt" in result.err
    assert event_count(db) == 1
    verify = cli("verify", "--db", str(db))
    assert verify.code == 1 and "weicht vom Log ab" in verify.err


def test_replaying_an_older_genuine_row_is_caught_too(tmp_path: Path) -> None:
    """A revoked approval's own row, put back: every value in it was once true."""
    path = tmp_path / "g.sqlite"
    store = new_store(path, load_default_plan())
    store.apply(Approve("approval.sre", "Sven"), "rm")
    (old,) = store.conn.execute("SELECT value FROM state WHERE key = 'item:approval.sre'"
                                ).fetchone()
    store.apply(Revoke("approval.sre", "zu früh"), "rm")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE state SET value = ?, seq = 2 WHERE key = 'item:approval.sre'", (old,))
    conn.commit()
    conn.close()
    reopened = Store.open(path, store.clock)
    try:
        for read in (reopened.board, reopened.read):
            with pytest.raises(StoreError, match="stored state is not what the log says"):
                read()
    finally:
        reopened.close()
        store.close()


async def test_the_cockpit_says_so_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    new_store(path, load_default_plan()).close()
    _forge_ready_state(path, tmp_path)
    store = Store.open(path, new_store(tmp_path / "clock.sqlite", load_default_plan()).clock)
    async with open_cockpit(store, "rm") as (app, pilot):
        for key in ("3", "space", "g", "enter", "escape", "a", "escape", "b", "escape", "e",
                    "escape", "s", "enter", "c", "i", "escape", "n", "escape"):
            await pilot.press(key)
            await pilot.pause()
        app.poll()
        assert app.is_running
        board = app.board
        shown = app.screen
        assert isinstance(shown, NotIntactScreen)  # in place of the board, saying why
        assert "der gespeicherte Zustand ist nicht, was das Log sagt" in shown.why
    assert board is None  # no board is drawn from a state that is not the log's
    store.close()
    assert event_count(path) == 1
