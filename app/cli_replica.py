"""`golive replicate` and `golive restore`: Litestream run as a child process for the
golive file, configured from config.toml's [replica] (golive.data.log.replica).

replicate streams the file to S3 until stopped (the signals that stop golive stop
Litestream); restore fetches the newest copy into a new file on another machine, gives it
golive's modes (Litestream leaves 0644) and verifies it. Litestream's configuration goes
into a 0600 temporary file holding no key; the keys reach it through its environment only.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit

from golive.cli_parser import SPEAKING, Options, UsageError, file_name
from golive.data.log.replica import (
    Keys,
    Replica,
    ReplicaError,
    litestream_binary,
    litestream_config,
    litestream_env,
    load_keys,
    load_replica,
)
from golive.data.log.replica_state import (
    POLL_SECONDS,
    freshness,
    newest_txid,
    read_instant,
    read_status,
    write_status,
)
from golive.data.outputs.safe_file import MODE, sweep, temp_path
from golive.data.texts.catalogue import text
from golive.data.time.clock import parse_instant, to_utc_text
from golive.data.time.instants import now

PREFLIGHT_SECONDS = 20.0
CONNECT_SECONDS = 3.0
DRAIN_SECONDS = 30.0  # stopping waits at most this long for the copy to hold every event


@contextlib.contextmanager
def config_file(db: Path, replica: Replica) -> Iterator[Path]:
    """Litestream's configuration in a 0600 temporary file, removed afterwards."""
    fd, name = tempfile.mkstemp(prefix="golive-litestream-", suffix=".yml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            os.fchmod(out.fileno(), MODE)
            out.write(litestream_config(db, replica))
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def reachable(replica: Replica) -> None:
    """One quick TCP connect: Litestream's S3 client retries an unreachable server for two
    minutes before it says so."""
    parts = urlsplit(replica.endpoint)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        socket.create_connection((parts.hostname, port), timeout=CONNECT_SECONDS).close()
    except OSError:
        raise ReplicaError("replica.unreachable", endpoint=replica.endpoint) from None


def last_error(output: str, keys: Keys) -> str:
    """Litestream's own reason, its last line shortened, keys blanked out."""
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    line = keys.hide(lines[-1] if lines else "?")
    line = line.removeprefix("Error: ")
    return line if len(line) <= 240 else line[:239] + "…"


def preflight(binary: str, cfg: Path, db: Path, replica: Replica, keys: Keys,
              env: dict[str, str]) -> None:
    """Server, bucket and keys checked by listing the replica before replication starts,
    so a wrong setting is one line now, not a log of retries."""
    reachable(replica)
    try:
        done = subprocess.run([binary, "ltx", "-config", str(cfg), "-no-expand-env", str(db)],
                              env=env, capture_output=True, text=True,
                              timeout=PREFLIGHT_SECONDS, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ReplicaError("replica.unreachable", endpoint=replica.endpoint) from None
    if done.returncode != 0:
        raise ReplicaError("replica.refused", endpoint=replica.endpoint, bucket=replica.bucket,
                           why=last_error(done.stderr + done.stdout, keys))


def now_text() -> str:
    return to_utc_text(now("UTC"))


def watch(binary: str, cfg: Path, db: Path, replica: Replica, keys: Keys, env: dict[str, str],
          done: threading.Event) -> None:
    """While Litestream runs: ask the replica every second which transaction it holds
    (its level-0 listing), and write that, with the instant Litestream read the WAL for
    it, into the status file the cockpit, `status` and `announce` read. An error is
    kept as Litestream's last line, keys blanked out."""
    started = now_text()
    status: dict[str, object] = {"pid": os.getpid(), "started": started, "checked": None,
                                 "txid": None, "as_of": None, "error": None,
                                 "limit": replica.max_lag}
    while not done.is_set():
        asked = now_text()
        try:
            listed = subprocess.run(
                [binary, "ltx", "-config", str(cfg), "-no-expand-env", "-level", "0", "-json",
                 str(db)], env=env, capture_output=True, text=True, timeout=5,
                stdin=subprocess.DEVNULL)
            if listed.returncode != 0:
                status["error"] = last_error(listed.stderr + listed.stdout, keys)
            else:
                txid = newest_txid(listed.stdout)
                status.update(error=None, txid=txid,
                              as_of=None if txid is None else read_instant(db, txid))
        except subprocess.TimeoutExpired:
            status["error"] = text(SPEAKING.lang, "replica.unreachable",
                                   endpoint=replica.endpoint)
        except (OSError, ValueError) as exc:
            status["error"] = type(exc).__name__
        status["checked"] = asked
        with contextlib.suppress(OSError):
            write_status(db, status)
        done.wait(POLL_SECONDS)
    status["stopped"] = now_text()
    with contextlib.suppress(OSError):
        write_status(db, status)


def _die_with_parent() -> None:
    """In the child: Litestream gets SIGTERM when golive dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def copy_holds_every_event(db: Path) -> bool:
    """Whether the replica, as this process's `watch` last saw it, holds every event now
    in the file (a status left by an earlier run proves nothing about this one's copy)."""
    status = read_status(db)
    if status is None or status.get("pid") != os.getpid():
        return False
    try:
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return False
    try:
        fresh = freshness(status, conn, now("UTC"))
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return fresh is not None and fresh.state == "current"


def drain(db: Path, child: subprocess.Popen[bytes], again: threading.Event) -> bool:
    """Asked to stop: Litestream keeps running until the replica holds every event in the
    file (at most DRAIN_SECONDS; a second stop signal ends the wait). Whether it does."""
    deadline = time.monotonic() + DRAIN_SECONDS
    while child.poll() is None and not again.is_set() and time.monotonic() < deadline:
        if copy_holds_every_event(db):
            return True
        again.wait(0.2)
    return copy_holds_every_event(db)


def say(line: str) -> None:
    """A line on stderr, which a closed terminal (SIGHUP) may no longer take."""
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)


def replicate_cmd(opts: Options) -> int:
    """Litestream replicating the file until golive is stopped. Stopping waits until the
    replica holds every event written before (exit 0), else says what the copy lacks
    (exit 1): an exit 0 means the copy off the node is whole."""
    from golive.cli_files import open_to_read

    db = opts.db.resolve()
    if not db.is_file():
        raise UsageError("replica.no_db", db=str(opts.db))
    store = open_to_read(db)  # a golive file, whole, before it is copied anywhere
    SPEAKING.lang = opts.lang or store.plan.language
    store.close()
    replica = load_replica()
    keys = load_keys(replica)
    binary = litestream_binary()
    env = litestream_env(keys)
    stop, again = threading.Event(), threading.Event()

    def asked_to_stop(_signum: int, _frame: FrameType | None) -> None:
        (again if stop.is_set() else stop).set()

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, asked_to_stop)
    with config_file(db, replica) as cfg:
        preflight(binary, cfg, db, replica, keys, env)
        if again.is_set():  # stopped twice before Litestream started: nothing was copied
            say(text(SPEAKING.lang, "replica.stopped_short", db=str(opts.db)))
            return 1
        child = subprocess.Popen([binary, "replicate", "-config", str(cfg), "-no-expand-env"],
                                 env=env, stdin=subprocess.DEVNULL, start_new_session=True,
                                 preexec_fn=_die_with_parent)
        say(text(SPEAKING.lang, "replica.running", db=str(opts.db), bucket=replica.bucket,
                 path=replica.path, endpoint=replica.endpoint))
        done = threading.Event()
        watcher = threading.Thread(target=watch, args=(binary, cfg, db, replica, keys, env,
                                                       done), daemon=True)
        watcher.start()
        while child.poll() is None and not stop.wait(0.2):
            pass
        whole = False
        if child.poll() is None:
            say(text(SPEAKING.lang, "replica.draining", db=str(opts.db)))
            whole = drain(db, child, again)
            with contextlib.suppress(ProcessLookupError):
                child.send_signal(signal.SIGINT)
        code = child.wait()
        done.set()
        watcher.join(timeout=10)
    if code not in (0, -signal.SIGINT, -signal.SIGTERM):
        return 1
    if not whole:
        say(text(SPEAKING.lang, "replica.stopped_short", db=str(opts.db)))
        return 1
    say(text(SPEAKING.lang, "replica.stopped_whole", db=str(opts.db)))
    return 0


def set_up_replica(url: str, opts: Options) -> None:
    """`golive init --replica URL`: a [replica] table added to config.toml (0600, written
    whole under a temporary name), checked as `replicate` will read it."""
    from golive.data.log.replica import table_from_url, with_replica
    from golive.data.outputs.safe_file import write_file
    from golive.data.plan.config import config_path

    table = table_from_url(url)
    path = config_path()
    try:
        old = path.read_text("utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ReplicaError("replica.unreadable", path=str(path),
                           why=getattr(exc, "strerror", None) or type(exc).__name__) from None
    new = with_replica(old, table, path)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_file(path, new)
    except OSError as exc:
        raise ReplicaError("replica.unwritable", path=str(path),
                           why=exc.strerror or type(exc).__name__) from None
    print(text(SPEAKING.lang, "replica.set_up", path=str(path), endpoint=table["endpoint"],
               bucket=table["bucket"], folder=table["path"], db=str(opts.db)), flush=True)


def restore_cmd(ns: argparse.Namespace, opts: Options) -> int:
    """The newest copy (or the one the replica held at --at) into a new file (--to, else
    --db; never over one), 0600 in a folder made 0700, then golive's verify on it: its
    events and head are the answer."""
    from golive.cli_commands import verify_cmd
    from golive.cli_files import load_plan

    name = file_name(ns.to, "--to") if ns.to else opts.db
    target = name.absolute()
    if target.exists():
        raise UsageError("restore.exists", db=str(name))
    at: list[str] = []
    if ns.at:  # Litestream's -timestamp is RFC 3339 in UTC; a local time is the plan's
        instant = parse_instant(ns.at, load_plan(opts).timezone)
        at = ["-timestamp", instant.astimezone(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")]
    replica = load_replica()
    keys = load_keys(replica)
    binary = litestream_binary()
    reachable(replica)
    if not target.parent.exists():
        target.parent.mkdir(mode=0o700, parents=True)
        os.chmod(target.parent, 0o700)  # whatever the umask
    sweep(target.parent)
    tmp = temp_path(target)
    try:
        with config_file(target, replica) as cfg:
            done = subprocess.run(
                [binary, "restore", "-config", str(cfg), "-no-expand-env", *at, "-o",
                 str(tmp), str(target)], env=litestream_env(keys), capture_output=True, text=True,
                stdin=subprocess.DEVNULL)
        if done.returncode != 0 or not tmp.is_file():
            raise ReplicaError("restore.failed", endpoint=replica.endpoint,
                               bucket=replica.bucket, path=replica.path,
                               why=last_error(done.stderr + done.stdout, keys))
        os.chmod(tmp, MODE)  # Litestream writes 0644
        try:
            os.link(tmp, target)  # never over a file that appeared meanwhile
        except FileExistsError:
            raise UsageError("restore.exists", db=str(name)) from None
    finally:
        for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
    print(text(SPEAKING.lang, "restore.done_at" if ns.at else "restore.done", db=str(name),
               bucket=replica.bucket, path=replica.path, at=ns.at or ""), flush=True)
    return verify_cmd(target)
