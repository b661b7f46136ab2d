"""Rehearsal files: a copy of the real file's log (or a fresh plan) on a clock of its own.

The real file is only ever read, through a connection that cannot write, so a rehearsal leaves its
bytes and modification time exactly as they were.
"""

from __future__ import annotations

import datetime as _dt
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from golive.data.log import seen_heads
from golive.data.log.dbfile import StoreError, damaged, error_text
from golive.data.log.eventlog import iter_events, stored_plan
from golive.data.log.events import DamagedEvent, Event
from golive.data.log.schema import known_version
from golive.data.log.store import Store
from golive.data.outputs.safe_file import put_in_place, temp_path
from golive.data.plan.model import Plan
from golive.data.plan.source import plan_instant
from golive.data.time.clock import Clock, FixedClock, RehearsalClock, to_utc_text
from golive.data.time.instants import in_zone

_OFFSET = re.compile(r"^T?[+-]")


def rehearsal_start(text: str | None, plan: Plan, wall_now: _dt.datetime
                    ) -> _dt.datetime:
    """`--from`: an offset from T-0 (T-25h, T-1d, T+5m), an ISO instant, or the wall clock."""
    if text is None:
        return in_zone(wall_now, plan.timezone)
    return plan_instant(text, plan, "--from")


def temporary_path(near: Path) -> Path:
    """A hidden rehearsal file beside the real one, so its exports land in the same retro/;
    a temporary name of golive.data.outputs.safe_file's, so a killed rehearse's copy is
    swept away."""
    return temp_path(near.with_name(f"{near.name}.rehearsal"))


def resumed_clock(store: Store, *, running: bool) -> Clock | None:
    """The clock of a rehearsal file opened without --now: its log's time, not the wall's
    (which would put a rehearsal of a March go-live months past its checkpoints, and
    stamp its writes so). A reader stands at the last event, as `watch` tells it; a
    writer (the cockpit, a command) goes on from there in real time. None when that
    event cannot be read: the proven read that follows says what is wrong."""
    try:
        last = next(store.events(store.event_count(), 1), None)
    except (StoreError, sqlite3.Error):
        return None
    start = in_zone(last.instant if last is not None else store.clock.now(),
                    store.plan.timezone)
    return RehearsalClock(start) if running else FixedClock(start)


def discard(path: Path) -> None:
    """The rehearsal copy gone, with the head remembered for it (data/log/seen_heads)."""
    seen_heads.drop(path)
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write (query_only). Not SQLite's mode=ro: that one cannot
    tidy away the -wal and -shm files it makes beside the real file; a plain connection
    that only reads does, without touching the file itself."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
        conn.execute("PRAGMA query_only = ON")
        return conn
    except sqlite3.Error as exc:
        raise StoreError("store.cannot_open_plain", path=str(path), msg=str(exc)) from None


def real_plan(path: Path) -> Plan:
    """The plan stored in a golive file, read without writing anything to it."""
    conn = _read_only(path)
    try:
        known_version(conn, path)  # what golive never writes is no file to rehearse
        return stored_plan(conn, path)[0]
    except sqlite3.Error as exc:
        raise StoreError("store.damaged_plain", path=str(path), msg=error_text(exc)) from None
    finally:
        conn.close()


def _from(real: Path, events: Iterator[Event]) -> Iterator[Event]:
    """The real file's events, its damage named as its own (not the rehearsal copy's)."""
    try:
        yield from events
    except sqlite3.Error as exc:
        raise StoreError("store.cannot_read_log", path=str(real), msg=error_text(exc)) from None
    except DamagedEvent as exc:
        raise damaged(real, exc) from None


def _up_to(events: Iterator[Event], until: str) -> Iterator[Event]:
    """The log's prefix at or before an instant (a real log's times never run backwards)."""
    for event in events:
        if event.at > until:
            return
        yield event


def make_rehearsal(path: Path, plan: Plan, start: _dt.datetime, actor: str,
                   real: Path | None = None) -> Store:
    """A new rehearsal file at `path`: the real file's events up to `start` copied into a
    chain of its own, or only the plan when there is no real file or nothing that early.
    The copy is made under a temporary name and gets `path` only once complete, so a killed
    rehearse leaves no copy that looks finished (golive.data.outputs.safe_file)."""
    if real is None:
        return Store.create(path, plan, FixedClock(start), actor, rehearsal=True)
    if path.exists():
        raise StoreError("store.exists", path=str(path))
    tmp = temp_path(path)
    conn = _read_only(real)
    try:
        first = next(_from(real, iter_events(conn, 1, 1)), None)
        if first is None:
            raise StoreError("store.log_empty", path=str(real))
        created = first.instant if first.at <= to_utc_text(start) else start
        store = Store.create(tmp, plan, FixedClock(created), actor, rehearsal=True,
                             origin={"rehearsal_of": str(real.resolve())})
        try:
            store.replay(_up_to(_from(real, iter_events(conn, 2)), to_utc_text(start)))
        finally:
            store.close()  # the last close folds the WAL into the file
        if not put_in_place(tmp, path, replace=False):
            raise StoreError("store.exists", path=str(path))
    except sqlite3.Error as exc:
        raise StoreError("store.cannot_read_log", path=str(real), msg=error_text(exc)) from None
    except OSError as exc:
        raise StoreError("store.cannot_create", path=str(path), why=exc.strerror) from None
    finally:
        conn.close()
        discard(tmp)
    return Store.open(path, FixedClock(created))
