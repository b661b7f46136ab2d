"""A dialog field's editing keys (ctrl+u, backspace, the arrows) typed in one go with
letters act in their place among them, as they do typed slowly.

`burst` puts every key in the app's queue at once, as one read from the terminal (tmux
send-keys, a paste, fast typing) delivers them.
"""

from __future__ import annotations

import os

from textual import events
from textual.app import App
from textual.widgets import Input

from golive.data.log.store import Store
from golive.dialogs import FormDialog

from support.pilot import open_cockpit

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def burst(app: App[None], *names: str) -> None:
    for name in names:
        app.post_message(events.Key(name, name if len(name) == 1 else None))


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        await pilot.pause()


async def test_ctrl_u_and_a_channel_in_one_go_store_the_channel(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("5", "j", "e")  # the contacts, the next one (a channel), edit
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        burst(app, *"#alt", "ctrl+u", *"#ltc-incident")
        await settle(pilot)
        assert [i.value for i in app.screen.query(Input)] == ["#ltc-incident"]
        burst(app, "enter")
        await settle(pilot)
    written = list(store.events())[1:]
    assert [(e.kind, e.payload.get("channel")) for e in written] == [
        ("contact", "#ltc-incident")]


async def test_backspace_and_arrows_in_one_go_edit_where_typed(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("n")
        await settle(pilot)
        burst(app, *"Stauts", "backspace", "backspace", "backspace", *"tus", "home", "x",
              "end", "!")
        await settle(pilot)
        assert [i.value for i in app.screen.query(Input)] == ["xStatus!"]
