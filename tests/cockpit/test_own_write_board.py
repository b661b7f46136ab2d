"""The cockpit's own write is drawn from the state its transaction proved and folded the
event into (Store.written), not from a second read; that board must be the one a full
read of the file gives, after every key of a go-live day. Another process's commit is
still read whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from golive.data.changes.commands import (
    Approve,
    Check,
    Command,
    Correct,
    Decide,
    Note,
    Reject,
    Revoke,
    SetGate,
)
from golive.data.changes.golive_commands import Deploy, Rollback
from golive.data.log.store import Store
from golive.data.rules.verdict import evaluate
from golive.data.time.clock import FixedClock
from golive.data.time.instants import later

from support.pilot import open_cockpit
from support.scenarios import _go_steps, at, fresh

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def day() -> list[tuple[str, Command]]:
    """Every kind of write the cockpit makes on a go-live day, in time order: the way to
    GO, a GO overtaken and restored, a rejection, a reopened check, the deploy, a rollback
    decided and finished, a correction, notes."""
    steps = [(when, command) for when, _actor, command in sorted(_go_steps(),
                                                                  key=lambda s: s[0])]
    steps += [
        ("2026-03-06T10:05:00", Revoke("approval.security", "Pen-Test-Befund P1")),
        ("2026-03-06T10:06:00", Approve("approval.security", "Sina Koch")),
        ("2026-03-06T10:07:00", Note("Statuscall [Status-Kanal] 10:15")),
        ("2026-03-06T10:08:00", SetGate("gate.monitoring", "red", "Alarme stumm")),
        ("2026-03-06T10:09:00", SetGate("gate.monitoring", "green")),
        ("2026-03-06T10:10:00", Check("comms.timeline", undo=True)),
        ("2026-03-06T10:11:00", Check("comms.timeline")),
        ("2026-03-06T10:12:00", Decide("go", "Ruth Decker", "Monitoring wieder grün")),
        ("2026-03-06T10:13:00", Check("t-1h.final-approval", undo=True)),
        ("2026-03-06T10:14:00", Check("t-1h.final-approval")),
        ("2026-03-06T10:15:00", Deploy("started")),
        ("2026-03-06T10:19:00", Deploy("finished")),
        ("2026-03-06T10:40:00", Rollback("Ruth Decker", "Checkout-Fehler 5xx")),
        ("2026-03-06T11:05:00", Rollback(finished=True)),
    ]
    return steps


async def test_every_own_write_shows_the_board_a_full_read_gives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "day.sqlite"
    fresh(path).close()
    store = Store.open(path, FixedClock(at("2026-03-04T16:00:00")))
    reads: list[int] = []
    read = Store.read

    def counted(self: Store) -> tuple[object, int, str]:
        reads.append(1)
        return read(self)

    monkeypatch.setattr(Store, "read", counted)
    async with open_cockpit(store, poll_seconds=3600) as (app, pilot):
        steps = day()
        for n, (when, command) in enumerate(steps):
            store.clock = FixedClock(at(when))
            reads.clear()
            said = app.write(command)
            assert said is None, (when, command, said)
            assert reads == [], f"key {n} ({command}) read the state again"
            await pilot.pause()
            assert_board_is_full_read(app, path, when)
            if isinstance(command, Revoke):  # corrected: the GO it overtook stands again
                store.clock = FixedClock(later(at(when), seconds=30))
                assert app.write(Correct(app.board.events if app.board else 0,
                                         "falscher Eintrag")) is None
                assert_board_is_full_read(app, path, when, seconds=30)
        store.clock = FixedClock(at("2026-03-06T11:06:00"))
        assert app.write(Revoke("approval.support", "Runbook fehlt")) is None
        assert app.write(Reject("approval.support", "Susanne Pohl", "Runbook fehlt")) is None
        assert_board_is_full_read(app, path, "2026-03-06T11:06:00")
        assert app.write(Approve("approval.none", "Sina Koch")) is not None  # refused
        assert_board_is_full_read(app, path, "2026-03-06T11:06:00")

        # another process's commit goes through the full, proven read
        other = Store.open(path, FixedClock(at("2026-03-06T11:07:00")))
        other.apply(Note("von außen"), "ops")
        other.close()
        store.clock = FixedClock(at("2026-03-06T11:07:00"))
        reads.clear()
        app.poll()
        await pilot.pause()
        assert reads == [1]
        assert_board_is_full_read(app, path, "2026-03-06T11:07:00")
    store.close()


def assert_board_is_full_read(app, path: Path, when: str,  # type: ignore[no-untyped-def]
                              seconds: int = 0) -> None:
    """The cockpit's board is the board of the file read whole through its own store, at
    the cockpit's instant, and the log shows as many events."""
    now = later(at(when), seconds=seconds)
    reader = Store.open(path, FixedClock(now))
    try:
        state, count, head = reader.read()
        expected = evaluate(reader.plan, state, now, events=count, head=head)
    finally:
        reader.close()
    assert app.board == expected
    assert app.log_count == count
