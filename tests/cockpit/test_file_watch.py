"""Another process's commit shows in an open cockpit as it lands (issue 24: `golive note`
→ visible took 582/731 ms p50/p95, most of it waiting for the half-second poll). Here the
poll is set to a minute, so only the watch can bring the note to the screen."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from golive.cockpit import make_app
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify")
NOW = "2026-03-05T10:00:00"


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


async def test_a_note_from_another_process_shows_without_waiting_for_the_poll(
        tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    clock = FixedClock(parse_instant(NOW, "Europe/Berlin"))
    Store.create(path, load_default_plan(), clock, "rm").close()
    store = Store.open(path, clock)
    fds = _open_fds()
    app = make_app(store, "rm", poll_seconds=60)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app._count == 1
        other = subprocess.run(
            [sys.executable, "-m", "golive", "--db", str(path), "--now", NOW, "--as", "ben",
             "note", "von außen"], capture_output=True, text=True, timeout=60)
        assert other.returncode == 0, other.stderr
        start = time.monotonic()
        while app._count != 2 and time.monotonic() - start < 3:
            await pilot.pause(0.02)
        assert app._count == 2 and app.board is not None and app.board.events == 2
    store.close()
    assert _open_fds() <= fds  # the watch closed with the cockpit
