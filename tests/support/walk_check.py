"""verify's walk (golive.data.log.chain.walk) against the per-event check it stands for
(`_step` for every row): both give the same verdict on the same rows, damaged or not."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from golive.data.log.chain import Trusted, _step, walk
from golive.data.log.eventlog import EVENT_COLUMNS
from golive.data.log.events import GENESIS, DamagedEvent
from golive.data.log.fold import State


def events_table(rows: Iterable[tuple[Any, ...]]) -> sqlite3.Connection:
    """The rows in an events table of their own (no triggers: damage goes in as given)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, at, actor, kind, target, "
                 "payload, prev_hash, hash)")
    conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return conn


def by_walk(conn: sqlite3.Connection, real: bool) -> tuple[Any, ...]:
    """(last trusted seq, its hash, the problem's key and values, the folded state)."""
    walked = walk(conn, Trusted(), real=real)
    problem = walked.problem
    return (walked.trusted.seq, walked.trusted.hash, problem.key if problem else None,
            problem.values if problem else None, walked.trusted.state.records())


def by_step(conn: sqlite3.Connection, real: bool) -> tuple[Any, ...]:
    """The same, as `_step` for every event decides it."""
    state, prev, latest, notes = State(), GENESIS, "", None
    seq = 0
    for row in conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq"):
        problem, prev, latest, notes = _step(row, state, seq + 1, prev, latest, notes, real)
        if problem is not None:
            return seq, prev, problem.key, problem.values, state.records()
        seq = row[0]
    return seq, prev, None, None, state.records()


def outcome(run: Callable[[], tuple[Any, ...]]) -> tuple[Any, ...]:
    """What `run` gives, or the damaged event it raised for."""
    try:
        return run()
    except DamagedEvent as exc:
        return ("damaged", exc.seq, exc.key, exc.values)
