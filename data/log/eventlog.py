"""The chained event log at the SQL level: append a link, stream events, fold them into
state, the digest of a state, and the board at a past instant.

The Store wraps these in its transactions; verify, export and rehearsal read through them
with a connection of their own.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from golive.data.log import stored_json
from golive.data.log.dbfile import StoreError
from golive.data.log.events import GENESIS, DamagedEvent, Event, canonical_json, event_hash
from golive.data.log.fold import (
    CHALLENGES,
    Challenge,
    State,
    apply_event,
    challenge_of,
    has_signed,
)
from golive.data.plan.model import Plan, PlanError
from golive.data.plan.source import parse_plan
from golive.data.rules.board import Board
from golive.data.rules.verdict import evaluate
from golive.data.time.clock import UTC_TEXT_BOUNDS, through_second

if TYPE_CHECKING:
    import datetime as _dt

EVENT_COLUMNS = "seq, at, actor, kind, target, payload, prev_hash, hash"


def insert_event(conn: sqlite3.Connection, seq: int, at: str, actor: str, kind: str,
            target: str, payload: dict[str, Any], prev_hash: str, state: str) -> Event:
    event = Event(seq, at, actor, kind, target, payload, prev_hash, "", state)
    stored = event.stored_payload()
    digest = event_hash(prev_hash, seq, at, actor, kind, target, stored)
    conn.execute(f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (seq, at, actor, kind, target, json.dumps(stored, ensure_ascii=False),
                  prev_hash, digest))
    return Event(seq, at, actor, kind, target, payload, prev_hash, digest, state)


def append_event(conn: sqlite3.Connection, state: State, seq: int, at: str, actor: str,
            kind: str, target: str, payload: dict[str, Any], prev: str) -> Event:
    """Fold the change into the state, append it with the digest of the state it leaves
    behind (inside its hash, so a reader can tell a state table written behind golive's
    back) and keep the materialised rows it touched in step."""
    keys = fold_one(state, Event(seq, at, actor, kind, target, payload))
    event = insert_event(conn, seq, at, actor, kind, target, payload, prev,
                          state_digest(state))
    records = state.records() if keys else {}
    for key in keys:
        conn.execute(
            "INSERT INTO state (key, value, seq) VALUES (?, ?, ?) ON CONFLICT(key) "
            "DO UPDATE SET value = excluded.value, seq = excluded.seq",
            (key, json.dumps(records[key], ensure_ascii=False), event.seq))
    return event


def tail(conn: sqlite3.Connection) -> tuple[int, str]:
    """The last event's seq and hash; (0, GENESIS) for an empty log."""
    row = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def challenges_between(conn: sqlite3.Connection, go_seq: int, after: int, upto: int
                       ) -> list[Challenge]:
    """What may have overtaken the GO at go_seq among the events after..upto
    (state.challenge_of)."""
    kinds = sorted(CHALLENGES)
    rows = conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE seq > ? AND seq <= ? AND kind IN "
        f"({','.join('?' * len(kinds))}) ORDER BY seq", (after, upto, *kinds))
    return [c for row in rows if (c := challenge_of(Event.from_row(row), go_seq))]


def stored_plan(conn: sqlite3.Connection, path: Path) -> tuple[Plan, bool]:
    """The plan event 1 holds, and whether the file is a rehearsal (a file from before
    modes existed counts as real); StoreError naming the file when it cannot be read."""
    row = conn.execute("SELECT kind, payload FROM events WHERE seq = 1").fetchone()
    if row is None or row[0] != "init":
        raise StoreError("store.no_plan_event", path=str(path))
    try:
        payload = stored_json.loads(row[1])
        source = payload["plan"]
    except (ValueError, TypeError, KeyError):
        raise StoreError("store.init_unreadable", path=str(path)) from None
    try:
        plan = parse_plan(source, f"{path} (stored plan)")
    except PlanError as exc:
        raise StoreError(str(exc)) from None
    return plan, payload.get("mode") == "rehearsal"


def fold_one(state: State, event: Event) -> list[str]:
    """apply_event, with a payload golive did not write reported as a damaged event."""
    try:
        return apply_event(state, event)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise DamagedEvent(event.seq, "damaged.payload") from None


def meaningful(records: dict[str, Any]) -> dict[str, Any]:
    """Records without the empty defaults a fresh state table has no row for: None, and no
    notes yet (the integer 0). Nothing else: a stored false, 0 or 0.0 is a value to compare
    (`v in (None, 0)` let a forged `false` row pass as "no row", since False == 0)."""
    return {k: v for k, v in records.items()
            if v is not None and not (k == "notes" and type(v) is int and v == 0)}


def same_state(stored: State, folded: State) -> bool:
    """Whether the stored state is the fold, compared as canonical JSON: 2.0 is not 2 and
    true is not 1 there, as they would be for ==."""
    return (canonical_json(meaningful(stored.records()))
            == canonical_json(meaningful(folded.records())))


def state_digest(state: State) -> str:
    """SHA-256 of the state's records in canonical JSON: equal exactly when two states
    hold the same records, whichever way they were built."""
    return hashlib.sha256(canonical_json(meaningful(state.records())).encode()).hexdigest()


def read_state(conn: sqlite3.Connection) -> State:
    rows = conn.execute("SELECT key, value FROM state").fetchall()
    return State.from_records({k: stored_json.loads(v) for k, v in rows})


def board_at(conn: sqlite3.Connection, plan: Plan, instant: _dt.datetime,
             proven: tuple[int, str, int] | None = None) -> Board:
    """The fold of every event at or before the instant (not a prefix of the log: a
    rehearsal's clock may run backwards), without reading the notes: the events that
    change the board come from a partial index, the notes are only counted. A whole
    second names all of it (clock.through_second). The index is derived data a writer of
    the file could swap: each row it gives is checked against the row itself, and where
    `proven` (head seq, head hash, how many of its events are not notes) is this log's
    head, the index must hold exactly that many events. Call it inside one read
    transaction (Store.board_at), so every count and row comes from the same log."""
    until = through_second(instant)
    count, last = conn.execute(
        "SELECT count(*), max(seq) FROM events WHERE at <= ?", (until,)).fetchone()
    rows = [row for row in conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE kind != 'note' AND at <= ?",
        (until,)) if row[3] != "note" and isinstance(row[1], str) and row[1] <= until]
    # a time outside golive's years, a word, '' or a number would silently fall out of
    # (or into) every board: each sorts outside these bounds, found in the index (two
    # ranges: with OR, SQLite scans the table for min(seq))
    odd = conn.execute("SELECT min(seq) FROM (SELECT seq FROM events WHERE at < ? "
                       "UNION ALL SELECT seq FROM events WHERE at > ?)",
                       UTC_TEXT_BOUNDS).fetchone()[0]
    head = GENESIS
    if last is not None:
        head = Event.from_row(conn.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE "
                                           "seq = ?", (last,)).fetchone()).hash
    if proven is not None and tail(conn)[:2] == proven[:2]:
        indexed = conn.execute("SELECT count(*) FROM events WHERE kind != 'note'"
                               ).fetchone()[0]
        if indexed != proven[2]:
            raise StoreError("store.index_differs", indexed=indexed, proven=proven[2])
    if odd is not None:
        raise DamagedEvent(odd, "damaged.at")
    state = State()
    for row in sorted(rows):
        fold_one(state, Event.from_row(row))
    state.notes = count - len(rows)  # apply_event only counts a note
    if has_signed(state):
        from golive.data.signing.signatures import check_state

        check_state(plan, state, conn)
    return evaluate(plan, state, instant, events=count, head=head)


def iter_events(conn: sqlite3.Connection, start: int = 1, limit: int | None = None
                ) -> Iterator[Event]:
    sql = f"SELECT {EVENT_COLUMNS} FROM events WHERE seq >= ? ORDER BY seq"
    params: tuple[Any, ...] = (start,)
    if limit is not None:
        sql += " LIMIT ?"
        params = (start, limit)
    cursor = conn.execute(sql, params)
    while rows := cursor.fetchmany(1000):
        for row in rows:
            yield Event.from_row(row)
