"""The header shows the countdown and now to the minute (issue 24: idle with the countdown
running ≤ 0.5 % of a core): within a minute a tick leaves row 0 alone, so Textual redraws
the countdown's changed lines and not the top rows of every panel; the seconds stay on the
countdown panel."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant
from golive.data.time.instants import later
from golive.widgets.banner import HeaderBar
from golive.widgets.countdown import CountdownPanel

from support.pilot import open_cockpit, screen_text

T_MINUS_25H = parse_instant("2026-03-05T09:00:00", "Europe/Berlin")


def _store(tmp_path: Path) -> Store:
    return Store.create(tmp_path / "g.sqlite", load_default_plan(), FixedClock(T_MINUS_25H),
                        "rm")


async def test_within_a_minute_a_tick_draws_only_countdown_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(tmp_path)
    drawn: Counter[str] = Counter()  # lines styled anew (render_line)
    asked: Counter[str] = Counter()  # widgets the compositor asked for lines (render_lines)

    def counting(cls: type[Widget]) -> None:
        render_line = cls.render_line

        def counted(widget: Widget, y: int) -> Strip:
            drawn[str(widget.id)] += 1
            return render_line(widget, y)
        monkeypatch.setattr(cls, "render_line", counted)

    render_lines = Widget.render_lines

    def asked_for(widget: Widget, crop: Region) -> list[Strip]:
        asked[str(widget.id)] += 1
        return render_lines(widget, crop)

    async with open_cockpit(store, tick_seconds=3600, poll_seconds=3600) as (app, pilot):
        await pilot.pause()
        counting(Widget)
        counting(CountdownPanel)  # draws its own lines
        monkeypatch.setattr(Widget, "render_lines", asked_for)
        # T-0 is 10:00:00 on a whole minute: the countdown's minute turns with the clock's
        store.clock = FixedClock(later(T_MINUS_25H, seconds=1))
        app.tick()
        await pilot.pause()
        for second in (2, 3, 59):
            drawn.clear()
            asked.clear()
            store.clock = FixedClock(later(T_MINUS_25H, seconds=second))
            app.tick()
            await pilot.pause()
            assert set(drawn) == {"countdown"} and drawn["countdown"] <= 4, (second, drawn)
            # Textual asks every widget in a container the changed area touches for its
            # (cached) lines: a changed row 0 spans the side columns' panels too
            assert not {"signoffs", "gates", "comms", "tplan"} & set(asked), (second, asked)
        header = str(app.screen.query_one(HeaderBar).render())
        assert "T-1d 01:00 " in header and "09:00 CET" in header, header
        assert "T-1d 00:59:01" in screen_text(app)  # the panel counts the seconds
        drawn.clear()
        store.clock = FixedClock(later(T_MINUS_25H, seconds=60))
        app.tick()
        await pilot.pause()
        assert drawn["header"] == 1, drawn  # the next minute: the header's one line
        header = str(app.screen.query_one(HeaderBar).render())
        assert "T-1d 00:59 " in header and "09:01 CET" in header, header
        assert "T-1d 00:59:00" in screen_text(app)
        shown = screen_text(app)
    # what the running cockpit shows is what a cockpit opened at that second draws
    async with open_cockpit(store, tick_seconds=3600, poll_seconds=3600) as (fresh, pilot):
        assert screen_text(fresh) == shown
