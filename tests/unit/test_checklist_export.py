"""The checklist export: the board written back in the checklist's own Markdown shape,
ticked with who and when, and read back by the importer as the same plan."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from golive.data.changes.commands import Approve, Check, Decide, Reject, SetContact, SetGate
from golive.data.checklist.importer import import_checklist, import_file
from golive.data.log.store import Store
from golive.data.outputs.export import write_export
from golive.data.time.clock import FixedClock, parse_instant

from support.checklists import (
    ENGLISH,
    ROLE_LINES,
    RUNBOOK,
    SOURCE,
    WILD,
    assert_same_plan,
)
from support.records import at

ZONE = "Europe/Berlin"


@pytest.fixture
def worked(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A file made from the source checklist, half-way through go-live day."""
    plan = import_file(SOURCE).plan
    store = Store.create(tmp_path / "g.sqlite", plan, FixedClock(at("2026-03-05T09:00")), "rm")
    store.apply(Approve("approval.business", "Anna Schmidt"), "rm")
    store.apply(Approve("approval.product", "Paul Roth"), "rm")
    store.apply(Reject("approval.security", "Sina Koch", "Pen-Test offen (CVE-1)"), "rm")
    store.clock = FixedClock(at("2026-03-05T10:15"))
    store.apply(SetGate("gate.monitoring", "green"), "rm")
    store.apply(SetGate("gate.central-gates", "red", "E2E *rot*"), "rm")
    store.apply(Check("comms.timeline"), "rm")
    store.apply(Check("t-24h.on-call"), "rm")
    store.apply(SetContact("contact.status-channel", channel="#ltc-status"), "rm")
    store.apply(SetContact("contact.primary-on-call", "Olaf Berg", "+49 170 2938475"), "rm")
    yield store
    store.close()


def test_checklist_is_ticked_with_who_and_when(worked: Store, tmp_path: Path) -> None:
    path = write_export(worked, tmp_path, fmt="checklist")
    assert path.name == "golive-PROBE-rc-2026-03-01-2026-03-05T10-15-00+01-00-checklist.md"
    md = path.read_text()
    assert md.startswith("# PROBE: Release Manager: Go-Live Orchestration")
    lines = md.splitlines()
    assert "- [x] Business-Freigabe eingeholt (✔ Anna Schmidt, 2026-03-05 09:00 CET)" in lines
    assert "- [ ] Security-Freigabe eingeholt (✖ abgelehnt: Sina Koch, 2026-03-05 09:00 CET: " \
           "Pen-Test offen (CVE-1))" in lines
    assert r"- [ ] zentrale Gates grün (✖ rot: rm, 2026-03-05 10:15 CET: E2E \*rot\*)" in lines
    assert "- [x] On-Call bestätigt? (✔ rm, 2026-03-05 10:15 CET)" in lines
    assert "- Kontakte vollständig?" in lines  # as the team wrote it: nothing added
    # placeholders replaced by the contacts, phones masked; the template filled in
    assert "- `[Status-Kanal]`: #ltc-status" in lines  # a # without a space is no heading
    assert "- `[Primär-On-Call]`: Olaf Berg, +49••••••••75" in lines
    assert "- `[Backup-On-Call]`" in lines
    assert any(line.startswith("- [x] Product — Paul Roth, 2026-03-05 09:00") for line in lines)
    full = write_export(worked, tmp_path, fmt="checklist", with_phones=True).read_text()
    assert "- `[Primär-On-Call]`: Olaf Berg, +49 170 2938475" in full.splitlines()


def test_round_trip_import_changes_export_import_gives_the_same_plan(worked: Store,
                                                                     tmp_path: Path) -> None:
    worked.clock = FixedClock(at("2026-03-06T10:05"))
    worked.apply(Decide("no-go", "Ruth Decker", "Blocker offen"), "rm")
    path = write_export(worked, tmp_path, fmt="checklist")
    again = import_file(path)
    assert again.notes == []
    assert_same_plan(again.plan, worked.plan)
    assert [(t.item, t.by) for t in again.ticks] == [
        ("approval.business", "Anna Schmidt"), ("approval.product", "Paul Roth"),
        ("gate.monitoring", "rm"), ("comms.timeline", "rm"), ("t-24h.on-call", "rm"),
        ("contact.status-channel", "#ltc-status"),
        ("contact.primary-on-call", "Olaf Berg, +49••••••••75")]


def test_a_new_file_from_the_exported_checklist_starts_where_it_left_off(
        worked: Store, tmp_path: Path, cli_inproc) -> None:  # type: ignore[no-untyped-def]
    path = write_export(worked, tmp_path, fmt="checklist", with_phones=True)
    r = cli_inproc("init", "--plan", str(path), "--db", "n.sqlite", "--as", "rm",
                   "--now", "2026-03-05T11:00")
    assert r.code == 0, r.err
    board = json.loads(cli_inproc("status", "--json", "--db", "n.sqlite").out)
    old = worked.board()
    for item in board["items"]:
        was = old.item(item["id"])
        assert was is not None
        expected = was.state if was.ok else ("pending" if item["section"] == "signoff"
                                             else "open")
        if not was.derived:
            assert item["state"] == expected, item["id"]
    contacts = {c["id"]: c["value"] for c in board["contacts"]}
    assert contacts["contact.status-channel"] == "#ltc-status"
    assert contacts["contact.primary-on-call"].startswith("Olaf Berg")


def test_wild_checklist_round_trip_keeps_owners_team_and_phases(tmp_path: Path) -> None:
    plan = import_file(WILD).plan
    store = Store.create(tmp_path / "w.sqlite", plan,
                         FixedClock(parse_instant("2026-10-20T10:00", plan.timezone)), "rm")
    try:
        store.apply(Approve("approval.product", "Paul Roth"), "rm")  # its owner
        md = write_export(store, tmp_path, fmt="checklist").read_text()
    finally:
        store.close()
    # the team's document back as it was: no Product line added, so the same note again
    again = import_checklist(md, "wild-checklist.md")
    assert again.notes == import_file(WILD).notes
    assert_same_plan(again.plan, plan)
    assert [(t.item, t.by) for t in again.ticks] == [("approval.product", "Paul Roth")]


@pytest.mark.parametrize("source", [SOURCE.read_text(), ENGLISH.read_text(), WILD.read_text(),
                                    RUNBOOK, ROLE_LINES],
                         ids=["source", "english", "wild", "runbook", "role-lines"])
def test_every_imported_shape_survives_a_fresh_export(source: str, tmp_path: Path) -> None:
    plan = import_checklist(source, "c.md").plan
    store = Store.create(tmp_path / "c.sqlite", plan, FixedClock(plan.t0), "rm")
    try:
        md = write_export(store, tmp_path, fmt="checklist").read_text()
    finally:
        store.close()
    # the same document back: the same notes as the first import (a missing Product line
    # is not added), nothing ticked, the same plan
    again, first = import_checklist(md, "c.md"), import_checklist(source, "c.md")
    assert again.notes == first.notes
    # no tick was recorded here: only the contacts the team named stay named
    assert [(t.item, t.by) for t in again.ticks] == [
        (t.item, t.by) for t in first.ticks if t.item.startswith("contact.")]
    assert_same_plan(again.plan, plan)
    # nothing done: the team's document unchanged, but for what says it is a rehearsal's
    unmarked = re.sub(r"^# (PROBE|REHEARSAL): (.*)\n\n\*\*Mod(us|e):\*\* [^\n]*\n",
                      r"# \2\n", md)
    if not import_checklist(source, "c.md").ticks:  # (ticks not recorded here are undone)
        assert unmarked == source
