"""`golive decide go` after a finished rollback starts a new go-live attempt: as in the
cockpit's GO dialog, it is recorded only when asked for as such (--new-attempt); without
it one line says why and nothing is written. An ordinary GO and a NO-GO need no flag."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from support.cli import one_line_error
from support.scenarios import build


def _events(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


def test_a_go_after_a_finished_rollback_needs_new_attempt(cli) -> None:  # type: ignore[no-untyped-def]
    db = Path(cli.cwd) / "golive.sqlite"
    build("rolled-back", db).close()
    count = _events(db)
    now = "--now=2026-03-06T11:20"
    refused = cli("decide", "go", "--by", "Ruth Decker", "--db", str(db), now)
    one_line_error(refused)
    assert refused.code == 2
    assert refused.err == ("golive: der Go-Live wurde zurückgerollt (Rollback beendet 06.03. "
                           "11:05 CET); ein GO jetzt beginnt einen neuen Go-Live-Versuch: "
                           "dafür --new-attempt angeben; nichts gespeichert\n"), refused.err
    english = cli("decide", "go", "--by", "Ruth Decker", "--db", str(db), now, "--lang", "en")
    assert english.code == 2 and "add --new-attempt" in english.err, english.err
    assert _events(db) == count
    assert cli("decide", "no-go", "--by", "Ruth Decker", "--db", str(db), now).code == 0
    taken = cli("decide", "go", "--by", "Ruth Decker", "--new-attempt", "--db", str(db), now)
    assert taken.code == 0, taken.err
    assert _events(db) == count + 2


def test_an_ordinary_go_needs_no_flag(cli) -> None:  # type: ignore[no-untyped-def]
    db = Path(cli.cwd) / "golive.sqlite"
    build("t-1h", db).close()
    said = cli("decide", "go", "--by", "Ruth Decker", "--db", str(db), "--now=2026-03-06T09:10")
    assert "--new-attempt" not in said.err, said.err
