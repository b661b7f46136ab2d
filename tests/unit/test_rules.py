"""The rules: which changes each state allows, what the derived items follow, what counts
as a placeholder contact, and when the verdict may be GO."""

from __future__ import annotations

import dataclasses
import datetime as _dt

import pytest

from golive.data.changes.commands import (
    Approve,
    Check,
    Decide,
    Note,
    Reject,
    Revoke,
    SetContact,
    SetGate,
    StagingStableSince,
)
from golive.data.log.fold import State
from golive.data.rules.board import GO_READY, NO_GO
from golive.data.rules.contacts import (
    PhoneError,
    looks_like_placeholder,
    mask_phone,
    normalise_phone,
    phone_is_valid,
)
from golive.data.rules.verdict import evaluate
from golive.data.time.clock import FixedClock
from golive.data.time.instants import later

from support.records import HAND_GATES, REAL_CONTACTS, apply, at, make_ready, refused
from support.scenarios import SIGNERS

ZONE = "Europe/Berlin"



# --- sign-offs ---------------------------------------------------------------------------


def test_approve_records_who_and_when(store):
    apply(store, Approve("approval.business", "Dana Weiß"), actor="rm")
    view = store.board().item("approval.business")
    assert (view.state, view.by) == ("approved", "Dana Weiß")
    assert view.at.isoformat() == "2026-03-05T10:00:00+01:00"


def test_signoff_life_cycle(store):
    """pending -> rejected -> revoked -> approved -> revoked -> approved again."""
    apply(store, Reject("approval.security", "Sec", "Pentest offen"))
    v = store.board().item("approval.security")
    assert (v.state, v.by, v.reason) == ("rejected", "Sec", "Pentest offen")
    apply(store, Revoke("approval.security", "Pentest erledigt"))
    assert store.board().item("approval.security").state == "revoked"
    apply(store, Approve("approval.security", "Sec"))
    apply(store, Revoke("approval.security", "Befund nachgereicht"))
    v = store.board().item("approval.security")
    assert (v.state, v.reason) == ("revoked", "Befund nachgereicht")
    assert "Security: Freigabe zurückgezogen (Befund nachgereicht)" in store.board().blocker_texts
    apply(store, Approve("approval.security", "Sec2"))
    v = store.board().item("approval.security")
    assert (v.state, v.by, v.reason) == ("approved", "Sec2", None)
    kinds = [e.kind for e in store.events()][1:]
    assert kinds == ["reject", "revoke", "approve", "revoke", "approve"]


def test_refused_signoff_transitions(store):
    refused(store, Revoke("approval.product", "weil"), "pending; only an approved")
    apply(store, Approve("approval.product", "Paula Peters"))
    refused(store, Approve("approval.product", "Paula Peters"), "already approved")
    refused(store, Reject("approval.product", "Paula Peters", "nein"), "revoke it")
    apply(store, Revoke("approval.product", "zurück"))
    refused(store, Revoke("approval.product", "nochmal"), "revoked; only an approved")
    apply(store, Reject("approval.product", "Paula Peters", "nein"))
    refused(store, Reject("approval.product", "Paula Peters", "nein"), "already rejected")


@pytest.mark.parametrize(("command", "match"), [
    (Approve("approval.nope", "Xaver Huber"), "unknown id 'approval.nope'"),
    (Approve("gate.monitoring", "Xaver Huber"), "belongs to “go/no-go gates”, not to “sign-offs”"),
    (Approve("contact.status-channel", "Xaver Huber"), "it is a contact"),
    (Approve("approval.sre", "  "), "must not be empty"),
    (Approve("approval.sre", "\x1b\x07"), "must not be empty"),
    (Approve("approval.sre", "Xaver Huber" * 2001), "at most 2000"),
    (Reject("approval.sre", "Xaver Huber", ""), "reason .* must not be empty"),
    (Revoke("approval.sre", " "), "reason .* must not be empty"),
    (SetGate("gate.monitoring", "purple"), "open, green or red"),
    (SetGate("approval.sre", "green"), "belongs to “sign-offs”, not to “go/no-go gates”"),
    (Check("gate.monitoring"), "belongs to “go/no-go gates”, not to “T-plan or communication”"),
    (Note(""), "note must not be empty"),
    (Note("n" * 2001), "2001 characters"),
    (Decide("maybe", "Xaver Huber"), "go or no-go"),
    (Decide("no-go", ""), "decider .* must not be empty"),
])
def test_bad_commands_are_refused(store, command, match):
    refused(store, command, match)


def test_text_at_the_limit_is_accepted(store):
    apply(store, Note("n" * 2000))
    assert len(list(store.events())[-1].payload["text"]) == 2000


def test_control_characters_are_stripped_from_user_text(store):
    apply(store, Approve("approval.sre", "Eve\x1b[31m\x07 Red"))
    assert store.board().item("approval.sre").by == "Eve[31m Red"


# --- gates and checks ----------------------------------------------------------------------


def test_gate_states_and_notes(store):
    apply(store, SetGate("gate.monitoring", "green"))
    assert store.board().item("gate.monitoring").state == "green"
    apply(store, SetGate("gate.monitoring", "red", "Alerting stumm"))
    v = store.board().item("gate.monitoring")
    assert (v.state, v.reason) == ("red", "Alerting stumm")
    assert "Gate „Monitoring aktiv“ rot: Alerting stumm" in store.board().blocker_texts
    refused(store, SetGate("gate.monitoring", "red", "Alerting stumm"), "already red")
    apply(store, SetGate("gate.monitoring", "red", "Alerting teilweise"))
    apply(store, SetGate("gate.monitoring", "open"))
    assert store.board().item("gate.monitoring").state == "open"
    refused(store, SetGate("gate.rc-frozen", "open"), "already open")


def test_check_done_and_undo(store):
    apply(store, Check("t-24h.on-call"))
    assert store.board().item("t-24h.on-call").state == "done"
    refused(store, Check("t-24h.on-call"), "already done")
    apply(store, Check("t-24h.on-call", undo=True))
    assert store.board().item("t-24h.on-call").state == "open"
    refused(store, Check("t-24h.on-call", undo=True), "not done")
    # the reopen names the tick it reopens (a correction of it restores that tick)
    assert [e.payload for e in store.events()][1:] == [{"done": True},
                                                      {"done": False, "reopens": 2}]


def test_comms_tasks_are_ticked_like_checks(store):
    apply(store, Check("comms.timeline"))
    board = store.board()
    assert board.item("comms.timeline").state == "done"
    assert not any("Go-Live-Timeline" in w for w in board.warnings)
    assert any("Support-Briefing" in w for w in board.warnings)


@pytest.mark.parametrize("item_id", ["t-24h.contacts", "comms.escalation-list",
                                     "t-24h.staging-stable"])
def test_derived_items_cannot_be_ticked(store, item_id):
    refused(store, Check(item_id), "cannot be ticked by hand")


def test_overdue_checks(plan):
    """An open check of a passed checkpoint is overdue once the next one is reached."""
    at_24 = evaluate(plan, State(), at("2026-03-05T10:00"))
    assert not at_24.item("t-24h.on-call").overdue
    at_1 = evaluate(plan, State(), at("2026-03-06T09:00"))
    assert at_1.item("t-24h.on-call").overdue
    assert not at_1.item("t-1h.status-call").overdue
    assert "T-24h überfällig: On-Call bestätigt?" in at_1.warnings


def test_approval_deadline(plan):
    """The deadline day 2026-03-05 is missed at midnight Berlin time if sign-offs lack."""
    assert not evaluate(plan, State(), at("2026-03-05T23:59:59")).deadline_missed
    board = evaluate(plan, State(), at("2026-03-06T00:00"))
    assert board.deadline_missed
    assert "Freigabe-Deadline 2026-03-05 verpasst: 6 Freigaben fehlen" in board.warnings


# --- staging stable: derived from "stable since" ------------------------------------------


def test_staging_gate_follows_stable_since(store):
    def gate():
        return store.board().item("gate.staging-stable")
    assert (gate().state, gate().detail) == ("open", "„stabil seit“ nicht erfasst")
    refused(store, SetGate("gate.staging-stable", "green"), "turns green by itself 24 h")
    apply(store, StagingStableSince(at("2026-03-04T11:00")))  # 23 h before the clock
    v = gate()
    assert v.state == "open" and v.derived
    assert v.detail == "stabil seit 04.03. 11:00 CET, noch 1 h"
    assert store.board().item("t-24h.staging-stable").state == "open"
    refused(store, SetGate("gate.staging-stable", "green"), "noch 1 h")
    store.clock = FixedClock(at("2026-03-05T10:59:00"))
    assert gate().detail.endswith("noch 1 min")
    store.clock = FixedClock(at("2026-03-05T11:00:00"))
    v = gate()
    assert (v.state, v.by) == ("green", "tester")
    # green since the hold ended, not since its start was typed (05.03. 10:00)
    assert v.at == at("2026-03-05T11:00")
    assert v.detail == "stabil seit 04.03. 11:00 CET (24 h erreicht)"
    assert store.board().item("t-24h.staging-stable").state == "done"
    assert not any("Staging" in b for b in store.board().blocker_texts)


def test_staging_gate_red_overrides_and_future_since_is_refused(store):
    apply(store, StagingStableSince(at("2026-03-03T10:00")))
    assert store.board().item("gate.staging-stable").state == "green"
    apply(store, SetGate("gate.staging-stable", "red", "Crashloop"))
    v = store.board().item("gate.staging-stable")
    assert (v.state, v.reason) == ("red", "Crashloop")
    apply(store, SetGate("gate.staging-stable", "open"))
    assert store.board().item("gate.staging-stable").state == "green"
    count = store.event_count()
    # green by itself: a hand-set green (or another open) would be an event that changes
    # nothing on the board
    refused(store, SetGate("gate.staging-stable", "green"), "green already, by itself")
    refused(store, SetGate("gate.staging-stable", "open"), "already")
    assert store.event_count() == count
    refused(store, StagingStableSince(at("2026-03-05T12:00")), "2 h in the future")


def test_staging_hours_count_real_time_across_dst(plan):
    """24 h of stability across the spring change end at 11:00 CEST, not 10:00."""
    state = State(staging={"since": "2026-03-28T09:00:00.000000Z", "by": "x",
                           "at": "2026-03-28T09:00:00.000000Z", "seq": 2})
    assert evaluate(plan, state, at("2026-03-29T10:59:59")).item(
        "gate.staging-stable").state == "open"
    assert evaluate(plan, state, at("2026-03-29T11:00")).item(
        "gate.staging-stable").state == "green"


# --- contacts ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "", "   ", "[Primär-On-Call]", "[primär-on-call]", "[jemand]", "<Name>", "{tbd}", "TBD",
    "tbd", "TODO", "N/A", "n/a", "na", "?", "???", "---", "…", "TBD: Anna", "todo later",
    "Platzhalter", "unbekannt", "XXX",
])
def test_placeholder_values(value):
    assert looks_like_placeholder(value, "[Primär-On-Call]")


@pytest.mark.parametrize("value", ["Anna Berg", "Todorov", "Nadja", "#lifetimecircle-status",
                                   "ops-bridge (Teams)", "Dr. X. Müller"])
def test_real_values(value):
    assert not looks_like_placeholder(value, "[Primär-On-Call]")


@pytest.mark.parametrize(("raw", "e164"), [
    ("030 2938475", "+49302938475"),
    ("030-29 38 47 5", "+49302938475"),
    ("+49 170 2938475", "+491702938475"),
    ("0171 2938475", "+491712938475"),
    ("0049 89 29384756", "+498929384756"),
    ("+44 20 7183 8750", "+442071838750"),
])
def test_valid_phone_numbers_become_e164(raw, e164):
    assert normalise_phone(raw) == e164
    assert phone_is_valid(e164)


@pytest.mark.parametrize("raw", ["", "12", "110", "0000", "+49 123", "abc", "[Nummer]"])
def test_invalid_phone_numbers(raw):
    with pytest.raises(PhoneError):
        normalise_phone(raw)
    assert not phone_is_valid(raw)


def test_mask_phone():
    assert mask_phone("+491702938475") == "+49" + "•" * 8 + "75"


def test_fresh_contacts_are_the_plans_placeholders(store, plan):
    board = store.board()
    assert [c.value for c in board.contacts] == [c.placeholder for c in plan.contacts]
    assert all(c.placeholder for c in board.contacts)
    assert board.placeholders == 5
    for c in plan.contacts:
        assert f"Platzhalter {c.placeholder} nicht ersetzt ({c.label})" in board.blocker_texts


def test_contact_commands(store):
    apply(store, SetContact("contact.primary-on-call", name="Anna Berg", phone="030 2938475"))
    c = store.board().contacts[2]
    assert (c.name, c.phone, c.value, c.placeholder) == (
        "Anna Berg", "+49302938475", "Anna Berg, +49 30 2938475", False)
    refused(store, SetContact("contact.primary-on-call", name="Anna Berg", phone="0302938475"),
            r"Primär-On-Call already holds this value")
    refused(store, SetContact("contact.backup-on-call", name="Ben", phone="12"),
            "Backup-On-Call: not a valid phone number")
    refused(store, SetContact("contact.backup-on-call", name="Ben"), "phone .* must not be empty")
    refused(store, SetContact("contact.backup-on-call", name="", phone="030 2938475"),
            "name .* must not be empty")
    refused(store, SetContact("contact.backup-on-call", channel="#x"), "is a person")
    refused(store, SetContact("contact.status-channel", name="A", phone="030 2938475"),
            "is a channel")
    refused(store, SetContact("contact.status-channel", channel=" "), "must not be empty")
    refused(store, SetContact("contact.nope", channel="#x"), "unknown contact id")


def test_placeholder_like_values_still_block(store):
    """A value that was typed but is no real contact stays a blocker, with the reason."""
    apply(store,
          SetContact("contact.status-channel", channel="TBD"),
          SetContact("contact.incident-channel", channel="[Incident-Kanal]"),
          SetContact("contact.primary-on-call", name="<wer?>", phone="030 2938475"),
          SetContact("contact.backup-on-call", name="N/A", phone="030 2938475"))
    board = store.board()
    assert [c.placeholder for c in board.contacts] == [True] * 5
    backup = board.contacts[3]
    assert backup.problem == "Name ist ein Platzhalter"
    assert "Backup-On-Call: Name ist ein Platzhalter" in board.blocker_texts


def test_stored_invalid_phone_is_a_placeholder(plan):
    """A number that no longer validates (say, a plan moved to stricter rules) blocks."""
    state = State(contacts={"contact.primary-on-call": {
        "name": "Anna", "phone": "+49 123", "channel": None, "by": "x",
        "at": "2026-03-05T09:00:00.000000Z", "seq": 2}})
    c = evaluate(plan, state, plan.t0).contacts[2]
    assert c.placeholder and c.problem == "keine gültige Rufnummer"
    assert "Primär-On-Call: keine gültige Rufnummer" in evaluate(plan, state, plan.t0).blocker_texts


def test_contacts_complete_follows_the_contacts(store):
    """comms.escalation-list and t-24h.contacts turn done with the last real contact."""
    def states():
        b = store.board()
        return b.item("comms.escalation-list"), b.item("t-24h.contacts")
    for view in states():
        assert (view.state, view.detail, view.derived) == ("open", "5 Platzhalter offen", True)
    apply(store, *REAL_CONTACTS[:4])
    assert [v.detail for v in states()] == ["1 Platzhalter offen"] * 2
    apply(store, REAL_CONTACTS[4])
    for view in states():
        assert (view.state, view.detail) == ("done", "alle Kontakte echt")
    apply(store, SetContact("contact.status-channel", channel="TODO"))
    assert [v.state for v in states()] == ["open", "open"]


# --- readiness and the decision -----------------------------------------------------------


def test_fresh_board_blockers(store):
    board = store.board()
    assert board.verdict == NO_GO
    assert len(board.blocker_texts) == 6 + 6 + 5
    assert board.blocker_texts[0] == "Business: Freigabe ausstehend"
    assert "Support: nicht informiert" in board.blocker_texts
    assert "Gate „zentrale Gates grün“ offen" in board.blocker_texts


def test_go_refused_while_blockers_remain(store, plan):
    apply(store, *REAL_CONTACTS)
    # the two gates that name contacts turned green with them
    refused(store, Decide("go", "Dana"), r"GO refused: 10 blockers remain: "
                                         r"Business: Freigabe ausstehend \(\+9 more\)")
    apply(store, *(Approve(s.id, SIGNERS[s.id]) for s in plan.signoffs))
    apply(store, *(SetGate(g, "green") for g in HAND_GATES))
    refused(store, Decide("go", "Dana"), r"1 blocker remains: Gate „Staging")
    apply(store, StagingStableSince(later(store.clock.now(), hours=-24)))
    board = store.board()
    assert (board.verdict, board.blocker_texts) == (GO_READY, ())
    apply(store, Decide("GO", "Dana", "alles grün"))
    d = store.board().decision
    assert (d.decision, d.by, d.reason) == ("go", "Dana", "alles grün")
    assert d.at == store.clock.now()


def test_revoked_signoff_blocks_go_again(store, plan):
    make_ready(store, plan)
    apply(store, Revoke("approval.sre", "Kapazität unklar"))
    assert store.board().verdict == NO_GO
    refused(store, Decide("go", "Dana"), "SRE: Freigabe zurückgezogen")


def test_no_go_is_always_possible(store, plan):
    apply(store, Decide("no-go", "Dana", "Platzhalter offen"))
    d = store.board().decision
    assert (d.decision, d.reason, d.seq) == ("no-go", "Platzhalter offen", 2)
    make_ready(store, plan)
    apply(store, Decide("go", "Dana"))
    apply(store, Decide("no-go", "Dana", "Rollback"))
    assert store.board().decision.decision == "no-go"


def test_english_words_keep_plan_labels(store):
    board = store.board()
    plan_en = dataclasses.replace(board.plan, language="en")
    state, _, _ = store.read()
    en = evaluate(plan_en, state, store.clock.now())
    assert en.blocker_texts[0] == "Business: sign-off pending"
    assert "Gate “zentrale Gates grün” open" in en.blocker_texts
    assert "placeholder [Status-Kanal] not replaced (Status-Kanal)" in en.blocker_texts


def test_summary_line(store, plan):
    apply(store, Approve("approval.business", "Dana"), SetGate("gate.monitoring", "green"))
    assert store.board().summary_line() == (
        "LifeTimeCircle rc-2026-03-01 T-1d 00:00:00 · Freigaben 1/6 · Gates 1/6 · "
        "Platzhalter 5 · NO-GO (15)")


def test_board_is_immutable(store):
    board = store.board()
    with pytest.raises(dataclasses.FrozenInstanceError):
        board.blockers = ()
    assert isinstance(board.now, _dt.datetime) and str(board.now.tzinfo) == ZONE
