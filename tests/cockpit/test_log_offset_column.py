"""A log that starts ten days or more before T-0 (T-22d 23:00:00, one cell longer than
T-01:00:00) keeps one actor column: every row's T column is as wide as the log's longest
offset, on every page."""

from __future__ import annotations

from pathlib import Path

from golive.data.changes.commands import Note
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant
from golive.log_source import log_rows

ZONE = "Europe/Berlin"


def test_rows_keep_one_actor_column_from_t_minus_22d_on(tmp_path: Path) -> None:
    clock = FixedClock(parse_instant("2026-02-11T11:00", ZONE))
    store = Store.create(tmp_path / "r.sqlite", load_default_plan(), clock, "rm",
                         rehearsal=True)
    for instant in ("2026-03-06T09:00", "2026-03-06T10:05", "2026-03-06T10:06"):
        clock.instant = parse_instant(instant, ZONE)
        store.apply(Note("weiter"), "rm")
    rows = [row.plain for row in log_rows(store, 0, store.event_count())]
    late_page = [row.plain for row in log_rows(store, 2, 2)]
    store.close()
    assert [r.split()[4] for r in rows] == ["T-22d", "T-01:00:00", "T+00:05:00", "T+00:06:00"]
    assert len({row.index(" rm ") for row in rows + late_page}) == 1, rows + late_page
