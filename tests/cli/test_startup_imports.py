"""What `golive status` loads before it answers: a deploy script calls it in a loop, so
libraries that serve one action (phonenumbers, the export, the cockpit) stay out of it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from support.cli import first_frame_modules

NOW = "--now=2026-03-06T09:30:00+01:00"


def loaded_after(db: str, *args: str) -> set[str]:
    """Module names a fresh interpreter holds after running `golive ARGS` on db."""
    code = textwrap.dedent(f"""
        import contextlib, io, sys
        from golive.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            code = main({[*args, "--db", db, NOW]!r})
        print(code, " ".join(sorted(sys.modules)))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert (proc.returncode, proc.stderr) == (0, ""), proc.stderr
    # the status was answered (NO-GO on a fresh file): a refusal would load less
    code, *modules = proc.stdout.split()
    assert code == "1", proc.stdout[:200]
    return set(modules)


def top_level(names: set[str]) -> set[str]:
    return {n.split(".")[0] for n in names}


def test_status_loads_no_ui_and_no_one_action_library(tmp_path):
    db = str(tmp_path / "g.sqlite")
    from golive.cli import main

    assert main(["init", "--db", db, NOW]) == 0
    for args in (("status",), ("status", "--json")):
        tops = top_level(loaded_after(db, *args))
        for heavy in ("textual", "rich", "sqlite_utils", "phonenumbers", "click", "pluggy"):
            assert heavy not in tops, (args, heavy)
        loaded = loaded_after(db, *args)
        assert not {m for m in loaded if m.startswith("golive.data.outputs.export")}, args


def test_the_cockpits_first_frame_loads_no_command_and_no_checker(tmp_path) -> None:
    """The commands (fifteen dataclasses), the chain check, the status-update channels and
    the dialogs load with the first key that needs them, not before the first frame. The
    cockpit is opened as a user opens it, `golive` on the command line, drawn headless."""
    from golive.cli import main

    db = str(tmp_path / "g.sqlite")
    assert main(["init", "--db", db, NOW]) == 0
    loaded = first_frame_modules(db, NOW)
    for later in ("golive.data.changes.commands", "golive.data.log.verify",
                  "golive.data.outputs.announce", "golive.dialogs", "golive.forms", "secrets"):
        assert later not in loaded, later
