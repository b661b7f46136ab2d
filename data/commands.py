"""Commands: every change anyone can make, checked against the current state.

A command either becomes exactly one event or is refused with one line saying why; the
store runs `to_change` inside its write transaction so the check sees the latest state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pendulum

from golive.data.clock import format_duration, to_utc_text
from golive.data.contacts import PhoneError, normalise_phone
from golive.data.plan import Item, Plan
from golive.data.rules import evaluate, local, staging_status
from golive.data.state import State
from golive.data.text import TextError, user_text
from golive.data.texts import Said, Term


class Refused(Said, ValueError):
    """A change the plan or the current state does not allow; text(lang) is the one line to
    show (str() is English)."""


@dataclass(frozen=True)
class Change:
    """What a command turns into: the parts of one event."""

    kind: str
    target: str
    payload: dict[str, Any]


def _text(value: str | None, what: str, required: bool = True) -> str:
    """User text for the field named by catalogue key `what`."""
    try:
        return user_text(value, Term(what), required=required)
    except TextError as exc:
        raise Refused(exc.key or "", **exc.values) from None


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
        raise Refused("err.wrong_section", id=item_id, section=Term(f"section.{item.section}"),
                      want=Term(f"section.{want}"))
    return item


def _current(state: State, item_id: str, default: str) -> str:
    return str((state.items.get(item_id) or {}).get("state", default))


@dataclass(frozen=True)
class Approve:
    item_id: str
    by: str

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        item = _item(plan, self.item_id, "signoff")
        by = _text(self.by, "field.approver")
        current = _current(state, item.id, "pending")
        if current == "approved":
            raise Refused("err.already_approved", id=item.id, who=state.items[item.id].get("by"))
        return Change("approve", item.id, {"by": by})


@dataclass(frozen=True)
class Reject:
    item_id: str
    by: str
    reason: str

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        item = _item(plan, self.item_id, "signoff")
        by = _text(self.by, "field.by")
        reason = _text(self.reason, "field.reason")
        current = _current(state, item.id, "pending")
        if current == "rejected":
            raise Refused("err.already_rejected", id=item.id)
        if current == "approved":
            raise Refused("err.reject_approved", id=item.id)
        return Change("reject", item.id, {"by": by, "reason": reason})


@dataclass(frozen=True)
class Revoke:
    item_id: str
    reason: str

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        item = _item(plan, self.item_id, "signoff")
        reason = _text(self.reason, "field.reason")
        current = _current(state, item.id, "pending")
        if current not in ("approved", "rejected"):
            raise Refused("err.revoke_state", id=item.id, state=Term(f"state.{current}"))
        return Change("revoke", item.id, {"reason": reason})


GATE_STATES = ("open", "green", "red")


@dataclass(frozen=True)
class SetGate:
    item_id: str
    state: str
    note: str | None = None

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        item = _item(plan, self.item_id, "gate")
        if self.state not in GATE_STATES:
            raise Refused("err.gate_state", state=repr(self.state))
        # a red gate without a reason tells nobody what to fix
        note = _text(self.note, "field.note", required=self.state == "red") or None
        if item.derived == "staging-stable" and self.state == "green":
            since = local(plan, state.staging["since"]) if state.staging else None
            holds, detail = staging_status(plan, item, since, now)
            if not holds:
                raise Refused("err.staging_not_yet", id=item.id, hours=item.hours,
                              detail=detail)
            if (state.items.get(item.id) or {}).get("state", "open") != "red":
                # green already, by itself: an event would change nothing on the board
                raise Refused("err.derived_green", id=item.id, detail=detail)
        rec = state.items.get(item.id) or {}
        if rec.get("state", "open") == self.state and (rec.get("note") or None) == note:
            raise Refused("err.already_state", id=item.id, state=Term(f"state.{self.state}"))
        return Change("gate", item.id, {"state": self.state, "note": note})


@dataclass(frozen=True)
class Check:
    item_id: str
    undo: bool = False

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        item = _item(plan, self.item_id, "check")
        if item.derived:
            source = "contacts" if item.derived == "contacts-complete" else "staging"
            raise Refused("err.derived", id=item.id, source=Term(f"source.{source}"))
        current = _current(state, item.id, "open")
        if self.undo and current != "done":
            raise Refused("err.not_done", id=item.id)
        if not self.undo and current == "done":
            raise Refused("err.already_done", id=item.id)
        return Change("check", item.id, {"done": not self.undo})


@dataclass(frozen=True)
class SetContact:
    contact_id: str
    name: str | None = None
    phone: str | None = None
    channel: str | None = None

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        role = plan.contact(self.contact_id)
        if role is None:
            raise Refused("err.unknown_contact", id=repr(self.contact_id))
        if role.kind == "channel":
            if self.name or self.phone:
                raise Refused("err.channel_only", id=role.id)
            channel = _text(self.channel, "field.channel")
            payload: dict[str, Any] = {"channel": channel}
        else:
            if self.channel:
                raise Refused("err.person_only", id=role.id)
            name = _text(self.name, "field.name")
            raw_phone = _text(self.phone, "field.phone")
            try:
                phone = normalise_phone(raw_phone)
            except PhoneError as exc:
                raise Refused("err.contact_phone", id=role.id,
                              problem=Term(exc.key or "", **exc.values)) from None
            payload = {"name": name, "phone": phone}
        rec = state.contacts.get(role.id) or {}
        if all(rec.get(k) == v for k, v in payload.items()) and rec:
            raise Refused("err.same_value", id=role.id)
        return Change("contact", role.id, payload)


@dataclass(frozen=True)
class StagingStableSince:
    since: pendulum.DateTime

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        if self.since > now:
            ahead = format_duration((self.since - now).total_seconds())
            raise Refused("err.since_future", ahead=ahead)
        gate = next((g for g in plan.gates if g.derived == "staging-stable"), None)
        target = gate.id if gate else "staging"
        return Change("staging", target, {"since": to_utc_text(self.since)})


@dataclass(frozen=True)
class Note:
    text: str

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        return Change("note", "", {"text": _text(self.text, "field.note.text")})


@dataclass(frozen=True)
class Decide:
    decision: str  # "go" or "no-go"
    by: str
    reason: str | None = None

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        decision = self.decision.lower()
        if decision not in ("go", "no-go"):
            raise Refused("err.decision", decision=repr(self.decision))
        by = _text(self.by, "field.decider")
        reason = _text(self.reason, "field.reason", required=False) or None
        if decision == "go":
            blockers = evaluate(plan, state, now).blockers
            if blockers:
                more = Term("err.more", n=len(blockers) - 1) if len(blockers) > 1 else ""
                raise Refused("err.go_blocked", n=len(blockers), first=blockers[0], more=more)
        return Change("decide", "", {"decision": decision, "by": by, "reason": reason})


@dataclass(frozen=True)
class Announce:
    """A status update that was posted to a channel, or tried and not sent: the log says
    which channel (by name) and what it said, never where the channel lives."""

    channel: str
    text: str
    sent: bool
    reason: str | None = None

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        return Change("announce", _text(self.channel, "channel"),
                      {"text": _text(self.text, "status update"), "sent": self.sent,
                       "reason": None if self.sent else (self.reason or "failed")})


Command = (Approve | Reject | Revoke | SetGate | Check | SetContact | StagingStableSince
           | Note | Decide | Announce)
