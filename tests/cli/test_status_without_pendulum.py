"""`golive status` (every form) and `golive note` run without pendulum or dateutil
(issue 24): their import cost a status line more CPU than all of golive's own modules.
Time zone work on that path is golive.data.time.instants, checked against pendulum in
tests/unit/test_instants.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_the_status_line_does_not_import_pendulum(tmp_path: Path) -> None:
    """`golive status --line` and `note` run without pendulum or dateutil (their import
    cost more CPU than the rest of a status line)."""
    db = tmp_path / "g.sqlite"
    probe = ("import sys; from golive.cli import main; code = main(sys.argv[1:]); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('pendulum', 'dateutil')), file=sys.stderr); sys.exit(code)")
    for args in (["init"], ["status", "--line"], ["status", "--json"], ["status"],
                 ["note", "hallo"], ["status", "--at", "2026-03-06T09:30"]):
        done = subprocess.run([sys.executable, "-c", probe, "--db", str(db),
                               "--now=2026-03-06T09:00:00", *args],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode in (0, 1), done.stderr
        assert done.stderr.splitlines()[-1] == "[]", (args, done.stderr)


def test_a_note_loads_no_other_command(tmp_path: Path) -> None:
    """A note's write checks nothing the other commands' rules hold: `golive note`
    loads its own command only (the other fifteen are a tenth of its CPU)."""
    db = tmp_path / "g.sqlite"
    probe = ("import sys; from golive.cli import main; code = main(sys.argv[1:]); "
             "print(sorted(m for m in sys.modules if m.startswith('golive.data.changes.')),"
             " file=sys.stderr); sys.exit(code)")
    for args in (["init"], ["--as", "Olaf Berg", "note", "hallo"]):
        done = subprocess.run([sys.executable, "-c", probe, "--db", str(db),
                               "--now=2026-03-06T09:00:00", *args],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    loaded = done.stderr.splitlines()[-1]
    assert "golive.data.changes.note" in loaded and "changes.commands" not in loaded, loaded
    assert "golive_commands" not in loaded, loaded
