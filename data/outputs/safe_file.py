"""Writing a file safely: how every file golive makes besides the database reaches its name.

A file is written under a temporary name beside its place (hidden, ending in .tmp, naming
the writer's pid, so it never looks like the finished file), synced, moved into place, and
the directory synced; its mode is 0600 whatever the umask. A writer killed half-way leaves
only its temporary file, and the next golive that writes in that directory removes it once
its writer is gone (`sweep`).
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from types import TracebackType

MODE = 0o600
# .NAME.<pid>.<8 hex>.tmp, and the sidecars SQLite keeps beside a database being built
_LEFTOVER = re.compile(r"\..+\.(\d+)\.[0-9a-f]{8}\.tmp(?:-wal|-shm|-journal)?")
# file systems without hard links (FAT on a USB stick, some network shares)
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}


def temp_path(path: Path) -> Path:
    """The temporary name `path` is written under: .NAME.<pid>.<hex>.tmp in its directory."""
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")


def create_temp(path: Path) -> tuple[Path, int]:
    """A new, empty temporary file for `path`, exactly 0600, open for writing (its fd)."""
    tmp = temp_path(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), MODE)
    try:
        os.fchmod(fd, MODE)  # the umask may have taken bits away, never added: exact anyway
    except OSError:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    return tmp, fd


def sync_dir(directory: Path) -> None:
    """Make a new name in `directory` survive a power cut."""
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def put_in_place(tmp: Path, path: Path, *, replace: bool) -> bool:
    """Give the finished, synced file `tmp` its name `path`, in the same directory.

    replace=True takes the place of an existing file (os.replace); replace=False never
    touches one (a hard link, which fails on a taken name) and returns False when `path`
    is taken."""
    if replace:
        os.replace(tmp, path)
    else:
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            # no hard links here: look, then rename (a race only with another writer
            # choosing the same name in the same instant)
            if os.path.lexists(path):
                return False
            os.rename(tmp, path)
        else:
            os.unlink(tmp)
    sync_dir(path.parent)
    return True


class Draft:
    """A text file being written under a temporary name beside `near`. Used as a context
    manager: whatever was not put in place when the block ends is removed."""

    def __init__(self, near: Path) -> None:
        self.tmp, fd = create_temp(near)
        self.out = open(fd, "w", encoding="utf-8", newline="\n", buffering=1 << 16)

    def finish(self) -> None:
        """Everything written reaches the disk before the file gets its name."""
        self.out.flush()
        os.fsync(self.out.fileno())
        self.out.close()

    def place(self, path: Path, *, replace: bool) -> bool:
        """finish(), then put_in_place(); False when `path` is taken and replace is False."""
        if not self.out.closed:
            self.finish()
        return put_in_place(self.tmp, path, replace=replace)

    def __enter__(self) -> Draft:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self.out.close()
        except OSError:
            pass  # a full disk refuses the last flush too; the file goes anyway
        self.tmp.unlink(missing_ok=True)


def write_file(path: Path, text: str) -> None:
    """`path` holds exactly `text` (UTF-8), or is as it was: OSError otherwise."""
    with Draft(path) as draft:
        draft.out.write(text)
        draft.place(path, replace=True)


def _alive(pid: int) -> bool:
    if pid <= 0 or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def sweep(directory: Path) -> list[Path]:
    """Remove the temporary files a killed golive left in `directory` (its own pattern
    only, this user's only, and only once their writer's pid is gone); returns them.
    Never fails: leftovers that cannot go are left for next time."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        found = _LEFTOVER.fullmatch(entry.name)
        if found is None or _alive(int(found[1])):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and \
                    entry.stat(follow_symlinks=False).st_uid == os.geteuid():
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed
