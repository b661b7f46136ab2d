"""Commands: every change anyone can make, checked against the current state.

A command either becomes exactly one event or is refused with one line saying why; the
store runs `to_event` inside its write transaction so the check sees the latest state.
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


class Refused(ValueError):
    """A change the plan or the current state does not allow; str() is the one line to show."""


@dataclass(frozen=True)
class Change:
    """What a command turns into: the parts of one event."""

    kind: str
    target: str
    payload: dict[str, Any]


def _text(value: str | None, what: str, required: bool = True) -> str:
    try:
        return user_text(value, what, required=required)
    except TextError as exc:
        raise Refused(str(exc)) from None


def _item(plan: Plan, item_id: str, section: str | None = None) -> Item:
    item = plan.item(item_id)
    if item is None:
        known = plan.contact(item_id)
        hint = " (it is a contact: use 'contact')" if known else ""
        raise Refused(f"unknown id {item_id!r}{hint}")
    if section and item.section != section:
        names = {"signoff": "sign-off", "gate": "gate", "comms": "communication task",
                 "check": "check"}
        want = names[section]
        if section == "check":
            want = "check or communication task"
            if item.section == "comms":
                return item
        raise Refused(f"{item_id} is a {names[item.section]}, not a {want}")
    return item


def _current(state: State, item_id: str, default: str) -> str:
    return str((state.items.get(item_id) or {}).get("state", default))


@dataclass(frozen=True)
class Approve:
    item_id: str
    by: str

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        item = _item(plan, self.item_id, "signoff")
        by = _text(self.by, "approver name (--by)")
        current = _current(state, item.id, "pending")
        if current == "approved":
            who = state.items[item.id].get("by")
            raise Refused(f"{item.id} is already approved (by {who}); revoke it first")
        return Change("approve", item.id, {"by": by})


@dataclass(frozen=True)
class Reject:
    item_id: str
    by: str
    reason: str

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        item = _item(plan, self.item_id, "signoff")
        by = _text(self.by, "name (--by)")
        reason = _text(self.reason, "reason (--reason)")
        current = _current(state, item.id, "pending")
        if current == "rejected":
            raise Refused(f"{item.id} is already rejected")
        if current == "approved":
            raise Refused(f"{item.id} is approved; revoke it (with a reason) instead")
        return Change("reject", item.id, {"by": by, "reason": reason})


@dataclass(frozen=True)
class Revoke:
    item_id: str
    reason: str

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        item = _item(plan, self.item_id, "signoff")
        reason = _text(self.reason, "reason (--reason)")
        current = _current(state, item.id, "pending")
        if current not in ("approved", "rejected"):
            raise Refused(f"{item.id} is {current}; only an approved or rejected sign-off "
                          "can be revoked")
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
            raise Refused(f"gate state must be open, green or red, not {self.state!r}")
        # a red gate without a reason tells nobody what to fix
        note = _text(self.note, "note (--note)", required=self.state == "red") or None
        if item.derived == "staging-stable" and self.state == "green":
            since = local(plan, state.staging["since"]) if state.staging else None
            holds, detail = staging_status(plan, item, since, now)
            if not holds:
                raise Refused(f"{item.id} turns green by itself {item.hours} h after "
                              f"'staging-stable-since' ({detail})")
        rec = state.items.get(item.id) or {}
        if rec.get("state", "open") == self.state and (rec.get("note") or None) == note:
            raise Refused(f"{item.id} is already {self.state}")
        return Change("gate", item.id, {"state": self.state, "note": note})


@dataclass(frozen=True)
class Check:
    item_id: str
    undo: bool = False

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        item = _item(plan, self.item_id, "check")
        if item.derived:
            source = ("the escalation contacts" if item.derived == "contacts-complete"
                      else "'staging-stable-since'")
            raise Refused(f"{item.id} follows from {source}; it cannot be ticked by hand")
        current = _current(state, item.id, "open")
        if self.undo and current != "done":
            raise Refused(f"{item.id} is not done; nothing to undo")
        if not self.undo and current == "done":
            raise Refused(f"{item.id} is already done (use --undo to reopen it)")
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
            raise Refused(f"unknown contact id {self.contact_id!r}")
        if role.kind == "channel":
            if self.name or self.phone:
                raise Refused(f"{role.id} is a channel: give --channel, not a name or phone")
            channel = _text(self.channel, "channel (--channel)")
            payload: dict[str, Any] = {"channel": channel}
        else:
            if self.channel:
                raise Refused(f"{role.id} is a person: give --name and --phone, not --channel")
            name = _text(self.name, "name (--name)")
            raw_phone = _text(self.phone, "phone (--phone)")
            try:
                phone = normalise_phone(raw_phone)
            except PhoneError as exc:
                raise Refused(f"{role.id}: {exc}") from None
            payload = {"name": name, "phone": phone}
        rec = state.contacts.get(role.id) or {}
        if all(rec.get(k) == v for k, v in payload.items()) and rec:
            raise Refused(f"{role.id} already holds this value")
        return Change("contact", role.id, payload)


@dataclass(frozen=True)
class StagingStableSince:
    since: pendulum.DateTime

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        if self.since > now:
            ahead = format_duration((self.since - now).total_seconds())
            raise Refused(f"'stable since' lies {ahead} in the future")
        gate = next((g for g in plan.gates if g.derived == "staging-stable"), None)
        target = gate.id if gate else "staging"
        return Change("staging", target, {"since": to_utc_text(self.since)})


@dataclass(frozen=True)
class Note:
    text: str

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        return Change("note", "", {"text": _text(self.text, "note")})


@dataclass(frozen=True)
class Decide:
    decision: str  # "go" or "no-go"
    by: str
    reason: str | None = None

    def to_change(self, plan: Plan, state: State, now: pendulum.DateTime) -> Change:
        decision = self.decision.lower()
        if decision not in ("go", "no-go"):
            raise Refused(f"decision must be go or no-go, not {self.decision!r}")
        by = _text(self.by, "decider (--by)")
        reason = _text(self.reason, "reason (--reason)", required=False) or None
        if decision == "go":
            blockers = evaluate(plan, state, now).blockers
            if blockers:
                more = f" (+{len(blockers) - 1} more)" if len(blockers) > 1 else ""
                raise Refused(f"GO refused: {len(blockers)} blocker(s) remain: "
                              f"{blockers[0]}{more}")
        return Change("decide", "", {"decision": decision, "by": by, "reason": reason})


Command = (Approve | Reject | Revoke | SetGate | Check | SetContact | StagingStableSince
           | Note | Decide)
