"""A GO after a finished rollback starts a new go-live attempt. The GO dialog says so, and
its confirmation takes an explicit choice: the Enter that confirms an ordinary GO goes
back here, and only the button that names the new attempt records it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button

from golive.dialogs import FormDialog

from support.pilot import dialog_text, open_cockpit
from support.scenarios import build


async def test_a_go_after_a_rollback_asks_for_a_new_attempt(tmp_path: Path) -> None:
    store = build("rolled-back", tmp_path / "golive.sqlite")
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("g")
        assert isinstance(app.screen, FormDialog)
        assert "zurückgerollt" in dialog_text(app.screen)
        assert "neuen Go-Live-Versuch" in dialog_text(app.screen)
        await pilot.press("enter", "enter")  # the decider offered, no reason: GO
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, FormDialog) and "neuen Go-Live-Versuch" in dialog_text(confirm)
        await pilot.press("enter")  # as for an ordinary GO: here it goes back, writes nothing
        await pilot.pause()
        assert store.event_count() == count
        assert isinstance(app.screen, FormDialog) and app.screen is not confirm
        await pilot.press("enter", "enter")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, FormDialog)
        button = confirm.query_one("#action-go", Button)
        assert "Neuer Versuch" in str(button.label)
        await pilot.press("shift+tab")  # to the button that names the new attempt
        assert confirm.focused is button
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    events = list(store.events())
    assert len(events) == count + 1 and (events[-1].kind, events[-1].payload["decision"]) == (
        "decide", "go")
    assert store.board().phase == "go"

