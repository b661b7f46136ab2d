"""The log's columns stay aligned across a switch to summer time: a CEST row (one letter
more than CET) must not push the T column, the actor and the message one cell right.
A log all in CET keeps its rows as they were."""

from __future__ import annotations

from pathlib import Path

from golive.log_source import log_rows

from support.pilot import open_cockpit, screen_text
from support.records import notes_at

ZONE = "Europe/Berlin"


def t_columns(rows: list[str]) -> set[int]:
    return {row.index(" T") for row in rows}




async def test_cet_and_cest_rows_keep_one_t_column_and_cet_rows_their_width(tmp_path: Path) -> None:
    store = notes_at(tmp_path / "r.sqlite", "2026-03-28T23:00", "2026-03-29T01:59",
                     "2026-03-29T03:00", "2026-03-29T09:00")
    rows = [row.plain for row in log_rows(store, 0, store.event_count())]
    assert [r.split()[3] for r in rows] == ["CET", "CET", "CET", "CEST", "CEST"]
    assert len(t_columns(rows)) == 1, rows
    # and a page of CEST rows only, of a log that has CET rows, keeps that column
    assert t_columns([row.plain for row in log_rows(store, 3, 2)]) == t_columns(rows)
    async with open_cockpit(store, "rm") as (app, _pilot):
        shown = [line for line in screen_text(app).splitlines() if "Notiz: Notiz" in line]
    store.close()
    assert len(shown) == 4 and len({line.index(" T") for line in shown}) == 1, shown
    # a log all in CET keeps its rows as they were
    store = notes_at(tmp_path / "cet.sqlite", "2026-03-05T09:00", "2026-03-06T10:00:01")
    rows = [row.plain for row in log_rows(store, 0, store.event_count())]
    store.close()
    assert rows[1].startswith("2 05.03. 09:00:00 CET T-1d 01:00:00 rm ")
    assert rows[2].startswith("3 06.03. 10:00:01 CET T+00:00:01    rm ")
