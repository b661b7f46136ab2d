"""The go-live's phase on every surface and in the exit code of `status` (issue 20): a
scripted day with a rollback ends non-zero and "zurückgerollt" everywhere, a successful
one "erfolgreich", and on a superseded GO nothing moves on but a new decision or a
rollback. Exit codes are read from real `golive` processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golive.data.rules.phase import PHASES, golive_phase

from support.cli import one_line_error
from support.records import events_in


def surfaces(run, when: str, out: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Everything golive says about the board, as a user or a script reads it."""
    out.mkdir(exist_ok=True)
    said = {
        "status": run(when, "status").out,
        "json": run(when, "status", "--json").out,
        "approval-doc": run(when, "approval-doc").out,
        "announce": run(when, "announce").out,
    }
    for fmt in ("md", "json"):
        path = Path(run(when, "export", "--out", str(out), "--format", fmt).out.strip())
        said[f"export.{fmt}"] = path.read_text("utf-8")
    return said


# these days run on rehearsal files: where a real file's status exits 0 (a GO that stands,
# on track), a rehearsal's exits 3, so no script takes a rehearsal for the real go-live
REHEARSAL_OK = 3


def status_code(cli, run, when: str) -> int:  # type: ignore[no-untyped-def]
    """`golive status` in a process of its own, as a deploy script gates on it."""
    return int(cli("status", "--db", str(run.db), f"--now=2026-03-06T{when}:00+01:00").code)


def test_a_day_with_a_rollback_ends_rolled_back_everywhere_and_non_zero(
        ready, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert status_code(cli, ready, "09:55") == REHEARSAL_OK  # GO stands
    assert ready("10:01", "deploy", "started", actor="deploy.sh").code == 0
    assert status_code(cli, ready, "10:02") == REHEARSAL_OK
    assert ready("10:19", "deploy", "finished", actor="deploy.sh").code == 0
    assert ready("10:40", "rollback", "--by", "Carla Roth", "--reason", "5xx").code == 0
    assert status_code(cli, ready, "10:41") == 5
    running = surfaces(ready, "10:41", tmp_path / "a")
    for name, said in running.items():
        assert "Rollback läuft" in said and "GO-READY" not in said, name
    assert ready("11:05", "rollback", "finished", actor="deploy.sh").code == 0
    assert status_code(cli, ready, "11:06") == 5
    done = surfaces(ready, "11:06", tmp_path / "b")
    for name, said in done.items():
        assert "zurückgerollt" in said and "GO-READY" not in said, name
    board = json.loads(done["json"])
    assert (board["phase"], board["phase_label"], board["verdict"]) == (
        "rolled-back", "zurückgerollt", "zurückgerollt")
    assert done["status"].splitlines()[2] == "zurückgerollt"  # after PROBE and the head
    assert "Phase: zurückgerollt" in done["approval-doc"]
    assert "- **Urteil:** zurückgerollt\n" in done["export.md"]
    assert json.loads(done["export.json"])["summary"]["phase"] == "rolled-back"


def test_a_successful_day_ends_succeeded_everywhere_and_zero(
        ready, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for when, step in (("10:01", "started"), ("10:19", "finished"), ("10:30", "verified")):
        assert ready(when, "deploy", step).code == 0
    assert json.loads(ready("10:31", "status", "--json").out)["phase"] == "verified"
    assert ready("10:35", "outcome", "success").code == 0
    assert status_code(cli, ready, "10:36") == REHEARSAL_OK
    said = surfaces(ready, "10:36", tmp_path / "out")
    for name, text in said.items():
        assert "erfolgreich" in text and "GO-READY" not in text, name
    assert json.loads(said["json"])["phase"] == "succeeded"


def test_on_a_superseded_go_deploy_steps_and_success_are_refused(
        ready, cli) -> None:  # type: ignore[no-untyped-def]
    assert ready("10:01", "deploy", "started").code == 0
    assert ready("10:05", "revoke", "approval.security", "--reason", "Befund P1").code == 0
    assert status_code(cli, ready, "10:06") == 4
    before = events_in(ready.db)
    for args in (("deploy", "finished"), ("deploy", "verified"), ("outcome", "success")):
        one_line_error(ready("10:07", *args))
    finished = ready("10:07", "deploy", "finished")
    assert "„Deploy beendet“ abgelehnt: das GO ist überholt (Security zurückgezogen um " \
           "10:05)" in finished.err
    assert events_in(ready.db) == before
    update = ready("10:07", "announce").out
    assert "Entscheidung: GO durch Carla Roth (06.03. 09:50 CET) – überholt: Security " \
           "zurückgezogen um 10:05" in update
    assert "GO überholt: 2 Blocker" in update
    # a rollback is still possible, and then the phase is the rollback's
    assert ready("10:10", "rollback", "--by", "Carla Roth", "--reason", "Befund").code == 0
    assert status_code(cli, ready, "10:11") == 5


def test_success_on_a_go_superseded_after_verification_is_refused(
        ready, cli) -> None:  # type: ignore[no-untyped-def]
    for when, step in (("10:01", "started"), ("10:19", "finished"), ("10:30", "verified")):
        assert ready(when, "deploy", step).code == 0
    assert ready("10:31", "gate", "gate.monitoring", "red", "--note", "Alarme aus").code == 0
    assert json.loads(ready("10:32", "status", "--json").out)["phase"] == "superseded"
    before = events_in(ready.db)
    result = ready("10:33", "outcome", "success")
    one_line_error(result)
    assert "überholt" in result.err
    assert events_in(ready.db) == before


@pytest.mark.parametrize(("steps", "decision", "superseded", "phase"), [
    ((), None, False, "prepared"),
    ((), "no-go", False, "prepared"),
    ((), "go", False, "go"),
    (("started", "finished"), "go", False, "deploying"),
    (("started", "finished", "verified"), "go", False, "verified"),
    (("started", "finished", "verified", "success"), "go", False, "succeeded"),
    (("started", "success"), "go", True, "superseded"),
    (("started",), "no-go", False, "superseded"),  # a NO-GO after the deploy began
    (("started",), None, False, "superseded"),  # the GO corrected away
    (("started", "rollback"), "go", True, "rolling-back"),
    (("started", "rollback", "rollback-finished"), None, False, "rolled-back"),
])
def test_the_phase_of_each_state(steps: tuple[str, ...], decision: str | None,
                                 superseded: bool, phase: str) -> None:
    import pendulum

    from golive.data.rules.board import DecisionView, GoLiveStep, GoLiveView

    at = pendulum.datetime(2026, 3, 6, 10, tz="Europe/Berlin")
    d = None if decision is None else DecisionView(
        decision, "Ruth Decker", at, None, 1, "superseded" if superseded else "valid")
    g = GoLiveView(tuple(GoLiveStep(s, "rm", at, n) for n, s in enumerate(steps, 2)), "")
    assert golive_phase(d, g if steps or decision == "go" else None) == phase
    assert phase in PHASES
