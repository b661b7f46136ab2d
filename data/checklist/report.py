"""The import report: for every line of the checklist, where it went in the plan (a sign-off,
a gate, a task, a check at its checkpoint, a contact, a fact, a note, kept as a task) or that
it was left out as prose, with the counts, in the plan's language. Nothing is silent: a
line the reader did not place is named as ignored, with the note that says why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from golive.data.checklist.reader import Reader
from golive.data.texts.catalogue import has
from golive.data.texts.catalogue import text as _t

# the order the counts are given in
KINDS = ("signoff", "gate", "task", "check", "contact", "rollback", "kept", "fact", "note",
         "template", "part", "title", "heading", "structure", "prose")


@dataclass(frozen=True)
class ReportLine:
    line: int
    kind: str
    detail: str
    source: str


def report_lines(r: Reader) -> list[ReportLine]:
    """Every non-blank source line with its place; what no reader placed is structure (a
    table's header, a rule), part of the item it continues, or prose left out."""
    placed = dict(r.placed)
    for node in r.root.walk(include_self=False):
        if not node.map:
            continue
        first, end = node.map[0] + 1, node.map[1]
        if node.type == "table":
            for line in (first, first + 1):
                placed.setdefault(line, ("structure", ""))
        elif node.type == "hr":
            placed.setdefault(first, ("structure", ""))
        elif node.type == "list_item" and first in placed:
            for line in range(first + 1, end + 1):
                placed.setdefault(line, ("part", str(first)))
    noted = {n.line: n.message for n in r.notes if n.line}
    out = []
    for number, raw in enumerate(r.source.splitlines(), start=1):
        if not raw.strip():
            continue
        kind, detail = placed.get(number, ("prose", noted.get(number, "")))
        out.append(ReportLine(number, kind, detail, raw.strip()))
    return out


def report_text(lines: list[ReportLine], name: str, lang: str) -> str:
    """`FILE:LINE: where – the line`, then the counts, in the plan's language."""
    out = [_t(lang, "report.head", name=name, n=len(lines))]
    for rl in lines:
        bare = f"report.{rl.kind}.bare"
        where = _t(lang, bare) if not rl.detail and has(bare) else \
            _t(lang, f"report.{rl.kind}", detail=rl.detail)
        out.append(f"{name}:{rl.line}: {where} · {rl.source[:70]}")
    counts = Counter(rl.kind for rl in lines)
    parts = [f"{_t(lang, f'report.count.{k}')} {counts[k]}" for k in KINDS if counts[k]]
    out.append(_t(lang, "report.counts", counts=" · ".join(parts)))
    return "\n".join(out) + "\n"
