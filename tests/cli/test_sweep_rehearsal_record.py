"""A rehearse killed before it could discard its hidden copy leaves the copy and the head
remembered for it; the next golive that may write beside the file sweeps both (the copy's
name is new every run, so its record would never be read again)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from golive.data.changes.commands import Note
from golive.data.log import seen_heads
from golive.data.log.rehearsal import make_rehearsal
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import parse_instant


def _killed_rehearsals_copy(folder: Path) -> Path:
    """A hidden rehearsal copy named for a process that is gone, with its record."""
    gone = subprocess.Popen(["true"])
    gone.wait()
    copy = folder / f".golive.sqlite.rehearsal.{gone.pid}.0badf00d.tmp"
    plan = load_default_plan()
    store = make_rehearsal(copy, plan, parse_instant("2026-03-06T08:00", plan.timezone), "rm")
    store.apply(Note("Probe"), "rm")
    store.close()
    return copy


def test_a_writing_command_sweeps_a_killed_rehearsals_copy_and_its_record(cli) -> None:  # type: ignore[no-untyped-def]
    # the cli fixture's subprocesses share this test's state folder (conftest's env)
    state = Path(os.environ["GOLIVE_STATE_DIR"])
    assert cli("init", "--db", "golive.sqlite", "--now=2026-03-05T08:00").code == 0
    copy = _killed_rehearsals_copy(cli.cwd)
    copys = seen_heads.record_path(copy)
    assert copys.exists() and Path(f"{copys}.lock").exists()
    assert cli("note", "--db", "golive.sqlite", "--now=2026-03-05T08:05", "Notiz").code == 0
    assert not copy.exists()
    own = seen_heads.record_path(cli.cwd / "golive.sqlite")
    assert set(state.iterdir()) == {own, Path(f"{own}.lock")}  # the file's own record only
