"""The key line (issue 10: one widget instead of Textual's Footer): it shows the screen's
keys as the Footer did, follows the bindings, and a click on a key presses it."""

from __future__ import annotations

from pathlib import Path

from golive.cockpit import make_app
from golive.cockpit_screen import CockpitScreen
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant
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
        assert _line(app) == (" space Auswählen  e Kontakt  n Notiz  s Staging  g Go/No-Go "
                              " x Export  b Blocker  ? Hilfe  q Beenden  ^p Befehle")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        # compact: s, b and the palette left out, so space, ? and q fit
        assert _line(app) == ("space Auswählen e Kontakt n Notiz g Go/No-Go x Export ? Hilfe "
                              "q Beenden")


async def test_at_80_columns_space_help_and_quit_fit_in_either_language(
        tmp_path: Path) -> None:
    for lang in ("de", "en"):
        clock = FixedClock(parse_instant("2026-03-05T10:00:00", "Europe/Berlin"))
        store = Store.create(tmp_path / f"{lang}.sqlite", load_default_plan(), clock, "rm")
        app = make_app(store, "rm", lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            line = _line(app)
            assert len(line) <= 80, line
            for key in ("space ", "? ", "q "):
                assert key in line, (lang, line)


async def test_over_a_dialog_the_key_line_says_what_escape_does_there(tmp_path: Path) -> None:
    """The cockpit's keys do not work in a dialog, so its line is not shown over one."""
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for keys, shown in ((["space"], " esc Abbrechen"), (["b"], " esc Schließen"),
                            (["question_mark"], " esc Schließen"),
                            (["a", "enter"], " esc Zurück")):
            await pilot.press(*keys)
            await pilot.pause()
            assert not isinstance(app.screen, CockpitScreen), keys
            assert _line(app) == shown, keys
            # a click on it is the key
            await pilot.click(KeyBar, offset=(2, 0))
            await pilot.pause()
            assert isinstance(app.screen, CockpitScreen), keys
        # the palette has no key line: the cockpit's says how to leave it
        cockpit = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        bar = cockpit.query_one(KeyBar)
        assert "".join(s.text for s in bar.render_lines(bar.region.reset_offset)).rstrip() \
            == " esc Schließen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is cockpit and _line(app).startswith(" space Auswählen")
    assert app.store.event_count() == 1


async def test_a_click_on_a_key_presses_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        x = _line(app).index("? Hilfe")
        await pilot.click(KeyBar, offset=(x + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, ListScreen)


async def test_without_blockers_the_verdict_line_still_points_to_b_for_warnings(
        tmp_path: Path) -> None:
    """At 80 columns b is not in the key line; GO-READY with overdue checks says where the
    warnings are."""
    from golive.widgets.banner import VerdictBanner

    from support.records import at
    from support.scenarios import build

    store = build("after-go-t+5m", tmp_path / "g.sqlite")
    store.clock = FixedClock(at("2026-03-07T11:00:00"))  # the T+24h checks are overdue
    warnings = len(store.board().warnings)
    assert warnings > 1 and not store.board().blockers
    app = make_app(store, "rm")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = str(app.screen.query_one(VerdictBanner).render())
        assert f"(b: {warnings} Hinweise)" in banner, banner
        await pilot.press("b")
        assert isinstance(app.screen, ListScreen)
