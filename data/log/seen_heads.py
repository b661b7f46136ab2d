"""The last point of each file's chain a golive process proved, remembered outside the file.

A file can lose acknowledged writes without any change golive could see inside it: its
`-wal` truncated or lost, or an older copy put in its place. So every golive process that
proves a head records it (with the state folded up to it) in the user's own state folder,
one small 0600 file per database path, and every later reader starts from there: the file
must still hold that head, and only the events after it are walked (chain.walk). Best
effort: a folder that cannot be written leaves the file checked from its first event.

The record is written on every key, so it costs an append, not a new file: each proven
head is one JSON line appended under the record's lock, and a reader takes the last whole
line (a line torn by a crash, or still being written, leaves the one before it: an older
head, checked further back). A process knows the record as it left it (its identity and
size): only when another process wrote since is it read again. Past `_COMPACT` bytes, and
for `replace`, the record is written anew under a temporary name and renamed into place.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import fcntl
import functools
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from golive.data.log.chain import Trusted
from golive.data.log.fold import State
from golive.data.outputs.safe_file import create_temp, sweep
from golive.data.time.formats import utc_second


def _wall_now() -> str:
    """When a head was proven, by the wall clock (also in a rehearsal)."""
    return utc_second(datetime.datetime.now(datetime.UTC))


def seen_dir() -> Path:
    """$GOLIVE_STATE_DIR, else $XDG_STATE_HOME/golive/seen (~/.local/state/golive/seen)."""
    own = os.environ.get("GOLIVE_STATE_DIR")
    if own:
        return Path(own)
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(Path.home(), ".local", "state")
    return Path(base) / "golive" / "seen"


def record_path(db: Path) -> Path:
    """Where the head proven of the file at `db` is remembered (one record per path)."""
    env = os.environ
    return _record_for(env.get("GOLIVE_STATE_DIR"), env.get("XDG_STATE_HOME"), env.get("HOME"),
                       db if db.is_absolute() else Path(os.getcwd(), db))


@functools.lru_cache(maxsize=64)
def _record_for(own: str | None, xdg: str | None, home: str | None, db: Path) -> Path:
    """The record's name, made once per folder and path (it is looked up on every key;
    the arguments besides `db` are what `seen_dir` depends on)."""
    key = hashlib.sha256(_resolved(db).encode("utf-8", "surrogateescape")).hexdigest()
    return seen_dir() / f"{key[:40]}.json"


def _resolved(db: Path) -> str:
    """The database's absolute path, links resolved: what its record is named by."""
    return _resolve(db if db.is_absolute() else Path(os.getcwd(), db))


@functools.lru_cache(maxsize=64)
def _resolve(db: Path) -> str:
    """Resolved once per path and process (a lookup per directory level, on every key)."""
    return str(db.resolve())


@dataclass(frozen=True)
class Seen:
    """A head proven earlier: the file's first event (which file), and the point."""

    genesis: str
    trusted: Trusted
    when: str  # UTC text, when it was proven


def load(db: Path) -> Seen | None:
    """What was proven of the file at this path, or None (never seen, unreadable, or a
    record this user did not write: a link, another user's file, or one others may
    write, as in a shared state folder — trusting it would skip checking the events it
    claims were proven)."""
    try:
        # O_NONBLOCK: a FIFO planted at the name must not hang every reader
        fd = os.open(record_path(db),
                     os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as record:
            st = os.fstat(fd)
            if not _own_plain_file(st):
                return None
            return _last(record.read())
    except (OSError, ValueError):
        return None


def _own_plain_file(st: os.stat_result) -> bool:
    """A regular file of this user's, one name, that nobody else may write."""
    return (stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() and st.st_nlink == 1
            and not st.st_mode & 0o022)


def _last(raw: bytes) -> Seen | None:
    """The last whole record in the file's lines (a torn or foreign line is skipped)."""
    for line in reversed(raw.split(b"\n")):
        if line.strip():
            seen = _parse(line)
            if seen is not None:
                return seen
    return None


def _parse(line: bytes) -> Seen | None:
    try:
        data = json.loads(line)
        state = State.from_records(data["records"])
        trusted = Trusted(int(data["seq"]), str(data["hash"]), str(data["at"]), state)
        return Seen(str(data["genesis"]), trusted, str(data.get("when", "")))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def forget(db: Path) -> None:
    """Nothing remembered for this path any more (a new file was made there)."""
    with contextlib.suppress(OSError):
        record_path(db).unlink()


def drop(db: Path) -> None:
    """The record and its lock gone: for a file gone for good that no other process opens
    (a discarded rehearsal copy, whose hidden name is new every run)."""
    target = record_path(db)
    _left.pop(target, None)
    for leftover in (target, Path(f"{target}.lock")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def sweep_leftovers(directory: Path) -> None:
    """Remove what a killed golive left in `directory` (safe_file.sweep: its temporary
    files, a killed rehearse's hidden copy among them) with the records of those files."""
    for gone in sweep(directory):
        drop(gone)


# a record grows by one line per proven head; past this it is written anew with one line
_COMPACT = 256 * 1024
# per record file, as this process last left it: (identity and size, genesis, seq)
_left: dict[Path, tuple[tuple[int, ...], str, int]] = {}


def _identity(st: os.stat_result) -> tuple[int, ...]:
    """Changes whenever another process appended to or replaced the record."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def record(db: Path, genesis: str, trusted: Trusted, *, replace: bool = False) -> None:
    """Remember `trusted` for the file at `db`, unless a later head of the same file is
    already remembered (several processes prove heads at once; the latest stays).
    `replace` overwrites whatever is there: a new file at the path, or an accepted one."""
    target = record_path(db)
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # O_NONBLOCK: a FIFO planted at the name fails at once (no reader) rather than
        # hang; a lock not this user's alone is never waited for (another account could
        # hold it forever): then nothing is remembered, and the next reader walks more
        lock_fd = os.open(f"{target}.lock",
                          os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK
                          | os.O_CLOEXEC, 0o600)
        with os.fdopen(lock_fd, "w") as lock:
            if not _own_plain_file(os.fstat(lock_fd)):
                return
            fcntl.flock(lock, fcntl.LOCK_EX)
            line = (json.dumps({"path": _resolved(db), "genesis": genesis,
                                "seq": trusted.seq, "hash": trusted.hash, "at": trusted.at,
                                "when": _wall_now(), "records": trusted.state.records()},
                               ensure_ascii=False) + "\n").encode("utf-8")
            # not synced: a record lost in a power cut only means an older head is
            # checked, and a sync per key would cost milliseconds
            if replace or not _append(target, genesis, trusted.seq, line):
                _rewrite(target, line)
                _left[target] = (_identity(os.stat(target)), genesis, trusted.seq)


def _append(target: Path, genesis: str, seq: int, line: bytes) -> bool:
    """Append `line` unless a later head of this file is remembered already. False when
    the record must be written anew instead: missing, past `_COMPACT`, or not a plain
    file of this user's (a link planted in a shared state folder is replaced by the
    rename, never followed: the line must not land in the file it points to)."""
    try:
        fd = os.open(target,
                     os.O_RDWR | os.O_APPEND | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except (FileNotFoundError, IsADirectoryError):
        return False
    except OSError as error:
        if error.errno == errno.ELOOP:  # a symbolic link
            return False
        raise
    with os.fdopen(fd, "r+b", buffering=0) as out:
        st = os.fstat(fd)
        if not _own_plain_file(st):
            return False
        left = _left.get(target)
        if left is not None and left[0] == _identity(st):
            known, torn = (left[1], left[2]), False
        else:  # another process wrote since: what it left
            raw = out.read()
            seen = _last(raw)
            known = ("", -1) if seen is None else (seen.genesis, seen.trusted.seq)
            torn = bool(raw) and not raw.endswith(b"\n")
        if known[0] == genesis and known[1] >= seq:
            _left[target] = (_identity(st), *known)
            return True
        if st.st_size + len(line) > _COMPACT:
            return False
        data = b"\n" + line if torn else line
        while data:
            data = data[out.write(data):]
        _left[target] = (_identity(os.fstat(fd)), genesis, seq)
    return True


def _rewrite(target: Path, line: bytes) -> None:
    """The record anew with one line, under a temporary name renamed into place."""
    temp, fd = create_temp(target)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(line)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
