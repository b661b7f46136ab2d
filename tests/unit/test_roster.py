"""The plan's roster and separation of duties (issue 18, part 2): who may give a sign-off,
a decision or a rollback, one sign-off per person, and the name fields completing from
the roster. Every refusal is one line and writes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pendulum
import pytest
from textual.widgets import Input

from golive.data.changes.commands import (
    Approve,
    Decide,
    Revoke,
    SetContact,
    SetGate,
    StagingStableSince,
)
from golive.data.changes.golive_commands import Deploy, Rollback
from golive.data.changes.refused import Refused
from golive.data.log.store import Store
from golive.data.outputs.approval_doc import approval_doc
from golive.data.plan.model import Plan, PlanError
from golive.data.plan.source import default_plan_text, parse_plan
from golive.data.rules import roster
from golive.data.time.clock import FixedClock, parse_instant
from golive.dialogs import FormDialog

from support.pilot import open_cockpit
from support.scenarios import SIGNERS

ZONE = "Europe/Berlin"
NOW = "2026-03-06T09:00:00"
PEOPLE = """
[[people]]
name = "Petra Neumann"
email = "petra.neumann@example.com"
signoffs = ["approval.product"]

[[people]]
name = "Sina Koch"
signoffs = ["approval.security"]
roles = ["decision"]

[[people]]
name = "Sven Stahl"
signoffs = ["approval.sre"]
roles = ["rollback"]
"""
CONTACTS = (SetContact("contact.status-channel", channel="#ltc-status"),
            SetContact("contact.incident-channel", channel="#ltc-incident"),
            SetContact("contact.primary-on-call", "Olaf Berg", "+49 170 2938475"),
            SetContact("contact.backup-on-call", "Bea Winter", "+49 171 7364529"),
            SetContact("contact.rollback-decider", "Rolf Decker", "+49 172 3948571"))
HAND_GATES = ("gate.rc-frozen", "gate.central-gates", "gate.monitoring",
              "gate.rollback-owner", "gate.channels")


def plan_of(extra: str = PEOPLE, base: str | None = None) -> Plan:
    return parse_plan((base or default_plan_text()) + extra, "roster.toml")


def new_store(tmp_path: Path, plan: Plan) -> Store:
    clock = FixedClock(parse_instant(NOW, ZONE))
    return Store.create(tmp_path / "g.sqlite", plan, clock, "rm")


def refused(store: Store, command: object, match: str) -> str:
    """Refused in one line matching `match`; nothing written."""
    before = (store.event_count(), store.head())
    with pytest.raises(Refused) as info:
        store.apply(command, "rm")  # type: ignore[arg-type]
    said = info.value.text("en")
    assert re.search(match, said), said
    assert "\n" not in said
    assert (store.event_count(), store.head()) == before
    return said


def make_ready(store: Store, signers: dict[str, str]) -> None:
    """Everything but the decision: staging, contacts, the sign-offs by `signers`, gates."""
    clock = store.clock
    assert isinstance(clock, FixedClock)
    store.apply(StagingStableSince(pendulum.instance(clock.instant).subtract(hours=25)), "rm")
    for command in CONTACTS:
        store.apply(command, "rm")
    for item in store.plan.signoffs:
        store.apply(Approve(item.id, signers[item.id]), "rm")
    for gate in HAND_GATES:
        store.apply(SetGate(gate, "green"), "rm")


# --- the roster in the plan --------------------------------------------------------------


def test_the_roster_is_read_with_a_sign_offs_owner_among_its_people() -> None:
    base = default_plan_text().replace('role = "DevOps"', 'role = "DevOps"\nowner = "Dirk Ost"')
    plan = plan_of(base=base)
    people = {p.name: p for p in plan.roster.people}
    assert people["Petra Neumann"].email == "petra.neumann@example.com"
    assert people["Sina Koch"].roles == ("decision",)
    assert people["Dirk Ost"].signoffs == ("approval.devops",)  # the owner
    assert plan.roster.separation_of_duties is True
    assert roster.suggestions(plan, "approval.sre")[0] == "Sven Stahl"
    assert roster.suggestions(plan, role="decision")[0] == "Sina Koch"
    assert parse_plan(default_plan_text(), "d").roster.people == ()


@pytest.mark.parametrize("extra,message", [
    ('\n[[people]]\nname = "Ada Berg"\nsignoffs = ["approval.nope"]\n',
     r"roster.toml:\d+: people\[0\].signoffs: 'approval.nope' is not a sign-off id"),
    ('\n[[people]]\nname = "Ada Berg"\nroles = ["boss"]\n',
     r"roster.toml:\d+: people\[0\].roles: must be among decision, rollback, not 'boss'"),
    ('\n[[people]]\nname = "Ada Berg"\nkey = "ssh-ed25519 nope"\n',
     r"roster.toml:\d+: people\[0\].key: the key is not valid base64"),
    ('\n[[people]]\nname = "Ada Berg"\nkey = "AAAA only"\n',
     r"roster.toml:\d+: people\[0\].key: not an SSH public key"),
    ('\n[[people]]\nname = "Anna Berg"\n\n[[people]]\nname = "anna  berg"\n',
     r"roster.toml:\d+: people\[1\].name: 'anna berg' is listed twice"),
    ('\n[roster]\nrequire_signatures = ["approval.nope"]\n',
     r"roster.toml:\d+: roster.require_signatures: 'approval.nope' is not a sign-off id"),
    ('\n[roster]\nseparation_of_duties = "no"\n',
     r"roster.toml:\d+: roster.separation_of_duties: must be true or false"),
    ('\n[roster]\nfour_eyes = true\n', r"roster.toml:\d+: roster.four_eyes: unknown field"),
])
def test_a_broken_roster_is_refused_in_one_line_saying_where(extra: str, message: str) -> None:
    with pytest.raises(PlanError) as info:
        plan_of(extra)
    assert re.fullmatch(message + ".*", str(info.value)), str(info.value)


def test_one_key_for_two_people_is_refused() -> None:
    key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBYD+cQSmp2X6BzuaYyX0s32v/IjlnWiuuWyxQtfoy3Y"
    extra = (f'\n[[people]]\nname = "Ada Berg"\nkey = "{key}"\n'
             f'\n[[people]]\nname = "Carl Dorn"\nkey = "{key} x"\n')
    with pytest.raises(PlanError, match=r"people\[1\].key: the same key as 'Ada Berg'"):
        plan_of(extra)


# --- only the people the plan names --------------------------------------------------------


def test_a_sign_off_that_names_its_people_refuses_anyone_else(tmp_path: Path) -> None:
    store = new_store(tmp_path, plan_of())
    said = refused(store, Approve("approval.product", "Bob Random"),
                   "Bob Random may not give the Produkt sign-off; the plan names Petra Neumann")
    assert said.count("\n") == 0
    refused(store, Approve("approval.product", "Sina Koch"), "the plan names Petra Neumann")
    # the roster's spelling is recorded, whatever the case and spacing typed
    store.apply(Approve("approval.product", "petra   NEUMANN"), "rm")
    assert store.board().item("approval.product").by == "Petra Neumann"  # type: ignore[union-attr]
    # a sign-off the roster does not name stays open to anyone
    store.apply(Approve("approval.business", "Birgit Brandt"), "rm")
    store.close()


def test_the_roster_refusal_from_the_shell_is_one_line_and_writes_nothing(
        cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "roster.toml"
    plan.write_text(default_plan_text() + PEOPLE, "utf-8")
    db = str(tmp_path / "g.sqlite")
    assert cli("init", "--plan", str(plan), "--db", db, "--now", NOW).code == 0
    r = cli("approve", "approval.sre", "--by", "Bob Random", "--db", db, "--now", NOW)
    assert r.code == 2 and r.out == ""
    assert r.err == ("golive: Bob Random darf die Freigabe SRE nicht geben; "
                     "laut Plan: Sven Stahl\n")
    store = Store.open(db, FixedClock(parse_instant(NOW, ZONE)))
    assert store.event_count() == 1
    store.close()


def test_decisions_and_rollbacks_only_by_the_roles_the_plan_names(tmp_path: Path) -> None:
    store = new_store(tmp_path, plan_of())
    signers = {**SIGNERS, "approval.product": "Petra Neumann",
               "approval.security": "Sina Koch", "approval.sre": "Sven Stahl"}
    make_ready(store, signers)
    refused(store, Decide("go", "Birgit Brandt"),
            "Birgit Brandt may not decide GO/NO-GO; the plan names Sina Koch")
    refused(store, Decide("no-go", "Carla Roth", "zu früh"), "the plan names Sina Koch")
    store.apply(Decide("go", "sina koch"), "rm")
    store.apply(Deploy("started"), "deploy")
    refused(store, Rollback("Rolf Decker", "Fehlerrate"),
            "Rolf Decker may not decide a rollback; the plan names Sven Stahl")
    store.apply(Rollback("Sven Stahl", "Fehlerrate"), "rm")
    store.close()


def test_a_sign_offs_owner_is_its_person(tmp_path: Path) -> None:
    """An imported checklist names owners; 'Bob Random' was accepted for one."""
    base = default_plan_text().replace('role = "Security"',
                                       'role = "Security"\nowner = "Sina Koch"')
    store = new_store(tmp_path, plan_of("", base=base))
    refused(store, Approve("approval.security", "Bob Random"), "the plan names Sina Koch")
    store.apply(Approve("approval.security", "Sina Koch"), "rm")
    store.close()


# --- separation of duties -------------------------------------------------------------------


def test_one_person_gives_one_sign_off_by_default(tmp_path: Path) -> None:
    store = new_store(tmp_path, plan_of(""))  # no roster: the rule holds all the same
    store.apply(Approve("approval.business", "Dana Weiß"), "rm")
    refused(store, Approve("approval.product", "dana weiß"),
            r"dana weiß already gave the Business sign-off \(event 2\); one person gives one "
            r"sign-off \(only the plan can allow more: \[roster\] separation_of_duties = false\)")
    # a sign-off withdrawn no longer stands: its person may give another
    store.apply(Revoke("approval.business", "falsche Box"), "rm")
    store.apply(Approve("approval.product", "Dana Weiß"), "rm")
    assert "Funktionstrennung" not in approval_doc(store.plan, store.board())
    store.close()


def test_a_plan_may_relax_it_and_the_approval_document_says_so(tmp_path: Path) -> None:
    store = new_store(tmp_path, plan_of("\n[roster]\nseparation_of_duties = false\n"))
    for item in store.plan.signoffs:
        store.apply(Approve(item.id, "Dana Weiß"), "rm")
    doc = approval_doc(store.plan, store.board())
    assert ("\nFunktionstrennung vom Plan aufgehoben: eine Person darf mehrere Freigaben "
            "geben\n") in doc
    store.close()


def test_the_go_s_decider_is_not_the_only_person_behind_the_sign_offs(tmp_path: Path) -> None:
    text = default_plan_text()
    for role in ("Produkt", "Security", "DevOps", "SRE", "Support"):  # one sign-off left
        block = re.search(r'\[\[signoffs\]\]\nid = "[^"]+"\nrole = "' + role
                          + r'"\n(?:[^\[\n][^\n]*\n)*', text)
        assert block is not None, role
        text = text.replace(block.group(0) + "\n", "")
    text = re.sub(r"approval_boxes = \[[^\]]*\]", 'approval_boxes = ["approval.business"]', text)
    store = new_store(tmp_path, parse_plan(text, "one.toml"))
    assert [s.id for s in store.plan.signoffs] == ["approval.business"]
    make_ready(store, {"approval.business": "Birgit Brandt"})
    refused(store, Decide("go", "Birgit Brandt"),
            "GO refused: Birgit Brandt alone is behind every sign-off")
    store.apply(Decide("go", "Carla Roth"), "rm")
    store.close()


def test_the_decider_may_be_one_of_several_behind_the_sign_offs(tmp_path: Path) -> None:
    store = new_store(tmp_path, plan_of(""))
    make_ready(store, SIGNERS)
    store.apply(Decide("go", SIGNERS["approval.product"]), "rm")
    store.close()


# --- the cockpit's name field -----------------------------------------------------------------


async def test_the_approval_name_completes_from_the_roster(tmp_path: Path) -> None:
    store = new_store(tmp_path, plan_of())
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("down", "space")  # the Product sign-off
        assert isinstance(app.screen, FormDialog)
        for key in "pe":
            await pilot.press(key)
        await pilot.pause()
        await pilot.press("right")  # accepts the completion
        assert app.screen.query_one("#field-name", Input).value == "Petra Neumann"
        await pilot.press("enter")
        await pilot.pause()
    assert store.board().item("approval.product").by == "Petra Neumann"  # type: ignore[union-attr]
    store.close()


def test_a_roster_entry_that_names_no_person_is_refused_with_its_line() -> None:
    """The people rule holds in the plan's roster too (issue 18, part 1)."""
    from golive.data.plan.model import PlanError
    from golive.data.plan.source import default_plan_text, parse_plan

    text = default_plan_text() + '\n[[people]]\nname = "Max Mustermann"\n'
    with pytest.raises(PlanError, match="Max Mustermann' is not a person"):
        parse_plan(text, "team.toml")
