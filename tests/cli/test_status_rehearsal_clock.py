"""`status` of a rehearsal file tells the rehearsal's time, as `watch` and the cockpit do:
the instant of its log's last event (its checkpoint window with it), not the wall clock.
`--now` and `--at` pick another instant; a real file keeps the wall clock."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path


def rehearsal(cli, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "r.sqlite")
    assert cli("init", "--db", db, "--now", "2026-03-06T08:00").code == 0
    assert cli("note", "Probe läuft", "--db", db, "--now", "2026-03-06T09:00:30").code == 0
    return db


def test_status_of_a_rehearsal_is_at_its_logs_time(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = rehearsal(cli, tmp_path)
    line = cli("status", "--line", "--db", db)
    board = json.loads(cli("status", "--json", "--db", db).out)
    text = cli("status", "--db", db)
    assert line.out.endswith(" · T-00:59:30\n"), line
    assert (board["now"], board["countdown"]) == ("2026-03-06T09:00:30+01:00", "T-00:59:30")
    assert board["window"] == "t-1h", board["window"]
    assert "2026-03-06 09:00:30 CET" in text.out and "T-00:59:30" in text.out, text.out


def test_now_and_at_still_pick_the_instant(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = rehearsal(cli, tmp_path)
    now = json.loads(cli("status", "--json", "--db", db, "--now", "2026-03-06T09:30").out)
    at = json.loads(cli("status", "--json", "--db", db, "--at", "T-2h").out)
    assert now["countdown"] == "T-00:30:00"
    assert at["countdown"] == "T-02:00:00"


def test_a_real_file_keeps_the_wall_clock(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "g.sqlite")
    assert cli("init", "--db", db).code == 0
    assert cli("note", "echt", "--db", db).code == 0
    board = json.loads(cli("status", "--json", "--db", db).out)
    shown = _dt.datetime.fromisoformat(board["now"])
    assert abs((_dt.datetime.now(_dt.UTC) - shown).total_seconds()) < 60
