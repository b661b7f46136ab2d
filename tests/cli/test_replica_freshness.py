"""The copy off the node, end to end (issue 22): `golive init --replica` sets it up, a
go-live day written while `golive replicate` runs survives deleting the node's folder,
`golive restore --to` brings it back with the same head and a green verify, `--at` brings
back an earlier head; `status`, `announce` and the cockpit's header say how fresh the copy
is and turn red when the S3 server stops. A real SeaweedFS on 127.0.0.1 and the real
Litestream; no key ever appears in an output or a file. Every wait is bounded."""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pendulum
import pytest

from golive.cockpit import make_app
from golive.data.log.replica_state import freshness, status_path, write_status
from golive.data.log.store import Store
from golive.data.plan.source import load_plan_file
from golive.data.time.clock import RealClock, to_utc_text
from golive.widgets.banner import HeaderBar

from support import s3_server
from support.replica_node import (
    copy_state,
    golive,
    head_of,
    kill_node,
    no_secret_in,
    no_secret_under,
    node_env,
    real_s3,
    until,
)
from support.s3_server import ACCESS_KEY, BUCKET, SECRET_KEY


@pytest.fixture
def own_s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[s3_server.S3Server]:
    """A server of this test's own (it is stopped half-way), outside the machines' folders
    (its identity file holds the keys)."""
    server = s3_server.start(tmp_path_factory.mktemp("own-s3"))
    yield server
    server.stop()


# the one S3 server of the replica tests (tests/conftest.py): they stay on one xdist worker
pytestmark = [pytest.mark.replica, pytest.mark.slow,
              pytest.mark.xdist_group("s3")]


@real_s3
def test_a_go_live_day_survives_deleting_the_node_and_comes_back_with_the_same_head(
        s3: s3_server.S3Server, tmp_path: Path) -> None:
    node, other = tmp_path / "node", tmp_path / "other"
    env = node_env(node)
    outputs: list[str] = []
    url = f"{s3.endpoint}/{BUCKET}/day-survives"
    r = golive(env, node, "init", "--db", "golive.sqlite", "--replica", url)
    outputs += [r.out, r.err]
    assert r.code == 0, r
    config = node / "cfg" / "golive" / "config.toml"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert "set up" in r.out and "golive replicate" in r.out
    replicating = subprocess.Popen(
        [sys.executable, "-m", "golive", "replicate", "--db", "golive.sqlite", "--lang", "en"],
        cwd=node, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    heads: list[str] = []
    try:
        until(lambda: copy_state(env, node, outputs)["state"] == "current",
              "the first copy is made and said")
        day = [("approve", "approval.business", "--by", "Anna Schmidt"),
               ("approve", "approval.product", "--by", "Jonas Weber"),
               ("gate", "gate.monitoring", "green", "--note", "Dashboards grün"),
               ("note", "Statuscall 09:00: alle da")]
        for n, args in enumerate(day):
            r = golive(env, node, *args, "--db", "golive.sqlite")
            outputs.extend([r.out, r.err])
            assert r.code == 0, r
            heads.append(json.loads(golive(env, node, "status", "--db", "golive.sqlite",
                                           "--json").out)["head"])
            if n == 1:  # an instant between two writes: the copy as it was then
                until(lambda: copy_state(env, node, outputs)["state"] == "current",
                      "the first writes are copied")
                time.sleep(1.1)  # S3 keeps whole seconds
                middle = pendulum.now("UTC").strftime("%Y-%m-%dT%H:%M:%SZ")
                time.sleep(1.1)
        fresh = until(lambda: (s := copy_state(env, node, outputs))["state"] == "current"
                      and s, "the day is copied")
        assert isinstance(fresh, dict)
        assert fresh["lag_seconds"] == 0 and fresh["alarm"] is False
        plain = golive(env, node, "status", "--db", "golive.sqlite")
        announce = golive(env, node, "announce", "--db", "golive.sqlite")
        outputs += [plain.out, plain.err, announce.out, announce.err]
        assert "copy: current" in plain.out and "copy: current" in announce.out
        verified = golive(env, node, "verify", "--db", "golive.sqlite")
        outputs += [verified.out]
        assert stat.S_IMODE(status_path(node / "golive.sqlite").stat().st_mode) == 0o600
    finally:
        out, err = kill_node(replicating)
        outputs += [out, err]
    no_secret_under(node)
    shutil.rmtree(node)

    env2 = node_env(other)
    r = golive(env2, other, "init", "--db", "unused.sqlite", "--replica", url)
    outputs += [r.out, r.err]
    restored = golive(env2, other, "restore", "--to", "copy/golive.sqlite")
    outputs += [restored.out, restored.err]
    assert restored.code == 0, restored
    assert head_of(restored.out) == head_of(verified.out) == heads[-1]
    assert "5 events" in restored.out
    assert stat.S_IMODE((other / "copy" / "golive.sqlite").stat().st_mode) == 0o600
    earlier = golive(env2, other, "restore", "--to", "then.sqlite", "--at", middle)
    outputs += [earlier.out, earlier.err]
    assert earlier.code == 0, earlier
    assert head_of(earlier.out) == heads[1] and "3 events" in earlier.out
    assert stat.S_IMODE((other / "then.sqlite").stat().st_mode) == 0o600
    no_secret_in(*outputs)
    no_secret_under(tmp_path)


@real_s3
def test_the_copy_turns_red_when_the_server_stops_and_says_how_old_it_is(
        own_s3: s3_server.S3Server, tmp_path: Path) -> None:
    env = node_env(tmp_path)
    outputs: list[str] = []
    assert golive(env, tmp_path, "init", "--db", "golive.sqlite", "--replica",
                  f"{own_s3.endpoint}/{BUCKET}/red").code == 0
    config = tmp_path / "cfg" / "golive" / "config.toml"
    config.write_text(config.read_text() + "max_lag = 1\n")
    replicating = subprocess.Popen(
        [sys.executable, "-m", "golive", "replicate", "--db", "golive.sqlite", "--lang", "en"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        until(lambda: copy_state(env, tmp_path, outputs)["state"] == "current",
              "the copy is made")
        own_s3.stop()
        r = golive(env, tmp_path, "note", "after the storage went away", "--db",
                   "golive.sqlite")
        assert r.code == 0
        red = until(lambda: (s := copy_state(env, tmp_path, outputs))["alarm"]
                    and s["state"] == "failing" and s, "the copy turns red", seconds=30)
        assert isinstance(red, dict) and isinstance(red["lag_seconds"], float)
        plain = golive(env, tmp_path, "status", "--db", "golive.sqlite")
        outputs += [plain.out, plain.err]
        assert "copy: failing, " in plain.out and " s old" in plain.out
    finally:
        out, err = kill_node(replicating)
        outputs += [out, err]
    no_secret_in(*outputs)
    no_secret_under(tmp_path)


def test_init_replica_never_writes_or_says_a_key(tmp_path: Path) -> None:
    env = node_env(tmp_path)
    config = tmp_path / "cfg" / "golive" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('# mine\n[keys]\nquit = "x"\n')
    config.chmod(0o644)
    r = golive(env, tmp_path, "init", "--db", "g.sqlite", "--replica",
               f"http://{ACCESS_KEY}:{SECRET_KEY}@127.0.0.1:9/{BUCKET}/x")
    assert r.code == 2 and len(r.err.splitlines()) == 1 and "keys" in r.err, r
    assert not (tmp_path / "g.sqlite").exists()
    assert config.read_text() == '# mine\n[keys]\nquit = "x"\n'
    r2 = golive(env, tmp_path, "init", "--db", "g.sqlite", "--replica",
                f"http://127.0.0.1:9/{BUCKET}?X-Amz-Signature={SECRET_KEY}")
    assert r2.code == 2 and len(r2.err.splitlines()) == 1, r2
    r3 = golive(env, tmp_path, "init", "--db", "g.sqlite", "--replica",
                f"http://127.0.0.1:9/{BUCKET}/lifetimecircle/rc-1")
    assert r3.code == 0, r3
    assert config.read_text().startswith('# mine\n[keys]\nquit = "x"\n\n[replica]\n')
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    r4 = golive(env, tmp_path, "init", "--db", "g.sqlite", "--replica",
                f"http://127.0.0.1:9/{BUCKET}/other")
    assert r4.code == 2 and "already" in r4.err
    # set up, never started: status says so, red
    r5 = golive(env, tmp_path, "status", "--db", "g.sqlite", "--json")
    assert json.loads(r5.out)["replica"]["state"] == "off"
    assert json.loads(r5.out)["replica"]["alarm"] is True
    no_secret_in(*(x for r in (r, r2, r3, r4, r5) for x in (r.out, r.err)))
    no_secret_under(tmp_path)


def write_events(path: Path, at: list[str]) -> sqlite3.Connection:
    """A bare events table with these times (what freshness reads)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, at TEXT)")
    conn.executemany("INSERT INTO events (at) VALUES (?)", [(a,) for a in at])
    conn.commit()
    return conn


def test_the_lag_is_the_age_of_the_oldest_event_the_copy_lacks(tmp_path: Path) -> None:
    now = pendulum.datetime(2026, 3, 6, 9, 0, 10, tz="UTC")
    t = [to_utc_text(now.subtract(seconds=s)) for s in (30, 20, 8, 3)]
    conn = write_events(tmp_path / "e.sqlite", t)
    checked = to_utc_text(now.subtract(seconds=1))
    base = {"checked": checked, "limit": 5}
    f = freshness({**base, "as_of": t[1]}, conn, now)
    assert f is not None and f.state == "behind" and f.lag == 8 and f.alarming
    f = freshness({**base, "as_of": t[2]}, conn, now)
    assert f is not None and f.lag == 3 and not f.alarming
    f = freshness({**base, "as_of": t[3]}, conn, now)
    assert f is not None and f.state == "current" and f.lag == 0 and not f.alarming
    stale = {**base, "as_of": t[3], "checked": to_utc_text(now.subtract(seconds=30))}
    f = freshness(stale, conn, now)
    assert f is not None and f.state == "stopped" and f.alarming
    f = freshness({**base, "as_of": None}, conn, now)  # nothing copied yet
    assert f is not None and f.state == "starting" and f.lag == 30 and f.alarming
    assert freshness(None, conn, now) is None
    conn.close()


def header_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(HeaderBar).render())


async def test_the_header_says_how_fresh_the_copy_is_and_turns_red(tmp_path: Path,
                                                                   plan_path: Path) -> None:
    db = tmp_path / "golive.sqlite"
    store = Store.create(db, load_plan_file(plan_path), RealClock(), "tester")
    now = pendulum.now("UTC")
    write_status(db.resolve(), {"checked": to_utc_text(now), "as_of": to_utc_text(now),
                                "limit": 10})
    app = make_app(store, "rm", lang="de")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until_async(pilot, lambda: "Kopie: aktuell" in header_text(app))
            header = app.screen.query_one(HeaderBar)
            assert "Kopie: aktuell" in header_text(app)
            old = pendulum.now("UTC").subtract(seconds=40)
            write_status(db.resolve(), {"checked": to_utc_text(old), "as_of": to_utc_text(old),
                                        "limit": 10})
            await until_async(pilot, lambda: "Kopie: gestoppt" in header_text(app))
            shown = header._shown
            assert shown is not None and any("$error" in str(span.style) for span in shown.spans)
            status_path(db.resolve()).unlink()
            await until_async(pilot, lambda: "Kopie" not in header_text(app))
    finally:
        store.close()


async def until_async(pilot, check: Callable[[], bool], seconds: float = 5) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not shown in time"
        await pilot.pause(0.1)


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    from golive.data.plan.source import default_plan_text

    path = tmp_path / "plan.toml"
    path.write_text(default_plan_text(), "utf-8")
    return path




@real_s3
async def test_a_note_typed_in_the_cockpit_is_copied_and_the_header_turns_red_without_s3(
        own_s3: s3_server.S3Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Input

    env = node_env(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", env["XDG_CONFIG_HOME"])
    assert golive(env, tmp_path, "init", "--db", "golive.sqlite", "--replica",
                  f"{own_s3.endpoint}/{BUCKET}/cockpit").code == 0
    config = tmp_path / "cfg" / "golive" / "config.toml"
    config.write_text(config.read_text() + "max_lag = 2\n")
    replicating = subprocess.Popen(
        [sys.executable, "-m", "golive", "replicate", "--db", "golive.sqlite", "--lang", "en"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    store = Store.open(tmp_path / "golive.sqlite", RealClock())
    app = make_app(store, "rm", lang="de")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until_async(pilot, lambda: "Kopie: aktuell" in header_text(app), 30)
            await pilot.press("n")
            app.screen.query_one("#field-text", Input).value = "Statuscall: alle da"
            await pilot.press("enter")
            await until_async(pilot, lambda: store.event_count() == 2)
            await until_async(pilot, lambda: "Kopie: aktuell" in header_text(app), 10)
            own_s3.stop()
            await pilot.press("n")
            app.screen.query_one("#field-text", Input).value = "nach dem Ausfall"
            await pilot.press("enter")
            await until_async(pilot, lambda: "Kopie: Fehler" in header_text(app), 20)
            shown = app.screen.query_one(HeaderBar)._shown
            assert shown is not None and any("$error" in str(s.style) for s in shown.spans)
    finally:
        store.close()
        out, err = kill_node(replicating)
    no_secret_in(out, err)
