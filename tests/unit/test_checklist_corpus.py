"""The corpus of issue 19: checklists written by us in the shapes public go-live, cutover and
launch checklists have (tests/fixtures/checklists/*.md), each with its expected plan counts
(NAME.expected.json) and its expected import report (NAME.report.txt); then one test per
shape for what that shape must give."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from golive.data.checklist.importer import import_file
from golive.data.checklist.report import report_text

from support.paths import FIXTURES

SHAPES = FIXTURES / "checklists"
CORPUS = sorted(p for p in SHAPES.glob("*.md") if (SHAPES / f"{p.stem}.expected.json").exists())


def test_the_corpus_holds_at_least_fifteen_checklists() -> None:
    assert len(list(SHAPES.glob("*.md"))) >= 15 and len(CORPUS) >= 15


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_each_checklist_imports_to_its_expected_plan_and_report(path: Path) -> None:
    imported = import_file(path)
    plan = imported.plan
    got = {"language": plan.language, "t0": plan.t0.isoformat(), "product": plan.product,
           "release": plan.release, "signoffs": len(plan.signoffs), "gates": len(plan.gates),
           "comms": len(plan.comms), "checkpoints": [cp.label for cp in plan.checkpoints],
           "checks": sum(len(cp.checks) for cp in plan.checkpoints),
           "contacts": len(plan.contacts), "ticks": len(imported.ticks),
           "rollback_criteria": len(plan.rollback_criteria)}
    assert got == json.loads((SHAPES / f"{path.stem}.expected.json").read_text())
    report = report_text(imported.report, path.name, plan.language)
    assert report == (SHAPES / f"{path.stem}.report.txt").read_text()
    # every line with content is accounted for, in order
    content = [n for n, raw in enumerate(path.read_text().splitlines(), 1) if raw.strip()]
    assert [r.line for r in imported.report] == content


def _ticks(name: str) -> list[tuple[str, str | None, str | None]]:
    return [(t.item, t.by, t.when) for t in import_file(SHAPES / name).ticks]


def test_status_table_columns_and_every_status_word() -> None:
    imported = import_file(SHAPES / "status-table.md")
    ticked = {t.item: (t.by, t.when, t.evidence) for t in imported.ticks}
    # ✅, ☑ Done, ✔️, [x] and Done are done; Pending, ⬜ and Open stay open
    assert ticked == {
        "gate.load-test-at-2x-peak-passed": ("Mira Kast", "2026-04-02", "perf report 118"),
        "gate.backup-restore-rehearsed": ("Jonas Wirth", "2026-04-07", "ticket OPS-771"),
        "gate.error-budget-above-50": ("Mira Kast", None, "dashboard"),
        "gate.feature-flags-default-off": ("Lea Brandt", "2026-04-09", None),
        "comms.brief-the-service-desk": ("Jonas Wirth", None, None)}
    assert imported.notes[0].message == "no escalation contacts found: none imported"


def test_sign_off_table_is_one_sign_off_per_row_with_its_person() -> None:
    plan = import_file(SHAPES / "signoff-table.md").plan
    assert [(s.role, s.label, s.owner) for s in plan.signoffs] == [
        ("Business Owner", "Business Owner", "Dana Whitfield"),
        ("Engineering Lead", "Engineering Lead", "Ravi Menon"),
        ("QA Lead", "QA Lead", None), ("Security Officer", "Security Officer", "Tom Alvarez")]
    # only the row with a real signature is ticked; "[Signature]" and "____" are blanks
    assert _ticks("signoff-table.md") == [("approval.business", "Dana Whitfield", "2026-02-27")]


def test_approval_lines_in_prose_are_sign_offs_without_their_form() -> None:
    imported = import_file(SHAPES / "prose-approvals.md")
    assert [(s.role, s.label) for s in imported.plan.signoffs] == [
        ("Product Manager", "Product Manager approval on staging"),
        ("Design lead", "Design lead sign-off on the final screens"),
        ("QA", "QA approval")]
    room = next(r for r in imported.report if r.source.startswith("We meet"))
    assert room.kind == "prose"


def test_contact_table_keeps_e_mail_and_channel_and_no_location_person(cli) -> None:  # type: ignore[no-untyped-def]
    plan = import_file(SHAPES / "contacts-table.md").plan
    assert [(c.label, c.kind) for c in plan.contacts] == [
        ("Incident commander", "person"), ("Database on-call", "person"),
        ("Status channel", "channel"), ("Vendor support", "person")]
    assert plan.target_notes == ("Location: 3rd floor war room and video bridge",
                                 "Hours: 21:00–02:00 UK time",
                                 "Communication: #search-migration on Slack")
    r = cli("init", "--plan", str(SHAPES / "contacts-table.md"), "--db", "c.sqlite",
            "--as", "rm")
    assert r.code == 0, r.err
    board = json.loads(cli("status", "--json", "--db", "c.sqlite").out)
    contacts = {c["id"]: (c["value"], c.get("email")) for c in board["contacts"]}
    assert contacts["contact.incident-commander"] == (
        "Priya Nair, +44 20 7946 0321", "priya.nair@example.org")
    assert contacts["contact.status-channel"] == ("#search-migration", None)


def test_owner_status_date_evidence_sub_items_belong_to_their_parent() -> None:
    imported = import_file(SHAPES / "sub-items.md")
    assert [(s.role, s.owner) for s in imported.plan.signoffs] == [
        ("Finance", "Carla Ruiz"), ("Compliance", "Ben Okafor")]
    assert [(t.item, t.by, t.when, t.evidence) for t in imported.ticks] == [
        ("approval.compliance", "Ben Okafor", "2026-09-01", "memo C-22"),
        ("gate.invoice-run-dry-run-matches-production", "Carla Ruiz", "2026-09-03",
         "diff report attached")]
    # a nested line that is no column is a task of its own, in its parent's section
    assert [g.label for g in imported.plan.gates][-1] == "Check the Canadian provinces"


def test_rollback_criteria_are_shown_with_the_decision_and_steps_stay_tasks() -> None:
    plan = import_file(SHAPES / "rollback.md").plan
    assert plan.rollback_criteria == ("Payment error rate above 2 % for 10 minutes",
                                      "p99 latency above 1.5 s", "Any data integrity alarm")
    steps = plan.checkpoints[-1]
    assert (steps.label, steps.offset, len(steps.checks)) == ("Rollback steps", "T+1h", 3)
    assert not any("rollback" in g.label.lower() for g in plan.gates)


def test_post_launch_monitoring_and_success_criteria_are_checks_after_t0() -> None:
    plan = import_file(SHAPES / "post-launch.md").plan
    assert [g.label for g in plan.gates] == [
        "Shadow traffic matches the old ranking on 95 % of queries", "Dashboards ready"]
    assert [(cp.label, cp.offset) for cp in plan.checkpoints] == [
        ("Launch day", "T-0"), ("Post-launch monitoring", "T+1h"), ("Success criteria", "T+24h")]


def test_german_phase_words_and_nothing_english_in_the_report() -> None:
    imported = import_file(SHAPES / "german-phases.md")
    plan = imported.plan
    assert plan.language == "de"
    assert [(cp.label, cp.offset) for cp in plan.checkpoints] == [
        ("4 Wochen vorher", "T-672h"), ("T-2w", "T-336h"), ("Am Go-Live-Tag", "T-0"),
        ("Nach dem Go-Live", "T+1h")]
    assert _ticks("german-phases.md")[0] == ("approval.business", "Petra Lang", "2026-10-01")
    words = report_text(imported.report, "x.md", "de")
    words = re.sub(r"· .*", "", words)  # the checklist's own lines are quoted as written
    assert not re.search(r"\b(sign-off|gate|check at|heading|ignored|In all)\b", words)


def test_what_fits_no_kind_is_kept_as_further_tasks() -> None:
    imported = import_file(SHAPES / "further-tasks.md")
    further = next(cp for cp in imported.plan.checkpoints if cp.label == "Weitere Aufgaben")
    assert [c.label for c in further.checks] == [
        "Ersatzteile bestellt", "Racks beschriftet", "Verpflegung für die Nachtschicht"]
    assert ("weitere-aufgaben.racks-beschriftet", None, None) in _ticks("further-tasks.md")
    kept = [r.source for r in imported.report if r.kind == "kept"]
    assert len(kept) == 3


def test_launch_template_days_after_launch_and_a_launch_date_line() -> None:
    plan = import_file(SHAPES / "launch-template.md").plan
    assert plan.t0.isoformat() == "2026-02-10T09:00:00-08:00" and plan.owner == "Sam Ortiz"
    assert [(cp.label, cp.offset) for cp in plan.checkpoints] == [
        ("Pre-Launch (T-2 Weeks)", "T-336h"), ("Morning (T-0)", "T-0"),
        ("Day 1 (T+1d)", "T+24h"), ("Day 7 (T+7d)", "T+168h")]


def test_a_bold_day_of_line_is_a_phase_and_rollback_triggers_are_criteria() -> None:
    plan = import_file(SHAPES / "cutover-day-of.md").plan
    assert [(cp.label, len(cp.checks)) for cp in plan.checkpoints] == [
        ("Pre-freeze (T-48h)", 2), ("Freeze window (T-24h to T-0)", 2), ("Day-of", 2)]
    assert len(plan.rollback_criteria) == 2


def test_readiness_assessment_yes_no_and_concur_columns() -> None:
    assert _ticks("readiness-assessment.md") == [
        ("gate.successful-pilot-completed", "Alma Reyes", None),
        ("gate.help-desk-trained", "Chris Boyd", None),
        ("approval.agency-cio", "Nora Feld", "2026-11-30")]


def test_emoji_status_marks_on_list_lines() -> None:
    assert _ticks("emoji-status.md") == [
        ("approval.marketing", "Lara Frei", "2026-01-20"),
        ("gate.subscriber-import-verified", None, None),
        ("gate.sender-domain-authenticated", None, None)]


def test_items_done_in_the_source_keep_their_date_and_owner_never_the_login_user(cli) -> None:  # type: ignore[no-untyped-def]
    """An imported tick says where it came from: the actor is who imported it, the board
    shows the source's person and status --json the file, line and date."""
    r = cli("init", "--plan", str(SHAPES / "sub-items.md"), "--db", "s.sqlite", "--as", "root")
    assert r.code == 0, r.err
    board = json.loads(cli("status", "--json", "--db", "s.sqlite").out)
    done = {i["id"]: (i["by"], i.get("imported")) for i in board["items"] if "imported" in i}
    assert done == {
        "approval.compliance": ("Ben Okafor", {"from": "sub-items.md", "line": 11,
                                               "on": "2026-09-01"}),
        "gate.invoice-run-dry-run-matches-production": (
            "Carla Ruiz", {"from": "sub-items.md", "line": 18, "on": "2026-09-03"})}
    lines = cli("status", "--db", "s.sqlite").out.splitlines()
    assert any(line.startswith("  ✔ approval.compliance") and line.endswith(
        "– Ben Okafor, per checklist (line 11), 2026-09-01 · typed") for line in lines), lines


def test_a_sign_off_ticked_without_a_name_stays_open_and_says_so(cli) -> None:  # type: ignore[no-untyped-def]
    text = (SHAPES / "rollback.md").read_text().replace("- [ ] SRE sign-off", "- [x] SRE sign-off")
    Path(cli.cwd, "r.md").write_text(text)
    r = cli("init", "--plan", "r.md", "--db", "r.sqlite", "--as", "rm")
    assert r.code == 0, r.err
    assert "r.md:10: “SRE” is ticked in the checklist but names nobody: left open" in r.err
    board = json.loads(cli("status", "--json", "--db", "r.sqlite").out)
    assert {i["id"]: i["state"] for i in board["items"]}["approval.sre"] == "pending"


def test_a_checklist_without_a_t_plan_imports_with_t0_alone_and_a_warning() -> None:
    from golive.data.checklist.importer import import_checklist

    text = ("# Shop\n\n**Go-Live:** 2026-03-06 10:00 CET\n\n## Sign-offs\n\n"
            "| Role | Name | Signature | Date |\n|---|---|---|---|\n| QA | Quinn Adams | | |\n")
    imported = import_checklist(text, "x.md")
    assert [(cp.label, cp.checks) for cp in imported.plan.checkpoints] == [("T-0", ())]
    assert "no T-plan found: only T-0, without checks" in [n.message for n in imported.notes]
