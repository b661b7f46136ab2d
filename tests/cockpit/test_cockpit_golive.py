"""Pilot tests of the go-live keys: d (next deploy step), R (rollback), K (correction),
asserting what the store recorded and what it did not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Static

from golive.cockpit_screen import CockpitScreen
from golive.data.time.clock import FixedClock, parse_instant
from golive.dialogs import FormDialog
from golive.log_source import log_rows

from support.pilot import open_cockpit, type_text
from support.scenarios import build

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def kinds(store) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def]
    return [(e.kind, e.payload) for e in store.events()]


def at(minute: int):  # type: ignore[no-untyped-def]
    return FixedClock(parse_instant(f"2026-03-06T10:{minute:02d}:00", "Europe/Berlin"))


async def test_d_walks_the_deploy_to_success(tmp_path: Path) -> None:
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        for minute, step in ((19, "finished"), (30, "verified"), (35, "success")):
            store.clock = at(minute)
            await pilot.press("d")
            dialog = app.screen
            assert isinstance(dialog, FormDialog)
            buttons = [b.id for b in dialog.query(Button)]
            assert buttons == [f"action-{step}", "action-cancel"]
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, FormDialog)
    assert store.board().phase == "succeeded"
    # each press wrote its own step, once, in order
    assert kinds(store)[count:] == [("deploy", {"step": "finished"}),
                                    ("deploy", {"step": "verified"}),
                                    ("outcome", {"step": "success"})]


async def test_space_on_the_deploy_check_opens_the_go_live_dialog(tmp_path: Path) -> None:
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        screen = app.screen
        assert isinstance(screen, CockpitScreen)
        screen.focus_item("t-0.deploy")
        await pilot.pause()
        assert screen.focused_item()[1] == "t-0.deploy"
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("escape")
        await pilot.pause()
    assert store.event_count() == count  # escape wrote nothing


async def test_shift_r_decides_a_rollback_offering_the_decider_then_finishes_it(tmp_path: Path
                                                                           ) -> None:
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("R")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.values()["by"] == "Ruth Decker"
        await pilot.press("enter")  # on to the reason
        await pilot.press("enter")  # no reason: refused, dialog stays, nothing written
        await pilot.pause()
        assert app.screen is dialog and store.event_count() == count
        assert "Grund" in str(dialog.query_one("#dialog-error", Static).render())
        await type_text(pilot, "5xx im Checkout")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        store.clock = at(30)
        await pilot.press("R")
        assert isinstance(app.screen, FormDialog)
        await pilot.press("enter")
        await pilot.pause()
    assert store.event_count() == count + 2  # the decision and its end, nothing else
    kind, payload = kinds(store)[-2]
    assert (kind, payload["by"], payload["reason"], payload["decider"]) == (
        "rollback", "Ruth Decker", "5xx im Checkout", "Ruth Decker")
    assert kinds(store)[-1] == ("rollback", {"step": "rollback-finished"})
    assert store.board().phase == "rolled-back"


async def test_k_corrects_the_last_event_and_refuses_a_bad_number(tmp_path: Path) -> None:
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    last = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("K")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.values()["seq"] == str(last)
        await type_text(pilot, "Pipeline war Staging")  # the reason has the focus
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        await pilot.press("K")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#field-seq", Input).value = "abc"
        await type_text(pilot, "egal")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # one clear line, nothing written
        assert str(dialog.query_one("#dialog-error", Static).render()) == (
            "Bitte die Nr. des Ereignisses angeben")
        await pilot.press("escape")
    assert store.event_count() == last + 1
    kind, payload = kinds(store)[-1]
    assert (kind, payload) == ("correct", {"seq": last, "kind": "deploy",
                                           "reason": "Pipeline war Staging"})
    assert store.board().phase == "go"
    rows = [str(row) for row in log_rows(store, 0, store.event_count())]
    assert rows[last - 1].endswith(f"Deploy gestartet (korrigiert durch Nr. {last + 1}: "
                                   "Pipeline war Staging)")
    assert rows[last].endswith(f"Korrektur von Nr. {last} (Go-Live): Pipeline war Staging")


@pytest.mark.parametrize("key", ["d", "R", "K"])
async def test_resizing_with_each_go_live_dialog_open(tmp_path: Path, key: str) -> None:
    from support.pilot import STEPS

    store = build("rollback", tmp_path / "golive.sqlite")
    count = store.event_count()
    async with open_cockpit(store, "rm", bell_on_checkpoint=False) as (app, pilot):
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        for size in STEPS:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, FormDialog), size
    assert store.event_count() == count


async def test_b_lists_the_overtaken_go_first(tmp_path: Path) -> None:
    from golive.dialogs import ListScreen

    from support.pilot import dialog_text

    store = build("go-superseded", tmp_path / "golive.sqlite")
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ListScreen)
        shown = dialog_text(app.screen)
    overtaken = "GO von Ruth Decker um 09:50 ist überholt: Security zurückgezogen um 09:58"
    assert overtaken in shown
    assert shown.index(overtaken) < shown.index("Security: Freigabe zurückgezogen")


async def test_after_go_the_banner_no_longer_says_go_is_possible(tmp_path: Path) -> None:
    from golive.widgets.banner import VerdictBanner

    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    async with open_cockpit(store, "rm") as (app, pilot):
        banner = str(app.screen.query_one(VerdictBanner).render())
        assert "keine Blocker" in banner and "Go möglich" not in banner, banner


@pytest.mark.parametrize(("key", "scenario", "said"), [
    ("R", "fresh-t-25h", "Rollback erst nach dem Deploy-Start (d nach dem GO): "
                         "noch nichts zurückzurollen"),
    ("R", "go-superseded", "Rollback erst nach dem Deploy-Start (d nach dem GO): "
                           "noch nichts zurückzurollen"),
    ("d", "fresh-t-25h", "Noch kein GO: der Deploy startet erst nach einer "
                         "GO-Entscheidung (g)."),
])
async def test_r_and_d_before_their_time_say_so_and_open_nothing(
        tmp_path: Path, key: str, scenario: str, said: str) -> None:
    """A form whose every submit is refused is no answer to R before the deploy, nor to
    d before a GO: one line says why, nothing opens, nothing is written."""
    from support.pilot import notes

    store = build(scenario, tmp_path / "golive.sqlite")
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, CockpitScreen)
        [note] = notes(app)  # a rehearsal's notes start with its PROBE mark
        assert note.endswith(said), note
    assert store.event_count() == count


@pytest.mark.parametrize(("scenario", "phase"), [("rollback", "Rollback läuft"),
                                                 ("rolled-back", "zurückgerollt"),
                                                 ("success", "erfolgreich")])
def test_the_copied_summary_says_the_go_lives_phase(tmp_path: Path, scenario: str,
                                                     phase: str) -> None:
    """After a rollback a pasted "… · GO-READY" would say the opposite: the verdict is
    the phase."""
    summary = build(scenario, tmp_path / "golive.sqlite").board().summary_line()
    assert summary.endswith(f"· {phase}"), summary
    assert "GO-READY" not in summary


async def test_d_before_t0_says_the_deploy_would_start_early(tmp_path: Path) -> None:
    """With a GO before T-0 the dialog says the deploy would start early."""
    store = build("go-superseded", tmp_path / "early.sqlite")  # GO at 09:50, now 09:59
    from golive.data.changes.commands import Approve, Decide

    # the overtaken GO given again, so that it stands (on a superseded one d says so)
    store.apply(Approve("approval.security", "Sina Koch"), "rm")
    store.apply(Decide("go", "Ruth Decker", "Befund behoben"), "rm")
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        info = " ".join(str(w.render()) for w in app.screen.query("#dialog-info Static"))
        assert "Noch vor T-0 (06.03. 10:00 CET)" in info, info
        await pilot.press("escape")
        await pilot.pause()
    assert store.event_count() == count


@pytest.mark.parametrize(("scenario", "red"), [("rollback", True), ("rolled-back", True),
                                               ("success", False), ("after-go-t+5m", False)])
async def test_the_banner_is_red_once_a_rollback_was_decided(tmp_path: Path, scenario: str,
                                                             red: bool) -> None:
    from golive.widgets.banner import VerdictBanner

    async with open_cockpit(build(scenario, tmp_path / "golive.sqlite"), "rm") as (app, pilot):
        banner = app.screen.query_one(VerdictBanner)
        assert (banner.has_class("-blocked"), banner.has_class("-ready")) == (red, not red)


async def test_d_on_a_superseded_go_says_what_comes_next_and_writes_nothing(
        tmp_path: Path) -> None:
    """Every step would be refused on a superseded GO: no form to fill in vain, one line
    naming the cause and the two ways on (issue 20)."""
    store = build("go-superseded", tmp_path / "golive.sqlite")
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        said = [str(n.message).removeprefix("PROBE · ") for n in app._notifications]
        assert said == ["Das GO ist überholt (Security zurückgezogen um 09:58): erst neu "
                        "entscheiden (g) oder Rollback (R)"]
    assert store.event_count() == count
