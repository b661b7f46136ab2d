"""Who may give what, by the plan's roster, and separation of duties.

Where the plan names the people of a sign-off (`[[people]]` with its id, or the sign-off's
`owner`), only they may give it; where it names who decides (role "decision") or decides a
rollback (role "rollback"), only they may. By default one person gives at most one
sign-off and a GO's decider is not the only person behind the sign-offs, with or without
a roster: a release manager reads six sign-offs as six people, and one name on several is
a slip or a rubber stamp. `[roster] separation_of_duties = false` relaxes both, and the
approval document says so.

Also here, pure: whether a recorded signature counts (the checking itself is
`signatures`, which runs ssh-keygen).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from golive.data.changes.refused import Refused
from golive.data.log.fold import State
from golive.data.plan.model import Item, Person, Plan
from golive.data.plan.roster_reader import same_person
from golive.data.texts.catalogue import Term, text
from golive.data.texts.symbols import SIGNED


def person(plan: Plan, name: str) -> Person | None:
    return next((p for p in plan.roster.people if same_person(p.name, name)), None)


def names(people: tuple[Person, ...] | list[Person]) -> str:
    return ", ".join(p.name for p in people)


def signoff_people(plan: Plan, item_id: str) -> tuple[Person, ...]:
    return tuple(p for p in plan.roster.people if item_id in p.signoffs)


def role_people(plan: Plan, role: str) -> tuple[Person, ...]:
    return tuple(p for p in plan.roster.people if role in p.roles)


def suggestions(plan: Plan, item_id: str | None = None, role: str | None = None
                ) -> tuple[str, ...]:
    """Names a name field completes: the item's (or role's) people first, then the rest."""
    first = signoff_people(plan, item_id) if item_id else role_people(plan, role or "")
    rest = tuple(p for p in plan.roster.people if p not in first)
    return tuple(p.name for p in first + rest)


def may_give(plan: Plan, item: Item, name: str) -> str:
    """The name as the roster writes it, if the plan names this sign-off's people and
    `name` is one of them; the name as typed where it names nobody; Refused otherwise."""
    people = signoff_people(plan, item.id)
    if not people:
        return name
    found = next((p for p in people if same_person(p.name, name)), None)
    if found is None:
        raise Refused("roster.not_signoff", name=name, role=item.role or item.label,
                      people=names(people))
    return found.name


def may_decide(plan: Plan, role: str, name: str) -> str:
    """The same for a decision (role "decision") or a rollback (role "rollback")."""
    people = role_people(plan, role)
    if not people:
        return name
    found = next((p for p in people if same_person(p.name, name)), None)
    if found is None:
        key = "roster.not_decision" if role == "decision" else "roster.not_rollback"
        raise Refused(key, name=name, people=names(people))
    return found.name


def one_signoff_each(plan: Plan, state: State, item: Item, name: str) -> None:
    """Refused when the person already gave another sign-off that stands."""
    if not plan.roster.separation_of_duties:
        return
    for other in plan.signoffs:
        rec: Mapping[str, Any] = state.items.get(other.id) or {}
        if other.id != item.id and rec.get("state") == "approved" \
                and same_person(str(rec.get("by") or ""), name):
            raise Refused("duty.one_signoff", name=name, other=other.role or other.label,
                          seq=rec.get("seq"))


def decider_not_alone(plan: Plan, state: State, name: str) -> None:
    """Refused when the decider of a GO is the only person behind the approved sign-offs."""
    if not plan.roster.separation_of_duties:
        return
    approvers = {str(rec.get("by") or "").casefold() for s in plan.signoffs
                 if (rec := state.items.get(s.id)) and rec.get("state") == "approved"}
    if approvers and all(same_person(a, name) for a in approvers):
        raise Refused("duty.decider_alone", name=name)


def required(plan: Plan, target: str) -> bool:
    """Whether a sign-off (or the GO: "decision") counts only when signed."""
    return target in plan.roster.require_signatures


def void(rec: Mapping[str, Any], state: State, must_sign: bool) -> Term | None:
    """Why a recorded approval or decision does not count, if it does not: signed with a
    signature that does not verify (or was never checked), or unsigned where the plan
    requires a signature."""
    if rec.get("signed"):
        seq = rec.get("seq")
        if seq not in state.checked:
            return Term("void.unchecked")
        problem = state.checked[seq]
        return None if problem is None else Term("void.bad", why=problem)
    return Term("void.unsigned") if must_sign else None



def given(lang: str, signed: str | None) -> str:
    """How a sign-off or decision was given: signed (key type and fingerprint) or typed."""
    if signed:
        return f"{SIGNED} " + text(lang, "signed.by", key=signed)
    return text(lang, "signed.typed")
