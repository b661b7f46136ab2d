"""Found on the tour of the merged cockpit: a dialog's explanation takes the focus on Tab
(it scrolls in a short terminal), and there the hint said "Enter: Abbrechen" (or the
default button) while Enter did nothing at all. Enter does what the hint says."""

from __future__ import annotations

import os

from golive.data.log.store import Store
from golive.dialogs import FormDialog

from support.pilot import open_cockpit

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def hint(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return str(screen.query_one("#dialog-enter").render())


async def test_enter_on_the_explanation_of_a_green_gate_cancels_and_writes_nothing(
        store: Store) -> None:
    store_count_before = None
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("2", "space", "enter")  # rc-frozen: open -> green
        await pilot.pause()
        store_count_before = store.event_count()
        await pilot.press("space")
        assert isinstance(app.screen, FormDialog)
        app.screen.set_focus(app.screen.query_one("#dialog-info"))
        await pilot.pause()
        assert "Abbrechen" in hint(app)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)  # it closed, as the hint said
    assert store.event_count() == store_count_before


async def test_enter_on_the_explanation_of_an_open_gate_does_what_the_hint_says(
        store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("2", "space")
        assert isinstance(app.screen, FormDialog)
        app.screen.set_focus(app.screen.query_one("#dialog-info"))
        await pilot.pause()
        assert "Grün setzen" in hint(app)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    view = store.board().item("gate.rc-frozen")
    assert view is not None and view.state == "green"
