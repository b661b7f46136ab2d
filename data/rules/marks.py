"""Marks on what the rules stand on: sign-offs given after the plan's approval deadline,
and staging's "stabil seit" moved earlier than first recorded. Neither blocks a GO, but
both change what the GO rests on, so the board, the log and the approval document say so
instead of letting the gate turn green without a word."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from golive.data.log.fold import State
from golive.data.plan.model import Plan
from golive.data.rules.board import ItemView
from golive.data.texts.catalogue import text
from golive.data.time.clock import from_utc_text
from golive.data.time.formats import day_hm_zone
from golive.data.time.instants import days_later, in_zone, local


def deadline_end(plan: Plan) -> _dt.datetime | None:
    """The first instant after the deadline day ("Bis 2026-03-05": all of that day)."""
    d = plan.approval_deadline
    if d is None:
        return None
    return days_later(local(_dt.datetime(d.year, d.month, d.day), plan.timezone), 1)


def late_at(plan: Plan, at: str | _dt.datetime | None) -> bool:
    """Whether a sign-off recorded at `at` (stored UTC text or an instant) was late."""
    end = deadline_end(plan)
    if end is None or at is None:
        return False
    return (from_utc_text(at) if isinstance(at, str) else at) >= end


def late_approvals(plan: Plan, items: list[ItemView], now: _dt.datetime,
                   warnings: list[str]) -> tuple[list[ItemView], bool]:
    """Items with their late mark, and whether the deadline was missed: a sign-off still
    missing after it, or one given after it. Adds a warning for each (b lists them)."""
    end = deadline_end(plan)
    if end is None or plan.approval_deadline is None:
        return items, False
    lang, date = plan.language, plan.approval_deadline.isoformat()
    marked: list[ItemView] = []
    missed = False
    for view in items:
        at = view.at
        if view.section == "signoff" and view.ok and at is not None and at >= end:
            view = replace(view, late=True)
            missed = True
            state = "informed" if view.informed else "approved"
            warnings.append(text(lang, "warning.late", role=view.role or view.label,
                                 state=text(lang, f"state.{state}"), by=view.by or "",
                                 date=date, at=day_hm_zone(at)))
        marked.append(view)
    missing = sum(1 for v in marked if v.section == "signoff" and not v.ok)
    if now >= end and missing:
        missed = True
        warnings.append(text(lang, "warning.deadline", date=date, n=missing))
    return marked, missed


def staging_moved(plan: Plan, state: State) -> list[str]:
    """A warning while "stabil seit" stands earlier than it was first recorded: who moved
    it, from when, and why."""
    rec: Mapping[str, Any] = state.staging or {}
    before = rec.get("earlier_than")
    if not before:
        return []
    zone = plan.timezone
    since, was = in_zone(from_utc_text(rec["since"]), zone), in_zone(from_utc_text(before), zone)
    return [text(plan.language, "warning.staging_moved", since=day_hm_zone(since),
                 was=day_hm_zone(was), by=rec.get("by") or "",
                 reason=rec.get("reason") or "")]
