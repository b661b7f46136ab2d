"""Markdown go-live checklist -> plan TOML, read by its shape with a real Markdown parser.

A team's checklist (headings with task lists or status tables, a T-plan, an escalation
list, an approval template) becomes a plan that golive can run. What cannot be placed is
reported with its line and left out; the caller decides whether that refuses the import.
The result is TOML text so that `--out` and `init --plan FILE.md` store exactly the same
plan, and the strict plan parser checks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from golive.data.changes.commands import Approve, Check, Command, SetContact, SetGate
from golive.data.checklist import words
from golive.data.checklist.facts import (
    name_fact,
    read_goal,
    read_meta,
    read_template,
    read_timing,
    resolve_checkpoint,
)
from golive.data.checklist.markdown import (
    REHEARSAL_TITLE,
    Section,
    node_line,
    node_text,
    section_entries,
)
from golive.data.checklist.people import read_contacts, read_signoffs
from golive.data.checklist.reader import ChecklistError, Note, Reader, Tick
from golive.data.checklist.when import Phase, find_instant, phase_of, strip_instant
from golive.data.plan.model import Plan, PlanError
from golive.data.plan.source import parse_plan
from golive.data.texts.catalogue import text as _t
from golive.data.texts.user_text import clean_text

FIELDS = ("placeholder", "label", "role", "id", "owner")  # named in the user's words


@dataclass
class Imported:
    toml: str
    plan: Plan
    notes: list[Note]
    ticks: list[Tick]
    rehearsal: bool = False  # a rehearsal's export (PROBE title or mode line)


class Importer(Reader):
    """Sections in order, each read by its kind, then the plan checked by the strict parser."""

    def sections(self) -> tuple[str, list[SyntaxTreeNode], list[Section]]:
        """The title, what stands before the first section, and the sections in order; a
        heading that names no kind inherits its parent's (a 'Checklist' holds sections)."""
        title = ""
        head: list[SyntaxTreeNode] = []
        out: list[Section] = []
        stack: list[Section] = []
        current: Section | None = None  # the section the next blocks belong to
        for node in self.root.children:
            if node.type == "heading":
                level = int(node.tag[1])
                text = " ".join(node_text(node.children[0]).split()) if node.children else ""
                if level == 1 and not title and not out:
                    title = text
                    continue
                while stack and stack[-1].level >= level:
                    stack.pop()
                kind = self.kind(text)
                parent = stack[-1] if stack else None
                if kind is None and parent is not None and parent.kind == "checkpoint":
                    # a heading under a phase ("### Data Migration") groups the phase's items
                    current = Section(text, level, node_line(node), "checkpoint", parent.nodes)
                    stack.append(current)
                    continue
                if kind is None and parent and parent.kind not in (None, "container", "goal"):
                    kind = parent.kind
                    if kind == "tplan":
                        kind = None  # a heading under the T-plan that is no checkpoint
                current = Section(text, level, node_line(node), kind)
                out.append(current)
                stack.append(current)
            elif current is not None:
                current.nodes.append(node)
            else:
                head.append(node)
        return title, head, out

    @staticmethod
    def kind(title: str) -> str | None:
        if phase_of(title):
            return "checkpoint"
        low = words.normal(title)
        return next((k for k, pattern in words.SECTION_WORDS if re.search(pattern, low)), None)

    def run(self) -> Imported:
        title, head, sections = self.sections()
        if REHEARSAL_TITLE.match(title):  # a rehearsal's export, read back
            self.rehearsal = True
            title = REHEARSAL_TITLE.sub("", title)
        golive: dict[str, Any] = {"title": title} if title else {}
        read_meta(self, head, golive)
        signoffs: list[dict[str, Any]] = []
        gates: list[dict[str, Any]] = []
        comms: list[dict[str, Any]] = []
        checkpoints: list[dict[str, Any]] = []
        contacts: list[dict[str, Any]] = []
        template: SyntaxTreeNode | None = None
        for s in sections:
            if s.kind == "signoff":
                signoffs += read_signoffs(self, s)
            elif s.kind == "gate":
                gates += self.gates(s)
            elif s.kind == "comms":
                comms += self.comms(s)
            elif s.kind == "checkpoint":
                checkpoints.append(self.checkpoint(s))
            elif s.kind == "contacts":
                contacts += read_contacts(self, s, golive)
            elif s.kind == "approval_doc":
                template = next((n for n in s.nodes if n.type in ("fence", "code_block")),
                                template)
            elif s.kind == "goal":
                read_goal(self, s, golive)
            else:
                self.leftover(s)
        _link_gates(gates, contacts)
        if template is not None:
            read_template(self, template, golive, signoffs)
        read_timing(self, golive, checkpoints, sections, self.given.get("t0"))
        name_fact(self, golive, "product", self.given.get("product"))
        name_fact(self, golive, "release", self.given.get("release"))
        golive["language"] = self.lang
        data = {"golive": golive, "signoffs": signoffs, "gates": gates, "comms": comms,
                "checkpoints": [resolve_checkpoint(self, cp, golive) for cp in checkpoints],
                "contacts": contacts}
        for key in ("signoffs", "gates", "comms", "checkpoints", "contacts"):
            if not data[key]:  # that kind stays empty; said, not refused (rules: no GO
                self.note(0, f"import.missing.{key}")  # without a sign-off)
        toml = _dumps(data)
        try:
            plan = parse_plan(toml, self.name)
        except PlanError as exc:  # the TOML's line means nothing to the checklist's author
            why = re.sub(rf"^{re.escape(self.name)}(:\d+)?: ", "", str(exc))
            raise ChecklistError(self.in_words(data, why)) from None
        self.notes.sort(key=lambda n: n.line)
        return Imported(toml, plan, self.notes, self.ticks, self.rehearsal)

    def in_words(self, data: dict[str, Any], why: str) -> str:
        """The plan parser's complaint about `contacts[4].placeholder` as the checklist line
        it came from and the words written there."""
        m = re.match(r"(\w+)\[(\d+)\](?:\.checks\[(\d+)\])?(?:\.(\w+))?:?\s*(.*)$", why)
        found: Any = None
        if m and m.group(1) in data and int(m.group(2)) < len(data[m.group(1)]):
            found = data[m.group(1)][int(m.group(2))]
            if m.group(3) is not None and int(m.group(3)) < len(found.get("checks", [])):
                found = found["checks"][int(m.group(3))]
        if m is None or not isinstance(found, dict) or "line" not in found:
            return f"{self.name}: {_t(self.lang, 'import.invalid', why=why)}"
        field = _t(self.lang, f"import.field.{m.group(4)}") if m.group(4) in FIELDS \
            else _t(self.lang, "import.field.entry")
        return f"{self.name}:{found['line']}: " + _t(
            self.lang, "import.invalid.line", label=self.source_line(found["line"]),
            field=field, why=_t(self.lang, "import.why.empty") if m.group(5) == "must not be empty"
            else m.group(5))

    def source_line(self, line: int) -> str:
        lines = self.source.splitlines()
        return " ".join(lines[line - 1].split())[:80] if 0 < line <= len(lines) else ""

    def leftover(self, s: Section) -> None:
        if s.kind in ("container", "tplan") and not s.nodes:
            return
        if s.kind in ("container", "tplan"):
            self.note(s.line, "import.unplaced", title=s.title)
        elif s.nodes or s.kind is None:
            self.note(s.line, "import.unknown", title=s.title)

    def _plain_items(self, s: Section, prefix: str, section: str) -> list[dict[str, Any]]:
        out = []
        for entry in section_entries(s, self.notes, self.lang):
            item_id, derived = self.item_id(prefix, section, entry.label)
            item: dict[str, Any] = {"id": item_id, "label": entry.label, "line": entry.line}
            if derived:
                item["derived"] = derived
                hours = re.search(r"(\d+)\s*(h\b|stunden|hours)", entry.label.lower())
                if derived == "staging-stable" and section == "gate" and hours:
                    item["hours"] = int(hours.group(1))
            self.tick(item_id, entry)
            out.append(item)
        return out

    def gates(self, s: Section) -> list[dict[str, Any]]:
        return self._plain_items(s, "gate", "gate")

    def comms(self, s: Section) -> list[dict[str, Any]]:
        return self._plain_items(s, "comms", "comms")

    def checkpoint(self, s: Section) -> dict[str, Any]:
        phase = phase_of(s.title) or Phase("+", 0, "h")
        label = phase.label
        cp_id = self.new_id("", label.lower())
        if phase.span or not re.match(r"^\W*T\s*[+\-±]?\s*\d", s.title.replace("−", "-")):
            # a phase in words ("T-5 to T-1 days", "4 weeks before") keeps them
            label = re.sub(r"^[^\w]+", "", strip_instant(s.title)).strip().rstrip(":") or label
        cp: dict[str, Any] = {"id": cp_id, "label": label, "offset": phase.offset,
                              "line": s.line}
        when = find_instant(s.title)
        if when:
            cp["at_text"] = when
        checks = []
        for entry in section_entries(s, self.notes, self.lang):
            check_id, derived = self.item_id(cp_id, "check", entry.label)
            check: dict[str, Any] = {"id": check_id, "label": entry.label, "line": entry.line}
            if derived:
                check["derived"] = derived
            self.tick(check_id, entry)
            checks.append(check)
        cp["checks"] = checks
        return cp


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


def import_checklist(source: str, name: str, given: dict[str, str] | None = None) -> Imported:
    """Read a checklist's text; ChecklistError (one line) when no plan can be made of it.
    `given`: t0, product, release from the command line, over what the document says."""
    importer = Importer(clean_text(source), name)
    importer.given = {k: v for k, v in (given or {}).items() if v}
    return importer.run()


def import_file(path: str | Path, given: dict[str, str] | None = None) -> Imported:
    p = Path(path)
    try:
        raw = p.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ChecklistError(f"{p}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ChecklistError(f"{p}: not UTF-8 text (byte {exc.start})") from None
    return import_checklist(raw, str(p), given)


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
    """Gates that say a contact is named follow those contacts (golive.data.rules.item_states): the
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
