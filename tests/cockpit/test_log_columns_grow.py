"""The log's columns stay aligned when a later event widens them while the cockpit is open:
an offset of ten days or more (T+15d 00:00:00, one cell more) or the first summer-time row
(CEST, one letter more than CET), written by another process. The rows already shown are
drawn anew with the wider columns, as a freshly opened cockpit draws them."""

from __future__ import annotations

from pathlib import Path

from golive.data.changes.commands import Note
from golive.data.log.store import Store
from golive.data.time.clock import FixedClock, parse_instant
from golive.widgets.log_view import LogView

from support.pilot import open_cockpit, screen_text
from support.records import notes_at
from support.waiting import until

ZONE = "Europe/Berlin"




def _log_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if "Notiz: Notiz" in line]


async def test_rows_shown_take_the_wider_columns_of_a_later_event(tmp_path: Path) -> None:
    store = notes_at(tmp_path / "r.sqlite", "2026-03-06T08:30", "2026-03-06T09:00")
    async with open_cockpit(store, "rm", poll_seconds=0.1) as (app, pilot):
        assert len(_log_lines(screen_text(app))) == 2
        for n, instant in enumerate(("2026-03-21T10:00", "2026-03-30T10:00"), start=2):
            other = Store.open(store.path, FixedClock(parse_instant(instant, ZONE)))
            other.apply(Note(f"Notiz {n}"), "script")
            other.close()
            def logged(n: int = n) -> bool:
                return app.screen.query_one(LogView).count == n + 2

            assert await until(pilot, logged)
            await pilot.pause()
            shown = _log_lines(screen_text(app))
            assert len(shown) == n + 1, shown
            assert len({line.index(" T") for line in shown}) == 1, shown
            assert len({line.index("Notiz: Notiz") for line in shown}) == 1, shown
    store.close()
