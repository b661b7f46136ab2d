"""The golive command as tests run it: a run's result, the arguments that make every
contact real, the one-line-error rule every refusal must meet, and what a cockpit opened
from the command line has loaded by its first frame."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import dataclass


@dataclass
class Result:
    code: int
    out: str
    err: str


CONTACT_ARGS = [
    ["contact.status-channel", "--channel", "#ltc-status"],
    ["contact.incident-channel", "--channel", "#ltc-incident"],
    ["contact.primary-on-call", "--name", "Anna Berg", "--phone", "030 2938475"],
    ["contact.backup-on-call", "--name", "Ben Kurz", "--phone", "+49 170 2938475"],
    ["contact.rollback-decider", "--name", "Carla Roth", "--phone", "0171 2938475"],
]


def one_line_error(result: Result) -> None:
    """Exit 2, one line on stderr that starts with "golive: ", no traceback."""
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith("golive: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err


def first_frame_modules(db: str, now: str) -> set[str]:
    """The modules loaded once `golive --db DB NOW --as rm` drew its first frame, as a
    user opens the cockpit (headless, in a fresh interpreter; the run ends after it)."""
    code = textwrap.dedent(f"""
        import asyncio, sys
        from golive.cockpit import GoliveApp

        def first_frame(app, *args, **kwargs):
            async def run():
                async with app.run_test(size=(120, 40)) as pilot:
                    await pilot.pause()
                    assert app.board is not None
            asyncio.run(run())

        GoliveApp.run = first_frame  # headless, ends after the first frame
        from golive.cli import main
        assert main(["--db", {db!r}, {now!r}, "--as", "rm"]) == 0
        print(" ".join(sorted(sys.modules)))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    loaded = set(proc.stdout.split())
    assert "golive.cockpit_screen" in loaded  # the cockpit did draw
    return loaded
