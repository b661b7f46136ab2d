"""What a key asks Textual to draw again: the panel whose row it changed, the log and its
scrollbar, nothing else, and no layout (the sizes did not change). Counted through
Widget.refresh, which every repaint and layout request goes through.

(Textual still asks every widget whose container overlaps the changed area for its
lines, from its line cache: bench/RESULTS.md, "Key path (session 27)".)"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget

from golive.data.time.clock import FixedClock

from support.pilot import open_cockpit
from support.scenarios import at, fresh

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


async def test_a_tick_repaints_its_panel_and_the_log_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = fresh(tmp_path / "day.sqlite")
    store.clock = FixedClock(at("2026-03-05T09:00:00"))  # the header's second stands still
    asked: list[tuple[str, bool]] = []
    refresh = Widget.refresh

    def counted(self: Widget, *regions: Any, **kwargs: Any) -> Widget:
        asked.append((f"{type(self).__name__}#{self.id or ''}",
                      bool(kwargs.get("layout"))))
        return refresh(self, *regions, **kwargs)

    async with open_cockpit(store, tick_seconds=3600, poll_seconds=3600) as (app, pilot):
        await pilot.press("3")  # the communication tasks
        await pilot.pause()
        for _ in range(3):
            before = store.event_count()
            monkeypatch.setattr(Widget, "refresh", counted)
            asked.clear()
            await pilot.press("space")  # ticks the first task
            await pilot.pause()
            monkeypatch.setattr(Widget, "refresh", refresh)
            assert store.event_count() == before + 1
            names = {name for name, _ in asked}
            assert {"CommsList#comms", "LogView#log"} <= names <= {
                "CommsList#comms", "LogView#log", "ScrollBar#"}, asked
            assert not any(layout for _, layout in asked), asked
            await pilot.press("space", "enter")  # reopens it (space asks first)
            await pilot.pause()
            assert store.event_count() == before + 2
    store.close()
