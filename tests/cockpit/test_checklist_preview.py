"""The import preview (`golive import FILE --preview`), driven with Pilot: the checklist
beside the plan, an item moved to another kind or checkpoint with one key, the plan written
only when confirmed, and the choice kept beside the checklist for the next import."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from textual.widgets import DataTable

from golive.data.checklist.importer import import_file
from golive.data.checklist.moves import sidecar_path
from golive.import_preview import ImportPreview

from support.paths import FIXTURES

SHAPES = FIXTURES / "checklists"


def _row_of(app: ImportPreview, label: str) -> int:
    return next(i for i, (_, words) in enumerate(app.rows()) if words == label)


async def test_move_a_post_launch_metric_out_of_the_gates_and_write_when_confirmed(
        tmp_path: Path) -> None:
    src = tmp_path / "post-launch.md"
    shutil.copy(SHAPES / "post-launch.md", src)
    out = tmp_path / "plan.toml"
    app = ImportPreview(src, out)
    async with app.run_test(size=(140, 40)) as pilot:
        table = app.query_one("#plan", DataTable)
        source = app.query_one("#source", DataTable)
        assert source.row_count == len(src.read_text().splitlines())
        table.move_cursor(row=_row_of(app, "Dashboards ready"))
        await pilot.press("m")  # gate -> communication
        await pilot.press("m")  # -> the first checkpoint, "Launch day"
        await pilot.pause()
        assert app.rows()[table.cursor_row] == ("check Launch day", "Dashboards ready")
        await pilot.press("w")
        await pilot.pause()
        assert not out.exists()  # asked, not yet written
        await pilot.press("n", "w", "y")
        await pilot.pause()
    assert app.return_value == 0
    plan = tomllib.loads(out.read_text())
    assert [g["label"] for g in plan["gates"]] == [
        "Shadow traffic matches the old ranking on 95 % of queries"]
    assert "Dashboards ready" in [c["label"] for c in plan["checkpoints"][0]["checks"]]
    assert out.stat().st_mode & 0o777 == 0o600
    # the choice is kept: an updated checklist imports with it made again
    src.write_text(src.read_text().replace("- [ ] Dashboards ready",
                                           "- [ ] Dashboards ready\n- [ ] Pager rota set"))
    again = import_file(src).plan
    assert [g.label for g in again.gates][-1] == "Pager rota set"
    assert "Dashboards ready" in [c.label for c in again.checkpoints[0].checks]


async def test_leaving_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "c.md"
    shutil.copy(SHAPES / "german-phases.md", src)
    app = ImportPreview(src, tmp_path / "p.toml")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("m", "q")
        await pilot.pause()
    assert app.return_value == 1
    assert not (tmp_path / "p.toml").exists() and not sidecar_path(src).exists()
    assert "Vorschau" in str(app.title) or app.lang == "de"
