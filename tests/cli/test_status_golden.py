"""`status` (text, --json, --line, --at) and `note` give, byte for byte, what they gave
before their read path left pendulum (issue 24): every phase of a go-live day at instants
in CET and CEST, around the approval deadline and the switches to and from summer time,
in German and English, on the default plan and on plans whose T-0 lies on a switch day
(T-24h is 24 real hours, T+1d the same local time a calendar day later).

The files under tests/fixtures/status-golden/ were written by the code before that work.
To accept an intended change, delete them and run this module once with
GOLIVE_WRITE_GOLDEN=1; review the diff before committing."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sqlite3
from pathlib import Path

import pytest

from golive.cli import main
from golive.data.log.store import Store
from golive.data.plan.source import parse_plan
from golive.data.time.clock import FixedClock, parse_instant

from support import scenarios
from support.paths import FIXTURES
from support.records import default_with

GOLDEN = FIXTURES / "status-golden"

INSTANTS = [
    "2026-03-04T12:00:00", "2026-03-05T09:00:00", "2026-03-05T23:59:59",
    "2026-03-06T00:00:00", "2026-03-06T09:00:00", "2026-03-06T09:59:59.5",
    "2026-03-06T10:00:00+01:00", "2026-03-06T12:34:56", "2026-03-07T10:00:01",
    "2026-03-28T09:00:00", "2026-03-29T01:59:59", "2026-03-29T03:00:00",
    "2026-03-29T09:59:59+02:00", "2026-03-29T10:00:00Z", "2026-03-30T10:00:00",
    "2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00", "2026-10-26T09:00:00",
    # refused: skipped and passed twice in Berlin, and no instant at all
    "2026-03-29T02:30:00", "2026-10-25T02:30:00", "morgen",
]
SHAPES = [["status"], ["status", "--json"], ["status", "--line"]]
AT = ["2026-03-05T11:00:00", "2026-03-06T10:02:00", "2026-03-29T03:00:00"]

# T-0 on the days the clocks change; checkpoints in real hours and calendar days
DST_PLANS = {
    "spring": "2026-03-29T10:00:00",
    "autumn": "2026-10-25T10:00:00",
    "night": "2026-03-29T03:30:00",
}


def dst_plan(t0: str) -> str:
    return default_with(**{"t0 = 2026-03-06T10:00:00": f"t0 = {t0}",
                           "at = 2026-03-05T10:00:00": 'offset = "-24h"',
                           "at = 2026-03-06T09:00:00": 'offset = "-1d1h30m"',
                           "at = 2026-03-06T10:00:00": 'offset = "+0m"',
                           'offset = "+24h"': 'offset = "+1d"'})


def run(*args: str, full: bool = True) -> str:
    """The command, its exit code and what it printed (in full, or its SHA-256)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    said = f"{out.getvalue()}--- stderr\n{err.getvalue()}"
    if not full:
        said = f"sha256 {hashlib.sha256(said.encode()).hexdigest()}\n"
    return f"$ golive {' '.join(args)}\nexit {code}\n{said}"


def transcript(db: Path, instants: list[str]) -> str:
    """In full at the first instant (JSON in German only) and for --line; a digest
    otherwise (the fixtures stay small, and a changed byte still fails)."""
    parts = []
    for n, now in enumerate(instants):
        for lang in ("de", "en"):
            for shape in SHAPES:
                first = n == 0 and (lang == "de" or shape[-1] != "--json")
                parts.append(run("--db", str(db), f"--now={now}", "--lang", lang, *shape,
                                 full=first or shape[-1] == "--line"))
    for at in AT:
        for shape in SHAPES:
            parts.append(run("--db", str(db), f"--now={instants[0]}", *shape, "--at", at,
                             full=shape[-1] != "--json"))
    return "".join(parts).replace(str(db), "DB")


def same_as_golden(name: str, got: str) -> None:
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("GOLIVE_WRITE_GOLDEN") == "1" and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), name


@pytest.mark.parametrize("name", sorted(scenarios.SCENARIOS))
def test_status_of_every_phase_is_unchanged(tmp_path: Path, name: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "day.sqlite"
    scenarios.build(name, db).close()
    own = scenarios.SCENARIOS[name][1]
    same_as_golden(name, transcript(db, [own, *INSTANTS]))


@pytest.mark.parametrize("name", sorted(DST_PLANS))
def test_status_on_a_plan_whose_t0_is_on_a_switch_day_is_unchanged(
        tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "dst.sqlite"
    plan = parse_plan(dst_plan(DST_PLANS[name]), "dst.toml")
    zone = plan.timezone
    store = Store.create(db, plan, FixedClock(parse_instant("2026-03-01T08:00:00", zone)),
                         "rm")
    store.close()
    day = DST_PLANS[name][:10]
    same_as_golden(f"dst-{name}", transcript(db, [f"{day}T01:00:00", f"{day}T09:00:00",
                                                  *INSTANTS]))


def test_notes_write_the_same_events_and_say_the_same(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "notes.sqlite"
    scenarios.build("t-1h", db).close()
    said = []
    for n, now in enumerate(["2026-03-06T09:01:00", "2026-03-29T01:59:59.999999",
                             "2026-03-29T03:00:00", "2026-10-25T02:30:00+02:00",
                             "2026-10-25T02:30:00+01:00", "2026-10-25T02:30:00"]):
        said.append(run("--db", str(db), f"--now={now}", "--as", "Olaf Berg", "note",
                        f"Notiz {n} [/srv] \x1b[31m"))
    said.append(run("--db", str(db), "--now=2026-10-25T03:00:00", "status"))
    conn = sqlite3.connect(db)  # the rows as written, through plain sqlite3
    try:
        rows = conn.execute("SELECT seq, at, actor, kind, target, payload, prev_hash, hash "
                            "FROM events ORDER BY seq").fetchall()
    finally:
        conn.close()
    same_as_golden("notes", "".join(said).replace(str(db), "DB") +
                   "".join(f"{row}\n" for row in rows))
