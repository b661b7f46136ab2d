"""Shared fixtures: a fixed Berlin clock, a fresh golive file on disk, and the CLI run
both in-process (fast) and as a real subprocess (what a deploy script sees)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from golive.cli import main
from golive.data.log.store import Store
from golive.data.plan.source import Plan, load_default_plan
from golive.data.time.clock import FixedClock

from support.cli import CONTACT_ARGS, Result
from support.records import HAND_GATES, T_MINUS_24H, at
from support.scenarios import SIGNERS

if TYPE_CHECKING:
    from support.s3_server import S3Server

# Snapshots and Pilot tests must not depend on animation timing.
os.environ["TEXTUAL_ANIMATIONS"] = "none"

KINDS = ("unit", "cockpit", "cli", "reliability")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test's folder is its kind and its mark: `pytest -m cockpit` runs the Pilot tests."""
    for item in items:
        kind = item.path.parent.name
        if kind in KINDS:
            item.add_marker(kind)


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


@pytest.fixture
def ready(cli_inproc: Callable[..., Result], plan: Plan,
          tmp_path: Path) -> Callable[..., Result]:
    """A file whose board is GO-READY at 09:50 on go-live day, and a runner for golive
    commands at an instant of that day (`ready("09:51", "status")`)."""
    db = tmp_path / "day.sqlite"

    def run(when: str, *args: str, actor: str = "rm") -> Result:
        return cli_inproc(*args, "--db", str(db), f"--now=2026-03-06T{when}:00+01:00",
                          "--as", actor)

    assert run("08:00", "init").code == 0
    assert run("08:00", "staging-stable-since", "2026-03-05T08:00").code == 0
    for args in CONTACT_ARGS:
        assert run("08:01", "contact", *args).code == 0
    for s in plan.signoffs:
        assert run("08:02", "approve", s.id, "--by", SIGNERS[s.id]).code == 0
    for g in HAND_GATES:
        assert run("08:03", "gate", g, "green").code == 0
    assert run("09:50", "decide", "go", "--by", "Carla Roth").code == 0
    run.db = db  # type: ignore[attr-defined]
    return run


@pytest.fixture(scope="session")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    """One real S3 server (SeaweedFS on 127.0.0.1) for every replica test of a run: it
    takes seconds to start. Those tests are one xdist_group ("s3"), so they share it on one
    worker; each keeps to its own path in the bucket."""
    from support import s3_server

    server = s3_server.start(tmp_path_factory.mktemp("s3"))
    yield server
    server.stop()
