"""The store: one SQLite file holding the plan and the append-only, hash-chained event log.

Every write is BEGIN IMMEDIATE; validate against the state read inside that transaction;
append one event; update the materialised state; COMMIT. Several cockpits and scripts may
share the file: SQLite's lock serialises writers, WAL lets readers carry on, and
`PRAGMA data_version` tells a reader that someone else committed.
"""

from __future__ import annotations

import dataclasses
import functools
import getpass
import hashlib
import json
import os
import secrets
import sqlite3
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pendulum

from golive.data.clock import Clock, is_wall_clock, to_utc_text
from golive.data.commands import Command, Correct, Refused
from golive.data.events import (
    GENESIS,
    KINDS,
    STATE_DIGEST,
    DamagedEvent,
    Event,
    canonical_json,
    event_hash,
)
from golive.data.plan import Plan, PlanError, parse_plan
from golive.data.rules import Board, evaluate
from golive.data.state import CHALLENGES, State, apply_event, challenge_of
from golive.data.text import TextError, one_line, user_name
from golive.data.texts import Said, Term

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 5000
EVENT_COLUMNS = "seq, at, actor, kind, target, payload, prev_hash, hash"


class StoreError(Said):
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


def _read_only_culprit(path: Path) -> str:
    """Which of the file, its WAL sidecars and its directory this user cannot write: a
    reader of a read-only file leaves sidecars just as read-only, and the user must know
    which one to fix."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), path.parent):
        if candidate.exists() and not os.access(candidate, os.W_OK):
            mode = stat.S_IMODE(candidate.stat().st_mode)
            return f" ({candidate} is not writable, mode {mode:04o})"
    return ""


def _friendly(exc: sqlite3.Error, path: Path) -> StoreError:
    msg = str(exc)
    low = msg.lower()
    if "locked" in low or "busy" in low:
        return StoreError("store.busy", path=str(path), seconds=BUSY_TIMEOUT_MS // 1000)
    if "disk is full" in low:
        return StoreError("store.full", path=str(path))
    if "readonly" in low or "read-only" in low:
        text = f"{path}: database is read-only{_read_only_culprit(path)}"
    elif "disk i/o error" in low:
        text = f"{path}: the file could not be written or read (disk I/O error; is the disk " \
               "full?)"
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
        self._folded_head = ""  # head hash of the last legacy log folded and found equal
        self.plan = self._load_plan()
        self.rehearsal = self._load_mode()
        # (GO seq, last seq scanned, what was found): see _challenges_since
        self._challenges: tuple[int, int, list[dict[str, Any]]] = (0, 0, [])

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
            raise StoreError("store.no_dir", path=str(path), dir=str(path.parent))
        if path.exists():
            raise StoreError("store.exists", path=str(path))
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
                            "", payload, GENESIS, state_digest(State()))
                conn.execute("COMMIT")
            finally:
                conn.close()  # the last close folds the WAL into the file and removes it
            os.link(tmp, path)
        except FileExistsError:
            raise StoreError("store.exists", path=str(path)) from None
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
            raise StoreError("store.missing", path=str(path))
        if path.is_dir():
            raise StoreError("store.is_dir", path=str(path))
        conn = cls._connect(path, read_only)
        try:
            if read_only:
                _check_schema(conn, path, exact=True)
                return cls(path, conn, clock, read_only=True)
            version = cls._schema_version(conn, path)
            if version > SCHEMA_VERSION:
                raise StoreError("store.newer", path=str(path), version=version,
                                 known=SCHEMA_VERSION)
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
        """The file's schema version, after checking (reading only) that its tables and
        triggers are the ones golive creates: a foreign file is refused untouched, and a
        file whose append-only triggers were dropped or changed is refused, not used."""
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version == 0:
            # Maybe another process is creating it right now: wait for its lock, then look
            # again.
            conn.execute("BEGIN IMMEDIATE")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.execute("ROLLBACK")
            if version == 0:
                raise StoreError("store.foreign", path=str(path))
        if 0 < version <= SCHEMA_VERSION:
            problem = schema_problem(conn, version)
            if problem is not None:
                raise schema_error(path, problem)
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
        try:
            source = json.loads(row[1])["plan"]
        except (ValueError, TypeError, KeyError):
            raise StoreError(f"{self.path}: damaged: event 1 (init) cannot be read (its "
                             "payload holds no plan); run 'golive verify'") from None
        try:
            return parse_plan(source, f"{self.path} (stored plan)")
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
                target: str, payload: dict[str, Any], prev_hash: str, state: str) -> Event:
        event = Event(seq, at, actor, kind, target, payload, prev_hash, "", state)
        stored = event.stored_payload()
        digest = event_hash(prev_hash, seq, at, actor, kind, target, stored)
        conn.execute(f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (seq, at, actor, kind, target, json.dumps(stored, ensure_ascii=False),
                      prev_hash, digest))
        return Event(seq, at, actor, kind, target, payload, prev_hash, digest, state)

    def apply(self, command: Command, actor: str) -> Event:
        """Validate and record one change atomically; Refused or StoreError otherwise."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; nothing was written")
        try:
            actor = user_name(actor, Term("field.actor"))
        except TextError as exc:
            raise Refused(exc.key or "", **exc.values) from None
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
            if isinstance(command, Correct):
                command = self._bind_correction(command)
            change = command.to_change(self.plan, state, now)
            seq, prev = conn.execute(
                "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
            event = _append(conn, state, seq + 1, to_utc_text(now), actor, change.kind,
                            change.target, change.payload, prev)
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
                event = _append(conn, state, seq + 1, source.at, source.actor, source.kind,
                                source.target, source.payload, prev)
                seq, prev, copied = event.seq, event.hash, copied + 1
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _friendly(exc, self.path) from None
            raise
        return copied

    def _bind_correction(self, command: Correct) -> Correct:
        """The corrected event and its earlier correction, read in the write transaction."""
        row = self.conn.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE seq = ?",
                                (command.seq,)).fetchone()
        earlier = self.conn.execute(
            "SELECT seq FROM events WHERE kind = 'correct' AND json_extract(payload, '$.seq') = ?"
            " ORDER BY seq LIMIT 1", (command.seq,)).fetchone()
        return dataclasses.replace(command, event=Event.from_row(row) if row else None,
                                   corrected_by=earlier[0] if earlier else None)

    # reading ----------------------------------------------------------------------------

    def _read_state(self) -> State:
        """The materialised state (checked against the log), with what may have
        overtaken a GO read from the log after it."""
        state = self._checked_state()
        d = state.decision
        if d is not None and d.get("decision") == "go":
            state.challenges = [c for c in self._challenges_since(d["seq"])
                                if str(c["seq"]) not in state.corrections]
        return state

    def _checked_state(self) -> State:
        """The materialised state, refused unless it is the fold of the log: its digest
        must be the one the head event recorded (a legacy head without one: fold once)."""
        try:
            state = read_state(self.conn)
        except (ValueError, TypeError, AttributeError):
            raise StoreError(f"{self.path}: damaged: the stored state cannot be read; "
                             "run 'golive verify'") from None
        row = self.conn.execute("SELECT seq, hash, payload FROM events ORDER BY seq DESC "
                                "LIMIT 1").fetchone()
        if row is None:
            raise StoreError(f"{self.path}: damaged: the log is empty")
        seq, head, payload = row
        try:
            recorded = json.loads(payload).get(STATE_DIGEST)
        except (ValueError, AttributeError):
            raise StoreError(f"{self.path}: damaged: event {seq} cannot be read (its payload "
                             "is not a JSON object); run 'golive verify'") from None
        if recorded is None:
            if self._folded_head != head:
                folded = State()
                try:
                    for event in iter_events(self.conn):
                        fold_one(folded, event)
                except DamagedEvent as exc:
                    raise damaged(self.path, exc) from None
                if state_digest(folded) != state_digest(state):
                    raise self._forged()
                self._folded_head = head
            return state
        if recorded != state_digest(state):
            raise self._forged()
        return state

    def _forged(self) -> StoreError:
        return StoreError(f"{self.path}: the stored state is not what the log says (changed "
                          "outside golive); refused to use it; run 'golive verify'")

    def _challenges_since(self, go_seq: int) -> list[dict[str, Any]]:
        """The events after the GO that may have overtaken it. The log only grows, so each
        read scans just the events added since the last one."""
        seq, upto, found = self._challenges
        if seq != go_seq:
            upto, found = go_seq, []
        tail = self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()[0]
        kinds = sorted(CHALLENGES)
        rows = self.conn.execute(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE seq > ? AND seq <= ? AND kind IN "
            f"({','.join('?' * len(kinds))}) ORDER BY seq", (upto, tail, *kinds))
        found = found + [c for row in rows if (c := challenge_of(Event.from_row(row)))]
        self._challenges = (go_seq, tail, found)
        return list(found)

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
        except DamagedEvent as exc:
            raise damaged(self.path, exc) from None
        except sqlite3.Error as exc:
            raise _friendly(exc, self.path) from None
        finally:
            if own_connection:
                conn.close()

    def events(self, start: int = 1, limit: int | None = None) -> Iterator[Event]:
        """Events from seq `start` on, streamed (never the whole log in memory); an event
        that cannot be read ends the stream with a StoreError naming it."""
        try:
            yield from iter_events(self.conn, start, limit)
        except DamagedEvent as exc:
            raise damaged(self.path, exc) from None

    def last_approver(self, item_id: str) -> str | None:
        """Who approved this sign-off most recently, even if it was revoked since: the
        name to offer when it is approved again (never another sign-off's approver)."""
        row = self.conn.execute(
            "SELECT json_extract(payload, '$.by') FROM events WHERE kind = 'approve' "
            "AND target = ? ORDER BY seq DESC LIMIT 1", (item_id,)).fetchone()
        return str(row[0]) if row and row[0] else None

    def corrections(self) -> dict[int, dict[str, Any]]:
        """Corrected seq -> its correction (seq, reason): one small state record, so the
        log can mark a corrected line without scanning the log."""
        row = self.conn.execute("SELECT value FROM state WHERE key = 'corrections'").fetchone()
        value = json.loads(row[0]) if row else None
        return {int(k): v for k, v in (value or {}).items()}

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


def _append(conn: sqlite3.Connection, state: State, seq: int, at: str, actor: str,
            kind: str, target: str, payload: dict[str, Any], prev: str) -> Event:
    """Fold the change into the state, append it with the digest of the state it leaves
    behind (inside its hash, so a reader can tell a state table written behind golive's
    back) and keep the materialised rows it touched in step."""
    keys = fold_one(state, Event(seq, at, actor, kind, target, payload))
    event = Store._insert(conn, seq, at, actor, kind, target, payload, prev,
                          state_digest(state))
    records = state.records() if keys else {}
    for key in keys:
        conn.execute(
            "INSERT INTO state (key, value, seq) VALUES (?, ?, ?) ON CONFLICT(key) "
            "DO UPDATE SET value = excluded.value, seq = excluded.seq",
            (key, json.dumps(records[key], ensure_ascii=False), event.seq))
    return event


@functools.cache
def _expected_schema(version: int) -> dict[tuple[str, str], str]:
    """(type, name) -> SQL of every table and trigger a golive file of `version` holds,
    taken from the migrations themselves (applied to an empty in-memory database)."""
    conn = sqlite3.connect(":memory:")
    try:
        for target in range(1, version + 1):
            for statement in MIGRATIONS[target]:
                conn.execute(statement)
        return _schema(conn)
    finally:
        conn.close()


def _schema(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                        "AND name NOT LIKE 'sqlite_%'")
    return {(kind, name): " ".join(sql.split()) for kind, name, sql in rows}


FOREIGN = "not a golive database (no golive schema)"


def schema_error(path: Path, problem: str) -> StoreError:
    """A schema golive did not make, said in the reader's language where it is known."""
    return StoreError("store.foreign", path=str(path)) if problem == FOREIGN \
        else StoreError(f"{path}: {problem}")


def schema_problem(conn: sqlite3.Connection, version: int) -> str | None:
    """None when the file's tables and triggers are exactly golive's, else one line."""
    expected, actual = _expected_schema(version), _schema(conn)
    tables = {k: v for k, v in expected.items() if k[0] == "table"}
    if any(actual.get(k) != v for k, v in tables.items()):
        return FOREIGN
    triggers = sorted(name for (kind, name), sql in expected.items()
                      if kind == "trigger" and actual.get((kind, name)) != sql)
    extra = sorted(name for (kind, name) in actual.keys() - expected.keys()
                   if kind == "trigger")
    if triggers or extra:
        return ("the append-only triggers were dropped or changed ("
                + ", ".join(triggers + extra) + "); the log may have been altered; run "
                "'golive verify'")
    return None


def fold_one(state: State, event: Event) -> list[str]:
    """apply_event, with a payload golive did not write reported as a damaged event."""
    try:
        return apply_event(state, event)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise DamagedEvent(event.seq, "its payload is not what golive writes") from None


class DamagedFile(StoreError):
    """An event in the file cannot be read; `seq` names it."""

    def __init__(self, path: Path, exc: DamagedEvent) -> None:
        super().__init__(f"{path}: damaged: {exc} (changed outside golive); run "
                         "'golive verify'")
        self.seq = exc.seq


def damaged(path: Path, exc: DamagedEvent) -> StoreError:
    return DamagedFile(path, exc)


def _meaningful(records: dict[str, Any]) -> dict[str, Any]:
    """Records without the empty defaults a fresh state table has no row for."""
    return {k: v for k, v in records.items() if v not in (None, 0)}


def state_digest(state: State) -> str:
    """SHA-256 of the state's records in canonical JSON: equal exactly when two states
    hold the same records, whichever way they were built."""
    return hashlib.sha256(canonical_json(_meaningful(state.records())).encode()).hexdigest()


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
        fold_one(state, Event.from_row(row))
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
            stored = _meaningful(read_state(conn).records())
        except (ValueError, TypeError, AttributeError):
            stored = None
            problems.append("the stored state cannot be read (changed outside golive)")
        folded = _meaningful(state.records())
        for key in sorted((stored or {}).keys() | folded.keys()):
            if stored is not None and stored.get(key) != folded.get(key):
                problems.append(f"stored state '{key}' differs from the log")
                break
    schema = schema_problem(conn, SCHEMA_VERSION)
    if schema is not None:
        problems.append(schema)
    return VerifyReport(count, prev, tuple(problems))


def _check_schema(conn: sqlite3.Connection, path: Path, *, exact: bool = False,
                  triggers: bool = True) -> None:
    """Refuse a newer or foreign file without writing to it, and (unless `triggers` is
    off) one whose append-only triggers were dropped or changed; `exact` (a read-only
    open, which cannot migrate) also refuses an older one."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise StoreError("store.newer", path=str(path), version=version, known=SCHEMA_VERSION)
    # a file at version 0 with golive's tables is an older golive file (see `exact`)
    problem = schema_problem(conn, max(version, 1))
    if problem is not None and (triggers or problem == FOREIGN):
        raise schema_error(path, problem)
    if exact and version < SCHEMA_VERSION:
        raise StoreError(f"{path}: older golive schema {version}; open it once without "
                         "--read-only to update it")


def verify_file(path: str | Path, progress: Progress | None = None) -> VerifyReport:
    """`golive verify` on a file, without reading its plan: a file whose plan event was
    tampered with until it no longer parses still gets a verdict naming that event."""
    path = Path(path)
    if not path.is_file():
        raise StoreError("store.missing", path=str(path))
    conn = Store._connect(path)
    try:
        _check_schema(conn, path, triggers=False)  # verify reports them itself
        return verify_log(conn, progress)
    except sqlite3.Error as exc:
        raise _friendly(exc, path) from None
    finally:
        conn.close()
