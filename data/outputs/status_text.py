"""`golive status` for people: the board as plain text lines (no colour, no markup), in the
plan's language."""

from __future__ import annotations

from golive.data.outputs.describe import imported_words
from golive.data.plan.facts import fact_lines, plan_facts
from golive.data.plan.model import SECTIONS
from golive.data.rules.board import Board
from golive.data.rules.golive_steps import golive_lines, phase_text, signed
from golive.data.rules.roster import given
from golive.data.texts.catalogue import text
from golive.data.texts.symbols import symbol_of
from golive.data.texts.user_text import visible
from golive.data.time.formats import date_hm_zone, date_hms_zone, day_hm_zone


def status_text(board: Board) -> str:
    plan = board.plan
    lang = plan.language

    def t(key: str, **values: object) -> str:
        return text(lang, key, **values)

    lines = [
        t("status.head", product=plan.product, release=plan.release,
          t0=date_hm_zone(plan.t0),
          now=date_hms_zone(board.now), countdown=board.countdown,
          phase=board.window_label),
        board.verdict + (t("status.blockers", n=len(board.blockers)) if board.blockers
                         else "")
        # before a GO the verdict is GO-READY / NO-GO; the phase then is "vorbereitet"
        + (f" · {board.phase_label}" if board.phase == "prepared" else ""),
    ]
    lines += [f"  ! {b.text}" for b in board.blockers]
    lines += [f"  · {w}" for w in board.warnings]
    for section in SECTIONS:
        lines.append(t(f"status.section.{section}"))
        for item in board.section(section):
            who = (f" – {item.by}, {day_hm_zone(item.at)}"
                   if item.by and item.at else "")
            if item.imported and item.ok:  # the checklist's person and date, not the import's
                who = " – " + ", ".join(p for p in (item.by, imported_words(lang, item.imported))
                                        if p)
            if section == "signoff" and item.state == "approved":
                who += f" · {given(lang, item.signed)}"
                who += f" ({t('void.row', why=item.void)})" if item.void else ""
            extra = f" ({item.reason or item.detail})" if (item.reason or item.detail) else ""
            late = f" [{t('state.overdue')}]" if item.overdue else ""
            if item.late:  # a sign-off given after the approval deadline
                late += f" [{t('state.late')}]"
            # an informed-only stakeholder is informed, not "freigegeben"
            state = "informed" if item.informed and item.state == "approved" else item.state
            lines.append(f"  {symbol_of(item.state)} {item.id:<26} {item.label} "
                         f"[{t(f'state.{state}')}]{who}{extra}{late}")
    lines.append(t("status.section.contacts"))
    for c in board.contacts:
        mark = "✖" if c.placeholder else "✔"
        lines.append(f"  {mark} {c.id:<26} {c.label}: {c.value}"
                     + (f" ({c.problem})" if c.problem else ""))
    if board.decision:
        d = board.decision
        lines.append(t("status.decision", decision=d.decision.upper(), by=d.by,
                       at=date_hms_zone(d.at))
                     + (f" · {given(lang, d.signed)}" if d.signed else "")
                     + (f": {d.reason}" if d.reason else "")
                     + (f" [{t('decision.superseded')}: {d.superseded_by}]"
                        if d.state == "superseded" else ""))
    phase = phase_text(board)
    if phase is not None:
        lines.append(f"{t('golive.title')}: {phase}")
        for step in golive_lines(board):
            since = f" ({signed(step.since)})" if step.since else ""
            lines.append(f"  {date_hms_zone(step.at)}{since} {step.words}")
    lines.append(t("facts.heading"))
    lines += [f"  {label + ':' if label else '':<18} {'· ' if not label else ''}{value}"
              for label, value in fact_lines(plan_facts(plan), lang)]
    lines.append(t("status.events", n=board.events, head=board.head))
    # each line is one row: a line break in a reason or label is shown, never obeyed
    return "\n".join(visible(line) for line in lines)
