"""The source document's "Freigabevorlage", filled in from the log.

Plain text laid out exactly like the template (a Markdown document kept in a code block in
the source), so it can be pasted where the template was. A box is ticked only for a sign-off
that is approved now (a revoked approval is no approval); the decision lines stay blank
until a decision is recorded. After a GO the go-live's phase follows the decision ("Phase:
zurückgerollt"): "Go / No-Go: GO" alone would read the same after a rollback. A sign-off
given after the plan's deadline is named below the boxes, with who gave it: the template
alone would show a late approval as an ordinary tick.
"""

from __future__ import annotations

from golive.data.plan.model import Plan
from golive.data.rules.board import Board
from golive.data.rules.roster import given
from golive.data.texts.catalogue import text
from golive.data.texts.user_text import one_line
from golive.data.time.formats import local_with_offset

# the blanks of the template, as long as in the source
BLANK_DECISION = "_" * 22
BLANK_DECIDER = "_" * 21
BLANK_TIME = "_" * 23


def approval_doc(plan: Plan, board: Board, *, as_written: bool = False) -> str:
    """The document in the plan's language: golive's heading and each box named by its
    sign-off's role (the source's template is English inside a German document: "Go-Live
    Approval", "Product"). `as_written` keeps the template's own words, for the checklist
    export, which gives the source document back as it was."""
    lang, zone = plan.language, plan.timezone
    date = plan.approval_date.isoformat() if plan.approval_date else "_" * 10
    title = plan.approval_title if as_written else text(lang, "approval.title",
                                                        product=plan.product)
    lines = [
        f"# {one_line(title)}",
        "",
        f"{text(lang, 'approval.date')}: {date}",
        f"{text(lang, 'approval.release')}: {one_line(plan.release)}",
        f"{text(lang, 'approval.target')}: {one_line(plan.target)}",
        "",
    ]
    for box in plan.approval_boxes:
        item = plan.item(box)
        view = board.item(box)
        if item is None:
            role = one_line(box)
        else:
            role = one_line((item.box if as_written else "") or item.role or item.label)
        if view is not None and view.state == "approved":
            who = (f" — {one_line(view.by)}, {local_with_offset(view.at, zone)}"
                   if view.by and view.at else "")
            how = f", {given(lang, view.signed)}"
            if view.void:  # on record, but it does not count: no tick
                lines.append(f"- [ ] {role}{who}{how} ({text(lang, 'void.row', why=view.void)})")
            else:
                lines.append(f"- [x] {role}{who}{how}")
        else:
            lines.append(f"- [ ] {role}")
    if not plan.roster.separation_of_duties:
        lines += ["", text(lang, "duty.relaxed")]
    late = [v for v in board.section("signoff") if v.late]
    if late and plan.approval_deadline is not None:
        lines.append("")
        lines += [text(lang, "approval.late", date=plan.approval_deadline.isoformat(),
                       role=one_line(v.role or v.label), by=one_line(v.by or ""),
                       state=text(lang, "state.informed" if v.informed else "state.approved"),
                       at=local_with_offset(v.at, zone) if v.at else "") for v in late]
    lines.append("")
    d = board.decision
    if d is None:
        lines += [
            f"{text(lang, 'approval.decision')}: {BLANK_DECISION}",
            f"{text(lang, 'approval.decider')}: {BLANK_DECIDER}",
            f"{text(lang, 'approval.time')}: {BLANK_TIME}",
        ]
    else:
        state = (f" ({text(lang, 'decision.superseded')}: {one_line(d.superseded_by or '')})"
                 if d.state == "superseded" else "")
        lines += [
            f"{text(lang, 'approval.decision')}: {d.decision.upper()}{state}",
            f"{text(lang, 'approval.decider')}: {one_line(d.by)}, {given(lang, d.signed)}",
            f"{text(lang, 'approval.time')}: {local_with_offset(d.at, zone)}",
        ]
        if board.phase not in ("prepared", "go"):  # "Go / No-Go: GO" says the rest
            lines.append(f"{text(lang, 'approval.phase')}: {board.phase_label}")
    return "\n".join(lines) + "\n"
