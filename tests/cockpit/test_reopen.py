"""Done work stays done unless asked: `space` on a done check asks before it reopens it,
and a correction of a reopen puts the tick back as it was (its own time and actor), so
the export shows it done at the first tick, not at a second one."""

from __future__ import annotations

import json
import os
from pathlib import Path

from golive.cockpit_screen import CockpitScreen
from golive.data.changes.commands import Check, Correct
from golive.data.log.store import Store
from golive.data.outputs.export import write_export
from golive.data.time.clock import FixedClock
from golive.dialogs import FormDialog

from support.pilot import open_cockpit

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def info_text(dialog: FormDialog) -> str:
    return " ".join(str(w.render()) for w in dialog.query("#dialog-info Static"))


async def test_space_on_a_done_check_asks_naming_it_and_who_ticked_it_when(store: Store
                                                                           ) -> None:
    async with open_cockpit(store, "Olaf Berg") as (app, pilot):
        cockpit = app.screen
        assert isinstance(cockpit, CockpitScreen)
        cockpit.focus_item("t-24h.on-call")
        await pilot.press("space")  # an open check: ticked at once, one key
        await pilot.pause()
        assert store.event_count() == 2
        await pilot.press("space")  # a done one: a question, nothing written
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.title_text == "Wieder öffnen: On-Call bestätigt?"
        assert "Erledigt von Olaf Berg (05.03. 10:00 CET)" in info_text(dialog)
        assert store.event_count() == 2
        await pilot.press("escape")
        await pilot.pause()
        assert store.event_count() == 2
        assert store.board().item("t-24h.on-call").state == "done"  # type: ignore[union-attr]
        await pilot.press("space", "enter")  # asked and confirmed: reopened
        await pilot.pause()
    assert store.board().item("t-24h.on-call").state == "open"  # type: ignore[union-attr]
    assert [e.kind for e in store.events()] == ["init", "check", "check"]


async def test_panel_keys_and_space_in_one_go_on_a_done_check_write_nothing(store: Store
                                                                           ) -> None:
    """After reopening the cockpit the cursor is back at the top, so `4 j j space` hits
    a check done earlier: it now asks, and writes nothing."""
    store.apply(Check("t-24h.on-call"), "Olaf Berg")
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("4", "j", "j", "space")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.title_text == "Wieder öffnen: On-Call bestätigt?"
    assert store.event_count() == 2


async def test_a_done_comms_task_asks_too(store: Store) -> None:
    store.apply(Check("comms.timeline"), "rm")
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("3", "space")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("escape")
        await pilot.pause()
    assert store.event_count() == 2


async def test_k_on_a_reopen_restores_the_tick_with_its_own_time_and_actor(
        store: Store, clock_at) -> None:  # type: ignore[no-untyped-def]
    store.apply(Check("t-24h.on-call"), "Olaf Berg")  # 10:00, by Olaf Berg
    store.clock = clock_at("2026-03-05T11:30")
    store.apply(Check("t-24h.on-call", undo=True), "rm")  # a reopen by mistake
    store.clock = clock_at("2026-03-05T11:31")
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("K")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#field-seq").value == "3"  # type: ignore[attr-defined]
        await pilot.press(*"versehentlich", "enter")  # the reason has the focus
        await pilot.pause()
    check = store.board().item("t-24h.on-call")
    assert check is not None and check.at is not None
    assert (check.state, check.by, check.at.strftime("%H:%M")) == ("done", "Olaf Berg", "10:00")
    assert [e.kind for e in store.events()] == ["init", "check", "check", "correct"]


def test_the_export_shows_the_check_done_at_the_first_tick(store: Store, clock_at,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    store.apply(Check("t-24h.on-call"), "Olaf Berg")
    store.clock = clock_at("2026-03-05T11:30")
    store.apply(Check("t-24h.on-call", undo=True), "rm")
    store.apply(Correct(3, "versehentlich"), "rm")
    path = write_export(store, tmp_path, fmt="json")
    check = next(c for c in json.loads(path.read_text())["checks"]
                 if c["id"] == "t-24h.on-call")
    assert check["state"] == "done"
    assert check["done_at"].startswith("2026-03-05 10:00"), check["done_at"]
    assert not check["late"]


def test_a_correction_of_an_old_reopen_without_its_tick_leaves_it_open(tmp_path: Path,
                                                                       clock_at) -> None:  # type: ignore[no-untyped-def]
    """A reopen written before it named its tick (an older golive) folds as it always
    did: its correction leaves the check open, and the file still reads whole."""
    from golive.data.plan.source import load_default_plan

    store = Store.create(tmp_path / "old.sqlite", load_default_plan(),
                         clock_at("2026-03-05T10:00"), "rm")
    store.apply(Check("t-24h.on-call"), "Olaf Berg")
    from golive.data.changes.parts import Change

    class OldReopen(Check):  # what Check(undo=True) wrote before
        def to_change(self, plan, state, now):  # type: ignore[no-untyped-def]
            return Change("check", self.item_id, {"done": False})

    store.apply(OldReopen("t-24h.on-call", undo=True), "rm")
    store.apply(Correct(3, "versehentlich"), "rm")
    assert store.board().item("t-24h.on-call").state == "open"  # type: ignore[union-attr]
    store.close()
    reopened = Store.open(tmp_path / "old.sqlite", FixedClock(store.clock.now()))
    assert reopened.verify().ok
    reopened.close()
