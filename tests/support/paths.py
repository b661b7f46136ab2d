"""The folders the tests read, named once: a test module's own place in tests/ does not
decide where the fixtures are."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
SUPPORT = TESTS / "support"


def bench_module(name: str) -> ModuleType:
    """A module of bench/ (not a package), loaded once per process: the big-file builder
    the benchmark uses is the one the tests check."""
    key = f"golive_bench_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module
