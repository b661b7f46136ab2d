"""Long verify and export runs show a progress bar on a terminal, and only there: piped
output stays exactly what a script expects (issue 10). Real subprocesses, one on a pty."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from golive.progress import MIN_EVENTS

from support.paths import bench_module

# one long file for the module: its tests stay on one xdist worker
pytestmark = pytest.mark.xdist_group("progress")

EVENTS = MIN_EVENTS + 2_000
biglog = bench_module("biglog")


@pytest.fixture(scope="module")
def long_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("progress") / "long.sqlite"
    biglog.build(path, EVENTS)
    return path


def golive(*args: str) -> list[str]:
    return [sys.executable, "-m", "golive", *args]


def on_pty(argv: list[str], cwd: Path) -> str:
    """Everything the command wrote to a terminal (stdout and stderr are the pty)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(argv, stdout=follower, stderr=follower, cwd=cwd,
                            env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    assert proc.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_piped_verify_and_export_print_only_their_result(long_file: Path, tmp_path: Path):
    r = subprocess.run(golive("verify", "--db", str(long_file)), capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.startswith(f"ok: {EVENTS} ") and r.stdout.count("\n") == 1
    for fmt in ("md", "json"):
        r = subprocess.run(golive("export", "--db", str(long_file), "--out", str(tmp_path),
                                  "--format", fmt), capture_output=True, text=True,
                           timeout=120)
        assert r.returncode == 0 and r.stderr == ""
        assert r.stdout == f"{r.stdout.strip()}\n" and r.stdout.strip().endswith(f".{fmt}")


def test_a_terminal_sees_a_bar_that_counts_the_events(long_file: Path, tmp_path: Path):
    shown = on_pty(golive("verify", "--db", str(long_file)), tmp_path)
    assert f"ok: {EVENTS} " in shown
    assert f"/{EVENTS}" in shown  # the bar's done/total column
    shown = on_pty(golive("export", "--db", str(long_file), "--out", str(tmp_path)), tmp_path)
    assert f"/{EVENTS}" in shown and ".md" in shown


async def test_the_cockpit_counts_a_long_export_up_beside_the_log(long_file: Path) -> None:
    from golive.cockpit import make_app
    from golive.data.log.store import Store
    from golive.widgets.log_view import LogView

    store = Store.open(long_file, biglog.now_clock())
    app = make_app(store, "rm", bell_on_checkpoint=False)
    seen: list[int | None] = []
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            show = screen.show_export_progress  # type: ignore[attr-defined]

            def record(percent: int | None) -> None:
                seen.append(percent)
                show(percent)
                if percent is not None:
                    assert screen.query_one(LogView).border_subtitle == (
                        f"{EVENTS} · Export {percent} %")

            screen.show_export_progress = record  # type: ignore[attr-defined]
            await pilot.press("x")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen.query_one(LogView).border_subtitle == str(EVENTS)
    finally:
        store.close()
    # every whole tenth once, in order, then the count alone again
    assert seen == [*range(0, 101, 10), None]
    assert len(list((long_file.parent / "retro").glob("*.md"))) == 1
