"""`golive verify`: recompute the chain, check the file, and compare the stored state with
the fold of the log, naming the first event that is wrong.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from golive.data.dbfile import StoreError, connect, friendly
from golive.data.eventlog import fold_one, iter_events, meaningful, read_state, state_digest
from golive.data.events import GENESIS, KINDS, DamagedEvent
from golive.data.schema import SCHEMA_VERSION, check_schema, schema_problem
from golive.data.state import State

Progress = Callable[[int, int], None]  # (done, total): long reads report as they go


@dataclass(frozen=True)
class VerifyReport:
    events: int
    head: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_log(conn: sqlite3.Connection, progress: Progress | None = None) -> VerifyReport:
    """Recompute the chain, run SQLite's integrity check, compare the stored state with
    the fold. Names the first bad event. Needs no plan, so a tampered plan event is
    reported like any other. `progress(done, total)` is called every 1000 events."""
    problems: list[str] = []
    prev, expected_seq, count = GENESIS, 1, 0
    state = State()
    last_digest: str | None = None
    try:
        total = conn.execute("SELECT max(seq) FROM events").fetchone()[0] or 0
        for event in iter_events(conn):
            count += 1
            if event.seq != expected_seq:
                problems.append(f"event {expected_seq} is missing (next is {event.seq})")
                break
            if event.prev_hash != prev:
                problems.append(f"event {event.seq}: does not link to event "
                                f"{event.seq - 1} (prev_hash differs)")
                break
            if event.hash != event.expected_hash():
                what = " ".join(part for part in (event.kind, event.target) if part)
                problems.append(f"event {event.seq} ({what}) was altered: its hash does "
                                "not match its content")
                break
            if event.kind not in KINDS or (event.seq == 1) != (event.kind == "init"):
                problems.append(f"event {event.seq}: unexpected kind {event.kind!r}")
                break
            fold_one(state, event)
            last_digest = event.state_digest
            prev, expected_seq = event.hash, expected_seq + 1
            if progress is not None and count % 1000 == 0:
                progress(count, total)
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except DamagedEvent as exc:
        return VerifyReport(count, prev, (*problems, f"{exc} (changed outside golive)"))
    except (sqlite3.Error, ValueError, KeyError) as exc:
        return VerifyReport(count, prev, (*problems, f"cannot read the log: {exc}"))
    if integrity != ["ok"]:
        problems.append("SQLite integrity check: " + "; ".join(integrity[:3]))
    if not problems and count and last_digest not in (None, state_digest(state)):
        problems.append(f"event {count}: the state it records is not the fold of the log")
    if not problems:
        try:
            stored = meaningful(read_state(conn).records())
        except (ValueError, TypeError, AttributeError):
            stored = None
            problems.append("the stored state cannot be read (changed outside golive)")
        folded = meaningful(state.records())
        for key in sorted((stored or {}).keys() | folded.keys()):
            if stored is not None and stored.get(key) != folded.get(key):
                problems.append(f"stored state '{key}' differs from the log")
                break
    schema = schema_problem(conn, SCHEMA_VERSION)
    if schema is not None:
        problems.append(schema)
    return VerifyReport(count, prev, tuple(problems))


def verify_file(path: str | Path, progress: Progress | None = None) -> VerifyReport:
    """`golive verify` on a file, without reading its plan: a file whose plan event was
    tampered with until it no longer parses still gets a verdict naming that event."""
    path = Path(path)
    if not path.is_file():
        raise StoreError("store.missing", path=str(path))
    conn = connect(path)
    try:
        check_schema(conn, path, triggers=False)  # verify reports them itself
        return verify_log(conn, progress)
    except sqlite3.Error as exc:
        raise friendly(exc, path) from None
    finally:
        conn.close()
