"""The board written back as the team's Markdown checklist: the same shape the importer
reads, ticked with who and when, the approval template filled in, the placeholders
replaced by the real contacts. Importing the result again gives the same plan; a
rehearsal's checklist says so in its title and in a "Modus: PROBE" line the importer reads.
"""

from __future__ import annotations

import re

from golive.data.outputs.approval_doc import approval_doc
from golive.data.outputs.describe import phone_text
from golive.data.outputs.markdown import md_code, md_text
from golive.data.plan.model import Item, Plan
from golive.data.rules.board import Board, ItemView
from golive.data.texts.catalogue import text
from golive.data.time.formats import date_hm_zone
from golive.data.time.instants import in_zone

# what follows a line's label: (✔ who, when) for done, (✖ …) for refused or red, (⟲ …)
MARKS = {"approved": "✔", "green": "✔", "done": "✔", "rejected": "✖", "red": "✖",
         "revoked": "⟲"}


def imported_when(view: ItemView) -> str | None:
    """A tick the team's checklist gave keeps the date it gave (none if it gave none),
    never the instant it was imported."""
    return view.imported[2] if view.imported else None


def _when(view: ItemView, zone: str) -> str:
    """Who and when, Markdown-escaped: `Anna Schmidt, 2026-03-05 09:10 CET`."""
    at = imported_when(view) if view.imported else (
        date_hm_zone(in_zone(view.at, zone)) if view.at else None)
    return ", ".join(p for p in (md_text(view.by) if view.by else None, at) if p)


def _line(item: Item, view: ItemView | None, lang: str, zone: str) -> str:
    """`- [x] label (✔ who, when)`; a rejection, revocation or red gate stays open and
    says so with its reason."""
    label = md_text(item.label)
    mark = MARKS.get(view.state) if view is not None else None
    if view is None or mark is None:
        return f"- [{'x' if view is not None and view.ok else ' '}] {label}"
    detail = _when(view, zone)
    if not view.ok:
        state = text(lang, f"state.{view.state}")
        detail = f"{state}: {detail}" if detail else state
        if view.reason:
            detail = f"{detail}: {md_text(view.reason)}"
    suffix = f" ({mark} {detail})" if detail else ""
    return f"- [{'x' if view.ok else ' '}] {label}{suffix}"


def _fence(body: str) -> tuple[str, str]:
    longest = max((len(m) for m in re.findall(r"`{3,}", body)), default=2)
    ticks = "`" * (longest + 1)
    return f"{ticks}markdown", ticks


def checklist_markdown(plan: Plan, board: Board, *, mask_phones: bool = True,
                       rehearsal: bool = False) -> str:
    from golive.data.checklist.team_shape import team_markdown, team_source

    shape = team_source(plan)
    if shape is not None:  # the team's own document, ticked: their headings and columns
        return team_markdown(plan, board, shape, mask_phones=mask_phones, rehearsal=rehearsal)
    lang, zone = plan.language, plan.timezone

    def t(key: str, **values: object) -> str:
        return text(lang, key, **values)

    def items(section: tuple[Item, ...]) -> list[str]:
        return [_line(i, board.item(i.id), lang, zone) for i in section]

    t0 = date_hm_zone(plan.t0)
    mark = f"{t('mode.rehearsal')}: " if rehearsal else ""
    out = [f"# {mark}{md_text(plan.title)}", ""]
    if plan.document_date:
        out += [f"{t('checklist.as_of')}: **{plan.document_date.isoformat()}** ({zone})", ""]
    head = []
    if rehearsal:  # the importer reads this line: a rehearsal's ticks never pass for real
        head.append(f"**{t('checklist.mode')}:** {t('mode.rehearsal.line')}")
    if not plan.approval_title.endswith(plan.product):
        head.append(f"**{t('checklist.product')}:** {md_text(plan.product)}")
    if plan.owner:
        head.append(f"**{t('checklist.owner')}:** {md_text(plan.owner)}")
    if plan.approval_deadline:
        head.append(f"**Deadline:** {t('checklist.by')} **{plan.approval_deadline}**")
    if plan.docs:
        head.append(f"**{t('checklist.docs')}:** " + ", ".join(md_code(d) for d in plan.docs))
    if not plan.document_date:
        head.append(f"**Go-Live:** {t0} ({zone})")
    if head:
        out += ["\n".join(head), ""]
    goal = t("checklist.goal.text", t0=f"**{t0}**")
    out += [f"## {t('checklist.goal')}", "", goal + (":" if plan.target_notes else "."), ""]
    if plan.target_notes:
        out += [f"- {md_text(n)}" for n in plan.target_notes] + [""]
    out += [f"## {t('checklist.checklist')}", ""]
    out += [f"### 1. {t('checklist.signoffs')}", ""]
    if any(s.owner for s in plan.signoffs):
        out += _signoff_table(plan, board, lang, zone)
    else:
        out += items(plan.signoffs) + [""]
    out += [f"### 2. {t('checklist.gates')}", "", *items(plan.gates), ""]
    out += [f"### 3. {t('checklist.comms')}", "", *items(plan.comms), ""]
    doc = approval_doc(plan, board, as_written=True)  # the template's words, as imported
    opening, closing = _fence(doc)
    out += [f"## {t('checklist.approval')}", "", opening, doc.rstrip("\n"), closing, ""]
    out += [f"## {t('checklist.tplan')}", ""]
    for cp in plan.checkpoints:
        out += [f"### {md_text(cp.label)}: {date_hm_zone(in_zone(cp.at, zone))}",
                "", *items(cp.checks), ""]
    out += [f"## {t('checklist.contacts')}", "", t("checklist.contacts.intro"), ""]
    for c in board.contacts:
        role = plan.contact(c.id)
        placeholder = md_code(role.placeholder if role else c.label)
        label = "" if role and role.placeholder == f"[{role.label}]" else \
            f" {md_text(c.label)}"
        bracketed = role is not None and role.placeholder.startswith("[")
        if c.placeholder:  # as the importer reads it: `[X]` first, else `Role: TBD`
            out.append(f"- {placeholder}{label}" if bracketed or role is None
                       else f"- {md_text(role.label)}: {placeholder}")
            continue
        phone = phone_text(c.phone, mask_phones=mask_phones) if c.phone else ""
        value = ", ".join(p for p in (c.name, phone) if p) if c.kind == "person" else c.value
        out.append(f"- {placeholder}{label}: {md_text(value)}")
    out.append("")
    if plan.placeholder_rule:
        out += [md_text(plan.placeholder_rule), ""]
    return "\n".join(out)


def _signoff_table(plan: Plan, board: Board, lang: str, zone: str) -> list[str]:
    """Sign-offs with expected approvers as a status table, as such checklists keep them."""
    rows = [f"| Status | {text(lang, 'checklist.col.signoff')} | "
            f"{text(lang, 'checklist.col.owner')} | {text(lang, 'checklist.col.when')} |",
            "|---|---|---|---|"]
    for item in plan.signoffs:
        view = board.item(item.id)
        ok = view is not None and view.ok
        when = _when(view, zone) if view is not None and ok else ""

        def cell(value: str) -> str:
            return md_text(value).replace("|", "\\|")

        rows.append(f"| {'✅' if ok else '⬜'} | {cell(item.label)} | {cell(item.owner or '')} "
                    f"| {when.replace('|', chr(92) + '|')} |")
    return [*rows, ""]
