"""Go-live days at fixed instants, written through the real store, for snapshot tests, the
README screenshots and demos. One place, so the pictures and the tests show the same thing.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path

from golive.data.changes.commands import (
    Approve,
    Check,
    Command,
    Decide,
    Note,
    Revoke,
    SetContact,
    SetGate,
    StagingStableSince,
)
from golive.data.changes.golive_commands import Deploy, Outcome, Rollback
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant

ZONE = "Europe/Berlin"
CREATED = "2026-03-04T16:00:00"



# one person per sign-off of the default plan: separation of duties (data/roster.py)
SIGNERS = {"approval.business": "Birgit Brandt", "approval.product": "Paul Roth",
           "approval.security": "Sina Koch", "approval.devops": "Dirk Ost",
           "approval.sre": "Sven Reuter", "approval.support": "Susanne Pohl"}

def at(local: str) -> _dt.datetime:
    return parse_instant(local, ZONE)


def _play(store: Store, steps: list[tuple[str, str, Command]]) -> None:
    """Apply the steps in time order, each at its own instant, as a real day would."""
    for when, actor, command in sorted(steps, key=lambda step: step[0]):
        store.clock = FixedClock(at(when))
        store.apply(command, actor)


def fresh(path: Path) -> Store:
    """A new file, nothing recorded yet."""
    return Store.create(path, load_default_plan(), FixedClock(at(CREATED)), "rm")


def t_minus_1h(path: Path) -> Store:
    """The morning of go-live: some sign-offs, a revocation, a red gate, placeholders left."""
    store = fresh(path)
    _play(store, [
        ("2026-03-04T16:30:00", "rm", StagingStableSince(at("2026-03-04T16:00:00"))),
        ("2026-03-05T09:10:00", "rm", Approve("approval.business", "Birgit Brandt")),
        ("2026-03-05T09:40:00", "rm", Approve("approval.product", "Paul Roth")),
        ("2026-03-05T10:05:00", "rm", Approve("approval.security", "Sina Koch")),
        ("2026-03-05T10:20:00", "rm", SetGate("gate.rc-frozen", "green")),
        ("2026-03-05T10:25:00", "rm", SetGate("gate.monitoring", "green")),
        ("2026-03-05T11:00:00", "rm", SetContact("contact.status-channel",
                                                  channel="#ltc-golive-status")),
        ("2026-03-05T11:02:00", "rm", SetContact("contact.primary-on-call", "Olaf Berg",
                                                  "+49 170 2938475")),
        ("2026-03-05T11:30:00", "rm", Check("t-24h.on-call")),
        ("2026-03-05T12:00:00", "rm", Check("comms.timeline")),
        ("2026-03-05T17:45:00", "rm", Revoke("approval.security",
                                             "Pen-Test-Befund offen [CVE-2026-0815]")),
        ("2026-03-06T08:15:00", "rm", SetGate("gate.central-gates", "red",
                                              "E2E-Suite rot: Checkout")),
        ("2026-03-06T08:40:00", "rm", Note("Statuscall vorgezogen auf 08:55")),
    ])
    return store


def after_go(path: Path) -> Store:
    """A go-live that went ahead: every blocker resolved, GO recorded at T-10m."""
    store = fresh(path)
    _play(store, _go_steps())
    return store


def go_superseded(path: Path) -> Store:
    """GO at 09:50, then Security withdraws at 09:58: the GO is overtaken."""
    store = fresh(path)
    _play(store, [step for step in _go_steps() if step[0] < "2026-03-06T10:00"] + [
        ("2026-03-06T09:58:00", "rm", Revoke("approval.security", "Pen-Test-Befund P1")),
    ])
    return store


def success_day(path: Path) -> Store:
    """Deploy started, finished, smoke tests green, success."""
    store = fresh(path)
    _play(store, _go_steps() + [
        ("2026-03-06T10:19:00", "deploy.sh", Deploy("finished")),
        ("2026-03-06T10:30:00", "rm", Deploy("verified")),
        ("2026-03-06T10:35:00", "rm", Outcome("success")),
    ])
    return store


def rollback_day(path: Path, *, finished: bool = True) -> Store:
    """Deploy finished, then a rollback decided by the rollback decider and finished."""
    store = fresh(path)
    steps = _go_steps() + [
        ("2026-03-06T10:19:00", "deploy.sh", Deploy("finished")),
        ("2026-03-06T10:40:00", "rm", Rollback("Ruth Decker", "Checkout-Fehler 5xx")),
    ]
    if finished:
        steps.append(("2026-03-06T11:05:00", "deploy.sh", Rollback(finished=True)))
    _play(store, steps)
    return store


def rollback_running(path: Path) -> Store:
    return rollback_day(path, finished=False)


def _go_steps() -> list[tuple[str, str, Command]]:
    """Everything up to GO at 09:50 and the deploy started at 10:01."""
    steps: list[tuple[str, str, Command]] = [
        ("2026-03-04T16:30:00", "rm", StagingStableSince(at("2026-03-04T16:00:00"))),
    ]
    minute = 0
    for item_id, name in SIGNERS.items():
        minute += 7
        steps.append((f"2026-03-05T09:{minute:02d}:00", "rm", Approve(item_id, name)))
    contacts: list[Command] = [
        SetContact("contact.status-channel", channel="#ltc-golive-status"),
        SetContact("contact.incident-channel", channel="#ltc-incident"),
        SetContact("contact.primary-on-call", "Olaf Berg", "+49 170 2938475"),
        SetContact("contact.backup-on-call", "Bea Winter", "+49 171 7364529"),
        SetContact("contact.rollback-decider", "Ruth Decker", "+49 30 22334455"),
    ]
    steps += [(f"2026-03-05T11:{n:02d}:00", "rm", c) for n, c in enumerate(contacts)]
    for n, gate in enumerate(("rc-frozen", "central-gates", "monitoring", "rollback-owner",
                              "channels")):
        steps.append((f"2026-03-06T08:{10 + n:02d}:00", "rm", SetGate(f"gate.{gate}", "green")))
    for n, check in enumerate(("t-24h.on-call", "t-24h.go-no-go-meeting", "comms.timeline",
                               "comms.support-briefing", "comms.customer-comms")):
        steps.append((f"2026-03-05T12:{n:02d}:00", "rm", Check(check)))
    steps += [
        ("2026-03-06T09:05:00", "rm", Check("t-1h.status-call")),
        ("2026-03-06T09:20:00", "rm", Check("t-1h.risks")),
        ("2026-03-06T09:50:00", "rm", Decide("go", "Ruth Decker", "alle Gates grün")),
        ("2026-03-06T09:51:00", "rm", Check("t-1h.final-approval")),
        ("2026-03-06T10:01:00", "deploy.sh", Deploy("started")),
    ]
    return steps


SCENARIOS: dict[str, tuple[Callable[[Path], Store], str]] = {
    "fresh-t-25h": (fresh, "2026-03-05T09:00:00"),
    "t-1h": (t_minus_1h, "2026-03-06T09:00:00"),
    "after-go-t+5m": (after_go, "2026-03-06T10:05:00"),
    "go-superseded": (go_superseded, "2026-03-06T09:59:00"),
    "success": (success_day, "2026-03-06T10:40:00"),
    "rollback": (rollback_running, "2026-03-06T10:45:00"),
    "rolled-back": (rollback_day, "2026-03-06T11:10:00"),
}


def build(name: str, path: Path) -> Store:
    """The scenario's file at path, its store's clock fixed at the scenario's instant."""
    make, now = SCENARIOS[name]
    store = make(path)
    store.clock = FixedClock(at(now))
    return store
