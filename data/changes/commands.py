"""Commands: every change anyone can make, checked against the current state.

A command either becomes exactly one event or is refused with one line saying why; the
store runs `to_change` inside its write transaction so the check sees the latest state."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from golive.data.changes.golive_commands import Deploy, Outcome, Rollback
from golive.data.changes.note import Note as Note  # where the other commands are found
from golive.data.changes.parts import Change
from golive.data.changes.parts import field_text as _text
from golive.data.changes.refused import Refused
from golive.data.log.events import Event
from golive.data.log.fold import State
from golive.data.log.kinds import Kind
from golive.data.plan.model import DECISION_ITEM, Item, Plan
from golive.data.plan.roster_reader import same_person
from golive.data.rules import roster
from golive.data.rules.contacts import PhoneError, normalise_phone
from golive.data.rules.item_states import (
    contacts_status,
    local,
    repeated_contact,
    staging_status,
    unreal_contacts,
)
from golive.data.rules.verdict import evaluate
from golive.data.signing.statement import DRAFT, Signed
from golive.data.texts.catalogue import Term
from golive.data.texts.user_text import visible
from golive.data.time.clock import format_duration, from_utc_text, to_utc_text
from golive.data.time.formats import day_hm_zone
from golive.data.time.instants import elapsed


def _person(value: str | None, what: str, plan: Plan) -> str:
    """User text that must name one person (data/people.py), or Refused saying why."""
    from golive.data.rules.people import name_problem, plan_labels

    name = _text(value, what)
    problem = name_problem(name, plan_labels(plan))
    if problem is not None:
        raise Refused("err.not_a_person", what=Term(what), name=visible(name),
                      why=Term(f"person.{problem}"))
    return name


def _item(plan: Plan, item_id: str, section: str | None = None) -> Item:
    item = plan.item(item_id)
    if item is None:
        key = "err.unknown_id.contact" if plan.contact(item_id) else "err.unknown_id"
        raise Refused(key, id=repr(item_id))
    if section and item.section != section:
        want = section
        if section == "check":
            want = "check_or_comms"
            if item.section == "comms":
                return item
        raise Refused("err.wrong_section", name=_name(item),
                      section=Term(f"section.{item.section}"), want=Term(f"section.{want}"))
    return item


def _name(item: Item) -> Term | str:
    """An item as the panels name it: a sign-off by its role, anything else by its label
    in quotes. A refusal says what the user sees, not the id."""
    if item.section == "signoff":
        return item.role or item.label
    return Term("named", label=item.label)


def _current(state: State, item_id: str, default: str) -> str:
    rec = state.items.get(item_id)
    return str(rec.get("state", default) if rec else default)


def _signed(plan: Plan, kind: str, target: str, payload: dict[str, Any],
            signed: Signed | None, head: tuple[int, str] | None, now: _dt.datetime
            ) -> dict[str, Any]:
    """The payload, with its signature checked and attached when there is one."""
    if signed is None or signed is DRAFT:  # DRAFT: only the statement is wanted
        return payload
    from golive.data.signing.signatures import attach  # ssh-keygen: only for a signed command

    assert head is not None, "the store binds the head of a signed command"
    return attach(plan, kind, target, payload, signed, to_utc_text(now), head)


def imported_mark(mark: dict[str, Any]) -> dict[str, Any]:
    """An item done in the team's checklist before golive, recorded honestly: the event's
    actor and instant are who imported it and when; `imported` says the file and line it
    came from and the person and date that line names (None where it names none). The
    board shows that person, never the login user, and the export that date."""
    out: dict[str, Any] = {"from": _text(str(mark.get("from") or ""), "field.note"),
                           "line": int(mark.get("line") or 0)}
    for key in ("by", "on", "evidence"):
        value = mark.get(key)
        out[key] = _text(str(value), "field.note") if value else None
    return out


@dataclass(frozen=True)
class Approve:
    """A sign-off given, typed or signed (`signed`; `head` is bound by the store). Only
    the people the plan names for it may give it, one sign-off each; a signed approval
    may complete the same person's typed one."""

    item_id: str
    by: str
    signed: Signed | None = None
    head: tuple[int, str] | None = None
    imported: dict[str, Any] | None = None  # see Imported

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        item = _item(plan, self.item_id, "signoff")
        by = roster.may_give(plan, item, _person(self.by, "field.approver", plan))
        current = _current(state, item.id, "pending")
        rec: Mapping[str, Any] = state.items.get(item.id) or {}
        if current == "approved" and not (self.signed and not rec.get("signed")
                                          and same_person(str(rec.get("by")), by)):
            raise Refused("err.already_approved", name=_name(item), who=rec.get("by"))
        roster.one_signoff_each(plan, state, item, by)
        payload = _signed(plan, "approve", item.id, {"by": by}, self.signed, self.head, now)
        if self.imported:
            payload["imported"] = imported_mark({**self.imported, "by": by})
        return Change(Kind.APPROVE, item.id, payload)


@dataclass(frozen=True)
class Reject:
    item_id: str
    by: str
    reason: str

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        item = _item(plan, self.item_id, "signoff")
        by = _person(self.by, "field.by", plan)
        reason = _text(self.reason, "field.reason")
        current = _current(state, item.id, "pending")
        if current == "rejected":
            raise Refused("err.already_rejected", name=_name(item))
        if current == "approved":
            raise Refused("err.reject_approved", name=_name(item))
        return Change(Kind.REJECT, item.id, {"by": by, "reason": reason})


@dataclass(frozen=True)
class Revoke:
    item_id: str
    reason: str

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        item = _item(plan, self.item_id, "signoff")
        reason = _text(self.reason, "field.reason")
        current = _current(state, item.id, "pending")
        if current not in ("approved", "rejected"):
            raise Refused("err.revoke_state", name=_name(item), state=Term(f"state.{current}"))
        return Change(Kind.REVOKE, item.id, {"reason": reason})


GATE_STATES = ("open", "green", "red")


@dataclass(frozen=True)
class SetGate:
    item_id: str
    state: str
    note: str | None = None
    imported: dict[str, Any] | None = None  # see Imported

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        item = _item(plan, self.item_id, "gate")
        if self.state not in GATE_STATES:
            raise Refused("err.gate_state", state=repr(self.state))
        # a red gate without a reason tells nobody what to fix
        note = _text(self.note, "field.note", required=self.state == "red") or None
        if item.derived == "staging-stable" and self.state == "green":
            since = local(plan, state.staging["since"]) if state.staging else None
            holds, detail = staging_status(plan, item, since, now)
            if not holds:
                raise Refused("err.staging_not_yet", name=_name(item), hours=item.hours,
                              detail=detail)
            if _current(state, item.id, "open") != "red":
                # green already, by itself: an event would change nothing on the board
                raise Refused("err.derived_green", name=_name(item), detail=detail)
        if item.contacts and self.state == "green":
            board = evaluate(plan, state, now)
            unreal = {c.id: c.label for c in board.contacts if c.placeholder}
            missing = unreal_contacts(item, unreal)
            if missing and not repeated_contact(item, plan, state):
                raise Refused("refused.gate.contacts", name=_name(item), labels=", ".join(missing))
            # green by itself once they are real and distinct; a script's green after
            # filling them in is taken as a confirmation (it wrote one before)
            named, detail, _, _ = contacts_status(plan, item, state)
            if not named:
                raise Refused("err.derived_not_yet", name=_name(item), detail=detail)
        rec: Mapping[str, Any] = state.items.get(item.id) or {}
        if rec.get("state", "open") == self.state and (rec.get("note") or None) == note:
            raise Refused("err.already_state", name=_name(item), state=Term(f"state.{self.state}"))
        payload: dict[str, Any] = {"state": self.state, "note": note}
        if self.imported:
            payload["imported"] = imported_mark(self.imported)
        return Change(Kind.GATE, item.id, payload)


@dataclass(frozen=True)
class Check:
    item_id: str
    undo: bool = False
    imported: dict[str, Any] | None = None  # see Imported

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        item = _item(plan, self.item_id, "check")
        if item.derived:
            source = {"contacts-complete": "contacts", "deploy-started": "deploy"}.get(
                item.derived, "staging")
            raise Refused("err.derived", name=_name(item), source=Term(f"source.{source}"))
        current = _current(state, item.id, "open")
        if self.undo and current != "done":
            raise Refused("err.not_done", name=_name(item))
        if not self.undo and current == "done":
            raise Refused("err.already_done", name=_name(item))
        if self.undo:  # the tick it reopens, so a correction of the reopen can restore it
            reopens = state.items[item.id].get("seq")
            return Change(Kind.CHECK, item.id, {"done": False, "reopens": reopens})
        if self.imported:
            return Change(Kind.CHECK, item.id, {"done": True,
                                                "imported": imported_mark(self.imported)})
        return Change(Kind.CHECK, item.id, {"done": True})


@dataclass(frozen=True)
class SetContact:
    contact_id: str
    name: str | None = None
    phone: str | None = None
    channel: str | None = None
    email: str | None = None

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        role = plan.contact(self.contact_id)
        if role is None:
            raise Refused("err.unknown_contact", id=repr(self.contact_id))
        if role.kind == "channel":
            if self.name or self.phone:
                raise Refused("err.channel_only", name=role.label)
            channel = _text(self.channel, "field.channel")
            payload: dict[str, Any] = {"channel": channel}
        else:
            if self.channel:
                raise Refused("err.person_only", name=role.label)
            name = _text(self.name, "field.name")
            raw_phone = _text(self.phone, "field.phone")
            try:
                phone = normalise_phone(raw_phone)
            except PhoneError as exc:
                raise Refused("err.contact_phone", name=role.label,
                              problem=Term(exc.key or "", **exc.values)) from None
            payload = {"name": name, "phone": phone}
            if self.email:
                payload["email"] = _text(self.email, "field.name")
        rec: Mapping[str, Any] = state.contacts.get(role.id) or {}
        if all(rec.get(k) == v for k, v in payload.items()) and rec:
            raise Refused("err.same_value", label=role.label)
        return Change(Kind.CONTACT, role.id, payload)


@dataclass(frozen=True)
class StagingStableSince:
    """Moving "stabil seit" earlier than recorded turns the gate green sooner, so it
    needs a reason, and the event keeps the instant it replaced (the log and b show it)."""

    since: _dt.datetime
    reason: str | None = None

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        if self.since > now:
            ahead = format_duration(elapsed(now, self.since).total_seconds())
            raise Refused("err.since_future", ahead=ahead)
        gate = next((g for g in plan.gates if g.derived == "staging-stable"), None)
        payload: dict[str, Any] = {"since": to_utc_text(self.since)}
        before = state.staging.get("since") if state.staging else None
        earlier = before is not None and from_utc_text(before) > self.since
        reason = _text(self.reason, "field.reason", required=False) or None
        if earlier and reason is None:
            was = local(plan, before)
            assert was is not None
            raise Refused("refused.staging.earlier", was=day_hm_zone(was),
                          by=format_duration(elapsed(self.since, was).total_seconds()))
        if reason:
            payload["reason"] = reason
        if earlier:
            payload["earlier_than"] = before
        return Change(Kind.STAGING, gate.id if gate else "staging", payload)


@dataclass(frozen=True)
class Decide:
    decision: str  # "go" or "no-go"
    by: str
    reason: str | None = None
    signed: Signed | None = None
    head: tuple[int, str] | None = None  # bound by the store for a signed decision

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        decision = self.decision.lower()
        if decision not in ("go", "no-go"):
            raise Refused("err.decision", decision=repr(self.decision))
        by = roster.may_decide(plan, "decision", _person(self.by, "field.decider", plan))
        reason = _text(self.reason, "field.reason", required=False) or None
        if decision == "go":
            if self.signed is None and roster.required(plan, DECISION_ITEM):
                raise Refused("sig.go_required")
            roster.decider_not_alone(plan, state, by)
            probe = state.copy()  # a new GO replaces an overtaken one: judge the board alone
            probe.decision = None
            blockers = evaluate(plan, probe, now).blocker_texts
            if blockers:
                more = Term("err.more", n=len(blockers) - 1) if len(blockers) > 1 else ""
                raise Refused("err.go_blocked", n=len(blockers), first=blockers[0], more=more)
        payload = {"decision": decision, "by": by, "reason": reason}
        return Change(Kind.DECIDE, "", _signed(plan, "decide", "", payload, self.signed,
                                            self.head, now))


@dataclass(frozen=True)
class Announce:
    """A status update that was posted to a channel, or tried and not sent: the log says
    which channel (by name) and what it said, never where the channel lives."""

    channel: str
    text: str
    sent: bool
    reason: str | None = None

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        return Change(Kind.ANNOUNCE, _text(self.channel, "channel"),
                      {"text": _text(self.text, "status update"), "sent": self.sent,
                       "reason": None if self.sent else (self.reason or "failed")})


@dataclass(frozen=True)
class Correct:
    """A correction names the event it corrects and why; the store fills in `event`
    (and whether it was corrected already) from the log inside the write transaction."""

    seq: int
    reason: str
    event: Event | None = None
    corrected_by: int | None = None

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        reason = _text(self.reason, "field.reason")
        event = self.event
        if event is None:
            raise Refused("refused.correct.none", seq=self.seq)
        if event.kind == "init":
            raise Refused("refused.correct.init")
        if event.kind == "correct":
            raise Refused("refused.correct.correction", seq=event.seq)
        if self.corrected_by is not None:
            raise Refused("refused.correct.twice", seq=event.seq, by=self.corrected_by)
        return Change(Kind.CORRECT, event.target,
                      {"seq": event.seq, "kind": event.kind, "reason": reason})


Command = (Approve | Reject | Revoke | SetGate | Check | SetContact | StagingStableSince
           | Note | Decide | Announce | Deploy | Rollback | Outcome | Correct)
