"""`export --format checklist` of a plan imported from a team's checklist gives back the
team's document: their headings, table columns and order, with only the ticks, who and when
filled in (issue 19). Checked on every checklist of the corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pendulum
import pytest

from golive.data.changes.commands import Approve, Check, SetGate
from golive.data.changes.refused import Refused
from golive.data.checklist.importer import import_checklist, import_file, tick_command
from golive.data.log.store import Store
from golive.data.outputs.export import write_export
from golive.data.time.clock import FixedClock

from support.paths import FIXTURES

SHAPES = FIXTURES / "checklists"
CORPUS = sorted(p for p in SHAPES.glob("*.md") if (SHAPES / f"{p.stem}.expected.json").exists())
PROBE = re.compile(r"^# (PROBE|REHEARSAL): (.*)\n\n\*\*Mod(us|e):\*\* [^\n]*\n", re.M)


def structure(md: str) -> list[str]:
    """Headings and table headers, in order: the document's shape."""
    lines = md.splitlines()
    return [line for n, line in enumerate(lines) if line.startswith("#")
            or (line.startswith("|") and n + 1 < len(lines) and lines[n + 1].startswith("|-"))]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_export_gives_back_the_teams_document_with_its_ticks(path: Path, tmp_path: Path) -> None:
    source = path.read_text().replace("\ufe0f", "")  # dropped from all user text on reading
    imported = import_file(path)
    plan = imported.plan
    hour_before = pendulum.instance(plan.t0).subtract(hours=1)
    store = Store.create(tmp_path / "g.sqlite", plan, FixedClock(hour_before), "rm")
    try:
        for tick in imported.ticks:  # what init --plan records
            try:
                command = tick_command(plan, tick, path.name)
                if command is not None:
                    store.apply(command, "rm")
            except Refused:
                pass
        # and one more done in golive: the first open item
        board = store.board()
        todo = next(v for v in board.items if not v.ok and not v.derived)
        owner = plan.item(todo.id).owner  # type: ignore[union-attr]
        if todo.section == "signoff":
            store.apply(Approve(todo.id, owner or "Rita Vogel"), "rm")
        elif todo.section == "gate":
            store.apply(SetGate(todo.id, "green"), "rm")
        else:
            store.apply(Check(todo.id), "rm")
        md = write_export(store, tmp_path, fmt="checklist").read_text()
    finally:
        store.close()
    md = PROBE.sub(r"# \2\n", md)  # a rehearsal's file says so; nothing else is added
    assert structure(md) == structure(source)
    assert len(md.splitlines()) == len(source.splitlines())
    changed = [n for n, (a, b) in enumerate(zip(md.splitlines(), source.splitlines(), strict=True),
                                           1) if a != b]
    placed = {r.line for r in imported.report if r.kind in (
        "signoff", "gate", "task", "check", "contact", "kept", "template")}
    assert set(changed) <= placed, (set(changed) - placed, md)
    again = import_checklist(md, path.name)
    assert [(i.id, i.label) for i in again.plan.items] == [(i.id, i.label) for i in plan.items]
    assert todo.id in {t.item for t in again.ticks}
    assert {t.item for t in imported.ticks if not t.item.startswith("contact.")} <= \
        {t.item for t in again.ticks} | {i.id for i in plan.items if i.section == "signoff"}
