"""Changing what the rules stand on is never silent (issue 20, 5 and 6): "stabil seit"
moved earlier than recorded needs a reason and is marked in the log and in `b`; sign-offs
given after the plan's approval deadline are marked late in `status --json`, the log line,
`status`, `b` and the approval document (naming who approved late)."""

from __future__ import annotations

import json
from pathlib import Path

import pendulum

from golive.data.changes.commands import StagingStableSince
from golive.data.log.store import Store
from golive.data.time.clock import FixedClock
from golive.dialogs import FormDialog, ListScreen

from support.cli import one_line_error
from support.pilot import field, listed, open_cockpit
from support.records import events_in

DAY = "2026-03-06T{}:00+01:00"


def runner(cli_inproc, tmp_path: Path):  # type: ignore[no-untyped-def]
    db = tmp_path / "m.sqlite"

    def run(when: str, *args: str):  # type: ignore[no-untyped-def]
        return cli_inproc(*args, "--db", str(db), f"--now={when}", "--as", "rm")

    assert run("2026-03-05T16:00:00+01:00", "init").code == 0
    run.db = db  # type: ignore[attr-defined]
    return run


def test_staging_moved_earlier_needs_a_reason_and_says_so(cli_inproc, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run = runner(cli_inproc, tmp_path)
    assert run("2026-03-05T16:00:00+01:00", "staging-stable-since", "2026-03-05T15:00").code == 0
    before = events_in(run.db)
    # the case: 23 hours earlier, which would turn the gate green at once
    moved = run(DAY.format("08:00"), "staging-stable-since", "2026-03-04T16:00")
    one_line_error(moved)
    assert "23 h vor dem erfassten 05.03. 15:00 CET" in moved.err and "--reason" in moved.err
    assert events_in(run.db) == before
    board = json.loads(run(DAY.format("08:01"), "status", "--json").out)
    gate = next(i for i in board["items"] if i["id"] == "gate.staging-stable")
    assert gate["state"] == "open"  # still waiting for its 24 h
    assert run(DAY.format("08:02"), "staging-stable-since", "2026-03-04T16:00", "--reason",
               "Monitoring: stabil seit gestern 16 Uhr").code == 0
    board = json.loads(run(DAY.format("08:03"), "status", "--json").out)
    said = ("„stabil seit“ vorverlegt auf 04.03. 16:00 CET (zuvor 05.03. 15:00 CET) von rm: "
            "Monitoring: stabil seit gestern 16 Uhr")
    assert said in board["warnings"]
    out = tmp_path / "out"
    out.mkdir()
    doc = json.loads(Path(run(DAY.format("08:04"), "export", "--out", str(out), "--format",
                              "json").out.strip()).read_text())
    assert doc["timeline"][2]["text"] == (
        "Staging stabil seit 2026-03-04 16:00:00+01:00 – vorverlegt, zuvor 2026-03-05 "
        "15:00:00+01:00; Grund: Monitoring: stabil seit gestern 16 Uhr")
    # later than recorded needs no reason and clears the mark
    assert run(DAY.format("08:05"), "staging-stable-since", "2026-03-05T10:00").code == 0
    board = json.loads(run(DAY.format("08:06"), "status", "--json").out)
    assert not any("vorverlegt" in w for w in board["warnings"])


async def test_the_staging_dialog_asks_for_a_reason_when_earlier(store: Store) -> None:
    store.apply(StagingStableSince(pendulum.instance(store.clock.now()).subtract(hours=2)), "rm")
    store.clock = FixedClock(pendulum.instance(store.clock.now()).add(hours=1))
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("s")
        await pilot.pause()
        field(app, "since").value = "2026-03-04 08:00"
        await pilot.pause()
        preview = str(app.screen.query_one("#dialog-preview").render())
        assert "Früher als erfasst (05.03. 08:00 CET): bitte einen Grund angeben." in preview
        await pilot.press("enter", "enter")  # to the reason, then submit it empty
        await pilot.pause()
        assert isinstance(app.screen, FormDialog) and store.event_count() == count
        field(app, "reason").value = "Monitoring zeigt es"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        last = list(store.events(count + 1))
        assert [(e.kind, e.payload.get("reason")) for e in last] == [
            ("staging", "Monitoring zeigt es")]
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ListScreen)
        assert "vorverlegt auf 04.03. 08:00 CET (zuvor 05.03. 08:00 CET)" in listed(app.screen)


async def test_b_marks_a_late_approval(store: Store) -> None:
    from golive.data.changes.commands import Approve

    # go-live day, past the deadline
    store.clock = FixedClock(pendulum.instance(store.clock.now()).add(days=1))
    store.apply(Approve("approval.security", "Sina Koch"), "rm")
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ListScreen)
        assert ("Security: freigegeben von Sina Koch am 06.03. 10:00 CET, nach der "
                "Freigabe-Deadline 2026-03-05") in listed(app.screen)


def test_approvals_after_the_deadline_are_marked_late_everywhere(cli_inproc, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run = runner(cli_inproc, tmp_path)
    assert run("2026-03-05T23:59:00+01:00", "approve", "approval.business", "--by",
               "Birgit Brandt").code == 0  # on the deadline day: in time
    assert run(DAY.format("08:10"), "approve", "approval.security", "--by", "Sina Koch").code == 0
    board = json.loads(run(DAY.format("08:20"), "status", "--json").out)
    assert board["deadline_missed"] is True
    assert board["late_approvals"] == [
        {"id": "approval.security", "by": "Sina Koch", "at": "2026-03-06T08:10:00+01:00"}]
    late = {i["id"]: i["late"] for i in board["items"] if i["section"] == "signoff"}
    assert late["approval.security"] and not late["approval.business"]
    status = run(DAY.format("08:20"), "status").out
    assert "Sina Koch, 06.03. 08:10 CET · getippt [nach der Deadline]" in status
    doc = run(DAY.format("08:20"), "approval-doc").out
    assert ("⚠ Security: freigegeben von Sina Koch am 2026-03-06 08:10:00+01:00, nach der "
            "Deadline 2026-03-05") in doc
    assert "Birgit" not in doc.split("⚠", 1)[1]  # only who was late
    out = tmp_path / "out"
    out.mkdir()
    doc = json.loads(Path(run(DAY.format("08:21"), "export", "--out", str(out), "--format",
                              "json").out.strip()).read_text())
    assert [r["text"] for r in doc["timeline"][1:3]] == [
        "Business: freigegeben von Birgit Brandt",
        "Security: freigegeben von Sina Koch (nach der Freigabe-Deadline 2026-03-05)"]
