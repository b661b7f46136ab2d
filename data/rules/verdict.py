"""The rules: from plan, state and now to an immutable Board with the verdict, its blockers
and the warnings.

Everything time-dependent is computed from the injected instant, never stored: what each
item, contact and go-live step says (staging stable for 24 h, overdue checks) in
`item_states`; the verdict, blockers, warnings and a GO overtaken here. The Board itself
is in `board`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace

from golive.data.log.fold import Challenge, State
from golive.data.log.kinds import ItemState, Kind, Step
from golive.data.plan.model import DECISION_ITEM, Plan
from golive.data.rules import roster
from golive.data.rules.board import Blocker, Board, DecisionView, ItemView, MilestoneView
from golive.data.rules.contacts import contact_problem
from golive.data.rules.item_states import (
    contact_view,
    current_checkpoint,
    follow_contacts,
    golive_view,
    item_view,
    local,
    phase_of,
)
from golive.data.rules.marks import late_approvals, staging_moved
from golive.data.rules.phase import golive_phase
from golive.data.texts.catalogue import text
from golive.data.time.clock import from_utc_text
from golive.data.time.formats import hm_or_day_hm
from golive.data.time.instants import in_zone


def evaluate(plan: Plan, state: State, now: _dt.datetime, *, events: int = 0,
             head: str = "") -> Board:
    now = in_zone(now, plan.timezone)
    lang = plan.language
    contacts = tuple(contact_view(plan, role, state) for role in plan.contacts)
    missing_contacts = sum(1 for c in contacts if c.placeholder)
    staging_since = local(plan, state.staging["since"]) if state.staging else None

    current = current_checkpoint(plan, now)
    items: list[ItemView] = []
    unreal = {c.id: c.label for c in contacts if c.placeholder}
    for item in plan.items:
        view = item_view(plan, item, state, now, staging_since, missing_contacts, current)
        items.append(follow_contacts(plan, item, view, unreal))

    blocked: list[Blocker] = []
    warnings: list[str] = []
    for view in items:
        if view.section == "signoff" and not view.ok:
            role = view.role or view.label
            if view.void:
                words = text(lang, "blocker.signoff.void", role=role, why=view.void)
            elif view.informed and view.state == "pending":
                words = text(lang, "blocker.informed", role=role)
            elif view.reason:
                words = text(lang, "blocker.signoff.reason", role=role,
                             state=text(lang, f"state.{view.state}"), reason=view.reason)
            else:
                words = text(lang, "blocker.signoff", role=role,
                             state=text(lang, f"state.{view.state}"))
            blocked.append(Blocker(words, view.id))
        elif view.section == "gate" and not view.ok:
            note = view.reason or view.detail
            key = "blocker.gate.note" if note else "blocker.gate"
            blocked.append(Blocker(text(lang, key, label=view.label,
                                        state=text(lang, f"state.{view.state}"), note=note),
                                   view.id))
    if not plan.signoffs:  # no one's approval in the plan: GO-READY would ask for none
        blocked.append(Blocker(text(lang, "blocker.no_signoffs")))
    for c in contacts:
        if c.placeholder:
            if c.problem:
                words = text(lang, "blocker.contact", label=c.label, problem=c.problem)
            else:
                words = text(lang, "blocker.placeholder", value=c.value, label=c.label)
            blocked.append(Blocker(words, c.id))
    for view in items:
        if view.section == "comms" and not view.ok and not view.derived:
            warnings.append(text(lang, "warning.comms", label=view.label))
        if view.overdue:
            cp = next(c for c in plan.checkpoints if c.id == view.checkpoint)
            plan_item = plan.item(view.id)
            words = text(lang, "warning.overdue", checkpoint=cp.label, label=view.label)
            if plan_item is not None and plan_item.hard:
                blocked.append(Blocker(words, view.id))
            else:
                warnings.append(words)
    # what the rules stand on, changed: sign-offs after the deadline, staging moved earlier
    items, deadline_missed = late_approvals(plan, items, now, warnings)
    warnings += staging_moved(plan, state)

    milestones = tuple(
        MilestoneView(cp.id, cp.label, cp.at, cp.offset, reached=now >= cp.at,
                      current=current is not None and current.id == cp.id,
                      open_checks=sum(1 for v in items
                                      if v.checkpoint == cp.id and not v.ok))
        for cp in plan.checkpoints)
    window, window_label = phase_of(plan, now, current)
    decision = _decision(plan, state, now, [b.text for b in blocked])
    if decision is not None and decision.state == "superseded":
        blocked.insert(0, Blocker(text(lang, "blocker.superseded", by=decision.by,
                                       at=hm_or_day_hm(decision.at, now),
                                       cause=decision.superseded_by)))
    golive = golive_view(plan, state)
    if golive is not None and golive.step(Step.STARTED) and (
            decision is None or decision.decision != "go"):
        warnings.insert(0, text(lang, "warning.deploy_without_go"))
    phase = golive_phase(decision, golive)
    return Board(plan=plan, now=now, items=tuple(items), contacts=contacts,
                 milestones=milestones, blockers=tuple(blocked),
                 warnings=tuple(warnings), decision=decision, golive=golive, window=window,
                 window_label=window_label, staging_since=staging_since,
                 deadline_missed=deadline_missed, events=events, head=head,
                 phase=phase,
                 phase_label=text(lang, f"verdict.{phase}"))


def _decision(plan: Plan, state: State, now: _dt.datetime, blockers: list[str]
              ) -> DecisionView | None:
    """The decision and whether it still stands: a GO is overtaken by the first sign-off
    withdrawn, gate turned from green or contact made a placeholder after it (even if later
    put right: only a new decision restores a GO), or by any blocker now."""
    d = state.decision
    if d is None:
        return None
    view = DecisionView(d["decision"], d["by"], in_zone(from_utc_text(d["at"]), plan.timezone),
                        d.get("reason"), d["seq"], signed=d.get("signed"))
    if view.decision != "go":
        return view
    void = roster.void(d, state, roster.required(plan, DECISION_ITEM))
    causes = (_challenge(plan, c, now) for c in state.challenges)
    cause = next((c for c in causes if c), None)
    if void is not None:  # a GO whose signature does not hold never stood
        cause = text(plan.language, "cause.void", why=void)
    if cause is None and blockers:
        cause = blockers[0]
    if cause is None:
        return view
    return replace(view, state="superseded", superseded_by=cause)


def _challenge(plan: Plan, c: Challenge, now: _dt.datetime) -> str | None:
    """The words for an event after a GO that overtook it, or None if it did not."""
    lang, target = plan.language, c.target
    at = hm_or_day_hm(from_utc_text(c.at), now)
    match c.kind:
        case Kind.REVOKE | Kind.REJECT:
            item = plan.item(target)
            state = ItemState.REVOKED if c.kind == Kind.REVOKE else ItemState.REJECTED
            return text(lang, "cause.signoff", role=(item.role or item.label) if item else target,
                        state=text(lang, f"state.{state}"), at=at)
        case Kind.GATE:
            item = plan.item(target)
            return text(lang, "cause.gate", label=item.label if item else target,
                        state=text(lang, f"state.{c.state or ItemState.OPEN}"), at=at)
        case Kind.CORRECT:
            item, contact = plan.item(target), plan.contact(target)
            label = (item.role or item.label) if item else contact.label if contact else target
            return text(lang, "cause.corrected", label=label, seq=c.corrected, at=at)
    role = plan.contact(target)
    if role is None or contact_problem(role.kind, placeholder=role.placeholder,
                                       label=role.label, name=c.name, phone=c.phone,
                                       channel=c.channel) is None:
        return None
    return text(lang, "cause.contact", label=role.label, at=at)
