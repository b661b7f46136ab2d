"""A checklist's Markdown read by its shape: task lists and status tables become entries
(label, ticked, owner, when), and the words that name checkpoints, times and zones."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it.tree import SyntaxTreeNode

from golive.data.checklist import words
from golive.data.checklist.reader import Note
from golive.data.texts.catalogue import text as _t
from golive.data.texts.user_text import clean_text
from golive.data.time.clock import is_zone_name


def inline_text(node: SyntaxTreeNode) -> str:
    """The text a reader sees: emphasis and links unwrapped, code spans as written."""
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return "\n"
    if node.type == "html_inline":
        return ""
    return "".join(inline_text(c) for c in node.children)


def node_text(node: SyntaxTreeNode) -> str:
    return clean_text("".join(inline_text(c) for c in node.children))


def inline_codes(node: SyntaxTreeNode) -> list[str]:
    out = []
    for c in node.children:
        out += [c.content] if c.type == "code_inline" else inline_codes(c)
    return out


def node_line(node: SyntaxTreeNode) -> int:
    return (node.map[0] + 1) if node.map else 0


BOX = re.compile(r"^\[( |x|X)\]\s+")
STATUS_MARK = re.compile(r"^([✅✔✓☑⬜☐])\ufe0f?\s+")
MARKS = (" (✔ ", " (✖ ", " (⟲ ")  # who and when after a line, as the checklist export writes
REHEARSAL_TITLE = re.compile(r"^(PROBE|REHEARSAL)\s*[:–-]\s*")
CONTACT_LINE = re.compile(r"^(\[[^\]]*\])\s*([^:]*?)\s*(?::\s*(.*))?$")
ROLE_LINE = re.compile(r"^(?P<role>[^\[\]:]+?)(?::|\s[–—-])\s+(?P<rest>.+)$")
BRACKETED = re.compile(r"\[[^\]]*\]")


def done_suffix(label: str) -> tuple[str, str | None, str | None]:
    """`label (✔ who, when)` -> label, who, when; other marks are dropped with their text."""
    if not label.endswith(")"):
        return label, None, None
    at = max(label.rfind(m) for m in MARKS)
    if at < 0:
        return label, None, None
    detail = label[at + 4:-1]
    if label[at + 2] != "✔":
        return label[:at], None, None
    who, _, when = detail.rpartition(", ")
    return label[:at], (who or detail) or None, when if who else None
DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
ZONE_LIKE = re.compile(r"\(([^()\s]*/[^()\s]*)\)")  # what was meant as a zone, valid or not
ABBREVIATIONS = {"CET": "Europe/Berlin", "CEST": "Europe/Berlin", "MEZ": "Europe/Berlin",
                  "MESZ": "Europe/Berlin", "UTC": "UTC", "MSK": "Europe/Moscow",
                  "EST": "America/New_York", "EDT": "America/New_York",
                  "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
                  "GMT": "Europe/London",
                  "BST": "Europe/London", "EET": "Europe/Helsinki", "EEST": "Europe/Helsinki"}


@dataclass
class Entry:
    """One checklist line: its text, whether it was ticked, and table columns if any."""

    label: str
    line: int
    ticked: bool = False
    owner: str | None = None
    when: str | None = None
    done_by: str | None = None
    evidence: str | None = None
    parts: list[int] = field(default_factory=list)  # lines of its Owner/Status/… sub-items


@dataclass
class Section:
    title: str
    level: int
    line: int
    kind: str | None
    nodes: list[SyntaxTreeNode] = field(default_factory=list)
    grouping: bool = False  # a phase whose sub-headings are phases of their own


def status_of(written: str) -> bool | None:
    """A status as teams write it: True done (✅ ☑ ✔ [x] Done Erledigt), False open (⬜ ☐ [ ]
    Open Pending), None when it is neither ("in review")."""
    low = " ".join(written.replace("\ufe0f", "").lower().split())
    if not low:
        return False
    for pattern, done in ((words.TICKED, True), (words.OPEN, False)):
        if re.match(rf"({pattern})(?!\w)", low):
            return done
    return None


SUB_ITEM = re.compile(r"^\*{0,2}(?P<key>[^:*]{2,24}?)\*{0,2}\s*:\s*\*{0,2}\s*(?P<value>.*)$")


def sub_item(label: str) -> tuple[str, str] | None:
    """`Owner: Anna`, `Status: ✅`, `Evidence: link` under an item: (column, value)."""
    m = SUB_ITEM.match(label)
    if m is None:
        return None
    key = words.normal(m.group("key"))
    which = next((k for k in ("owner", "status", "date", "evidence")
                  if re.fullmatch(words.SUB_ITEMS[k], key)), None)
    return (which, m.group("value").strip()) if which else None


def _paragraph(item: SyntaxTreeNode) -> str | None:
    para = next((c for c in item.children if c.type == "paragraph"), None)
    if para is None or not para.children:
        return None
    return " ".join(node_text(para.children[0]).split())


def list_entries(node: SyntaxTreeNode, notes: list[Note], lang: str) -> Iterator[Entry]:
    """Each list item an entry; its nested `Owner:`/`Status:`/`Date:`/`Evidence:` items are
    its own columns, any other nested item an entry of its own (never dropped)."""
    return _item_entries(node.children, notes, lang)


def _item_entries(items: list[SyntaxTreeNode], notes: list[Note], lang: str) -> Iterator[Entry]:
    for item in items:
        label = _paragraph(item)
        if label is None:
            continue
        ticked = False
        m = BOX.match(label)
        if m:
            ticked, label = m.group(1) in "xX", label[m.end():]
        else:  # `- ✅ Backups verified`, `- ⬜ DNS switched`
            mark = STATUS_MARK.match(label)
            if mark and label[mark.end():].strip():
                ticked, label = mark.group(1) in "✅✔✓☑", label[mark.end():].strip()
        label, done_by, when = done_suffix(label)
        entry = Entry(label, node_line(item), ticked, when=when, done_by=done_by)
        nested: list[SyntaxTreeNode] = []
        for sub in item.children:
            if sub.type not in ("bullet_list", "ordered_list"):
                continue
            for child in sub.children:
                attr = sub_item(_paragraph(child) or "")
                if attr is None or not label:
                    nested.append(child)
                    continue
                entry.parts.append(node_line(child))
                _set(entry, *attr, notes, lang)
        if label:
            yield entry
        yield from _item_entries(nested, notes, lang)


def _set(entry: Entry, key: str, value: str, notes: list[Note], lang: str) -> None:
    if key == "status":
        done = status_of(value)
        if done is None and value:
            notes.append(Note(entry.parts[-1], _t(lang, "import.status", status=value)))
        entry.ticked = entry.ticked or bool(done)
    elif key == "owner" and not is_placeholder(value):
        entry.owner = value
    elif key == "date" and not is_placeholder(value):
        entry.when = value
    elif key == "evidence" and not is_placeholder(value):
        entry.evidence = value


def table_cells(row: SyntaxTreeNode) -> list[str]:
    return [" ".join(node_text(cell.children[0]).split()) if cell.children else ""
            for cell in row.children]


def table_columns(header: list[str]) -> dict[str, int]:
    """Which column holds what, by its heading; the first unclaimed text column is the task."""
    found: dict[str, int] = {}
    for i, name in enumerate(header):
        low = words.normal(name)
        for key, pattern in words.COLUMNS.items():
            if key not in found and re.search(pattern, low):
                found[key] = i
                break
    if "task" not in found:
        free = [i for i in range(len(header)) if i not in found.values()]
        if free:
            found["task"] = free[0]
    return found


def cell(cells: list[str], cols: dict[str, int], key: str) -> str:
    i = cols.get(key)
    return cells[i] if i is not None and i < len(cells) else ""


def table_rows(node: SyntaxTreeNode) -> tuple[list[str], list[tuple[int, list[str]]]]:
    head: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    for part in node.children:
        for row in part.children:
            if part.type == "thead":
                head = table_cells(row)
            else:
                rows.append((node_line(row), table_cells(row)))
    return head, rows


def table_entries(node: SyntaxTreeNode, notes: list[Note], lang: str) -> Iterator[Entry]:
    head, rows = table_rows(node)
    cols = table_columns(head)
    for line, cells in rows:
        label = cell(cells, cols, "task") or cell(cells, cols, "role")
        ticked = False
        status = cell(cells, cols, "status")
        m = BOX.match(label + " ")
        if m:
            ticked, label = m.group(1) in "xX", label[m.end():].strip()
        done = status_of(status) if status else False
        signed = cell(cells, cols, "signature")  # a sign-off table: signed, or GO said
        decided = cell(cells, cols, "decision")
        if (signed and not is_placeholder(signed)) or (decided and status_of(decided)):
            done = True
        if done is None:
            notes.append(Note(line, _t(lang, "import.status", status=status)))
        when = cell(cells, cols, "date")
        done_by, _, at = when.rpartition(", ")  # "who, when" as the checklist export writes
        owner = cell(cells, cols, "owner")
        evidence = cell(cells, cols, "evidence")
        if label:
            yield Entry(label, line, ticked or bool(done),
                        None if is_placeholder(owner) else owner,
                        None if is_placeholder(when) else (at if done_by else when) or None,
                        done_by or None, None if is_placeholder(evidence) else evidence)


def section_entries(section: Section, notes: list[Note], lang: str,
                    prose: bool = False) -> list[Entry]:
    """The entries of a section's lists and tables; its other text is noted as left out
    unless the caller reads `prose` itself."""
    out: list[Entry] = []
    for node in section.nodes:
        if node.type in ("bullet_list", "ordered_list"):
            out += list_entries(node, notes, lang)
        elif node.type == "table":
            out += table_entries(node, notes, lang)
        elif node.type != "hr" and not (prose and node.type == "paragraph"):
            notes.append(Note(node_line(node), _t(lang, "import.text")))
    return out


def is_placeholder(text: str) -> bool:
    t = text.strip().strip("`*").strip()
    return not t or (t.startswith("[") and t.endswith("]")) or set(t) <= set("_.…- /") or \
        t.upper() in ("TBD", "TODO", "N/A", "?", "-", "…", "...")


def valid_zone(name: str) -> bool:
    """A zone a checklist may name: an IANA name with a region (abbreviations such as CET
    go through ABBREVIATIONS), or UTC."""
    return ("/" in name or name == "UTC") and is_zone_name(name)


def local_datetime(found: tuple[str, str, str | None]) -> _dt.datetime:
    day, clock, _zone = found
    h, m = clock.split(":")
    return _dt.datetime.combine(_dt.date.fromisoformat(day), _dt.time(int(h), int(m)))


