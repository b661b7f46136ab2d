"""Issue 21 F: a rehearsal stays a rehearsal. Its checklist export carries its mode, and
`init --plan` of it makes a real file only when told so, with the first event saying so;
`status` of a ready rehearsal never exits 0 as a real file's does."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from support.scenarios import build

NOW = "2026-03-05T10:15:00"


def _rehearsal_checklist(cli) -> Path:  # type: ignore[no-untyped-def]
    """A rehearsal with a sign-off, a green gate and a contact, exported as a checklist."""
    base = ["--db", "probe.sqlite", "--now", NOW, "--as", "rm"]
    assert cli("init", *base).code == 0
    for args in (["approve", "approval.business", "--by", "Anna Schmidt"],
                 ["gate", "gate.monitoring", "green"],
                 ["contact", "contact.status-channel", "--channel", "#ltc-status"]):
        assert cli(*args, *base).code == 0, args
    r = cli("export", "--format", "checklist", *base)
    assert r.code == 0, r.err
    return Path(cli.cwd) / r.out.strip()


def _refused(result, name: str) -> None:  # type: ignore[no-untyped-def]
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert name in result.err and "--from-rehearsal" in result.err


def test_a_rehearsals_checklist_says_so_in_its_title_and_a_mode_line(cli) -> None:  # type: ignore[no-untyped-def]
    md = _rehearsal_checklist(cli).read_text("utf-8").splitlines()
    assert md[0].startswith("# PROBE: ")
    assert "**Modus:** PROBE – keine echte Go-Live-Datei; nichts hier zählt" in md


@pytest.mark.parametrize("edit", ["as exported", "title cut", "mode line cut"])
def test_a_rehearsals_checklist_does_not_become_a_real_file_unasked(cli, edit: str) -> None:  # type: ignore[no-untyped-def]
    path = _rehearsal_checklist(cli)
    text = path.read_text("utf-8")
    if edit == "title cut":  # either marker alone is enough
        text = text.replace("# PROBE: ", "# ", 1)
    elif edit == "mode line cut":
        text = text.replace("**Modus:** PROBE – keine echte Go-Live-Datei; nichts hier zählt\n",
                            "")
    path.write_text(text, "utf-8")
    _refused(cli("init", "--plan", str(path), "--db", "real.sqlite"), path.name)
    _refused(cli("--plan", str(path), "--db", "real.sqlite"), path.name)  # the cockpit's path
    assert not (Path(cli.cwd) / "real.sqlite").exists()


def test_taken_over_knowingly_the_first_event_says_where_it_came_from(cli) -> None:  # type: ignore[no-untyped-def]
    path = _rehearsal_checklist(cli)
    r = cli("init", "--plan", str(path), "--db", "real.sqlite", "--from-rehearsal", "--as", "rm")
    assert r.code == 0, r.err
    board = json.loads(cli("status", "--json", "--db", "real.sqlite").out)
    assert board["mode"] == "real"
    assert {i["id"]: i["state"] for i in board["items"]}["approval.business"] == "approved"
    conn = sqlite3.connect(Path(cli.cwd) / "real.sqlite")
    payload = json.loads(conn.execute("SELECT payload FROM events WHERE seq = 1").fetchone()[0])
    conn.close()
    assert payload["from_rehearsal"] == str(path) and payload["mode"] == "real"
    out = cli("export", "--db", "real.sqlite").out.strip()
    timeline = (Path(cli.cwd) / out).read_text("utf-8")
    assert "aus der Checkliste einer Probe übernommen: " in timeline
    assert path.name in timeline


def test_a_rehearsal_from_a_rehearsals_checklist_needs_no_flag(cli) -> None:  # type: ignore[no-untyped-def]
    path = _rehearsal_checklist(cli)
    r = cli("init", "--plan", str(path), "--db", "again.sqlite", "--now", NOW)
    assert r.code == 0, r.err
    assert json.loads(cli("status", "--json", "--db", "again.sqlite").out)["mode"] == "rehearsal"


def test_status_of_a_ready_rehearsal_has_its_own_exit_code(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "ready.sqlite"
    build("after-go-t+5m", db).close()
    base = ["--db", str(db), "--now", "2026-03-06T10:05:00"]
    for args in (["status"], ["status", "--json"], ["status", "--at", "2026-03-06T10:05"]):
        r = cli(*args, *base)
        assert r.code == 3, (args, r)
    assert json.loads(cli("status", "--json", *base).out)["verdict"] == "Deploy läuft"  # on track
    fresh = tmp_path / "fresh.sqlite"
    assert cli("init", "--db", str(fresh), "--now", "2026-03-04T16:30:00").code == 0
    assert cli("status", "--db", str(fresh), "--now", "2026-03-04T16:30:00").code == 1  # NO-GO
