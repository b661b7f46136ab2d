"""Resizing a running cockpit: through big jumps and small steps (the cockpit alone through
every size, each screen and dialog over it through the short path), the app keeps running,
shows the verdict, and the log keeps its end."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.errors import NoWidget
from textual.screen import Screen

from golive.cockpit import GoliveApp, make_app
from golive.cockpit_screen import CockpitScreen
from golive.data.changes.commands import Approve, Reject, Revoke, SetGate
from golive.data.log.store import Store
from golive.data.plan.source import default_plan_text, load_default_plan, load_plan_file
from golive.data.time.clock import FixedClock
from golive.dialogs import FormDialog, ListScreen, ReadingList
from golive.palette import Palette
from golive.widgets.banner import VerdictBanner
from golive.widgets.log_view import LogView
from golive.widgets.panels import BoardList

from support.pilot import SIZES, STEPS, open_cockpit
from support.records import T_MINUS_24H, at
from support.scenarios import SIGNERS, build
from support.waiting import until

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

# big jumps down and up, then small steps, then back

# the keys that open each screen and dialog, pressed on the cockpit, and what they open
OPENERS: dict[str, tuple[list[str], type[Screen[Any]]]] = {
    "cockpit": ([], CockpitScreen),
    "signoff": (["space"], FormDialog),
    "gate": (["2", "space"], FormDialog),
    "contact": (["e"], FormDialog),
    "note": (["n"], FormDialog),
    "staging": (["s"], FormDialog),
    "decide": (["g"], FormDialog),
    "blockers": (["b"], ListScreen),
    "help": (["question_mark"], ListScreen),
    "as-of": (["a"], FormDialog),
    "palette": (["ctrl+p"], Palette),
    "info": (["i"], ListScreen),
    "reject": (["r"], FormDialog),
    # green gate: Abbrechen, then Rot …
    "red-gate": (["2", "space", "shift+tab", "enter"], FormDialog),
}


def verdict_shown(app: GoliveApp) -> bool:
    banners = [s.query(VerdictBanner) for s in app.screen_stack]
    return any(b.results() for b in banners if b)


def laid_out(app: GoliveApp, narrow: bool) -> bool:
    """The cockpit under any dialog shows the verdict, in its narrow layout or not."""
    return verdict_shown(app) and app.screen_stack[0].has_class("-narrow") is narrow


@pytest.mark.parametrize("opener", list(OPENERS), ids=list(OPENERS))
async def test_resizing_with_each_screen_open_keeps_running(tmp_path: Path, opener: str) -> None:
    store = build("t-1h", tmp_path / "golive.sqlite")
    app = make_app(store, "rm", bell_on_checkpoint=False)
    count = store.event_count()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys, screen_type = OPENERS[opener]
        await pilot.press(*keys)
        await pilot.pause()
        opened = app.screen  # resized with it open, not with the bare cockpit
        assert type(opened) is screen_type and len(app.screen_stack) == 1 + bool(keys)
        if opener == "red-gate":
            assert app.screen.query("#field-reason")  # the red gate's reason form is open
        for size in SIZES if opener == "cockpit" else STEPS:
            await pilot.resize_terminal(*size)
            # laid out for the new size: one pause is not always enough on a loaded machine
            assert await until(pilot, partial(laid_out, app, narrow=size[0] < 110)), size
            assert app.is_running, size
            assert app.screen is opened, size  # a resize closes nothing
        log = app.screen_stack[0].query_one(LogView)
        assert await until(pilot, lambda: log.scroll_y == log.max_scroll_y)
    assert store.event_count() == count  # resizing writes nothing


def _cursor_row_on_screen(app: GoliveApp) -> bool:
    """Whether the focused panel's highlighted row lies inside the scrolled body's view."""
    panel = app.focused
    assert panel is not None
    assert isinstance(panel, BoardList) and panel.highlighted is not None
    span = panel.row_span(panel.highlighted)
    assert span is not None
    y = panel.content_region.y + span[0]
    body = app.screen.query_one("#body")
    return body.content_region.y <= y < body.content_region.bottom


async def test_where_the_panels_stack_the_cursor_row_stays_in_view(tmp_path: Path) -> None:
    """At 80x24 the body scrolls, not the panel: moving the cursor down the gates, and a
    resize from 120x40 with the cursor low in a panel, keep its row on screen (a new user
    pressed space on a gate hidden behind the log)."""
    store = build("t-1h", tmp_path / "golive.sqlite")
    app = make_app(store, "rm")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        for _ in range(5):
            await pilot.press("down")
            assert await until(pilot, lambda: _cursor_row_on_screen(app))
        await pilot.press("1", "3")  # the comms panel, then down its rows
        for _ in range(3):
            await pilot.press("down")
            assert await until(pilot, lambda: _cursor_row_on_screen(app))
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("2", *["down"] * 5)
        await pilot.resize_terminal(80, 24)
        assert await until(pilot, lambda: _cursor_row_on_screen(app))


def _cursor_row_seen(app: GoliveApp) -> bool:
    """Every line of the focused panel's cursor row is on screen and on top there: not
    scrolled away, not under the key line."""
    panel = app.focused
    assert isinstance(panel, BoardList) and panel.highlighted is not None
    span = panel.row_span(panel.highlighted)
    assert span is not None
    x = panel.content_region.x + 1
    for line in range(span[0], span[0] + span[1]):
        try:
            widget, _ = app.screen.get_widget_at(x, panel.content_region.y + line)
        except NoWidget:
            return False
        if widget is not panel:
            return False
    return True


async def test_a_panel_growing_above_keeps_the_cursor_row_in_view(store: Store) -> None:
    """At 80x24 with the cursor on the T-plan's last check, another process rejects two
    sign-offs: their reasons make the panel above taller, and the cursor row, which space
    would act on, must not be pushed out of view (it was, and space ticked it)."""
    app = make_app(store, "rm")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4", "end")
        await pilot.pause()
        assert _cursor_row_seen(app)
        other = Store.open(store.path, store.clock)
        other.apply(Reject("approval.product", "Bob", "Tests rot"), "bob")
        other.apply(Reject("approval.security", "Eve", "Pen-Test offen"), "eve")
        other.close()
        signoffs = app.screen.query_one("#signoffs", BoardList)
        assert await until(pilot, lambda: signoffs.row_span(2) == (3, 2))
        await pilot.pause()
        assert _cursor_row_seen(app)


def _long_plan(tmp_path: Path) -> Path:
    """The default plan with 25 more communication tasks (two lines each in their column)
    and 20 more T+24h checks: taller than a 120x40 screen, so the screen scrolls."""
    label = "Kommunikationsaufgabe Nummer {n} mit einem langen Text, der umbricht"
    comms = "".join(f'\n[[comms]]\nid = "comms.extra-{n}"\nlabel = "{label.format(n=n)}"\n'
                    for n in range(25))
    checks = "".join(f'  {{ id = "t+24h.extra-{n}", label = "Nachlese {n}" }},\n'
                     for n in range(20))
    text = default_plan_text().replace(
        '  { id = "t+24h.support", label = "Support-Lage auswerten" },\n',
        '  { id = "t+24h.support", label = "Support-Lage auswerten" },\n' + checks)
    path = tmp_path / "long.toml"
    path.write_text(text + comms)
    return path


async def test_where_a_long_plan_overflows_the_screen_the_cursor_row_stays_above_the_key_line(
        tmp_path: Path) -> None:
    plan = load_plan_file(_long_plan(tmp_path))
    store = Store.create(tmp_path / "g.sqlite", plan, FixedClock(at(T_MINUS_24H)), "rm")
    async with open_cockpit(store, "rm") as (app, pilot):
        assert app.screen.max_scroll_y > 0  # the plan is taller than the screen
        await pilot.press("4", "end")
        await pilot.pause()
        assert _cursor_row_seen(app)
        await pilot.press("3")
        for _ in range(30):
            await pilot.press("down")
            await pilot.pause()
            assert _cursor_row_seen(app)
    store.close()


async def test_home_brings_the_panel_title_into_view_with_the_first_row(store: Store) -> None:
    """At 80x24, after End in the T-plan, Home shows the first check and above it the
    panel's title and first checkpoint, not the row alone."""
    app = make_app(store, "rm")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4", "end")
        await pilot.pause()
        await pilot.press("home")
        await pilot.pause()
        tplan = app.screen.query_one("#tplan", BoardList)
        assert _cursor_row_seen(app)
        widget, _ = app.screen.get_widget_at(tplan.region.x + 2, tplan.region.y)
        assert widget is tplan  # its top border, with the title


@pytest.mark.parametrize(("keys", "size"), [
    (("4", "home", "down", "down"), (80, 24)),  # a T-plan check, from the wide layout
    (("5", "down"), (80, 24)),  # a contact
    (("4", "end"), (80, 18)),  # from 80x24 (set below): the height alone changes
])
async def test_a_resize_keeps_the_cursor_row_in_view(store: Store, keys: tuple[str, ...],
                                                     size: tuple[int, int]) -> None:
    count = store.event_count()
    app = make_app(store, "rm")
    async with app.run_test(size=(120, 40) if size == (80, 24) else (80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.resize_terminal(*size)
        assert await until(pilot, lambda: _cursor_row_seen(app))
    assert store.event_count() == count


async def test_a_taller_verdict_or_a_write_under_a_dialog_keeps_the_cursor_row_in_view(
        store: Store) -> None:
    """The verdict grows with a long note on the first blocker, and a panel grows while
    a dialog covers the cockpit: after each, the T-plan's last row is still on screen."""
    for item_id, name in SIGNERS.items():
        store.apply(Approve(item_id, name), "rm")
    store.apply(SetGate("gate.rc-frozen", "red", "kurz"), "rm")
    app = make_app(store, "rm")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4", "end")
        await pilot.pause()
        assert _cursor_row_seen(app)
        verdict = app.screen.query_one(VerdictBanner)
        lines = verdict.size.height
        other = Store.open(store.path, store.clock)
        other.apply(SetGate("gate.rc-frozen", "red", "Build-Pipeline " * 15), "ops")
        assert await until(pilot, lambda: verdict.size.height > lines)
        assert await until(pilot, lambda: _cursor_row_seen(app))
        await pilot.press("n")  # the note dialog covers the cockpit
        await pilot.pause()
        other.apply(Revoke("approval.product", "Tests rot"), "bob")
        other.close()
        signoffs = app.screen_stack[0].query_one("#signoffs", BoardList)
        assert await until(pilot, lambda: signoffs.row_span(1) == (1, 2))
        await pilot.press("escape")
        assert await until(pilot, lambda: _cursor_row_seen(app))


async def test_space_on_a_cursor_row_out_of_view_shows_it_and_writes_nothing(
        store: Store) -> None:
    """Whatever moved the row away (here the column scrolled by hand), space first brings
    it into view and writes nothing; the next space acts on the row now seen. End on the
    last row also brings it back."""
    count = store.event_count()
    app = make_app(store, "rm")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4", "end")
        await pilot.pause()
        body = app.screen.query_one("#body")
        body.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        assert not _cursor_row_seen(app)
        await pilot.press("space")
        await pilot.pause()
        assert store.event_count() == count
        assert _cursor_row_seen(app)
        body.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert _cursor_row_seen(app)
        await pilot.press("space")  # now seen: the T+24h retrospective is ticked
        await pilot.pause()
    assert store.event_count() == count + 1


async def test_a_panel_taller_than_the_view_still_shows_its_cursor_row(store: Store) -> None:
    """80x13 leaves a few lines for the panels: Home in the T-plan would show its title
    and first checkpoint with the row, which do not fit together; the row wins."""
    app = make_app(store, "rm")
    async with app.run_test(size=(80, 13)) as pilot:
        await pilot.pause()
        await pilot.press("4", "end")
        await pilot.pause()
        await pilot.press("home")
        assert await until(pilot, lambda: _cursor_row_seen(app))


async def test_keys_arriving_together_still_end_with_the_cursor_row_in_view(
        store: Store) -> None:
    """"4" and End in one read (fast typing, a slow link): Textual's own scroll to the
    focused panel came after golive's and undid it."""
    app = make_app(store, "rm")
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.pause()
        for key in ("4", "end"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        assert await until(pilot, lambda: app.focused is app.screen.query_one("#tplan")
                           and _cursor_row_seen(app))
        for _ in range(5):  # and it stays so
            await pilot.pause()
        assert _cursor_row_seen(app)


async def test_a_countdown_that_changes_height_keeps_the_cursor_row_in_view(
        tmp_path: Path) -> None:
    """28 columns: passing T-24h changes how many lines the countdown takes, which moved
    the contacts below it; the cursor row there stays on screen."""
    before = FixedClock(at("2026-03-05T09:59:50+01:00"))
    store = Store.create(tmp_path / "g.sqlite", load_default_plan(), before, "rm")
    app = make_app(store, "rm")
    async with app.run_test(size=(28, 22)) as pilot:
        await pilot.pause()
        await pilot.press("5", "end", "k", "k", "k")
        assert await until(pilot, lambda: _cursor_row_seen(app))
        countdown = app.screen.query_one("#countdown")
        height = countdown.size.height
        store.clock = FixedClock(at("2026-03-05T10:00:10+01:00"))
        app.tick()
        assert await until(pilot, lambda: countdown.size.height != height)
        assert await until(pilot, lambda: _cursor_row_seen(app))
    store.close()


async def test_a_very_long_reason_leaves_the_panels_on_screen(store: Store) -> None:
    """A 1,600-character reason in the verdict filled all of 80x24 and left no panel;
    it is cut there (b lists the blocker in full)."""
    store.apply(Approve("approval.business", "Anna"), "rm")
    store.apply(Revoke("approval.business", "Befund " * 230), "rm")
    app = make_app(store, "rm")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(VerdictBanner).size.height <= 5
        assert _cursor_row_seen(app)  # the sign-offs' first row, focused
        await pilot.press("b")
        await pilot.pause()
        listed = app.screen.query_one(ReadingList)
        assert any(("Befund " * 230).strip() in str(option.prompt)
                   for option in listed.options)
