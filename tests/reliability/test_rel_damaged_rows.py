"""Rows golive cannot have written, put in as an attacker does (the append-only triggers
dropped, the row edited, the triggers put back exactly, so the schema check passes): every
command says so in one line naming the file and the event, exit 2 (`verify`: 1, it found
the problem), writes nothing; the cockpit refuses the file the same way, and one damaged
deep in the log never crashes it. Before: 41 tracebacks in the CLI and cockpit crashes
(RecursionError, KeyError: 0, ValueError, TypeError, UnicodeEncodeError)."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from golive.cockpit import make_app
from golive.data.changes.commands import Approve, Note, SetGate
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.texts.user_text import clean_text
from golive.data.time.clock import FixedClock
from golive.widgets.log_view import LogView

from support.pilot import notes
from support.records import at
from support.waiting import until

# damaged files made once: the module stays on one xdist worker
pytestmark = pytest.mark.xdist_group("damaged_rows")

NOW = "2026-03-05T10:00:00"
HEAD = 5  # the last event: every reader and writer stands on it
DEEP = 100_000  # brackets: json.loads recursed once per bracket
TRIGGERS = ("events_no_update", "events_no_delete", "events_append_only")


def _history(path: Path) -> None:
    """Five events: the plan, an approval, a note, a red gate, a note (the head)."""
    store = Store.create(path, load_default_plan(), FixedClock(at(NOW)), "rm")
    store.apply(Approve("approval.business", "Dana Weber"), "rm")
    store.apply(Note("Statuscall 1"), "rm")
    store.apply(SetGate("gate.monitoring", "red", "Alarme fehlen"), "rm")
    store.apply(Note("Statuscall 2"), "rm")
    store.close()


def _edit(path: Path, statement: str, *params: object, guarded: bool = True) -> None:
    """One statement through a plain sqlite3 connection; an edit of the log drops the
    triggers around it and puts back exactly the SQL that was there."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        saved = [r[0] for r in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")]
        conn.execute("BEGIN")
        if guarded:
            for name in TRIGGERS:
                conn.execute(f"DROP TRIGGER {name}")
        conn.execute(statement, params)
        if guarded:
            for sql in saved:
                conn.execute(sql)
        conn.execute("COMMIT")
    finally:
        conn.close()


def _event(seq: int, assignment: str, *params: object) -> Callable[[Path], None]:
    return lambda p: _edit(p, f"UPDATE events SET {assignment} WHERE seq = {seq}", *params)


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# a note's payload as the attacker changed it: its text made NaN, or a lone surrogate
NOTE_TEXT = "substr(payload, 1, instr(payload, ',') - 1)"
# an event's damage: name -> (assignment, its parameters, what the one line says about
# it: a pattern in the German of the plan, which `verify` (no plan) speaks too)
EVENT_DAMAGE: dict[str, tuple[str, tuple[object, ...], str]] = {
    "at-word": ("at = 'yesterday'", (), "seine Zeit ist keine UTC-Zeit"),
    "at-integer": ("at = 1772701200", (), "seine Zeit ist keine UTC-Zeit"),
    "at-empty": ("at = ''", (), "seine Zeit ist keine UTC-Zeit"),
    "at-year-9999": ("at = '9999-12-31T23:59:59.999999Z'", (), "seine Zeit ist keine UTC-Zeit"),
    "payload-deep": ("payload = ?", ('{"text": ' + _nested(DEEP) + "}",),
                     "seine Nutzlast ist tiefer als 64 Ebenen"),
    "hash-blob": ("hash = CAST(hash AS BLOB)", (), "die Spalte hash enthält keinen Text"),
    "payload-blob": ("payload = CAST(payload AS BLOB)", (),
                     "die Spalte payload enthält keinen Text"),
    "payload-nan": (f"payload = replace(payload, {NOTE_TEXT}, '{{\"text\": NaN')", (),
                    "seine Nutzlast enthält NaN oder Infinity"),
    "note-surrogate": ("payload = replace(payload, '\"text\": \"', '\"text\": \"\\ud800')",
                       (), "seine Nutzlast enthält ein einzelnes Surrogat"),
}

# name -> (damage, what the one line says)
KINDS: dict[str, tuple[Callable[[Path], None], str]] = {
    **{name: (_event(HEAD, assignment, *params), f"Ereignis {HEAD}: {said}")
       for name, (assignment, params, said) in EVENT_DAMAGE.items()},
    "init-deep": (_event(1, "payload = ?", '{"plan": ' + _nested(2 * DEEP) + "}"),
                  r"Ereignis 1"),
    "state-deep": (lambda p: _edit(p, "UPDATE state SET value = ? WHERE key = 'notes'",
                                   _nested(DEEP), guarded=False),
                   r"gespeicherte Zustand ist nicht lesbar"),
    "user-version-minus-1": (lambda p: _edit(p, "PRAGMA user_version = -1", guarded=False),
                             r"keine golive-Datenbank oder beschädigt \(Schemaversion -1"),
    # bytes that are not UTF-8 (with a line break and an escape sequence): SQLite cannot
    # say which row, so the column is named; the bytes themselves never reach the terminal
    "payload-not-utf8": (_event(HEAD, "payload = CAST(X'7B0A1B5B33316DFF0A7D' AS TEXT)"),
                         r"eine Textspalte \(payload\) enthält Bytes, die kein UTF-8 sind"),
}
assert len(KINDS) == 13  # the twelve of issue 21, H, and one found on the way

COMMANDS: dict[str, list[str]] = {
    "status": ["status"],
    "status-json": ["status", "--json"],
    "status-at": ["status", "--at", NOW],
    "verify": ["verify"],
    "export-md": ["export", "--format", "md", "--out", "out"],
    "export-json": ["export", "--format", "json", "--out", "out"],
    "export-checklist": ["export", "--format", "checklist", "--out", "out"],
    "approval-doc": ["approval-doc"],
    "announce": ["announce"],
    "note": ["note", "nach dem Schaden"],
    "approve": ["approve", "approval.product", "--by", "Petra Lang"],
    "decide": ["decide", "no-go", "--by", "Dana Weber", "--reason", "Datei beschädigt"],
}

# `verify` exits 1 when it found a problem (2 only for a file it cannot check at all)
VERIFY_CODE = {kind: 2 if kind == "user-version-minus-1" else 1 for kind in KINDS}
# the board at an instant and the export fold the log themselves and never read the state
# table, so they work on a file whose state alone is damaged (test_rel_broken_db)
UNREAD = {("state-deep", c) for c in ("status-at", "export-md", "export-json",
                                      "export-checklist")}
CASES = [(kind, command) for kind in sorted(KINDS) for command in sorted(COMMANDS)
         if (kind, command) not in UNREAD]


@pytest.fixture(scope="module")
def damaged_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One damaged file per kind, made once; each test works on a copy."""
    root = tmp_path_factory.mktemp("damaged")
    clean = root / "clean.sqlite"
    _history(clean)
    files = {}
    for kind, (damage, _said) in KINDS.items():
        path = root / f"{kind}.sqlite"
        shutil.copyfile(clean, path)
        damage(path)
        assert not Path(f"{path}-wal").exists()  # the copy below takes the whole file
        files[kind] = path
    return files


def _copy(files: dict[str, Path], kind: str, where: Path) -> Path:
    where.mkdir(exist_ok=True)
    path = where / "golive.sqlite"
    shutil.copyfile(files[kind], path)
    return path


def _contents(path: Path) -> tuple[object, ...]:
    """Every event and state row and the schema version, read through a plain sqlite3."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.text_factory = bytes  # as stored, also where it is not UTF-8
    try:
        return (conn.execute("SELECT * FROM events ORDER BY seq").fetchall(),
                conn.execute("SELECT * FROM state ORDER BY key").fetchall(),
                conn.execute("PRAGMA user_version").fetchone())
    finally:
        conn.close()


@pytest.mark.parametrize("kind, command", CASES, ids=[f"{k}-{c}" for k, c in CASES])
def test_a_damaged_row_is_one_line_naming_it_and_nothing_is_written(
        cli_inproc, damaged_files: dict[str, Path], tmp_path: Path, kind: str,  # type: ignore[no-untyped-def]
        command: str) -> None:
    path = _copy(damaged_files, kind, tmp_path)
    (tmp_path / "out").mkdir()
    before = _contents(path)
    args = COMMANDS[command]
    now = [] if command == "verify" else ["--now", NOW]
    result = cli_inproc(*args, "--db", str(path), *now)
    assert result.code == (VERIFY_CODE[kind] if command == "verify" else 2), result
    assert "Traceback" not in result.err and "\x1b" not in result.err and result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and str(path) in lines[0], result.err
    assert re.search(KINDS[kind][1], lines[0]), lines[0]
    assert _contents(path) == before  # nothing written
    assert not list((tmp_path / "out").iterdir())  # no export, not even a partial one


# the commands that open a cockpit, run as real processes: each refuses the file before
# it draws (a rehearsal copies the log, not the state: a damaged state alone is no reason)
COCKPITS: dict[str, list[str]] = {
    "cockpit": ["--now", NOW],
    "watch": ["watch"],
    "rehearse": ["rehearse", "--from", NOW],
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_cockpit_command_on_a_damaged_file_exits_2_with_the_line(
        damaged_files: dict[str, Path], tmp_path: Path, kind: str) -> None:
    commands = {name: args for name, args in COCKPITS.items()
                if (kind, name) != ("state-deep", "rehearse")}
    paths = {name: _copy(damaged_files, kind, tmp_path / name) for name in commands}
    before = _contents(paths["watch"])
    running = {name: subprocess.Popen(  # side by side: three start-ups in the time of one
        [sys.executable, "-m", "golive", *args, "--db", str(paths[name])], cwd=tmp_path,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name, args in commands.items()}
    for name, proc in running.items():
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 2, (name, out, err)
        assert "Traceback" not in err and out == "", (name, out, err)
        lines = err.splitlines()
        assert len(lines) == 1 and str(paths[name]) in lines[0], (name, err)
        assert re.search(KINDS[kind][1], lines[0]), (name, err)
        assert _contents(paths[name]) == before
    assert not list(tmp_path.rglob("*rehearsal*"))  # no rehearsal copy left over


# every kind but those Store.open itself refuses (the CLI says them before a cockpit opens)
OPENED = sorted(set(KINDS) - {"user-version-minus-1", "init-deep"})


@pytest.mark.parametrize("kind", OPENED)
async def test_the_cockpit_refuses_a_damaged_file_with_the_line(
        damaged_files: dict[str, Path], tmp_path: Path, kind: str) -> None:
    path = _copy(damaged_files, kind, tmp_path)
    before = _contents(path)
    store = Store.open(path, FixedClock(at(NOW)))
    app = make_app(store, "rm")
    async with app.run_test(size=(120, 40)):
        pass  # it exits as it loads, before a screen is drawn
    store.close()
    assert app.return_code == 2
    assert str(path) in app.refusal and re.search(KINDS[kind][1], app.refusal)
    assert "\n" not in app.refusal
    assert _contents(path) == before


# the ways a row deep in the log crashed the cockpit: its time in the log panel, a BLOB
# in the check of the chain, a lone surrogate in the export, JSON it could not parse
IN_THE_LOG = ["at-word", "at-year-9999", "hash-blob", "payload-blob", "payload-deep",
              "payload-nan", "note-surrogate"]


@pytest.mark.parametrize("kind", IN_THE_LOG)
async def test_a_row_damaged_deep_in_the_log_never_crashes_the_cockpit(
        tmp_path: Path, kind: str) -> None:
    """Event 3 (a note) damaged, the head intact: the board opens; the log shows the row
    as damaged; an export says it in one line; the board as it was opens or says it; the
    check of the whole chain names it and the red screen takes the board's place; the
    cockpit keeps running. Before: ValueError in the log, TypeError in the check,
    UnicodeEncodeError in the export."""
    from golive.not_intact import NotIntactScreen

    path = tmp_path / "golive.sqlite"
    _history(path)
    assignment, params, said = EVENT_DAMAGE[kind]
    _event(3, assignment, *params)(path)
    said = f"Ereignis 3: {said}"
    before = _contents(path)
    store = Store.open(path, FixedClock(at(NOW)))
    app = make_app(store, "rm")  # the whole-chain check is started by hand below
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        log = app.screen.query_one(LogView)
        shown = "\n".join(log.render_line(y).text for y in range(log.size.height))
        await pilot.press("a", "enter")  # the board as it was
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape", "x")  # an export
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.board is not None
        cockpit = app.cockpit
        assert cockpit is not None
        cockpit.verify_worker()  # the check of the whole chain
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, NotIntactScreen) and re.search(said, app.screen.why)
        assert app.is_running
    store.close()
    assert app.return_code is None
    assert "beschädigt" in shown and "Statuscall 2" in shown
    said_here = [n for n in notes(app) if re.search(said, n)]
    assert any("Export fehlgeschlagen" in n for n in said_here), notes(app)
    assert not list(tmp_path.glob("retro/*"))
    assert _contents(path) == before


async def test_an_approval_row_that_is_not_utf8_never_crashes_the_cockpit(
        tmp_path: Path) -> None:
    """Event 2 (the approval) holds bytes that are not UTF-8, the head intact: the log
    shows it as damaged, the approve dialog opens without the last approver's name, the
    check of the chain names the column; before, the log and the dialog crashed on
    SQLite's error."""
    path = tmp_path / "golive.sqlite"
    _history(path)
    _event(2, "actor = CAST(X'FF1B' AS TEXT)")(path)
    before = _contents(path)
    from golive.not_intact import NotIntactScreen

    store = Store.open(path, FixedClock(at(NOW)))
    app = make_app(store, "rm")  # the whole-chain check is started by hand below
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        log = app.screen.query_one(LogView)
        shown = "\n".join(log.render_line(y).text for y in range(log.size.height))
        await pilot.press("1", "home", "space")  # approve: the dialog offers a name
        await pilot.pause()
        dialog = type(app.screen).__name__
        await pilot.press("escape")
        await pilot.pause()
        cockpit = app.cockpit
        assert cockpit is not None
        cockpit.verify_worker()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, NotIntactScreen)
        why = app.screen.why
        assert app.is_running
    store.close()
    assert dialog == "FormDialog"
    assert re.search(r"^ *2 beschädigt", shown, re.M) and "Statuscall 2" in shown
    assert "eine Textspalte (actor) enthält Bytes, die kein UTF-8 sind" in why, why
    assert _contents(path) == before


@pytest.mark.parametrize("kind", ["at-empty", "hash-blob", "payload-deep", "note-surrogate",
                                  "state-deep"])
async def test_a_row_damaged_under_a_running_cockpit_is_said_and_nothing_crashes(
        tmp_path: Path, kind: str) -> None:
    """The head damaged while the cockpit shows the file: the poll finds it and the red
    screen says it in one line in place of the board; a key that would write writes
    nothing and says why; the cockpit keeps running."""
    from golive.data.changes.commands import Note
    from golive.not_intact import NotIntactScreen

    path = tmp_path / "golive.sqlite"
    _history(path)
    store = Store.open(path, FixedClock(at(NOW)))
    app = make_app(store, "rm", poll_seconds=0.05)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        KINDS[kind][0](path)
        before = _contents(path)
        said = KINDS[kind][1]
        assert await until(pilot, lambda: isinstance(app.screen, NotIntactScreen)
                           and re.search(said, app.screen.why) is not None)
        await pilot.press("3", "space", "a", "enter", "escape")  # nothing here writes
        await pilot.pause()
        refused = app.write(Note("danach"))
        assert refused is not None and re.search(said, refused), refused
        assert app.is_running and isinstance(app.screen, NotIntactScreen)
    store.close()
    assert app.return_code is None
    assert _contents(path) == before
    assert not list(tmp_path.glob("retro/*"))


def test_stored_text_never_holds_a_lone_surrogate() -> None:
    assert clean_text("Status\ud800call \udfff") == "Status\ufffdcall \ufffd"
