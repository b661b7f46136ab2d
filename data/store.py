"""The store: one SQLite file holding the plan and the append-only, hash-chained event log.

Every write is BEGIN IMMEDIATE; validate against the state read inside that transaction;
append one event; update the materialised state; COMMIT. Several cockpits and scripts may
share the file: SQLite's lock serialises writers, WAL lets readers carry on, and
`PRAGMA data_version` tells a reader that someone else committed.
"""

from __future__ import annotations

import getpass
import json
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pendulum

from golive.data.clock import Clock, is_wall_clock, to_utc_text
from golive.data.commands import Command, Refused
from golive.data.events import (
    GENESIS,
    KINDS,
    Event,
    canonical_payload,
    event_hash,
    event_hash_canonical,
)
from golive.data.plan import Plan, PlanError, parse_plan
from golive.data.rules import Board, evaluate
from golive.data.state import State, apply_event
from golive.data.text import one_line
from golive.data.texts import Term

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 5000
EVENT_COLUMNS = "seq, at, actor, kind, target, payload, prev_hash, hash"


class StoreError(Exception):
    """The file cannot be used as asked; str() is the one line shown to the user."""


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return os.environ.get("USER") or "unknown"


# --- schema and migrations -----------------------------------------------------------------

_SCHEMA_V1 = [
    """CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    # The materialised fold: one JSON record per item, contact and go-live fact.
    "CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL, seq INTEGER NOT NULL)",
    """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
       BEGIN SELECT RAISE(ABORT, 'golive: events are append-only (no UPDATE)'); END""",
    """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
       BEGIN SELECT RAISE(ABORT, 'golive: events are append-only (no DELETE)'); END""",
    # Also catches INSERT OR REPLACE over an existing row (REPLACE skips delete triggers)
    # and any insert that does not continue the chain.
    """CREATE TRIGGER events_append_only BEFORE INSERT ON events
       WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM events)
         OR NEW.prev_hash IS NOT COALESCE(
              (SELECT hash FROM events WHERE seq = NEW.seq - 1), '""" + GENESIS + """')
       BEGIN SELECT RAISE(ABORT, 'golive: events are append-only (not the next link)'); END""",
]

# The board at a past instant reads the few events that change it and counts the notes in
# an index, so `status --at` and the cockpit's `a` never read the whole log. Derived data,
# not schema: a read-write open adds them to a file that lacks them, an older golive and a
# read-only observer use the file as it is, and a file without them gives the same
# answers, only slower.
DERIVED_INDEXES = {
    "events_at": "CREATE INDEX IF NOT EXISTS events_at ON events(at)",
    "events_board_at": "CREATE INDEX IF NOT EXISTS events_board_at ON events(at) "
                       "WHERE kind != 'note'",
}

# version -> statements that take a file from version-1 to version
MIGRATIONS: dict[int, list[str]] = {1: _SCHEMA_V1}


def _friendly(exc: sqlite3.Error, path: Path) -> StoreError:
    msg = str(exc)
    low = msg.lower()
    if "locked" in low or "busy" in low:
        text = f"{path}: database is busy (another writer held it for {BUSY_TIMEOUT_MS // 1000} s)"
    elif "readonly" in low or "read-only" in low:
        text = f"{path}: database is read-only"
    elif "disk is full" in low:
        text = f"{path}: disk is full"
    elif "not a database" in low or "malformed" in low:
        text = f"{path}: not a golive database or damaged ({msg})"
    elif "unable to open" in low:
        text = f"{path}: cannot open the file ({msg})"
    elif "append-only" in low:
        text = f"{path}: {msg}"
    else:
        text = f"{path}: database error: {msg}"
    return StoreError(text + "; nothing was written")


Progress = Callable[[int, int], None]  # (done, total): long reads report as they go


@dataclass(frozen=True)
class VerifyReport:
    events: int
    head: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


class Store:
    """One open golive file. Not thread-safe: use it from one thread at a time."""

    def __init__(self, path: Path, conn: sqlite3.Connection, clock: Clock, *,
                 read_only: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self.clock = clock
        self.plan = self._load_plan()
        self.rehearsal = self._load_mode()

    # opening ----------------------------------------------------------------------------

    @staticmethod
    def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
        # mode=ro: SQLite itself refuses every write; sidecars it may need to read a WAL
        # file are made with the database file's own mode and owner
        target = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
        try:
            conn = sqlite3.connect(target, isolation_level=None, uri=read_only,
                                   timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except sqlite3.Error as exc:
            raise _friendly(exc, path) from None
        return conn

    @classmethod
    def create(cls, path: str | Path, plan: Plan, clock: Clock, actor: str, *,
               rehearsal: bool | None = None, origin: dict[str, Any] | None = None) -> Store:
        """A new file holding the plan; refuses to touch an existing one.

        The file is built under a temporary name and hard-linked into place, so a process
        opening `path` at the same moment never sees it empty or half made. Whether it is
        real or a rehearsal is fixed here, for good: by default a file made on any clock
        but the wall clock is a rehearsal."""
        if rehearsal is None:
            rehearsal = not is_wall_clock(clock)
        path = Path(path)
        if not path.parent.is_dir():
            raise StoreError(f"{path}: directory {path.parent} does not exist")
        if path.exists():
            raise StoreError(f"{path}: already exists; nothing was changed")
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.fchmod(fd, 0o600)
            finally:
                os.close(fd)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create: {exc.strerror}") from None
        try:
            conn = cls._connect(tmp)
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("BEGIN IMMEDIATE")
                for version in range(1, SCHEMA_VERSION + 1):
                    for statement in MIGRATIONS[version]:
                        conn.execute(statement)
                for statement in DERIVED_INDEXES.values():
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                payload = {"plan": plan.source, "plan_name": plan.source_name,
                           "product": plan.product, "release": plan.release,
                           "mode": "rehearsal" if rehearsal else "real", **(origin or {})}
                now = clock.now()
                cls._insert(conn, 1, to_utc_text(now), one_line(actor) or "unknown", "init",
                            "", payload, GENESIS)
                conn.execute("COMMIT")
            finally:
                conn.close()  # the last close folds the WAL into the file and removes it
            os.link(tmp, path)
        except FileExistsError:
            raise StoreError(f"{path}: already exists; nothing was changed") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot create: {exc.strerror}") from None
        except sqlite3.Error as exc:
            raise _friendly(exc, path) from None
        finally:
            for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
                leftover.unlink(missing_ok=True)
        return cls.open(path, clock)

    @classmethod
    def open(cls, path: str | Path, clock: Clock, *, read_only: bool = False) -> Store:
        """An existing golive file, migrated if older; a newer or foreign file is refused
        before anything is written to it. `read_only` opens it so that SQLite refuses
        every write (no WAL switch, no migration)."""
        path = Path(path)
        if not path.exists():
            raise StoreError(f"{path}: no such golive file (create it with 'golive init')")
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a golive file")
        conn = cls._connect(path, read_only)
        try:
            if read_only:
                _check_schema(conn, path, exact=True)
                return cls(path, conn, clock, read_only=True)
            version = cls._schema_version(conn, path)
            if version > SCHEMA_VERSION:
                raise StoreError(f"{path}: written by a newer golive (schema {version}; this "
                                 f"one knows {SCHEMA_VERSION}); not touched")
            conn.execute("PRAGMA synchronous = FULL")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            if version < SCHEMA_VERSION:
                cls._migrate(conn, version)
            cls._add_indexes(conn)
            return cls(path, conn, clock)
        except sqlite3.Error as exc:
            conn.close()
            if read_only:  # mostly: no -shm beside a WAL file, and no right to create one
                raise StoreError(f"{path}: cannot be read read-only ({exc}); an observer "
                                 "needs to read the file and its -wal/-shm files, or to "
                                 "create them in its directory") from None
            raise _friendly(exc, path) from None
        except StoreError:
            conn.close()
            raise

    @classmethod
    def open_or_create(cls, path: str | Path, plan: Plan, clock: Clock, actor: str
                       ) -> tuple[Store, bool]:
        path = Path(path)
        if path.exists():
            return cls.open(path, clock), False
        try:
            return cls.create(path, plan, clock, actor), True
        except StoreError:
            if path.exists():  # another process created it a moment ago
                return cls.open(path, clock), False
            raise

    @staticmethod
    def _schema_version(conn: sqlite3.Connection, path: Path) -> int:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version == 0:
            # Maybe another process is creating it right now: wait for its lock, then look
            # again.
            conn.execute("BEGIN IMMEDIATE")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            has_events = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'events'").fetchone()
            conn.execute("ROLLBACK")
            if version == 0 and not has_events:
                raise StoreError(f"{path}: not a golive database (no golive schema)")
        if 0 < version <= SCHEMA_VERSION:
            # Another program's file may use user_version too: look for our tables before
            # the caller switches the file to WAL.
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"events", "state"} <= tables:
                raise StoreError(f"{path}: not a golive database (no golive schema)")
        return version

    @staticmethod
    def _add_indexes(conn: sqlite3.Connection) -> None:
        """The derived indexes a file from before them lacks (once: ~0.7 s for a million
        events); a lookup in sqlite_master otherwise."""
        present = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")}
        if DERIVED_INDEXES.keys() <= present:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in DERIVED_INDEXES.values():
                conn.execute(statement)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _migrate(conn: sqlite3.Connection, version: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[target]:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _load_plan(self) -> Plan:
        row = self.conn.execute(
            "SELECT kind, payload FROM events WHERE seq = 1").fetchone()
        if row is None or row[0] != "init":
            raise StoreError(f"{self.path}: damaged: the first event is not the plan")
        payload = json.loads(row[1])
        try:
            return parse_plan(payload["plan"], f"{self.path} (stored plan)")
        except PlanError as exc:
            raise StoreError(str(exc)) from None

    def _load_mode(self) -> bool:
        """True for a rehearsal file; a file from before modes existed counts as real."""
        row = self.conn.execute("SELECT payload FROM events WHERE seq = 1").fetchone()
        return bool(row) and json.loads(row[0]).get("mode") == "rehearsal"

    def close(self) -> None:
        self.conn.close()

    # writing ----------------------------------------------------------------------------

    @staticmethod
    def _insert(conn: sqlite3.Connection, seq: int, at: str, actor: str, kind: str,
                target: str, payload: dict[str, Any], prev_hash: str) -> Event:
        digest = event_hash(prev_hash, seq, at, actor, kind, target, payload)
        conn.execute(f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (seq, at, actor, kind, target, json.dumps(payload, ensure_ascii=False),
                      prev_hash, digest))
        return Event(seq, at, actor, kind, target, payload, prev_hash, digest)

    def apply(self, command: Command, actor: str) -> Event:
        """Validate and record one change atomically; Refused or StoreError otherwise."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; nothing was written")
        actor = one_line(actor)
        if not actor:
            raise Refused("err.empty", what=Term("field.actor"))
        if not self.rehearsal and not is_wall_clock(self.clock):
            raise Refused("mode.real_file", path=str(self.path))
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _friendly(exc, self.path) from None
        try:
            state = self._read_state()
            now = self.clock.now()
            change = command.to_change(self.plan, state, now)
            seq, prev = conn.execute(
                "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
            event = self._insert(conn, seq + 1, to_utc_text(now), actor, change.kind,
                                 change.target, change.payload, prev)
            _save_state(conn, state, event)
            conn.execute("COMMIT")
            return event
        except BaseException as exc:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(exc, sqlite3.Error):
                raise _friendly(exc, self.path) from None
            raise

    def replay(self, events: Iterator[Event]) -> int:
        """Append copies of another file's events (time, actor, content) as new links of
        this file's chain: how a rehearsal starts from the real file's state. Only for a
        rehearsal file; returns how many were copied."""
        if not self.rehearsal:
            raise Refused("mode.real_file", path=str(self.path))
        conn = self.conn
        copied = 0
        try:
            conn.execute("BEGIN IMMEDIATE")
            state = self._read_state()
            seq, prev = self._tail()
            for source in events:
                event = self._insert(conn, seq + 1, source.at, source.actor, source.kind,
                                     source.target, source.payload, prev)
                _save_state(conn, state, event)
                seq, prev, copied = event.seq, event.hash, copied + 1
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _friendly(exc, self.path) from None
            raise
        return copied

    # reading ----------------------------------------------------------------------------

    def _read_state(self) -> State:
        return read_state(self.conn)

    def _tail(self) -> tuple[int, str]:
        row = self.conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"
                                ).fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    def read(self) -> tuple[State, int, str]:
        """State, event count and head hash from one consistent read."""
        try:
            self.conn.execute("BEGIN")
            try:
                state = self._read_state()
                count, head = self._tail()
            finally:
                self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise _friendly(exc, self.path) from None
        return state, count, head

    def board(self, now: pendulum.DateTime | None = None) -> Board:
        state, count, head = self.read()
        return evaluate(self.plan, state, now or self.clock.now(), events=count, head=head)

    def board_at(self, instant: pendulum.DateTime, *, own_connection: bool = False) -> Board:
        """The board as it was: the fold of every event at or before the instant.
        `own_connection` reads through a new connection, so a worker thread can ask while
        another thread uses this store."""
        conn = self._connect(self.path, self.read_only) if own_connection else self.conn
        try:
            return board_at(conn, self.plan, instant)
        except sqlite3.Error as exc:
            raise _friendly(exc, self.path) from None
        finally:
            if own_connection:
                conn.close()

    def events(self, start: int = 1, limit: int | None = None) -> Iterator[Event]:
        """Events from seq `start` on, streamed (never the whole log in memory)."""
        return iter_events(self.conn, start, limit)

    def last_approver(self, item_id: str) -> str | None:
        """Who approved this sign-off most recently, even if it was revoked since: the
        name to offer when it is approved again (never another sign-off's approver)."""
        row = self.conn.execute(
            "SELECT json_extract(payload, '$.by') FROM events WHERE kind = 'approve' "
            "AND target = ? ORDER BY seq DESC LIMIT 1", (item_id,)).fetchone()
        return str(row[0]) if row and row[0] else None

    def event_count(self) -> int:
        return self._tail()[0]

    def head(self) -> str:
        return self._tail()[1]

    def data_version(self) -> int:
        """Changes whenever another connection commits: the cheap 'did anything happen?'."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # checking ---------------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        return verify_log(self.conn)


def _save_state(conn: sqlite3.Connection, state: State, event: Event) -> None:
    """Fold the event into the state and keep the materialised row it touched in step."""
    key = apply_event(state, event)
    if key is not None:
        conn.execute(
            "INSERT INTO state (key, value, seq) VALUES (?, ?, ?) ON CONFLICT(key) "
            "DO UPDATE SET value = excluded.value, seq = excluded.seq",
            (key, json.dumps(state.records()[key], ensure_ascii=False), event.seq))


def read_state(conn: sqlite3.Connection) -> State:
    rows = conn.execute("SELECT key, value FROM state").fetchall()
    return State.from_records({k: json.loads(v) for k, v in rows})


def board_at(conn: sqlite3.Connection, plan: Plan, instant: pendulum.DateTime) -> Board:
    """The fold of every event at or before the instant (not a prefix of the log: a
    rehearsal's clock may run backwards), without reading the notes: the events that
    change the board come from a partial index, the notes are only counted."""
    until = to_utc_text(instant)
    conn.execute("BEGIN")
    try:
        count, last = conn.execute(
            "SELECT count(*), max(seq) FROM events WHERE at <= ?", (until,)).fetchone()
        rows = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events "
                            "WHERE kind != 'note' AND at <= ?", (until,)).fetchall()
        head = GENESIS
        if last is not None:
            head = conn.execute("SELECT hash FROM events WHERE seq = ?", (last,)).fetchone()[0]
    finally:
        conn.execute("COMMIT")
    state = State()
    for row in sorted(rows):
        apply_event(state, Event.from_row(row))
    state.notes = count - len(rows)  # apply_event only counts a note
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


def verify_log(conn: sqlite3.Connection, progress: Progress | None = None) -> VerifyReport:
    """Recompute the chain, run SQLite's integrity check, compare the stored state with
    the fold. Names the first bad event. Needs no plan, so a tampered plan event is
    reported like any other. Reads plain rows (no Event per note): it runs once per
    event of a possibly huge log. `progress(done, total)` is called every 1000 events."""
    problems: list[str] = []
    prev, expected_seq, count = GENESIS, 1, 0
    state = State()
    try:
        total = conn.execute("SELECT max(seq) FROM events").fetchone()[0] or 0
        cursor = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq")
        hash_of, canonical = event_hash_canonical, canonical_payload  # local: per event
        while rows := cursor.fetchmany(1000):
            for seq, at, actor, kind, target, text, prev_hash, digest in rows:
                count += 1
                if seq != expected_seq:
                    problems.append(f"event {expected_seq} is missing (next is {seq})")
                    break
                if prev_hash != prev:
                    problems.append(f"event {seq}: does not link to event "
                                    f"{seq - 1} (prev_hash differs)")
                    break
                if digest != hash_of(prev_hash, seq, at, actor, kind, target, canonical(text)):
                    what = " ".join(part for part in (kind, target) if part)
                    problems.append(f"event {seq} ({what}) was altered: its hash does "
                                    "not match its content")
                    break
                if kind not in KINDS or (seq == 1) != (kind == "init"):
                    problems.append(f"event {seq}: unexpected kind {kind!r}")
                    break
                if kind == "note":
                    state.notes += 1  # all apply_event does for a note
                else:
                    apply_event(state, Event(seq, at, actor, kind, target, json.loads(text),
                                             prev_hash, digest))
                prev, expected_seq = digest, expected_seq + 1
            else:
                if progress is not None:
                    progress(count, total)
                continue
            break
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except (sqlite3.Error, ValueError, KeyError) as exc:
        return VerifyReport(count, prev, (*problems, f"cannot read the log: {exc}"))
    if integrity != ["ok"]:
        problems.append("SQLite integrity check: " + "; ".join(integrity[:3]))
    if not problems:
        def meaningful(records: dict[str, Any]) -> dict[str, Any]:
            return {k: v for k, v in records.items() if v not in (None, 0)}
        stored = meaningful(read_state(conn).records())
        folded = meaningful(state.records())
        for key in sorted(stored.keys() | folded.keys()):
            if stored.get(key) != folded.get(key):
                problems.append(f"stored state '{key}' differs from the log")
                break
    return VerifyReport(count, prev, tuple(problems))


def _check_schema(conn: sqlite3.Connection, path: Path, *, exact: bool = False) -> None:
    """Refuse a newer or foreign file without writing to it; `exact` (a read-only open,
    which cannot migrate) also refuses an older one."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path}: written by a newer golive (schema {version}; this "
                         f"one knows {SCHEMA_VERSION}); not touched")
    tables = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"events", "state"} <= tables:
        raise StoreError(f"{path}: not a golive database (no golive schema)")
    if exact and version < SCHEMA_VERSION:
        raise StoreError(f"{path}: older golive schema {version}; open it once without "
                         "--read-only to update it")


def verify_file(path: str | Path, progress: Progress | None = None) -> VerifyReport:
    """`golive verify` on a file, without reading its plan: a file whose plan event was
    tampered with until it no longer parses still gets a verdict naming that event."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path}: no such golive file")
    conn = Store._connect(path)
    try:
        _check_schema(conn, path)
        return verify_log(conn, progress)
    except sqlite3.Error as exc:
        raise _friendly(exc, path) from None
    finally:
        conn.close()
