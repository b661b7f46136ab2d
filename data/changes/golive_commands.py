"""The go-live's commands after a GO: deploy started, finished, verified; a rollback decided
and finished; success. Each checks the step before it, records a step once, and moves on
only while the GO stands (a rollback needs none: it is what a superseded GO may need)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from golive.data.changes.parts import Change, field_text
from golive.data.changes.refused import Refused
from golive.data.log.fold import State
from golive.data.log.kinds import Kind, Step
from golive.data.log.records import StepRecord
from golive.data.plan.model import Plan
from golive.data.rules.item_states import local
from golive.data.rules.verdict import evaluate
from golive.data.signing.statement import Signed
from golive.data.texts.catalogue import Term
from golive.data.time.formats import day_hms_zone

GOLIVE_TARGET = "golive"
DEPLOY_STEPS = (Step.STARTED, Step.FINISHED, Step.VERIFIED)


def _golive_step(state: State, step: str) -> StepRecord | None:
    return (state.golive or {}).get(step)


def _step_words(plan: Plan, step: str) -> Term | str:
    """A go-live step's name, in the refusal's language (the plan's verification is the
    plan's own words)."""
    if step == Step.VERIFIED:
        return plan.verification or Term("golive.verification")
    return Term("golive.phase.rollback" if step == Step.ROLLBACK else f"golive.step.{step}")


_STEP_COMMAND: dict[str, str] = {Step.STARTED: "deploy started", Step.FINISHED: "deploy finished",
                 Step.VERIFIED: "deploy verified"}


def _need(plan: Plan, state: State, step: str, what: str) -> None:
    """Refuse a go-live step whose predecessor is missing."""
    if _golive_step(state, step) is None:
        raise Refused("refused.step.need", what=_step_words(plan, what),
                      step=_step_words(plan, step), command=_STEP_COMMAND[step])


def _once(plan: Plan, state: State, step: str) -> None:
    rec = _golive_step(state, step)
    if rec is not None:
        when = local(plan, rec["at"])
        assert when is not None
        raise Refused("refused.step.once", what=_step_words(plan, step),
                      at=day_hms_zone(when), seq=rec["seq"])


def _not_after_rollback(plan: Plan, state: State, step: str) -> None:
    if _golive_step(state, Step.ROLLBACK) is not None:
        raise Refused("refused.step.after_rollback", what=_step_words(plan, step))


def _go_stands(plan: Plan, state: State, now: _dt.datetime, step: str) -> None:
    """A deploy step or a success only while the GO still stands: on a superseded GO
    the next step is a new decision or a rollback, never "finished" or "success"."""
    d = evaluate(plan, state, now).decision
    if d is None or d.decision != "go":
        raise Refused("refused.step.no_go", what=_step_words(plan, step))
    if d.state == "superseded":
        raise Refused("refused.step.superseded", what=_step_words(plan, step),
                      cause=d.superseded_by)


@dataclass(frozen=True)
class Deploy:
    """The go-live after a GO: started (only on a GO that still stands), finished,
    verified (the plan's verification, e.g. smoke tests green)."""

    step: str

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        if self.step not in DEPLOY_STEPS:
            raise Refused("refused.deploy.step", step=self.step)
        _once(plan, state, self.step)
        if self.step == Step.STARTED:
            decision = evaluate(plan, state, now).decision
            if decision is None or decision.decision != "go":
                raise Refused("refused.deploy.no_go")
            if decision.state == "superseded":
                raise Refused("refused.deploy.superseded", cause=decision.superseded_by)
        else:
            _need(plan, state, DEPLOY_STEPS[DEPLOY_STEPS.index(self.step) - 1], self.step)
            _not_after_rollback(plan, state, self.step)
            _go_stands(plan, state, now, self.step)
        return Change(Kind.DEPLOY, GOLIVE_TARGET, {"step": self.step})


def rollback_decider(plan: Plan, state: State) -> str | None:
    """The name of the contact who decides a rollback (the source document's
    [Rollback-Entscheider]), if it is filled in."""
    role = next((c for c in plan.contacts if "rollback" in c.id), None)
    if role is None:
        return None
    rec = state.contacts.get(role.id)
    return (rec.get("name") if rec else None) or None


@dataclass(frozen=True)
class Rollback:
    """A rollback is a decision of its own: who (the rollback decider, or someone else,
    shown as such), why and when; then, separately, when it was finished."""

    by: str | None = None
    reason: str | None = None
    finished: bool = False
    signed: Signed | None = None
    head: tuple[int, str] | None = None  # bound by the store for a signed decision

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        if self.finished:
            if self.by or self.reason or self.signed:
                raise Refused("refused.rollback.finished_args")
            if _golive_step(state, Step.ROLLBACK) is None:
                raise Refused("refused.rollback.none")
            _once(plan, state, Step.ROLLBACK_FINISHED)
            return Change(Kind.ROLLBACK, GOLIVE_TARGET, {"step": Step.ROLLBACK_FINISHED})
        from golive.data.changes.commands import _person, _signed  # commands imports this module
        from golive.data.rules import roster

        by = roster.may_decide(plan, "rollback",
                               _person(self.by, "field.rollback_decider", plan))
        reason = field_text(self.reason, "field.reason")
        _once(plan, state, Step.ROLLBACK)
        _need(plan, state, Step.STARTED, Step.ROLLBACK)
        payload = {"step": Step.ROLLBACK, "by": by, "reason": reason,
                   "decider": rollback_decider(plan, state)}
        return Change(Kind.ROLLBACK, GOLIVE_TARGET, _signed(
            plan, "rollback", GOLIVE_TARGET, payload, self.signed, self.head, now))


@dataclass(frozen=True)
class Outcome:
    """The go-live went well: after the deploy was verified, and not after a rollback."""

    outcome: str = "success"

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        if self.outcome != "success":
            raise Refused("refused.outcome", value=self.outcome)
        _once(plan, state, Step.SUCCESS)
        _not_after_rollback(plan, state, Step.SUCCESS)
        _need(plan, state, Step.VERIFIED, Step.SUCCESS)
        _go_stands(plan, state, now, Step.SUCCESS)
        return Change(Kind.OUTCOME, GOLIVE_TARGET, {"step": Step.SUCCESS})
