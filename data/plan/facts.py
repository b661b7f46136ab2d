"""The source document's own facts (title, owner, Stand, deadline, Zielbild, docs): stored
with the plan and shown where a release manager looks for them: the cockpit's info view
(key i), `golive status`, its JSON and the export."""

from __future__ import annotations

from typing import Any

from golive.data.plan.model import Plan
from golive.data.texts.catalogue import text


def plan_facts(plan: Plan) -> dict[str, Any]:
    """The facts as data (the JSON of `status --json` and the export)."""
    return {
        "title": plan.title,
        "owner": plan.owner or None,
        "document_date": plan.document_date.isoformat() if plan.document_date else None,
        "approval_deadline": plan.approval_deadline.isoformat()
        if plan.approval_deadline else None,
        "target": plan.target,
        "target_notes": list(plan.target_notes),
        "docs": list(plan.docs),
    }


def fact_lines(facts: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """The facts (as plan_facts gives them) as (label, value) lines in lang; empty ones
    left out. The Zielbild's notes come one to a line with an empty label, so 'kein
    Architektur-Umbau in letzter Minute' reads as the rule it is."""
    lines = [(text(lang, "facts.title"), facts["title"]),
             (text(lang, "facts.owner"), facts["owner"]),
             (text(lang, "facts.document_date"), facts["document_date"]),
             (text(lang, "facts.deadline"), facts["approval_deadline"]),
             (text(lang, "facts.target"), facts["target"])]
    lines += [("", note) for note in facts["target_notes"]]
    # one heading over every doc, as in the source ("Docs zum Lesen: a, b")
    lines.append((text(lang, "facts.docs"), ", ".join(facts["docs"])))
    return [(label, value) for label, value in lines if value]
