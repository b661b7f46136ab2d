"""Markdown go-live checklist -> plan TOML, read by its shape with a real Markdown parser.

A team's checklist (headings with task lists or status tables, a T-plan, an escalation
list, an approval template) becomes a plan that golive can run. What cannot be placed is
reported with its line and left out; the caller decides whether that refuses the import.
The result is TOML text so that `--out` and `init --plan FILE.md` store exactly the same
plan, and the strict plan parser checks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from golive.data.changes.commands import Approve, Check, Command, SetContact, SetGate
from golive.data.changes.refused import Refused
from golive.data.checklist import words
from golive.data.checklist.facts import (
    name_fact,
    read_goal,
    read_meta,
    read_template,
    read_timing,
    resolve_checkpoint,
)
from golive.data.checklist.leftovers import keep_as_tasks, place_after_all, read_rollback
from golive.data.checklist.markdown import (
    REHEARSAL_TITLE,
    Section,
    node_line,
    node_text,
    section_entries,
)
from golive.data.checklist.moves import apply_moves
from golive.data.checklist.people import read_contacts, read_signoffs
from golive.data.checklist.reader import ChecklistError, Note, Reader, Tick
from golive.data.checklist.report import ReportLine, report_lines
from golive.data.checklist.when import Phase, find_instant, phase_of, strip_instant
from golive.data.plan.model import Plan, PlanError, PlanFileError
from golive.data.plan.source import MAX_PLAN_BYTES, parse_plan
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
    report: list[ReportLine] = field(default_factory=list)  # where each line went


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
            label = _label_line(node)
            if node.type == "heading" or label:
                level = int(node.tag[1]) if node.type == "heading" else \
                    (stack[-1].level + 1 if stack else 2)
                text = label or (" ".join(node_text(node.children[0]).split())
                                 if node.children else "")
                if level == 1 and not title and not out:
                    title = text
                    self.place(node_line(node), "title")
                    continue
                self.place(node_line(node), "heading")
                while stack and stack[-1].level >= level:
                    stack.pop()
                kind = self.kind(text)
                parent = stack[-1] if stack else None
                day = re.match(r"(?:day|tag)\s+(\d{1,3})\b", words.normal(text))
                after = parent is not None and parent.kind == "checkpoint" and \
                    (phase_of(parent.title) or Phase("-", 0, "h")).sign == "+"
                if day and after and parent is not None:  # "### Day 7" after go-live: T+7d
                    text = f"{text} (T+{day.group(1)}d)"
                    kind = "checkpoint"
                if kind == "checkpoint" and parent is not None and parent.kind == "checkpoint":
                    parent.grouping = True
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
            elif s.kind == "rollback":
                read_rollback(self, s, golive, checkpoints)
            else:
                self.leftover(s, checkpoints)
        if self.moves:  # the preview's choices, kept beside the checklist
            apply_moves(self, {"signoffs": signoffs, "gates": gates, "comms": comms,
                               "checkpoints": checkpoints}, self.moves)
        _link_gates(gates, contacts)
        if template is not None:
            read_template(self, template, golive, signoffs)
        read_timing(self, golive, checkpoints, sections, self.given.get("t0"))
        name_fact(self, golive, "product", self.given.get("product"))
        name_fact(self, golive, "release", self.given.get("release"))
        golive["language"] = self.lang
        place_after_all(checkpoints, golive["t0"])
        # a phase heading whose items all sit under timed sub-headings ("Launch Day" over
        # "Morning (T-0)") is no checkpoint of its own
        checkpoints = [cp for cp in checkpoints if cp["checks"] or not cp.get("grouping")]
        data: dict[str, Any] = {
            "golive": golive, "signoffs": signoffs, "gates": gates, "comms": comms,
            "checkpoints": [resolve_checkpoint(self, cp, golive) for cp in checkpoints],
            "contacts": contacts}
        for key in ("signoffs", "gates", "comms", "checkpoints", "contacts"):
            if not data[key]:  # that kind stays empty; said, not refused (rules: no GO
                self.note(0, f"import.missing.{key}")  # without a sign-off)
        if not data["checkpoints"]:  # a plan counts down to T-0: that one, with no checks
            data["checkpoints"] = [{"id": "t-0", "label": "T-0", "offset": "+0h", "checks": []}]
        toml = _dumps(data, self.shape(data))
        if len(toml.encode("utf-8")) > MAX_PLAN_BYTES:  # said in the plan's words
            items = sum(len(data[k]) for k in ("signoffs", "gates", "comms")) + sum(
                len(cp["checks"]) for cp in data["checkpoints"])
            raise ChecklistError(f"{self.name}: " + _t(self.lang, "import.too_big", n=items,
                                                        limit=f"{MAX_PLAN_BYTES:,}"))
        try:
            plan = parse_plan(toml, self.name)
        except PlanError as exc:  # the TOML's line means nothing to the checklist's author
            why = re.sub(rf"^{re.escape(self.name)}(:\d+)?: ", "", str(exc))
            raise ChecklistError(self.in_words(data, why)) from None
        self.notes.sort(key=lambda n: n.line)
        return Imported(toml, plan, self.notes, self.ticks, self.rehearsal,
                        report_lines(self))

    def shape(self, data: dict[str, Any]) -> dict[str, Any]:
        """The source and the line of each item and contact in it, for the round trip."""
        lines: dict[str, int] = {}
        for key in ("signoffs", "gates", "comms", "contacts"):
            lines.update({i["id"]: i["line"] for i in data[key] if i.get("line")})
        for cp in data["checkpoints"]:
            lines.update({c["id"]: c["line"] for c in cp["checks"] if c.get("line")})
        template = sorted(n for n, (kind, _) in self.placed.items() if kind == "template")
        out: dict[str, Any] = {"source": self.source, "lines": lines}
        if template:
            out["template"] = [template[0], template[-1]]
        return out

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

    def leftover(self, s: Section, checkpoints: list[dict[str, Any]]) -> None:
        """A section of no kind the plan has: its items kept as further tasks, its prose
        reported."""
        if not s.nodes:
            return
        entries = section_entries(s, self.notes, self.lang)
        if entries:
            self.note(s.line, "import.kept", title=s.title, n=len(entries),
                      further=_t(self.lang, "import.further"))
        keep_as_tasks(self, s, entries, checkpoints)

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
            self.place_entry(entry, "task" if section == "comms" else section)
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
                              "line": s.line, "grouping": s.grouping}
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
            self.place_entry(entry, "check", label)
            checks.append(check)
        cp["checks"] = checks
        return cp


def _label_line(node: SyntaxTreeNode) -> str:
    """`**Day-of:**` alone on a line, as teams write a phase without a heading: its words
    when they name a phase, else ""."""
    if node.type != "paragraph" or not node.children:
        return ""
    inline = node.children[0]
    parts = [c for c in inline.children if c.type != "text" or c.content.strip()]
    if len(parts) != 1 or parts[0].type != "strong":
        return ""
    text = " ".join(node_text(parts[0]).split()).rstrip(":").strip()
    return text if phase_of(text) else ""


def _dumps(data: dict[str, Any], shape: dict[str, Any] | None = None) -> str:
    """The plan as TOML; with `shape`, the team's document and where each item stands in it
    (golive.data.checklist.team_shape writes it back), unless that outgrows a plan."""
    import tomli_w

    if shape is not None:
        toml = _dumps(data | {"checklist": shape})
        if len(toml.encode("utf-8")) <= MAX_PLAN_BYTES:
            return toml

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if k != "line"}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    header = "# Imported from a Markdown go-live checklist by `golive import`.\n\n"
    return header + tomli_w.dumps(clean(data), multiline_strings=False)


def import_checklist(source: str, name: str, given: dict[str, str] | None = None,
                     moves: dict[str, str] | None = None) -> Imported:
    """Read a checklist's text; ChecklistError (one line) when no plan can be made of it.
    `given`: t0, product, release from the command line, over what the document says;
    `moves`: the preview's choices (golive.data.checklist.moves)."""
    importer = Importer(clean_text(source), name)
    importer.given = {k: v for k, v in (given or {}).items() if v}
    importer.moves = moves or {}
    return importer.run()


def import_file(path: str | Path, given: dict[str, str] | None = None,
                moves: dict[str, str] | None = None) -> Imported:
    """A checklist file; the choices kept beside it (moves.sidecar_path) unless `moves`
    are given."""
    from golive.data.checklist.moves import read_moves, sidecar_path

    p = Path(path)
    if moves is None:
        moves = read_moves(sidecar_path(p))
    try:
        raw = p.read_bytes().decode("utf-8")
    except OSError as exc:
        raise PlanFileError("plan.file.unreadable", path=str(p),
                            why=exc.strerror or str(exc)) from None
    except UnicodeDecodeError as exc:
        raise PlanFileError("plan.file.not_utf8", path=str(p), at=exc.start) from None
    return import_checklist(raw, str(p), given, moves)


def tick_command(plan: Plan, tick: Tick, source: str) -> Command | None:
    """What a line ticked in the checklist records when a file is created from it: the
    sign-off by the name the checklist gives, the gate green, the task done, each marked
    as imported from `source` at its line with the person and date the line names (see
    golive.data.changes.commands.imported_mark): never as done now by whoever imports.
    A sign-off ticked without a name is refused (Refused): nobody can be said to have
    given it. Derived items follow their source and are not ticked."""
    item = plan.item(tick.item)
    if item is not None and item.derived:
        return None
    if item is None:
        return _contact_command(plan, tick)
    mark = {"from": Path(source).name, "line": tick.line, "by": tick.by, "on": tick.when,
            "evidence": tick.evidence}
    if item.section == "signoff":
        by = tick.by or item.owner
        if not by:
            raise Refused("import.tick.nobody", role=item.role or item.label)
        return Approve(item.id, by, imported=mark)
    if item.section == "gate":
        return SetGate(item.id, "green", _t(plan.language, "import.tick.note", line=tick.line),
                       imported=mark)
    return Check(item.id, imported=mark)


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
    return SetContact(role.id, name, None if not phone or "•" in phone else phone,
                      email=tick.email)


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
