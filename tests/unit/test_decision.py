"""The decision's lifecycle and the go-live after it: a GO overtaken by a returning blocker,
deploy → verified → success, a rollback decided by the rollback decider, and corrections
of every kind of event. Real SQLite files; the stored state is checked against the fold."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

from golive.data.changes.commands import (
    Approve,
    Check,
    Correct,
    Decide,
    Note,
    Reject,
    Revoke,
    SetContact,
    SetGate,
    StagingStableSince,
)
from golive.data.changes.golive_commands import Deploy, Outcome, Rollback
from golive.data.changes.refused import Refused
from golive.data.log.store import Store
from golive.data.log.verify import verify_log
from golive.data.plan.source import load_default_plan
from golive.data.rules.board import GO_READY
from golive.data.time.clock import FixedClock

from support.scenarios import SIGNERS

ZONE = "Europe/Berlin"
HAND_GATES = ("gate.rc-frozen", "gate.central-gates", "gate.monitoring",
              "gate.rollback-owner", "gate.channels")
CONTACTS = (
    SetContact("contact.status-channel", channel="#ltc-status"),
    SetContact("contact.incident-channel", channel="#ltc-incident"),
    SetContact("contact.primary-on-call", name="Olaf Berg", phone="+49 170 2938475"),
    SetContact("contact.backup-on-call", name="Bea Winter", phone="+49 171 7364529"),
    SetContact("contact.rollback-decider", name="Ruth Decker", phone="+49 30 22334455"),
)


class Day:
    """A golive file on the default plan and a clock set per step."""

    def __init__(self, path: Path) -> None:
        self.clock = FixedClock(pendulum.datetime(2026, 3, 5, 8, 0, tz=ZONE))
        self.store = Store.create(path, load_default_plan(), self.clock, "rm")

    def at(self, hhmm: str, command: object, actor: str = "rm") -> int:
        """Apply at 06.03. hh:mm (or 05.03. for times given as 'd1 hh:mm')."""
        day, _, clock = hhmm.rpartition(" ")
        h, m = map(int, clock.split(":"))
        self.clock.instant = pendulum.datetime(2026, 3, 5 if day else 6, h, m, tz=ZONE)
        return self.store.apply(command, actor).seq  # type: ignore[arg-type]

    def refused(self, command: object, match: str) -> None:
        """Refused, in the words a user of the plan's language reads; nothing written."""
        before = (self.store.event_count(), self.store.head())
        with pytest.raises(Refused) as info:
            self.store.apply(command, "rm")  # type: ignore[arg-type]
        said = info.value.text(self.store.plan.language)
        assert re.search(match, said), said
        assert (self.store.event_count(), self.store.head()) == before

    def ready(self) -> None:
        plan = self.store.plan
        since = pendulum.instance(self.clock.instant).subtract(hours=2)
        self.at("d1 08:00", StagingStableSince(since))
        for c in CONTACTS:
            self.at("d1 09:00", c)
        for s in plan.signoffs:
            self.at("d1 10:00", Approve(s.id, SIGNERS[s.id]))
        for g in HAND_GATES:
            self.at("09:00", SetGate(g, "green"))

    def board(self):
        return self.store.board()

    def consistent(self) -> None:
        """The materialised state is the fold, and the chain holds."""
        report = verify_log(self.store.conn)
        assert report.ok, report.problems


@pytest.fixture
def day(tmp_path: Path) -> Iterator[Day]:
    d = Day(tmp_path / "day.sqlite")
    yield d
    d.consistent()
    d.store.close()


@pytest.fixture
def go(day: Day) -> Day:
    day.ready()
    assert day.board().verdict == GO_READY
    day.at("09:50", Decide("go", "Ruth Decker", "alle Gates grün"))
    return day


# --- a GO that is overtaken ------------------------------------------------------------


def test_go_stands_while_ready(go: Day) -> None:
    board = go.board()
    assert (board.verdict, board.decision.state, board.decision.superseded_by) == (
        "GO", "valid", None)
    assert board.golive is not None and board.phase == "go"


def test_revoke_after_go_supersedes_it_and_says_why(go: Day) -> None:
    go.at("09:58", Revoke("approval.security", "Pen-Test-Befund"))
    board = go.board()
    assert (board.verdict, board.phase) == ("GO überholt", "superseded")
    assert board.decision.state == "superseded"
    assert board.blocker_texts[0] == ("GO von Ruth Decker um 09:50 ist überholt: Security "
                                 "zurückgezogen um 09:58")
    assert "Security: Freigabe zurückgezogen (Pen-Test-Befund)" in board.blocker_texts


def test_superseded_stays_until_a_new_decision_and_history_keeps_both(go: Day) -> None:
    go.at("09:58", Revoke("approval.security", "Pen-Test-Befund"))
    go.at("10:05", Approve("approval.security", "Sina"))
    board = go.board()
    assert board.decision.state == "superseded"  # put right, but the GO was taken before
    assert board.blocker_texts == (
        "GO von Ruth Decker um 09:50 ist überholt: Security zurückgezogen um 09:58",)
    go.refused(Deploy("started"), "Das GO ist überholt")
    seq = go.at("10:07", Decide("go", "Ruth Decker", "Befund behoben"))
    board = go.board()
    assert (board.verdict, board.decision.state, board.decision.seq) == ("GO", "valid", seq)
    decides = [e for e in go.store.events() if e.kind == "decide"]
    assert [e.payload["reason"] for e in decides] == ["alle Gates grün", "Befund behoben"]


def test_a_correction_of_what_the_go_stood_on_supersedes_it_until_a_new_decision(
        go: Day) -> None:
    """Correcting an approval given before the GO takes back what the GO stood on, as a
    withdrawn sign-off does: the GO stays overtaken when the sign-off is given again (it
    came back to life, valid, the moment the blocker was gone)."""
    approval = next(e.seq for e in go.store.events()
                    if e.kind == "approve" and e.target == "approval.product")
    go.at("09:58", Correct(approval, "falscher Name"))
    board = go.board()
    assert board.decision.state == "superseded"
    go.at("10:05", Approve("approval.product", "Paul Roth"))
    board = go.board()
    assert board.decision.state == "superseded"
    assert board.blocker_texts == (
        f"GO von Ruth Decker um 09:50 ist überholt: Produkt: Eintrag {approval} korrigiert "
        "um 09:58",)
    go.refused(Deploy("started"), "Das GO ist überholt")
    go.at("10:07", Decide("go", "Ruth Decker", "Freigabe neu erteilt"))
    assert go.board().decision.state == "valid"


def test_a_correction_of_an_entry_after_the_go_does_not_supersede_it(go: Day) -> None:
    """A note or a tick after the GO corrected changes nothing the GO stood on."""
    seq = go.at("09:55", Check("t-1h.status-call"))
    go.at("09:56", Correct(seq, "zu früh abgehakt"))
    assert go.board().decision.state == "valid"


def test_red_gate_and_placeholder_contact_supersede(go: Day) -> None:
    go.at("09:55", SetGate("gate.monitoring", "red", "Alerts fehlen"))
    assert go.board().blocker_texts[0].endswith(
        "überholt: Gate „Monitoring aktiv“ rot um 09:55")
    go.at("09:56", SetGate("gate.monitoring", "green"))
    go.at("09:57", SetContact("contact.backup-on-call", name="Bea Sommer",
                              phone="+49 171 7364529"))  # a real change overtakes nothing
    assert go.board().blocker_texts[0].endswith("Gate „Monitoring aktiv“ rot um 09:55")


def test_placeholder_contact_supersedes_in_english(go: Day, tmp_path: Path) -> None:
    import dataclasses

    go.at("09:57", SetContact("contact.status-channel", channel="#tbd"))
    go.store.plan = dataclasses.replace(go.store.plan, language="en")
    assert go.board().blocker_texts[0] == ("GO by Ruth Decker at 09:50 is superseded: "
                                      "Status-Kanal is a placeholder since 09:57")


def test_no_go_is_never_superseded(day: Day) -> None:
    day.at("09:00", Decide("no-go", "Ruth Decker", "Platzhalter"))
    assert day.board().decision.state == "valid"
    assert day.board().golive is None


# --- the go-live after GO -------------------------------------------------------------


def test_deploy_to_success(go: Day) -> None:
    go.refused(Deploy("finished"), "„Deploy beendet“ geht erst nach „Deploy gestartet“ "
                                  r"\(golive deploy started\)")
    go.refused(Outcome("success"), "erst nach „Smoke-Tests grün“")
    go.refused(Rollback("Ruth Decker", "zu früh"), "„Rollback“ geht erst nach „Deploy gestartet“")
    assert go.board().item("t-0.deploy").state == "open"
    go.refused(Check("t-0.deploy"), "folgt aus „golive deploy started“; von Hand abhaken")
    go.at("10:01", Deploy("started"), actor="deploy.sh")
    view = go.board().item("t-0.deploy")
    assert (view.state, view.by, view.derived) == ("done", "deploy.sh", True)
    assert go.board().phase == "deploying"
    go.refused(Deploy("started"), r"„Deploy gestartet“ ist schon erfasst: 06.03. 10:01:00 CET "
                                 r"\(Nr. \d+\)")
    go.refused(Deploy("verified"), "erst nach „Deploy beendet“")
    go.at("10:19", Deploy("finished"))
    go.at("10:30", Deploy("verified"))
    go.at("10:35", Outcome("success"))
    board = go.board()
    assert board.phase == "succeeded"
    assert [s.step for s in board.golive.steps] == ["started", "finished", "verified",
                                                    "success"]
    assert board.golive.verification == "Smoke-Tests grün"
    go.refused(Outcome("success"), "„Go-Live erfolgreich“ ist schon erfasst")


def test_refusals_speak_the_plans_language(go: Day) -> None:
    import dataclasses

    go.store.plan = dataclasses.replace(go.store.plan, language="en")
    go.refused(Deploy("finished"), r"“deploy finished” needs “deploy started” first "
                                   r"\(golive deploy started\)")
    go.refused(Correct(999, "x"), "there is no event 999")


def test_deploy_needs_a_go(day: Day) -> None:
    day.refused(Deploy("started"), "Ohne GO-Entscheidung startet kein Deploy")
    day.refused(Deploy("sideways"), "Deploy-Schritt ist started, finished oder verified")
    day.refused(Outcome("failure"), "Ergebnis ist success")


def test_rollback_by_the_decider_then_finished(go: Day) -> None:
    go.at("10:01", Deploy("started"))
    go.at("10:19", Deploy("finished"))
    go.refused(Rollback(None, "Fehler"), r"Rollback-Entscheider \(--by\) darf nicht leer sein")
    go.refused(Rollback("Ruth Decker", " "), r"Grund \(--reason\) darf nicht leer sein")
    go.refused(Rollback(finished=True), "Kein Rollback entschieden")
    go.at("10:40", Rollback("Ruth Decker", "Checkout-Fehler 5xx"))
    board = go.board()
    rollback = board.golive.step("rollback")
    assert (board.phase, rollback.by, rollback.reason, rollback.by_decider) == (
        "rolling-back", "Ruth Decker", "Checkout-Fehler 5xx", True)
    go.refused(Deploy("verified"), "Ein Rollback ist entschieden; „Smoke-Tests grün“")
    go.refused(Outcome("success"), "Ein Rollback ist entschieden")
    go.refused(Rollback("Ruth Decker", "noch mal"), "„Rollback“ ist schon erfasst")
    go.refused(Rollback("Xaver Huber", "y", finished=True), "nimmt kein --by und kein --reason")
    go.at("11:05", Rollback(finished=True))
    assert go.board().phase == "rolled-back"
    go.refused(Rollback(finished=True), "„Rollback abgeschlossen“ ist schon erfasst")


def test_rollback_by_someone_else_is_shown_as_such(go: Day) -> None:
    from golive.data.outputs.describe import describe

    go.at("10:01", Deploy("started"))
    seq = go.at("10:10", Rollback("Olaf Berg", "Datenbank voll"))
    step = go.board().golive.step("rollback")
    assert (step.by_decider, step.decider) == (False, "Ruth Decker")
    event = next(e for e in go.store.events() if e.seq == seq)
    assert describe(event, go.store.plan, mask_phones=True) == (
        "Rollback entschieden von Olaf Berg (nicht der benannte Rollback-Entscheider Ruth "
        "Decker): Datenbank voll")


def test_no_go_after_deploy_started_warns(go: Day) -> None:
    go.at("10:01", Deploy("started"))
    go.at("10:03", Decide("no-go", "Ruth Decker", "abbrechen"))
    assert go.board().warnings[0] == "Deploy gestartet, aber die Entscheidung ist nicht GO"


def test_a_new_go_starts_a_new_go_live(go: Day) -> None:
    go.at("10:01", Deploy("started"))
    go.at("10:05", Rollback("Ruth Decker", "Fehler"))
    go.at("10:30", Rollback(finished=True))
    go.at("11:00", Decide("go", "Ruth Decker", "zweiter Versuch"))
    board = go.board()
    assert (board.phase, board.golive.steps) == ("go", ())
    assert board.item("t-0.deploy").state == "open"


# --- corrections -------------------------------------------------------------------------


def test_correcting_an_approval_unapproves_it_as_an_error(day: Day) -> None:
    seq = day.at("09:00", Approve("approval.security", "Falsche Person"))
    day.at("09:05", Correct(seq, "nicht Security, sondern Product"))
    view = day.board().item("approval.security")
    assert (view.state, view.reason) == ("pending", f"Nr. {seq} korrigiert: nicht Security, "
                                                    "sondern Product")
    assert f"Security: Freigabe ausstehend (Nr. {seq} korrigiert: nicht Security, sondern " \
           "Product)" in day.board().blocker_texts
    assert [e.kind for e in day.store.events()][-2:] == ["approve", "correct"]


@pytest.mark.parametrize(("make", "target", "expect"), [
    (lambda: Reject("approval.sre", "Sven", "Tippfehler"), "approval.sre", "pending"),
    (lambda: SetGate("gate.monitoring", "red", "falsch"), "gate.monitoring", "open"),
    (lambda: SetGate("gate.rc-frozen", "green"), "gate.rc-frozen", "open"),
    (lambda: Check("t-24h.on-call"), "t-24h.on-call", "open"),
])
def test_correcting_an_item_event_never_leaves_it_greener(day: Day, make, target, expect
                                                          ) -> None:
    seq = day.at("09:00", make())
    day.at("09:01", Correct(seq, "Irrtum"))
    assert day.board().item(target).state == expect


def test_correcting_a_revoke_keeps_the_signoff_pending(day: Day) -> None:
    day.at("09:00", Approve("approval.sre", "Sven"))
    seq = day.at("09:01", Revoke("approval.sre", "falsche Zeile"))
    day.at("09:02", Correct(seq, "gehörte zu DevOps"))
    assert day.board().item("approval.sre").state == "pending"


def test_correcting_a_contact_staging_decision_and_note(day: Day) -> None:
    contact = day.at("09:00", SetContact("contact.primary-on-call", name="Olaf Brg",
                                         phone="+49 170 2938475"))
    since = pendulum.instance(day.clock.instant).subtract(hours=30)
    staging = day.at("09:01", StagingStableSince(since))
    decision = day.at("09:02", Decide("no-go", "Ruth Decker"))
    note = day.at("09:03", Note("falscher Kanal"))
    for seq in (contact, staging, decision, note):
        day.at("09:10", Correct(seq, "Tippfehler"))
    board = day.board()
    assert board.contacts[2].placeholder and board.contacts[2].value == "[Primär-On-Call]"
    assert board.staging_since is None and board.decision is None
    assert board.item("gate.staging-stable").state == "open"


def test_correcting_a_success(go: Day) -> None:
    for minute, step in ((1, "started"), (19, "finished"), (30, "verified")):
        go.at(f"10:{minute:02d}", Deploy(step))
    success = go.at("10:35", Outcome("success"))
    go.at("10:36", Correct(success, "zu früh gemeldet"))
    assert go.board().phase == "verified"
    go.at("10:50", Outcome("success"))  # recordable again once the first is corrected
    assert go.board().phase == "succeeded"


def test_correcting_go_live_steps(go: Day) -> None:
    started = go.at("10:01", Deploy("started"))
    rollback = go.at("10:05", Rollback("Ruth Decker", "falscher Alarm"))
    go.at("10:06", Correct(rollback, "Alarm war Staging"))
    assert go.board().phase == "deploying"
    go.at("10:07", Correct(started, "Pipeline war Staging"))
    assert go.board().phase == "go"
    assert go.board().item("t-0.deploy").state == "open"


def test_correcting_the_revoke_that_overtook_a_go_restores_it(go: Day) -> None:
    revoke = go.at("09:58", Revoke("approval.security", "falsches Ticket"))
    assert go.board().decision.state == "superseded"
    go.at("09:59", Correct(revoke, "Ticket gehörte zu einem anderen Release"))
    board = go.board()
    # the sign-off is pending again (never greener), so the GO is still overtaken by that
    assert board.item("approval.security").state == "pending"
    assert board.decision.state == "superseded"
    assert "überholt: Security: Freigabe ausstehend" in board.blocker_texts[0]


def test_corrections_refused(day: Day) -> None:
    seq = day.at("09:00", Note("x"))
    day.refused(Correct(99, "weg"), "Es gibt kein Ereignis Nr. 99")
    day.refused(Correct(1, "weg"), "Ereignis Nr. 1 enthält den Plan")
    day.refused(Correct(seq, " "), r"Grund \(--reason\) darf nicht leer sein")
    fix = day.at("09:01", Correct(seq, "doppelt"))
    day.refused(Correct(seq, "nochmal"), f"schon durch Nr. {fix} korrigiert")
    day.refused(Correct(fix, "zurück"), "ist eine Korrektur")


def test_new_events_in_words_in_both_languages(go: Day) -> None:
    import dataclasses

    from golive.data.outputs.describe import describe

    go.at("10:01", Deploy("started"))
    go.at("10:19", Deploy("finished"))
    go.at("10:30", Deploy("verified"))
    rollback = go.at("10:40", Rollback("Ruth Decker", "5xx"))
    go.at("10:41", Correct(rollback, "Fehlalarm"))
    go.at("10:42", Rollback("Ruth Decker", "5xx echt"))
    go.at("11:00", Rollback(finished=True))
    english = dataclasses.replace(go.store.plan, language="en")
    tail = [e for e in go.store.events()][-7:]
    assert [describe(e, go.store.plan, mask_phones=True) for e in tail] == [
        "Deploy gestartet", "Deploy beendet", "Smoke-Tests grün",
        "Rollback entschieden von Ruth Decker (Rollback-Entscheider): 5xx",
        f"Korrektur von Nr. {rollback} (Go-Live): Fehlalarm",
        "Rollback entschieden von Ruth Decker (Rollback-Entscheider): 5xx echt",
        "Rollback abgeschlossen"]
    assert [describe(e, english, mask_phones=True) for e in tail] == [
        "deploy started", "deploy finished", "smoke tests green",  # golive's default words
        "rollback decided by Ruth Decker (Rollback-Entscheider): 5xx",
        f"correction of no. {rollback} (Go-live): Fehlalarm",
        "rollback decided by Ruth Decker (Rollback-Entscheider): 5xx echt",
        "rollback finished"]


def test_the_board_as_it_was_keeps_the_go_standing_before_the_revoke(go: Day) -> None:
    go.at("09:58", Revoke("approval.security", "Befund"))
    before = go.store.board_at(pendulum.datetime(2026, 3, 6, 9, 55, tz=ZONE)).decision
    now = go.store.board().decision
    assert before is not None and now is not None
    assert (before.state, now.state) == ("valid", "superseded")


def test_an_overdue_hard_check_blocks_and_overtakes_a_go(tmp_path: Path) -> None:
    """The plan may mark a check hard: once overdue it is a blocker, not only a warning."""
    from golive.data.plan.source import default_plan_text, parse_plan

    text = default_plan_text().replace(
        '{ id = "t-1h.risks", label = "offene Risiken benennen" }',
        '{ id = "t-1h.risks", label = "offene Risiken benennen", hard = true }')
    plan = parse_plan(text, "hard.toml")
    risks = plan.item("t-1h.risks")
    assert risks is not None and risks.hard
    day = Day.__new__(Day)
    day.clock = FixedClock(pendulum.datetime(2026, 3, 5, 8, 0, tz=ZONE))
    day.store = Store.create(tmp_path / "hard.sqlite", plan, day.clock, "rm")
    try:
        day.ready()
        day.at("09:10", Check("t-1h.risks"))
        day.at("09:50", Decide("go", "Ruth Decker"))
        day.at("09:55", Check("t-1h.risks", undo=True))
        assert day.board().verdict == "GO"  # not overdue before T-0
        day.clock.instant = pendulum.datetime(2026, 3, 6, 10, 0, 1, tz=ZONE)
        board = day.board()
        assert "T-1h überfällig: offene Risiken benennen" in board.blocker_texts
        assert board.decision.state == "superseded"
        assert board.blocker_texts[0] == ("GO von Ruth Decker um 09:50 ist überholt: T-1h "
                                     "überfällig: offene Risiken benennen")
        day.consistent()
    finally:
        day.store.close()


def test_what_overtook_a_go_is_read_from_the_log_not_stored(go: Day) -> None:
    """Files written before GOs could be overtaken hold the same state table, so the
    causes are read from the log after the GO; a reopened file sees them too."""
    import json

    go.at("09:58", Revoke("approval.security", "Befund"))
    go.at("10:05", Approve("approval.security", "Sina"))
    (value,) = go.store.conn.execute("SELECT value FROM state WHERE key = 'decision'").fetchone()
    assert "challenges" not in json.loads(value)
    reopened = Store.open(go.store.path, go.clock)
    try:
        assert reopened.board().blocker_texts == (
            "GO von Ruth Decker um 09:50 ist überholt: Security zurückgezogen um 09:58",)
    finally:
        reopened.close()
