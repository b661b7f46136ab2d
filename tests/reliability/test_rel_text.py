"""Defects 6, 8 and 11: the message that names a read-only sidecar, plain `status` showing
line breaks instead of obeying them, and characters whose width terminals disagree on."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

import golive.data.log.dbfile as dbfile
from golive.data.changes.commands import Note, Reject
from golive.data.plan.source import load_default_plan
from golive.data.texts.user_text import clean_text, one_line, visible

from support.nobody import as_nobody
from support.pilot import open_cockpit, screen_text
from support.records import new_store

FORGED_ROW = "\n  ✔ approval.sre                SRE-Freigabe eingeholt [approved]"


def test_a_newline_in_a_reason_cannot_forge_a_status_row(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "g.sqlite")
    assert cli("init", "--db", db).code == 0
    assert cli("reject", "approval.security", "--by", "Eve", "--reason", "nein" + FORGED_ROW,
               "--db", db).code == 0
    out = cli("status", "--db", db).out
    rows = [line for line in out.splitlines() if line.lstrip().startswith(("✔", "○"))
            and "approval.sre" in line.split()[1]]
    assert len(rows) == 1 and "[approved]" not in rows[0]
    assert "nein⏎  ✔ approval.sre" in out


@pytest.mark.parametrize("raw, shown", [
    ("a\nb", "a⏎b"), ("a\r\nb", "a␍⏎b"), ("\x1b[31m", "␛[31m"), ("a\tb", "a␉b"),
    ("a\u2028b", "a⏎b"), ("\x7f", "␡"), ("\x9b", "\ufffd"), ("\u202eabc", "\ufffdabc"),
])
def test_visible_shows_every_break_and_control(raw: str, shown: str) -> None:
    assert visible(raw) == shown


ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad",
              "\ufe0f"]


def test_characters_terminals_measure_differently_are_never_stored_or_drawn() -> None:
    text = "👨\u200d👩\u200d👧 zero\u200bwidth \ufeffbom \u2764\ufe0f"
    for cleaned in (clean_text(text), one_line(text)):
        assert not any(ch in cleaned for ch in ZERO_WIDTH)
    assert clean_text(text) == "👨👩👧 zerowidth bom \u2764"


async def test_the_panels_hold_no_zero_width_character(tmp_path: Path) -> None:
    store = new_store(tmp_path / "g.sqlite", load_default_plan())
    store.apply(Reject("approval.business", "Zoe\u200bWeiß", "👨\u200d👩\u200d👧\ufeff nein"), "rm")
    store.apply(Note("zero\u200bwidth \ufeff"), "r\u200dm")
    async with open_cockpit(store, "rm") as (app, pilot):
        shown = screen_text(app)
    assert "👨👩👧" in shown
    assert not any(ch in shown for ch in ZERO_WIDTH)
    store.close()


def test_a_read_only_sidecar_is_named_in_the_message(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every file is writable, so the read-only -wal is simulated for the check."""
    path = tmp_path / "g.sqlite"
    new_store(path, load_default_plan()).close()
    wal = Path(f"{path}-wal")
    wal.write_bytes(b"")
    monkeypatch.setattr(dbfile.os, "access",
                        lambda p, mode: Path(p) != wal)
    error = dbfile.friendly(sqlite3.OperationalError(
        "attempt to write a readonly database"), path)
    assert f"{wal} is not writable" in str(error)


NOBODY = 65534
SETPRIV = shutil.which("setpriv")
def _as_owner(args: list[str], cwd: Path, runtime: object = None
              ) -> subprocess.CompletedProcess[str]:
    """`golive ARGS` as the file's owner; as root that is an unprivileged user, since root
    writes read-only files anyway and the test would prove nothing."""
    return as_nobody(args, cwd)


@pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None,
                    reason="as root the check needs setpriv (util-linux) to drop to nobody")
def test_a_reader_of_a_read_only_file_does_not_block_later_writers() -> None:
    with tempfile.TemporaryDirectory() as where:  # pytest's tmp_path is root's alone
        home = Path(where)
        if os.geteuid() == 0:
            home.chmod(0o755)
            os.chown(home, NOBODY, NOBODY)
        _read_then_write(home, None)


def _read_then_write(home: Path, runtime: object) -> None:
    db = home / "g.sqlite"
    init = _as_owner(["init", "--db", str(db)], home, runtime)
    assert (init.returncode, init.stderr) == (0, ""), init
    db.chmod(0o400)
    status = _as_owner(["status", "--db", str(db)], home, runtime)
    assert (status.returncode, status.stderr) == (1, ""), status  # read fine: NO-GO
    db.chmod(0o600)
    note = _as_owner(["note", "x", "--db", str(db)], home, runtime)
    assert (note.returncode, note.stderr) == (0, ""), note
    sidecars = {p.name: stat.S_IMODE(p.stat().st_mode) for p in home.glob("g.sqlite-*")}
    assert all(mode & 0o200 for mode in sidecars.values()), sidecars
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT kind FROM events ORDER BY seq").fetchall() == [
            ("init",), ("note",)]
