"""The node dies at a random moment while a writer writes and `golive replicate` runs
(SIGKILL to the writer, golive and Litestream): the copy restored on another machine
verifies, its head is one the original had, and it holds every event the copy's status
said was copied before the kill (what the cockpit showed was true). A real SeaweedFS on
127.0.0.1 and the real Litestream; every wait bounded."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from golive.data.log.replica_state import read_status

from support import s3_server
from support.paths import SUPPORT
from support.replica_node import (
    golive,
    head_of,
    kill_node,
    no_secret_in,
    node_env,
    real_s3,
    until,
)

WRITER = SUPPORT / "writer.py"


# the one S3 server of the replica tests (tests/conftest.py): they stay on one xdist worker
pytestmark = [pytest.mark.replica, pytest.mark.slow,
              pytest.mark.xdist_group("s3")]


@real_s3
@pytest.mark.parametrize("round_", [1, 2])
def test_a_node_killed_at_a_random_moment_leaves_a_true_copy(
        s3: s3_server.S3Server, tmp_path: Path, round_: int) -> None:
    seed = random.randrange(1 << 30)
    rnd = random.Random(seed)
    node, other = tmp_path / "node", tmp_path / "other"
    env = node_env(node)
    url = f"{s3.endpoint}/{s3_server.BUCKET}/killed-{round_}-{seed}"
    assert golive(env, node, "init", "--db", "golive.sqlite", "--replica", url).code == 0
    db = node / "golive.sqlite"
    replicating = subprocess.Popen(
        [sys.executable, "-m", "golive", "replicate", "--db", "golive.sqlite", "--lang", "en"],
        cwd=node, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    writer = subprocess.Popen([sys.executable, str(WRITER), str(db), "Writer", "0"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        until(lambda: (read_status(db) or {}).get("as_of"), "the first copy is made")
        time.sleep(rnd.uniform(0.5, 3.0))
    finally:  # the node dies: every process on it at once
        writer.send_signal(signal.SIGKILL)
        out, err = kill_node(replicating)
        writer.wait(timeout=10)
    status = read_status(db)
    assert status is not None and status["as_of"], status
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT seq, at, hash FROM events ORDER BY seq").fetchall()
    conn.close()
    heads = {seq: h for seq, _at, h in rows}
    copied = max(seq for seq, at, _h in rows if at <= status["as_of"])

    env2 = node_env(other)
    (other / "cfg" / "golive").mkdir(parents=True)
    config = other / "cfg" / "golive" / "config.toml"
    config.write_text((node / "cfg" / "golive" / "config.toml").read_text())
    config.chmod(0o600)
    restored = golive(env2, other, "restore", "--to", "copy.sqlite")
    assert restored.code == 0, (seed, restored)
    events = int(restored.out.split(" events")[0].rsplit(" ", 1)[1])
    assert heads.get(events) == head_of(restored.out), (seed, events)  # a head it had
    assert events >= copied, (seed, events, copied, len(rows))  # what was said is there
    no_secret_in(out, err, restored.out, restored.err, json.dumps(status))
