"""One event in words, and the times around it, for the log panel and the retrospective export.

Pure and cheap (no SQL, no pendulum on the hot path): the export calls it once per event,
so 100,000 events must cost well under a second. Returns text, never markup; callers
escape for their medium (Markdown, Rich) and use `text.one_line` where one line is needed.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from golive.data.log.events import Event
from golive.data.plan.model import Plan
from golive.data.rules.contacts import display_phone, mask_phone
from golive.data.rules.marks import late_at
from golive.data.texts.catalogue import text
from golive.data.texts.user_text import clean_text
from golive.data.time.clock import format_countdown
from golive.data.time.formats import day_hm_zone_in, local_with_offset, plan_zone
from golive.data.time.instants import elapsed


def utc_instant(at: str) -> _dt.datetime:
    """The stored UTC text as an aware datetime (stdlib: ten times cheaper than pendulum)."""
    return _dt.datetime.fromisoformat(at)


def t_relative(instant: _dt.datetime, t0: _dt.datetime) -> str:
    """An instant relative to T-0 in countdown form: T-00:42:10 before, T+1d 02:00:00 after."""
    return format_countdown(elapsed(instant, t0).total_seconds())


def phone_text(phone: str | None, *, mask_phones: bool) -> str:
    if not phone:
        return ""
    return mask_phone(phone) if mask_phones else display_phone(phone)


def _role(plan: Plan, item_id: str) -> tuple[str, bool]:
    item = plan.item(item_id)
    if item is None:
        return item_id, False
    return item.role or item.label, item.informed


def _label(plan: Plan, item_id: str) -> str:
    item = plan.item(item_id)
    return item.label if item is not None else item_id


def describe_note(lang: str, payload: dict[str, Any]) -> str:
    """A note in words: the bulk of a long log, so the export calls this directly."""
    return clean_text(text(lang, "event.note", text=payload.get("text") or ""))


def golive_step_text(plan: Plan, step: str, *, by: str = "", reason: str = "",
                     decider: str | None = None) -> str:
    """One go-live step in words; a rollback by someone other than the named rollback
    decider says so."""
    lang = plan.language
    if step == "verified":
        return plan.verification or text(lang, "golive.verification")
    if step != "rollback":
        return text(lang, f"golive.step.{step}")
    role = next((c.label for c in plan.contacts if "rollback" in c.id), "")
    if not decider:
        who = text(lang, "golive.no_decider")
    elif decider.casefold() != by.casefold():
        who = text(lang, "golive.not_decider", decider=decider)
    else:
        who = role or text(lang, "golive.is_decider")
    return text(lang, "golive.step.rollback", by=by, who=who, reason=reason)


def _what(plan: Plan, kind: str, target: str) -> str:
    """What a correction is about, in the plan's words where it has them."""
    contact = plan.contact(target)
    if plan.item(target) is not None or contact is not None:
        return _label(plan, target) if contact is None else contact.label
    if kind == "decide":
        return text(plan.language, "export.decision")
    if kind == "note":
        return text(plan.language, "event.note", text="").rstrip(": ")
    return text(plan.language, "golive.title") if target == "golive" else kind


def describe(event: Event, plan: Plan, *, mask_phones: bool, short_times: bool = False
             ) -> str:
    """The event in the plan's language, user text kept literal (control characters
    stripped, newlines kept). An instant it names reads as the cockpit says one
    (06.03. 05:00 CET) with `short_times` (the log, the CLI's lines), else in the
    export's full form with its offset (2026-03-06 05:00:00+01:00)."""
    lang, p, kind, target = plan.language, event.payload, event.kind, event.target

    def when(at: str) -> str:
        instant = utc_instant(at)
        if short_times:
            zone = plan_zone(plan.timezone)
            return day_hm_zone_in(instant.astimezone(zone), plan.t0.astimezone(zone).year)
        return local_with_offset(instant, plan.timezone)

    if kind == "note":
        return describe_note(lang, p)
    if kind == "check":
        key = "event.check" if p.get("done", True) else "event.uncheck"
        out = text(lang, key, label=_label(plan, target))
    elif kind == "gate":
        state = text(lang, f"state.{p.get('state', 'open')}")
        if p.get("note"):
            out = text(lang, "event.gate.note", label=_label(plan, target), state=state,
                       note=p["note"])
        else:
            out = text(lang, "event.gate", label=_label(plan, target), state=state)
    elif kind == "approve":
        role, informed = _role(plan, target)
        out = text(lang, "event.inform" if informed else "event.approve", role=role,
                   by=p.get("by") or event.actor)
        if late_at(plan, event.at) and plan.approval_deadline is not None:
            out += text(lang, "event.late", date=plan.approval_deadline.isoformat())
    elif kind == "reject":
        out = text(lang, "event.reject", role=_role(plan, target)[0],
                   by=p.get("by") or event.actor, reason=p.get("reason") or "")
    elif kind == "revoke":
        out = text(lang, "event.revoke", role=_role(plan, target)[0],
                   reason=p.get("reason") or "")
    elif kind == "contact":
        contact = plan.contact(target)
        label = contact.label if contact else target
        if p.get("channel") is not None or (contact is not None and contact.kind == "channel"):
            out = text(lang, "event.contact.channel", label=label, channel=p.get("channel") or "")
        else:
            out = text(lang, "event.contact.person", label=label, name=p.get("name") or "",
                       phone=phone_text(p.get("phone"), mask_phones=mask_phones))
    elif kind == "staging":
        since = p.get("since")
        out = text(lang, "event.staging", since=when(since) if since else "")
        if p.get("earlier_than"):  # moved earlier: from when, and why
            was = when(p["earlier_than"])
            out += text(lang, "event.staging.earlier", was=was, reason=p.get("reason") or "")
        elif p.get("reason"):
            out += text(lang, "event.reason", reason=p["reason"])
    elif kind == "decide":
        decision = str(p.get("decision") or "").upper()
        by = p.get("by") or event.actor
        if p.get("reason"):
            out = text(lang, "event.decide.reason", decision=decision, by=by,
                       reason=p["reason"])
        else:
            out = text(lang, "event.decide", decision=decision, by=by)
    elif kind == "announce":
        from golive.data.outputs.announce import reason_text  # Apprise's words, for a rare event

        why = reason_text(lang, str(p.get("reason") or "failed"))
        key = "event.announce.sent" if p.get("sent") else "event.announce.failed"
        out = text(lang, key, channel=target, why=why, text=p.get("text") or "")
    elif kind in ("deploy", "rollback", "outcome"):
        out = golive_step_text(plan, p.get("step") or "", by=p.get("by") or event.actor,
                               reason=p.get("reason") or "", decider=p.get("decider"))
    elif kind == "correct":
        out = text(lang, "event.correct", seq=p.get("seq"),
                   what=_what(plan, str(p.get("kind") or ""), target),
                   reason=p.get("reason") or "")
    elif kind == "init":
        out = text(lang, "event.init", product=p.get("product") or plan.product,
                   release=p.get("release") or plan.release)
        if p.get("from_rehearsal"):  # its first ticks came from a rehearsal (cli_files)
            out += " – " + text(lang, "event.init.from_rehearsal", name=p["from_rehearsal"])
    else:
        out = text(lang, "event.unknown", kind=kind, target=target)
    return clean_text(out)


def imported_words(lang: str, imported: tuple[str, int, str | None]) -> str:
    """A tick the team's checklist gave, said as such: "laut Checkliste (Zeile 11),
    2026-10-01", never the instant it was imported."""
    _file, line, on = imported
    key = "imported.when" if on else "imported.when.none"
    return text(lang, key, line=line, on=clean_text(on or ""))
