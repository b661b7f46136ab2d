"""The store: one SQLite file on disk, append-only and hash-chained, safe with several
writers, and refusing files it must not touch."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from contextlib import closing

import pytest

from golive.data.changes.commands import Approve, Note, Revoke, SetGate
from golive.data.changes.refused import Refused
from golive.data.log.dbfile import BUSY_TIMEOUT_MS, StoreError
from golive.data.log.events import GENESIS, event_hash
from golive.data.log.schema import SCHEMA_VERSION
from golive.data.log.store import Store
from golive.data.time.clock import FixedClock, RealClock, to_utc_text

from support.records import at

ZONE = "Europe/Berlin"


def raw(path):
    """A plain sqlite3 connection, as any other tool would open the file."""
    return sqlite3.connect(str(path), isolation_level=None)


def snapshot(path):
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, st.st_size


# --- the file --------------------------------------------------------------------------------


def test_pragmas_and_mode(store, db_path):
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # the wait the "busy" message promises ("… hielt sie 5 s"), not merely some wait
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS == 5000
    with raw(db_path) as other:  # WAL is a property of the file, not the connection
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.apply(Note("x"), "tester")
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and stat.S_IMODE(wal.stat().st_mode) == 0o600


def test_reopened_store_sets_synchronous_full(store, db_path):
    s = Store.open(db_path, RealClock(ZONE))
    try:
        assert s.conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    finally:
        s.close()


def test_mode_0600_despite_a_permissive_umask(tmp_path, plan):
    old = os.umask(0)
    try:
        s = Store.create(tmp_path / "g.sqlite", plan, FixedClock(plan.t0), "t")
        s.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "g.sqlite").stat().st_mode) == 0o600


def test_plan_lives_in_the_file(store, db_path, plan):
    """Later commands need only the file: the first event holds the plan's source."""
    first = next(store.events())
    assert (first.seq, first.kind, first.prev_hash) == (1, "init", GENESIS)
    assert first.payload["plan"] == plan.source
    assert first.actor == "tester"
    store.close()
    again = Store.open(db_path, RealClock(ZONE))
    try:
        assert again.plan.source == plan.source
        assert again.plan.t0 == plan.t0
        assert [i.id for i in again.plan.items] == [i.id for i in plan.items]
    finally:
        again.close()


def test_create_refuses_an_existing_file(store, db_path, plan):
    before = snapshot(db_path)
    with pytest.raises(StoreError, match="already exists; nothing was changed"):
        Store.create(db_path, plan, FixedClock(plan.t0), "x")
    assert snapshot(db_path) == before


def test_create_in_a_missing_directory(tmp_path, plan):
    with pytest.raises(StoreError, match="does not exist"):
        Store.create(tmp_path / "no" / "g.sqlite", plan, FixedClock(plan.t0), "x")


def test_open_a_missing_file(tmp_path):
    with pytest.raises(StoreError, match="golive init"):
        Store.open(tmp_path / "none.sqlite", RealClock())
    assert not (tmp_path / "none.sqlite").exists()


def test_newer_schema_is_refused_untouched(store, db_path):
    store.apply(Note("vorher"), "tester")
    store.close()
    with raw(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = snapshot(db_path)
    with pytest.raises(StoreError,
                       match=rf"newer golive \(schema {SCHEMA_VERSION + 1}.*not touched"):
        Store.open(db_path, RealClock(ZONE))
    assert snapshot(db_path) == before


def test_non_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Go-Live Notizen\n" * 200, "utf-8")
    before = snapshot(path)
    with pytest.raises(StoreError, match="not a golive database"):
        Store.open(path, RealClock())
    assert snapshot(path) == before


@pytest.mark.parametrize("user_version", [0, 1])
def test_foreign_sqlite_file_is_refused_untouched(tmp_path, user_version):
    path = tmp_path / "other.sqlite"
    with raw(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('Anna')")
        conn.execute(f"PRAGMA user_version = {user_version}")
    conn.close()
    before = snapshot(path)
    with pytest.raises(StoreError, match="not a golive database"):
        Store.open(path, RealClock())
    assert snapshot(path) == before
    with raw(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("customers",)]


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    with pytest.raises(StoreError, match="not a golive database"):
        Store.open(path, RealClock())
    assert path.stat().st_size == 0


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path, RealClock())


# --- events ---------------------------------------------------------------------------------


def test_events_are_chained_with_clock_time_and_actor(store):
    store.apply(Approve("approval.business", "Dana"), "rm")
    store.clock = FixedClock(at("2026-03-06T09:30:00.250000"))
    store.apply(Note("Statuscall läuft"), "anna")
    events = list(store.events())
    assert [e.seq for e in events] == [1, 2, 3]
    assert [e.actor for e in events] == ["tester", "rm", "anna"]
    assert events[1].at == "2026-03-05T09:00:00.000000Z"  # the frozen clock, in UTC
    assert events[2].at == "2026-03-06T08:30:00.250000Z"
    for prev, e in zip(events, events[1:], strict=False):
        assert e.prev_hash == prev.hash
    for e in events:
        assert e.hash == event_hash(e.prev_hash, e.seq, e.at, e.actor, e.kind, e.target,
                                    e.stored_payload())
    assert store.head() == events[-1].hash and store.event_count() == 3
    report = store.verify()
    assert report.ok and report.events == 3 and report.head == events[-1].hash


def test_events_stream_from_start_with_limit(store):
    for n in range(5):
        store.apply(Note(f"n{n}"), "t")
    assert [e.seq for e in store.events(start=3, limit=2)] == [3, 4]
    assert [e.payload["text"] for e in store.events(start=5)] == ["n3", "n4"]


def test_refused_write_leaves_no_transaction(store):
    with pytest.raises(Refused, match="^unknown id 'nope'$"):
        store.apply(Approve("nope", "Xaver Huber"), "t")
    assert not store.conn.in_transaction
    with pytest.raises(Refused, match="actor"):
        store.apply(Note("x"), " \n")
    store.apply(Note("danach"), "t")
    assert store.event_count() == 2


def test_actor_is_one_line(store):
    store.apply(Note("x"), "Anna\nBerg\x1b[2J")
    assert list(store.events())[-1].actor == "Anna Berg[2J"


# --- two connections, several processes -----------------------------------------------------


def test_two_stores_on_one_file_see_each_other(store, db_path):
    """Each write validates against the latest state, whoever wrote it."""
    other = Store.open(db_path, FixedClock(at("2026-03-05T10:05")))
    try:
        version = store.data_version()
        other.apply(Approve("approval.product", "Paula Peters"), "b")
        assert store.data_version() != version
        assert store.board().item("approval.product").state == "approved"
        with pytest.raises(Refused, match="already approved"):
            store.apply(Approve("approval.product", "Paula Peters"), "a")
        store.apply(Revoke("approval.product", "zu früh"), "a")
        assert other.board().item("approval.product").state == "revoked"
        other.apply(SetGate("gate.monitoring", "green"), "b")
        store.apply(Note("gesehen"), "a")
        assert [e.actor for e in other.events()] == ["tester", "b", "a", "b", "a"]
        assert store.verify().ok and other.verify().ok
        assert store.head() == other.head()
    finally:
        other.close()


WRITER = textwrap.dedent("""
    import sys
    from golive.data.time.clock import RealClock
    from golive.data.changes.commands import Note
    from golive.data.log.store import Store
    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store.open(path, RealClock("Europe/Berlin"))
    sys.stdout.write("ready\\n"); sys.stdout.flush()
    sys.stdin.readline()  # start together
    for n in range(count):
        store.apply(Note(f"{name}-{n}"), name)
    store.close()
""")


def test_concurrent_writer_processes_keep_the_chain(store, db_path):
    """4 processes x 25 notes at once: every note lands once, in one unbroken chain."""
    store.close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), f"w{i}", "25"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for i in range(4)]
    for p in procs:
        assert p.stdout.readline() == "ready\n"
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    s = Store.open(db_path, RealClock(ZONE))
    try:
        events = list(s.events())
        assert [e.seq for e in events] == list(range(1, 102))
        notes = [e.payload["text"] for e in events[1:]]
        assert sorted(notes) == sorted(f"w{i}-{n}" for i in range(4) for n in range(25))
        for i in range(4):  # each writer's own notes stay in its order
            mine = [t for t in notes if t.startswith(f"w{i}-")]
            assert mine == [f"w{i}-{n}" for n in range(25)]
        report = s.verify()
        assert report.ok, report.problems
        assert report.events == 101
        assert s.board().events == 101
        state, _, _ = s.read()
        assert state.notes == 100
    finally:
        s.close()


CREATOR = textwrap.dedent("""
    import sys
    from golive.data.time.clock import RealClock
    from golive.data.plan.source import load_default_plan
    from golive.data.log.store import Store
    plan = load_default_plan()
    sys.stdout.write("ready\\n"); sys.stdout.flush()
    sys.stdin.readline()
    store, created = Store.open_or_create(sys.argv[1], plan, RealClock(), sys.argv[2])
    print(created, store.event_count())
    store.close()
""")


def test_simultaneous_first_starts_share_one_file(tmp_path):
    """Several cockpits started at once on a missing file: one creates it, the others
    open it, nobody sees it half made."""
    for round_ in range(4):
        path = tmp_path / f"r{round_}.sqlite"
        procs = [subprocess.Popen([sys.executable, "-c", CREATOR, str(path), f"p{i}"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for i in range(4)]
        for p in procs:
            assert p.stdout.readline() == "ready\n"
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        outs = []
        for p in procs:
            out, err = p.communicate(timeout=60)
            assert p.returncode == 0, err.strip().splitlines()[-1]
            outs.append(out.split())
        assert sorted(o[0] for o in outs) == ["False", "False", "False", "True"]
        assert {o[1] for o in outs} == {"1"}
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # No half-made temporary file is left. SQLite's own -wal/-shm may stay: when the last
    # two connections close at the same instant, each still sees the other's shared lock,
    # so neither may checkpoint and delete them (the next opener recovers them). They are
    # allowed, but must carry the file's own mode.
    left = sorted(p.name for p in tmp_path.iterdir())
    assert [n for n in left if not n.endswith(("-wal", "-shm"))] == \
        [f"r{n}.sqlite" for n in range(4)]
    for name in left:
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
    for n in range(4):
        with closing(sqlite3.connect(tmp_path / f"r{n}.sqlite")) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("SELECT count(*) FROM events").fetchone() == (1,)


# --- the triggers, through a plain sqlite3 connection ---------------------------------------


def _row(conn, seq):
    return conn.execute("SELECT * FROM events WHERE seq = ?", (seq,)).fetchone()


@pytest.mark.parametrize("sql", [
    "UPDATE events SET actor = 'mallory' WHERE seq = 2",
    "UPDATE events SET payload = '{}'",
    "DELETE FROM events WHERE seq = 2",
    "DELETE FROM events",
    "INSERT OR REPLACE INTO events SELECT seq, at, 'mallory', kind, target, payload, "
    "prev_hash, hash FROM events WHERE seq = 2",
    "REPLACE INTO events SELECT * FROM events WHERE seq = 1",
    "INSERT INTO events (seq, at, actor, kind, target, payload, prev_hash, hash) "
    "SELECT 5, at, actor, kind, target, payload, prev_hash, hash FROM events WHERE seq = 2",
    "INSERT INTO events (seq, at, actor, kind, target, payload, prev_hash, hash) "
    "SELECT 3, at, actor, kind, target, payload, prev_hash, hash FROM events WHERE seq = 2",
    "INSERT INTO events (seq, at, actor, kind, target, payload, prev_hash, hash) VALUES "
    "(NULL, 'x', 'm', 'note', '', '{}', (SELECT hash FROM events WHERE seq = 1), 'h')",
    "INSERT INTO events SELECT * FROM events WHERE seq = 2 "
    "ON CONFLICT(seq) DO UPDATE SET actor = 'mallory'",
])
def test_triggers_refuse_rewriting_the_log(store, db_path, sql):
    store.apply(Note("echt"), "tester")
    head = store.head()
    conn = raw(db_path)
    try:
        before = conn.execute("SELECT * FROM events ORDER BY seq").fetchall()
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute(sql)
        assert conn.execute("SELECT * FROM events ORDER BY seq").fetchall() == before
    finally:
        conn.close()
    assert store.head() == head and store.verify().ok


def test_triggers_refuse_replace_even_with_recursive_triggers(store, db_path):
    """INSERT OR REPLACE would skip DELETE triggers; the INSERT trigger catches it anyway."""
    store.apply(Note("echt"), "tester")
    conn = raw(db_path)
    try:
        for setting in ("OFF", "ON"):
            conn.execute(f"PRAGMA recursive_triggers = {setting}")
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                conn.execute("INSERT OR REPLACE INTO events SELECT * FROM events WHERE seq = 2")
    finally:
        conn.close()


def test_a_correctly_chained_insert_is_allowed(store, db_path):
    """The trigger guards the chain's shape; the next link from outside is still caught
    by verify if its hash is wrong."""
    seq, prev = 2, store.head()
    conn = raw(db_path)
    try:
        conn.execute("INSERT INTO events VALUES (?, ?, 'm', 'note', '', '{\"text\": \"x\"}', "
                     "?, 'bogus')", (seq, to_utc_text(at("2026-03-05T10:00")), prev))
    finally:
        conn.close()
    report = store.verify()
    assert not report.ok and "event 2" in report.problems[0]


def _tamper(db_path, seq, **changes):
    """Alter an event behind the triggers' back: drop, update, recreate."""
    conn = raw(db_path)
    try:
        (trigger_sql,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'events_no_update'").fetchone()
        conn.execute("BEGIN")
        conn.execute("DROP TRIGGER events_no_update")
        for column, value in changes.items():
            conn.execute(f"UPDATE events SET {column} = ? WHERE seq = ?", (value, seq))
        conn.execute(trigger_sql)
        conn.execute("COMMIT")
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = "
                                            "'trigger'")}
        assert "events_no_update" in names
    finally:
        conn.close()


def _some_history(store):
    store.apply(Approve("approval.business", "Dana"), "rm")
    store.apply(Note("Statuscall 1"), "rm")
    store.apply(SetGate("gate.monitoring", "red", "Alarme fehlen"), "rm")
    store.apply(Note("Statuscall 2"), "rm")


def test_altered_event_is_caught_by_verify(store, db_path):
    _some_history(store)
    assert store.verify().ok
    _tamper(db_path, 3, payload=json.dumps({"text": "Statuscall 1 (geschönt)"}))
    report = store.verify()
    assert not report.ok
    assert report.problems[0] == ("event 3 (note) was altered: its hash does not match its "
                                  "content")


def test_altered_and_rehashed_event_breaks_the_next_link(store, db_path):
    _some_history(store)
    e2 = list(store.events())[1]
    fake = {"by": "Mallory"}
    digest = event_hash(e2.prev_hash, 2, e2.at, e2.actor, e2.kind, e2.target, fake)
    _tamper(db_path, 2, payload=json.dumps(fake), hash=digest)
    report = store.verify()
    assert not report.ok and report.problems[0].startswith("event 3: does not link")


def test_removed_last_event_is_caught(store, db_path):
    """Cutting the tail keeps the chain valid, but the state no longer matches the fold."""
    _some_history(store)
    conn = raw(db_path)
    try:
        conn.execute("DROP TRIGGER events_no_delete")
        conn.execute("DELETE FROM events WHERE seq = 5")
    finally:
        conn.close()
    report = store.verify()
    assert report.problems[0] == "stored state 'notes' differs from the log"
    assert "events_no_delete" in report.problems[1]


def test_tampered_state_row_is_caught(store, db_path):
    """The materialised state must equal the fold of the log."""
    _some_history(store)
    conn = raw(db_path)
    try:
        (value,) = conn.execute(
            "SELECT value FROM state WHERE key = 'item:gate.monitoring'").fetchone()
        rec = json.loads(value)
        rec.update(state="green", note=None)
        conn.execute("UPDATE state SET value = ? WHERE key = 'item:gate.monitoring'",
                     (json.dumps(rec),))
    finally:
        conn.close()
    with pytest.raises(StoreError, match="stored state is not what the log says"):
        store.board()  # a reader refuses it rather than show a green gate
    report = store.verify()
    assert report.problems == ("stored state 'item:gate.monitoring' differs from the log",)


def test_deleted_state_row_is_caught(store, db_path):
    _some_history(store)
    with raw(db_path) as conn:
        conn.execute("DELETE FROM state WHERE key = 'item:approval.business'")
    conn.close()
    with pytest.raises(StoreError, match="stored state is not what the log says"):
        store.board()  # a reader refuses it rather than show the sign-off as pending
    report = store.verify()
    assert report.problems == ("stored state 'item:approval.business' differs from the log",)


# --- the board as it was ---------------------------------------------------------------------


def test_board_at_shows_the_past(store):
    store.clock = FixedClock(at("2026-03-05T11:00"))
    store.apply(Approve("approval.sre", "Sven Stahl"), "rm")
    store.clock = FixedClock(at("2026-03-05T12:00"))
    store.apply(Revoke("approval.sre", "Kapazität"), "rm")
    store.clock = FixedClock(at("2026-03-06T12:00"))

    before = store.board_at(at("2026-03-05T10:59:59"))
    assert before.item("approval.sre").state == "pending"
    assert before.events == 1
    during = store.board_at(at("2026-03-05T11:00"))
    assert during.item("approval.sre").state == "approved"
    assert during.events == 2
    assert during.head == list(store.events())[1].hash
    assert during.now == at("2026-03-05T11:00")
    assert during.window == "t-24h"
    after = store.board_at(at("2026-03-05T12:30"))
    assert (after.item("approval.sre").state, after.item("approval.sre").reason) == (
        "revoked", "Kapazität")
    now = store.board()
    assert now.head == after.head and now.item("approval.sre").state == "revoked"
