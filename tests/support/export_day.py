"""A go-live day written one change per minute, with hostile notes and names: what the
export tests and their golden files export."""

from __future__ import annotations

from pathlib import Path

import pendulum

from golive.data.changes.commands import (
    Approve,
    Reject,
    Revoke,
    SetContact,
    SetGate,
    StagingStableSince,
)
from golive.data.log.events import Event
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock

ZONE = "Europe/Berlin"
EXPORT_AT = pendulum.datetime(2026, 3, 6, 10, 15, 2, tz=ZONE)
HOSTILE_NOTES = ["[/srv]", "**bold**", "<script>alert(1)</script>", "a | b",
                 "first line\nsecond line", "[Status-Kanal]", "\x1b[31mred\x1b[0m",
                 "# not a heading", "- not a list", "`code`", "_under_ ~~strike~~ @here :fire:",
                 "1. not a list", "10:00 & 10:05 &amp; $x$ (see [1])"]
HOSTILE_NAME = "Eve <b>**Mallory**</b> [x](http://evil)"


class Day:
    """A golive file and a clock the test moves forward, one change per minute."""

    def __init__(self, path: Path) -> None:
        self.clock = FixedClock(pendulum.datetime(2026, 3, 4, 9, 0, tz=ZONE))
        self.store = Store.create(path, load_default_plan(), self.clock, "rm")

    def at(self, local: str) -> None:
        self.clock.instant = pendulum.parse(local, tz=ZONE)  # type: ignore[assignment]

    def do(self, command: object, actor: str = "rm") -> Event:
        self.clock.instant = pendulum.instance(self.clock.instant).add(minutes=1)
        return self.store.apply(command, actor)  # type: ignore[arg-type]

    def contacts(self) -> None:
        self.do(SetContact("contact.status-channel", channel="#golive-status"))
        self.do(SetContact("contact.incident-channel", channel="#golive-incident"))
        self.do(SetContact("contact.primary-on-call", name=HOSTILE_NAME,
                           phone="+49 170 2938475"))
        self.do(SetContact("contact.backup-on-call", name="Ben Meyer", phone="+49 171 7364529"))
        self.do(SetContact("contact.rollback-decider", name="Carla Wolf",
                           phone="+49 160 5550123"))

    def signoffs(self) -> None:
        self.do(Approve("approval.product", "Paula"))
        self.do(Revoke("approval.product", "Pen-Test offen [P1]"))
        self.do(Approve("approval.product", "Paula"))
        self.do(Reject("approval.security", "Sven", "CVE noch offen"))
        self.do(Revoke("approval.security", "CVE behoben"))
        self.do(Approve("approval.security", "Sven"))
        for sid, who in (("approval.business", "Bea"), ("approval.devops", "Dirk"),
                         ("approval.sre", "Sara"), ("approval.support", "Susi")):
            self.do(Approve(sid, who))

    def gates(self) -> None:
        self.do(StagingStableSince(pendulum.instance(self.clock.instant).subtract(hours=25)))
        self.do(SetGate("gate.monitoring", "red", "alerts fehlen für [/srv]"))
        for gid in ("gate.rc-frozen", "gate.central-gates", "gate.monitoring",
                    "gate.rollback-owner", "gate.channels"):
            self.do(SetGate(gid, "green"))
