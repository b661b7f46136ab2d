"""Small shared helpers for the reliability tests: hostile plans, notifications, screens."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from textual.app import App

from golive.data.log.store import Store
from golive.data.plan.model import Plan
from golive.data.plan.source import default_plan_text, parse_plan
from golive.data.time.clock import FixedClock, parse_instant

ZONE = "Europe/Berlin"


def at(text: str):  # type: ignore[no-untyped-def]
    return parse_instant(text, ZONE)


def toml_string(value: str) -> str:
    """A TOML basic string holding value exactly (controls as \\u escapes)."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def default_with(**replacements: str) -> str:
    """The default plan's text with quoted values replaced: {'"T-0"': '"T-0 [/prod]"'}."""
    text = default_plan_text()
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def plan_with(**replacements: str) -> Plan:
    return parse_plan(default_with(**replacements), "hostile.toml")


def new_store(path: Path, plan: Plan, now: str = "2026-03-05T10:00:00") -> Store:
    return Store.create(path, plan, FixedClock(at(now)), "rm")


def notes(app: App[None]) -> list[str]:
    return [str(n.message) for n in app._notifications]


def screen_text(app: App[None]) -> str:
    """What the terminal shows, as plain text (the SVG with its spacing undone)."""
    import html
    import re

    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(texts)).replace("\xa0", " ")


def toasts(app: App[None]) -> list[str]:
    """The plain text every toast on the screen draws."""
    from textual.widgets._toast import Toast

    return [toast.render().plain for toast in app.screen.query(Toast)]


def event_count(path: Path | str) -> int:
    """Events in the file, read through a plain sqlite3 connection."""
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    finally:
        conn.close()


# --- golive run as an unprivileged user (nobody), from wherever the checkout sits --------

NOBODY = 65534
_PROBE = """
import json, sys, runpy
for argv in sys.argv[1:]:
    sys.argv = ["golive", *json.loads(argv)]
    try:
        runpy.run_module("golive", run_name="__main__")
    except SystemExit:
        pass
print(json.dumps(sorted({m.__file__ for m in list(sys.modules.values())
                         if getattr(m, "__file__", None)})))
"""
_RUNTIME: list[tuple[str, str]] = []


def readable_runtime() -> tuple[str, str]:
    """(interpreter, import path) an unprivileged user can run golive's CLI with, whatever
    folder the checkout sits in: a checkout under a 0700 home (or `mktemp -d`) is
    unreadable to nobody, so golive and the third-party packages its CLI imports (found
    by running init, status, note, verify and export once) are copied, once per test run,
    into a world-readable folder. The interpreter is the venv's base Python."""
    if _RUNTIME:
        return _RUNTIME[0]
    import golive

    where = Path(tempfile.mkdtemp(prefix="golive-runtime-"))
    atexit.register(shutil.rmtree, where, True)
    db = where / "probe.sqlite"
    runs = [["init", "--db", str(db)], ["status", "--db", str(db)],
            ["note", "x", "--db", str(db)], ["verify", "--db", str(db)],
            ["export", "--db", str(db), "--out", str(where)],
            ["approval-doc", "--db", str(db)]]
    probe = subprocess.run([sys.executable, "-c", _PROBE, *map(json.dumps, runs)],
                           capture_output=True, text=True, timeout=120, cwd=where)
    for leftover in where.iterdir():
        if leftover.is_file():
            leftover.unlink()
    files = [Path(f) for f in json.loads(probe.stdout.splitlines()[-1])]
    runtime = where / "runtime"
    package_root = Path(golive.__file__).resolve().parent  # app/ (editable: the checkout)
    for folder, name in ((package_root, "golive"),
                         (package_root.parent / "widgets", "golive/widgets"),
                         (package_root.parent / "data", "golive/data")):
        shutil.copytree(folder, runtime / name, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    stdlib = Path(os.__file__).parent
    for file in files:
        sites = [p for p in file.parents if p.name == "site-packages"]
        if not sites or stdlib in file.parents:
            continue
        top = file.relative_to(sites[0]).parts[0]
        if top.startswith(("golive", "__editable__")) or (runtime / top).exists():
            continue  # golive itself is copied from its folders above
        source = sites[0] / top
        if source.is_dir():
            shutil.copytree(source, runtime / top, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, runtime / top)
    for path in [where, *where.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    base = Path(sys._base_executable).resolve()  # type: ignore[attr-defined]
    _RUNTIME.append((str(base), str(runtime)))
    return _RUNTIME[0]


def as_nobody(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`golive ARGS` as nobody when run as root (root writes read-only files anyway, and
    a test of what a reader may do would prove nothing), else as this user."""
    env = {k: v for k, v in os.environ.items() if k != "GOLIVE_DB"}
    argv = [sys.executable, "-m", "golive", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv is not None
        python, path = readable_runtime()
        argv = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                python, "-I", "-c", "import sys; sys.path[:0] = [sys.argv.pop(1)]; "
                "import runpy; runpy.run_module('golive', run_name='__main__')", path, *args]
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=60,
                          env=env)
