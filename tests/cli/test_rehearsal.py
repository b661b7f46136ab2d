"""Rehearsal is its own mode: a real file's log only ever takes the wall clock, and a
rehearsal (a copy, or `init --now`) says so on every surface while the real file stays
byte-identical."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pendulum
import pytest

from golive.cockpit import GoliveApp, make_app
from golive.data.changes.commands import Approve, Note, SetGate
from golive.data.changes.refused import Refused
from golive.data.log.rehearsal import make_rehearsal, rehearsal_start
from golive.data.log.store import Store
from golive.data.outputs.export import write_export
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, RealClock, RehearsalClock, parse_instant
from golive.dialogs import FormDialog
from golive.widgets.banner import HeaderBar, VerdictBanner

from support.pilot import open_cockpit
from support.records import at

ZONE = "Europe/Berlin"
PLAN = load_default_plan()
NOW = "--now=2026-03-05T10:00:00+01:00"


def fingerprint(path: Path) -> tuple[bytes, int]:
    """The bytes and modification time a rehearsal must leave exactly as they were."""
    return path.read_bytes(), path.stat().st_mtime_ns


def events_in(path: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("SELECT seq, at, actor, kind, target, payload FROM events "
                            "ORDER BY seq").fetchall()
    finally:
        conn.close()


@pytest.fixture
def real(tmp_path: Path) -> Path:
    """A real file (wall clock) with a sign-off and a gate recorded, closed again."""
    path = tmp_path / "golive.sqlite"
    store = Store.create(path, PLAN, RealClock(ZONE), "rm")
    store.apply(Approve("approval.business", "Birgit Brandt"), "rm")
    store.apply(SetGate("gate.monitoring", "green"), "rm")
    store.close()
    return path


# --- the mode is fixed at creation ---------------------------------------------------------


def test_wall_clock_file_is_real_and_refuses_other_clocks(real: Path) -> None:
    store = Store.open(real, FixedClock(at("2026-03-05T10:00")))
    try:
        assert not store.rehearsal
        assert json.loads(events_in(real)[0][5])["mode"] == "real"
        before = events_in(real)
        copies = list(store.events(2))  # real events: what a replay would append
        for clock in (FixedClock(at("2026-03-05T10:00")),
                      RehearsalClock(at("2026-03-05T10:00"), 60)):
            store.clock = clock
            with pytest.raises(Refused, match="is a real go-live file"):
                store.apply(Note("x"), "rm")
            with pytest.raises(Refused, match="is a real go-live file"):
                store.replay(iter(copies))
        assert events_in(real) == before
        # reading at any instant stays allowed: the board as it was then
        approved_at = parse_instant(before[1][1], ZONE)
        store.clock = FixedClock(pendulum.instance(approved_at).subtract(minutes=1))
        assert store.board().item("approval.business").state == "pending"  # type: ignore[union-attr]
        store.clock = FixedClock(pendulum.instance(approved_at).add(minutes=1))
        assert store.board().item("approval.business").state == "approved"  # type: ignore[union-attr]
        store.clock = RealClock(ZONE)
        store.apply(Note("wall clock"), "rm")
        assert store.event_count() == 4
    finally:
        store.close()


def test_file_made_on_a_fixed_clock_is_a_rehearsal(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "p.sqlite", PLAN, FixedClock(at("2026-03-05T10:00")), "rm")
    try:
        assert store.rehearsal
        store.clock = FixedClock(at("2026-03-05T09:00"))  # earlier: allowed in a rehearsal
        store.apply(Note("x"), "rm")
        store.clock = RealClock(ZONE)
        store.apply(Note("y"), "rm")
        assert store.verify().ok
    finally:
        store.close()


def test_cli_real_file_refuses_now_and_speed_writes_in_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "real.sqlite"
    assert cli("init", "--db", str(db)).code == 0
    before = fingerprint(db)
    for clock in ([NOW], [NOW, "--speed", "60"]):
        r = cli("approve", "approval.business", "--by", "Anna", "--db", str(db), *clock)
        assert r.code == 2 and r.err.count("\n") == 1, r.err
        assert r.err.startswith("golive: ") and "echte Go-Live-Datei" in r.err
        assert "Traceback" not in r.err
    assert fingerprint(db) == before
    r = cli("status", "--json", "--db", str(db), NOW)  # reading at an instant is fine
    assert r.code == 1 and json.loads(r.out)["mode"] == "real"
    assert json.loads(r.out)["now"].startswith("2026-03-05T10:00:00")
    assert cli("status", "--db", str(db), "--at", "2026-03-05T10:00").code == 1
    r = cli("approve", "approval.business", "--by", "Anna", "--db", str(db))
    assert r.code == 0, r.err
    assert [e[3] for e in events_in(db)] == ["init", "approve"]


def test_cli_init_now_makes_a_rehearsal_that_says_so(cli_inproc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli_inproc("init", "--db", "x.sqlite", "--now", "2026-03-06T09:00:00+01:00")
    assert r.code == 0 and "PROBE" in r.out
    r = cli_inproc("approve", "approval.business", "--by", "Anna Albers", "--db", "x.sqlite", NOW)
    assert r.code == 0, r.err
    r = cli_inproc("status", "--json", "--db", "x.sqlite", NOW)
    assert json.loads(r.out)["mode"] == "rehearsal"
    r = cli_inproc("status", "--db", "x.sqlite", NOW)
    assert r.out.splitlines()[0].startswith("PROBE – ")
    r = cli_inproc("approval-doc", "--db", "x.sqlite", NOW)
    assert r.out.startswith("PROBE – ") and "\n# Go-Live-Freigabe" in r.out
    r = cli_inproc("export", "--db", "x.sqlite", NOW)
    path = Path(r.out.strip())
    assert path.name.startswith("golive-PROBE-rc-2026-03-01-")
    assert path.read_text().startswith("# PROBE: Go-Live-Retrospektive")


def test_real_export_carries_no_rehearsal_mark(real: Path) -> None:
    store = Store.open(real, RealClock(ZONE))
    try:
        path = write_export(store, fmt="json")
    finally:
        store.close()
    assert path.name.startswith("golive-rc-2026-03-01-")
    assert "mode" not in json.loads(path.read_text())


# --- the rehearsal copy --------------------------------------------------------------------


def test_copy_holds_the_real_events_up_to_its_start(real: Path, tmp_path: Path) -> None:
    before = fingerprint(real)
    real_events = events_in(real)
    copy = make_rehearsal(tmp_path / "probe.sqlite", PLAN, RealClock(ZONE).now(), "rm", real)
    try:
        assert copy.rehearsal and copy.verify().ok
        copied = events_in(copy.path)
        assert [e[1:5] for e in copied[1:]] == [e[1:5] for e in real_events[1:]]
        assert json.loads(copied[0][5])["rehearsal_of"] == str(real.resolve())
        assert copy.board().item("approval.business").state == "approved"  # type: ignore[union-attr]
    finally:
        copy.close()
    # starting before the real events happened: a fresh file from the plan
    early = make_rehearsal(tmp_path / "early.sqlite", PLAN, at("2026-03-05T09:00"), "rm", real)
    try:
        assert early.event_count() == 1
        assert early.board().item("approval.business").state == "pending"  # type: ignore[union-attr]
    finally:
        early.close()
    assert fingerprint(real) == before
    assert not Path(f"{real}-wal").exists()


def test_from_offset_or_instant() -> None:
    now = at("2026-03-01T12:00")
    assert rehearsal_start("T-25h", PLAN, now) == at("2026-03-05T09:00")
    assert rehearsal_start("T-1d", PLAN, now) == at("2026-03-05T10:00")
    assert rehearsal_start("2026-03-06T09:30", PLAN, now) == at("2026-03-06T09:30")
    assert rehearsal_start(None, PLAN, now) == now


def test_rehearse_command_discards_its_copy_unless_kept(real: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        cli_inproc) -> None:  # type: ignore[no-untyped-def]
    import golive.cockpit

    seen: list[tuple[Path, bool, Any]] = []

    def fake_cockpit(store: Store, actor: str, lang: str | None = None) -> int:
        seen.append((store.path, store.rehearsal, store.clock))
        assert store.path.exists()
        store.close()
        return 0

    monkeypatch.setattr(golive.cockpit, "run_cockpit", fake_cockpit)
    before = fingerprint(real)
    r = cli_inproc("rehearse", "--db", str(real), "--from", "T-25h", "--speed", "3600")
    assert r.code == 0, r.err
    assert r.out.startswith("Probe verworfen")
    path, rehearsal, clock = seen[-1]
    assert rehearsal and isinstance(clock, RehearsalClock) and clock.speed == 3600
    assert clock.start == at("2026-03-05T09:00")
    assert not path.exists() and path.parent == real.parent
    kept = tmp_path / "kept.sqlite"
    r = cli_inproc("rehearse", "--db", str(real), "--keep", str(kept))
    assert r.code == 0, r.err
    assert kept.exists() and len(events_in(kept)) == 3  # the real file's events, copied
    r = cli_inproc("rehearse", "--db", str(real), "--keep", str(kept))
    assert r.code == 2 and "existiert schon" in r.err
    r = cli_inproc("rehearse", "--db", str(real), NOW)
    assert r.code == 2 and r.err == "golive: rehearse startet seine Uhr mit --from, nicht mit " \
        "--now\n"
    r = cli_inproc("rehearse", "--db", str(real), "--from", "T-25x")
    assert r.code == 2 and r.err.startswith("golive: --from 'T-25x': einen Abstand zu T-0")
    assert fingerprint(real) == before
    assert sorted(p.name for p in real.parent.iterdir()) == ["golive.sqlite", "kept.sqlite"]
    # no real file yet: a fresh rehearsal from the plan, and still no real file
    r = cli_inproc("rehearse", "--db", "none.sqlite", "--keep", "fresh.sqlite")
    assert r.code == 0 and len(events_in(tmp_path / "fresh.sqlite")) == 1
    assert not (tmp_path / "none.sqlite").exists()


async def test_rehearsal_from_t_minus_25h_at_speed_3600_passes_every_checkpoint(
        real: Path, tmp_path: Path) -> None:
    """An hour of go-live day per second, driven by a fake seconds source: every checkpoint
    is announced as PROBE, writes land in the copy, the real file is untouched."""
    before = fingerprint(real)
    start = at("2026-03-05T09:00")
    store = make_rehearsal(tmp_path / "probe.sqlite", PLAN, start, "rm", real)
    seconds = [0.0]
    store.clock = RehearsalClock(start, 3600, source=lambda: seconds[0])
    app: GoliveApp = make_app(store, "rm", bell_on_checkpoint=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        header = str(app.screen.query_one(HeaderBar).content)
        banner = str(app.screen.query_one(VerdictBanner).content)
        assert "PROBE" in header and banner.startswith(" PROBE ")
        assert app.title.endswith("PROBE")
        for hour in range(1, 51):  # T-24h, T-1h, T-0, T+24h all pass
            seconds[0] = float(hour)
            app.tick()
        await pilot.pause()
        announced = [str(n.message) for n in app._notifications]
        for label in ("T-24h", "T-1h", "T-0", "T+24h"):
            assert any(m.startswith("PROBE · ") and label in m for m in announced), announced
        assert all(m.startswith("PROBE · ") for m in announced)
        assert app.board is not None and all(m.reached for m in app.board.milestones)
        await pilot.press("n")
        for ch in "probe":
            await pilot.press(ch)
        await pilot.press("enter")
        await pilot.pause()
    last = list(store.events())[-1]
    assert (last.kind, last.payload["text"]) == ("note", "probe")
    assert last.instant == pendulum.instance(start).add(hours=50)
    store.close()
    assert fingerprint(real) == before


async def test_real_file_opened_with_now_is_view_only(real: Path) -> None:
    """It opens as the read-only view does (the header says so, the keys that write are
    not offered), instead of looking writable until a key is refused."""
    store = Store.open(real, FixedClock(at("2026-03-05T10:00")))
    before = events_in(real)
    async with open_cockpit(store, "rm") as (app, pilot):
        header = str(app.screen.query_one(HeaderBar).content)
        assert "PROBE" not in header and "NUR LESEN" in header
        shown = {b.binding.action for b in app.screen.active_bindings.values()}
        assert not shown & {"toggle_item", "note", "decide", "staging", "edit_contact"}
        assert any("nur ansehen" in str(n.message) for n in app._notifications)
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)  # no form that could only fail
        messages = [str(n.message) for n in app._notifications]
    store.close()
    assert any("Nur-Lesen-Ansicht" in m for m in messages)
    assert events_in(real) == before


def test_watch_on_a_rehearsal_shows_the_rehearsals_time_not_the_wall_clock(
        cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`golive watch` of a rehearsal at T-1h said T+275d (the wall clock): its time is its
    log's, as far as the log goes; `--now` still picks another instant."""
    import shutil
    import subprocess
    import sys
    import time
    import uuid

    if shutil.which("tmux") is None:
        pytest.skip("needs tmux")
    db = tmp_path / "r.sqlite"
    assert cli("init", "--db", str(db), "--now", "2026-03-06T08:00").code == 0
    assert cli("note", "Probe läuft", "--db", str(db), "--now", "2026-03-06T09:00").code == 0
    socket = f"golive-test-{uuid.uuid4().hex[:8]}"

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True,
                              text=True, timeout=10).stdout

    subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x",
                    "120", "-y", "40", f"{sys.executable} -m golive watch --db {db}; sleep 5"],
                   check=True, timeout=10)
    try:
        deadline = time.monotonic() + 20
        # the header's clock is drawn a moment after the panels: wait for the whole frame
        while "Freigaben" not in (screen := tmux("capture-pane", "-p")) \
                or "09:00 CET" not in screen.splitlines()[0]:
            assert time.monotonic() < deadline, screen
            time.sleep(0.1)
    finally:
        tmux("kill-server")
    header = screen.splitlines()[0]
    # to the minute: the countdown panel shows the seconds
    assert "T-01:00 " in header and "06.03." in header and "09:00 CET" in header, header
    assert "NUR LESEN" in header
