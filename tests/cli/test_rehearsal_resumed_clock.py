"""A rehearsal file opened without --now goes on at its log's time: a command writes at the
last event's instant plus the real time since it opened (not at the wall clock, months
past the rehearsed go-live), and readers stand at the last event. --now still picks."""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path


def _last_instant(db: Path) -> _dt.datetime:
    with closing(sqlite3.connect(db)) as conn:
        at = conn.execute("SELECT at FROM events ORDER BY seq DESC LIMIT 1").fetchone()[0]
    return _dt.datetime.fromisoformat(at.replace("Z", "+00:00"))


def test_a_note_without_now_lands_at_the_rehearsals_time(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "r.sqlite"
    assert cli("init", "--db", str(db), "--now", "2026-03-06T08:00").code == 0
    assert cli("note", "Probe", "--db", str(db), "--now", "2026-03-06T09:00:30").code == 0
    before = _last_instant(db)
    said = cli("note", "weiter", "--db", str(db))
    assert said.code == 0, said.err
    after = _last_instant(db)
    assert before <= after < before + _dt.timedelta(seconds=30), (before, after)
    board = json.loads(cli("status", "--json", "--db", str(db)).out)
    assert board["countdown"] == "T-00:59:30", board["countdown"]
    assert cli("note", "später", "--db", str(db), "--now", "2026-03-06T09:30").code == 0
    assert _last_instant(db) == _dt.datetime(2026, 3, 6, 8, 30, tzinfo=_dt.UTC)
