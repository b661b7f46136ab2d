"""What reading a checklist keeps as it goes: the notes on what was left out or guessed,
the lines already ticked, the ids given out, the language it is written in, and whether
it is a rehearsal's export."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from golive.data.checklist import words
from golive.data.plan.model import PlanError
from golive.data.texts.catalogue import text as _t


class ChecklistError(PlanError):
    """A checklist that cannot become a plan; str() is the one line shown."""

if TYPE_CHECKING:
    from golive.data.checklist.markdown import Entry


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
    evidence: str | None = None
    email: str | None = None


class Reader:
    """The state of one import, shared by the parts that read its sections."""

    def __init__(self, source: str, name: str) -> None:
        self.source = source
        self.name = name
        self.notes: list[Note] = []
        self.ticks: list[Tick] = []
        self.ids: set[str] = set()
        self.rehearsal = False  # exported from a rehearsal: its ticks are not a real file's
        self.unknown_zone: tuple[int, str] | None = None  # (line, name): see read_timing
        self.given: dict[str, str] = {}  # --t0, --product, --release
        # where each source line went, for the import report: line -> (kind, detail)
        self.placed: dict[int, tuple[str, str]] = {}
        self.moves: dict[str, str] = {}  # the preview's choices: label -> where it goes
        self.md = MarkdownIt("commonmark").enable("table")
        self.root = SyntaxTreeNode(self.md.parse(source))
        self.lang = "de" if len(re.findall(words.GERMAN, source.lower())) >= 3 else "en"

    def place(self, line: int, kind: str, detail: str = "") -> None:
        """Line `line` went into the plan as `kind` (signoff, gate, task, check, contact,
        person, fact, note, kept, rollback); the first placement of a line counts."""
        if line > 0:
            self.placed.setdefault(line, (kind, detail))

    def place_entry(self, entry: Entry, kind: str, detail: str = "") -> None:
        self.place(entry.line, kind, detail)
        for part in entry.parts:
            self.place(part, "part", str(entry.line))

    def note(self, line: int, key: str, **values: Any) -> None:
        self.notes.append(Note(line, _t(self.lang, key, **values)))

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

    def tick(self, item: str, entry: Entry) -> None:
        if entry.ticked:
            self.ticks.append(Tick(item, entry.line, entry.done_by or entry.owner, entry.when,
                                   entry.evidence))
