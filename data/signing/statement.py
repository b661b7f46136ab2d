"""What a person signs: one self-contained statement per sign-off, decision or rollback.

It names the product, release, plan (by digest), the item, the decision, the person and
the instant, and a GO also the chain head it decides on, so a signature cannot be
replayed for another item, release or moment, and a GO commits to everything before it.
Every value is a JSON string: exact, one line, the same bytes on every machine. golive
stores the signature and the parts that are not in the event already (instant, head);
the statement is rebuilt from the event, so an auditor gets it from the export.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from golive.data.changes.refused import Refused
from golive.data.log.events import Event
from golive.data.plan.model import DECISION_ITEM, Plan
from golive.data.time.formats import utc_second

FIRST_LINE = "golive signed statement 1"
FIELDS = ("product", "release", "plan", "item", "decision", "person", "instant", "head",
          "reason")
ROLLBACK_ITEM = "rollback"
WINDOW_BEFORE = 10 * 60  # seconds a statement may be older than its record (off the node)
WINDOW_AFTER = 60  # seconds it may be newer (clocks a little apart)
INSTANT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")  # UTC, whole seconds


class StatementError(Refused):
    """A statement file that is not golive's; text(lang) is the one line to show."""


@dataclass(frozen=True)
class Signed:
    """A signature as a command carries it: the armored text and what the statement
    said beyond the command itself (its instant, and for a GO the head)."""

    armored: str
    instant: str  # UTC, whole seconds: 2026-03-06T09:58:12Z
    head: str | None = None  # "SEQ:HASH" of the last event before a GO


@dataclass(frozen=True)
class Statement:
    product: str
    release: str
    plan: str
    item: str
    decision: str
    person: str
    instant: str
    head: str | None = None
    reason: str | None = None

    def text(self) -> str:
        lines = [FIRST_LINE]
        for name in FIELDS:
            value = getattr(self, name)
            if value is not None:
                lines.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
        return "\n".join(lines) + "\n"


# what a command carries while golive only builds the statement it would sign
DRAFT = Signed("", "")


def instant_text(instant: datetime.datetime) -> str:
    """A statement's instant: UTC, whole seconds."""
    return utc_second(instant)


def plan_digest(plan: Plan) -> str:
    """The plan as stored in the file, by its SHA-256: a statement under another plan
    (another roster, other sign-offs) is not this one."""
    return "sha256:" + hashlib.sha256(plan.source.encode("utf-8")).hexdigest()


def statement(plan: Plan, item: str, decision: str, person: str, instant: str, *,
              head: str | None = None, reason: str | None = None) -> Statement:
    return Statement(plan.product, plan.release, plan_digest(plan), item, decision, person,
                     instant, head, reason or None)


def parse_statement(text: str) -> Statement:
    """A statement file as golive printed it (a trailing newline or CRLF tolerated)."""
    lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
    if not lines or lines[0] != FIRST_LINE:
        raise StatementError("statement.not_ours", first=FIRST_LINE)
    values: dict[str, Any] = {}
    for line in lines[1:]:
        name, _, raw = line.partition(": ")
        if name not in FIELDS or name in values:
            raise StatementError("statement.bad_line", line=line[:60])
        try:
            value = json.loads(raw)
        except ValueError:
            value = None
        if not isinstance(value, str):
            raise StatementError("statement.bad_line", line=line[:60])
        values[name] = value
    missing = [n for n in FIELDS[:7] if n not in values]
    if missing:
        raise StatementError("statement.missing", field=missing[0])
    return Statement(**values)


def signed_part(event: Event) -> dict[str, Any] | None:
    """The signature an event carries (sig, key, instant, and head for a GO), if any."""
    part = event.payload.get("signature")
    return part if isinstance(part, dict) else None


def of_event(plan: Plan, event: Event) -> Statement | None:
    """The statement a signed event's signature must be over, rebuilt from the event."""
    part = signed_part(event)
    if part is None:
        return None
    p = event.payload
    instant, head = str(part.get("instant", "")), part.get("head")
    if event.kind == "approve":
        return statement(plan, event.target, "approve", str(p.get("by", "")), instant)
    if event.kind == "decide":
        return statement(plan, DECISION_ITEM, str(p.get("decision", "")), str(p.get("by", "")),
                         instant, head=head if isinstance(head, str) else None,
                         reason=p.get("reason"))
    if event.kind == "rollback":
        return statement(plan, ROLLBACK_ITEM, "rollback", str(p.get("by", "")), instant,
                         reason=p.get("reason"))
    return None


def head_text(seq: int, hash_: str) -> str:
    """How a statement names a chain head: the last event's number and hash."""
    return f"{seq}:{hash_}"


def of_command(plan: Plan, state: Any, command: Any, now: datetime.datetime,
               head: tuple[int, str]) -> Statement:
    """The statement a signed command would have to carry if recorded now after `head`:
    built from the change the command itself makes (its checks run, so a statement for
    an approval golive would refuse is refused now, and names are spelled as recorded)."""
    from dataclasses import replace

    change = replace(command, signed=DRAFT).to_change(plan, state, now)
    part: dict[str, Any] = {"instant": instant_text(now)}
    if change.kind == "decide" and change.payload.get("decision") == "go":
        part["head"] = head_text(*head)
    event = Event(head[0] + 1, "", "", change.kind, change.target,
                  {**change.payload, "signature": part}, head[1])
    found = of_event(plan, event)
    assert found is not None, change.kind
    return found
