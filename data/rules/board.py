"""The Board: one immutable picture of the go-live at one instant, which every panel,
`status`, the export and the announcement draw; `rules.evaluate` builds it."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from golive.data.log.kinds import Step
from golive.data.plan.model import Plan, Section
from golive.data.texts.catalogue import text
from golive.data.time.clock import format_countdown
from golive.data.time.instants import elapsed

GO_READY = "GO-READY"
NO_GO = "NO-GO"


@dataclass(frozen=True)
class ItemView:
    """One sign-off, gate, communication task or check as the board shows it."""

    id: str
    section: Section
    label: str
    state: str
    by: str | None = None
    at: _dt.datetime | None = None
    reason: str | None = None
    detail: str | None = None
    derived: bool = False
    overdue: bool = False
    checkpoint: str | None = None
    role: str | None = None
    informed: bool = False
    signed: str | None = None  # a sign-off's signature: key type and fingerprint
    void: str | None = None  # why an approval on record does not count (its signature)
    late: bool = False  # a sign-off given after the plan's approval deadline
    # done in the team's checklist before golive: (file, line, the date it gives or None)
    imported: tuple[str, int, str | None] | None = None

    @property
    def ok(self) -> bool:
        return self.state in ("approved", "green", "done") and self.void is None


@dataclass(frozen=True)
class ContactView:
    """One escalation contact as the board shows it, with what is wrong with it."""

    id: str
    label: str
    kind: str
    value: str
    placeholder: bool
    problem: str | None
    name: str | None = None
    phone: str | None = None
    channel: str | None = None
    by: str | None = None
    at: _dt.datetime | None = None
    email: str | None = None  # a person's e-mail where a checklist gave one


@dataclass(frozen=True)
class MilestoneView:
    """One checkpoint on the timeline: when, how far from T-0, whether reached."""

    id: str
    label: str
    at: _dt.datetime
    offset: str
    reached: bool
    current: bool
    open_checks: int


@dataclass(frozen=True)
class DecisionView:
    """The GO or NO-GO in force, and whether a returned blocker superseded it."""

    decision: str  # "go" or "no-go"
    by: str
    at: _dt.datetime
    reason: str | None
    seq: int
    state: str = "valid"  # or "superseded": a blocker returned after the GO
    superseded_by: str | None = None  # the cause, in words
    signed: str | None = None  # key type and fingerprint of its signature


GOLIVE_STEPS = tuple(Step)  # in the order they happen


@dataclass(frozen=True)
class GoLiveStep:
    """One step of the go-live after a GO (deploy, verification, outcome, rollback)."""

    step: str  # one of GOLIVE_STEPS (Step)
    by: str
    at: _dt.datetime
    seq: int
    reason: str | None = None
    decider: str | None = None  # for a rollback: the named rollback decider at the time
    actor: str = ""  # who recorded it (a deploy script, the release manager)
    signed: str | None = None  # a rollback decision's signature: key type and fingerprint
    void: str | None = None  # why that signature does not hold

    @property
    def by_decider(self) -> bool:
        return bool(self.decider) and self.by.casefold() == (self.decider or "").casefold()


@dataclass(frozen=True)
class GoLiveView:
    """The go-live after a GO: deploy started, finished, verified, then success or a
    rollback decided by the rollback decider and finished. Its phase is the Board's
    (golive.data.rules.phase), which also weighs the decision."""

    steps: tuple[GoLiveStep, ...]
    verification: str

    def step(self, name: str) -> GoLiveStep | None:
        return next((s for s in self.steps if s.step == name), None)


@dataclass(frozen=True)
class Blocker:
    """Why a GO is not possible, in words, and the item or contact it is about (None:
    about no one item, e.g. a GO overtaken), so a list of blockers can jump to it."""

    text: str
    target: str | None = None


@dataclass(frozen=True)
class Board:
    """One immutable picture of the go-live at one instant: what every panel draws."""

    plan: Plan
    now: _dt.datetime
    items: tuple[ItemView, ...]
    contacts: tuple[ContactView, ...]
    milestones: tuple[MilestoneView, ...]
    blockers: tuple[Blocker, ...]
    warnings: tuple[str, ...]
    decision: DecisionView | None
    golive: GoLiveView | None
    window: str  # the checkpoint window: "before:t-24h", "t-1h", "after:t+24h"
    window_label: str  # "vor T-24h", "ab T-1h"
    staging_since: _dt.datetime | None
    deadline_missed: bool
    events: int = 0
    head: str = ""
    # the go-live's phase (golive.data.rules.phase.PHASES) and its words
    phase: str = "prepared"
    phase_label: str = ""

    @property
    def verdict(self) -> str:
        """GO-READY or NO-GO until a GO is given; then the phase in words ("zurückgerollt",
        "erfolgreich"), so a GO-READY never stands beside a rollback."""
        if self.phase != "prepared":
            return self.phase_label
        return NO_GO if self.blockers else GO_READY

    @property
    def blocker_texts(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blockers)

    @property
    def seconds_to_t0(self) -> float:
        return elapsed(self.now, self.plan.t0).total_seconds()

    @property
    def countdown(self) -> str:
        return format_countdown(self.seconds_to_t0)

    def section(self, name: str) -> tuple[ItemView, ...]:
        return tuple(i for i in self.items if i.section == name)

    def item(self, item_id: str) -> ItemView | None:
        return next((i for i in self.items if i.id == item_id), None)

    @property
    def current_checkpoint(self) -> str | None:
        """The id of the checkpoint whose window it is now, if any."""
        return next((m.id for m in self.milestones if m.current), None)

    @property
    def placeholders(self) -> int:
        return sum(1 for c in self.contacts if c.placeholder)

    def summary_line(self) -> str:
        """One line for the clipboard or a chat: T-time, sign-offs, gates, placeholders and
        the verdict, which after a GO is the go-live's phase (a pasted "GO-READY" after a
        rollback would say the opposite of what happened)."""
        signoffs = self.section("signoff")
        gates = self.section("gate")
        lang = self.plan.language
        return (f"{self.plan.product} {self.plan.release} {self.countdown} · "
                f"{text(lang, 'section.signoff')} {sum(i.ok for i in signoffs)}/"
                f"{len(signoffs)} · Gates {sum(i.ok for i in gates)}/{len(gates)} · "
                f"{text(lang, 'summary.placeholders')} {self.placeholders} · {self.verdict}"
                + (f" ({len(self.blockers)})" if self.blockers else ""))
