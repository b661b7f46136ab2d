"""The key line (issue 10: one widget instead of Textual's Footer): it shows the screen's
keys as the Footer did, follows the bindings, and a click on a key presses it."""

from __future__ import annotations

from pathlib import Path

from golive.cockpit import make_app
from golive.data.clock import FixedClock, parse_instant
from golive.data.plan import load_default_plan
from golive.data.store import Store
from golive.dialogs import ListScreen
from golive.widgets.key_bar import KeyBar


def _app(tmp_path: Path):  # type: ignore[no-untyped-def]
    clock = FixedClock(parse_instant("2026-03-05T10:00:00", "Europe/Berlin"))
    return make_app(Store.create(tmp_path / "g.sqlite", load_default_plan(), clock, "rm"), "rm")


def _line(app) -> str:  # type: ignore[no-untyped-def]
    bar = app.screen.query_one(KeyBar)
    return "".join(strip.text for strip in bar.render_lines(bar.region.reset_offset)).rstrip()


async def test_the_key_line_reads_as_the_footer_did(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert _line(app) == (" space Umschalten  e Kontakt  n Notiz  s Staging  g Go/No-Go "
                              " x Export  b Blocker  ? Hilfe  q Beenden  ^p Befehle")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        # compact: space and s left out, so ? and q fit
        assert _line(app) == ("e Kontakt n Notiz g Go/No-Go x Export b Blocker ? Hilfe "
                              "q Beenden ^p Befehle")


async def test_a_click_on_a_key_presses_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        x = _line(app).index("? Hilfe")
        await pilot.click(KeyBar, offset=(x + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, ListScreen)
