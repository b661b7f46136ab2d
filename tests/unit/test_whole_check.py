"""The cockpit's whole-chain check runs in a child process at the lowest priority (issue 24:
in the cockpit's own thread it held the GIL against the screen for ~10 s at 1,000,000
events). Its verdict still comes back in the reader's language, and it is never skipped."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from golive.data.changes.commands import Note
from golive.data.log import whole_check
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant


def _file(path: Path) -> None:
    clock = FixedClock(parse_instant("2026-03-05T10:00:00", "Europe/Berlin"))
    store = Store.create(path, load_default_plan(), clock, "rm")
    store.apply(Note("eins"), "rm")
    store.apply(Note("zwei"), "rm")
    store.close()


def _edit_deep(path: Path) -> None:
    """Event 2 rewritten with the append-only triggers dropped and put back."""
    conn = sqlite3.connect(path, isolation_level=None)
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                            ).fetchall()
    for name, _ in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("UPDATE events SET payload = replace(payload, 'eins', 'EINS') WHERE seq = 2")
    for _, sql in triggers:
        conn.execute(sql)
    conn.close()


def _not_here(path: str | Path, lang: str) -> str | None:
    raise AssertionError("checked in the cockpit's own process")


def test_the_child_names_the_first_problem_in_the_readers_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, clean = tmp_path / "g.sqlite", tmp_path / "clean.sqlite"
    _file(path)
    _file(clean)
    _edit_deep(path)
    monkeypatch.setattr(whole_check, "check_here", _not_here)
    said = whole_check.WholeCheck(path, "de").run()
    assert said is not None and said.startswith("Ereignis 2 (note)"), said
    assert whole_check.WholeCheck(path, "en").run() == (
        "event 2 (note) was altered: its hash does not match its content")
    assert whole_check.WholeCheck(clean, "de").run() is None


def test_a_check_stopped_says_nothing(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    _file(path)
    _edit_deep(path)
    check = whole_check.WholeCheck(path, "de")
    check.stop()  # the cockpit quit before the check began
    assert check.run() is None


def test_a_child_that_cannot_run_leaves_the_check_to_this_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.sqlite"
    _file(path)
    _edit_deep(path)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))
    said = whole_check.WholeCheck(path, "de").run()
    assert said is not None and said.startswith("Ereignis 2 (note)"), said


def test_the_child_yields_the_cpu_to_everyone() -> None:
    code = ("import os; from golive.data.log.whole_check import lowest_priority; "
            "lowest_priority(); print(os.nice(0))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=dict(os.environ, PYTHONPATH=os.pathsep.join(
                             p for p in sys.path if p))).stdout
    assert int(out) == 19
