"""Another process's commit, noticed as it lands (Linux inotify) instead of by the next poll.

The cockpit polls `PRAGMA data_version` every half second, so a note written by `golive
note` showed up 0-500 ms after its commit (issue 24: p95 731 ms from start to screen, goal
400). On Linux the file's folder is watched (inotify through ctypes: no dependency, no
thread): a change to the file or its -wal, or the file deleted or replaced, runs the
poll at once. Elsewhere, or where the watch cannot be made, nothing changes: the poll
alone notices, as before.

The writes inotify reports come before the commit they belong to is visible: SQLite
writes the WAL, syncs it, and only then updates the WAL's index in the memory-mapped
-shm, which no event reports. A look at once often finds nothing new yet, so the watch
looks again a few times over the next quarter second (a `data_version` read each).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import struct
import sys
from collections.abc import Callable
from pathlib import Path

IN_MODIFY, IN_MOVED_FROM, IN_MOVED_TO = 0x2, 0x40, 0x80
IN_CREATE, IN_DELETE = 0x100, 0x200
MASK = IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
IN_NONBLOCK, IN_CLOEXEC = 0o4000, 0o2000000
EVENT = struct.Struct("iIII")  # wd, mask, cookie, length of the name that follows
AGAIN_S = (0.005, 0.02, 0.05, 0.1, 0.25)  # after the writes: the sync and the index


class FileWatch:
    """Calls `on_change` (in the event loop) when the database file or its -wal changes."""

    def __init__(self, fd: int, names: set[bytes], on_change: Callable[[], None],
                 loop: asyncio.AbstractEventLoop) -> None:
        self.fd, self.names, self.on_change, self.loop = fd, names, on_change, loop
        self._again: list[asyncio.TimerHandle] = []

    @classmethod
    def start(cls, path: Path, on_change: Callable[[], None]) -> FileWatch | None:
        """A watch on `path`, or None where there is none to be had."""
        if not sys.platform.startswith("linux"):
            return None
        import ctypes  # after the first frame's imports: only the watch needs them
        import ctypes.util

        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            fd = libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
            if fd < 0:
                return None
            if libc.inotify_add_watch(fd, os.fsencode(path.resolve().parent), MASK) < 0:
                os.close(fd)
                return None
            name = os.fsencode(path.resolve().name)
            watch = cls(fd, {name, name + b"-wal"}, on_change, asyncio.get_running_loop())
            watch.loop.add_reader(fd, watch._readable)
            return watch
        except (OSError, AttributeError, RuntimeError):
            return None

    def _readable(self) -> None:
        changed = False
        with contextlib.suppress(BlockingIOError, InterruptedError):
            while data := os.read(self.fd, 64 * 1024):
                offset = 0
                while offset + EVENT.size <= len(data):
                    _wd, _mask, _cookie, length = EVENT.unpack_from(data, offset)
                    name = data[offset + EVENT.size:offset + EVENT.size + length]
                    changed = changed or name.rstrip(b"\0") in self.names
                    offset += EVENT.size + length
        if changed:
            self.on_change()
            self._cancel_again()
            self._again = [self.loop.call_later(s, self.on_change) for s in AGAIN_S]

    def _cancel_again(self) -> None:
        for handle in self._again:
            handle.cancel()
        self._again = []

    def stop(self) -> None:
        self._cancel_again()
        with contextlib.suppress(OSError, ValueError, RuntimeError):
            self.loop.remove_reader(self.fd)
        with contextlib.suppress(OSError):
            os.close(self.fd)
