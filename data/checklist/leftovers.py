"""The parts of a checklist the plan has no section for, kept rather than lost: a rollback
section (its criteria become what the rollback decision shows, its steps stay tasks), and
whatever else cannot be placed, kept as plain tasks under "Further tasks" ("Weitere
Aufgaben")."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from golive.data.checklist import words
from golive.data.checklist.markdown import (
    Entry,
    Section,
    list_entries,
    local_datetime,
    node_line,
    node_text,
)
from golive.data.checklist.reader import Reader
from golive.data.checklist.when import find_instant, strip_instant
from golive.data.texts.catalogue import text as _t

CRITERIA = r"criteri|trigger|kriteri|auslöser|when to roll ?back|wann .*zurück|abbruch|" \
           r"conditions?|bedingung"
STEPS = r"steps?|schritte?|procedure|vorgehen|ablauf|how to|wie"


def _entries(r: Reader, s: Section, criteria: bool) -> list[tuple[Entry, bool]]:
    """Each list item and each prose line of the section, with whether it is a criterion;
    a paragraph `Criteria:` / `Steps:` switches what the lines after it are."""
    out: list[tuple[Entry, bool]] = []
    for node in s.nodes:
        if node.type in ("bullet_list", "ordered_list"):
            out += [(e, criteria) for e in list_entries(node, r.notes, r.lang)]
        elif node.type == "paragraph" and node.children:
            for offset, raw in enumerate(node_text(node.children[0]).split("\n")):
                line = " ".join(raw.split())
                low = words.normal(line)
                if line.endswith(":") and re.search(CRITERIA, low):
                    criteria = True
                    r.place(node_line(node) + offset, "heading")
                elif line.endswith(":") and re.search(STEPS, low):
                    criteria = False
                    r.place(node_line(node) + offset, "heading")
                elif line:
                    out.append((Entry(line, node_line(node) + offset), criteria))
        elif node.type != "hr":
            r.note(node_line(node), "import.text")
    return out


def read_rollback(r: Reader, s: Section, golive: dict[str, Any],
                  checkpoints: list[dict[str, Any]]) -> None:
    """Criteria into golive.rollback_criteria; steps as tasks of a checkpoint named as the
    section, due at T-0 and listed last (a step is done only if a rollback happens)."""
    criteria = bool(re.search(CRITERIA, words.normal(s.title)))
    steps: list[Entry] = []
    for entry, is_criterion in _entries(r, s, criteria):
        if is_criterion:
            golive.setdefault("rollback_criteria", []).append(entry.label)
            r.place_entry(entry, "rollback")
        else:
            steps.append(entry)
    if steps:
        cp = _checkpoint(r, s.title, s.line, checkpoints)
        cp["after_all"] = "at_text" not in cp  # see place_after_all
        for entry in steps:
            _task(r, cp, entry)


def keep_as_tasks(r: Reader, s: Section, entries: list[Entry],
                  checkpoints: list[dict[str, Any]]) -> None:
    """Lines no section of the plan takes: tasks under "Further tasks", never dropped."""
    if not entries:
        return
    title = _t(r.lang, "import.further")
    cp = next((c for c in checkpoints if c["label"] == title), None) or \
        _checkpoint(r, title, s.line, checkpoints)
    for entry in entries:
        _task(r, cp, entry, "kept")


def _checkpoint(r: Reader, title: str, line: int,
                checkpoints: list[dict[str, Any]]) -> dict[str, Any]:
    when = find_instant(title)  # as golive's own export writes it: "Rollback Plan: <T>"
    if when:
        title = strip_instant(title).strip().rstrip(":").strip() or title
    cp: dict[str, Any] = {"id": r.new_id("", words.slug(title)), "label": title,
                          "offset": "+0h", "line": line, "checks": []}
    if when:
        cp["at_text"] = when
    checkpoints.append(cp)
    return cp


def _task(r: Reader, cp: dict[str, Any], entry: Entry, kind: str = "check") -> None:
    check_id = r.new_id(cp["id"], words.slug(entry.label))
    cp["checks"].append({"id": check_id, "label": entry.label, "line": entry.line})
    r.tick(check_id, entry)
    r.place_entry(entry, kind, cp["label"])


_OFFSET = re.compile(r"([+-])(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")


def place_after_all(checkpoints: list[dict[str, Any]], t0: _dt.datetime) -> None:
    """Rollback steps are due only if a rollback happens: their checkpoint comes an hour
    after the last other one, so no later checkpoint ever makes them overdue."""
    latest = 0
    for cp in checkpoints:
        if cp.get("after_all"):
            continue
        if "at_text" in cp:
            latest = max(latest, int((local_datetime(cp["at_text"]) - t0).total_seconds() // 60))
            continue
        m = _OFFSET.match(cp["offset"])
        if m:
            d, h, mi = (int(x or 0) for x in m.group(2, 3, 4))
            latest = max(latest, (-1 if m.group(1) == "-" else 1) * (d * 1440 + h * 60 + mi))
    for cp in checkpoints:
        if cp.get("after_all"):
            cp["offset"] = f"+{latest + 60}m"
