"""Found on the tour of the merged CLI: `golive import X.md --preview --report` opened the
preview screen and dropped --report without a word (in a pipe it drew the screen into
the pipe). The two ask for different things: one line, exit 2, nothing opened or written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parents[1] / "fixtures" / "checklists" / "german-phases.md"


def test_preview_and_report_together_are_refused_in_one_line(tmp_path: Path) -> None:
    checklist = tmp_path / "c.md"
    checklist.write_text(FIXTURE.read_text("utf-8"), "utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("GOLIVE_DB",)}
    env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8")
    try:
        proc = subprocess.run([sys.executable, "-m", "golive", "import", str(checklist),
                               "--preview", "--report"], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=20,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:  # the preview screen opened and waited
        raise AssertionError("the preview opened instead of refusing") from exc
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "--report" in lines[0] and "nicht zusammen" in lines[0], \
        proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.md"]  # nothing written
