"""golive files for tests: instants in the plan's zone, a new file, what a file holds
(read through plain sqlite3, not golive), hostile plans, and a board that is GO-ready."""

from __future__ import annotations

import datetime as _dt
import sqlite3
from pathlib import Path
from typing import Any

import pendulum
import pytest

from golive.data.changes.commands import (
    Approve,
    Command,
    Note,
    Refused,
    SetContact,
    SetGate,
    StagingStableSince,
)
from golive.data.log.store import Store
from golive.data.plan.source import Plan, default_plan_text, load_default_plan, parse_plan
from golive.data.time.clock import FixedClock, parse_instant

from support.scenarios import SIGNERS

ZONE = "Europe/Berlin"
# One day before the default plan's T-0 (2026-03-06 10:00 CET): the T-24h checkpoint.
T_MINUS_24H = "2026-03-05T10:00:00+01:00"


def at(text: str) -> _dt.datetime:
    """An instant in the plan's zone; local times without an offset are Berlin time."""
    return parse_instant(text, ZONE)


def new_store(path: Path, plan: Plan, now: str = "2026-03-05T10:00:00") -> Store:
    return Store.create(path, plan, FixedClock(at(now)), "rm")


def event_count(path: Path | str) -> int:
    """Events in the file, read through a plain sqlite3 connection."""
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    finally:
        conn.close()


def events_in(path: Path | str) -> list[tuple[Any, ...]]:
    """(seq, actor, kind, target) of every event, through a plain sqlite3 connection."""
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("SELECT seq, actor, kind, target FROM events ORDER BY seq").fetchall()
    finally:
        conn.close()


# --- hostile plans ------------------------------------------------------------------------


def toml_string(value: str) -> str:
    """A TOML basic string holding value exactly (controls as \\u escapes)."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def default_with(**replacements: str) -> str:
    """The default plan's text with quoted values replaced: {'"T-0"': '"T-0 [/prod]"'}."""
    text = default_plan_text()
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def plan_with(**replacements: str) -> Plan:
    return parse_plan(default_with(**replacements), "hostile.toml")


# --- a board that is GO-ready ---------------------------------------------------------------

REAL_CONTACTS = [
    SetContact("contact.status-channel", channel="#lifetimecircle-status"),
    SetContact("contact.incident-channel", channel="#lifetimecircle-incident"),
    SetContact("contact.primary-on-call", name="Anna Berg", phone="030 2938475"),
    SetContact("contact.backup-on-call", name="Ben Kurz", phone="+49 170 2938475"),
    SetContact("contact.rollback-decider", name="Carla Roth", phone="0171 2938475"),
]
HAND_GATES = ["gate.rc-frozen", "gate.central-gates", "gate.monitoring",
              "gate.rollback-owner", "gate.channels"]


def apply(store: Store, *commands: Command, actor: str = "tester") -> list[Any]:
    return [store.apply(c, actor) for c in commands]


def refused(store: Store, command: Command, match: str) -> None:
    """The command is refused with a reason, and nothing reaches the log."""
    before = (store.event_count(), store.head())
    with pytest.raises(Refused, match=match):
        store.apply(command, "tester")
    assert (store.event_count(), store.head()) == before


def make_ready(store: Store, plan: Plan) -> None:
    """Everything the verdict needs, with staging stable since 25 h before the clock."""
    apply(store, *REAL_CONTACTS)
    apply(store, *(Approve(s.id, SIGNERS[s.id]) for s in plan.signoffs))
    apply(store, *(SetGate(g, "green") for g in HAND_GATES))
    apply(store, StagingStableSince(pendulum.instance(store.clock.now()).subtract(hours=25)))


def notes_at(path: Path, *instants: str, zone: str = "Europe/Berlin") -> Store:
    """A rehearsal file on the default plan with one note ("Notiz n") at each local
    instant, in turn."""
    clock = FixedClock(parse_instant(instants[0], zone))
    store = Store.create(path, load_default_plan(), clock, "rm", rehearsal=True)
    for n, instant in enumerate(instants):
        clock.instant = parse_instant(instant, zone)
        store.apply(Note(f"Notiz {n}"), "rm")
    return store
