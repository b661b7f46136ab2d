"""The staging row says its instant as the rest of the cockpit says one (06.03. 05:00 CET,
data/time/formats.day_hm_zone), not the export's ISO form with an offset; the CLI's
"recorded" line reads as the log's row. The export keeps its full form."""

from __future__ import annotations

import json
from pathlib import Path

from golive.data.changes.commands import StagingStableSince
from golive.data.log.store import Store
from golive.data.outputs.export import write_export
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant
from golive.log_source import log_rows

from support.pilot import open_cockpit, screen_text

ZONE = "Europe/Berlin"


async def test_the_staging_row_reads_in_the_cockpits_format(tmp_path: Path) -> None:
    clock = FixedClock(parse_instant("2026-03-05T08:00", ZONE))
    store = Store.create(tmp_path / "r.sqlite", load_default_plan(), clock, "rm",
                         rehearsal=True)
    store.apply(StagingStableSince(parse_instant("2026-03-04T05:00", ZONE)), "rm")
    store.apply(StagingStableSince(parse_instant("2026-03-03T17:30", ZONE), reason="Log gelesen"),
                "rm")
    async with open_cockpit(store, "rm") as (app, _pilot):
        shown = screen_text(app)
        rows = [row.plain for row in log_rows(store, 1, 2)]
    path = write_export(store, tmp_path, fmt="json")
    store.close()
    assert "Staging stabil seit 04.03. 05:00 CET" in shown, shown
    assert "+01:00" not in shown
    assert rows[0].endswith("Staging stabil seit 04.03. 05:00 CET"), rows
    assert rows[1].endswith("Staging stabil seit 03.03. 17:30 CET – vorverlegt, zuvor "
                            "04.03. 05:00 CET; Grund: Log gelesen"), rows
    exported = json.loads(path.read_text(encoding="utf-8"))["timeline"]
    assert exported[1]["text"] == "Staging stabil seit 2026-03-04 05:00:00+01:00"


def test_the_cli_says_the_staging_instant_as_the_log_does(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("init", "--db", "r.sqlite", "--now", "2026-03-05T08:00").code == 0
    said = cli("staging-stable-since", "2026-03-04T05:00", "--db", "r.sqlite", "--now",
               "2026-03-05T08:01")
    assert said.code == 0 and "Staging stabil seit 04.03. 05:00 CET" in said.out, said
