"""Read-only observers: the file is opened read-only by SQLite itself, every key or palette
command that would write is refused in words, and nothing on disk changes."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandList

from golive.cockpit import GoliveApp, make_app
from golive.cockpit_screen import CockpitScreen
from golive.data.changes.commands import Approve, Note
from golive.data.log.dbfile import StoreError
from golive.data.log.store import Store
from golive.data.plan.model import Plan
from golive.data.texts.catalogue import text as words
from golive.data.time.clock import FixedClock
from golive.dialogs import FormDialog
from golive.keys import KEYS
from golive.widgets.banner import HeaderBar

from support.pilot import open_cockpit
from support.records import at

T_MINUS_24H = "2026-03-05T10:00:00+01:00"


def files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir() if p.is_file()}


def notes(app: GoliveApp) -> list[str]:
    """The notifications' words; the scenario files are rehearsals, whose every
    notification starts with the PROBE mark (tested in test_rehearsal)."""
    return [str(n.message).removeprefix("PROBE · ") for n in app._notifications]


@pytest.fixture
def closed_file(db_path: Path, plan: Plan) -> Path:
    """A golive file with a little history, closed (no WAL sidecars left)."""
    s = Store.create(db_path, plan, FixedClock(at(T_MINUS_24H)), "rm")
    s.apply(Approve("approval.business", "Anna"), "rm")
    s.close()
    return db_path


def test_read_only_store_refuses_writes_and_leaves_the_file_as_it_was(closed_file: Path) -> None:
    before = closed_file.read_bytes()
    ro = Store.open(closed_file, FixedClock(at(T_MINUS_24H)), read_only=True)
    try:
        assert ro.event_count() == 2
        with pytest.raises(StoreError, match="read-only"):
            ro.apply(Note("hallo"), "rm")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            ro.conn.execute("INSERT INTO state (key, value, seq) VALUES ('x', '1', 1)")
        assert ro.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        ro.close()
    assert closed_file.read_bytes() == before
    mode = stat.S_IMODE(closed_file.stat().st_mode)
    for sidecar in closed_file.parent.glob(closed_file.name + "-*"):
        # whatever SQLite needed to read a WAL file carries the file's own mode and owner
        assert stat.S_IMODE(sidecar.stat().st_mode) == mode, sidecar
        assert sidecar.stat().st_uid == closed_file.stat().st_uid
    # and the next writer works as before
    rw = Store.open(closed_file, FixedClock(at(T_MINUS_24H)))
    rw.apply(Note("weiter"), "rm")
    assert rw.event_count() == 3
    rw.close()


def test_read_only_open_refuses_an_older_schema_without_touching_it(closed_file: Path) -> None:
    conn = sqlite3.connect(closed_file)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    before = closed_file.read_bytes()
    with pytest.raises(StoreError, match="without --read-only"):
        Store.open(closed_file, FixedClock(at(T_MINUS_24H)), read_only=True)
    assert closed_file.read_bytes() == before


MUTATING_KEYS = [k.keys for k in KEYS if k.mutates]


async def test_every_mutating_key_and_palette_command_is_refused(closed_file: Path) -> None:
    directory = closed_file.parent
    before = files(directory)
    store = Store.open(closed_file, FixedClock(at(T_MINUS_24H)), read_only=True)
    async with open_cockpit(store, "observer", read_only=True) as (app, pilot):
        header = app.screen.query_one(HeaderBar)
        assert str(header.render()).startswith(" NUR LESEN ")
        footer_actions = {ab.binding.action for ab in app.screen.active_bindings.values()
                          if ab.binding.show}
        assert not footer_actions & {f"app.{k.action}" for k in KEYS if k.mutates}
        # every panel, every mutating key, plus enter on a row (which opens the dialogs)
        for panel in "12345":
            await pilot.press(panel)
            for key in [*MUTATING_KEYS, "enter"]:
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, CockpitScreen), (panel, key)
                # said in one plain line, not a growing stack
                assert [n for n in notes(app) if n.startswith("Nur-Lesen")] == [
                    "Nur-Lesen-Ansicht: hier wird nichts geändert"], (panel, key)
                app.clear_notifications()
        # a click on a row is the mouse's enter
        await pilot.click("#signoffs", offset=(4, 1))
        await pilot.pause()
        assert isinstance(app.screen, CockpitScreen)
        # the palette offers no command that writes, and actions run by name are refused
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "golive: Export" in titles
        for k in KEYS:
            if k.mutates:
                # by name, where the cockpit's actions live (on the App, run_action found no
                # such action and returned False whatever the guard did): refused in words
                await app.run_action(k.action, app.screen)
                await pilot.pause()
                assert isinstance(app.screen, CockpitScreen), k.action
                assert notes(app) == ["Nur-Lesen-Ansicht: hier wird nichts geändert"], k.action
                app.clear_notifications()
                assert f"golive: {words('de', k.text_key)}" not in titles
        mutating_titles = {f"golive: {words('de', k.text_key)}" for k in KEYS if k.mutates}
        for search in ("notiz", "go/no-go", "staging", "kontakt", "statusmeldung"):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*search)
            # the list shown right after typing may still be a shorter prefix's ("go"
            # matches seven commands): Enter goes to what the whole search found
            await app.workers.wait_for_complete()
            await pilot.pause()
            offered = [str(option.hit.text) for option in
                       app.screen.query_one(CommandList).options if hasattr(option, "hit")]
            assert not set(offered) & mutating_titles, (search, offered)
            await pilot.press("enter")
            await pilot.pause()
            # before escape closes it: no form but the one that only reads
            if isinstance(app.screen, FormDialog):
                assert app.screen.title_text == words("de", "asof.title"), search
            if not isinstance(app.screen, CockpitScreen):
                await pilot.press("escape")
                await pilot.pause()
        # the export still works: it writes beside the file, not into it
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(n.startswith("Export geschrieben") for n in notes(app)), notes(app)
    store.close()
    after = files(directory)
    assert after[closed_file.name] == before[closed_file.name]
    check = Store.open(closed_file, FixedClock(at(T_MINUS_24H)), read_only=True)
    assert check.event_count() == 2
    check.close()
    # the export, beside the file, and nothing else
    stem = "golive-PROBE-rc-2026-03-01-2026-03-05T10-00-00+01-00"
    assert [p.name for p in (directory / "retro").iterdir()] == [f"{stem}.md"]


async def test_two_cockpits_and_an_observer_on_one_file_see_each_other(
        closed_file: Path) -> None:
    clock = FixedClock(at(T_MINUS_24H))
    stores = [Store.open(closed_file, clock), Store.open(closed_file, clock),
              Store.open(closed_file, clock, read_only=True)]
    first, second = make_app(stores[0], "rm"), make_app(stores[1], "devops")
    watcher = make_app(stores[2], "observer", read_only=True)
    apps = (first, second, watcher)
    async with first.run_test(size=(120, 40)) as p1, second.run_test(size=(120, 40)) as p2, \
            watcher.run_test(size=(120, 40)) as p3:
        pilots = (p1, p2, p3)

        async def everyone_polls() -> None:
            for app, pilot in zip(apps, pilots, strict=True):
                app.poll()
                await pilot.pause()

        await everyone_polls()
        first.write(Approve("approval.security", "Sina"))
        await everyone_polls()
        second.write(Note("DevOps bereit"))
        await everyone_polls()
        for app in apps:
            assert app.board is not None and app.board.events == 4
            item = app.board.item("approval.security")
            assert item is not None and item.state == "approved"
        await p3.press("n")
        await p3.pause()
        assert not isinstance(watcher.screen, FormDialog)
    for store in stores:
        store.close()


def test_watch_never_creates_a_file(cli: Callable[..., object], tmp_path: Path) -> None:
    result = cli("watch", "--db", "missing.sqlite")
    assert result.code == 2  # type: ignore[attr-defined]
    assert "golive init" in result.err  # type: ignore[attr-defined]
    assert not (tmp_path / "missing.sqlite").exists()



@pytest.mark.parametrize("width", [80, 100, 120, 200])
async def test_the_read_only_header_keeps_the_countdown_whole(closed_file: Path,
                                                              width: int) -> None:
    store = Store.open(closed_file, FixedClock(at(T_MINUS_24H)), read_only=True)
    app = make_app(store, "observer", read_only=True)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        header = str(app.screen.query_one(HeaderBar).render())
        assert header.startswith(" NUR LESEN ")
        assert "rc-2026-03-01" in header and "T-1d 00:00 " in header, header
    store.close()
