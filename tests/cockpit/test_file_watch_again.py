"""The watch looks again after the writes it was told of (issue 24): SQLite's commit
becomes visible only after the WAL is synced and its index in the memory-mapped -shm
updated, which inotify does not report. A look made at once found nothing new, and the
note waited for the half-second poll (`golive note` → visible: p50 370, p95 643 ms)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from golive.file_watch import FileWatch

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify")


async def test_a_commit_visible_after_the_last_write_is_still_seen(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    path.write_bytes(b"")
    committed = False
    looks: list[bool] = []  # what each look found
    watch = FileWatch.start(path, lambda: looks.append(committed))
    assert watch is not None
    try:
        loop = asyncio.get_running_loop()
        path.with_name("g.sqlite-wal").write_bytes(b"frames")  # the only file event

        def commit() -> None:
            nonlocal committed
            committed = True

        loop.call_later(0.04, commit)  # the sync and the index, after the writes
        for _ in range(100):
            await asyncio.sleep(0.01)
            if True in looks:
                break
        assert looks and looks[0] is False  # the first look was too early
        assert True in looks  # and a later one, with no event of its own, saw the commit
        await asyncio.sleep(0.4)
        assert len(looks) <= 8  # a handful of looks, not a poll loop
    finally:
        watch.stop()


async def test_a_stopped_watch_looks_no_more(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    path.write_bytes(b"")
    looks: list[int] = []
    watch = FileWatch.start(path, lambda: looks.append(1))
    assert watch is not None
    path.write_bytes(b"changed")
    for _ in range(100):
        await asyncio.sleep(0.01)
        if looks:
            break
    watch.stop()
    seen = len(looks)
    await asyncio.sleep(0.4)
    assert seen >= 1 and len(looks) == seen
