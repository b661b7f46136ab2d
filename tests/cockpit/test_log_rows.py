"""The log panel's rows (issue 10): local times formatted by the standard library read
exactly as pendulum's format did, and a write fetches only the new rows into the cached
last page, which then equals a page read from scratch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum
import pytest

from golive.data.changes.commands import Note
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant
from golive.data.time.formats import plan_zone
from golive.log_source import log_rows
from golive.widgets.log_view import PAGE, LogView

from support.pilot import open_cockpit

ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC",
         "America/Sao_Paulo"]


@pytest.mark.parametrize("zone", ZONES)
def test_stdlib_local_time_equals_pendulum_format(zone: str) -> None:
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    # every 7 h 13 min 17.3 s for two years crosses each DST change at many hours
    for k in range(2 * 365 * 24 // 7):
        instant = start + dt.timedelta(seconds=k * 26_000 + 0.3)
        local = pendulum.instance(instant).in_tz(zone)
        ours = instant.astimezone(plan_zone(zone))
        assert ours.strftime("%d.%m. %H:%M:%S %Z") == local.format("DD.MM. HH:mm:ss zz")
        assert ours.strftime("%d.%m. %H:%M") == local.format("DD.MM. HH:mm")


def notes_up_to(tmp_path: Path, last: int) -> Store:
    """A file whose events 2..last are notes "n2" … "n<last>"."""
    clock = FixedClock(parse_instant("2026-03-05T10:00:00", "Europe/Berlin"))
    store = Store.create(tmp_path / "g.sqlite", load_default_plan(), clock, "rm")
    for n in range(2, last + 1):
        store.apply(Note(f"n{n}"), "rm")
    return store


async def test_a_write_fetches_only_the_new_rows(tmp_path: Path) -> None:
    store = notes_up_to(tmp_path, 39)
    async with open_cockpit(store, "rm") as (app, pilot):
        log = app.screen.query_one(LogView)
        calls: list[tuple[int, int]] = []
        fetch = log.fetch

        def counted(start: int, count: int, compact: bool):
            calls.append((start, count))
            return fetch(start, count, compact)

        log.fetch = counted
        for n in range(40, 44):
            app.write(Note(f"n{n}"))
            await pilot.pause()
        assert calls == [(n - 1, 1) for n in range(40, 44)]
        assert log._pages[0] == log_rows(store, 0, PAGE, log.compact)
        assert log.count == 43


async def test_rows_are_re_read_when_seq_gains_a_digit(tmp_path: Path) -> None:
    """Rows pad seq to the widest: at event 10 every cached row of 1-9 is one column short."""
    store = notes_up_to(tmp_path, 8)
    async with open_cockpit(store, "rm") as (app, pilot):
        log = app.screen.query_one(LogView)
        for n in (9, 10, 11):
            app.write(Note(f"n{n}"))
            await pilot.pause()
        assert log._pages[0] == log_rows(store, 0, PAGE, log.compact)
        assert str(log._pages[0][0]).startswith(" 1 ")
