"""Importing Markdown go-live checklists: the source document becomes the default plan item
by item, other shapes are read faithfully, and what cannot be placed is named by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golive.data.checklist.importer import import_checklist, import_file
from golive.data.checklist.reader import ChecklistError
from golive.data.plan.source import load_default_plan

from support.checklists import (
    ENGLISH,
    ROLE_LINES,
    RUNBOOK,
    SOURCE,
    WILD,
    assert_same_plan,
)

DEFAULT = load_default_plan()




def test_source_document_is_the_default_plan() -> None:
    imported = import_file(SOURCE)
    assert imported.notes == []
    assert imported.ticks == []
    assert_same_plan(imported.plan, DEFAULT)


def test_english_checklist_of_the_same_shape_imports_without_a_note() -> None:
    imported = import_file(ENGLISH)
    assert imported.notes == []
    assert imported.plan.language == "en"
    assert_same_plan(imported.plan, DEFAULT, labels=False)
    staging = imported.plan.item("gate.staging-stable")
    assert staging is not None
    assert staging.label == "Staging has run stable for at least 24 hours"


def test_other_date_zone_and_an_extra_section_reported_by_line() -> None:
    text = SOURCE.read_text()
    text = text.replace("**2026-03-06 10:00 CET**", "**2026-07-01 08:30**")
    text = text.replace("(Europe/Berlin)", "(America/New_York)")
    text = text.replace("## T-Plan\n\n### T-24h: 2026-03-05 10:00 CET",
                        "## T-Plan\n\n### T-24h")
    text = text.replace("### T-1h: 2026-03-06 09:00 CET", "### T-1h")
    text = text.replace("### T-0: 2026-03-06 10:00 CET", "### T-0")
    text += "\n## Rollback-Plan\n\n- DNS zurückdrehen\n"
    imported = import_checklist(text, "x.md")
    plan = imported.plan
    assert plan.timezone == "America/New_York"
    assert plan.t0.isoformat() == "2026-07-01T08:30:00-04:00"
    # rollback steps stay tasks, due an hour after the last checkpoint (never overdue)
    assert [(cp.id, cp.offset) for cp in plan.checkpoints] == [
        ("t-24h", "T-24h"), ("t-1h", "T-1h"), ("t-0", "T-0"), ("t+24h", "T+24h"),
        ("rollback-plan", "T+25h")]
    assert [c.label for c in plan.checkpoints[-1].checks] == ["DNS zurückdrehen"]
    assert imported.notes == []
    assert [i.id for i in plan.items][:-1] == [i.id for i in DEFAULT.items]


def test_wild_shapes_tables_numbered_lists_emoji_team_and_phases() -> None:
    imported = import_file(WILD)
    plan = imported.plan
    # the product is not taken from the title: the file's name and a note asking for it
    assert (plan.product, plan.release, plan.timezone, plan.language) == \
        ("wild-checklist", "v2.3.0", "America/New_York", "en")
    assert plan.t0.isoformat() == "2026-10-27T09:00:00-04:00"
    # a status table of approvals: roles, expected approvers, a ✅ as a tick
    assert [(s.id, s.role, s.owner) for s in plan.signoffs] == [
        ("approval.product", "Product", "Paul Roth"), ("approval.security", "Security", None),
        ("approval.qa", "QA", "Quinn Adams")]
    assert [g.id for g in plan.gates] == ["gate.monitoring", "gate.rollback-owner"]
    assert [c.label for c in plan.comms] == ["Announce the maintenance window",
                                             "Brief customer support"]
    assert [(t.item, t.by, t.when) for t in imported.ticks] == [
        ("approval.product", "Paul Roth", "2026-10-20"), ("gate.rollback-owner", "Ops", None),
        ("comms.support-briefing", None, None)]
    # the team table becomes the contacts; a phase is due at its start
    assert [(c.id, c.kind, c.placeholder) for c in plan.contacts] == [
        ("contact.incident-commander", "person", "[Name]"),
        ("contact.on-call-engineer", "person", "[Name]"),
        ("contact.status-channel", "channel", "[#channel]")]
    assert [(cp.id, cp.label, cp.offset) for cp in plan.checkpoints] == [
        ("t-5d", "T-5 to T-1 days", "T-120h"), ("t-0", "T-0", "T-0"),
        ("t+1d", "T+1d", "T+24h"), ("rollback-plan", "Rollback Plan", "T+25h")]
    # the rollback section's prose is its step, kept as a task
    assert [c.label for c in plan.checkpoints[-1].checks] == [
        "Revert DNS and restore the database snapshot."]
    assert [(n.line, n.message) for n in imported.notes] == [
        (0, "no product named (a line “Product: …” or --product); “wild-checklist” used")]


def test_a_checklist_without_a_go_live_instant_is_refused_in_one_line() -> None:
    text = SOURCE.read_text().replace("**2026-03-06 10:00 CET**", "bald")
    text = text.replace("### T-0: 2026-03-06 10:00 CET", "### T-0")
    with pytest.raises(ChecklistError, match="kein Go-Live-Zeitpunkt") as info:
        import_checklist(text, "x.md")
    assert "\n" not in str(info.value)


# --- the command -----------------------------------------------------------------------------


def test_done_when_import_init_status_lists_the_default_plan(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("import", str(SOURCE), "--out", "p.toml")
    assert (r.code, r.err) == (0, ""), r.err
    assert cli("init", "--plan", "p.toml", "--db", "r.sqlite").code == 0
    assert cli("init", "--db", "d.sqlite").code == 0
    assert cli("init", "--plan", str(SOURCE), "--db", "m.sqlite").code == 0

    def board(db: str) -> dict:  # type: ignore[type-arg]
        out = json.loads(cli("status", "--json", "--db", db).out)
        return {k: out[k] for k in ("items", "contacts", "milestones", "t0", "timezone")}

    assert board("r.sqlite") == board("d.sqlite") == board("m.sqlite")


def test_strict_refuses_and_writes_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "x.md"
    src.write_text(SOURCE.read_text() + "\n## Sonstiges\n\nText\n")
    line = src.read_text().splitlines().index("Text") + 1
    r = cli("import", str(src), "--out", "p.toml", "--strict")
    assert r.code == 2 and not (tmp_path / "p.toml").exists()
    assert r.err.splitlines()[0] == \
        f"{src}:{line}: Text ausgelassen (nur Aufgabenlisten und Tabellen werden gelesen)"
    assert r.err.splitlines()[-1].startswith("golive: ") and "--strict" in r.err
    r = cli("import", str(src))  # without --strict: reported, and the plan on stdout
    assert r.code == 0 and r.out.startswith("# Imported") and f":{line}:" in r.err
    r = cli("import", str(tmp_path / "missing.md"))
    assert r.code == 2 and r.err.count("\n") == 1


def test_init_from_a_partly_done_checklist_records_its_ticks(cli_inproc) -> None:  # type: ignore[no-untyped-def]
    r = cli_inproc("init", "--plan", str(WILD), "--db", "w.sqlite", "--as", "rm",
                   "--now", "2026-10-20T12:00")
    assert r.code == 0 and "3 items ticked in the checklist recorded" in r.err
    board = json.loads(cli_inproc("status", "--json", "--db", "w.sqlite").out)
    done = {i["id"]: (i["state"], i["by"]) for i in board["items"] if i["state"] != "pending"
            and i["state"] != "open"}
    # by whom and when the checklist says, marked as imported from its line: never the
    # login user ("rm") now
    assert done == {"approval.product": ("approved", "Paul Roth"),
                    "gate.rollback-owner": ("green", "Ops"),
                    "comms.support-briefing": ("done", None)}
    imported = {i["id"]: i["imported"] for i in board["items"] if "imported" in i}
    assert imported == {"approval.product": {"from": "wild-checklist.md", "line": 11,
                                             "on": "2026-10-20"},
                        "gate.rollback-owner": {"from": "wild-checklist.md", "line": 20,
                                                "on": None},
                        "comms.support-briefing": {"from": "wild-checklist.md", "line": 25,
                                                   "on": None}}
    assert board["events"] == 4




def test_runbook_variants_unicode_minus_checkpoint_in_words_and_nested_items() -> None:
    imported = import_checklist(RUNBOOK, "runbook.md")
    plan = imported.plan
    assert (plan.product, plan.release, plan.timezone) == \
        ("Payments API 4.1", "4.1.0", "UTC")
    assert [s.id for s in plan.signoffs] == ["approval.qa", "approval.security"]
    assert [g.id for g in plan.gates] == ["gate.monitoring", "gate.rollback-owner"]
    assert [(cp.id, cp.offset) for cp in plan.checkpoints] == [
        ("t-1d", "T-24h"), ("t-0", "T-0"), ("t+30m", "T+0h30m")]
    assert [(c.id, c.kind) for c in plan.contacts] == [
        ("contact.primary-on-call", "person"), ("contact.slack-channel", "channel")]
    assert [t.item for t in imported.ticks] == ["approval.qa"]
    # a nested item that is no Owner/Status/Date/Evidence line is a task of its own
    assert [c.label for c in plan.checkpoints[1].checks] == [
        "Run the migration", "check the row counts"]
    assert imported.notes == []


def test_prose_in_a_section_and_items_under_a_bare_container_are_reported() -> None:
    text = SOURCE.read_text().replace(
        "## Checkliste\n", "## Checkliste\n\n- [ ] ohne Abschnitt\n").replace(
        "### 3. Kommunikation\n", "### 3. Kommunikation\n\nAlles per Mail.\n")
    lines = text.splitlines()
    imported = import_checklist(text, "x.md")
    assert [(n.line, n.message) for n in imported.notes] == [
        (lines.index("## Checkliste") + 1,
         "Abschnitt „Checkliste“ ist keiner Art des Plans zuzuordnen: 1 Punkt als Aufgabe "
         "unter „Weitere Aufgaben“ behalten"),
        (lines.index("Alles per Mail.") + 1,
         "Text ausgelassen (nur Aufgabenlisten und Tabellen werden gelesen)")]
    # the item no section takes is kept as a task, never lost
    further = next(cp for cp in imported.plan.checkpoints if cp.label == "Weitere Aufgaben")
    assert (further.offset, [c.label for c in further.checks]) == ("T-0", ["ohne Abschnitt"])


def test_a_go_live_instant_that_the_zone_skips_is_refused_in_words() -> None:
    text = SOURCE.read_text().replace("**2026-03-06 10:00 CET**", "**2026-03-29 02:30**")
    with pytest.raises(ChecklistError) as info:
        import_checklist(text, "x.md")
    assert str(info.value) == ("x.md: ergibt keinen gültigen Plan: golive.t0: 2026-03-29 02:30 "
                               "does not exist in Europe/Berlin (clocks skip it)")


def test_a_team_table_with_people_records_them_as_contacts(cli_inproc) -> None:  # type: ignore[no-untyped-def]
    text = WILD.read_text().replace("| Incident Commander | [Name] | [Phone] |",
                                    "| Incident Commander | Olaf Berg | +49 170 2938475 |")
    imported = import_checklist(text, "t.md")
    commander = imported.plan.contact("contact.incident-commander")
    assert commander is not None and commander.placeholder == "[Incident Commander]"
    assert ("contact.incident-commander", "Olaf Berg, +49 170 2938475") in \
        [(t.item, t.by) for t in imported.ticks]
    Path("t.md").write_text(text)
    assert cli_inproc("init", "--plan", "t.md", "--db", "t.sqlite", "--now",
                      "2026-10-20T12:00").code == 0
    board = json.loads(cli_inproc("status", "--json", "--db", "t.sqlite").out)
    commander = next(c for c in board["contacts"] if c["id"] == "contact.incident-commander")
    assert commander["placeholder"] is False and commander["value"].startswith("Olaf Berg")




def test_contact_lines_that_name_the_role_first() -> None:
    imported = import_checklist(ROLE_LINES, "r.md")
    assert [(c.id, c.label, c.kind, c.placeholder) for c in imported.plan.contacts] == [
        ("contact.technical-lead", "Technical Lead", "person", "[Your contact]"),
        ("contact.service-owner", "Service Owner", "person", "[TODO: Name]"),
        ("contact.incident-channel", "Incident channel", "channel", "[Incident channel]"),
        ("contact.database-admin", "Database Admin", "person", "TBD")]
    assert ("contact.incident-channel", "#payments-incident") in \
        [(t.item, t.by) for t in imported.ticks]


def test_checkpoint_time_in_parentheses_without_a_zone_name() -> None:
    text = SOURCE.read_text().replace("### T-24h: 2026-03-05 10:00 CET",
                                      "### T-24h (2026-03-05 10:00)")
    imported = import_checklist(text, "x.md")
    assert imported.notes == []
    assert_same_plan(imported.plan, DEFAULT)


def test_other_roles_are_named_as_written() -> None:
    text = SOURCE.read_text().replace(
        "- [ ] Support informiert",
        "- [ ] Support informiert\n- [ ] Datenschutz-Freigabe eingeholt\n- [ ] Legal sign-off")
    plan = import_checklist(text, "x.md").plan
    assert [(s.id, s.role) for s in plan.signoffs[-2:]] == [
        ("approval.datenschutz", "Datenschutz"), ("approval.legal", "Legal")]


def test_no_sign_offs_imports_but_never_reads_go_ready(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Kinds a checklist lacks stay empty with a warning; no sign-off blocks a GO, since a
    GO-READY that asks for nobody's approval would be a rubber stamp."""
    src = tmp_path / "min.md"
    src.write_text("# X\n\n## T-0: 2026-03-06 10:00 CET\n\n### Data Migration\n\n- [ ] Start\n")
    r = cli("init", "--plan", str(src), "--db", "m.sqlite")
    assert r.code == 0, r.err
    assert f"{src}: no sign-offs found: none imported; a GO stays blocked" in r.err
    out = json.loads(cli("status", "--json", "--db", "m.sqlite").out)
    assert out["verdict"] == "NO-GO"
    assert any("names no sign-off" in b["text"] for b in out["blockers"]), out["blockers"]


def test_a_line_the_plan_cannot_take_is_named_by_its_line_and_words(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Not `contacts[1].label: must not be empty`: the line and what stands there."""
    src = tmp_path / "bad.md"
    src.write_text("# Shop\n\n## T-0: 2026-03-06 10:00 CET\n\n- [ ] Start\n\n"
                   "## Escalation\n\n- Incident: Olaf\n- []\n")
    r = cli("import", str(src))
    assert r.code == 2 and r.out == ""
    assert r.err.splitlines()[-1] == \
        f"golive: {src}:10: “- []” cannot go into the plan as written: the text is missing"
    assert "contacts[" not in r.err


def test_an_empty_name_cell_in_a_team_table_asks_for_that_role() -> None:
    text = ("# Shop\n\n**Go-Live:** 2026-03-06 10:00 CET\n\n## T-0\n\n- [ ] Start\n\n"
            "## Escalation\n\n| Role | Name |\n|---|---|\n| Incident lead | |\n")
    plan = import_checklist(text, "x.md").plan
    assert [(c.label, c.placeholder) for c in plan.contacts] == \
        [("Incident lead", "[Incident lead]")]
