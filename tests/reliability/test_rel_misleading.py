"""Issue 21 J: answers that misled. Each is replayed as found and must now be either true or
a refusal in one line."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

from golive.data.changes.commands import Approve, SetGate
from golive.data.log.schema import DERIVED_INDEXES
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, RealClock

from support.nobody import as_nobody
from support.pilot import notes, open_cockpit
from support.records import event_count, new_store
from support.waiting import until

ZONE = "Europe/Berlin"


def _real_file(db: Path) -> Store:
    """A real file made well before now (its first event on a fixed day), so an instant
    between that and the wall-clock events after it lies in a second of its own."""
    return Store.create(db, load_default_plan(), FixedClock(pendulum.datetime(2026, 3, 1)),
                        "rm", rehearsal=False)


def _recorded_at(db: Path, seq: int) -> pendulum.DateTime:
    conn = sqlite3.connect(db)
    try:
        at = conn.execute("SELECT at FROM events WHERE seq = ?", (seq,)).fetchone()[0]
    finally:
        conn.close()
    parsed = pendulum.parse(at)
    assert isinstance(parsed, pendulum.DateTime)
    return parsed


# --- 1. --now on a real file is the board as it was then, as --at shows it -------------------


def test_now_on_a_real_file_shows_the_board_as_it_was_then(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "real.sqlite"
    _real_file(db).close()
    assert cli("approve", "approval.business", "--by", "Anna Schmidt", "--db", str(db)).code == 0
    assert cli("gate", "gate.monitoring", "green", "--db", str(db)).code == 0
    before = _recorded_at(db, 2).subtract(seconds=2).isoformat()
    now = json.loads(cli("status", "--json", "--db", str(db), "--now", before).out)
    at = json.loads(cli("status", "--json", "--db", str(db), "--at", before).out)
    states = {i["id"]: i["state"] for i in now["items"]}
    assert states["approval.business"] == "pending" and states["gate.monitoring"] == "open"
    assert now["blockers"] == at["blockers"] and now["events"] == at["events"] == 1
    later = _recorded_at(db, 3).add(seconds=2).isoformat()
    states = {i["id"]: i["state"] for i in json.loads(
        cli("status", "--json", "--db", str(db), "--now", later).out)["items"]}
    assert states["approval.business"] == "approved" and states["gate.monitoring"] == "green"


def test_export_of_a_real_file_with_now_is_refused_in_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "real.sqlite"
    assert cli("init", "--db", str(db)).code == 0
    r = cli("export", "--db", str(db), "--now", "2026-03-05T10:00")
    assert r.code == 2 and r.err.count("\n") == 1 and "echte Go-Live-Datei" in r.err, r
    assert not (tmp_path / "retro").exists() or not any((tmp_path / "retro").iterdir())
    assert cli("export", "--db", str(db)).code == 0  # on the wall clock it exports


async def test_the_cockpit_on_a_real_file_with_now_shows_board_and_log_as_they_were(
        tmp_path: Path) -> None:
    db = tmp_path / "real.sqlite"
    store = _real_file(db)
    store.clock = RealClock(ZONE)
    store.apply(Approve("approval.business", "Anna Schmidt"), "rm")
    store.apply(SetGate("gate.monitoring", "green"), "rm")
    store.clock = FixedClock(_recorded_at(db, 2).subtract(seconds=2))
    async with open_cockpit(store, "rm") as (app, pilot):
        assert app.board is not None and app.board.events == 1
        assert app.board.item("approval.business").state == "pending"  # type: ignore[union-attr]
        assert app.query_one("#log").count == 1  # type: ignore[attr-defined]
        await pilot.press("n")  # a write is still refused: nothing recorded
        await pilot.pause()
    assert event_count(db) == 3
    store.close()


# --- 2. a reader who may not write is never told the file is write-protected ----------------

NOBODY = 65534
SETPRIV = shutil.which("setpriv")
needs_nobody = pytest.mark.skipif(
    os.geteuid() == 0 and SETPRIV is None,
    reason="as root the check needs setpriv (util-linux) to drop to nobody")


def _as_reader(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`golive ARGS` as a user who may read the file but not write it or its directory:
    as root, nobody (root writes anything, and the test would prove nothing)."""
    return as_nobody(args, cwd)


@contextlib.contextmanager
def _shared_file(*, directory_writable: bool, drop_indexes: bool = False) -> Iterator[Path]:
    """A golive file the reader may read but not write, closed (no -wal/-shm beside it),
    in a directory the reader may or may not write (pytest's tmp_path is root's alone)."""
    with tempfile.TemporaryDirectory() as where:
        home = Path(where)
        db = home / "g.sqlite"
        store = Store.create(db, load_default_plan(),
                             FixedClock(pendulum.datetime(2026, 3, 5)), "rm")
        store.apply(Approve("approval.business", "Anna Schmidt"), "rm")
        if drop_indexes:  # a file from before the derived indexes: a writer adds them
            for name in DERIVED_INDEXES:
                store.conn.execute(f"DROP INDEX {name}")
        store.close()
        db.chmod(0o444)
        home.chmod(0o777 if directory_writable else 0o555)
        try:
            yield db
        finally:
            home.chmod(0o755)


@needs_nobody
def test_a_reader_who_cannot_write_the_directory_is_told_what_a_reader_needs() -> None:
    """No -wal/-shm beside the file and none can be made: SQLite cannot read a WAL file
    then. The line says what a reader needs, as `watch` says it, not that the file is
    write-protected and nothing was saved."""
    with _shared_file(directory_writable=False) as db:
        for args in (["status"], ["verify"], ["export", "--out", "/tmp"], ["approval-doc"]):
            r = _as_reader([*args, "--db", str(db)], db.parent)
            assert r.returncode == 2 and r.stderr.count("\n") == 1, (args, r)
            assert "nur lesend öffnen" in r.stderr and "-wal/-shm" in r.stderr, (args, r)
            assert "schreibgeschützt" not in r.stderr and "Traceback" not in r.stderr


@needs_nobody
def test_a_reader_who_cannot_write_an_older_file_reads_it_read_only() -> None:
    """A file without the derived indexes is given them by its next writer; a reader who
    may not write was refused as if it had tried to save something."""
    # the sidecars can be made: only the file is not the reader's
    with _shared_file(directory_writable=True, drop_indexes=True) as db:
        for args, code in ((["status"], 1), (["verify"], 0), (["approval-doc"], 0),
                           (["export", "--out", str(db.parent)], 0)):
            r = _as_reader([*args, "--db", str(db)], db.parent)
            assert (r.returncode, r.stderr) == (code, ""), (args, r)


# --- 3. a --db that SQLite would not read as a file is refused before anything is made ------


@pytest.mark.parametrize("name", [":memory:", "file:g.sqlite", "file::memory:?cache=shared",
                                  "FILE:g.sqlite"])
def test_a_db_name_sqlite_reads_otherwise_is_refused_up_front(cli, name: str) -> None:  # type: ignore[no-untyped-def]
    for args, env in ((["init", "--db", name], None), (["status"], {"GOLIVE_DB": name})):
        r = cli(*args, env=env)
        assert r.code == 2 and r.err.count("\n") == 1 and "Traceback" not in r.err, r
        assert "SQLite" in r.err and name in r.err
    assert list(Path(cli.cwd).iterdir()) == []


# --- 4. a checklist's zone is a real zone, or the checklist says where it is not -----------


def test_a_checklist_whose_only_zone_is_no_zone_is_refused_at_its_line(cli) -> None:  # type: ignore[no-untyped-def]
    from support.checklists import RUNBOOK, WILD

    cases = {"runbook.md": (RUNBOOK.replace("22:00 (UTC)", "22:00 (../../etc/passwd)"),
                            3, "../../etc/passwd"),
             "wild.md": (WILD.read_text("utf-8").replace("(America/New_York)",
                                                         "(America/New_Yrok)"),
                         4, "America/New_Yrok")}
    for name, (text, line, zone) in cases.items():
        path = Path(cli.cwd) / name
        path.write_text(text, "utf-8")
        for args in (["import", name], ["init", "--plan", name, "--db", "g.sqlite"]):
            r = cli(*args)
            assert r.code == 2 and r.out == "" and r.err.count("\n") == 1, (args, r)
            assert r.err.startswith(f"golive: {name}:{line}: ") and zone in r.err, r.err
        assert not (Path(cli.cwd) / "g.sqlite").exists()


def test_a_checklist_naming_a_zone_and_no_zone_reports_the_bad_one_at_its_line(cli) -> None:  # type: ignore[no-untyped-def]
    from support.checklists import RUNBOOK

    go_live = "**Go-Live:** 2026-05-12 22:00 (UTC)\n"
    text = RUNBOOK.replace(go_live, go_live + "**As of:** 2026-05-01 (localtime/x)\n")
    (Path(cli.cwd) / "runbook.md").write_text(text, "utf-8")
    r = cli("import", "runbook.md")
    assert r.code == 0 and 'timezone = "UTC"' in r.out, r
    assert "runbook.md:4: time zone “localtime/x” unknown" in r.err
    assert cli("import", "runbook.md", "--strict").code == 2


# --- 6. a file replaced under a running cockpit: said once, and nothing more is taken ------


async def test_a_file_replaced_under_the_cockpit_is_said_once_and_takes_no_writes(
        tmp_path: Path) -> None:
    db, other = tmp_path / "g.sqlite", tmp_path / "other.sqlite"
    store = new_store(db, load_default_plan())
    replacement = new_store(other, load_default_plan())
    replacement.apply(Approve("approval.business", "Mallory Maier"), "rm")
    replacement.close()
    async with open_cockpit(store, "rm", poll_seconds=0.05) as (app, pilot):
        os.replace(other, db)  # mv other.sqlite g.sqlite
        assert await until(pilot, lambda: bool(notes(app)))  # the next poll finds it
        assert len(notes(app)) == 1 and "gelöscht oder ersetzt" in notes(app)[0], notes(app)
        for keys in (["1", "space"], ["n"], ["g"], ["r"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert len(app.screen_stack) == 1, keys  # no dialog opens for a write
        await pilot.pause(0.2)  # the line stays, one, saying why nothing is taken
        gone = f"PROBE · {db} wurde gelöscht oder ersetzt"
        assert len(notes(app)) == 1 and notes(app)[0].startswith(gone), notes(app)
        bar = str(app.screen.query_one("KeyBar").render())
        assert "n Notiz" not in bar and "g Go/No-Go" not in bar and "x Export" in bar
    assert event_count(db) == 2  # the replacement's events, nothing added
    store.close()


# --- 7. an import's notes are bounded: the first ones, then how many more -----------------


def test_an_import_with_thousands_of_unplaceable_lines_names_twenty_and_counts_the_rest(
        cli) -> None:  # type: ignore[no-untyped-def]
    from support.checklists import SOURCE

    text = SOURCE.read_text("utf-8")
    fence = text.index("\n", text.index("```markdown")) + 1
    boxes = "".join(f"- [ ] Zusatzkästchen {n}\n" for n in range(2000))
    (Path(cli.cwd) / "big.md").write_text(text[:fence] + boxes + text[fence:], "utf-8")
    for args in (["import", "big.md"], ["init", "--plan", "big.md", "--db", "g.sqlite"]):
        r = cli(*args)
        assert r.code == 0, (args, r.err[-300:])
        lines = r.err.splitlines()
        shown = [line for line in lines if "Zusatzkästchen" in line]
        assert len(shown) == 20 and shown[0].startswith("big.md:48: "), lines[:3]
        assert "big.md: … und 1980 weitere Stellen" in lines and len(lines) <= 22, lines
    r = cli("import", "big.md", "--strict")
    assert r.code == 2 and "2000 Stelle(n)" in r.err and len(r.err.splitlines()) == 22


def test_ticked_lines_the_new_file_refuses_are_bounded_too(cli) -> None:  # type: ignore[no-untyped-def]
    from support.checklists import RUNBOOK

    people = "".join(f"- `[On-call {n}]`: Olaf Berg, +49 1\n" for n in range(30))
    text = RUNBOOK.replace("- `[Slack channel]`\n", "- `[Slack channel]`\n" + people)
    (Path(cli.cwd) / "team.md").write_text(text, "utf-8")
    r = cli("init", "--plan", "team.md", "--db", "t.sqlite", "--now", "2026-05-10T10:00")
    assert r.code == 0, r.err
    # the 30 numbers, and the QA sign-off ticked without a name (never recorded as given
    # by the login user): 20 shown, the rest counted
    refused = [line for line in r.err.splitlines()
               if "not a phone number" in line or "names nobody" in line]
    more = [line for line in r.err.splitlines() if line.startswith("team.md: … and ")]
    assert len(refused) == 20 and len(more) == 1, r.err
    assert "“QA” is ticked in the checklist but names nobody" in r.err
    assert int(more[0].split()[3]) == 30 + 1 - 20, r.err
