"""A state row forged to false, 0 or 2.0 is a forged state: it used to pass as "no row"
(the comparison dropped every value == 0, and False == 0), so `status` and `note` crashed
with a traceback on it and `verify` said the chain and state were fine."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from golive.data.log.store import Store
from golive.data.time.clock import FixedClock, parse_instant

from support.pilot import open_cockpit
from support.records import new_store

FORGED = {
    "item false": ("item:approval.product", "false"),
    "item 0": ("item:approval.product", "0"),
    "item 0.0": ("item:approval.product", "0.0"),
    "contact 0": ("contact:status", "0"),
    "decision false": ("decision", "false"),
    "go-live 0": ("golive", "0"),
    "staging false": ("staging", "false"),
    "a record's seq 2.0": ("item:approval.business", None),
}
REFUSED = ("der gespeicherte Zustand ist nicht, was das Log sagt (außerhalb von golive "
           "geändert); nicht verwendet; 'golive verify' ausführen")


def board(status_json: str) -> dict[str, object]:
    """`status --json` without the clock's fields."""
    data = json.loads(status_json)
    for key in ("now", "countdown", "seconds_to_t0"):
        data.pop(key)
    return dict(data)


def forge(db: Path, key: str, value: str | None) -> None:
    with sqlite3.connect(db) as conn:
        if value is None:  # the true record, its seq written as a float
            (value,) = conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
            assert '"seq": 2' in value
            value = value.replace('"seq": 2', '"seq": 2.0')
        conn.execute("INSERT OR REPLACE INTO state (key, value, seq) VALUES (?, ?, 2)",
                     (key, value))


@pytest.fixture(scope="module")
def approved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real file with one sign-off, made once by the real CLI; each test forges a copy."""
    folder = tmp_path_factory.mktemp("approved")
    env = {k: v for k, v in os.environ.items() if k != "GOLIVE_DB"}
    env["GOLIVE_STATE_DIR"] = str(tmp_path_factory.mktemp("seen-approved"))  # not the home's
    for args in (("init",), ("approve", "approval.business", "--by", "Anna Schmidt")):
        done = subprocess.run([sys.executable, "-m", "golive", *args], cwd=folder, env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    return folder / "golive.sqlite"


@pytest.mark.parametrize("name", list(FORGED))
def test_a_falsy_forged_state_row_is_refused_by_every_reader_in_one_line(  # type: ignore[no-untyped-def]
        cli, approved: Path, name: str) -> None:
    db = Path(cli.cwd) / "golive.sqlite"
    with sqlite3.connect(approved) as source, sqlite3.connect(db) as target:
        source.backup(target)
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    forge(db, *FORGED[name])
    for args in (("status",), ("note", "nach der Fälschung")):
        r = cli(*args)
        assert r.code == 2 and r.err == f"golive: golive.sqlite: {REFUSED}\n", (args, r)
        assert "Traceback" not in r.out + r.err
    verified = cli("verify")
    assert verified.code == 1 and "Traceback" not in verified.err
    assert f"gespeicherter Zustand '{FORGED[name][0]}' weicht vom Log ab" in verified.err
    with sqlite3.connect(db) as conn:  # nothing written
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == before


def test_a_row_holding_null_is_no_row_and_reads_as_the_fold(cli) -> None:  # type: ignore[no-untyped-def]
    """null is what a fresh table means by a missing row: the board is the fold's, and
    no reader trips over a record of None."""
    assert cli("init").code == 0
    db = Path(cli.cwd) / "golive.sqlite"
    clean = cli("status", "--json")
    forge(db, "item:approval.product", "null")
    r = cli("status", "--json")
    assert r.code == clean.code and r.err == "", r
    assert board(r.out) == board(clean.out)
    assert cli("note", "danach").code == 0


async def test_the_open_cockpit_turns_red_on_a_falsy_forged_row_and_writes_nothing(
        tmp_path: Path) -> None:
    """Forged while the cockpit is open: the poll's proven read refuses it (the red screen),
    and no key writes; before, the board stayed and the next write crashed the app."""
    from golive.data.changes.commands import Approve
    from golive.data.plan.source import load_default_plan
    from golive.not_intact import NotIntactScreen

    path = tmp_path / "g.sqlite"
    new_store(path, load_default_plan()).close()
    store = Store.open(path, FixedClock(parse_instant("2026-03-05T10:00", "Europe/Berlin")))
    assert store.apply(Approve("approval.business", "Anna Schmidt"), "rm") is not None
    async with open_cockpit(store, "rm") as (app, pilot):
        forge(path, "decision", "false")
        app.poll()
        await pilot.pause()
        assert isinstance(app.screen, NotIntactScreen)
        await pilot.press("n")
        await pilot.pause()
    store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 2
