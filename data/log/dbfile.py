"""Opening the SQLite file, and saying in one line what went wrong with it.

Every SQLite error a user can meet becomes a StoreError naming the file, in the reader's
language where the catalogue has the words; a damaged event becomes a DamagedFile naming
its seq.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

from golive.data.log.events import DamagedEvent
from golive.data.outputs.safe_file import create_temp, put_in_place
from golive.data.texts.catalogue import Said, Term
from golive.data.texts.user_text import visible

BUSY_TIMEOUT_MS = 5000


class StoreError(Said):
    """The file cannot be used as asked; str() is the one line shown to the user."""


def connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    # mode=ro: SQLite itself refuses every write; sidecars it may need to read a WAL
    # file are made with the database file's own mode and owner
    target = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    try:
        conn = sqlite3.connect(target, isolation_level=None, uri=read_only,
                               timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error as exc:
        raise friendly(exc, path) from None
    if read_only:
        try:  # a WAL file SQLite cannot read without making its -shm: say what a reader needs
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError("store.read_only_open", path=str(path), msg=str(exc)) from None
    return conn


def create_file(path: Path, build: Callable[[sqlite3.Connection], None]) -> None:
    """A new WAL file (mode 0600) built by `build` in one transaction under a temporary
    name (golive.data.outputs.safe_file's, which the next run sweeps away if this one is killed),
    then hard-linked into place: a process opening `path` at the same moment never sees it
    empty or half made, and an existing file is never touched."""
    try:
        tmp, fd = create_temp(path)
        os.close(fd)
    except OSError as exc:
        raise StoreError("store.cannot_create", path=str(path), why=exc.strerror) from None
    try:
        conn = connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("BEGIN IMMEDIATE")
            build(conn)
            conn.execute("COMMIT")
        finally:
            conn.close()  # the last close folds the WAL into the file and removes it
        if not put_in_place(tmp, path, replace=False):
            raise StoreError("store.exists", path=str(path))
    except OSError as exc:
        raise StoreError("store.cannot_create", path=str(path), why=exc.strerror) from None
    except sqlite3.Error as exc:
        raise friendly(exc, path) from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def file_identity(path: Path) -> tuple[int, int] | None:
    """Which file `path` names now (device, inode); None when nothing is there. A store
    compares it before each write: a file deleted or replaced under an open connection
    would take the write into an unlinked inode, where it is lost when golive closes."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def repair_sidecars(path: Path) -> None:
    """A reader of a read-only file leaves -wal/-shm just as read-only (SQLite gives them
    the file's mode), which refuses every writer once the file is writable again: give
    them the file's mode back where this user owns them."""
    if not os.access(path, os.W_OK):
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    for sidecar in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if sidecar.stat().st_uid == os.geteuid() and not os.access(sidecar, os.W_OK):
                os.chmod(sidecar, mode)
        except OSError:  # gone, or not ours: SQLite says what is wrong
            continue


def read_only_culprit(path: Path) -> Term | str:
    """Which of the file, its WAL sidecars and its directory this user cannot write: a
    reader of a read-only file leaves sidecars just as read-only, and the user must know
    which one to fix."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), path.parent):
        if candidate.exists() and not os.access(candidate, os.W_OK):
            mode = stat.S_IMODE(candidate.stat().st_mode)
            return Term("store.culprit", file=str(candidate), mode=f"{mode:04o}")
    return ""


# Python's sqlite3 quotes the stored bytes in this one: line breaks, escape sequences
_NOT_UTF8 = re.compile(r"could not decode to utf-8 column '([^']*)'", re.IGNORECASE)


def error_text(exc: BaseException) -> Term | str:
    """An SQLite error as one line that is safe to print: a column holding bytes that are
    not UTF-8 is named, not quoted; anything else has its controls made visible."""
    msg = str(exc)
    found = _NOT_UTF8.search(msg)
    return Term("store.not_utf8", column=found[1]) if found else visible(msg)


def friendly(exc: sqlite3.Error, path: Path) -> StoreError:
    msg = error_text(exc)
    low = str(exc).lower()
    if isinstance(msg, Term):  # bytes that are not UTF-8 where golive writes text
        return StoreError("store.damaged_db", path=str(path), msg=msg)
    if "locked" in low or "busy" in low:
        return StoreError("store.busy", path=str(path), seconds=BUSY_TIMEOUT_MS // 1000)
    if "disk is full" in low:
        return StoreError("store.full", path=str(path))
    if "readonly" in low or "read-only" in low:
        return StoreError("store.read_only_db", path=str(path), culprit=read_only_culprit(path))
    if "disk i/o error" in low:
        return StoreError("store.io", path=str(path))
    if "not a database" in low or "malformed" in low:
        return StoreError("store.damaged_db", path=str(path), msg=msg)
    if "unable to open" in low:
        return StoreError("store.cannot_open", path=str(path), msg=msg)
    if "append-only" in low:  # the trigger's own words
        return StoreError("store.refused", path=str(path), msg=msg)
    return StoreError("store.db_error", path=str(path), msg=msg)


class DamagedFile(StoreError):
    """An event in the file cannot be read; `seq` names it."""

    def __init__(self, path: Path, exc: DamagedEvent) -> None:
        super().__init__("store.damaged_event", path=str(path),
                         what=Term(exc.key or "", **exc.values))
        self.seq = exc.seq


def damaged(path: Path, exc: DamagedEvent) -> StoreError:
    return DamagedFile(path, exc)


# errors that say the file's own rows cannot be read (not that it is busy, gone or forged)
_UNREADABLE = frozenset({"store.state_unreadable", "store.log_empty", "store.damaged_db"})


def unreadable(exc: StoreError) -> bool:
    """Whether the file holds rows golive cannot read: a reader has nothing to show from
    it, nor a writer to stand on, until `golive verify` has found what is wrong."""
    return isinstance(exc, DamagedFile) or exc.key in _UNREADABLE
