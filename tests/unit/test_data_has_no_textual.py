"""golive.data is the part scripts and exports use: it must never pull in Textual, or a
`golive status` in a deploy script would pay for the whole UI toolkit."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import textwrap

import golive.data


def data_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(golive.data.__path__, "golive.data."))


def test_there_are_data_modules():
    names = data_modules()
    for expected in ("plan.source", "log.store", "rules.verdict", "time.clock", "changes.commands",
                     "log.fold", "log.events"):
        assert f"golive.data.{expected}" in names


def test_importing_every_data_module_does_not_import_textual():
    """A fresh interpreter, so nothing imported by other tests can hide an import."""
    code = textwrap.dedent("""
        import importlib, pkgutil, sys
        import golive.data
        names = [m.name for m in pkgutil.walk_packages(golive.data.__path__, "golive.data.")]
        for name in names:
            importlib.import_module(name)
        loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
        assert not loaded, loaded
        print(len(names))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout) == len(data_modules())


def test_data_sources_do_not_mention_textual():
    """Catches a lazy import inside a function too, which the import test cannot see."""
    for info in pkgutil.walk_packages(golive.data.__path__, "golive.data."):
        spec = info.module_finder.find_spec(info.name, None)  # type: ignore[call-arg]
        source = open(spec.origin, encoding="utf-8").read()
        for line in source.splitlines():
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")):
                assert "textual" not in stripped.split("#")[0], f"{info.name}: {stripped}"
