"""A "stable since" in another year than T-0's says its year: 04.03.2025 typed for
04.03.2026 turns the staging gate green at once, and a day and month alone (04.03. 05:00
CET) would read like the right date in the log's row, the CLI's line, the board and
`status`. An instant in T-0's year keeps the short form."""

from __future__ import annotations

from pathlib import Path

from golive.data.changes.commands import StagingStableSince
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant
from golive.log_source import log_rows

from support.pilot import field, open_cockpit, screen_text

ZONE = "Europe/Berlin"


async def test_a_stable_since_in_another_year_says_its_year(tmp_path: Path) -> None:
    clock = FixedClock(parse_instant("2026-03-05T08:00", ZONE))
    store = Store.create(tmp_path / "r.sqlite", load_default_plan(), clock, "rm",
                         rehearsal=True)
    store.apply(StagingStableSince(parse_instant("2025-03-04T05:00", ZONE)), "rm")
    async with open_cockpit(store, "rm") as (app, _pilot):
        shown = screen_text(app)
        rows = [row.plain for row in log_rows(store, 1, 1)]
    store.close()
    assert rows[0].endswith("Staging stabil seit 04.03.2025 05:00 CET"), rows
    assert "stabil seit 04.03.2025 05:00 CET" in shown, shown
    assert "04.03. 05:00" not in shown, shown


def test_the_cli_and_status_say_the_other_year(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("init", "--db", "r.sqlite", "--now", "2026-03-05T08:00").code == 0
    said = cli("staging-stable-since", "2025-03-04T05:00", "--db", "r.sqlite", "--now",
               "2026-03-05T08:01")
    assert said.code == 0 and "Staging stabil seit 04.03.2025 05:00 CET" in said.out, said
    status = cli("status", "--db", "r.sqlite")
    assert "stabil seit 04.03.2025 05:00 CET" in status.out, status
    assert "04.03. 05:00" not in status.out, status
    same_year = cli("staging-stable-since", "2026-03-04T05:00", "--db", "r.sqlite", "--now",
                    "2026-03-05T08:02", "--reason", "Jahr korrigiert")
    assert "Staging stabil seit 04.03. 05:00 CET" in same_year.out, same_year


async def test_the_staging_dialog_says_the_other_year_of_its_end(tmp_path: Path) -> None:
    """The dialog's line on when the 24 h hold ends: 05.03.2025 for a year typed wrong,
    never a bare 05.03. that reads like tomorrow morning."""
    clock = FixedClock(parse_instant("2026-03-05T08:00", ZONE))
    store = Store.create(tmp_path / "r.sqlite", load_default_plan(), clock, "rm",
                         rehearsal=True)
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("s")
        await pilot.pause()
        field(app, "since").value = "2025-03-04 05:00"
        await pilot.pause()
        said = str(app.screen.query_one("#dialog-preview").render())
        field(app, "since").value = "2026-03-04 05:00"
        await pilot.pause()
        same_year = str(app.screen.query_one("#dialog-preview").render())
    store.close()
    assert "05.03.2025 05:00 CET" in said, said
    assert "05.03. 05:00 CET" in same_year, same_year
