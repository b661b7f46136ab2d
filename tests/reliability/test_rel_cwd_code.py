"""golive's child processes run golive's own code, never a `golive.py` or `golive/` in the
folder they start in: `python -m` puts that folder first on the path. The cockpit's
whole-chain check starts in the user's folder (a clone of golive named `golive` in the home
folder is enough to run another version's code), and `serve` starts each tab's cockpit in
the shared folder of the file, which every writer may write to: a planted `golive.py` there
would run as the server's user."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from golive.data.log import whole_check
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant
from golive.serve import tab_command


def _plant(folder: Path, marker: Path) -> None:
    """A `golive.py` and a `golive/` folder that leave `marker` behind when imported."""
    code = f"open({str(marker)!r}, 'w').close()\n"
    (folder / "golive.py").write_text(code)
    deep = folder / "golive" / "data" / "log"
    deep.mkdir(parents=True)
    (deep / "whole_check.py").write_text(code)


def _file(path: Path) -> None:
    clock = FixedClock(parse_instant("2026-03-05T10:00:00", "Europe/Berlin"))
    Store.create(path, load_default_plan(), clock, "rm").close()


def test_the_whole_check_runs_golives_code_not_the_folders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, here, marker = tmp_path / "g.sqlite", tmp_path / "cwd", tmp_path / "ran"
    _file(db)
    here.mkdir()
    _plant(here, marker)
    monkeypatch.chdir(here)
    assert whole_check.WholeCheck(db, "de").run() is None
    assert not marker.exists()


def test_a_served_tab_runs_golives_code_not_the_files_folders(tmp_path: Path) -> None:
    shared, marker = tmp_path / "srv", tmp_path / "ran"
    shared.mkdir()
    db = shared / "g.sqlite"
    _file(db)
    _plant(shared, marker)
    command = tab_command(db, now=None, speed=None, lang="de").replace(
        " watch --served ", " --help --served ")  # the same start, without a screen
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)
    assert not marker.exists(), done.stderr
    assert done.returncode == 0, done.stderr
