"""The one placeholder rule (data/contacts.py) and the gates that follow the contacts.

"Mit Platzhaltern ist kein belastbarer Go-Live möglich": these values were all accepted as
real once ("Status-Kanal", "#tbd", "N.N.", "NN", "Backup-On-Call" with a valid phone)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from golive.data.changes.commands import Decide, SetContact, SetGate
from golive.data.rules.board import GO_READY, NO_GO
from golive.data.rules.contacts import contact_problem

from support.records import HAND_GATES, REAL_CONTACTS, apply, make_ready, refused
from support.scenarios import SIGNERS

PHONE = "+49 170 2938475"
CHANNEL_DE = ("Status-Kanal", "[Status-Kanal]")
CHANNEL_EN = ("Status channel", "[Status channel]")
PERSON_DE = ("Backup-On-Call", "[Backup-On-Call]")
PERSON_EN = ("Rollback decider", "[Rollback decider]")

# (role label and placeholder, value, expected problem key or None when real)
CHANNELS = [
    (CHANNEL_DE, "", "placeholder"),
    (CHANNEL_DE, "Status-Kanal", "placeholder"),
    (CHANNEL_DE, "[Status-Kanal]", "placeholder"),
    (CHANNEL_DE, "#status-kanal", "placeholder"),
    (CHANNEL_DE, "Status-Kanal folgt", "placeholder"),
    (CHANNEL_DE, "#tbd", "placeholder"),
    (CHANNEL_DE, "#TBD!", "placeholder"),
    (CHANNEL_DE, "@todo", "placeholder"),
    (CHANNEL_DE, "folgt", "placeholder"),
    (CHANNEL_DE, "offen", "placeholder"),
    (CHANNEL_DE, "unbekannt", "placeholder"),
    (CHANNEL_DE, "noch offen", "placeholder"),
    (CHANNEL_DE, "?", "placeholder"),
    (CHANNEL_DE, "-", "placeholder"),
    (CHANNEL_DE, "#xxx", "placeholder"),
    (CHANNEL_DE, "ltc-status", "not_channel"),
    (CHANNEL_DE, "Teams irgendwo", "not_channel"),
    (CHANNEL_DE, "#ltc-status", None),
    (CHANNEL_DE, "#lifetimecircle-incident", None),
    (CHANNEL_DE, "https://teams.example.com/l/channel/19%3a42", None),
    (CHANNEL_DE, "status@ltc.example.org", None),
    (CHANNEL_EN, "Status channel", "placeholder"),
    (CHANNEL_EN, "#status-channel", "placeholder"),
    (CHANNEL_EN, "TBA", "placeholder"),
    (CHANNEL_EN, "n/a", "placeholder"),
    (CHANNEL_EN, "unknown", "placeholder"),
    (CHANNEL_EN, "#ops-bridge", None),
    (CHANNEL_EN, "slack://channel?team=T1&id=C2", None),
]
PERSONS = [
    (PERSON_DE, "", PHONE, "placeholder"),
    (PERSON_DE, "Backup-On-Call", PHONE, "placeholder_name"),
    (PERSON_DE, "[Backup-On-Call]", PHONE, "placeholder_name"),
    (PERSON_DE, "backup on call", PHONE, "placeholder_name"),
    (PERSON_DE, "N.N.", PHONE, "placeholder_name"),
    (PERSON_DE, "NN", PHONE, "placeholder_name"),
    (PERSON_DE, "n. n.", PHONE, "placeholder_name"),
    (PERSON_DE, "Anna (TBD)", PHONE, "placeholder_name"),
    (PERSON_DE, "Platzhalter", PHONE, "placeholder_name"),
    (PERSON_DE, "folgt noch", PHONE, "placeholder_name"),
    (PERSON_DE, "Anna Berg", "", "no_phone"),
    (PERSON_DE, "Anna Berg", "+49 123", "no_phone"),
    (PERSON_DE, "Anna Berg", PHONE, None),
    (PERSON_DE, "Dr. X. Müller", "030 2938475", None),
    (PERSON_DE, "Todorov", PHONE, None),
    (PERSON_EN, "Rollback decider", PHONE, "placeholder_name"),
    (PERSON_EN, "TODO: ask Ben", PHONE, "placeholder_name"),
    (PERSON_EN, "tbc", PHONE, "placeholder_name"),
    (PERSON_EN, "nobody", PHONE, "placeholder_name"),
    (PERSON_EN, "Ruth Decker", PHONE, None),
    (PERSON_EN, "Nadja", "+44 20 7183 8750", None),
]


@pytest.mark.parametrize(("role", "value", "problem"), CHANNELS)
def test_channel_values(role, value, problem):
    label, placeholder = role
    assert contact_problem("channel", placeholder=placeholder, label=label,
                           channel=value) == problem


@pytest.mark.parametrize(("role", "name", "phone", "problem"), PERSONS)
def test_person_values(role, name, phone, problem):
    from golive.data.rules.contacts import normalise_phone, phone_is_valid

    label, placeholder = role
    stored = normalise_phone(phone) if phone and phone_is_valid(phone) else phone
    assert contact_problem("person", placeholder=placeholder, label=label, name=name,
                           phone=stored) == problem


def test_the_table_is_big_enough():
    assert len(CHANNELS) + len(PERSONS) >= 30


@pytest.mark.parametrize(("lang", "words"), [
    ("de", "Backup-On-Call: Name ist ein Platzhalter"),
    ("en", "Backup-On-Call: name is a placeholder"),
])
def test_a_dressed_up_role_name_blocks_in_both_languages(store, plan, lang, words):
    make_ready(store, plan)
    apply(store, SetContact("contact.backup-on-call", name="Backup-On-Call", phone=PHONE))
    store.plan = dataclasses.replace(plan, language=lang)
    board = store.board()
    assert board.verdict == NO_GO and words in board.blocker_texts


def test_a_channel_that_is_no_channel_blocks(store, plan):
    make_ready(store, plan)
    apply(store, SetContact("contact.incident-channel", channel="irgendwo in Teams"))
    board = store.board()
    assert "Incident-Kanal: kein Kanal (#name oder URL)" in board.blocker_texts
    assert board.item("gate.channels").state == "open"


def test_filler_channel_turns_a_ready_board_no_go_and_refuses_go(store, plan):
    make_ready(store, plan)
    assert store.board().verdict == GO_READY
    apply(store, SetContact("contact.status-channel", channel="#tbd"))
    board = store.board()
    assert board.verdict == NO_GO
    assert "Platzhalter #tbd nicht ersetzt (Status-Kanal)" in board.blocker_texts
    gate = board.item("gate.channels")
    assert (gate.state, gate.detail) == ("open", "Platzhalter: Status-Kanal")
    assert board.item("comms.escalation-list").state == "open"
    refused(store, Decide("go", "Dana"), "GO refused")


def test_gates_that_name_contacts_cannot_be_green_before_them(store, plan):
    assert plan.item("gate.channels").contacts == ("contact.status-channel",
                                                   "contact.incident-channel")
    assert plan.item("gate.rollback-owner").contacts == ("contact.rollback-decider",)
    refused(store, SetGate("gate.rollback-owner", "green"),
            "“Rollback-Verantwortung benannt” cannot be green while these contacts are "
            "placeholders: Rollback-Entscheider")
    refused(store, SetGate("gate.channels", "green"),
            "placeholders: Status-Kanal, Incident-Kanal")
    apply(store, SetGate("gate.channels", "red", "kein Kanal"))  # red is always possible
    apply(store, *REAL_CONTACTS)
    apply(store, SetGate("gate.rollback-owner", "green"))
    apply(store, SetContact("contact.rollback-decider", name="N.N.", phone=PHONE))
    gate = store.board().item("gate.rollback-owner")
    assert (gate.state, gate.detail) == ("open", "Platzhalter: Rollback-Entscheider")
    apply(store, SetContact("contact.rollback-decider", name="Carla Roth", phone=PHONE))
    assert store.board().item("gate.rollback-owner").state == "green"


def test_gates_that_name_contacts_turn_green_with_them(store, plan, clock_at):
    """As the staging gate follows its instant: once the contacts a gate names are real
    (and distinct), it is green by itself, attributed to whoever filled in the last and
    when; no gate event is written or needed."""
    for gate in ("gate.rollback-owner", "gate.channels"):
        assert store.board().item(gate).state == "open"
    apply(store, SetContact("contact.status-channel", channel="#ltc-status"), actor="rm")
    store.clock = clock_at("2026-03-05T11:00")
    channels = store.board().item("gate.channels")
    assert (channels.state, channels.detail) == ("open", "Platzhalter: Incident-Kanal")
    apply(store, SetContact("contact.incident-channel", channel="#ltc-incident"), actor="ina")
    apply(store, SetContact("contact.rollback-decider", "Ruth Decker", PHONE), actor="rm")
    board = store.board()
    channels, owner = board.item("gate.channels"), board.item("gate.rollback-owner")
    assert (channels.state, channels.by, channels.at.strftime("%H:%M")) == ("green", "ina", "11:00")
    assert (owner.state, owner.by, owner.derived) == ("green", "rm", True)
    assert [e.kind for e in store.events()].count("gate") == 0
    assert not any("Rollback-Verantwortung" in b or "Status-Kanal benannt" in b
                   for b in board.blocker_texts)


def test_one_channel_named_twice_keeps_the_channels_gate_open(store, plan):
    make_ready(store, plan)
    assert store.board().verdict == GO_READY
    apply(store, SetContact("contact.incident-channel", channel="#LifeTimeCircle-Status"))
    board = store.board()
    gate = board.item("gate.channels")
    assert gate.state == "open"
    assert gate.detail == ("Status-Kanal, Incident-Kanal: beide #lifetimecircle-status "
                           "(zwei verschiedene nötig)")
    assert board.verdict == NO_GO
    assert any("Incident-Kanal und Status-Kanal benannt" in b for b in board.blocker_texts)
    refused(store, SetGate("gate.channels", "green"), "once its contacts are real and distinct")


def test_red_overrides_a_gate_that_follows_its_contacts(store, plan):
    apply(store, *REAL_CONTACTS)
    apply(store, SetGate("gate.rollback-owner", "red", "Ruth im Urlaub"))
    gate = store.board().item("gate.rollback-owner")
    assert (gate.state, gate.reason) == ("red", "Ruth im Urlaub")
    apply(store, SetGate("gate.rollback-owner", "open"))  # the red taken back: derived again
    assert store.board().item("gate.rollback-owner").state == "green"


def test_cli_filler_channel_leaves_no_go_naming_the_contact(cli_inproc, tmp_path, plan):
    from support.cli import CONTACT_ARGS

    base = ["--db", str(tmp_path / "g.sqlite"), "--now=2026-03-06T09:30:00+01:00", "--as", "rm"]
    assert cli_inproc("init", *base).code == 0
    for args in CONTACT_ARGS:
        assert cli_inproc("contact", *args, *base).code == 0
    for s in plan.signoffs:
        assert cli_inproc("approve", s.id, "--by", SIGNERS[s.id], *base).code == 0
    for g in HAND_GATES:
        assert cli_inproc("gate", g, "green", *base).code == 0
    assert cli_inproc("staging-stable-since", "2026-03-05T08:00", *base).code == 0
    assert cli_inproc("status", *base).code == 3  # GO-READY in a rehearsal
    r = cli_inproc("contact", "contact.status-channel", "--channel", "#tbd", *base)
    assert r.code == 0, r.err
    r = cli_inproc("status", "--json", *base)
    board = json.loads(r.out)
    assert r.code == 1 and board["verdict"] == "NO-GO"
    assert {"target": "contact.status-channel",
            "text": "Platzhalter #tbd nicht ersetzt (Status-Kanal)"} in board["blockers"]
    status = next(c for c in board["contacts"] if c["id"] == "contact.status-channel")
    assert status["placeholder"] is True
    r = cli_inproc("decide", "go", "--by", "Dana", *base)
    assert r.code == 2 and "GO abgelehnt" in r.err

