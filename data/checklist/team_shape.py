"""The board written back in the team's own checklist: their headings, columns, order and
words, with only the ticks, who and when filled in (and the contacts and the approval
template), so that the team gets back the document they gave. The importer keeps the source
and the line of each item in the plan ([checklist]); a plan without it (the default plan,
a TOML plan) is written in golive's shape by golive.data.checklist.export."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from golive.data.checklist.export import MARKS, imported_when
from golive.data.checklist.markdown import is_placeholder, status_of, table_columns
from golive.data.outputs.approval_doc import approval_doc
from golive.data.outputs.describe import phone_text
from golive.data.outputs.markdown import md_text
from golive.data.plan.model import Plan
from golive.data.rules.board import Board, ContactView, ItemView
from golive.data.texts.catalogue import text
from golive.data.time.formats import date_hm_zone
from golive.data.time.instants import in_zone

LIST_LINE = re.compile(r"^(?P<lead>\s*(?:[-*+]|\d+[.)])\s+)"
                       r"(?P<box>\[[ xX]\]\s+|[✅✔✓☑⬜☐]\ufe0f?\s+)?(?P<rest>.*)$")
OLD_SUFFIX = re.compile(r"\s\((?:✔|✖|⟲) .*\)\s*$")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def team_source(plan: Plan) -> dict[str, Any] | None:
    """The [checklist] table the importer stored with the plan, if any."""
    if "[checklist]" not in plan.source and "checklist =" not in plan.source:
        return None
    try:
        found = tomllib.loads(plan.source).get("checklist")
    except tomllib.TOMLDecodeError:
        return None
    return found if isinstance(found, dict) and isinstance(found.get("source"), str) else None


def team_markdown(plan: Plan, board: Board, shape: dict[str, Any], *, mask_phones: bool,
                  rehearsal: bool) -> str:
    lang, zone = plan.language, plan.timezone
    lines = shape["source"].split("\n")
    contacts = {c.id: c for c in board.contacts}
    for item_id, number in shape.get("lines", {}).items():
        if not 0 < number <= len(lines):
            continue
        raw = lines[number - 1]
        if item_id in contacts:
            lines[number - 1] = _contact(raw, contacts[item_id], lines, number, mask_phones)
            continue
        view = board.item(item_id)
        if view is None:
            continue
        if TABLE_ROW.match(raw):
            lines[number - 1] = _row(raw, view, _header(lines, number), lang, zone)
        else:
            lines[number - 1] = _list_line(raw, view, lang, zone)
    template = shape.get("template")
    filled = board.decision is not None or any(v.ok for v in board.section("signoff"))
    if filled and template and 0 < template[0] < template[1] <= len(lines):
        doc = approval_doc(plan, board, as_written=True).rstrip("\n").split("\n")
        lines[template[0]:template[1] - 1] = doc  # between the fence's own lines
    if rehearsal:  # said twice, as golive's own shape does: in the title and a mode line
        first = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
        mode = f"**{text(lang, 'checklist.mode')}:** {text(lang, 'mode.rehearsal.line')}"
        if first is None:
            lines[0:0] = [f"# {text(lang, 'mode.rehearsal')}", "", mode, ""]
        else:
            lines[first] = f"# {text(lang, 'mode.rehearsal')}: {lines[first][2:]}"
            lines[first + 1:first + 1] = ["", mode]
    return "\n".join(lines)


def _detail(view: ItemView, lang: str, zone: str) -> str:
    """`(✔ who, when)` as golive's own export writes it; a tick from the team's checklist
    keeps the date the checklist gave."""
    mark = MARKS.get(view.state)
    if mark is None:
        return ""
    at = imported_when(view) if view.imported else (
        date_hm_zone(in_zone(view.at, zone)) if view.at else None)
    detail = ", ".join(p for p in (md_text(view.by) if view.by else None, at) if p)
    if not view.ok:
        state = text(lang, f"state.{view.state}")
        detail = f"{state}: {detail}" if detail else state
        if view.reason:
            detail = f"{detail}: {md_text(view.reason)}"
    return f" ({mark} {detail})" if detail else ""


def _list_line(raw: str, view: ItemView, lang: str, zone: str) -> str:
    m = LIST_LINE.match(raw)
    if m is None:  # an approval line in prose
        rest = OLD_SUFFIX.sub("", re.sub(r"^\[[ xX]\]\s+", "", raw))
        return f"[x] {rest}{_detail(view, lang, zone)}" if view.ok else \
            f"{rest}{_detail(view, lang, zone)}"
    rest = OLD_SUFFIX.sub("", m.group("rest"))
    box = m.group("box") or ""
    if box.startswith("["):
        box = "[x] " if view.ok else "[ ] "
    elif box:
        box = "✅ " if view.ok else "⬜ "
    elif view.ok:
        box = "[x] "
    return f"{m.group('lead')}{box}{rest}{_detail(view, lang, zone)}"


def _cells(row: str) -> list[str]:
    body = row.strip()[1:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", body)]


def _header(lines: list[str], number: int) -> list[str]:
    """The header of the table a row belongs to: the first row of its block."""
    i = number - 1
    while i > 0 and TABLE_ROW.match(lines[i - 1]):
        i -= 1
    return _cells(lines[i])


def _row(raw: str, view: ItemView, header: list[str], lang: str, zone: str) -> str:
    cells = _cells(raw)
    before = list(cells)
    cols = table_columns(header)
    when = (imported_when(view) if view.imported else
            date_hm_zone(in_zone(view.at, zone)) if view.at else "") or ""
    by = md_text(view.by).replace("|", "\\|") if view.by else ""

    def put(key: str, value: str, *, over: bool = False) -> bool:
        i = cols.get(key)
        if i is None or i >= len(cells):
            return False
        if over or is_placeholder(cells[i]):
            cells[i] = value
        return True

    if "status" in cols:
        status = cells[cols["status"]] if cols["status"] < len(cells) else ""
        if view.ok and not status_of(status):
            put("status", "✅", over=True)
        elif not view.ok and status_of(status):
            put("status", "⬜", over=True)
    elif view.ok and not put("signature", by or "✅"):
        task = cols.get("task", cols.get("role"))
        if task is not None and task < len(cells) and not cells[task].startswith("[x]"):
            cells[task] = f"[x] {cells[task]}"
    if view.ok:
        if by:
            put("owner", by)
        if when:
            put("date", when)
    return raw if cells == before else "| " + " | ".join(cells) + " |"


def _contact(raw: str, c: ContactView, lines: list[str], number: int, mask: bool) -> str:
    """A placeholder filled in with the contact on record: appended after a bracketed
    placeholder on its own (`- \\`[Status-Kanal]\\`: #ltc-status`), written into a team
    table's name, phone and channel cells."""
    if c.placeholder:
        return raw
    phone = phone_text(c.phone, mask_phones=mask) if c.phone else ""
    if TABLE_ROW.match(raw):
        cells, cols = _cells(raw), table_columns(_header(lines, number))
        before = list(cells)
        values: dict[str, str]
        if c.kind == "channel":
            key = next((k for k in ("channel", "owner") if k in cols), "")
            values = {key: c.value} if key else {}
        else:
            values = {"owner": c.name or "", "phone": phone, "email": c.email or ""}
        for key, value in values.items():
            i = cols.get(key)
            if value and i is not None and i < len(cells) and is_placeholder(cells[i]):
                cells[i] = md_text(value).replace("|", "\\|")
        return raw if cells == before else "| " + " | ".join(cells) + " |"
    value = c.value if c.kind == "channel" else ", ".join(p for p in (c.name, phone) if p)
    m = re.match(r"^(\s*(?:[-*+]|\d+[.)])\s+)(`\[[^\]]*\]`|\[[^\]]*\])\s*(?::.*)?$", raw)
    if m:  # the placeholder alone: the contact after it
        return f"{m.group(1)}{m.group(2)}: {md_text(value)}"
    role = re.match(r"^(\s*(?:[-*+]|\d+[.)])\s+[^:]+:\s*).*$", raw)
    return f"{role.group(1)}{md_text(value)}" if role else raw

