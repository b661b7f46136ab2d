"""The store: one SQLite file holding the plan and the append-only, hash-chained event log.

Every write is BEGIN IMMEDIATE; validate against the state read inside that transaction;
append one event; update the materialised state; COMMIT. Several cockpits and scripts may
share the file: SQLite's lock serialises writers, WAL lets readers carry on, and
`PRAGMA data_version` tells a reader that someone else committed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from golive.data.changes.refused import Refused
from golive.data.log import seen_heads, stored_json
from golive.data.log.chain import Trusted, backwards, first_link_problem, head_problem, walk
from golive.data.log.dbfile import (
    StoreError,
    connect,
    create_file,
    damaged,
    file_identity,
    friendly,
    repair_sidecars,
)
from golive.data.log.eventlog import (
    EVENT_COLUMNS,
    append_event,
    board_at,
    challenges_between,
    insert_event,
    iter_events,
    read_state,
    same_state,
    state_digest,
    stored_plan,
    tail,
)
from golive.data.log.events import GENESIS, DamagedEvent, Event
from golive.data.log.fold import Challenge, State, has_signed
from golive.data.log.schema import (
    SCHEMA_VERSION,
    add_indexes,
    check_schema,
    create_schema,
    migrate,
    schema_version,
)
from golive.data.plan.model import Plan
from golive.data.rules.board import Board
from golive.data.rules.verdict import evaluate
from golive.data.texts.catalogue import Term
from golive.data.texts.user_text import TextError, one_line, user_name
from golive.data.time.clock import (
    FIRST_YEAR,
    LAST_YEAR,
    Clock,
    is_utc_text,
    is_wall_clock,
    through_second,
    to_utc_text,
)

if TYPE_CHECKING:
    from golive.data.changes.commands import Command, Correct
    from golive.data.log.verify import VerifyReport


def default_actor() -> str:
    try:
        import getpass  # with termios: only a write without --as asks

        return getpass.getuser()
    except Exception:  # no login name in some containers
        return os.environ.get("USER") or "unknown"


class Store:
    """One open golive file. Not thread-safe: use it from one thread at a time."""

    def __init__(self, path: Path, conn: sqlite3.Connection, clock: Clock, *,
                 read_only: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self.clock = clock
        self.identity = file_identity(path)  # see check_still_there
        self.plan, self.rehearsal = stored_plan(conn, path)
        # the last point of the chain proven to be folded right (see _checked_state)
        self._genesis, self._trusted, self._not_seen = self._starting_point()
        # (GO seq, last seq scanned, what was found): see _challenges_since
        self._challenges: tuple[int, int, list[Challenge]] = (0, 0, [])
        self._signatures: dict[str, Any] = {}  # event hash -> why its signature fails
        self._written: tuple[Event, State] | None = None  # see written()

    # opening ----------------------------------------------------------------------------

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
        payload = {"plan": plan.source, "plan_name": plan.source_name,
                   "product": plan.product, "release": plan.release,
                   "mode": "rehearsal" if rehearsal else "real", **(origin or {})}

        at = stamp(clock.now())

        def first_event(conn: sqlite3.Connection) -> None:
            create_schema(conn)
            insert_event(conn, 1, at, one_line(actor) or "unknown",
                         "init", "", payload, GENESIS, state_digest(State()))

        create_file(path, first_event)
        seen_heads.forget(path)  # a new file at this path: what was seen here is history
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
        if not read_only:
            repair_sidecars(path)
        conn = connect(path, read_only)
        try:
            if read_only:
                check_schema(conn, path, exact=True)
                return cls(path, conn, clock, read_only=True)
            version = schema_version(conn, path)
            if version > SCHEMA_VERSION:
                raise StoreError("store.newer", path=str(path), version=version,
                                 known=SCHEMA_VERSION)
            conn.execute("PRAGMA synchronous = FULL")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            if version < SCHEMA_VERSION:
                migrate(conn, version)
            add_indexes(conn)
            return cls(path, conn, clock)
        except sqlite3.Error as exc:
            conn.close()
            if read_only:  # mostly: no -shm beside a WAL file, and no right to create one
                raise StoreError("store.read_only_open", path=str(path), msg=str(exc)) from None
            raise friendly(exc, path) from None
        except StoreError:
            conn.close()
            raise

    @classmethod
    def open_or_create(cls, path: str | Path, plan: Plan | Callable[[], Plan], clock: Clock,
                       actor: str, *, origin: dict[str, Any] | None = None
                       ) -> tuple[Store, bool]:
        """The file at `path`, made with `plan` if there is none. `plan` may be a function
        that reads it: an existing file brings its own, so it is only read to create one."""
        path = Path(path)
        if path.exists():
            return cls.open(path, clock), False
        try:
            return cls.create(path, plan() if callable(plan) else plan, clock, actor,
                              origin=origin), True
        except StoreError:
            if path.exists():  # another process created it a moment ago
                return cls.open(path, clock), False
            raise

    def close(self) -> None:
        self.conn.close()

    # writing ----------------------------------------------------------------------------

    def apply(self, command: Command, actor: str) -> Event:
        """Validate and record one change atomically; Refused or StoreError otherwise."""
        if self.read_only:
            raise StoreError("store.opened_read_only", path=str(self.path))
        try:
            actor = user_name(actor, Term("field.actor"))
        except TextError as exc:
            raise Refused(exc.key or "", **exc.values) from None
        if not self.rehearsal and not is_wall_clock(self.clock):
            raise Refused("mode.real_file", path=str(self.path))
        with self._transaction("BEGIN IMMEDIATE") as conn:
            self.check_still_there()
            state = self._read_state()
            now = self.clock.now()
            from golive.data.changes.note import Note

            if not isinstance(command, Note):  # the other commands load with the first
                from golive.data.changes.commands import Approve, Correct, Decide
                from golive.data.changes.golive_commands import Rollback
                if isinstance(command, Correct):
                    command = self._bind_correction(command)
                if isinstance(command, Approve | Decide | Rollback) and command.signed:
                    command = dataclasses.replace(command, head=tail(conn))  # what it follows
            at = stamp(now)
            if not self.rehearsal and backwards(at, self._trusted.at):
                raise Refused("clock.behind", at=at, latest=self._trusted.at)
            change = command.to_change(self.plan, state, now)
            seq, prev = tail(conn)
            event = append_event(conn, state, seq + 1, at, actor, change.kind,
                                 change.target, change.payload, prev)
        self._prove(Trusted(event.seq, event.hash, max(at, self._trusted.at), state.copy()))
        self._written = event, state
        return event

    def written(self, event: Event) -> tuple[State, int, str] | None:
        """What `read` would return right after this store's own write of `event`, without
        reading again: the state its transaction proved to be the fold of the log, with
        `event` folded in. None when only a read can tell: `event` is not the last write
        of this store, or a signature counts or counted (signatures are checked on
        reading). Another process's later commit is not in it (the caller's data_version
        poll reads that)."""
        last, state = self._written or (None, None)
        if last is not event or state is None or has_signed(state) or state.checked:
            return None
        self._written = None  # handed over: the caller owns it now
        return state, event.seq, event.hash

    def replay(self, events: Iterator[Event]) -> int:
        """Append copies of another file's events (time, actor, content) as new links of
        this file's chain: how a rehearsal starts from the real file's state. Only for a
        rehearsal file; returns how many were copied."""
        if not self.rehearsal:
            raise Refused("mode.real_file", path=str(self.path))
        copied = 0
        with self._transaction("BEGIN IMMEDIATE") as conn:
            self.check_still_there()
            state = self._read_state()
            seq, prev = tail(conn)
            latest = self._trusted.at
            for source in events:
                event = append_event(conn, state, seq + 1, source.at, source.actor,
                                     source.kind, source.target, source.payload, prev)
                seq, prev, copied = event.seq, event.hash, copied + 1
                latest = max(latest, source.at)
        if copied:
            self._prove(Trusted(seq, prev, latest, state.copy()))
        return copied

    @contextlib.contextmanager
    def _transaction(self, begin: str = "BEGIN", conn: sqlite3.Connection | None = None
                     ) -> Iterator[sqlite3.Connection]:
        """One transaction on this store's connection (or `conn`): committed when the block ends,
        rolled back when it raises (a failed ROLLBACK, e.g. after SQLite already undid a
        failed COMMIT, never hides the first error); SQLite's errors and a damaged event
        come out as one line naming the file. `begin` is "BEGIN IMMEDIATE" for a write:
        it takes the write lock before anything is read, so what is validated is what the
        write follows."""
        conn = conn or self.conn
        try:
            conn.execute(begin)
        except sqlite3.Error as exc:
            raise friendly(exc, self.path) from None
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if isinstance(exc, DamagedEvent):
                raise damaged(self.path, exc) from None
            if isinstance(exc, sqlite3.Error):
                raise friendly(exc, self.path) from None
            raise

    def check_still_there(self) -> None:
        """Refuse a write when the path no longer names the file this store opened (deleted
        or replaced): SQLite would write into the unlinked file and the change be lost."""
        if file_identity(self.path) != self.identity:
            raise StoreError("store.gone", path=str(self.path))

    def _bind_correction(self, command: Correct) -> Correct:
        """The corrected event and its earlier correction, read in the write transaction
        (the few corrections read as events: a damaged one is named, not a JSON error)."""
        rows = self.conn.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE seq = ? OR "
                                 "kind = 'correct' ORDER BY seq", (command.seq,)).fetchall()
        try:
            events = [Event.from_row(row) for row in rows]
        except DamagedEvent as exc:
            raise damaged(self.path, exc) from None
        earlier = next((e.seq for e in events if e.kind == "correct"
                        and e.payload.get("seq") == command.seq), None)
        return dataclasses.replace(command, corrected_by=earlier, event=next(
            (e for e in events if e.seq == command.seq), None))

    # reading ----------------------------------------------------------------------------

    def _read_state(self) -> State:
        """The materialised state (checked against the log), with what may have
        overtaken a GO read from the log after it."""
        state = self._checked_state()
        d = state.decision
        if d is not None and d.get("decision") == "go":
            state.challenges = [c for c in self._challenges_since(d["seq"])
                                if str(c.seq) not in state.corrections]
        if has_signed(state):  # whether each signature that counts holds (ssh-keygen)
            from golive.data.signing.signatures import check_state

            check_state(self.plan, state, self.conn, self._signatures)
        return state

    def _starting_point(self) -> tuple[str, Trusted, Term | None]:
        """(the hash of event 1, where the walk starts, why the remembered point was not
        taken). A file seen before starts at the head remembered for its path; one never
        seen, at its first event. Event 1 itself (the plan) is checked every time."""
        row = self.conn.execute("SELECT hash FROM events WHERE seq = 1").fetchone()
        genesis = str(row[0]) if row else ""
        problem = first_link_problem(self.conn)
        if problem is not None:
            return genesis, Trusted(), problem
        seen = seen_heads.load(self.path)
        if seen is None:
            return genesis, Trusted(), None
        if seen.genesis != genesis:
            return genesis, Trusted(), Term("seen.replaced", seq=seen.trusted.seq,
                                            when=seen.when)
        return genesis, seen.trusted, None

    def _prove(self, trusted: Trusted) -> None:
        """A new point proven: kept here and remembered for later golive processes."""
        self._trusted = trusted
        seen_heads.record(self.path, self._genesis, trusted)

    def _checked_state(self) -> State:
        """The materialised state, refused unless it is the fold of the log: the events
        after the last proven point are walked (each link, hash, instant and recorded
        digest checked) and the stored records must equal the fold they reach."""
        path = str(self.path)
        if self._not_seen is not None:
            raise StoreError("store.not_fold", path=path, problem=self._not_seen)
        seq, head = tail(self.conn)
        if seq == 0:
            raise StoreError("store.log_empty", path=path)
        trusted = self._trusted
        if seq < trusted.seq:
            raise StoreError("store.not_fold", path=path, problem=Term(
                "seen.behind", seq=seq, seen=trusted.seq))
        if trusted.seq:  # the proven head: still there, whole, the same
            try:
                problem = head_problem(self.conn, trusted)
            except DamagedEvent as exc:
                raise damaged(self.path, exc) from None
            if problem is not None:
                raise StoreError("store.not_fold", path=path, problem=problem)
        if (seq, head) != (trusted.seq, trusted.hash):
            try:
                walked = walk(self.conn, trusted, real=not self.rehearsal)
            except DamagedEvent as exc:
                raise damaged(self.path, exc) from None
            if walked.problem is not None:
                raise StoreError("store.not_fold", path=path, problem=walked.problem)
            self._prove(walked.trusted)
        try:
            state = read_state(self.conn)
        except (ValueError, TypeError, AttributeError, RecursionError):
            raise StoreError("store.state_unreadable", path=path) from None
        if not same_state(state, self._trusted.state):
            raise StoreError("store.forged", path=path)
        return state

    def _challenges_since(self, go_seq: int) -> list[Challenge]:
        """The events after the GO that may have overtaken it. The log only grows, so each
        read scans just the events added since the last one."""
        seq, upto, found = self._challenges
        if seq != go_seq:
            upto, found = go_seq, []
        last = tail(self.conn)[0]
        found = found + challenges_between(self.conn, go_seq, upto, last)
        self._challenges = (go_seq, last, found)
        return list(found)

    def read(self) -> tuple[State, int, str]:
        """State, event count and head hash from one consistent read."""
        with self._transaction() as conn:
            state = self._read_state()
            count, head = tail(conn)
        return state, count, head

    def board(self, now: _dt.datetime | None = None) -> Board:
        """The board now; a real file on another clock (--now) is seen as it was then, not
        with what was recorded after that instant."""
        if not self.rehearsal and not is_wall_clock(self.clock):
            return self.board_at(now or self.clock.now())
        state, count, head = self.read()
        return evaluate(self.plan, state, now or self.clock.now(), events=count, head=head)

    def board_at(self, instant: _dt.datetime, *, own_connection: bool = False) -> Board:
        """The board as it was: the fold of every event at or before the instant.
        `own_connection` reads through a new connection, so a worker thread can ask while
        another thread uses this store."""
        if own_connection:
            with self._reading(True) as conn, self._transaction(conn=conn):
                return self._board_at(conn, instant)
        with self._transaction() as conn:
            self._read_state()  # the log proven first: the past is folded from it
            return self._board_at(conn, instant)

    def _board_at(self, conn: sqlite3.Connection, instant: _dt.datetime) -> Board:
        """board_at on `conn`, folded from the last proven point's log."""
        trusted = self._trusted
        proven = (trusted.seq, trusted.hash, trusted.seq - trusted.state.notes)
        try:
            return board_at(conn, self.plan, instant, proven)
        except StoreError as exc:
            if exc.key != "store.index_differs":
                raise
            raise StoreError("store.not_fold", path=str(self.path),
                             problem=Term(exc.key, **exc.values)) from None

    def log_prefix_at(self, instant: _dt.datetime, *, own_connection: bool = False
                      ) -> int:
        """How many events, from the first, lie at or before the instant: the log as it
        was. It stops at the first later one, so even where a rehearsal's clock ran
        backwards it never shows an event from after the instant."""
        with self._reading(own_connection) as conn:
            later = conn.execute("SELECT min(seq) FROM events WHERE at > ?",
                                 (through_second(instant),)).fetchone()[0]
            return later - 1 if later is not None else tail(conn)[0]

    @contextlib.contextmanager
    def _reading(self, own_connection: bool) -> Iterator[sqlite3.Connection]:
        """This store's connection, or a new one (for a worker thread, while another
        thread uses this store); its errors as one line naming the file."""
        conn = connect(self.path, self.read_only) if own_connection else self.conn
        try:
            yield conn
        except DamagedEvent as exc:
            raise damaged(self.path, exc) from None
        except sqlite3.Error as exc:
            raise friendly(exc, self.path) from None
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
        try:
            row = self.conn.execute(
                f"SELECT {EVENT_COLUMNS} FROM events WHERE kind = 'approve' AND target = ? "
                "ORDER BY seq DESC LIMIT 1", (item_id,)).fetchone()
            by = Event.from_row(row).payload.get("by") if row else None
        except (DamagedEvent, sqlite3.Error):  # only a name to offer; the damage is said
            return None                          # where it is read
        return str(by) if by else None

    def corrections(self) -> dict[int, dict[str, Any]]:
        """Corrected seq -> its correction (seq, reason): one small state record, so the
        log can mark a corrected line without scanning the log."""
        row = self.conn.execute("SELECT value FROM state WHERE key = 'corrections'").fetchone()
        try:
            value = stored_json.loads(row[0]) if row else None
            return {int(k): v for k, v in (value or {}).items()}
        except (ValueError, TypeError, AttributeError):
            raise StoreError("store.state_unreadable", path=str(self.path)) from None

    def event_count(self) -> int:
        return tail(self.conn)[0]

    def head(self) -> str:
        return tail(self.conn)[1]

    def data_version(self) -> int:
        """Changes whenever another connection commits: the cheap 'did anything happen?'."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # checking ---------------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        from golive.data.log.verify import verify_log  # the cockpit verifies in a thread, later

        return verify_log(self.conn)


def stamp(now: _dt.datetime) -> str:
    """The stored form of the instant an event is written at, refused when golive would
    call it damage on reading it back: its UTC year outside 1971-9000 (a rehearsal clock
    run past 9000, or --now 1971-01-01T00:30 in Berlin, which is 1970 in UTC)."""
    at = to_utc_text(now)
    if not is_utc_text(at):
        raise Refused("err.year_range", raw=at, first=FIRST_YEAR, last=LAST_YEAR)
    return at
