"""Current state as the fold of the events.

The same reducer keeps the materialised state table up to date (inside the write
transaction) and recomputes the board at any past instant, so the two cannot disagree.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from golive.data.events import Event


@dataclass
class State:
    """Everything the rules need: one record per item and contact, plus the go-live facts."""

    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    contacts: dict[str, dict[str, Any]] = field(default_factory=dict)
    staging: dict[str, Any] | None = None
    decision: dict[str, Any] | None = None
    notes: int = 0

    def copy(self) -> State:
        return copy.deepcopy(self)

    # the materialised form: key -> JSON value ------------------------------------------

    def records(self) -> dict[str, Any]:
        out: dict[str, Any] = {f"item:{k}": v for k, v in self.items.items()}
        out.update({f"contact:{k}": v for k, v in self.contacts.items()})
        out["staging"] = self.staging
        out["decision"] = self.decision
        out["notes"] = self.notes
        return out

    @classmethod
    def from_records(cls, records: dict[str, Any]) -> State:
        state = cls()
        for key, value in records.items():
            if key.startswith("item:"):
                state.items[key[5:]] = value
            elif key.startswith("contact:"):
                state.contacts[key[8:]] = value
            elif key == "staging":
                state.staging = value
            elif key == "decision":
                state.decision = value
            elif key == "notes":
                state.notes = int(value or 0)
        return state


def apply_event(state: State, event: Event) -> str | None:
    """Fold one event into state; returns the record key it changed (None for init)."""
    p = event.payload
    stamp = {"by": p.get("by") or event.actor, "at": event.at, "seq": event.seq}
    kind, target = event.kind, event.target
    if kind == "approve":
        state.items[target] = {"state": "approved", **stamp}
    elif kind == "reject":
        state.items[target] = {"state": "rejected", "reason": p.get("reason"), **stamp}
    elif kind == "revoke":
        state.items[target] = {"state": "revoked", "reason": p.get("reason"), **stamp}
    elif kind == "gate":
        state.items[target] = {"state": p["state"], "note": p.get("note") or None, **stamp}
    elif kind == "check":
        state.items[target] = {"state": "done" if p.get("done", True) else "open", **stamp}
    elif kind == "contact":
        state.contacts[target] = {"name": p.get("name"), "phone": p.get("phone"),
                                  "channel": p.get("channel"), **stamp}
        return f"contact:{target}"
    elif kind == "staging":
        state.staging = {"since": p["since"], **stamp}
        return "staging"
    elif kind == "decide":
        state.decision = {"decision": p["decision"], "reason": p.get("reason") or None,
                          **stamp}
        return "decision"
    elif kind == "note":
        state.notes += 1
        return "notes"
    else:
        return None
    return f"item:{target}"


def fold(events: Iterable[Event], until: str | None = None) -> State:
    """The state after every event (or every event at or before the UTC instant `until`)."""
    state = State()
    for event in events:
        if until is None or event.at <= until:
            apply_event(state, event)
    return state
