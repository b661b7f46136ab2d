"""How the board reaches the screens and how forms write (issue 23): the app's reactive
board is the one feed of the live cockpit, a past board stays as it was asked for, and
the key table makes the actions of the keys that open forms."""

from __future__ import annotations

import os
from pathlib import Path

from golive.cockpit import make_app
from golive.cockpit_screen import CockpitScreen
from golive.data.changes.commands import Note
from golive.data.log.store import Store
from golive.dialogs import FormDialog
from golive.keys import KEYS
from golive.screens import AsOfScreen
from golive.widgets.log_view import LogView
from golive.widgets.panels import CommsList

from support.scenarios import build
from support.waiting import until

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


async def test_a_write_from_outside_reaches_the_live_board_not_the_past_one(
        tmp_path: Path) -> None:
    """Another process writes while the "as it was" view is open: the live cockpit under it
    takes the new board and log length from the app's reactives; the past board and its
    log stay exactly as they were asked for."""
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    app = make_app(store, "rm", poll_seconds=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert isinstance(app.screen, FormDialog)
        await pilot.click("#action-decision")
        await app.workers.wait_for_complete()
        await pilot.pause()
        past = app.screen
        assert isinstance(past, AsOfScreen)
        past_board, past_count = past.board, past.query_one(LogView).count
        cockpit = app.screen_stack[0]
        assert isinstance(cockpit, CockpitScreen)
        before = store.event_count()
        other = Store.open(store.path, store.clock)  # a second writer on the same file
        try:
            other.apply(Note("Statuscall verschoben"), "ops")
        finally:
            other.close()
        assert await until(pilot, lambda: cockpit.query_one(LogView).count == before + 1)
        assert app.board is not None and app.board.events == before + 1
        assert cockpit.board is app.board and cockpit.log_count == before + 1
        assert past.board is past_board and past.query_one(LogView).count == past_count


async def test_a_panel_redraws_only_when_its_part_of_the_board_changed(
        tmp_path: Path) -> None:
    """A note changes no panel: the board flows to every panel, and each compares its own
    part and keeps what it drew; the log alone grows."""
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    app = make_app(store, "rm")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        comms = app.screen.query_one(CommsList)
        rows = list(comms.options)
        before = store.event_count()
        assert app.write(Note("nur eine Notiz")) is None
        await pilot.pause()
        assert app.screen.query_one(LogView).count == before + 1
        assert all(a is b for a, b in zip(comms.options, rows, strict=True))


async def test_every_key_that_opens_a_form_has_its_action_and_a_read_only_view_refuses_it(
        tmp_path: Path) -> None:
    """The key table makes these actions; in a read-only cockpit every one that writes
    answers with one line and opens nothing, writes nothing."""
    opening = [k for k in KEYS if k.opens]
    assert {k.action for k in opening} >= {"note", "staging", "decide", "golive",
                                            "rollback", "correct", "announce", "as_of"}
    for key in opening:
        assert callable(getattr(CockpitScreen, f"action_{key.action}", None)), key.id
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    before = store.event_count()
    app = make_app(store, "rm", read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in (k for k in opening if k.mutates):
            app.clear_notifications()
            await pilot.press(key.keys)
            await pilot.pause()
            assert isinstance(app.screen, CockpitScreen), key.id
            assert len(app._notifications) == 1, key.id
    assert store.event_count() == before
