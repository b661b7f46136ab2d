"""At least 25 broken databases: each command gets one line and the right exit code, the
cockpit a calm notification, and no event that was there is lost or altered."""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from golive.cockpit import GoliveApp, make_app
from golive.data.changes.commands import Approve, Note, SetGate
from golive.data.log import whole_check
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock
from golive.not_intact import NotIntactScreen
from golive.screens import AsOfScreen

from support.pilot import notes
from support.records import at
from support.waiting import until

NOW = "2026-03-05T10:00:00"


def _history(path: Path) -> None:
    store = Store.create(path, load_default_plan(), FixedClock(at(NOW)), "rm")
    store.apply(Approve("approval.business", "Dana"), "rm")
    store.apply(Note("Statuscall 1"), "rm")
    store.apply(SetGate("gate.monitoring", "red", "Alarme fehlen"), "rm")
    store.apply(Note("Statuscall 2"), "rm")
    store.close()


def _sql(path: Path, *statements: str, unguarded: bool = False) -> None:
    """Run SQL through a plain sqlite3 connection; `unguarded` drops the append-only
    triggers around it and puts them back exactly as they were."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        saved = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        conn.execute("BEGIN")
        if unguarded:
            for name in ("events_no_update", "events_no_delete", "events_append_only"):
                conn.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            conn.execute(statement)
        if unguarded:
            for (sql,) in saved:
                conn.execute(sql)
        conn.execute("COMMIT")
    finally:
        conn.close()


def _payload(seq: int, value: str) -> Callable[[Path], None]:
    return lambda p: _sql(p, f"UPDATE events SET payload = {value!r} WHERE seq = {seq}",
                          unguarded=True)


def _overwrite(offset: int, data: bytes) -> Callable[[Path], None]:
    def damage(p: Path) -> None:
        with open(p, "r+b") as f:
            f.seek(offset)
            f.write(data)
    return damage


def _replace_file(data: bytes) -> Callable[[Path], None]:
    def damage(p: Path) -> None:
        p.unlink()
        p.write_bytes(data)
    return damage


def _truncate(p: Path) -> None:
    os.truncate(p, p.stat().st_size // 2)


def _directory(p: Path) -> None:
    p.unlink()
    p.mkdir()


def _foreign(version: int) -> Callable[[Path], None]:
    def damage(p: Path) -> None:
        p.unlink()
        conn = sqlite3.connect(p)
        conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, what TEXT)")
        conn.execute("CREATE TABLE state (k TEXT, v TEXT)")
        conn.execute("INSERT INTO events (what) VALUES ('not golive')")
        conn.execute(f"PRAGMA user_version = {version}")
        conn.commit()
        conn.close()
    return damage


# the refusal in the reader's language (CLI: German under the German plan)
NOT_GOLIVE = "keine golive-Datenbank|not a golive database"
REFUSED = 2  # every command that reads the state: one line, exit 2
# name -> (damage, exit code of `status`, a pattern of what `verify` must report, in
# German: verify reads no plan, so it speaks the default language)
CASES: dict[str, tuple[Callable[[Path], None], int, str]] = {
    "trigger-dropped": (lambda p: _sql(p, "DROP TRIGGER events_no_update"), REFUSED,
                        "events_no_update"),
    "all-triggers-dropped": (lambda p: _sql(p, "DROP TRIGGER events_no_update",
                                            "DROP TRIGGER events_no_delete",
                                            "DROP TRIGGER events_append_only"), REFUSED,
                             "events_append_only"),
    "trigger-defanged": (lambda p: _sql(p, "DROP TRIGGER events_no_delete",
                                        "CREATE TRIGGER events_no_delete BEFORE DELETE ON "
                                        "events BEGIN SELECT 1; END"), REFUSED,
                         "events_no_delete"),
    "trigger-added": (lambda p: _sql(p, "CREATE TRIGGER sneaky AFTER INSERT ON events BEGIN "
                                        "DELETE FROM state; END"), REFUSED, "sneaky"),
    "head-payload-not-json": (_payload(5, "{not json"), REFUSED, "Ereignis 5"),
    "head-payload-array": (_payload(5, "[1,2]"), REFUSED, "Ereignis 5"),
    "middle-payload-not-json": (_payload(3, "{not json"), REFUSED, "Ereignis 3"),
    "middle-payload-array": (_payload(3, "[1,2]"), REFUSED, "Ereignis 3"),
    "gate-payload-empty": (_payload(4, "{}"), REFUSED, "Ereignis 4"),
    "head-payload-stripped": (_payload(5, '{"text": "Statuscall 2"}'), REFUSED, "Ereignis 5"),
    "init-payload-not-json": (_payload(1, "{not json"), REFUSED, "Ereignis 1"),
    "init-without-plan": (_payload(1, '{"product": "x"}'), REFUSED, "Ereignis 1"),
    "init-plan-broken": (_payload(1, json.dumps({"plan": "[golive"})), REFUSED, "Ereignis 1"),
    "state-forged": (lambda p: _sql(p, "INSERT OR REPLACE INTO main.state VALUES ("
                                       "'item:gate.monitoring', '{\"state\": \"green\"}', 4)"),
                     REFUSED, "weicht vom Log ab"),
    "state-row-deleted": (lambda p: _sql(p, "DELETE FROM state WHERE key LIKE 'item:gate%'"),
                          REFUSED, "weicht vom Log ab"),
    "state-not-json": (lambda p: _sql(p, "UPDATE state SET value = '{x' WHERE key = 'notes'"),
                       REFUSED, "nicht lesbar"),
    "state-table-dropped": (lambda p: _sql(p, "DROP TABLE state"), REFUSED,
                            NOT_GOLIVE),
    "middle-event-deleted": (lambda p: _sql(p, "DELETE FROM events WHERE seq = 3",
                                            unguarded=True), REFUSED, "Ereignis 3 fehlt"),
    "head-hash-altered": (lambda p: _sql(p, "UPDATE events SET hash = 'x' WHERE seq = 5",
                                         unguarded=True), REFUSED, "Ereignis 5"),
    "foreign-v0": (_foreign(0), REFUSED, NOT_GOLIVE),
    "foreign-v1": (_foreign(1), REFUSED, NOT_GOLIVE),
    "newer-schema": (lambda p: _sql(p, "PRAGMA user_version = 99"), REFUSED,
                     "neueren golive"),
    "truncated": (_truncate, REFUSED, "keine golive-Datenbank oder beschädigt"),
    "header-garbage": (_overwrite(0, b"\xde\xad" * 50), REFUSED, NOT_GOLIVE),
    "page-garbage": (_overwrite(4096 * 2, bytes(range(256)) * 16), REFUSED,
                     "malformed|beschädigt|Integrität"),
    "empty-file": (_replace_file(b""), REFUSED, NOT_GOLIVE),
    "text-file": (_replace_file(b"Go-Live Notizen\n" * 300), REFUSED, NOT_GOLIVE),
    "directory": (_directory, REFUSED, "keine golive-Datei"),
    "missing": (lambda p: p.unlink(), REFUSED, "keine golive-Datei"),
}
assert len(CASES) >= 25

# name -> exit codes of (note, export, decide go, status --at, verify): each one known, so
# a command that starts to write on (or export from) a damaged file, or stops, is seen.
# Every command refuses a file whose state it cannot prove to be the fold of its log
# (issue 21): damage anywhere in the chain or the state stops reading and writing alike;
# only `verify` reads on, to name what is wrong.
ALL_REFUSED = (2, 2, 2, 2)
CODES: dict[str, tuple[int, int, int, int, int]] = {
    "trigger-dropped": (*ALL_REFUSED, 1),
    "all-triggers-dropped": (*ALL_REFUSED, 1),
    "trigger-defanged": (*ALL_REFUSED, 1),
    "trigger-added": (*ALL_REFUSED, 1),
    "head-payload-not-json": (*ALL_REFUSED, 1),
    "head-payload-array": (*ALL_REFUSED, 1),
    "middle-payload-not-json": (*ALL_REFUSED, 1),
    "middle-payload-array": (*ALL_REFUSED, 1),
    "gate-payload-empty": (*ALL_REFUSED, 1),
    "head-payload-stripped": (*ALL_REFUSED, 1),
    "init-payload-not-json": (*ALL_REFUSED, 1),
    "init-without-plan": (*ALL_REFUSED, 1),
    "init-plan-broken": (*ALL_REFUSED, 1),
    "state-forged": (*ALL_REFUSED, 1),
    "state-row-deleted": (*ALL_REFUSED, 1),
    "state-not-json": (*ALL_REFUSED, 1),
    "state-table-dropped": (*ALL_REFUSED, 2),
    "middle-event-deleted": (*ALL_REFUSED, 1),
    "head-hash-altered": (*ALL_REFUSED, 1),
    "foreign-v0": (*ALL_REFUSED, 2),
    "foreign-v1": (*ALL_REFUSED, 2),
    "newer-schema": (*ALL_REFUSED, 2),
    "truncated": (*ALL_REFUSED, 2),
    "header-garbage": (*ALL_REFUSED, 2),
    "page-garbage": (*ALL_REFUSED, 1),
    "empty-file": (*ALL_REFUSED, 2),
    "text-file": (*ALL_REFUSED, 2),
    "directory": (*ALL_REFUSED, 2),
    "missing": (*ALL_REFUSED, 2),
}
assert CODES.keys() == CASES.keys()


def _rows(path: Path) -> list[tuple[object, ...]]:
    """The events as stored, or [] when the file is no longer a readable database."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT * FROM events ORDER BY seq").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def _said(result, code: int) -> None:  # type: ignore[no-untyped-def]
    """The exit code, and stderr: one line with a refusal (exit 2), nothing otherwise."""
    assert result.code == code, result
    if code == 2:
        assert len(result.err.splitlines()) == 1, result.err
        assert "Traceback" not in result.err
    else:
        assert result.err == "", result


def _as_found(path: Path) -> bytes | str:
    return path.read_bytes() if path.is_file() else "directory" if path.is_dir() else "gone"


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_broken_file_gets_one_line_and_loses_nothing(cli_inproc, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       name: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    damage, status_code, verify_says = CASES[name]
    *codes, verify_code = CODES[name]
    path = tmp_path / "golive.sqlite"
    _history(path)
    # read as by someone who never saw the file (another account, another node): every
    # event is walked; a reader that proved the head before is tested apart
    monkeypatch.setenv("GOLIVE_STATE_DIR", str(tmp_path / "other-reader"))
    damage(path)
    before = _rows(path)
    found = _as_found(path) if not before else None
    db = ["--db", str(path), "--now", NOW]
    _said(cli_inproc("status", *db), status_code)
    for args, code in zip((["note", "nach dem Schaden"], ["export", "--format", "json"],
                           ["decide", "go", "--by", "Mallory"], ["status", "--at", NOW]),
                          codes, strict=True):
        result = cli_inproc(*args, *db)
        _said(result, code)
        if args[0] == "export" and code == 0:
            assert result.out.strip().endswith(".json"), result
    verify = cli_inproc("verify", "--db", str(path))
    assert verify.code == verify_code and verify.out == "", verify
    assert len(verify.err.splitlines()) == 1 and re.search(verify_says, verify.err), verify
    after = _rows(path)
    assert after[:len(before)] == before  # nothing that was there is lost or altered
    noted = [r for r in after[len(before):] if r[3] == "note"]
    assert len(after) - len(before) == len(noted) == (codes[0] == 0)  # only a written note
    if found is not None:  # not a readable golive file: not touched, not replaced, not made
        assert _as_found(path) == found


def _fill_limit(path: Path) -> int:
    """A file-size limit just above the file, so the next write runs out of room."""
    return path.stat().st_size + sum(Path(f"{path}{s}").stat().st_size
                                     for s in ("-wal",) if Path(f"{path}{s}").exists())


def test_disk_full_through_rlimit_fsize_gets_one_line_and_writes_nothing(tmp_path: Path
                                                                         ) -> None:
    path = tmp_path / "golive.sqlite"
    _history(path)
    before = _rows(path)
    limit = path.stat().st_size + 1024

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run([sys.executable, "-m", "golive", "note", "x" * 1900, "--db",
                           str(path), "--now", NOW], capture_output=True, text=True,
                          preexec_fn=small_disk, timeout=60)
    # a big note needs more than 1 KiB of WAL: with the limit it cannot be written
    assert proc.returncode == 2, proc
    assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr
    assert _rows(path) == before
    check = subprocess.run([sys.executable, "-m", "golive", "verify", "--db", str(path)],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check


def _cockpit_on_history(tmp_path: Path) -> tuple[Path, Store, GoliveApp]:
    path = tmp_path / "golive.sqlite"
    _history(path)
    store = Store.open(path, FixedClock(at(NOW)))
    return path, store, make_app(store, "rm", poll_seconds=0.05)


def _delete(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _gone(path: Path) -> str:
    return (f"{path} wurde gelöscht oder ersetzt, während dieses Cockpit die Datei offen "
            "hatte: es zeigt den Stand von vorher und nimmt nichts mehr an; golive neu öffnen")


async def test_the_file_deleted_under_a_running_cockpit_is_a_calm_notification(
        tmp_path: Path) -> None:
    path, store, app = _cockpit_on_history(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        _delete(path)
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
    assert app.return_code is None  # nothing asked the app to exit
    # the export says which file is gone, in one line (not merely "some note names it"),
    # and the poll has said it once, whichever came first
    assert sorted(n for n in notes(app) if str(path) in n) == sorted([
        f"PROBE · Export fehlgeschlagen: {path}: keine golive-Datei (anlegen mit "
        "'golive init')",
        f"PROBE · {_gone(path)}"])
    store.close()


async def test_a_write_after_the_file_was_deleted_is_refused_and_said(tmp_path: Path) -> None:
    path, store, app = _cockpit_on_history(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        _delete(path)
        # the cockpit says so before anyone writes, and a few polls later still once
        assert await until(pilot, lambda: any(str(path) in n for n in notes(app)))
        await pilot.pause(0.2)
        warned = [n for n in notes(app) if str(path) in n]
        await pilot.press("3", "space")  # a write after the file is gone: none taken
        await pilot.pause()
        assert app.is_running
        board = app.board
        said = [n for n in notes(app) if str(path) in n]
    gone = _gone(path)
    assert len(warned) == 1 and gone in warned[0], notes(app)  # once, not every poll
    assert board is not None and board.item("comms.timeline").state == "open"  # type: ignore[union-attr]
    assert said == warned, said  # the line that says why stays, once
    store.close()


async def test_the_cockpit_shows_a_damaged_event_in_the_log_and_keeps_running(
        tmp_path: Path) -> None:
    path = tmp_path / "golive.sqlite"
    _history(path)
    _payload(3, "{not json")(path)
    store = Store.open(path, FixedClock(at(NOW)))
    app = make_app(store, "rm")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        from golive.widgets.log_view import LogView

        log = app.screen.query_one(LogView)
        shown = "\n".join(log.render_line(y).text for y in range(log.size.height))
        assert "beschädigt" in shown and "Statuscall 2" in shown
        await pilot.press("a")
        await pilot.press("enter")  # the board as it was, read in a worker
        await app.workers.wait_for_complete()  # else the checks below ran before it did
        await pilot.pause()
        assert app.is_running
        # the damaged event is a note: the past board counts notes without reading them,
        # so the view opens, and nothing went wrong that needed saying
        assert isinstance(app.screen, AsOfScreen) and app.screen.past.events == 5
        assert notes(app) == []
    store.close()


@pytest.mark.parametrize("version", [0, 1])
def test_a_foreign_file_with_golive_table_names_is_refused_untouched(tmp_path: Path,
                                                                      version: int) -> None:
    """Defect 9: the refusal comes before the switch to WAL or any other write."""
    path = tmp_path / "other.sqlite"
    path.touch()
    _foreign(version)(path)
    before = path.read_bytes()
    for command in ("status", "note"):
        proc = subprocess.run([sys.executable, "-m", "golive", command, *(["x"] * (
            command == "note")), "--db", str(path)], capture_output=True, text=True,
            timeout=60)
        assert proc.returncode == 2 and "keine golive-Datenbank" in proc.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def _checked(checked: list[str], file: str, app: GoliveApp) -> bool:
    return file in checked and not list(app.workers)


async def test_an_edit_deep_in_the_log_is_said_by_the_cockpit_soon_after_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A note rewritten with the triggers put back keeps the state and the head intact,
    so a reader that proved that head cannot see it; the cockpit's check of the whole chain
    after start finds it, naming the event, and the red screen takes the board's place. A
    file left alone keeps its board."""
    path = tmp_path / "golive.sqlite"
    _history(path)
    clean = tmp_path / "clean.sqlite"
    _history(clean)
    _sql(path, "UPDATE events SET payload = replace(payload, 'Statuscall 1', 'alles gut') "
               "WHERE seq = 3", unguarded=True)
    said: dict[str, str | None] = {}
    checked: list[str] = []
    real = whole_check.WholeCheck.run  # the check runs in a child process

    def counted(check: whole_check.WholeCheck) -> str | None:
        problem = real(check)
        checked.append(check.path)
        return problem

    monkeypatch.setattr(whole_check.WholeCheck, "run", counted)
    for name, file in (("forged", path), ("clean", clean)):
        store = Store.open(file, FixedClock(at(NOW)))
        app = make_app(store, "rm", verify_after=0.05)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            # the check starts on a timer after the first frame, in a thread; once its
            # worker is gone, what it had to say has been said
            assert await until(pilot, partial(_checked, checked, str(file), app))
            await pilot.pause()
            assert app.is_running and app.board is not None  # read before the check
            said[name] = app.screen.why if isinstance(app.screen, NotIntactScreen) else None
        store.close()
    assert said["clean"] is None
    assert said["forged"] == (
        f"{path}: Log nicht mehr unversehrt – Ereignis 3 (note) wurde verändert: "
        "sein Hash passt nicht zu seinem Inhalt; 'golive verify' zeigt alles")
