"""Files golive writes besides the database, under SIGKILL and umask 000: a killed export,
init or rehearsal copy never leaves a file under the final name that is not complete, the
next run removes what a killed one left, and every file is 0600 whatever the umask.

The processes are real `golive` subprocesses; where a kill must come at one exact moment
(inside init's transaction, inside a rehearsal's copy), the child is the real CLI with one
function made to wait there.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from golive.data.log.verify import verify_file

from support.paths import FIXTURES, bench_module

# one big file for the module: its tests stay on one xdist worker
pytestmark = pytest.mark.xdist_group("killed_writes")

NOW = "2026-03-06T09:00:00+01:00"
EVENTS = 5_000  # exports of 0.9 MB (md) and 2.2 MB (json), written 64 KB at a time
GOLIVE = [sys.executable, "-m", "golive"]
# golive's own temporary names: .NAME.<pid>.<8 hex>.tmp (and SQLite's sidecars of one)
TEMP = re.compile(r"\..+\.\d+\.[0-9a-f]{8}\.tmp(-wal|-shm|-journal)?")


def is_temp(path: Path) -> bool:
    return TEMP.fullmatch(path.name) is not None


def umask0(*argv: str) -> list[str]:
    """The command run under umask 000, the worst a user's shell can hand golive."""
    return ["sh", "-c", 'umask 000; exec "$@"', "sh", *argv]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def kill_when_written(proc: subprocess.Popen[bytes], directory: Path, size: int) -> bool:
    """SIGKILL the process once a file in `directory` holds `size` bytes; False when it
    finished first."""
    while proc.poll() is None:
        try:
            written = max((e.stat().st_size for e in os.scandir(directory)), default=-1)
        except FileNotFoundError:  # renamed away while looked at
            continue
        if written >= size:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
    return False


@pytest.fixture(scope="module")
def big_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "g.sqlite"
    bench_module("biglog").build(path, EVENTS)
    return path


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_a_killed_export_leaves_no_partial_file_under_an_exports_name(
        big_log: Path, tmp_path: Path, fmt: str) -> None:
    def export(out: Path) -> subprocess.Popen[bytes]:
        return subprocess.Popen([*GOLIVE, "export", "--db", str(big_log), "--now", NOW,
                                 "--format", fmt, "--out", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    reference = tmp_path / "full"
    reference.mkdir()
    done = export(reference)
    assert done.wait(timeout=60) == 0, done.stderr.read() if done.stderr else ""
    [full_file] = reference.iterdir()
    full = full_file.read_bytes()
    assert len(full) > 500_000

    caught = 0  # kills that came while the export was being written
    for n, size in enumerate((0, 1, len(full) // 3, 2 * len(full) // 3, len(full))):
        out = tmp_path / f"kill-{n}"
        out.mkdir()
        killed = kill_when_written(export(out), out, size)
        left = sorted(out.iterdir())
        finished = [p for p in left if not is_temp(p)]
        for p in finished:  # either absent or complete
            assert p.name == full_file.name and p.read_bytes() == full, (size, p.stat())
        if killed and not finished:
            caught += 1
            assert [p.name.startswith(".") and p.name.endswith(".tmp") for p in left] == [True]
    assert caught >= 2, "the export finished before every kill: nothing was tested"

    # the next export in that directory removes the dead one's temporary file
    out = tmp_path / "kill-1"
    assert export(out).wait(timeout=60) == 0
    assert [p.read_bytes() == full for p in out.iterdir()] == [True]


CHILD = textwrap.dedent("""
    import importlib, sys, time
    owner = importlib.import_module({module!r})
    for part in {within!r}:
        owner = getattr(owner, part)
    real = getattr(owner, {name!r})

    def waits(*args, **kwargs):
        result = real(*args, **kwargs)
        print("inside", flush=True)
        time.sleep(60)
        return result

    setattr(owner, {name!r}, waits)
    from golive.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def killed_inside(target: str, argv: list[str], cwd: Path) -> None:
    """Run the real CLI with `target` (module:Class.function) made to wait once it has
    run, and SIGKILL it there."""
    module, _, dotted = target.partition(":")
    *within, name = dotted.split(".")
    code = CHILD.format(module=module, within=within, name=name)
    proc = subprocess.Popen([sys.executable, "-c", code, *argv], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert line == "inside\n", proc.stderr.read() if proc.stderr else ""


def test_a_killed_init_leaves_only_its_temporary_file_and_the_next_run_removes_it(
        tmp_path: Path) -> None:
    killed_inside("golive.data.log.store:create_schema",
                  ["init", "--db", "g.sqlite", "--now", NOW], tmp_path)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left and all(TEMP.fullmatch(name) for name in left), left
    assert not (tmp_path / "g.sqlite").exists()
    # a leftover whose writer is alive (this test's own pid) and a user's file stay
    alive = tmp_path / f".g.sqlite.{os.getpid()}.0123abcd.tmp"
    alive.write_text("in use")
    mine = tmp_path / ".notes.tmp"
    mine.write_text("mine")

    result = subprocess.run([*GOLIVE, "init", "--db", "g.sqlite", "--now", NOW],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [alive.name, mine.name, "g.sqlite"])
    assert verify_file(tmp_path / "g.sqlite").ok


def test_a_killed_rehearsal_copy_never_appears_under_its_name(
        big_log: Path, tmp_path: Path) -> None:
    kept = tmp_path / "kept.sqlite"
    killed_inside("golive.data.log.store:Store.replay",
                  ["rehearse", "--db", str(big_log), "--keep", str(kept)], tmp_path)
    assert not kept.exists()
    left = list(tmp_path.iterdir())  # the copy being made, with its WAL sidecars
    assert left and all(is_temp(p) for p in left), left


def test_every_file_golive_writes_is_0600_under_umask_000(tmp_path: Path) -> None:
    def run(*argv: str) -> str:
        result = subprocess.run(umask0(*GOLIVE, *argv), cwd=tmp_path, capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout

    run("init", "--db", "g.sqlite", "--now", NOW)
    run("note", "Hallo", "--db", "g.sqlite", "--now", NOW)
    exports = [Path(run("export", "--db", "g.sqlite", "--now", NOW, "--format", fmt).strip())
               for fmt in ("md", "json", "checklist")]
    (tmp_path / "old.toml").write_text("old")
    os.chmod(tmp_path / "old.toml", 0o644)
    run("import", str(FIXTURES / "go-live-checklist.md"), "--out", "plan.toml")
    run("import", str(FIXTURES / "go-live-checklist.md"), "--out", "old.toml")

    assert mode(tmp_path / "retro") == 0o700
    written = [tmp_path / "g.sqlite", *exports, tmp_path / "plan.toml", tmp_path / "old.toml"]
    assert {p.name: f"{mode(p):04o}" for p in written} == {p.name: "0600" for p in written}
    assert (tmp_path / "old.toml").read_text() == (tmp_path / "plan.toml").read_text()
    assert not [p for p in tmp_path.rglob("*") if is_temp(p)]
