"""] and [ in a rehearsal: its clock to the next or the previous checkpoint, logged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import RealClock, RehearsalClock, parse_instant

from support.pilot import open_cockpit

ZONE = "Europe/Berlin"


def _notes(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute(
            "SELECT json_extract(payload, '$.text') FROM events WHERE kind = 'note'")]


async def test_a_rehearsal_jumps_to_the_next_and_the_previous_checkpoint(tmp_path: Path
                                                                         ) -> None:
    seconds = [0.0]
    clock = RehearsalClock(parse_instant("2026-03-05T08:00", ZONE), 60,
                           source=lambda: seconds[0])
    store = Store.create(tmp_path / "r.sqlite", load_default_plan(), clock, "rm",
                         rehearsal=True)
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("right_square_bracket")  # T-24h, 05.03. 10:00
        await pilot.pause()
        assert store.clock.now() == parse_instant("2026-03-05T10:00", ZONE)
        await pilot.press("right_square_bracket", "right_square_bracket")  # T-1h, T-0
        await pilot.pause()
        assert store.clock.now() == parse_instant("2026-03-06T10:00", ZONE)
        seconds[0] += 60  # the rehearsal runs on at its speed: an hour later
        assert store.clock.now() == parse_instant("2026-03-06T11:00", ZONE)
        await pilot.press("left_square_bracket")  # back to T-0
        await pilot.pause()
        assert store.clock.now() == parse_instant("2026-03-06T10:00", ZONE)
        assert app.board is not None and app.board.now == store.clock.now()
    store.close()
    jumps = [n for n in _notes(tmp_path / "r.sqlite") if "Uhr der Probe springt auf" in n]
    assert len(jumps) == 4 and "T-0 (06.03. 10:00 CET), war 06.03. 11:00 CET" in jumps[-1]


async def test_a_real_file_never_jumps_and_writes_nothing(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "g.sqlite", load_default_plan(), RealClock(), "rm")
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("right_square_bracket", "left_square_bracket")
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
    store.close()
    assert any("springt nur in einer Probe" in n for n in shown), shown
    assert _notes(tmp_path / "g.sqlite") == []
