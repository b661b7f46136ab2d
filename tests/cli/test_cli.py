"""The `golive` command as scripts use it: exit codes, one-line errors, the JSON board,
and the go-live day of the issue's "Done when", in real subprocesses."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from golive.data.log.schema import SCHEMA_VERSION
from golive.data.plan.source import load_default_plan

from support.cli import CONTACT_ARGS, one_line_error
from support.records import events_in
from support.scenarios import SIGNERS

NOW = "--now=2026-03-06T09:30:00+01:00"
PLAN = load_default_plan()


@pytest.fixture
def db(cli_inproc, tmp_path):
    """A fresh golive file made by `golive init`."""
    path = tmp_path / "golive.sqlite"
    r = cli_inproc("init", "--as", "rm", NOW)
    assert r.code == 0 and r.err == ""
    return path


# --- the "Done when" -----------------------------------------------------------------


def test_go_live_day_end_to_end(cli, tmp_path):
    db = tmp_path / "day.sqlite"
    base = ["--db", str(db), NOW, "--as", "rm"]

    r = cli("init", *base)
    assert r.code == 0 and "angelegt für LifeTimeCircle rc-2026-03-01" in r.out

    r = cli("status", "--json", *base)
    assert r.code == 1
    board = json.loads(r.out)
    assert board["verdict"] == "NO-GO"
    assert [i["id"] for i in board["items"]] == [i.id for i in PLAN.items]
    assert [i["label"] for i in board["items"]] == [i.label for i in PLAN.items]
    for role in PLAN.contacts:
        assert any(b["target"] == role.id and role.placeholder in b["text"]
                   for b in board["blockers"]), role.placeholder
    assert [c["value"] for c in board["contacts"]] == [c.placeholder for c in PLAN.contacts]
    assert all(c["placeholder"] for c in board["contacts"])

    for args in CONTACT_ARGS:
        assert cli("contact", *args, *base).code == 0
    for signoff in PLAN.signoffs:
        assert cli("approve", signoff.id, "--by", SIGNERS[signoff.id], *base).code == 0
    for gate in PLAN.gates:
        if gate.id != "gate.staging-stable":
            assert cli("gate", gate.id, "green", *base).code == 0
    one_line_error(cli("decide", "go", "--by", "Dana Weiß", *base))  # staging still open
    assert cli("staging-stable-since", "2026-03-05T08:30:00+01:00", *base).code == 0
    r = cli("decide", "go", "--by", "Dana Weiß", "--reason", "alles grün", *base)
    assert r.code == 0, r.err

    r = cli("status", "--json", *base)
    assert r.code == 3, r.out  # GO-READY, but a rehearsal (made with --now)
    board = json.loads(r.out)
    # after GO the verdict is the go-live's phase: GO, not a GO still to be given
    assert (board["verdict"], board["phase"], board["blockers"]) == ("GO", "go", [])
    assert board["decision"]["decision"] == "go"
    assert board["decision"]["by"] == "Dana Weiß"
    assert board["decision"]["at"] == "2026-03-06T09:30:00+01:00"
    assert board["events"] == 1 + 5 + 6 + 5 + 1 + 1
    assert cli("status", *base).code == 3

    r = cli("verify", "--db", str(db))
    assert r.code == 0 and f"Kopf {board['head']}" in r.out

    conn = sqlite3.connect(str(db))  # the log cannot be edited afterwards
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE events SET actor = 'mallory' WHERE seq = 2")
    finally:
        conn.close()


def test_status_json_fields(cli_inproc, db):
    r = cli_inproc("status", "--json", NOW)
    assert r.code == 1
    board = json.loads(r.out)
    for key in ("release", "t0", "now", "phase", "verdict", "blockers", "items", "contacts",
                "milestones", "decision", "events", "head"):
        assert key in board, key
    assert board["release"] == "rc-2026-03-01"
    assert board["t0"] == "2026-03-06T10:00:00+01:00"
    assert board["now"] == "2026-03-06T09:30:00+01:00"
    assert (board["window"], board["window_label"]) == ("t-1h", "ab T-1h")
    assert (board["phase"], board["phase_label"]) == ("prepared", "vorbereitet")
    assert board["decision"] is None
    assert board["events"] == 1
    assert re.fullmatch(r"[0-9a-f]{64}", board["head"])
    # each blocker names what it is about, so a script can act on it
    assert board["blockers"][0] == {"target": "approval.business",
                                    "text": "Business: Freigabe ausstehend"}
    assert {b["target"] for b in board["blockers"]} >= {"gate.monitoring",
                                                        "contact.status-channel"}
    for item in board["items"]:
        assert {"id", "section", "label", "state", "by", "at"} <= item.keys()
    assert {i["section"] for i in board["items"]} == {"signoff", "gate", "comms", "check"}
    for contact in board["contacts"]:
        assert {"id", "label", "value", "placeholder"} <= contact.keys()
    assert [m["id"] for m in board["milestones"]] == ["t-24h", "t-1h", "t-0", "t+24h"]
    assert [m["at"] for m in board["milestones"]] == [
        "2026-03-05T10:00:00+01:00", "2026-03-06T09:00:00+01:00",
        "2026-03-06T10:00:00+01:00", "2026-03-07T10:00:00+01:00"]
    assert [m["label"] for m in board["milestones"]] == ["T-24h", "T-1h", "T-0", "T+24h"]


def test_status_records_by_and_at(cli_inproc, db):
    assert cli_inproc("approve", "approval.devops", "--by", "Dev Oswald", NOW).code == 0
    board = json.loads(cli_inproc("status", "--json", NOW).out)
    item = next(i for i in board["items"] if i["id"] == "approval.devops")
    assert (item["state"], item["by"], item["at"]) == (
        "approved", "Dev Oswald", "2026-03-06T09:30:00+01:00")


def test_status_text_is_literal(cli_inproc, db):
    r = cli_inproc("status", NOW)
    assert r.code == 1
    assert "NO-GO: 17 Blocker" in r.out
    assert "Platzhalter [Status-Kanal] nicht ersetzt (Status-Kanal)" in r.out
    assert "\x1b" not in r.out


def test_status_at_shows_the_board_as_it_was(cli_inproc, db):
    cli_inproc("approve", "approval.sre", "--by", "Sven Stahl", "--now", "2026-03-05T11:00")
    cli_inproc("revoke", "approval.sre", "--reason", "Kapazität", "--now", "2026-03-05T12:00")

    def sre(at):
        board = json.loads(cli_inproc("status", "--json", "--at", at).out)
        assert board["now"].startswith(at[:16])
        return next(i for i in board["items"] if i["id"] == "approval.sre")["state"]

    assert sre("2026-03-05T10:59") == "pending"
    assert sre("2026-03-05T11:30") == "approved"
    assert sre("2026-03-05T12:00") == "revoked"


def test_lang_en(cli_inproc, db):
    board = json.loads(cli_inproc("status", "--json", "--lang", "en", NOW).out)
    assert board["blockers"][0]["text"] == "Business: sign-off pending"
    assert board["items"][0]["label"] == "Business-Freigabe eingeholt"


# --- init ------------------------------------------------------------------------------------


def test_init_on_an_existing_file_changes_nothing(cli_inproc, db):
    cli_inproc("note", "vorher", NOW)
    before = db.read_bytes(), db.stat().st_mtime_ns
    r = cli_inproc("init", NOW)  # a script may init every time: that is no error
    assert (r.code, r.out, r.err) == (0, "golive.sqlite: existiert schon; nichts geändert\n",
                                      "")
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    assert len(events_in(db)) == 2


def test_init_defaults_to_golive_sqlite_here(cli_inproc, tmp_path):
    assert cli_inproc("init").code == 0
    assert (tmp_path / "golive.sqlite").exists()


def test_plan_differing_from_the_stored_one_is_refused(cli_inproc, db, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text(PLAN.source.replace('release = "rc-2026-03-01"', 'release = "rc-2"'),
                     "utf-8")
    one_line_error(cli_inproc("status", "--plan", str(other)))


def test_newer_file_is_refused(cli_inproc, db):
    conn = sqlite3.connect(str(db))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    r = cli_inproc("status")
    one_line_error(r)
    assert "neueren golive" in r.err


# --- bad input -------------------------------------------------------------------------------


BAD = {
    "unknown id": ["approve", "approval.nope", "--by", "Xaver Huber"],
    "contact id as item": ["check", "contact.status-channel"],
    "disallowed change": ["revoke", "approval.sre", "--reason", "nie freigegeben"],
    "derived check": ["check", "t-24h.contacts"],
    "staging gate by hand": ["gate", "gate.staging-stable", "green"],
    "empty name": ["approve", "approval.sre", "--by", "  "],
    "empty reason": ["reject", "approval.sre", "--by", "Xaver Huber", "--reason", ""],
    "empty actor": ["--as", "", "note", "x"],
    "text too long": ["note", "x" * 2001],
    "reason too long": ["reject", "approval.sre", "--by", "Xaver Huber", "--reason", "r" * 2001],
    "invalid phone": ["contact", "contact.primary-on-call", "--name", "A", "--phone", "12"],
    "channel for a person": ["contact", "contact.primary-on-call", "--channel", "#x"],
    "invalid instant": ["staging-stable-since", "gestern"],
    "non-existent instant": ["staging-stable-since", "2026-03-29T02:30"],
    "ambiguous instant": ["staging-stable-since", "2026-10-25T02:30"],
    "future instant": ["staging-stable-since", "2026-03-07T10:00"],
    "invalid --now": ["--now", "bald", "note", "x"],
    "invalid --at": ["status", "--at", "2026-13-01"],
    "GO with blockers": ["decide", "go", "--by", "Dana"],
    "bad gate state": ["gate", "gate.monitoring", "purple"],
    "missing --by": ["approve", "approval.sre"],
    "unknown command": ["frobnicate"],
    "unknown option": ["note", "x", "--colour"],
    "bad speed": ["--now", "2026-03-06T09:00", "--speed", "0", "note", "x"],
}


# what each is refused for: refused for another reason, the check it names is not tested
WHY = {
    "unknown id": "unbekannte Id 'approval.nope'",
    "contact id as item": "unbekannte Id 'contact.status-channel' (ein Kontakt: dafür gibt",
    "disallowed change": "SRE ist ausstehend; zurückziehen lässt sich nur",
    "derived check": "„Kontakte vollständig?“ folgt aus den Eskalationskontakten",
    "staging gate by hand": "„Staging läuft mindestens 24 Stunden stabil“ wird von selbst grün",
    "empty name": "Name der/des Freigebenden (--by) darf nicht leer sein",
    "empty reason": "Grund (--reason) darf nicht leer sein",
    "empty actor": "Akteur (--as) darf nicht leer sein",
    "text too long": "Notiz ist 2001 Zeichen lang; erlaubt sind höchstens 2000",
    "reason too long": "Grund (--reason) ist 2001 Zeichen lang",
    "invalid phone": "Primär-On-Call: keine gültige Rufnummer: '12'",
    "channel for a person": "Primär-On-Call ist eine Person: --name und --phone",
    "invalid instant": "kein ISO-8601-Zeitpunkt: 'gestern'",
    "non-existent instant": "2026-03-29T02:30 gibt es in Europe/Berlin nicht",
    "ambiguous instant": "2026-10-25T02:30 ist in Europe/Berlin mehrdeutig",
    "future instant": "„stabil seit“ liegt 1 d 30 min in der Zukunft",
    "invalid --now": "kein ISO-8601-Zeitpunkt: 'bald'",
    "invalid --at": "--at '2026-13-01': einen Abstand zu T-0 wie T-25h, T-1d oder T+30m",
    "GO with blockers": "GO abgelehnt: 17 Blocker offen",
    "bad gate state": "ZUSTAND: ungültige Wahl 'purple'",
    "missing --by": "Pflichtangabe fehlt: --by",
    "unknown command": "BEFEHL: ungültige Wahl 'frobnicate'",
    "unknown option": "unbekannte Argumente: --colour",
    "bad speed": "--speed muss zwischen 0 und 100000 liegen, nicht 0.0",
}
assert WHY.keys() == BAD.keys()


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_one_line_exit_2_nothing_written(cli_inproc, db, name):
    argv = BAD[name]
    if "--now" not in argv:
        argv = [*argv, NOW]
    before = events_in(db)
    result = cli_inproc(*argv)
    one_line_error(result)
    assert result.err.startswith(f"golive: {WHY[name]}"), result.err
    assert events_in(db) == before


def test_missing_file_is_an_error_not_created(cli_inproc, tmp_path):
    one_line_error(cli_inproc("note", "x", "--db", str(tmp_path / "none.sqlite")))
    assert not (tmp_path / "none.sqlite").exists()


def test_bad_input_via_subprocess_has_no_traceback(cli, tmp_path):
    assert cli("init", NOW).code == 0
    for argv in (BAD["unknown id"], BAD["text too long"], BAD["invalid instant"]):
        r = cli(*argv, NOW)
        one_line_error(r)
    assert len(events_in(tmp_path / "golive.sqlite")) == 1


# --- actor, $GOLIVE_DB, options anywhere ----------------------------------------------------


def test_as_records_the_actor(cli_inproc, db):
    assert cli_inproc("--as", "Anna Berg", "note", "vorne", NOW).code == 0
    assert cli_inproc("note", "hinten", "--as", "Ben", NOW).code == 0
    assert cli_inproc("approve", "approval.sre", "--by", "Sören Leidl", "--as", "rm", NOW).code == 0
    assert [e[1] for e in events_in(db)] == ["rm", "Anna Berg", "Ben", "rm"]
    board = json.loads(cli_inproc("status", "--json", NOW).out)
    assert next(i for i in board["items"] if i["id"] == "approval.sre")["by"] == "Sören Leidl"


def test_golive_db_environment_variable(cli, tmp_path):
    target = tmp_path / "env" / "x.sqlite"
    target.parent.mkdir()
    env = {"GOLIVE_DB": str(target)}
    assert cli("init", NOW, env=env).code == 0
    assert target.exists() and not (tmp_path / "golive.sqlite").exists()
    assert cli("note", "über env", NOW, env=env).code == 0
    assert len(events_in(target)) == 2
    other = tmp_path / "y.sqlite"  # --db wins over the environment
    assert cli("init", "--db", str(other), NOW, env=env).code == 0
    assert other.exists() and len(events_in(target)) == 2


def test_verify_catches_a_tampered_event(cli, tmp_path):
    db = tmp_path / "golive.sqlite"
    assert cli("init", NOW).code == 0
    for text in ("eins", "zwei", "drei"):
        assert cli("note", text, NOW).code == 0
    assert cli("verify").code == 0
    conn = sqlite3.connect(str(db), isolation_level=None)
    (trigger,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'events_no_update'").fetchone()
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET payload = '{\"text\": \"ZWEI\"}' WHERE seq = 3")
    conn.execute(trigger)
    conn.close()
    r = cli("verify")
    assert r.code == 1
    assert re.search(r"\bEreignis 3 \(note\) wurde verändert", r.err), r.err
    assert "Traceback" not in r.err


def test_verify_names_a_tampered_plan_event_even_when_the_plan_no_longer_parses(cli, tmp_path):
    """The plan is event 1: breaking it must not stop verify from saying so."""
    db = tmp_path / "golive.sqlite"
    assert cli("init", NOW).code == 0
    assert cli("note", "eins", NOW).code == 0
    conn = sqlite3.connect(str(db), isolation_level=None)
    (trigger,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'events_no_update'").fetchone()
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET payload = '{\"plan\": \"[golive\"}' WHERE seq = 1")
    conn.execute(trigger)
    conn.close()
    r = cli("verify")
    assert r.code == 1, r.err
    assert re.search(r"\bEreignis 1 \(init\) wurde verändert", r.err), r.err
    assert "Traceback" not in r.err
    status = cli("status")
    assert status.code == 2 and len(status.err.strip().splitlines()) == 1


def test_concurrent_cli_writers(tmp_path, cli):
    """Four shells noting at once: nothing lost, chain intact."""
    assert cli("init", NOW).code == 0
    script = textwrap.dedent("""
        import sys
        from golive.cli import main
        for n in range(5):
            assert main(["note", f"{sys.argv[1]}-{n}", "--as", sys.argv[1]]) == 0
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, f"p{i}"], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for i in range(4)]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    rows = events_in(tmp_path / "golive.sqlite")
    assert [r[0] for r in rows] == list(range(1, 22))
    assert sorted(r[1] for r in rows[1:]) == sorted(f"p{i}" for i in range(4) for _ in range(5))
    assert cli("verify").code == 0


# --- start-up cost -----------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["status", "--json"], ["status"], ["note", "x"],
                                  ["verify"]])
def test_non_ui_commands_do_not_import_textual(tmp_path, cli, argv):
    assert cli("init", NOW).code == 0
    code = textwrap.dedent(f"""
        import sys
        from golive.cli import main
        code = main({argv!r} + ["{NOW}"] if {argv!r}[0] != "verify" else {argv!r})
        assert code == {int(argv[0] == "status")}, code  # status: NO-GO; note, verify: ok
        loaded = sorted(m for m in sys.modules if m.split(".")[0] == "textual")
        assert not loaded, loaded
    """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_help_exits_zero(cli):
    r = cli("--help")
    assert r.code == 0 and "status" in r.out and "verify" in r.out
