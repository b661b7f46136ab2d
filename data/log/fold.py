"""Current state as the fold of the events.

The same reducer keeps the materialised state table up to date (inside the write
transaction) and recomputes the board at any past instant, so the two cannot disagree.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, cast

from golive.data.log.events import Event
from golive.data.log.kinds import ItemState, Kind
from golive.data.log.records import (
    ContactRecord,
    CorrectionRecord,
    DecisionRecord,
    ItemRecord,
    Mark,
    Reopened,
    StagingRecord,
    Stamp,
    StepRecord,
)


@dataclass
class State:
    """Everything the rules need: one record per item and contact, plus the go-live facts."""

    items: dict[str, ItemRecord] = field(default_factory=dict)
    contacts: dict[str, ContactRecord] = field(default_factory=dict)
    staging: StagingRecord | None = None
    decision: DecisionRecord | None = None
    golive: dict[str, StepRecord] | None = None  # the go-live after a GO, by step
    # corrected seq (as text, JSON keys are text) -> the correction's seq and reason
    corrections: dict[str, CorrectionRecord] = field(default_factory=dict)
    notes: int = 0
    # events after a GO that may have overtaken it. Not materialised: the store reads them
    # from the log (a few rows after the GO), so files written before they were folded
    # still verify.
    challenges: list[Challenge] = field(default_factory=list)
    # signed event seq -> why its signature does not verify (None: it does), filled in by
    # whoever read the events (signatures.check_state); not materialised either
    checked: dict[int, Any] = field(default_factory=dict)

    def copy(self) -> State:
        return copy.deepcopy(self)

    # the materialised form: key -> JSON value ------------------------------------------

    def records(self) -> dict[str, Any]:
        out: dict[str, Any] = {f"item:{k}": v for k, v in self.items.items()}
        out.update({f"contact:{k}": v for k, v in self.contacts.items()})
        out["staging"] = self.staging
        out["decision"] = self.decision
        out["golive"] = self.golive
        out["corrections"] = self.corrections or None  # absent in files without any
        out["notes"] = self.notes
        return out

    @classmethod
    def from_records(cls, records: dict[str, Any]) -> State:
        state = cls()
        for key, value in records.items():
            if value is None:  # a row holding null is no row (never a record of None)
                continue
            if key.startswith("item:"):
                state.items[key[5:]] = value
            elif key.startswith("contact:"):
                state.contacts[key[8:]] = value
            elif key == "staging":
                state.staging = value
            elif key == "decision":
                state.decision = value
            elif key == "golive":
                state.golive = value
            elif key == "corrections":
                state.corrections = dict(value or {})
            elif key == "notes":
                state.notes = int(value or 0)
        return state


def has_signed(state: State) -> bool:
    """Whether anything that counts now carries a signature (then it must be checked)."""
    return (any("signed" in rec for rec in state.items.values())
            or "signed" in (state.decision or {})
            or any("signed" in rec for rec in (state.golive or {}).values()))


# after a GO, the events that may overtake it; the rules decide whether each did
CHALLENGES = frozenset({Kind.REVOKE, Kind.REJECT, Kind.GATE, Kind.CONTACT, Kind.CORRECT})
# what a GO stands on: a correction after it that takes one of these back overtakes it
_BASIS = frozenset({Kind.APPROVE, Kind.GATE, Kind.CONTACT, Kind.STAGING})
# what a corrected event leaves behind: never greener than before the mistake
_NEUTRAL = {Kind.APPROVE: ItemState.PENDING, Kind.REJECT: ItemState.PENDING,
            Kind.REVOKE: ItemState.PENDING, Kind.GATE: ItemState.OPEN,
            Kind.CHECK: ItemState.OPEN}
_GOLIVE = (Kind.DEPLOY, Kind.ROLLBACK, Kind.OUTCOME)  # the events that record a step


@dataclass(frozen=True)
class Challenge:
    """An event after a GO that may have overtaken it (the rules judge whether it did)."""

    seq: int
    at: str  # UTC text, as stored
    kind: str  # one of CHALLENGES
    target: str
    state: str | None = None  # a gate's new state
    corrected: int | None = None  # a correction's corrected seq
    name: str | None = None  # a contact's new name, phone and channel
    phone: str | None = None
    channel: str | None = None


def challenge_of(event: Event, go_seq: int) -> Challenge | None:
    """An event that, after the GO at `go_seq`, may overtake it: a sign-off withdrawn or
    rejected, a gate set to anything but green, a contact changed (the rules judge
    whether it is still real), or a correction of an approval, gate, contact or staging
    entry from before the GO (what the GO stood on was taken back; put right later, it
    still needs a new decision, as a withdrawn sign-off does)."""
    p, kind = event.payload, event.kind
    if kind not in CHALLENGES or (kind == Kind.GATE and p.get("state") == ItemState.GREEN):
        return None
    if kind == Kind.CORRECT and (p.get("kind") not in _BASIS
                                 or p.get("seq", go_seq) >= go_seq):
        return None
    base = Challenge(event.seq, event.at, kind, event.target)
    match kind:
        case Kind.CONTACT:
            return replace(base, name=p.get("name"), phone=p.get("phone"),
                           channel=p.get("channel"))
        case Kind.GATE:
            return replace(base, state=p.get("state"))
        case Kind.CORRECT:
            return replace(base, corrected=p.get("seq"))
    return base


def apply_event(state: State, event: Event) -> list[str]:
    """Fold one event into state; returns the keys of the records it changed (the store
    writes those rows of the state table)."""
    p = event.payload
    stamp: Stamp = {"by": p.get("by") or event.actor, "at": event.at, "seq": event.seq}
    imported = p.get("imported")
    if isinstance(imported, dict):  # done in the team's checklist: by whom it names, if anyone
        stamp["by"] = imported.get("by") or None  # type: ignore[typeddict-item]
        stamp["imported"] = imported
    signature = p.get("signature")
    if isinstance(signature, dict):  # its key, by type and fingerprint; checked on reading
        stamp["signed"] = str(signature.get("key") or "?")
    target = event.target
    d = state.decision
    if d is not None and d.get("decision") == "go":
        challenge = challenge_of(event, d["seq"])
        if challenge is not None:
            state.challenges.append(challenge)
    match event.kind:
        case Kind.APPROVE:
            state.items[target] = _item(ItemState.APPROVED, stamp)
        case Kind.REJECT:
            state.items[target] = _item(ItemState.REJECTED, stamp, reason=p.get("reason"))
        case Kind.REVOKE:
            state.items[target] = _item(ItemState.REVOKED, stamp, reason=p.get("reason"))
        case Kind.GATE:
            state.items[target] = _item(p["state"], stamp, note=p.get("note") or None)
        case Kind.CHECK:
            before = state.items.get(target)
            done = ItemState.DONE if p.get("done", True) else ItemState.OPEN
            state.items[target] = _item(done, stamp)
            if p.get("reopens") is not None and seq_of(before) == p["reopens"]:
                assert before is not None
                # the tick this reopens, kept so that a correction of the reopen restores it
                state.items[target]["reopened"] = cast(
                    Reopened, {k: before.get(k) for k in ("by", "at", "seq")})
        case Kind.CONTACT:
            state.contacts[target] = cast(ContactRecord, {
                "name": p.get("name"), "phone": p.get("phone"), "channel": p.get("channel"),
                **stamp})
            if p.get("email"):  # kept from a checklist's contact table
                state.contacts[target]["email"] = p["email"]
            return [f"contact:{target}"]
        case Kind.STAGING:
            staging = cast(StagingRecord, {"since": p["since"], **stamp})
            # moved earlier than before: why, and from when (older files have neither)
            if p.get("reason"):
                staging["reason"] = p["reason"]
            if p.get("earlier_than"):
                staging["earlier_than"] = p["earlier_than"]
            state.staging = staging
            return ["staging"]
        case Kind.DECIDE:
            state.decision = {"decision": p["decision"], "reason": p.get("reason") or None,
                              **stamp}
            state.challenges = []
            if p["decision"] == "go":  # a new GO starts a new go-live
                state.golive = None
                return ["decision", "golive"]
            return ["decision"]
        case Kind.DEPLOY | Kind.ROLLBACK | Kind.OUTCOME:
            step: StepRecord = {"reason": p.get("reason"), "decider": p.get("decider"),
                                "actor": event.actor, **stamp}
            state.golive = {**(state.golive or {}), p["step"]: step}
            return ["golive"]
        case Kind.CORRECT:
            return _correct(state, event, {**stamp, "by": event.actor})
        case Kind.NOTE:
            state.notes += 1
            return ["notes"]
        case _:  # init, announce: nothing on the board
            return []
    return [f"item:{target}"]


def _item(item_state: str, stamp: Mapping[str, object], **extra: object) -> ItemRecord:
    """An item's record: its state, what the event adds, then who, when and in which
    event (the key order the state table has always stored)."""
    return cast(ItemRecord, {"state": item_state, **extra, **stamp})


def seq_of(record: Mapping[str, object] | None) -> object:
    """The seq of the event that wrote a record (None for no record)."""
    return record.get("seq") if record else None


def _correct(state: State, event: Event, stamp: Stamp) -> list[str]:
    """Undo the effect of the corrected event where it still holds; an event that a later
    one has already replaced only gets its mark in the log."""
    p = event.payload
    seq, kind, target = p["seq"], p["kind"], event.target
    mark: Mark = {"corrected": seq, "reason": p.get("reason"), **stamp}
    state.corrections[str(seq)] = {"seq": event.seq, "reason": p.get("reason")}
    keys: list[str] = ["corrections"]
    d = state.decision
    state.challenges = [c for c in state.challenges if c.seq != seq]
    current = state.items.get(target)
    if kind == Kind.CHECK and seq_of(current) == seq and current and current.get("reopened"):
        # a reopen by mistake: the tick stands again as it was, with its own time and actor
        state.items[target] = _item(ItemState.DONE, current["reopened"])
        keys.append(f"item:{target}")
    elif kind in _NEUTRAL and seq_of(current) == seq:
        state.items[target] = _item(_NEUTRAL[kind], mark)
        keys.append(f"item:{target}")
    elif kind == Kind.CONTACT and seq_of(state.contacts.get(target)) == seq:
        state.contacts[target] = cast(ContactRecord, {"name": None, "phone": None,
                                                      "channel": None, **mark})
        keys.append(f"contact:{target}")
    elif kind == Kind.STAGING and seq_of(state.staging) == seq:
        state.staging = None
        keys.append("staging")
    elif kind == Kind.DECIDE and seq_of(d) == seq:
        state.decision = None
        keys.append("decision")
    elif kind in _GOLIVE and state.golive:
        kept = {k: v for k, v in state.golive.items() if v.get("seq") != seq}
        if kept != state.golive:
            state.golive = kept
            keys.append("golive")
    return list(dict.fromkeys(keys))


def fold(events: Iterable[Event], until: str | None = None) -> State:
    """The state after every event (or every event at or before the UTC instant `until`)."""
    state = State()
    for event in events:
        if until is None or event.at <= until:
            apply_event(state, event)
    return state
