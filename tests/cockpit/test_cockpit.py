"""Pilot tests of the cockpit: every key and dialog, asserting what the store recorded."""

from __future__ import annotations

import html
import os
import re
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input

from golive.cockpit import make_app
from golive.data.changes.commands import Approve, Note
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan, parse_plan
from golive.data.time.clock import FixedClock
from golive.data.time.instants import later
from golive.dialogs import FormDialog, ListScreen
from golive.screens import AsOfScreen
from golive.widgets.banner import HeaderBar
from golive.widgets.log_view import LogView

from support.pilot import dialog_text, notes, open_cockpit, type_text
from support.records import at
from support.scenarios import build
from support.waiting import until

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
ZONE = "Europe/Berlin"
NOW = "2026-03-05T10:00:00"


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = Store.create(tmp_path / "golive.sqlite", load_default_plan(), FixedClock(at(NOW)), "rm")
    yield s
    s.close()


def item(store: Store, item_id: str):  # type: ignore[no-untyped-def]
    view = store.board().item(item_id)
    assert view is not None
    return view




async def test_space_on_business_asks_for_a_name_and_records_the_approval(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        assert app.focused is app.screen.query_one("#signoffs")
        await pilot.press("space")
        assert isinstance(app.screen, FormDialog)
        await type_text(pilot, "Anna Schmidt")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    view = item(store, "approval.business")
    assert (view.state, view.by, view.at) == ("approved", "Anna Schmidt", at(NOW))
    assert store.event_count() == 2


async def test_comms_and_tplan_checks_toggle_and_derived_ones_explain(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("3", "space")
        await pilot.pause()
        assert item(store, "comms.timeline").state == "done"
        await pilot.press("space")  # a done task: asked first, reopened by Enter
        await pilot.pause()
        assert item(store, "comms.timeline").state == "done"
        await pilot.press("enter")
        await pilot.pause()
        assert item(store, "comms.timeline").state == "open"
        count = store.event_count()
        await pilot.press("j", "j", "j", "space")  # comms.escalation-list follows contacts
        await pilot.pause()
        assert store.event_count() == count
        assert any("Eskalationskontakten" in n for n in notes(app))
        await pilot.press("4", "j", "j", "space")  # t-24h.on-call
        await pilot.pause()
    assert item(store, "t-24h.on-call").state == "done"
    assert [(e.kind, e.target, e.payload) for e in store.events(2)] == [
        ("check", "comms.timeline", {"done": True}),
        ("check", "comms.timeline", {"done": False, "reopens": 2}),
        ("check", "t-24h.on-call", {"done": True})]  # and the derived one wrote nothing


async def test_contacts_edit_validates_phone_and_stores_e164(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("5", "space")
        await type_text(pilot, "#ltc-status")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("j", "j", "e")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#field-name", Input).value = "Olaf Berg"
        dialog.query_one("#field-phone", Input).value = "12345"
        await pilot.click("#action-save")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)  # refused: the dialog says why
        assert "Rufnummer" in str(app.screen.query_one("#dialog-error").render())
        app.screen.query_one("#field-phone", Input).value = "0170 2938475"
        await pilot.pause(0.3)  # a Button ignores a second press within 0.2 s
        await pilot.click("#action-save")
        await pilot.pause()
    board = store.board()
    assert board.contacts[0].value == "#ltc-status" and not board.contacts[0].placeholder
    # the refused save wrote nothing: one event per saved contact, the person's as typed
    assert [(e.kind, e.target, e.payload) for e in store.events(2)] == [
        ("contact", "contact.status-channel", {"channel": "#ltc-status"}),
        ("contact", "contact.primary-on-call", {"name": "Olaf Berg",
                                                "phone": "+491702938475"})]
    person = board.contacts[2]
    assert (person.name, person.phone, person.placeholder) == ("Olaf Berg", "+491702938475",
                                                                False)


async def test_e_elsewhere_edits_the_first_placeholder(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("e")
        assert isinstance(app.screen, FormDialog)
        assert "Status-Kanal" in app.screen.title_text


async def test_note_keeps_hostile_text_literal(store: Store) -> None:
    app = make_app(store, "rm")
    hostile = "[/srv] [Status-Kanal] [b]bold[/b] \x1b[31mred"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        app.screen.query_one("#field-text", Input).value = hostile
        await pilot.press("enter")
        await pilot.pause()
        log = app.screen.query_one(LogView)
        assert log.count == 2
        rendered = [log.render_line(y).text for y in range(log.size.height)]
    last = list(store.events())[-1]
    assert last.kind == "note"
    assert last.payload["text"] == "[/srv] [Status-Kanal] [b]bold[/b] [31mred"
    assert any("[/srv] [Status-Kanal] [b]bold[/b]" in line for line in rendered)


async def test_c_copies_a_one_line_summary(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("c")
        await pilot.pause()
    summary = app.board.summary_line() if app.board else ""
    assert "Freigaben 0/6" in summary and "Gates 0/6" in summary
    assert "Platzhalter 5" in summary and "NO-GO" in summary and "T-1d 00:00:00" in summary
    assert any(summary in n for n in notes(app))
    assert app.clipboard == f"PROBE · {summary}"  # the fixture is a rehearsal file


async def test_b_and_a_click_on_the_banner_list_every_blocker(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("b")
        assert isinstance(app.screen, ListScreen)
        text = dialog_text(app.screen)
        for placeholder in ("[Status-Kanal]", "[Incident-Kanal]", "[Primär-On-Call]",
                            "[Backup-On-Call]", "[Rollback-Entscheider]"):
            assert placeholder in text
        await pilot.press("escape")
        await pilot.click("#verdict")
        assert isinstance(app.screen, ListScreen)


async def test_help_and_palette_know_every_key(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, ListScreen)
        text = dialog_text(app.screen)
        for name in ("abhaken", "entscheiden", "export", "kopieren", "stand-damals", "kontakt"):
            assert f"[{name}]" in text
        await pilot.press("escape")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "golive: Go/No-Go" in titles and "golive: Export" in titles


async def test_keymap_remaps_a_binding_by_id(store: Store) -> None:
    async with open_cockpit(store, "rm", keymap={"decide": "G"}) as (app, pilot):
        await pilot.press("g")
        assert not isinstance(app.screen, FormDialog)
        await pilot.press("G")
        assert isinstance(app.screen, FormDialog)


async def test_number_keys_focus_panels_and_q_quits(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        for n, panel in enumerate(("signoffs", "gates", "comms", "tplan", "contacts", "log"), 1):
            await pilot.press(str(n))
            assert app.focused is not None and app.focused.id == panel
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id != "log"
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running  # q quit, nothing else ended the app
    assert app.return_code == 0


async def test_another_process_write_shows_up_within_a_second(store: Store) -> None:
    async with open_cockpit(store, "rm", poll_seconds=0.1) as (app, pilot):
        other = Store.open(store.path, FixedClock(at(NOW)))
        other.apply(Approve("approval.sre", "Sven"), "script")
        other.close()
        assert await until(pilot, lambda: app.screen.query_one(LogView).count == 2)
        assert app.board is not None
        view = app.board.item("approval.sre")
        assert view is not None and view.state == "approved"
        assert app.screen.query_one(LogView).count == 2


async def test_a_failed_write_leaves_the_screen_and_says_why(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        blocker = sqlite3.connect(store.path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        store.conn.execute("PRAGMA busy_timeout = 50")
        assert app.board is not None
        before = app.board.items
        await pilot.press("3", "space")
        await pilot.pause()
        blocker.execute("ROLLBACK")
        blocker.close()
        assert app.board.items == before
        assert any("belegt" in n for n in notes(app))  # German plan: "Datenbank belegt"
    assert item(store, "comms.timeline").state == "open"


async def test_checkpoint_reached_notifies_and_rings(store: Store) -> None:
    store.clock = FixedClock(at("2026-03-05T09:59:59"))
    app = make_app(store, "rm")
    bells = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        store.clock = FixedClock(at("2026-03-05T10:00:00"))
        app.tick()
        await pilot.pause()
    assert bells == [1]
    assert any("T-24h" in n for n in notes(app))


async def test_as_of_view_matches_status_at(tmp_path: Path) -> None:
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("a")
        assert isinstance(app.screen, FormDialog)
        await pilot.click("#action-decision")
        await app.workers.wait_for_complete()  # the past is read off the UI thread
        await pilot.pause()
        assert isinstance(app.screen, AsOfScreen)
        board = app.screen.board
        decision = store.board().decision
        assert decision is not None
        expected = store.board_at(decision.at)
        assert board.items == expected.items and board.blockers == expected.blockers
        assert board.events == expected.events
        # its log ends with the last event at or before the decision, not the live end
        log = app.screen.query_one(LogView)
        assert log.count == expected.events < store.event_count()
        shown = [log.render_line(y).text for y in range(log.size.height)]
        last = next(line for line in reversed(shown) if line.strip())
        assert last.startswith(f"{expected.events} ") and "GO" in last, shown
        # the header's time is the instant asked for: "Stand", not "jetzt" (a rehearsal
        # shows its PROBE mark there instead of either word)
        header = app.screen.query_one(HeaderBar)
        assert header.now_word == "header.asof" and "jetzt" not in str(header.render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AsOfScreen)


async def test_as_of_view_is_read_off_the_ui_thread(tmp_path: Path) -> None:
    """A past board on a long log must not freeze the screen: it is read in a worker
    thread through a connection of its own (the UI thread keeps using the store's)."""
    import threading

    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    app = make_app(store, "rm")
    calls: list[tuple[bool, bool]] = []
    real = store.board_at

    def spy(instant, *, own_connection=False):  # type: ignore[no-untyped-def]
        calls.append((threading.current_thread() is threading.main_thread(), own_connection))
        return real(instant, own_connection=own_connection)

    store.board_at = spy  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.click("#action-decision")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, AsOfScreen)
    assert calls == [(False, True)]


async def test_english_interface_keeps_plan_labels(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "g.sqlite", load_default_plan(), FixedClock(at(NOW)), "rm")
    async with open_cockpit(store, "rm", lang="en") as (app, pilot):
        assert app.screen.query_one("#signoffs").border_title == "Sign-offs"
        await pilot.press("g")
        assert isinstance(app.screen, FormDialog)
        assert "Go/no-go decision" in app.screen.title_text


async def test_markup_in_plan_labels_is_drawn_literally(tmp_path: Path) -> None:
    text = load_default_plan().source.replace('"Business-Freigabe eingeholt"',
                                              '"[b]Business[/b] [/srv] [Status-Kanal]"')
    plan = parse_plan(text, "hostile.toml")
    store = Store.create(tmp_path / "h.sqlite", plan, FixedClock(at(NOW)), "rm")
    store.apply(Note("[link=x]y[/link] [/] [red]"), "[/srv]")
    async with open_cockpit(store, "[bold]") as (app, pilot):
        svg = app.export_screenshot()
    shown = html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)))
    shown = shown.replace("\xa0", " ")
    assert "[b]Business[/b] [/srv] [Status-Kanal]" in shown  # the plan's label
    assert "[link=x]y[/link] [/] [red]" in shown  # the note, in the log
    assert "[/srv]" in shown.split("[link=x]")[0].splitlines()[-1]  # its actor, same row


async def test_x_exports_the_retrospective_beside_the_database(tmp_path: Path) -> None:
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
    files = list((tmp_path / "retro").glob("golive-PROBE-rc-2026-03-01-*.md"))
    assert len(files) == 1
    text = files[0].read_text("utf-8")
    assert text.rstrip().splitlines()[-1].count(store.head()) == 1
    assert any(str(files[0]) in n for n in notes(app))


async def test_x_reports_a_failed_export_and_carries_on(tmp_path: Path) -> None:
    store = build("t-1h", tmp_path / "golive.sqlite")
    (tmp_path / "retro").write_text("a file where the directory should be")
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("3", "space", "enter")
        await pilot.pause()
    assert any("Export fehlgeschlagen" in n for n in notes(app))
    assert item(store, "comms.timeline").state == "open"  # it was done: asked, reopened


async def test_log_follows_new_events_unless_scrolled_up(tmp_path: Path) -> None:
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    async with open_cockpit(store, "rm", poll_seconds=0.1) as (app, pilot):
        log = app.screen.query_one(LogView)
        assert log.is_vertical_scroll_end
        await pilot.press("n")
        app.screen.query_one("#field-text", Input).value = "neu"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert log.is_vertical_scroll_end and "neu" in log.render_line(
            log.scrollable_content_region.height - 1).text
        await pilot.press("6", "home")
        await pilot.pause()
        other = Store.open(store.path, store.clock)
        other.apply(Note("from a script"), "deploy.sh")
        other.close()
        assert await until(pilot, lambda: log.count == store.event_count())
        assert log.scroll_y == 0  # the reader stays where they scrolled to


async def test_a_deploy_script_in_another_process_shows_up(store: Store) -> None:
    """A real `golive` subprocess writes while the cockpit runs: the cockpit shows it
    within a second, and the script's own exit code says it was recorded."""
    import subprocess
    import sys

    async with open_cockpit(store, "rm", poll_seconds=0.2) as (app, pilot):
        done = subprocess.run(
            [sys.executable, "-m", "golive", "--db", str(store.path), "--as", "deploy.sh",
             "check", "t-0.status-lead"], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr

        def shown() -> bool:
            view = app.board.item("t-0.status-lead") if app.board else None
            return view is not None and view.state == "done"
        assert await until(pilot, shown)
        assert app.board is not None
        view = app.board.item("t-0.status-lead")
        assert view is not None and view.state == "done" and view.by == "deploy.sh"


async def test_each_second_is_drawn_in_header_and_countdown(tmp_path: Path) -> None:
    """The tick repaints the countdown without a layout pass (idle CPU, issue 10), the
    header's minute when it turns; what is on screen must still move every second."""
    store = Store.create(tmp_path / "g.sqlite", load_default_plan(), FixedClock(at(NOW)), "rm")
    async with open_cockpit(store, "rm") as (app, pilot):
        for second, caption in ((1, "T-23:59:59"), (2, "T-23:59:58"), (12, "T-23:59:48")):
            store.clock = FixedClock(later(at(NOW), seconds=second))
            app.tick()
            await pilot.pause()
            screen = app.export_screenshot().replace("&#160;", " ")
            assert "Do. 05.03.2026 10:00 CET" in screen and caption in screen, second
        store.clock = FixedClock(later(at(NOW), hours=1))  # '… · ab T-24h' -> a new phase
        app.tick()
        await pilot.pause()
        screen = app.export_screenshot().replace("&#160;", " ")
        assert "Do. 05.03.2026 11:00 CET" in screen and "T-23:00:00" in screen


async def test_a_log_line_cut_at_the_edge_ends_in_an_ellipsis(store: Store) -> None:
    """At 80 columns a long line is cut; it must say so, or a cut phone number passes
    for a whole one. A line that fits is drawn as it is."""
    store.apply(Note("Rollback-Entscheider erreichbar unter +49 172 5555555, "
                     "Ersatz über den Incident-Kanal"), "rm")
    store.apply(Note("kurz"), "rm")
    app = make_app(store, "rm")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        log = app.screen.query_one(LogView)
        lines = [log.render_line(y).text for y in range(log.size.height)]
        long = next(line for line in lines if "Rollback-Entscheider" in line)
        short = next(line for line in lines if "Notiz: kurz" in line)
        width = log.scrollable_content_region.width
    assert len(long) == width and long.endswith("…") and "5555555" not in long
    assert len(short) == width and not short.rstrip().endswith("…")
