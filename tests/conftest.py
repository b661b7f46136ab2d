"""Shared fixtures: a fixed Berlin clock, a fresh golive file on disk, and the CLI run
both in-process (fast) and as a real subprocess (what a deploy script sees)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pendulum
import pytest

from golive.cli import main
from golive.data.log.store import Store
from golive.data.plan.model import Plan
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, parse_instant

# Snapshots and Pilot tests must not depend on animation timing.
os.environ["TEXTUAL_ANIMATIONS"] = "none"

ZONE = "Europe/Berlin"
# One day before the default plan's T-0 (2026-03-06 10:00 CET): the T-24h checkpoint.
T_MINUS_24H = "2026-03-05T10:00:00+01:00"


def at(text: str) -> pendulum.DateTime:
    """An instant in the plan's zone; local times without an offset are Berlin time."""
    return parse_instant(text, ZONE)


@pytest.fixture(autouse=True)
def own_seen_heads(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test remembers proven heads in a folder of its own (data/seen_heads.py), never
    in the tester's home: a head one test saw must not make another test's file look
    rolled back. Subprocesses inherit it through the environment."""
    monkeypatch.setenv("GOLIVE_STATE_DIR", str(tmp_path_factory.mktemp("seen")))


@pytest.fixture
def clock_at() -> Callable[[str], FixedClock]:
    """Factory for a clock that stands still at the given instant."""
    return lambda text: FixedClock(at(text))


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_default_plan()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "golive.sqlite"


@pytest.fixture
def store(db_path: Path, plan: Plan) -> Iterator[Store]:
    """A fresh golive file on the default plan, its clock fixed at T-24h."""
    s = Store.create(db_path, plan, FixedClock(at(T_MINUS_24H)), "tester")
    yield s
    s.close()


@dataclass
class Result:
    code: int
    out: str
    err: str


def _env(extra: dict[str, str] | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GOLIVE_DB"}
    env.update(extra or {})
    return env


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., Result]:
    """Run `python -m golive ARGS` in a real subprocess, in tmp_path."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        proc = subprocess.run([sys.executable, "-m", "golive", *args], cwd=tmp_path,
                              env=_env(env), capture_output=True, text=True,
                              timeout=60)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    run.cwd = tmp_path  # type: ignore[attr-defined]
    return run


@pytest.fixture
def cli_inproc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    """Run golive.cli.main(ARGS) in this process (fast), in tmp_path."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GOLIVE_DB", raising=False)

    def run(*args: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
        return Result(code, out.getvalue(), err.getvalue())

    return run
