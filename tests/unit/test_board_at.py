"""The board at a past instant comes from the board-changing events and a count of the
rest (issue 10). It must equal the plain fold of every event at or before the instant,
byte for byte as `status --at` prints it, also when a rehearsal's clock ran backwards."""

from __future__ import annotations

import json
import sqlite3

from golive.data.changes.commands import (
    Approve,
    Decide,
    Note,
    Reject,
    Revoke,
    SetContact,
    SetGate,
    StagingStableSince,
)
from golive.data.log.fold import fold
from golive.data.log.schema import DERIVED_INDEXES
from golive.data.log.store import Store
from golive.data.outputs.report import board_to_dict
from golive.data.outputs.status_text import status_text
from golive.data.rules.verdict import evaluate
from golive.data.time.clock import FixedClock, through_second

from support.records import at


def reference(store: Store, instant):
    """The definition: fold every event at or before the instant (a whole second: through
    its end), in log order."""
    until = through_second(instant)
    events = [e for e in store.events() if e.at <= until]
    state = fold(events)
    return evaluate(store.plan, state, instant, events=len(events),
                    head=events[-1].hash if events else "0" * 64)


def write(store, when, command):
    store.clock = FixedClock(at(when))
    store.apply(command, "rm")


def day_with_a_clock_that_runs_backwards(store):
    write(store, "2026-03-05T11:00", Approve("approval.sre", "Sven Stahl"))
    write(store, "2026-03-05T11:05", Note("zwischenstand [Status-Kanal]"))
    write(store, "2026-03-05T12:00", Revoke("approval.sre", "Kapazität"))
    write(store, "2026-03-05T10:30", Note("nachgetragen"))  # earlier than the last
    write(store, "2026-03-05T10:45", SetGate("gate.monitoring", "green", "ok"))
    write(store, "2026-03-05T13:00", SetContact("contact.status-channel", channel="#s"))
    write(store, "2026-03-05T13:00", StagingStableSince(at("2026-03-04T09:00")))
    write(store, "2026-03-05T13:30", Reject("approval.product", "Paula Peters", "fehlt"))
    for minute in range(10):
        write(store, f"2026-03-05T14:{minute:02d}", Note(f"n{minute}"))
    write(store, "2026-03-05T14:05", Decide("no-go", "Rita Maier", "Gate rot"))
    write(store, "2026-03-05T09:00", Note("ganz frueh"))


INSTANTS = ["2026-03-04T00:00", "2026-03-05T09:00", "2026-03-05T10:30", "2026-03-05T10:44",
            "2026-03-05T11:00", "2026-03-05T11:59:59", "2026-03-05T12:00", "2026-03-05T13:00",
            "2026-03-05T14:04:59", "2026-03-05T14:05", "2026-03-07T00:00"]


def test_board_at_equals_the_fold_at_every_instant(store):
    day_with_a_clock_that_runs_backwards(store)
    for text in INSTANTS:
        instant = at(text)
        got, want = store.board_at(instant), reference(store, instant)
        assert (got.events, got.head) == (want.events, want.head), text
        assert json.dumps(board_to_dict(got)) == json.dumps(board_to_dict(want)), text
        assert status_text(got) == status_text(want), text


def test_board_at_reads_indexes_not_the_log(store):
    """The query plans, not a stopwatch: the notes are counted in an index, and only the
    board-changing events are read from the table."""
    plans = [" ".join(str(r[3]) for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql,
                                                             ("2026",)))
             for sql in ("SELECT count(*), max(seq) FROM events WHERE at <= ?",
                         "SELECT * FROM events WHERE kind != 'note' AND at <= ?")]
    assert "COVERING INDEX events_at" in plans[0]
    assert "INDEX events_board_at" in plans[1]


def test_a_file_without_the_indexes_gets_them_and_the_same_answers(db_path, plan):
    """A file from before the indexes (same schema version: they are derived data) answers
    the same read-only, and gains them at its next read-write open."""
    store = Store.create(db_path, plan, FixedClock(at("2026-03-05T10:00")), "rm")
    day_with_a_clock_that_runs_backwards(store)
    store.close()
    conn = sqlite3.connect(db_path, isolation_level=None)
    for name in DERIVED_INDEXES:
        conn.execute(f"DROP INDEX {name}")
    conn.close()

    def indexes(s: Store) -> set[str]:
        return {r[0] for r in s.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")}

    clock = FixedClock(at("2026-03-06T09:00"))
    for read_only in (True, False):
        store = Store.open(db_path, clock, read_only=read_only)
        try:
            assert (DERIVED_INDEXES.keys() <= indexes(store)) is not read_only
            assert store.verify().ok
            for text in INSTANTS:
                assert board_to_dict(store.board_at(at(text))) == board_to_dict(
                    reference(store, at(text)))
        finally:
            store.close()


def test_the_log_as_it_was_never_holds_an_event_from_after_the_instant(store):
    """The a view's log: the events from the first up to the first one after the
    instant, also where the clock ran backwards (an event after it is never shown)."""
    day_with_a_clock_that_runs_backwards(store)
    rows = store.conn.execute("SELECT seq, at FROM events ORDER BY seq").fetchall()
    for instant in INSTANTS:
        n = store.log_prefix_at(at(instant))
        until = through_second(at(instant))
        assert all(at_ <= until for seq, at_ in rows[:n]), instant
        assert n == len(rows) or rows[n][1] > until, instant
        assert n == store.log_prefix_at(at(instant), own_connection=True)
    assert store.log_prefix_at(at("2026-03-05T10:59")) == 1  # the file's first event only
    assert store.log_prefix_at(at("2026-03-07T00:00")) == len(rows)


def test_as_of_a_whole_second_holds_what_the_log_shows_in_that_second(store: Store) -> None:
    """An event written at 09:02:20.048 reads 09:02:20 in the log: the board and the log
    as of 09:02:20 hold it, as of 09:02:19 they do not (a GO just recorded was missing
    from the as-of view its own prefill offered)."""
    write(store, "2026-03-05T11:02:20.048", Note("eben"))
    seq = store.event_count()
    assert store.board_at(at("2026-03-05T11:02:20")).events == seq
    assert store.log_prefix_at(at("2026-03-05T11:02:20")) == seq
    assert store.board_at(at("2026-03-05T11:02:19")).events == seq - 1
    assert store.log_prefix_at(at("2026-03-05T11:02:19")) == seq - 1
    # an instant with a fraction (a recorded event's) stays exact
    assert store.board_at(at("2026-03-05T11:02:20.047")).events == seq - 1
