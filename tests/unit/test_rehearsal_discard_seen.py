"""A discarded rehearsal copy leaves nothing behind in the state folder: its hidden file
has a name of its own every run, so its remembered head (and the record's lock) would
only pile up there, two files per rehearsal, never read again."""

from __future__ import annotations

import os
from pathlib import Path

from golive.data.changes.commands import Note
from golive.data.log.rehearsal import discard, make_rehearsal, temporary_path
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import parse_instant


def test_a_discarded_rehearsal_forgets_its_head(tmp_path: Path) -> None:
    state = Path(os.environ["GOLIVE_STATE_DIR"])
    kept = tmp_path / "kept.sqlite"
    plan = load_default_plan()
    start = parse_instant("2026-03-06T08:00", plan.timezone)
    store = make_rehearsal(kept, plan, start, "rm")  # --keep: remembered as any file
    store.apply(Note("Probe"), "rm")
    store.close()
    remembered = set(state.iterdir())
    assert remembered
    for _ in range(3):
        path = temporary_path(tmp_path / "golive.sqlite")
        store = make_rehearsal(path, plan, start, "rm")
        store.apply(Note("Probe"), "rm")
        store.close()
        discard(path)
        assert not path.exists()
    assert set(state.iterdir()) == remembered
