"""The file watch (ctypes and inotify, ≈ 8 ms) starts once the first frame is laid out,
not before it (issue 24: first paint); a commit that lands before the watch is read at
once, not at the next poll."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from golive import cockpit
from golive.data.changes.note import Note
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant
from golive.widgets.countdown import CountdownPanel

from support.pilot import open_cockpit

NOW = parse_instant("2026-03-06T09:00:00", "Europe/Berlin")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.create(tmp_path / "g.sqlite", load_default_plan(), FixedClock(NOW), "rm")


async def test_the_watch_starts_after_the_first_layout(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []
    start = cockpit.FileWatch.start
    apps: list[Any] = []

    def watching(path: Path, on_change: Any) -> Any:
        sizes.append(apps[0].screen.query_one(CountdownPanel).size.width)
        return start(path, on_change)

    monkeypatch.setattr(cockpit.FileWatch, "start", watching)
    app = cockpit.make_app(store, "rm")
    apps.append(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(sizes) == 1 and sizes[0] > 0, sizes  # the board was laid out first
        assert app._watch is not None  # and the watch runs


async def test_a_commit_before_the_watch_starts_is_read_at_once(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    start = cockpit.FileWatch.start

    def late(path: Path, on_change: Any) -> Any:
        other = Store.open(path, FixedClock(NOW))  # another process's note, just before
        other.apply(Note("vor der Überwachung"), "sre")
        other.close()
        return start(path, on_change)

    monkeypatch.setattr(cockpit.FileWatch, "start", late)
    async with open_cockpit(store, poll_seconds=3600) as (app, pilot):
        await pilot.pause()
        assert app.log_count == 2
