"""Resizing a running cockpit: through big jumps and small steps, with every screen and
dialog open in turn, the app keeps running, shows the verdict, and the log keeps its end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from scenarios import build

from golive.cockpit import GoliveApp, make_app
from golive.widgets.banner import VerdictBanner
from golive.widgets.log_view import LogView

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

# big jumps down and up, then small steps, then back
SIZES = [(200, 60), (120, 40), (100, 30), (80, 24), (60, 20), (40, 12), (120, 40), (40, 12),
         (200, 60), (80, 24), (81, 24), (79, 23), (110, 30), (109, 30), (111, 31), (120, 40)]

# the keys that open each screen and dialog, pressed on the cockpit
OPENERS = {
    "cockpit": [],
    "signoff": ["space"],
    "gate": ["2", "space"],
    "contact": ["e"],
    "note": ["n"],
    "staging": ["s"],
    "decide": ["g"],
    "blockers": ["b"],
    "help": ["question_mark"],
    "as-of": ["a"],
    "palette": ["ctrl+p"],
    "info": ["i"],
    "reject": ["r"],
    "red-gate": ["2", "space", "shift+tab", "enter"],  # green gate: Abbrechen, then Rot …
}


def verdict_shown(app: GoliveApp) -> bool:
    banners = [s.query(VerdictBanner) for s in app.screen_stack]
    return any(b.results() for b in banners if b)


@pytest.mark.parametrize("opener", list(OPENERS), ids=list(OPENERS))
async def test_resizing_with_each_screen_open_keeps_running(tmp_path: Path, opener: str) -> None:
    store = build("t-1h", tmp_path / "golive.sqlite")
    app = make_app(store, "rm", bell_on_checkpoint=False)
    count = store.event_count()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*OPENERS[opener])
        await pilot.pause()
        if opener == "red-gate":
            assert app.screen.query("#field-reason")  # the red gate's reason form is open
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.is_running, size
            assert verdict_shown(app), size
            narrow = size[0] < 110
            assert app.screen_stack[0].has_class("-narrow") is narrow, size
        log = app.screen_stack[0].query_one(LogView)
        assert log.scroll_y == log.max_scroll_y
    assert store.event_count() == count  # resizing writes nothing
