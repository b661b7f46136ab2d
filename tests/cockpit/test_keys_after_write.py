"""Keys typed in one go behind the Enter that writes and closes a dialog reach the screen
underneath, in order: `n eins Enter n zwei Enter` writes both notes.

`burst` puts every key in the app's queue at once, as one read from the terminal (tmux
send-keys, a paste, fast typing) delivers them: none waits for the write's answer or the
dialog's close. (Pilot's `press` waits for the app between keys and never saw the loss.)
"""

from __future__ import annotations

import os

from textual import events
from textual.app import App

from golive.data.log.store import Store

from support.pilot import open_cockpit

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def keys(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


CHARACTERS = {"space": " ", "enter": "\r"}


def burst(app: App[None], *names: str) -> None:
    for name in names:
        app.post_message(events.Key(name, CHARACTERS.get(name, name)))


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        await pilot.pause()


async def test_two_notes_in_one_go_write_both(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        burst(app, "n", *keys("eins"), "enter", "n", *keys("zwei"), "enter")
        await settle(pilot)
    said = [(e.kind, e.payload.get("text")) for e in list(store.events())[1:]]
    assert said == [("note", "eins"), ("note", "zwei")]


async def test_two_approvals_in_one_go_approve_both(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        burst(app, "space", *keys("Anna Schmidt"), "enter", "j",
              "space", *keys("Paul Produkt"), "enter")
        await settle(pilot)
    done = [(e.kind, e.target, e.payload.get("by")) for e in list(store.events())[1:]]
    assert [(kind, by) for kind, _, by in done] == [("approve", "Anna Schmidt"),
                                                      ("approve", "Paul Produkt")]
    assert done[0][1] != done[1][1]
