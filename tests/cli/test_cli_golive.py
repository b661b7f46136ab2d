"""The decision lifecycle from the shell, as a release manager and a deploy script use it:
the "Done when" days of issue 8 through `golive` commands."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from support.cli import one_line_error
from support.records import events_in


def test_superseded_go_everywhere(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert ready("09:58", "revoke", "approval.security", "--reason", "Befund").code == 0
    r = ready("09:59", "status", "--json")
    board = json.loads(r.out)
    assert r.code == 4 and board["decision"]["state"] == "superseded"
    assert (board["phase"], board["verdict"]) == ("superseded", "GO überholt")
    cause = "Security zurückgezogen um 09:58"
    assert board["decision"]["superseded_by"] == cause
    assert board["blockers"][0] == {
        "target": None, "text": f"GO von Carla Roth um 09:50 ist überholt: {cause}"}
    assert board["blockers"][1]["target"] == "approval.security"
    r = ready("09:59", "status")
    assert f"[überholt: {cause}]" in r.out
    assert f"  ! GO von Carla Roth um 09:50 ist überholt: {cause}" in r.out
    r = ready("09:59", "approval-doc")
    assert "- [ ] Security\n" in r.out and f"Go / No-Go: GO (überholt: {cause})" in r.out
    out = tmp_path / "out"
    out.mkdir()
    md = Path(ready("09:59", "export", "--out", str(out)).out.strip()).read_text("utf-8")
    assert f"**überholt:** {cause}" in md
    one_line_error(ready("10:00", "deploy", "started"))
    assert ready("10:05", "approve", "approval.security", "--by", "Sina").code == 0
    assert ready("10:06", "decide", "go", "--by", "Carla Roth").code == 0
    r = ready("10:06", "status", "--json")
    assert r.code == 3 and json.loads(r.out)["decision"]["state"] == "valid"
    md = Path(ready("10:07", "export", "--out", str(out)).out.strip()).read_text("utf-8")
    summary = md[:md.index("\n## ", md.index("## "))]
    assert summary.count("Entscheidung GO durch Carla Roth") == 2  # the history keeps both


def test_rollback_day(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    one_line_error(ready("10:00", "deploy", "finished"))
    assert ready("10:01", "deploy", "started", actor="deploy.sh").code == 0
    assert ready("10:19", "deploy", "finished", actor="deploy.sh").code == 0
    one_line_error(ready("10:20", "rollback", "--reason", "ohne Namen"))
    one_line_error(ready("10:20", "rollback", "finished"))
    r = ready("10:40", "rollback", "--by", "Carla Roth", "--reason", "Checkout 5xx")
    assert r.code == 0, r.err
    one_line_error(ready("10:41", "outcome", "success"))
    assert ready("11:05", "rollback", "finished", actor="deploy.sh").code == 0
    board = json.loads(ready("11:06", "status", "--json").out)
    g = board["golive"]
    assert g["phase"] == "rolled-back"
    rollback = next(s for s in g["steps"] if s["step"] == "rollback")
    assert (rollback["by"], rollback["reason"], rollback["by_decider"]) == (
        "Carla Roth", "Checkout 5xx", True)
    assert next(i for i in board["items"] if i["id"] == "t-0.deploy")["state"] == "done"
    status = ready("11:06", "status").out
    assert "Go-Live: zurückgerollt" in status
    assert "(+21 min) Rollback entschieden von Carla Roth (Rollback-Entscheider): " \
           "Checkout 5xx" in status
    out = tmp_path / "out"
    out.mkdir()
    md = Path(ready("11:10", "export", "--out", str(out)).out.strip()).read_text("utf-8")
    assert "## Go-Live" in md and "GO bis zum letzten Schritt: 1 h 15 min" in md


def test_success_and_refusals_write_nothing(ready) -> None:  # type: ignore[no-untyped-def]
    before = events_in(ready.db)
    one_line_error(ready("10:00", "outcome", "success"))
    one_line_error(ready("10:00", "deploy", "verified"))
    one_line_error(ready("10:00", "check", "t-0.deploy"))
    one_line_error(ready("10:00", "correct", "999", "--reason", "x"))
    one_line_error(ready("10:00", "correct", "1", "--reason", "x"))
    one_line_error(ready("10:00", "correct", "abc", "--reason", "x"))
    one_line_error(ready("10:00", "rollback", "finished", "--by", "Xaver Huber"))
    assert events_in(ready.db) == before
    said = []
    for step in ("started", "finished", "verified"):
        r = ready("10:10", "deploy", step)
        assert r.code == 0
        said.append(r.out.split(": ", 1)[1].strip())
    # the step in words, as the log shows it, not "deploy golive"
    assert said == ["Deploy gestartet", "Deploy beendet", "Smoke-Tests grün"]
    assert ready("10:30", "outcome", "success").code == 0
    assert json.loads(ready("10:31", "status", "--json").out)["golive"]["phase"] == "succeeded"


def test_correct_from_the_shell(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = ready("09:00", "note", "Kanal #falsch")
    seq = int(r.out.split()[1])
    assert r.out == f"Ereignis {seq} gespeichert: Notiz: Kanal #falsch\n"
    r = ready("09:01", "correct", str(seq), "--reason", "falscher Kanal genannt")
    assert (r.code, r.out) == (0, f"Ereignis {seq + 1} gespeichert: Korrektur von Nr. {seq} "
                                  "(Notiz): falscher Kanal genannt\n")
    one_line_error(ready("09:02", "correct", str(seq), "--reason", "nochmal"))
    out = tmp_path / "out"
    out.mkdir()
    md = Path(ready("09:03", "export", "--out", str(out)).out.strip()).read_text("utf-8")
    row = next(line for line in md.splitlines() if line.startswith(f"| {seq} |"))
    assert row.endswith(f"Notiz: Kanal #falsch (korrigiert durch Nr. {seq + 1}: falscher "
                        "Kanal genannt) |")
    assert f"Korrektur von Nr. {seq} (Notiz): falscher Kanal genannt" in md
    conn = sqlite3.connect(str(ready.db))
    try:
        kinds = [k for (k,) in conn.execute("SELECT kind FROM events ORDER BY seq")]
    finally:
        conn.close()
    assert kinds[-2:] == ["note", "correct"]  # nothing deleted, nothing changed
    r = ready("09:04", "verify")
    assert r.code == 0 and r.out.startswith("ok:")
