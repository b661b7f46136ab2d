"""The board as plain data (JSON for `golive status --json`, scripts and exports)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from golive.data.plan.facts import plan_facts
from golive.data.plan.model import Plan
from golive.data.rules.board import Board
from golive.data.time.clock import whole_seconds_to_t0


def iso(instant: _dt.datetime | None) -> str | None:
    return instant.isoformat() if instant is not None else None


def board_to_dict(board: Board) -> dict[str, Any]:
    plan = board.plan
    return {
        "product": plan.product,
        "release": plan.release,
        "target": plan.target,
        "plan": plan_facts(plan),
        "timezone": plan.timezone,
        "t0": iso(plan.t0),
        "now": iso(board.now),
        "countdown": board.countdown,
        "seconds_to_t0": whole_seconds_to_t0(board.seconds_to_t0),
        # the go-live's phase: a stable id (prepared, go, deploying, verified, succeeded,
        # rolling-back, rolled-back, superseded) and its words; the verdict is GO-READY /
        # NO-GO before a GO, the phase's words after it
        "phase": board.phase,
        "phase_label": board.phase_label,
        "window": board.window,
        "window_label": board.window_label,
        "verdict": board.verdict,
        # each blocker with the sign-off, gate, check or contact it is about (null: the GO)
        "blockers": [{"target": b.target, "text": b.text} for b in board.blockers],
        "warnings": list(board.warnings),
        "items": [
            {
                "id": i.id, "section": i.section, "label": i.label, "state": i.state,
                "by": i.by, "at": iso(i.at), "reason": i.reason, "detail": i.detail,
                "derived": i.derived, "overdue": i.overdue, "checkpoint": i.checkpoint,
                "informed": i.informed, "late": i.late,
                **({"signed": i.signed, "void": i.void} if i.section == "signoff" else {}),
                # done in the team's checklist: its file and line, and the date it gives
                **({"imported": dict(zip(("from", "line", "on"), i.imported, strict=True))}
                   if i.imported else {}),
            }
            for i in board.items
        ],
        "contacts": [
            {
                "id": c.id, "label": c.label, "kind": c.kind, "value": c.value,
                "placeholder": c.placeholder, "problem": c.problem, "by": c.by,
                "at": iso(c.at), **({"email": c.email} if c.email else {}),
            }
            for c in board.contacts
        ],
        "milestones": [
            {"id": m.id, "label": m.label, "at": iso(m.at), "offset": m.offset,
             "reached": m.reached, "current": m.current, "open_checks": m.open_checks}
            for m in board.milestones
        ],
        "approval_deadline": plan.approval_deadline.isoformat()
        if plan.approval_deadline else None,
        "deadline_missed": board.deadline_missed,
        # sign-offs given after the deadline (deadline_missed is true then too)
        "late_approvals": [{"id": i.id, "by": i.by, "at": iso(i.at)}
                           for i in board.items if i.late],
        "staging_stable_since": iso(board.staging_since),
        "decision": None if board.decision is None else {
            "decision": board.decision.decision, "by": board.decision.by,
            "at": iso(board.decision.at), "reason": board.decision.reason,
            "seq": board.decision.seq, "state": board.decision.state,
            "superseded_by": board.decision.superseded_by, "signed": board.decision.signed,
        },
        "golive": None if board.golive is None else {
            "phase": board.phase,
            "verification": board.golive.verification,
            "steps": [{"step": s.step, "by": s.by, "at": iso(s.at), "seq": s.seq,
                       "reason": s.reason, "decider": s.decider,
                       "by_decider": s.by_decider, "signed": s.signed, "void": s.void}
                      for s in board.golive.steps],
        },
        "roster": roster_dict(plan),
        "events": board.events,
        "head": board.head,
    }


def roster_dict(plan: Plan) -> dict[str, Any]:
    """The plan's people and rules, with each key by type and fingerprint (an auditor's
    allowed_signers is built from the plan's key lines)."""
    r = plan.roster
    return {
        "separation_of_duties": r.separation_of_duties,
        "require_signatures": sorted(r.require_signatures),
        "people": [{"name": p.name, "email": p.email, "signoffs": list(p.signoffs),
                    "roles": list(p.roles), "key": p.key,
                    "fingerprint": fingerprint(p.key) if p.key else None}
                   for p in r.people],
    }


def fingerprint(key: str) -> str:
    """A roster key's fingerprint; the SSH module (and subprocess) load only for a plan
    that has keys, not for every `status --json`."""
    from golive.data.signing.ssh_sig import public_key

    return public_key(key).fingerprint
