"""What a go-live plan is: its items, checkpoints and contact roles, read-only once parsed.

`golive.data.plan.source` loads one (the default, a file or a text) and `plan_reader` checks the
TOML it comes from.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import StrEnum

from golive.data.texts.catalogue import Said
from golive.data.time.instants import elapsed


class Section(StrEnum):
    """Where an item stands on the board: each section has its own rules and panel."""

    SIGNOFF = "signoff"
    GATE = "gate"
    COMMS = "comms"
    CHECK = "check"


SECTIONS = tuple(Section)  # in the order status lists them
DECISION_ITEM = "decision"  # the GO/NO-GO where a plan lists what must be signed


class PlanError(ValueError):
    """A plan that cannot be used; str() is the one line shown to the user."""


class OffsetOutOfRange(PlanError):
    """An offset further from T-0 than golive counts (reader.MAX_OFFSET_DAYS)."""


class PlanFileError(Said, PlanError):
    """A plan or checklist file that cannot be read at all (missing, not UTF-8, too big):
    a file error, so its words come from the catalogue and the CLI says them in its
    language; str() stays English."""


@dataclass(frozen=True)
class Item:
    """One checklist line that has a state: a sign-off, a gate, a communication task or a check."""

    id: str
    section: Section
    label: str
    role: str | None = None
    # the sign-off's word in the approval template where it differs from its role
    # ("Product" in the template, "Produkt" on the board)
    box: str | None = None
    informed: bool = False
    derived: str | None = None
    hours: int = 24
    checkpoint: str | None = None
    owner: str | None = None  # a sign-off's expected approver, as a checklist names them
    contacts: tuple[str, ...] = ()  # a gate that may be green only while these are real
    hard: bool = False  # a check that blocks (not only warns) once overdue


@dataclass(frozen=True)
class Checkpoint:
    """A point on the plan's timeline (T-24h, T-1h …) and the checks due by it."""

    id: str
    label: str
    at: _dt.datetime
    offset: str
    checks: tuple[Item, ...]


@dataclass(frozen=True)
class ContactRole:
    """A contact the plan needs (a person or a channel) and its placeholder."""

    id: str
    label: str
    kind: str
    placeholder: str


@dataclass(frozen=True)
class Person:
    """Someone the plan's roster names: what they may give, and the SSH public key their
    signatures are checked with (None: their sign-offs can only be typed)."""

    name: str
    email: str | None = None
    signoffs: tuple[str, ...] = ()  # sign-off ids
    roles: tuple[str, ...] = ()  # "decision" (GO/NO-GO), "rollback"
    key: str | None = None  # "ssh-ed25519 AAAA…" without the comment


@dataclass(frozen=True)
class Roster:
    """The plan's people and its rules about them. Empty: anyone may give anything, but
    one person still gives one sign-off unless `separation_of_duties` is off."""

    people: tuple[Person, ...] = ()
    separation_of_duties: bool = True
    # sign-off ids whose approval counts only when signed; "decision": a GO too
    require_signatures: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Plan:
    """The whole plan as read and checked: what the board is evaluated against."""

    title: str
    product: str
    release: str
    target: str
    target_notes: tuple[str, ...]
    owner: str
    docs: tuple[str, ...]
    document_date: _dt.date | None
    approval_deadline: _dt.date | None
    approval_date: _dt.date | None
    approval_title: str
    approval_boxes: tuple[str, ...]
    timezone: str
    t0: _dt.datetime
    language: str
    placeholder_rule: str
    signoffs: tuple[Item, ...]
    gates: tuple[Item, ...]
    comms: tuple[Item, ...]
    checkpoints: tuple[Checkpoint, ...]
    contacts: tuple[ContactRole, ...]
    source: str = field(repr=False, default="")
    source_name: str = field(repr=False, default="")
    verification: str = ""  # what "deploy verified" means, e.g. "Smoke-Tests grün"
    # when to roll back, as the team's checklist says: shown with the rollback decision
    rollback_criteria: tuple[str, ...] = ()
    roster: Roster = field(default_factory=Roster)

    @property
    def items(self) -> tuple[Item, ...]:
        """Every stateful item in plan order."""
        checks = tuple(c for cp in self.checkpoints for c in cp.checks)
        return self.signoffs + self.gates + self.comms + checks

    def item(self, item_id: str) -> Item | None:
        return self._index().get(item_id)

    def contact(self, contact_id: str) -> ContactRole | None:
        return next((c for c in self.contacts if c.id == contact_id), None)

    def _index(self) -> dict[str, Item]:
        cache = self.__dict__.get("_item_index")
        if cache is None:
            cache = {i.id: i for i in self.items}
            object.__setattr__(self, "_item_index", cache)
        return cache


def format_offset(at: _dt.datetime, t0: _dt.datetime) -> str:
    """T-relative label of an instant in whole hours and minutes, e.g. T-24h, T+1h30m, T-0."""
    seconds = int(elapsed(t0, at).total_seconds())
    if seconds == 0:
        return "T-0"
    sign = "-" if seconds < 0 else "+"
    minutes = abs(seconds) // 60
    h, m = divmod(minutes, 60)
    return f"T{sign}{h}h" + (f"{m:02d}m" if m else "")
