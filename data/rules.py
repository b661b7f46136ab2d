"""The rules: from plan, state and now to an immutable Board with the verdict and its blockers.

Everything time-dependent (staging stable for 24 h, overdue checks, the phase) is computed
here from the injected instant, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pendulum

from golive.data.clock import format_countdown, format_duration, from_utc_text
from golive.data.contacts import contact_problem, display_phone
from golive.data.plan import Checkpoint, ContactRole, Item, Plan
from golive.data.state import State
from golive.data.texts import text

GO_READY = "GO-READY"
NO_GO = "NO-GO"


@dataclass(frozen=True)
class ItemView:
    id: str
    section: str
    label: str
    state: str
    by: str | None = None
    at: pendulum.DateTime | None = None
    reason: str | None = None
    detail: str | None = None
    derived: bool = False
    overdue: bool = False
    checkpoint: str | None = None
    role: str | None = None
    informed: bool = False

    @property
    def ok(self) -> bool:
        return self.state in ("approved", "green", "done")


@dataclass(frozen=True)
class ContactView:
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
    at: pendulum.DateTime | None = None


@dataclass(frozen=True)
class MilestoneView:
    id: str
    label: str
    at: pendulum.DateTime
    offset: str
    reached: bool
    current: bool
    open_checks: int


@dataclass(frozen=True)
class DecisionView:
    decision: str  # "go" or "no-go"
    by: str
    at: pendulum.DateTime
    reason: str | None
    seq: int
    state: str = "valid"  # or "superseded": a blocker returned after the GO
    superseded_by: str | None = None  # the cause, in words


GOLIVE_STEPS = ("started", "finished", "verified", "success", "rollback", "rollback-finished")


@dataclass(frozen=True)
class GoLiveStep:
    step: str  # one of GOLIVE_STEPS
    by: str
    at: pendulum.DateTime
    seq: int
    reason: str | None = None
    decider: str | None = None  # for a rollback: the named rollback decider at the time
    actor: str = ""  # who recorded it (a deploy script, the release manager)

    @property
    def by_decider(self) -> bool:
        return bool(self.decider) and self.by.casefold() == (self.decider or "").casefold()


@dataclass(frozen=True)
class GoLiveView:
    """The go-live after a GO: deploy started, finished, verified, then success or a
    rollback decided by the rollback decider and finished."""

    phase: str  # "pending" (GO, no deploy yet), "running", "success", "rollback",
    # "rolled-back"
    steps: tuple[GoLiveStep, ...]
    verification: str

    def step(self, name: str) -> GoLiveStep | None:
        return next((s for s in self.steps if s.step == name), None)


@dataclass(frozen=True)
class Board:
    """One immutable picture of the go-live at one instant: what every panel draws."""

    plan: Plan
    now: pendulum.DateTime
    items: tuple[ItemView, ...]
    contacts: tuple[ContactView, ...]
    milestones: tuple[MilestoneView, ...]
    blockers: tuple[str, ...]
    warnings: tuple[str, ...]
    decision: DecisionView | None
    golive: GoLiveView | None
    phase: str
    phase_label: str
    staging_since: pendulum.DateTime | None
    deadline_missed: bool
    events: int = 0
    head: str = ""
    # the item or contact id each blocker is about (None where it is about no one item),
    # in the order of `blockers`, so a list of blockers can jump to what blocks
    blocker_targets: tuple[str | None, ...] = ()

    @property
    def verdict(self) -> str:
        return NO_GO if self.blockers else GO_READY

    @property
    def seconds_to_t0(self) -> float:
        return (self.plan.t0 - self.now).total_seconds()

    @property
    def countdown(self) -> str:
        return format_countdown(self.seconds_to_t0)

    def section(self, name: str) -> tuple[ItemView, ...]:
        return tuple(i for i in self.items if i.section == name)

    def item(self, item_id: str) -> ItemView | None:
        return next((i for i in self.items if i.id == item_id), None)

    @property
    def placeholders(self) -> int:
        return sum(1 for c in self.contacts if c.placeholder)

    def summary_line(self) -> str:
        """One line for the clipboard or a chat: T-time, sign-offs, gates, placeholders,
        verdict."""
        signoffs = self.section("signoff")
        gates = self.section("gate")
        lang = self.plan.language
        held = "Freigaben" if lang == "de" else "sign-offs"
        ph = "Platzhalter" if lang == "de" else "placeholders"
        return (f"{self.plan.product} {self.plan.release} {self.countdown} · "
                f"{held} {sum(i.ok for i in signoffs)}/{len(signoffs)} · "
                f"Gates {sum(i.ok for i in gates)}/{len(gates)} · "
                f"{ph} {self.placeholders} · {self.verdict}"
                + (f" ({len(self.blockers)})" if self.blockers else ""))


def local(plan: Plan, at: str | None) -> pendulum.DateTime | None:
    return from_utc_text(at).in_tz(plan.timezone) if at else None


def short_time(instant: pendulum.DateTime) -> str:
    return instant.format("DD.MM. HH:mm zz")


def evaluate(plan: Plan, state: State, now: pendulum.DateTime, *, events: int = 0,
             head: str = "") -> Board:
    now = now.in_tz(plan.timezone)
    lang = plan.language
    contacts = tuple(_contact(plan, role, state) for role in plan.contacts)
    missing_contacts = sum(1 for c in contacts if c.placeholder)
    staging_since = local(plan, state.staging["since"]) if state.staging else None

    current = _current_checkpoint(plan, now)
    items: list[ItemView] = []
    unreal = {c.id: c.label for c in contacts if c.placeholder}
    for item in plan.items:
        view = _item(plan, item, state, now, staging_since, missing_contacts, current)
        items.append(_follow_contacts(plan, item, view, unreal))

    blockers: list[str] = []
    targets: list[str | None] = []
    warnings: list[str] = []
    for view in items:
        if view.section in ("signoff", "gate") and not view.ok:
            targets.append(view.id)
        if view.section == "signoff" and not view.ok:
            role = view.role or view.label
            if view.informed and view.state == "pending":
                blockers.append(text(lang, "blocker.informed", role=role))
            elif view.reason:
                blockers.append(text(lang, "blocker.signoff.reason", role=role,
                                     state=text(lang, f"state.{view.state}"),
                                     reason=view.reason))
            else:
                blockers.append(text(lang, "blocker.signoff", role=role,
                                     state=text(lang, f"state.{view.state}")))
        elif view.section == "gate" and not view.ok:
            note = view.reason or view.detail
            key = "blocker.gate.note" if note else "blocker.gate"
            blockers.append(text(lang, key, label=view.label,
                                 state=text(lang, f"state.{view.state}"), note=note))
    for c in contacts:
        if c.placeholder:
            targets.append(c.id)
            if c.problem:
                blockers.append(text(lang, "blocker.contact", label=c.label, problem=c.problem))
            else:
                blockers.append(text(lang, "blocker.placeholder", value=c.value, label=c.label))
    for view in items:
        if view.section == "comms" and not view.ok and not view.derived:
            warnings.append(text(lang, "warning.comms", label=view.label))
        if view.overdue:
            cp = next(c for c in plan.checkpoints if c.id == view.checkpoint)
            plan_item = plan.item(view.id)
            hard = plan_item is not None and plan_item.hard
            (blockers if hard else warnings).append(
                text(lang, "warning.overdue", checkpoint=cp.label, label=view.label))
    deadline_missed = False
    if plan.approval_deadline is not None:
        end = pendulum.datetime(plan.approval_deadline.year, plan.approval_deadline.month,
                                plan.approval_deadline.day, tz=plan.timezone).add(days=1)
        missing = sum(1 for v in items if v.section == "signoff" and not v.ok)
        if now >= end and missing:
            deadline_missed = True
            warnings.append(text(lang, "warning.deadline",
                                 date=plan.approval_deadline.isoformat(), n=missing))

    milestones = tuple(
        MilestoneView(cp.id, cp.label, cp.at, cp.offset, reached=now >= cp.at,
                      current=current is not None and current.id == cp.id,
                      open_checks=sum(1 for v in items
                                      if v.checkpoint == cp.id and not v.ok))
        for cp in plan.checkpoints)
    phase, phase_label = _phase(plan, now, current)
    decision = _decision(plan, state, now, blockers)
    if decision is not None and decision.state == "superseded":
        blockers.insert(0, text(lang, "blocker.superseded", by=decision.by,
                                at=clock_text(decision.at, now),
                                cause=decision.superseded_by))
    golive = _golive(plan, state)
    if golive is not None and golive.step("started") and (
            decision is None or decision.decision != "go"):
        warnings.insert(0, text(lang, "warning.deploy_without_go"))
    return Board(plan=plan, now=now, items=tuple(items), contacts=contacts,
                 milestones=milestones, blockers=tuple(blockers), warnings=tuple(warnings),
                 decision=decision, golive=golive, phase=phase, phase_label=phase_label,
                 staging_since=staging_since, deadline_missed=deadline_missed,
                 events=events, head=head, blocker_targets=tuple(targets))


def clock_text(instant: pendulum.DateTime, now: pendulum.DateTime) -> str:
    """09:58 on the same day, 05.03. 17:45 on another: short enough for a blocker line."""
    instant = instant.in_tz(now.timezone_name or "UTC")
    return instant.format("HH:mm" if instant.date() == now.date() else "DD.MM. HH:mm")


def _decision(plan: Plan, state: State, now: pendulum.DateTime, blockers: list[str]
              ) -> DecisionView | None:
    """The decision and whether it still stands: a GO is overtaken by the first sign-off
    withdrawn, gate turned from green or contact made a placeholder after it (even if later
    put right: only a new decision restores a GO), or by any blocker now."""
    d = state.decision
    if d is None:
        return None
    view = DecisionView(d["decision"], d["by"], from_utc_text(d["at"]).in_tz(plan.timezone),
                        d.get("reason"), d["seq"])
    if view.decision != "go":
        return view
    causes = (_challenge(plan, c, now) for c in state.challenges)
    cause = next((c for c in causes if c), None)
    if cause is None and blockers:
        cause = blockers[0]
    if cause is None:
        return view
    return replace(view, state="superseded", superseded_by=cause)


def _challenge(plan: Plan, c: dict[str, Any], now: pendulum.DateTime) -> str | None:
    """The words for an event after a GO that overtook it, or None if it did not."""
    lang, target = plan.language, c["target"]
    at = clock_text(from_utc_text(c["at"]), now)
    if c["kind"] in ("revoke", "reject"):
        item = plan.item(target)
        role = (item.role or item.label) if item else target
        state = "revoked" if c["kind"] == "revoke" else "rejected"
        return text(lang, "cause.signoff", role=role, state=text(lang, f"state.{state}"), at=at)
    if c["kind"] == "gate":
        item = plan.item(target)
        return text(lang, "cause.gate", label=item.label if item else target,
                    state=text(lang, f"state.{c.get('state') or 'open'}"), at=at)
    role = plan.contact(target)
    if role is None or contact_problem(role.kind, placeholder=role.placeholder,
                                       label=role.label, name=c.get("name"),
                                       phone=c.get("phone"), channel=c.get("channel")) is None:
        return None
    return text(lang, "cause.contact", label=role.label, at=at)


def _golive(plan: Plan, state: State) -> GoLiveView | None:
    d = state.decision
    if not state.golive and (d is None or d["decision"] != "go"):
        return None
    steps = tuple(
        GoLiveStep(name, rec["by"], from_utc_text(rec["at"]).in_tz(plan.timezone), rec["seq"],
                   rec.get("reason"), rec.get("decider"), rec.get("actor") or rec["by"])
        for name in GOLIVE_STEPS if (rec := (state.golive or {}).get(name)))
    done = {s.step for s in steps}
    phase = next((ph for step, ph in (("rollback-finished", "rolled-back"),
                                      ("rollback", "rollback"), ("success", "success"),
                                      ("started", "running")) if step in done), "pending")
    verification = plan.verification or text(plan.language, "golive.verification")
    return GoLiveView(phase, steps, verification)


def _contact(plan: Plan, role: ContactRole, state: State) -> ContactView:
    lang = plan.language
    rec = state.contacts.get(role.id)
    if rec is None:
        return ContactView(role.id, role.label, role.kind, role.placeholder, True, None)
    by, at = rec.get("by"), local(plan, rec.get("at"))
    name, phone, channel = rec.get("name") or "", rec.get("phone") or "", rec.get("channel") or ""
    problem = contact_problem(role.kind, placeholder=role.placeholder, label=role.label,
                              name=name, phone=phone, channel=channel)
    words = None if problem in (None, "placeholder") else text(lang, f"contact.{problem}")
    if role.kind == "channel":
        return ContactView(role.id, role.label, role.kind, channel or role.placeholder,
                           problem is not None, words, channel=channel, by=by, at=at)
    shown = f"{name}, {display_phone(phone)}" if phone else name
    return ContactView(role.id, role.label, role.kind, shown or role.placeholder,
                       problem is not None, words, name=name, phone=phone, by=by, at=at)


def unreal_contacts(item: Item, unreal: dict[str, str]) -> list[str]:
    """The labels of the contacts a gate names that are still placeholders."""
    return [unreal[cid] for cid in item.contacts if cid in unreal]


def _follow_contacts(plan: Plan, item: Item, view: ItemView, unreal: dict[str, str]
                     ) -> ItemView:
    """A gate that names contacts ("Rollback-Verantwortung benannt") is not green while
    one of them is a placeholder, whoever set it green and whenever: the board never says
    a contact is named and missing at once."""
    missing = unreal_contacts(item, unreal)
    if not missing or view.state != "green":
        return view
    labels = ", ".join(missing)
    return replace(view, state="open",
                   detail=text(plan.language, "derived.gate.contacts.missing", labels=labels))


def _current_checkpoint(plan: Plan, now: pendulum.DateTime) -> Checkpoint | None:
    reached = [cp for cp in plan.checkpoints if now >= cp.at]
    return reached[-1] if reached else None


def _phase(plan: Plan, now: pendulum.DateTime, current: Checkpoint | None) -> tuple[str, str]:
    lang = plan.language
    if current is None:
        first = plan.checkpoints[0]
        return f"before:{first.id}", text(lang, "phase.before", label=first.label)
    if current is plan.checkpoints[-1]:
        return f"after:{current.id}", text(lang, "phase.after", label=current.label)
    return current.id, text(lang, "phase.at", label=current.label)


def staging_status(plan: Plan, item: Item, since: pendulum.DateTime | None,
             now: pendulum.DateTime) -> tuple[bool, str]:
    """Whether staging has been stable for the item's hours, and the words for why."""
    lang = plan.language
    if since is None:
        return False, text(lang, "derived.staging.unset")
    holds_at = since.add(hours=item.hours)
    if now >= holds_at:
        return True, text(lang, "derived.staging.holds", since=short_time(since),
                          hours=item.hours)
    left = format_duration((holds_at - now).total_seconds())
    return False, text(lang, "derived.staging.waiting", since=short_time(since), left=left)


def _item(plan: Plan, item: Item, state: State, now: pendulum.DateTime,
          staging_since: pendulum.DateTime | None, missing_contacts: int,
          current: Checkpoint | None) -> ItemView:
    lang = plan.language
    rec = state.items.get(item.id) or {}
    by, at = rec.get("by"), local(plan, rec.get("at"))
    reason = rec.get("reason") or rec.get("note")
    base = ItemView(id=item.id, section=item.section, label=item.label,
                    state="pending" if item.section == "signoff" else "open",
                    checkpoint=item.checkpoint, role=item.role, informed=item.informed)
    if item.derived == "staging-stable":
        holds, detail = staging_status(plan, item, staging_since, now)
        if item.section == "gate" and rec.get("state") == "red":
            view = replace(base, state="red", by=by, at=at, reason=reason, detail=detail,
                           derived=True)
        elif item.section == "gate":
            view = replace(base, state="green" if holds else "open", detail=detail,
                           derived=True,
                           by=state.staging.get("by") if state.staging else None,
                           at=local(plan, state.staging["at"]) if state.staging else None)
        else:
            view = replace(base, state="done" if holds else "open", detail=detail,
                           derived=True)
    elif item.derived == "contacts-complete":
        detail = (text(lang, "derived.contacts.complete") if not missing_contacts
                  else text(lang, "derived.contacts.missing", n=missing_contacts))
        view = replace(base, state="open" if missing_contacts else "done", detail=detail,
                       derived=True)
    elif item.derived == "deploy-started":
        started = (state.golive or {}).get("started")
        if started:
            when = local(plan, started["at"])
            assert when is not None
            view = replace(base, state="done", by=started["by"], at=when, derived=True,
                           detail=text(lang, "derived.deploy.started", at=short_time(when)))
        else:
            view = replace(base, detail=text(lang, "derived.deploy.pending"), derived=True)
    else:
        if rec.get("corrected"):
            reason = text(lang, "corrected.reason", seq=rec["corrected"], reason=reason or "")
        view = replace(base, state=rec.get("state", base.state), by=by, at=at, reason=reason)
    if item.section == "check" and not view.ok and current is not None:
        ids = [cp.id for cp in plan.checkpoints]
        if item.checkpoint in ids and ids.index(item.checkpoint) < ids.index(current.id):
            view = replace(view, overdue=True)
    return view
