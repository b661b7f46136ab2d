"""The remembered head lives in the user's state folder; GOLIVE_STATE_DIR may point at a
folder others can write. A link planted at the record's name is never followed (the line
would land in the file it points to), and a record this user did not write alone (a
link, a second name, writable by others) is not trusted: the file is checked from its
first event instead."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
from collections.abc import Iterator
from pathlib import Path

from golive.data.changes.commands import Note
from golive.data.log import seen_heads
from golive.data.log.store import Store
from golive.data.plan.model import Plan
from golive.data.time.clock import RealClock


def _day(tmp_path: Path, plan: Plan) -> tuple[Store, Path]:
    store = Store.create(tmp_path / "day.sqlite", plan, RealClock(plan.timezone), "rm")
    store.apply(Note("eins"), "rm")
    (record,) = Path(os.environ["GOLIVE_STATE_DIR"]).glob("*.json")
    return store, record


def test_a_link_planted_at_the_record_is_replaced_not_followed(tmp_path: Path,
                                                               plan: Plan) -> None:
    store, record = _day(tmp_path, plan)
    victim = tmp_path / "victim.txt"
    victim.write_text("nur meins\n")
    record.unlink()
    record.symlink_to(victim)
    event = store.apply(Note("zwei"), "rm")
    assert victim.read_text() == "nur meins\n"
    assert not record.is_symlink() and record.is_file()
    seen = seen_heads.load(store.path)
    assert seen is not None and seen.trusted.seq == event.seq
    store.close()


def test_a_record_linked_to_as_the_record_is_not_trusted(tmp_path: Path, plan: Plan) -> None:
    store, record = _day(tmp_path, plan)
    store.close()
    kept = tmp_path / "kept.json"
    kept.write_bytes(record.read_bytes())
    os.chmod(kept, 0o600)
    record.unlink()
    record.symlink_to(kept)
    assert seen_heads.load(store.path) is None
    record.unlink()
    os.link(kept, record)  # a second name for one file: someone else may hold the other
    assert seen_heads.load(store.path) is None


def test_a_record_others_may_write_is_not_trusted(tmp_path: Path, plan: Plan) -> None:
    store, record = _day(tmp_path, plan)
    store.close()
    assert seen_heads.load(store.path) is not None
    os.chmod(record, 0o622)
    assert seen_heads.load(store.path) is None
    # the next writer proves its head anew into a record of its own
    again = Store.open(store.path, store.clock)
    event = again.apply(Note("drei"), "rm")
    seen = seen_heads.load(store.path)
    assert seen is not None and seen.trusted.seq == event.seq
    assert record.stat().st_mode & 0o777 == 0o600
    again.close()


class _Hung(BaseException):
    """Not an OSError: golive's own `except OSError` must not swallow it."""


@contextlib.contextmanager
def _within(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: a planted FIFO or a held lock once blocked for good."""
    def _hung(signum: int, frame: object) -> None:
        raise _Hung(f"still blocked after {seconds} s")

    before = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def test_a_fifo_planted_at_the_record_hangs_nobody(tmp_path: Path, plan: Plan) -> None:
    store, record = _day(tmp_path, plan)
    record.unlink()
    os.mkfifo(record)
    with _within(5):
        assert seen_heads.load(store.path) is None
        event = store.apply(Note("zwei"), "rm")
    assert record.is_file() and not record.is_fifo()
    seen = seen_heads.load(store.path)
    assert seen is not None and seen.trusted.seq == event.seq
    store.close()


def test_a_fifo_or_a_foreign_lock_at_the_lock_hangs_nobody(tmp_path: Path,
                                                            plan: Plan) -> None:
    store, record = _day(tmp_path, plan)
    lock = Path(f"{record}.lock")
    lock.unlink()
    os.mkfifo(lock)
    with _within(5):
        store.apply(Note("zwei"), "rm")
    lock.unlink()
    lock.touch()
    os.chmod(lock, 0o666)  # not this user's alone: another account may hold it for good
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with _within(5):
            store.apply(Note("drei"), "rm")
    store.close()
