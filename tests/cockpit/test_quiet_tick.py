"""The idle cockpit does only what the second needs (issue 24: idle with the countdown
running ≤ 0.5 % of a core): a tick redraws the lines whose text changed, and the copy's
freshness is not read in a thread (with a database connection) while no copy exists."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from textual.strip import Strip
from textual.widget import Widget

from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.texts.catalogue import text
from golive.data.time.clock import FixedClock, parse_instant
from golive.data.time.instants import later
from golive.widgets.countdown import CountdownPanel

from support.pilot import open_cockpit, screen_text

T_MINUS_25H = parse_instant("2026-03-05T09:00:00", "Europe/Berlin")


def _store(tmp_path: Path) -> Store:
    return Store.create(tmp_path / "g.sqlite", load_default_plan(), FixedClock(T_MINUS_25H),
                        "rm")


async def test_a_tick_redraws_only_the_clock_and_the_countdown_lines_that_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(tmp_path)
    drawn: Counter[str] = Counter()

    def counting(cls: type[Widget]) -> None:
        """Count each line a widget of `cls` is asked to draw (Textual asks again only
        for lines marked dirty)."""
        render_line = cls.render_line

        def counted(widget: Widget, y: int) -> Strip:
            drawn[str(widget.id)] += 1
            return render_line(widget, y)
        monkeypatch.setattr(cls, "render_line", counted)

    async with open_cockpit(store, tick_seconds=3600, poll_seconds=3600) as (app, pilot):
        store.clock = FixedClock(later(T_MINUS_25H, seconds=1))  # the countdown's minute
        app.tick()
        await pilot.pause()
        counting(Widget)
        counting(CountdownPanel)  # draws its own lines
        for second in (2, 3):  # within a minute of countdown and clock
            drawn.clear()
            store.clock = FixedClock(later(T_MINUS_25H, seconds=second))
            app.tick()
            await pilot.pause()
            # of the countdown's seven lines the digits' three and the caption (bar,
            # labels and deadline did not change; nor did any other panel, nor the
            # header, which shows the minute)
            assert set(drawn) == {"countdown"}, drawn
            assert drawn["countdown"] <= 4, drawn
        shown = screen_text(app)
    # what the running cockpit shows is what a cockpit opened at that second draws
    async with open_cockpit(store, tick_seconds=3600, poll_seconds=3600) as (fresh, pilot):
        assert screen_text(fresh) == shown


async def test_the_copy_is_read_without_a_thread_until_one_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    config = tmp_path / "cfg" / "golive" / "config.toml"
    store = _store(tmp_path)
    async with open_cockpit(store) as (app, pilot):
        app.poll_copy()
        assert app.copy_state is None  # no copy set up: the header names none
        config.parent.mkdir(parents=True)
        config.write_text('[replica]\nurl = "s3://bucket/golive"\n', "utf-8")
        app.poll_copy()
        # set up, never started: said at once, read on the UI thread, no worker started
        assert app.copy_state is not None
        assert app.copy_state[0] == text(store.plan.language, "copy.off")
        assert not [w for w in app.workers if w.group == "copy"]
        config.write_text("# no copy any more\n", "utf-8")
        app.poll_copy()
        assert app.copy_state is None
        await pilot.pause()
