"""The countdown panel draws its own lines (issue 10): long digits are never wrapped onto
more lines nor cut (100 days and more show the days alone where the time does not fit),
and the panel keeps its height as the digits grow."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive.cockpit import make_app
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant
from golive.widgets.countdown import CountdownPanel, digit_rows, digits_text


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_long_digits_are_neither_cut_nor_wrapped(tmp_path: Path,
                                                       size: tuple[int, int]) -> None:
    def clock(text: str) -> FixedClock:
        return FixedClock(parse_instant(text, "Europe/Berlin"))

    store = Store.create(tmp_path / "g.sqlite", load_default_plan(),
                         clock("2026-03-05T10:00:00"), "rm")
    app = make_app(store, "rm")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(CountdownPanel)
        short = panel.size.height
        store.clock = clock("2026-11-27T15:00:00")  # T+266d: "+266 05:00", 30 cells wide
        app.tick()
        await pilot.pause()
        assert app.board is not None and len(digits_text(app.board.seconds_to_t0)) == 10
        assert panel.size.height == short
        lines = panel.render().plain.split("\n")
        assert len(lines) == short
        # the days alone where days and time do not fit (the 32-cell column), never a cut
        digits = digits_text(app.board.seconds_to_t0)
        fits = len(digit_rows(digits)[0]) <= panel.size.width - 1
        assert fits == (size == (80, 24))
        shown = digits if fits else "+266"
        assert lines[:3] == [" " + row for row in digit_rows(shown)]
        assert lines[3].startswith(" T+266d 05:00:00")  # the whole count under it
