"""Large golive files, fast: notes inserted straight into SQLite with a real hash chain.

Appending through `Store.apply` costs one transaction (and one fsync) per event, far too
slow for a million events. This builder writes what `Store.apply(Note(...))` would write,
row for row: the same columns and JSON form (`json.dumps(payload, ensure_ascii=False)`),
the hash from `golive.data.log.events.event_hash`, `at` in the stored UTC form of
`golive.data.time.clock.to_utc_text`, and the materialised `state` row `notes` (the count as
JSON, `seq` of the last note) updated in the same transaction, so `Store.verify()` passes.
Inserts go through the file's own append-only trigger, which checks every link.

Used by bench/startup_bench.py and tests/unit/test_large_log.py; not part of the package.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from golive.data.log import seen_heads
from golive.data.log.chain import Trusted
from golive.data.log.eventlog import EVENT_COLUMNS, state_digest
from golive.data.log.events import STATE_DIGEST, event_hash
from golive.data.log.fold import State
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant, to_utc_text

ZONE = "Europe/Berlin"
CREATED = "2026-03-04T16:00:00"  # local time of event 1 (init), as in tests/support/scenarios.py
NOW = "2026-03-06T09:00:00"  # T-1h on the default plan: after the last of 1M notes
STEP_US = 50_000  # notes are 50 ms apart: a million of them span 13.9 hours
ACTORS = ("rm", "Anna Schmidt", "ops-bot", "Ben Meyer", "Carla Wolf", "Jürgen Groß")
BATCH = 50_000
VERSION = 2  # bump when the rows written change, so cached files are rebuilt


def created() -> dt.datetime:
    return parse_instant(CREATED, ZONE)


def now_clock() -> FixedClock:
    return FixedClock(parse_instant(NOW, ZONE))


def note_text(seq: int) -> str:
    return f"Zwischenstand {seq}: Schritt {seq % 7} ok, Fehlerquote {seq % 13} ‰ [Status-Kanal]"


def actor(seq: int) -> str:
    return ACTORS[seq % len(ACTORS)]


def at_text(base: dt.datetime, seq: int) -> str:
    """Event `seq` (2 …) is (seq - 1) * STEP_US after event 1; same text as to_utc_text."""
    return (base + dt.timedelta(microseconds=(seq - 1) * STEP_US)).strftime(
        "%Y-%m-%dT%H:%M:%S.%fZ")


def build(path: Path, events: int, batch: int = BATCH, *, real: bool = False) -> str:
    """A new golive file on the default plan with `events` events in all (event 1 is the
    plan, the rest are notes). Returns the head hash. A rehearsal by default (made on a
    fixed clock, it accepts `--now`); `real` makes a real file, which golive writes only
    on the wall clock (its notes lie in the past, so a write now moves time forward)."""
    if events < 1:
        raise ValueError("a golive file has at least its init event")
    start = created()
    store = Store.create(path, load_default_plan(), FixedClock(start), actor(1),
                         rehearsal=not real)
    head = store.head()
    store.close()
    base = dt.datetime.fromisoformat(to_utc_text(start).replace("Z", "+00:00"))
    assert at_text(base, 1) == to_utc_text(start)
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")  # a benchmark file need not survive a crash
        insert = (f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        seq = 1
        while seq < events:
            last = min(events, seq + batch)
            rows = []
            for s in range(seq + 1, last + 1):
                at, who = at_text(base, s), actor(s)
                payload = {"text": note_text(s), STATE_DIGEST: state_digest(State(notes=s - 1))}
                digest = event_hash(head, s, at, who, "note", "", payload)
                rows.append((s, at, who, "note", "", json.dumps(payload, ensure_ascii=False),
                             head, digest))
                head = digest
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(insert, rows)
            # what Store.apply writes for a note: State.records()["notes"] as JSON
            conn.execute(
                "INSERT INTO state (key, value, seq) VALUES (?, ?, ?) ON CONFLICT(key) "
                "DO UPDATE SET value = excluded.value, seq = excluded.seq",
                ("notes", json.dumps(last - 1), last))
            conn.execute("COMMIT")
            seq = last
        genesis = conn.execute("SELECT hash FROM events WHERE seq = 1").fetchone()[0]
    finally:
        conn.close()  # the last close folds the WAL back into the file
    # what the golive processes writing these notes would have remembered (seen_heads): a
    # file golive wrote itself is opened from its last proven head, not walked again
    seen_heads.record(path, genesis, Trusted(events, head, at_text(base, events),
                                             State(notes=events - 1)))
    return head
