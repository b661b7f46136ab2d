"""The remembered head (data/log/seen_heads.py) is written on every key: one appended line
per proven head, the newest whole line counts, and a later head another process
remembered is never replaced by an older one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from golive.data.changes.commands import Note
from golive.data.log import seen_heads
from golive.data.log.store import Store
from golive.data.plan.model import Plan
from golive.data.time.clock import RealClock

WRITER = Path(__file__).resolve().parents[1] / "support" / "writer.py"


def _store(tmp_path: Path, plan: Plan) -> Store:
    return Store.create(tmp_path / "day.sqlite", plan, RealClock(plan.timezone), "rm")


def _record_file() -> Path:
    (found,) = Path(os.environ["GOLIVE_STATE_DIR"]).glob("*.json")
    return found


def _remembered(store: Store) -> int:
    seen = seen_heads.load(store.path)
    assert seen is not None
    return seen.trusted.seq


def test_each_write_appends_to_the_same_record(tmp_path: Path, plan: Plan) -> None:
    store = _store(tmp_path, plan)
    store.apply(Note("eins"), "rm")
    record = _record_file()
    inode = record.stat().st_ino
    for n in range(5):
        event = store.apply(Note(f"Notiz {n}"), "rm")
        assert _remembered(store) == event.seq
        assert record.stat().st_ino == inode  # appended, not a new file renamed over it
    assert len(record.read_bytes().splitlines()) >= 6
    store.close()


def test_a_later_head_of_another_process_stays(tmp_path: Path, plan: Plan) -> None:
    store = _store(tmp_path, plan)
    store.apply(Note("eins"), "rm")
    stale = seen_heads.load(store.path)
    assert stale is not None
    subprocess.run([sys.executable, str(WRITER), str(store.path), "zweiter", "3"],
                   check=True, capture_output=True, timeout=60)
    assert _remembered(store) == stale.trusted.seq + 3
    # this process, knowing the record as it left it, proves its older head once more
    seen_heads.record(store.path, stale.genesis, stale.trusted)
    assert _remembered(store) == stale.trusted.seq + 3
    event = store.apply(Note("danach"), "rm")
    assert _remembered(store) == event.seq == stale.trusted.seq + 4
    store.close()


def test_a_torn_last_line_leaves_the_head_before(tmp_path: Path, plan: Plan) -> None:
    store = _store(tmp_path, plan)
    event = store.apply(Note("eins"), "rm")
    record = _record_file()
    with record.open("ab") as out:  # a writer killed in the middle of its line
        out.write(record.read_bytes().splitlines()[-1][:40])
    assert _remembered(store) == event.seq
    store.close()
    again = Store.open(tmp_path / "day.sqlite", RealClock(plan.timezone))
    later = again.apply(Note("zwei"), "rm")
    assert _remembered(again) == later.seq == event.seq + 1
    assert seen_heads.load(again.path) is not None
    again.close()


def test_the_record_is_written_anew_when_long(tmp_path: Path, plan: Plan,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(tmp_path, plan)
    store.apply(Note("eins"), "rm")
    record = _record_file()
    line = len(record.read_bytes())
    monkeypatch.setattr(seen_heads, "_COMPACT", 4 * line)
    for n in range(10):
        event = store.apply(Note(f"Notiz {n}"), "rm")
        assert record.stat().st_size <= 5 * line
        assert _remembered(store) == event.seq
    assert record.stat().st_mode & 0o777 == 0o600
    store.close()
