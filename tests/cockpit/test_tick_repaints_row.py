"""A tick repaints the row it changed and the border row with the panel's count, not the
whole panel (Textual's `border_subtitle` setter repaints the whole widget), and what the
screen then shows is what a cockpit opened afresh on the file shows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.strip import Strip

from golive.data.time.clock import FixedClock
from golive.widgets.panels import CommsList

from support.pilot import open_cockpit, screen_text
from support.scenarios import at, fresh

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


async def test_a_tick_draws_only_its_row_and_the_count(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = fresh(tmp_path / "day.sqlite")
    store.clock = FixedClock(at("2026-03-05T09:00:00"))
    drawn: list[int] = []
    render_line = CommsList.render_line

    def counted(self: CommsList, y: int) -> Strip:
        drawn.append(y)
        return render_line(self, y)

    monkeypatch.setattr(CommsList, "render_line", counted)
    async with open_cockpit(store, tick_seconds=3600, poll_seconds=3600) as (app, pilot):
        await pilot.press("3")  # the communication tasks
        await pilot.pause()
        panel = app.screen.query_one(CommsList)
        lines = panel.content_region.height
        total = len(panel.options)
        same_height = 0
        for n in range(1, 4):
            drawn.clear()
            height = panel.outer_size.height
            await pilot.press("space")  # ticks the task under the cursor
            await pilot.pause()
            span = panel.row_span(panel.highlighted or 0)
            assert span is not None
            if panel.outer_size.height == height:  # else the panel is laid out anew
                same_height += 1
                assert sorted(set(drawn)) == list(range(span[0], span[0] + span[1])), drawn
            assert panel.border_subtitle == f"{n}/{total}"
            assert f" {n}/{total} " in screen_text(app)
            await pilot.press("down")
            await pilot.pause()
        assert same_height == 2
        assert len(drawn) > lines  # the third row's time wrapped: the panel grew
        ticked = app.export_screenshot()
    async with open_cockpit(store, tick_seconds=3600, poll_seconds=3600) as (app, pilot):
        await pilot.press("3", "down", "down", "down")
        await pilot.pause()
        assert app.export_screenshot() == ticked  # no line left as drawn before, colours too
    store.close()
