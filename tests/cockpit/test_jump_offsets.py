"""] and [ in a rehearsal as a release manager presses them: the jump's log row carries the
checkpoint's own T-offset although its event lands a moment after it, and [ right after ]
goes to the checkpoint before, never a second time to the same one."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import RehearsalClock, parse_instant
from golive.log_source import log_rows

from support.pilot import open_cockpit, screen_text

ZONE = "Europe/Berlin"


def ticking(step: float) -> tuple[list[float], Callable[[], float]]:
    """A seconds source that moves on by `step` real seconds each time it is asked, as
    the clock moves on while the cockpit writes."""
    seconds = [0.0]

    def source() -> float:
        seconds[0] += step
        return seconds[0]

    return seconds, source


def jumps(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return [(row[0], row[1]) for row in conn.execute(
            "SELECT at, json_extract(payload, '$.text') FROM events WHERE kind = 'note' "
            "AND json_extract(payload, '$.text') LIKE '%springt auf%' ORDER BY seq")]


async def test_a_jump_row_reads_the_checkpoint_offset(tmp_path: Path) -> None:
    _, source = ticking(0.000005)  # 0.3 ms of rehearsal time per look at speed 60
    clock = RehearsalClock(parse_instant("2026-03-06T08:30", ZONE), 60, source=source)
    store = Store.create(tmp_path / "r.sqlite", load_default_plan(), clock, "rm",
                         rehearsal=True)
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("right_square_bracket")  # T-1h, 06.03. 09:00
        await pilot.pause()
        count = store.read()[1]
        row = log_rows(store, count - 1, 1)[0].plain
        shown = screen_text(app)
    store.close()
    (at, said), = jumps(tmp_path / "r.sqlite")
    assert at > "2026-03-06T08:00:00.000000Z" and "T-1h" in said  # just after it
    assert "T-01:00:00" in row and "T-00:59:59" not in row, row
    assert "T-00:59:59" not in shown


async def test_back_right_after_a_jump_goes_to_the_checkpoint_before(tmp_path: Path) -> None:
    """At --speed 60 a person's 0.3 s between ] and [ is 18 s of the rehearsal: the clock
    still stands at T-1h, so [ goes to T-24h; no second jump to T-1h is written."""
    seconds, source = ticking(0.000005)
    clock = RehearsalClock(parse_instant("2026-03-06T08:30", ZONE), 60, source=source)
    store = Store.create(tmp_path / "r.sqlite", load_default_plan(), clock, "rm",
                         rehearsal=True)
    async with open_cockpit(store, "rm") as (_app, pilot):
        await pilot.press("right_square_bracket")  # T-1h
        await pilot.pause()
        seconds[0] += 0.3
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert store.clock.now() < parse_instant("2026-03-05T10:01", ZONE)
    store.close()
    said = [text for _, text in jumps(tmp_path / "r.sqlite")]
    assert len(said) == 2 and sum("auf T-1h" in s for s in said) == 1, said
    assert "auf T-24h (05.03. 10:00 CET), war 06.03. 09:00 CET" in said[1]


async def test_back_a_while_after_a_jump_goes_to_that_checkpoint_again(tmp_path: Path
                                                                      ) -> None:
    """Two real seconds on (two minutes of the rehearsal at --speed 60) the clock has left
    T-1h: [ takes it back there, as it did before."""
    seconds, source = ticking(0.000005)
    clock = RehearsalClock(parse_instant("2026-03-06T08:30", ZONE), 60, source=source)
    store = Store.create(tmp_path / "r.sqlite", load_default_plan(), clock, "rm",
                         rehearsal=True)
    async with open_cockpit(store, "rm") as (_app, pilot):
        await pilot.press("right_square_bracket")  # T-1h
        await pilot.pause()
        seconds[0] += 2
        await pilot.press("left_square_bracket")
        await pilot.pause()
    store.close()
    said = [text for _, text in jumps(tmp_path / "r.sqlite")]
    assert len(said) == 2 and "auf T-1h (06.03. 09:00 CET), war 06.03. 09:02 CET" in said[1]


async def test_forward_never_skips_a_checkpoint_not_reached_yet(tmp_path: Path) -> None:
    """30 s of the rehearsal before T-1h (half a real second at --speed 60), ] goes to
    T-1h, not past it."""
    _, source = ticking(0.000005)
    clock = RehearsalClock(parse_instant("2026-03-06T08:59:30", ZONE), 60, source=source)
    store = Store.create(tmp_path / "r.sqlite", load_default_plan(), clock, "rm",
                         rehearsal=True)
    async with open_cockpit(store, "rm") as (_app, pilot):
        await pilot.press("right_square_bracket")
        await pilot.pause()
    store.close()
    said = [text for _, text in jumps(tmp_path / "r.sqlite")]
    assert len(said) == 1 and "auf T-1h" in said[0], said
