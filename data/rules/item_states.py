"""What each item, contact and go-live step says at one instant, from the plan, the folded
state and now: derived items (staging stable for 24 h, contacts complete, a gate that
names contacts, deploy started) and overdue checks are computed here, never stored."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from golive.data.log.fold import State
from golive.data.log.kinds import Step
from golive.data.plan.model import Checkpoint, ContactRole, Item, Plan
from golive.data.rules.board import GOLIVE_STEPS, ContactView, GoLiveStep, GoLiveView, ItemView
from golive.data.rules.contacts import contact_problem, display_phone
from golive.data.rules.roster import required, void
from golive.data.texts.catalogue import text
from golive.data.time.clock import format_duration, from_utc_text
from golive.data.time.formats import day_hm_zone, day_hm_zone_in
from golive.data.time.instants import elapsed, in_zone, later


def local(plan: Plan, at: str | None) -> _dt.datetime | None:
    return in_zone(from_utc_text(at), plan.timezone) if at else None


def golive_view(plan: Plan, state: State) -> GoLiveView | None:
    d = state.decision
    if not state.golive and (d is None or d["decision"] != "go"):
        return None
    steps = tuple(
        GoLiveStep(name, rec["by"], in_zone(from_utc_text(rec["at"]), plan.timezone), rec["seq"],
                   rec.get("reason"), rec.get("decider"), rec.get("actor") or rec["by"],
                   rec.get("signed"), _void_text(plan, rec, state, False))
        for name in GOLIVE_STEPS if (rec := (state.golive or {}).get(name)))
    verification = plan.verification or text(plan.language, "golive.verification")
    return GoLiveView(steps, verification)


def contact_view(plan: Plan, role: ContactRole, state: State) -> ContactView:
    lang = plan.language
    rec = state.contacts.get(role.id)
    if rec is None:
        return ContactView(role.id, role.label, role.kind, role.placeholder, True, None)
    by, at = rec.get("by"), local(plan, rec.get("at"))
    name, phone, channel = rec.get("name") or "", rec.get("phone") or "", rec.get("channel") or ""
    problem = contact_problem(role.kind, placeholder=role.placeholder, label=role.label,
                              name=name, phone=phone, channel=channel) \
        or _same_as_earlier(plan, role, state)
    words = None if problem in (None, "placeholder") else text(lang, f"contact.{problem}")
    if role.kind == "channel":
        return ContactView(role.id, role.label, role.kind, channel or role.placeholder,
                           problem is not None, words, channel=channel, by=by, at=at)
    shown = f"{name}, {display_phone(phone)}" if phone else name
    return ContactView(role.id, role.label, role.kind, shown or role.placeholder,
                       problem is not None, words, name=name, phone=phone, by=by, at=at,
                       email=rec.get("email") or None)


def _same_as_earlier(plan: Plan, role: ContactRole, state: State) -> str | None:
    """Two contacts where the plan asks for two: a channel already given for an earlier
    channel role, or a person (name or number) already named for an earlier role of the
    same function, which the label's last word names (Primär-On-Call, Backup-On-Call);
    ('same_channel', 'same_person'). The later role in plan order is the one that is not
    real. A rollback decider may well be one of the on-calls."""
    from golive.data.rules.people import (
        channel_of_another_role,
        function_of,
        same_channel,
        same_person,
    )

    rec: Mapping[str, Any] = state.contacts.get(role.id) or {}
    if role.kind == "channel" and channel_of_another_role(
            rec.get("channel") or "", role.label,
            [c.label for c in plan.contacts if c.kind == "channel" and c.id != role.id]):
        return "other_channel"
    for other in plan.contacts:
        if other.id == role.id:
            return None
        if other.kind != role.kind or (done := state.contacts.get(other.id)) is None:
            continue
        if role.kind != "channel" and function_of(other.label) != function_of(role.label):
            continue
        if role.kind == "channel":
            if same_channel(rec.get("channel") or "", done.get("channel") or ""):
                return "same_channel"
        elif same_person(rec.get("name") or "", rec.get("phone") or "",
                         done.get("name") or "", done.get("phone") or ""):
            return "same_person"
    return None


def contacts_to_fill(item: Item, contacts: Sequence[ContactView]) -> list[ContactView]:
    """The contacts a gate names that keep it from green: the placeholders among them,
    else each that repeats an earlier one's value (the status and the incident channel
    are two channels, not one named twice)."""
    named = [c for cid in item.contacts for c in contacts if c.id == cid]
    # a contact the people rule refuses because it repeats an earlier one is a repeat here
    missing = [c for n, c in enumerate(named) if c.placeholder
               and not any(_same(c) and _same(c) == _same(o)
                           for o in named[:n] + named[n + 1:])]
    if missing:
        return missing
    seen: set[str] = set()
    repeated = []
    for c in named:
        if _same(c) in seen:
            repeated.append(c)
        seen.add(_same(c))
    return repeated


def _same(contact: ContactView) -> str:
    """What makes two contacts one: the channel or the person's name, in any case."""
    return (contact.channel or contact.name or "").strip().casefold()


def repeated_contact(item: Item, plan: Plan, state: State) -> bool:
    """Whether what keeps a contact-backed gate from green is one contact named twice
    (rather than a placeholder)."""
    views = [contact_view(plan, role, state) for cid in item.contacts
             if (role := plan.contact(cid)) is not None]
    to_fill = contacts_to_fill(item, views)
    return bool(to_fill) and any(_same(to_fill[0]) and _same(v) == _same(to_fill[0])
                                 for v in views if v is not to_fill[0])


def contacts_status(plan: Plan, item: Item, state: State
                    ) -> tuple[bool, str, str | None, _dt.datetime | None]:
    """Whether the contacts a gate names ("Rollback-Verantwortung benannt") are real and
    distinct; the words for it; and who filled in the last of them, and when: that is
    when the gate turned green."""
    lang = plan.language
    views = [contact_view(plan, role, state) for cid in item.contacts
             if (role := plan.contact(cid)) is not None]
    to_fill = contacts_to_fill(item, views)
    labels = ", ".join(c.label for c in to_fill)
    repeats = bool(to_fill) and any(_same(to_fill[0]) and _same(v) == _same(to_fill[0])
                                    for v in views if v is not to_fill[0])
    if to_fill and not repeats:
        return False, text(lang, "derived.gate.contacts.missing", labels=labels), None, None
    if to_fill:
        first = next(v for v in views if _same(v) == _same(to_fill[0]))
        return False, text(lang, "derived.gate.contacts.same", value=first.value,
                           labels=f"{first.label}, {labels}"), None, None
    last = max((v for v in views if v.at is not None), key=lambda v: v.at or 0, default=None)
    words = text(lang, "derived.gate.contacts.named", labels=", ".join(v.label for v in views))
    return True, words, last.by if last else None, last.at if last else None


def _void_text(plan: Plan, rec: Mapping[str, Any], state: State, must_sign: bool
               ) -> str | None:
    why = void(rec, state, must_sign)
    return None if why is None else why.text(plan.language)


def unreal_contacts(item: Item, unreal: dict[str, str]) -> list[str]:
    """The labels of the contacts a gate names that are still placeholders."""
    return [unreal[cid] for cid in item.contacts if cid in unreal]


def follow_contacts(plan: Plan, item: Item, view: ItemView, unreal: dict[str, str]
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


def current_checkpoint(plan: Plan, now: _dt.datetime) -> Checkpoint | None:
    reached = [cp for cp in plan.checkpoints if now >= cp.at]
    return reached[-1] if reached else None


def phase_of(plan: Plan, now: _dt.datetime, current: Checkpoint | None) -> tuple[str, str]:
    lang = plan.language
    if current is None:
        first = plan.checkpoints[0]
        return f"before:{first.id}", text(lang, "phase.before", label=first.label)
    if current is plan.checkpoints[-1]:
        return f"after:{current.id}", text(lang, "phase.after", label=current.label)
    return current.id, text(lang, "phase.at", label=current.label)


def staging_status(plan: Plan, item: Item, since: _dt.datetime | None,
                   now: _dt.datetime) -> tuple[bool, str]:
    """Whether staging has been stable for the item's hours, and the words for why."""
    lang = plan.language
    if since is None:
        return False, text(lang, "derived.staging.unset")
    holds_at = later(since, hours=item.hours)
    said = day_hm_zone_in(since, plan.t0.astimezone(since.tzinfo).year)
    if now >= holds_at:
        return True, text(lang, "derived.staging.holds", since=said, hours=item.hours)
    left = format_duration(elapsed(now, holds_at).total_seconds())
    return False, text(lang, "derived.staging.waiting", since=said, left=left)


def imported_from(rec: Mapping[str, Any]) -> tuple[str, int, str | None] | None:
    """A tick the team's checklist gave: its file, line and date (golive.data.checklist)."""
    mark = rec.get("imported")
    if not isinstance(mark, dict):
        return None
    on = mark.get("on")
    return (str(mark.get("from") or ""), int(mark.get("line") or 0),
            str(on) if on else None)


def item_view(plan: Plan, item: Item, state: State, now: _dt.datetime,
              staging_since: _dt.datetime | None, missing_contacts: int,
              current: Checkpoint | None) -> ItemView:
    lang = plan.language
    rec: Mapping[str, Any] = state.items.get(item.id) or {}
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
            recorded = local(plan, state.staging["at"]) if state.staging else None
            if holds and recorded is not None and staging_since is not None:
                # green when the hold ended, not when its start was typed
                recorded = max(recorded, later(staging_since, hours=item.hours))
            view = replace(base, state="green" if holds else "open", detail=detail,
                           derived=True,
                           by=state.staging.get("by") if state.staging else None,
                           at=recorded)
        else:
            view = replace(base, state="done" if holds else "open", detail=detail,
                           derived=True)
    elif item.derived == "contacts-complete":
        detail = (text(lang, "derived.contacts.complete") if not missing_contacts
                  else text(lang, "derived.contacts.missing", n=missing_contacts))
        view = replace(base, state="open" if missing_contacts else "done", detail=detail,
                       derived=True)
    elif item.section == "gate" and item.contacts:
        # follows its contacts as the staging gate follows its instant: green once they
        # are real and distinct, by whoever filled in the last; red with a reason overrides
        named, detail, who, when = contacts_status(plan, item, state)
        if rec.get("state") == "red":
            view = replace(base, state="red", by=by, at=at, reason=reason, detail=detail,
                           derived=True)
        else:
            view = replace(base, state="green" if named else "open", derived=True,
                           detail=None if named else detail, by=who, at=when)
    elif item.derived == "deploy-started":
        started = (state.golive or {}).get(Step.STARTED)
        if started:
            when = local(plan, started["at"])
            assert when is not None
            view = replace(base, state="done", by=started["by"], at=when, derived=True,
                           detail=text(lang, "derived.deploy.started", at=day_hm_zone(when)))
        else:
            view = replace(base, detail=text(lang, "derived.deploy.pending"), derived=True)
    else:
        if rec.get("corrected"):
            reason = text(lang, "corrected.reason", seq=rec["corrected"], reason=reason or "")
        view = replace(base, state=rec.get("state", base.state), by=by, at=at, reason=reason,
                       imported=imported_from(rec))
        if item.section == "signoff" and view.state == "approved":
            view = replace(view, signed=rec.get("signed"),
                           void=_void_text(plan, rec, state, required(plan, item.id)))
    if item.section == "check" and not view.ok and current is not None:
        ids = [cp.id for cp in plan.checkpoints]
        if item.checkpoint in ids and ids.index(item.checkpoint) < ids.index(current.id):
            view = replace(view, overdue=True)
    return view
