"""K as a person uses it in the status call: open it, type the reason, Enter. The offered
event number stays (the reason field has the focus, the number is not selected to be typed
over); shift+tab reaches the number, tab goes on to the reason."""

from __future__ import annotations

from pathlib import Path

from golive.dialogs import FormDialog

from support.pilot import field, open_cockpit, type_text
from support.scenarios import build


async def test_typing_the_reason_at_once_keeps_the_offered_number(tmp_path: Path) -> None:
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    last = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("K")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        await type_text(pilot, "Pipeline war Staging")
        assert dialog.values() == {"seq": str(last), "reason": "Pipeline war Staging"}
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    events = list(store.events())
    assert len(events) == last + 1  # the correction, nothing else
    assert (events[-1].kind, events[-1].payload) == (
        "correct", {"seq": last, "kind": "deploy", "reason": "Pipeline war Staging"})


async def test_shift_tab_reaches_the_number_and_tab_goes_back_to_the_reason(tmp_path: Path
                                                                          ) -> None:
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    last = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("K")
        assert app.screen.focused is field(app, "reason")
        await pilot.press("shift+tab")
        assert app.screen.focused is field(app, "seq")
        await type_text(pilot, "2")  # the number, selected on the way, is replaced
        assert field(app, "seq").value == "2"
        await pilot.press("tab")
        assert app.screen.focused is field(app, "reason")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    assert store.event_count() == last  # escape wrote nothing
