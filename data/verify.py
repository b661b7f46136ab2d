"""`golive verify`: recompute the chain, check the file, and compare the stored state with
the fold of the log, naming the first event that is wrong.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from golive.data.dbfile import StoreError, connect, error_text, friendly
from golive.data.eventlog import EVENT_COLUMNS, fold_one, meaningful, read_state, state_digest
from golive.data.events import (
    GENESIS,
    KINDS,
    DamagedEvent,
    Event,
    canonical_payload,
    check_row,
    event_hash_canonical,
    plain_canonical,
)
from golive.data.schema import SCHEMA_VERSION, check_schema, schema_problem
from golive.data.state import State
from golive.data.texts import Term

Progress = Callable[[int, int], None]  # (done, total): long reads report as they go


@dataclass(frozen=True)
class VerifyReport:
    events: int
    head: str
    found: tuple[Term, ...]  # each problem, in the catalogue's words

    @property
    def ok(self) -> bool:
        return not self.found

    @property
    def problems(self) -> tuple[str, ...]:
        """The problems in English (logs, tests); `lines(lang)` for a reader."""
        return self.lines("en")

    def lines(self, lang: str) -> tuple[str, ...]:
        return tuple(problem.text(lang) for problem in self.found)


def verify_log(conn: sqlite3.Connection, progress: Progress | None = None) -> VerifyReport:
    """Recompute the chain, run SQLite's integrity check, compare the stored state with
    the fold. Names the first bad event. Needs no plan, so a tampered plan event is
    reported like any other. It runs once per event of a possibly huge log, so it reads
    plain rows and builds no Event for a note. `progress(done, total)` is called every
    1000 events."""
    problems: list[Term] = []
    prev, expected_seq, count = GENESIS, 1, 0
    state = State()
    last: tuple[Any, ...] | None = None
    try:
        total = conn.execute("SELECT max(seq) FROM events").fetchone()[0] or 0
        cursor = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq")
        while rows := cursor.fetchmany(1000):
            for row in rows:
                seq, at, actor, kind, target, stored, prev_hash, digest = row
                count += 1
                if seq != expected_seq:
                    problems.append(Term("verify.missing", expected=expected_seq, seq=seq))
                    break
                if prev_hash != prev:
                    problems.append(Term("verify.link", seq=seq, prev=seq - 1))
                    break
                # a note of plain strings only counts: no Event, payload not parsed
                plain = plain_canonical(stored) if kind == "note" else None
                if plain is not None:
                    check_row(row)  # Event.from_row's checks of the other columns
                event = None if plain is not None else Event.from_row(row)
                if digest != event_hash_canonical(prev_hash, seq, at, actor, kind, target,
                                                  plain or canonical_payload(stored)):
                    what = " ".join(part for part in (kind, target) if part)
                    problems.append(Term("verify.altered", seq=seq, what=what))
                    break
                if kind not in KINDS or (seq == 1) != (kind == "init"):
                    problems.append(Term("verify.kind", seq=seq, kind=repr(kind)))
                    break
                if event is None:
                    state.notes += 1  # all apply_event does for a note
                else:
                    fold_one(state, event)
                prev, expected_seq, last = digest, expected_seq + 1, row
            else:
                if progress is not None:
                    progress(count, total)
                continue
            break
        last_digest = Event.from_row(last).state_digest if last and not problems else None
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except DamagedEvent as exc:
        damage = Term(exc.key or "", **exc.values)
        return VerifyReport(count, prev, (*problems, Term("verify.damaged", what=damage)))
    except (sqlite3.Error, ValueError, KeyError) as exc:
        unreadable = Term("verify.unreadable", msg=error_text(exc))
        return VerifyReport(count, prev, (*problems, unreadable))
    if integrity != ["ok"]:
        problems.append(Term("verify.integrity", details="; ".join(integrity[:3])))
    if not problems and count and last_digest not in (None, state_digest(state)):
        problems.append(Term("verify.digest", seq=count))
    if not problems:
        try:
            stored = meaningful(read_state(conn).records())
        except (ValueError, TypeError, AttributeError):
            stored = None
            problems.append(Term("verify.state_unreadable"))
        folded = meaningful(state.records())
        for key in sorted((stored or {}).keys() | folded.keys()):
            if stored is not None and stored.get(key) != folded.get(key):
                problems.append(Term("verify.state_differs", key=key))
                break
    schema = schema_problem(conn, SCHEMA_VERSION)
    if schema is not None:  # said without the advice to run verify, which this is
        problems.append(schema if schema.key != "schema.triggers"
                        else Term("verify.triggers", **schema.values))
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
