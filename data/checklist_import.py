"""Markdown go-live checklist -> plan TOML, read by its shape with a real Markdown parser.

A team's checklist (headings with task lists or status tables, a T-plan, an escalation
list, an approval template) becomes a plan that golive can run. What cannot be placed is
reported with its line and left out; the caller decides whether that refuses the import.
The result is TOML text so that `--out` and `init --plan FILE.md` store exactly the same
plan, and the strict plan parser checks it.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pendulum
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from pendulum.tz.exceptions import InvalidTimezone

from golive.data import checklist_words as words
from golive.data.commands import Approve, Check, Command, SetContact, SetGate
from golive.data.plan import Plan, PlanError, parse_plan
from golive.data.text import clean_text
from golive.data.texts import text as _t


class ChecklistError(PlanError):
    """A checklist that cannot become a plan; str() is the one line shown."""


@dataclass(frozen=True)
class Note:
    """Something in the checklist that was left out or guessed, with its line."""

    line: int
    message: str


@dataclass(frozen=True)
class Tick:
    """A line that was already done in the checklist (`[x]`, ✅), with who and when if given."""

    item: str
    line: int
    by: str | None = None
    when: str | None = None


@dataclass
class Imported:
    toml: str
    plan: Plan
    notes: list[Note]
    ticks: list[Tick]


# --- reading the Markdown --------------------------------------------------------------------


def _inline_text(node: SyntaxTreeNode) -> str:
    """The text a reader sees: emphasis and links unwrapped, code spans as written."""
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return "\n"
    if node.type == "html_inline":
        return ""
    return "".join(_inline_text(c) for c in node.children)


def _text(node: SyntaxTreeNode) -> str:
    return clean_text("".join(_inline_text(c) for c in node.children))


def _codes(node: SyntaxTreeNode) -> list[str]:
    out = []
    for c in node.children:
        out += [c.content] if c.type == "code_inline" else _codes(c)
    return out


def _line(node: SyntaxTreeNode) -> int:
    return (node.map[0] + 1) if node.map else 0


_BOX = re.compile(r"^\[( |x|X)\]\s+")
_MARKS = (" (✔ ", " (✖ ", " (⟲ ")  # who and when after a line, as the checklist export writes
_REHEARSAL_TITLE = re.compile(r"^(PROBE|REHEARSAL)\s*[:–-]\s*")
_CONTACT_LINE = re.compile(r"^(\[[^\]]*\])\s*([^:]*?)\s*(?::\s*(.*))?$")
_ROLE_LINE = re.compile(r"^(?P<role>[^\[\]:]+?)(?::|\s[–—-])\s+(?P<rest>.+)$")
_BRACKETED = re.compile(r"\[[^\]]*\]")


def _done_suffix(label: str) -> tuple[str, str | None, str | None]:
    """`label (✔ who, when)` -> label, who, when; other marks are dropped with their text."""
    if not label.endswith(")"):
        return label, None, None
    at = max(label.rfind(m) for m in _MARKS)
    if at < 0:
        return label, None, None
    detail = label[at + 4:-1]
    if label[at + 2] != "✔":
        return label[:at], None, None
    who, _, when = detail.rpartition(", ")
    return label[:at], (who or detail) or None, when if who else None
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ T,]+(\d{1,2}:\d{2})(?:\s*(?:Uhr\s*)?"
                       r"\(?([A-Z]{3,5}|UTC[+-]?\d*|[A-Za-z]+/[A-Za-z_]+)\)?)?")
_ZONE_WORD = re.compile(r"\(([A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?)\)")
_ABBREVIATIONS = {"CET": "Europe/Berlin", "CEST": "Europe/Berlin", "MEZ": "Europe/Berlin",
                  "MESZ": "Europe/Berlin", "UTC": "UTC", "GMT": "Europe/London",
                  "BST": "Europe/London", "EET": "Europe/Helsinki", "EEST": "Europe/Helsinki"}
_CHECKPOINT = re.compile(
    r"^T\s*(?P<sign>[+\-−–±]?)\s*(?P<n>\d+)\s*(?P<unit>h|d|m|min|std|stunden?|hours?|tage?n?|"
    r"days?)?\b(?:\s*(?:to|bis|until|–|-)\s*T\s*[+\-−–]?\s*\d+\s*(?P<unit2>h|d|tage?n?|days?|"
    r"stunden?|hours?)?)?", re.IGNORECASE)


@dataclass
class _Entry:
    """One checklist line: its text, whether it was ticked, and table columns if any."""

    label: str
    line: int
    ticked: bool = False
    owner: str | None = None
    when: str | None = None
    done_by: str | None = None


@dataclass
class _Section:
    title: str
    level: int
    line: int
    kind: str | None
    nodes: list[SyntaxTreeNode] = field(default_factory=list)


def _list_entries(node: SyntaxTreeNode, notes: list[Note], lang: str) -> Iterator[_Entry]:
    for item in node.children:
        para = next((c for c in item.children if c.type == "paragraph"), None)
        if para is None or not para.children:
            continue
        label = " ".join(_text(para.children[0]).split())
        ticked = False
        m = _BOX.match(label)
        if m:
            ticked, label = m.group(1) in "xX", label[m.end():]
        label, done_by, when = _done_suffix(label)
        if label:
            yield _Entry(label, _line(item), ticked, when=when, done_by=done_by)
        for nested in item.children:
            if nested.type in ("bullet_list", "ordered_list"):
                notes.append(Note(_line(nested), _t(lang, "import.nested")))


def _cells(row: SyntaxTreeNode) -> list[str]:
    return [" ".join(_text(cell.children[0]).split()) if cell.children else ""
            for cell in row.children]


def _columns(header: list[str]) -> dict[str, int]:
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


def _cell(cells: list[str], cols: dict[str, int], key: str) -> str:
    i = cols.get(key)
    return cells[i] if i is not None and i < len(cells) else ""


def _table(node: SyntaxTreeNode) -> tuple[list[str], list[tuple[int, list[str]]]]:
    head: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    for part in node.children:
        for row in part.children:
            if part.type == "thead":
                head = _cells(row)
            else:
                rows.append((_line(row), _cells(row)))
    return head, rows


def _table_entries(node: SyntaxTreeNode, notes: list[Note], lang: str) -> Iterator[_Entry]:
    head, rows = _table(node)
    cols = _columns(head)
    for line, cells in rows:
        label = _cell(cells, cols, "task") or _cell(cells, cols, "role")
        ticked = False
        status = _cell(cells, cols, "status")
        m = _BOX.match(label + " ")
        if m:
            ticked, label = m.group(1) in "xX", label[m.end():].strip()
        if status:
            if re.match(words.TICKED, status.lower()):
                ticked = True
            elif not re.match(words.OPEN, status.lower()):
                notes.append(Note(line, _t(lang, "import.status", status=status)))
        when = _cell(cells, cols, "date")
        done_by, _, at = when.rpartition(", ")  # "who, when" as the checklist export writes
        if label:
            yield _Entry(label, line, ticked, _cell(cells, cols, "owner") or None,
                         (at if done_by else when) or None, done_by or None)


def _entries(section: _Section, notes: list[Note], lang: str) -> list[_Entry]:
    out: list[_Entry] = []
    for node in section.nodes:
        if node.type in ("bullet_list", "ordered_list"):
            out += _list_entries(node, notes, lang)
        elif node.type == "table":
            out += _table_entries(node, notes, lang)
        elif node.type != "hr":
            notes.append(Note(_line(node), _t(lang, "import.text")))
    return out


# --- the importer ----------------------------------------------------------------------------


class _Importer:
    def __init__(self, source: str, name: str) -> None:
        self.source = source
        self.name = name
        self.notes: list[Note] = []
        self.ticks: list[Tick] = []
        self.ids: set[str] = set()
        self.md = MarkdownIt("commonmark").enable("table")
        self.root = SyntaxTreeNode(self.md.parse(source))
        self.lang = "de" if len(re.findall(words.GERMAN, source.lower())) >= 3 else "en"

    def note(self, line: int, key: str, **values: Any) -> None:
        self.notes.append(Note(line, _t(self.lang, key, **values)))

    # structure ------------------------------------------------------------------------

    def sections(self) -> tuple[str, list[SyntaxTreeNode], list[_Section]]:
        """The title, what stands before the first section, and the sections in order; a
        heading that names no kind inherits its parent's (a 'Checklist' holds sections)."""
        title = ""
        head: list[SyntaxTreeNode] = []
        out: list[_Section] = []
        stack: list[_Section] = []
        for node in self.root.children:
            if node.type == "heading":
                level = int(node.tag[1])
                text = " ".join(_text(node.children[0]).split()) if node.children else ""
                if level == 1 and not title and not out:
                    title = text
                    continue
                while stack and stack[-1].level >= level:
                    stack.pop()
                kind = self.kind(text)
                if kind is None and stack and stack[-1].kind not in (None, "container", "goal"):
                    kind = stack[-1].kind
                    if kind == "tplan":
                        kind = None  # a heading under the T-plan that is no checkpoint
                section = _Section(text, level, _line(node), kind)
                out.append(section)
                stack.append(section)
            elif out:
                out[-1].nodes.append(node)
            else:
                head.append(node)
        return title, head, out

    @staticmethod
    def kind(title: str) -> str | None:
        if _checkpoint(title):
            return "checkpoint"
        low = words.normal(title)
        return next((k for k, pattern in words.SECTION_WORDS if re.search(pattern, low)), None)

    # ids ------------------------------------------------------------------------------

    def new_id(self, prefix: str, part: str) -> str:
        base = f"{prefix}.{part}" if prefix else part
        candidate, n = base, 2
        while candidate in self.ids:
            candidate, n = f"{base}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def known(self, section: str, label: str) -> tuple[str, str | None]:
        low = words.normal(label)
        for pattern, suffix, derived in words.ITEMS[section]:
            if re.search(pattern, low):
                return suffix, derived
        return words.slug(label), None

    def item_id(self, prefix: str, section: str, label: str) -> tuple[str, str | None]:
        suffix, derived = self.known(section, label)
        if f"{prefix}.{suffix}" in self.ids:  # two lines read alike: the second by its words
            suffix, derived = words.slug(label), None
        return self.new_id(prefix, suffix), derived

    def tick(self, item: str, entry: _Entry) -> None:
        if entry.ticked:
            self.ticks.append(Tick(item, entry.line, entry.done_by or entry.owner, entry.when))

    # the plan -------------------------------------------------------------------------

    def run(self) -> Imported:
        title, head, sections = self.sections()
        title = _REHEARSAL_TITLE.sub("", title)  # a rehearsal's export, read back
        golive: dict[str, Any] = {"title": title} if title else {}
        self.meta(head, golive)
        signoffs: list[dict[str, Any]] = []
        gates: list[dict[str, Any]] = []
        comms: list[dict[str, Any]] = []
        checkpoints: list[dict[str, Any]] = []
        contacts: list[dict[str, Any]] = []
        template: SyntaxTreeNode | None = None
        for s in sections:
            if s.kind == "signoff":
                signoffs += self.signoffs(s)
            elif s.kind == "gate":
                gates += self.gates(s)
            elif s.kind == "comms":
                comms += self.comms(s)
            elif s.kind == "checkpoint":
                checkpoints.append(self.checkpoint(s))
            elif s.kind == "contacts":
                contacts += self.contacts(s, golive)
            elif s.kind == "approval_doc":
                template = next((n for n in s.nodes if n.type in ("fence", "code_block")),
                                template)
            elif s.kind == "goal":
                self.goal(s, golive)
            else:
                self.leftover(s)
        _link_gates(gates, contacts)
        if template is not None:
            self.template(template, golive, signoffs)
        self.timing(golive, checkpoints, sections)
        if "product" not in golive:
            golive["product"] = self.product(golive)
        if "release" not in golive:
            golive["release"] = self.release(golive)
        golive["language"] = self.lang
        data = {"golive": golive, "signoffs": signoffs, "gates": gates, "comms": comms,
                "checkpoints": [self.resolve(cp, golive) for cp in checkpoints],
                "contacts": contacts}
        for key in ("signoffs", "gates", "comms", "checkpoints", "contacts"):
            if not data[key]:
                raise ChecklistError(f"{self.name}: {_t(self.lang, f'import.missing.{key}')}")
        toml = _dumps(data)
        try:
            plan = parse_plan(toml, self.name)
        except PlanError as exc:  # the TOML's line means nothing to the checklist's author
            why = re.sub(rf"^{re.escape(self.name)}(:\d+)?: ", "", str(exc))
            raise ChecklistError(f"{self.name}: {_t(self.lang, 'import.invalid', why=why)}"
                                 ) from None
        self.notes.sort(key=lambda n: n.line)
        return Imported(toml, plan, self.notes, self.ticks)

    def leftover(self, s: _Section) -> None:
        if s.kind in ("container", "tplan") and not s.nodes:
            return
        if s.kind in ("container", "tplan"):
            self.note(s.line, "import.unplaced", title=s.title)
        elif s.nodes or s.kind is None:
            self.note(s.line, "import.unknown", title=s.title)

    def meta(self, nodes: list[SyntaxTreeNode], golive: dict[str, Any]) -> None:
        """Stand / Owner / Deadline / Docs lines under the title."""
        for node in nodes:
            if node.type != "paragraph" or not node.children:
                if node.type != "hr":
                    self.note(_line(node), "import.head")
                continue
            inline = node.children[0]
            codes = _codes(inline)
            for offset, raw in enumerate(_text(inline).split("\n")):
                line = _line(node) + offset
                key, _, value = raw.partition(":")
                key_low = words.normal(key)
                which = next((k for k, pat in words.META.items()
                              if re.fullmatch(f"({pat})", key_low)), None) if _ else None
                if which is None:
                    self.note(line, "import.head")
                    continue
                value = value.strip()
                if which == "t0":
                    self.instant_in(value, golive)
                    zone = _ZONE_WORD.search(value)
                    if zone and _valid_zone(zone.group(1)):
                        golive["timezone"] = zone.group(1)
                elif which in ("release", "product"):
                    golive[which] = value.strip("`* ")
                elif which == "docs":
                    golive["docs"] = [c for c in codes if c in value] or \
                        [d.strip() for d in value.split(",") if d.strip()]
                elif which == "owner":
                    golive["owner"] = value
                else:
                    m = _DATE.search(value)
                    if m:
                        golive[which] = _dt.date.fromisoformat(m.group(1))
                    zone = _ZONE_WORD.search(value)
                    if zone and _valid_zone(zone.group(1)):
                        golive["timezone"] = zone.group(1)

    def goal(self, s: _Section, golive: dict[str, Any]) -> None:
        notes: list[str] = []
        for node in s.nodes:
            if node.type == "paragraph" and node.children:
                self.instant_in(_text(node.children[0]), golive)
            elif node.type in ("bullet_list", "ordered_list"):
                notes += [e.label for e in _list_entries(node, self.notes, self.lang)]
        if notes:
            golive["target_notes"] = notes

    def instant_in(self, text: str, golive: dict[str, Any]) -> None:
        m = _DATETIME.search(text)
        if m and "t0_text" not in golive:
            golive["t0_text"] = (m.group(1), m.group(2), m.group(3))

    def signoffs(self, s: _Section) -> list[dict[str, Any]]:
        out = []
        for entry in _entries(s, self.notes, self.lang):
            # the role as the checklist writes it ("Produkt"); a known one gets its stable id
            role = re.split(r"[- ](freigabe|sign-?off|approval|abnahme|informiert|informed)",
                            entry.label, flags=re.IGNORECASE)[0].strip() or entry.label
            role_id = words.first_match(entry.label, words.ROLES) or words.slug(role)
            item: dict[str, Any] = {"id": self.new_id("approval", role_id or "item"),
                                    "role": role, "label": entry.label}
            if re.search(words.INFORMED, entry.label.lower()):
                item["informed"] = True
            if entry.owner and not _placeholder(entry.owner):
                item["owner"] = entry.owner
            self.tick(item["id"], entry)
            out.append(item)
        return out

    def _plain_items(self, s: _Section, prefix: str, section: str) -> list[dict[str, Any]]:
        out = []
        for entry in _entries(s, self.notes, self.lang):
            item_id, derived = self.item_id(prefix, section, entry.label)
            item: dict[str, Any] = {"id": item_id, "label": entry.label}
            if derived:
                item["derived"] = derived
                hours = re.search(r"(\d+)\s*(h\b|stunden|hours)", entry.label.lower())
                if derived == "staging-stable" and section == "gate" and hours:
                    item["hours"] = int(hours.group(1))
            self.tick(item_id, entry)
            out.append(item)
        return out

    def gates(self, s: _Section) -> list[dict[str, Any]]:
        return self._plain_items(s, "gate", "gate")

    def comms(self, s: _Section) -> list[dict[str, Any]]:
        return self._plain_items(s, "comms", "comms")

    def checkpoint(self, s: _Section) -> dict[str, Any]:
        m = _checkpoint(s.title)
        assert m is not None
        n = int(m.group("n"))
        unit = (m.group("unit") or m.group("unit2") or "h").lower()
        unit = "d" if unit[0] in "dt" else "m" if unit.startswith("m") else "h"
        sign = "+" if m.group("sign") == "+" else "-"
        if n == 0:
            sign = "+"
        label = "T-0" if n == 0 else f"T{sign}{n}{unit}"
        cp_id = self.new_id("", label.lower())
        if m.group("unit2"):  # a phase ("T-5 to T-1 days") keeps its words, due at its start
            label = re.sub(r"^[^\w]+", "", _DATETIME.sub("", s.title)).strip().rstrip(":")
        cp: dict[str, Any] = {"id": cp_id, "label": label, "offset": f"{sign}{n}{unit}",
                              "line": s.line}
        when = _DATETIME.search(s.title)
        if when:
            cp["at_text"] = (when.group(1), when.group(2), when.group(3))
        checks = []
        for entry in _entries(s, self.notes, self.lang):
            check_id, derived = self.item_id(cp_id, "check", entry.label)
            check: dict[str, Any] = {"id": check_id, "label": entry.label}
            if derived:
                check["derived"] = derived
            self.tick(check_id, entry)
            checks.append(check)
        cp["checks"] = checks
        return cp

    def contacts(self, s: _Section, golive: dict[str, Any]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for node in s.nodes:
            if node.type in ("bullet_list", "ordered_list"):
                for entry in _list_entries(node, self.notes, self.lang):
                    m = _CONTACT_LINE.match(entry.label)
                    if m is None:
                        out.append(self.role_line(entry))
                        continue
                    contact = self.contact(m.group(2) or m.group(1), m.group(1))
                    out.append(contact)
                    if m.group(3):  # filled in: recorded when a file is made from it
                        self.ticks.append(Tick(contact["id"], entry.line, m.group(3).strip()))
            elif node.type == "table":
                out += self.team(node)
            elif node.type == "paragraph" and node.children:
                text = " ".join(_text(node.children[0]).split())
                if re.search(r"platzhalter|placeholder", text.lower()) and not text.endswith(":"):
                    golive["placeholder_rule"] = text
                elif not text.endswith(":"):  # an introduction to the list is expected
                    self.note(_line(node), "import.text")
            elif node.type != "hr":
                self.note(_line(node), "import.text")
        return out

    def role_line(self, entry: _Entry) -> dict[str, Any]:
        """`Technical Lead: [Your contact]` (or `- [TODO]`): the role with its placeholder;
        `Technical Lead: Olaf Berg, +49 …` names the person, recorded when a file is made."""
        m = _ROLE_LINE.match(entry.label)
        if m is None:
            return self.contact(entry.label, entry.label)
        role, rest = m.group("role").strip(), m.group("rest").strip()
        bracket = _BRACKETED.search(rest)
        if bracket:
            return self.contact(role, bracket.group(0))
        if _placeholder(rest):
            return self.contact(role, rest)
        contact = self.contact(role, f"[{role}]")
        self.ticks.append(Tick(contact["id"], entry.line, rest))
        return contact

    def contact(self, text: str, placeholder: str, kind: str | None = None) -> dict[str, Any]:
        label = text.strip().strip("`").strip()
        label = label[1:-1].strip() if label.startswith("[") and label.endswith("]") else label
        part = words.first_match(label, words.CONTACTS) or words.slug(label)
        if kind is None:
            kind = "channel" if re.search(words.CHANNEL, label.lower()) else "person"
        return {"id": self.new_id("contact", part), "label": label, "kind": kind,
                "placeholder": placeholder.strip().strip("`").strip()}

    def team(self, node: SyntaxTreeNode) -> list[dict[str, Any]]:
        """A 'Go-Live Team' table: each role a contact. The plan holds roles, the log holds
        people: a real name (and phone) is recorded when a file is made from the list."""
        head, rows = _table(node)
        cols = _columns(head)
        out = []
        for line, cells in rows:
            role = _cell(cells, cols, "role") or _cell(cells, cols, "task")
            if not role:
                continue
            name = _cell(cells, cols, "owner")
            contact = self.contact(role, name if _placeholder(name) else f"[{role}]")
            out.append(contact)
            if not _placeholder(name):
                phone = _cell(cells, cols, "phone")
                value = f"{name}, {phone}" if not _placeholder(phone) else name
                self.ticks.append(Tick(contact["id"], line, value))
        return out

    def template(self, fence: SyntaxTreeNode, golive: dict[str, Any],
                 signoffs: list[dict[str, Any]]) -> None:
        """The fenced approval template: its title, date, release, target and boxes."""
        inner = SyntaxTreeNode(self.md.parse(fence.content))
        boxes = []
        for node in inner.children:
            if node.type == "heading" and node.children:
                title = " ".join(_text(node.children[0]).split())
                golive["approval_title"] = title
                m = re.search(r"(?:\s[–—-]|:)\s+(.+)$", title)
                if m:
                    golive.setdefault("product", m.group(1).strip())
            elif node.type == "paragraph" and node.children:
                for raw in _text(node.children[0]).split("\n"):
                    key, colon, value = raw.partition(":")
                    which = next((k for k, pat in words.TEMPLATE.items()
                                  if re.fullmatch(f"({pat})", words.normal(key))), None)
                    if not colon or which is None or not value.strip():
                        continue
                    if which == "approval_date":
                        m = _DATE.search(value)
                        if m:
                            golive["approval_date"] = _dt.date.fromisoformat(m.group(1))
                    else:
                        golive.setdefault(which, value.strip())
            elif node.type in ("bullet_list", "ordered_list"):
                for entry in _list_entries(node, self.notes, self.lang):
                    entry.label = entry.label.split(" — ")[0]  # the filled template's "who"
                    role_id = words.first_match(entry.label, words.ROLES)
                    match = next((s for s in signoffs
                                  if s["id"] == f"approval.{role_id}" or
                                  words.normal(s["role"]) == words.normal(entry.label)), None)
                    if match is None:
                        self.note(_line(fence) + entry.line, "import.box", box=entry.label)
                        continue
                    boxes.append(match["id"])
                    if words.normal(match["role"]) != words.normal(entry.label):
                        match["box"] = entry.label  # the template's word ("Product")
        if boxes:
            golive["approval_boxes"] = boxes

    def timing(self, golive: dict[str, Any], checkpoints: list[dict[str, Any]],
               sections: list[_Section]) -> None:
        """T-0 and the zone: the go-live instant named in the text, else the T-0 heading."""
        found = golive.pop("t0_text", None)
        if found is None:
            t0 = next((cp for cp in checkpoints if cp["label"] == "T-0" and "at_text" in cp),
                      None)
            found = t0["at_text"] if t0 else None
        if found is None:
            for node in self.root.walk():
                if node.type == "inline" and re.search(r"go-?live", node.content.lower()):
                    m = _DATETIME.search(_text(node))
                    if m:
                        found = (m.group(1), m.group(2), m.group(3))
                        break
        if found is None:
            raise ChecklistError(f"{self.name}: {_t(self.lang, 'import.no_t0')}")
        zone = golive.get("timezone") or _ABBREVIATIONS.get(found[2] or "") or (
            found[2] if found[2] and _valid_zone(found[2]) else None)
        if zone is None:
            zone = "Europe/Berlin"
            self.note(0, "import.zone", zone=zone)
        golive["timezone"] = zone
        golive["t0"] = _local(found)

    def resolve(self, cp: dict[str, Any], golive: dict[str, Any]) -> dict[str, Any]:
        out = {"id": cp["id"], "label": cp["label"]}
        if "at_text" in cp:
            out["at"] = _local(cp["at_text"])
        else:
            out["offset"] = cp["offset"]
        out["checks"] = cp["checks"]
        return out

    def product(self, golive: dict[str, Any]) -> str:
        title = golive.get("title", "")
        parts = [p.strip() for p in re.split(r"\s[–—-]\s|:\s", title) if p.strip()]
        named = [p for p in parts if not re.search(words.NOT_PRODUCT, p.lower())]
        self.note(1, "import.guess.product")
        return (named or parts or [Path(self.name).stem])[-1 if not named else 0]

    def release(self, golive: dict[str, Any]) -> str:
        m = re.search(r"\b(rc-[\w.-]+|v\d+(?:\.\d+)+[\w.-]*|release[- ][\w.-]+)", self.source)
        self.note(1, "import.guess.release")
        return m.group(1) if m else "release"


def _dashes(text: str) -> str:
    return text.replace("−", "-").replace("–", "-").replace("—", "-")


def _checkpoint(title: str) -> re.Match[str] | None:
    """`T-24h …` at the start of a heading, or a signed `(T-0)` / `T+30m` inside it
    (`Launch (T-0)`); a bare `T2` inside a heading is not a checkpoint."""
    text = words.normal(_dashes(title))
    m = _CHECKPOINT.match(text)
    if m:
        return m
    inner = re.search(r"[\s(\[]T\s*[+-]\s*\d", text, re.IGNORECASE)
    return _CHECKPOINT.match(text[inner.start() + 1:]) if inner else None


def _placeholder(text: str) -> bool:
    t = text.strip().strip("`")
    return not t or (t.startswith("[") and t.endswith("]")) or \
        t.upper() in ("TBD", "TODO", "N/A", "?", "-", "…", "...")


def _valid_zone(name: str) -> bool:
    try:
        pendulum.timezone(name)
    except (InvalidTimezone, ValueError):
        return False
    return "/" in name or name == "UTC"


def _local(found: tuple[str, str, str | None]) -> _dt.datetime:
    day, clock, _zone = found
    h, m = clock.split(":")
    return _dt.datetime.combine(_dt.date.fromisoformat(day), _dt.time(int(h), int(m)))


def _dumps(data: dict[str, Any]) -> str:
    import tomli_w

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if k != "line"}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    header = "# Imported from a Markdown go-live checklist by `golive import`.\n\n"
    return header + tomli_w.dumps(clean(data), multiline_strings=False)


def import_checklist(source: str, name: str) -> Imported:
    """Read a checklist's text; ChecklistError (one line) when no plan can be made of it."""
    return _Importer(clean_text(source), name).run()


def import_file(path: str | Path) -> Imported:
    p = Path(path)
    try:
        raw = p.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ChecklistError(f"{p}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ChecklistError(f"{p}: not UTF-8 text (byte {exc.start})") from None
    return import_checklist(raw, str(p))


def tick_command(plan: Plan, tick: Tick, actor: str) -> Command | None:
    """What a line ticked in the checklist records when a file is created from it: the
    sign-off by the name the checklist gives, the gate green, the task done. Derived items
    follow their source and are not ticked."""
    item = plan.item(tick.item)
    if item is not None and item.derived:
        return None
    if item is None:
        return _contact_command(plan, tick)
    if item.section == "signoff":
        return Approve(item.id, tick.by or item.owner or actor)
    if item.section == "gate":
        return SetGate(item.id, "green", _t(plan.language, "import.tick.note", line=tick.line))
    return Check(item.id)


def _contact_command(plan: Plan, tick: Tick) -> Command | None:
    """A contact the checklist names: a channel as written; a person as `name, phone` (a
    masked phone is left for someone to enter)."""
    role = plan.contact(tick.item)
    if role is None or not tick.by:
        return None
    if role.kind == "channel":
        return SetContact(role.id, channel=tick.by)
    name, _, phone = tick.by.rpartition(", ")
    if not name:
        name, phone = tick.by, ""
    return SetContact(role.id, name, None if not phone or "•" in phone else phone)


def _link_gates(gates: list[dict[str, Any]], contacts: list[dict[str, Any]]) -> None:
    """Gates that say a contact is named follow those contacts (golive.data.rules): the
    rollback owner its rollback decider, the channels gate the channel contacts."""
    for gate in gates:
        if gate["id"].endswith("rollback-owner"):
            ids = [c["id"] for c in contacts if "rollback" in c["id"]]
        elif gate["id"].endswith("channels"):
            ids = [c["id"] for c in contacts if c.get("kind") == "channel"]
        else:
            continue
        if ids:
            gate["contacts"] = ids
