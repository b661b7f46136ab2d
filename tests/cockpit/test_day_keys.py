"""The whole default go-live day through the cockpit, key by key, counted.

From a fresh file at T-25h to the outcome: staging, every sign-off, the escalation
contacts (the two gates that name them follow by themselves), the hand gates, the
communication tasks, every T-plan check at its checkpoint, the GO, the deploy steps and
success. Every key is counted apart from what must be typed (names, numbers, channels);
the README states the count, and this test keeps the two the same.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from textual import events

from golive.cockpit import GoliveApp
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.rules.board import GO_READY
from golive.data.time.clock import FixedClock

from support.paths import REPO
from support.pilot import open_cockpit
from support.records import at

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
README = REPO / "README.md"


class Day:
    """Presses keys and types text into a running cockpit, counting both."""

    def __init__(self, app: GoliveApp, pilot) -> None:  # type: ignore[no-untyped-def]
        self.app, self.pilot = app, pilot
        self.keys: list[str] = []  # every key that is not part of a typed text
        self.typed: list[str] = []

    async def press(self, *keys: str) -> None:
        self.keys += keys
        await self.pilot.press(*keys)

    async def type(self, text: str) -> None:
        """In one go, as a paste or a fast typist delivers it (every letter arrives)."""
        self.typed.append(text)
        for ch in text:
            self.app.post_message(events.Key("space" if ch == " " else ch, ch))
        await self.pilot.pause()

    def clock(self, local: str) -> None:
        """Time passes: the cockpit's clock moves on (the rehearsal's own)."""
        self.app.store.clock = FixedClock(at(local))
        self.app.redraw()


def open_items(store: Store) -> list[str]:
    board = store.board()
    return [i.id for i in board.items if not i.ok] + [c.id for c in board.contacts
                                                      if c.placeholder]


async def test_the_whole_default_day_and_its_keys(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "golive.sqlite", load_default_plan(),
                         FixedClock(at("2026-03-05T09:00")), "rm")
    async with open_cockpit(store, "rm", bell_on_checkpoint=False) as (app, pilot):
        day = Day(app, pilot)

        # T-25h: staging stable since yesterday morning, then the sign-offs
        await day.press("s")
        await day.type("2026-03-04 09:00")  # replaces the instant offered (now)
        await day.press("enter")
        for n, name in enumerate(("Birgit Brandt", "Paul Roth", "Sina Koch", "Dirk Ost",
                                  "Sven Reuter", "Susanne Pohl")):
            if n:
                await day.press("j")
            await day.press("space")
            await day.type(name)
            await day.press("enter")
        # the contacts: the rollback gate and the channels gate turn green with them
        await day.press("5", "space")
        await day.type("#ltc-golive-status")
        await day.press("enter", "j", "space")
        await day.type("#ltc-incident")
        await day.press("enter")
        for name, phone in (("Olaf Berg", "+49 170 2938475"), ("Bea Winter", "+49 171 7364529"),
                            ("Ruth Decker", "+49 30 22334455")):
            await day.press("j", "space")
            await day.type(name)
            await day.press("enter")
            await day.type(phone)
            await day.press("enter")
        # the gates set by hand: rc frozen, central gates, monitoring
        await day.press("2", "space", "enter", "j", "j", "space", "enter", "j", "space", "enter")
        # the communication tasks (the escalation list follows the contacts)
        await day.press("3", "space", "j", "space", "j", "space")
        # T-24h: on-call and the go/no-go meeting confirmed
        day.clock("2026-03-05T10:05")
        await day.press("4", "j", "j", "space", "j", "space")
        assert open_items(store) == ["t-1h.status-call", "t-1h.risks",
                                     "t-1h.final-approval", "t-0.deploy", "t-0.status-lead",
                                     "t-0.interim-status", "t+24h.support", "t+24h.incidents",
                                     "t+24h.retro"]
        # T-1h: the last status call, the open risks, the final approval documented
        day.clock("2026-03-06T09:05")
        await day.press("j", "space", "j", "space", "j", "space")
        # T-10m: GO, named and confirmed
        day.clock("2026-03-06T09:50")
        assert store.board().verdict == GO_READY
        await day.press("g")
        await day.type("Ruth Decker")
        await day.press("enter", "enter", "enter")  # past the reason, GO, confirmed
        # T-0: the deploy, its steps and the T-0 checks
        day.clock("2026-03-06T10:00")
        await day.press("d", "enter")
        await day.press("j", "j", "space", "j", "space")
        day.clock("2026-03-06T10:20")
        await day.press("d", "enter", "d", "enter", "d", "enter")  # finished, verified, success
        # T+24h: the look back
        day.clock("2026-03-07T10:00")
        await day.press("j", "space", "j", "space", "j", "space")
        keys, typed = len(day.keys), len(day.typed)

    board = store.board()
    assert open_items(store) == []
    assert board.decision is not None and (board.decision.decision, board.decision.state,
                                           board.decision.by) == ("go", "valid", "Ruth Decker")
    assert board.golive is not None and board.phase == "succeeded"
    gates = {g.id: (g.state, g.by) for g in board.section("gate")}
    assert gates["gate.channels"] == ("green", "rm")  # by the contact, no gate event
    assert [e.kind for e in store.events()].count("gate") == 3
    assert [e.kind for e in store.events()].count("correct") == 0
    moves = sum(1 for k in day.keys if k in ("j", "k") or k.isdigit())
    # the README says how many keys the day takes; both change together
    said = re.search(r"(\d+)\s+keys\s+\((\d+)\s+of\s+them\s+moving[^)]*\)\s+and\s+(\d+)\s+typed",
                     README.read_text())
    assert said is not None, "README: the whole day's key count"
    assert (keys, moves, typed) == tuple(int(n) for n in said.groups()), (keys, moves, typed)
