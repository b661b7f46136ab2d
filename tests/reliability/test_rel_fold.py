"""Issue 21, A–E: only the fold of the log is shown or acted on. Each attack is made as a
writer of the file would make it (plain sqlite3, golive's own hash functions), then met
with the commands a user would run first."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from golive.data.changes.commands import Approve, Note, Revoke
from golive.data.log.chain import backwards
from golive.data.log.dbfile import StoreError
from golive.data.log.eventlog import read_state, state_digest
from golive.data.log.events import event_hash
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, RealClock, parse_instant

from support.pilot import open_cockpit
from support.records import new_store
from support.scenarios import build
from support.waiting import until

NOW = "2026-03-06T09:30:00+01:00"
DROP = ("DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; "
        "DROP TRIGGER events_append_only;")


def _append(path: Path, at: str, payload: dict[str, object], kind: str = "note") -> int:
    """One event that continues the chain correctly (triggers untouched)."""
    conn = sqlite3.connect(path)
    seq, prev = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"
                             ).fetchone()
    digest = event_hash(prev, seq + 1, at, "mallory", kind, "", payload)
    conn.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (seq + 1, at, "mallory", kind, "", json.dumps(payload), prev, digest))
    conn.commit()
    conn.close()
    return int(seq + 1)


def _forge_ready(path: Path, tmp_path: Path) -> int:
    """Attack A: a ready state copied from another golive file, behind one valid link
    whose recorded digest is that state's."""
    donor = build("after-go-t+5m", tmp_path / "donor.sqlite")
    rows = donor.conn.execute("SELECT key, value, seq FROM state WHERE key != 'decision'"
                              ).fetchall()
    donor.close()
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM state")
    conn.executemany("INSERT INTO state VALUES (?, ?, ?)", rows)
    conn.commit()
    forged = read_state(conn)
    at = conn.execute("SELECT max(at) FROM events").fetchone()[0]
    conn.close()
    seq = _append(path, at, {"text": "ok", "state_digest": state_digest(forged)})
    conn = sqlite3.connect(path)
    conn.execute("UPDATE state SET value = ? WHERE key = 'notes'", (str(forged.notes),))
    conn.commit()
    conn.close()
    return seq


@pytest.mark.parametrize("seen_before", [True, False])
def test_a_forged_state_behind_a_valid_link_is_refused_everywhere(
        cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seen_before: bool) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "g.sqlite"
    assert cli("init", "--db", str(db), "--now", "2026-03-06T09:00:00+01:00").code == 0
    assert cli("note", "Statuscall", "--db", str(db), "--now", NOW).code == 0
    if not seen_before:
        monkeypatch.setenv("GOLIVE_STATE_DIR", str(tmp_path / "stranger"))
    forged = _forge_ready(db, tmp_path)
    for args in (["status"], ["status", "--json"], ["status", "--at", NOW], ["approval-doc"],
                 ["decide", "go", "--by", "Mallory Moe"], ["export"], ["note", "hi"]):
        result = cli(*args, "--db", str(db), "--now", NOW)
        assert result.code == 2, (args, result)
        assert "GO-READY" not in result.out and len(result.err.splitlines()) == 1, result
        assert "nicht unversehrt" in result.err or "nicht, was das Log sagt" in result.err
    verify = cli("verify", "--db", str(db))
    assert verify.code == 1 and f"Ereignis {forged}:" in verify.err, verify
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == forged
    assert not list(tmp_path.glob("retro*/*")) and not list(tmp_path.glob("golive-*"))


def test_verify_names_the_first_forged_link_not_the_last(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "g.sqlite"
    assert cli("init", "--db", str(db), "--now", "2026-03-06T09:00:00+01:00").code == 0
    forged = _forge_ready(db, tmp_path)
    conn = sqlite3.connect(db)
    state = read_state(conn)
    at = conn.execute("SELECT max(at) FROM events").fetchone()[0]
    conn.close()
    state.notes += 1
    later = _append(db, at, {"text": "noch eine", "state_digest": state_digest(state)})
    assert later == forged + 1
    verify = cli("verify", "--db", str(db))
    assert verify.code == 1 and f"Ereignis {forged}:" in verify.err, verify
    assert f"Ereignis {later}" not in verify.err


def test_acknowledged_writes_lost_with_the_wal_are_named(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Attack B: three acknowledged notes, then the -wal emptied under the open file."""
    db = tmp_path / "g.sqlite"
    store = Store.create(db, load_default_plan(), RealClock(), "rm")
    store.conn.execute("PRAGMA wal_autocheckpoint = 0")  # keep the notes in the -wal
    for n in range(3):
        store.apply(Note(f"bestätigt {n}"), "rm")
    os.truncate(f"{db}-wal", 0)
    store.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 1
    for args in (["status"], ["note", "danach"]):
        result = cli(*args, "--db", str(db))
        assert result.code == 2 and "bestätigte Einträge fehlen" in result.err, result
    verify = cli("verify", "--db", str(db))
    assert verify.code == 1 and "schon Ereignis 4 gesehen" in verify.err, verify
    # taking the file as it is must be said out loud, and is then remembered
    accepted = cli("verify", "--accept", "--db", str(db))
    assert accepted.code == 0, accepted
    assert cli("status", "--db", str(db)).code == 1


def test_an_older_copy_put_in_place_is_named(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "g.sqlite"
    assert cli("init", "--db", str(db)).code == 0
    assert cli("note", "eins", "--db", str(db)).code == 0
    copy = (tmp_path / "copy.sqlite")
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    assert cli("note", "zwei", "--db", str(db)).code == 0
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    copy.replace(db)
    result = cli("status", "--db", str(db))
    assert result.code == 2 and "Ereignis 2" in result.err and "3" in result.err, result


def test_a_backdated_link_in_a_real_file_is_named(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Attack C: a valid link whose time lies months before the events before it."""
    db = tmp_path / "g.sqlite"
    store = Store.create(db, load_default_plan(), RealClock(), "rm")
    store.apply(Note("jetzt"), "rm")
    state = read_state(store.conn)
    store.close()
    state.notes += 1
    seq = _append(db, "2025-11-05T08:00:00.000000Z",
                  {"text": "rückdatiert", "state_digest": state_digest(state)})
    conn = sqlite3.connect(db)
    conn.execute("UPDATE state SET value = ? WHERE key = 'notes'", (str(state.notes),))
    conn.commit()
    conn.close()
    for seen in ("known", "stranger"):
        monkeypatch.setenv("GOLIVE_STATE_DIR", str(tmp_path / seen))
        result = cli("status", "--db", str(db))
        assert result.code == 2 and f"Ereignis {seq}" in result.err, result
    verify = cli("verify", "--db", str(db))
    assert verify.code == 1 and f"Ereignis {seq}: seine Zeit" in verify.err, verify


def test_a_clock_behind_the_log_is_tolerated_within_minutes_only() -> None:
    latest = "2026-03-06T09:00:00.000000Z"
    assert not backwards("2026-03-06T08:58:00.000000Z", latest)  # NTP-sized step
    assert backwards("2026-03-06T08:50:00.000000Z", latest)
    assert not backwards("2026-03-06T09:00:01.000000Z", latest)


def test_a_swapped_or_extra_index_is_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Attack D: a partial index that leaves out the revocation."""
    path = tmp_path / "g.sqlite"
    store = new_store(path, load_default_plan())
    store.apply(Approve("approval.sre", "Sven Stahl"), "rm")
    store.apply(Revoke("approval.sre", "zu früh"), "rm")
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE INDEX events_board_at2 ON events(at) WHERE kind NOT IN "
                 "('note', 'revoke')")
    conn.commit()
    conn.close()
    for args in (["status"], ["status", "--at", "2026-03-05T11:00:00+01:00"]):
        result = cli(*args, "--db", str(path), "--now", "2026-03-05T11:00:00+01:00")
        assert result.code == 2 and "events_board_at2" in result.err, result
    assert cli("verify", "--db", str(path)).code == 1


def test_an_index_that_leaves_out_an_event_is_caught_by_status_at(tmp_path: Path) -> None:
    """Attack D without a trace in the schema: the derived index rebuilt (writable_schema
    style, here by dropping and re-creating it with another WHERE under golive's SQL
    text) to leave out the revocation."""
    path = tmp_path / "g.sqlite"
    store = new_store(path, load_default_plan(), now="2026-03-05T10:00:00")
    store.apply(Approve("approval.sre", "Sven Stahl"), "rm")
    store.apply(Revoke("approval.sre", "zu früh"), "rm")
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX events_board_at")
    conn.execute("CREATE INDEX events_board_at ON events(at) WHERE kind NOT IN "
                 "('note', 'revoke')")
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'events_board_at'",
                 ("CREATE INDEX events_board_at ON events(at) WHERE kind != 'note'",))
    conn.execute(f"PRAGMA schema_version = {version + 1}")
    conn.commit()
    conn.close()

    reader = Store.open(path, FixedClock(parse_instant("2026-03-05T11:00:00", "Europe/Berlin")))
    try:
        with pytest.raises(StoreError, match="index"):
            reader.board_at(parse_instant("2026-03-05T11:00:00", "Europe/Berlin"))
    finally:
        reader.close()


@pytest.mark.parametrize("seen_before", [True, False])
def test_a_plan_edited_in_event_one_is_refused(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch,
                                               seen_before: bool) -> None:
    """Attack E: the Security sign-off taken out of the plan, triggers put back."""
    db = tmp_path / "g.sqlite"
    now = "2026-03-05T10:00:00+01:00"
    assert cli("init", "--db", str(db), "--now", now).code == 0
    assert cli("reject", "approval.security", "--by", "Sina Sommer", "--reason", "offen",
               "--db", str(db), "--now", now).code == 0
    if not seen_before:
        monkeypatch.setenv("GOLIVE_STATE_DIR", str(tmp_path / "stranger"))
    conn = sqlite3.connect(db)
    sql = {name: s for name, s in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
    payload = json.loads(conn.execute("SELECT payload FROM events WHERE seq = 1").fetchone()[0])
    assert "approval.security" in payload["plan"] or "security" in payload["plan"]
    payload["plan"] = payload["plan"].replace('"Security"', '"Sicherheit"')
    conn.executescript(DROP)
    conn.execute("UPDATE events SET payload = ? WHERE seq = 1",
                 (json.dumps(payload, ensure_ascii=False),))
    for statement in sql.values():
        conn.execute(statement)
    conn.commit()
    conn.close()
    for args in (["status"], ["decide", "go", "--by", "Mallory Moe"], ["export"]):
        result = cli(*args, "--db", str(db), "--now", now)
        assert result.code == 2 and "Ereignis 1" in result.err, (args, result)
    assert cli("verify", "--db", str(db)).code == 1


async def test_the_cockpit_writes_nothing_once_its_chain_check_fails(tmp_path: Path) -> None:
    """Damage before the head this reader proved is not walked by its reads: the whole-chain
    check in the background finds it, and from then on no key writes."""
    from golive.cockpit import make_app
    from golive.not_intact import NotIntactScreen

    from support.pilot import notes

    path = tmp_path / "g.sqlite"
    store = new_store(path, load_default_plan())
    store.apply(Note("eins"), "rm")
    store.apply(Note("zwei"), "rm")
    store.close()
    conn = sqlite3.connect(path)
    sql = [s for (s,) in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")]
    conn.executescript(DROP)
    conn.execute("""UPDATE events SET payload = replace(payload, 'eins', 'EINS') WHERE seq = 2""")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()
    store = Store.open(path, store.clock)
    app = make_app(store, "rm", verify_after=0.01)
    async with app.run_test(size=(120, 40)) as pilot:
        # the check runs in a niced child process: on a loaded machine it takes seconds
        assert await until(pilot, lambda: isinstance(app.screen, NotIntactScreen))
        assert isinstance(app.screen, NotIntactScreen) and "Ereignis 2" in app.screen.why
        assert app.write(Note("danach")) is not None
        await pilot.pause()
        assert any("Ereignis 2" in n for n in notes(app))  # the refused write says why
        app.poll()  # the file reads fine from the proven head: the screen stays
        await pilot.pause()
        assert isinstance(app.screen, NotIntactScreen)
    store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 3


def test_the_evidence_of_a_damaged_file_is_a_whole_copy_and_the_findings(tmp_path: Path
                                                                         ) -> None:
    import stat

    from golive.data.log.evidence import save_evidence

    path = tmp_path / "g.sqlite"
    store = new_store(path, load_default_plan())
    store.apply(Note("eins"), "rm")  # still in the -wal: the copy must hold it
    copy = save_evidence(path, ["Ereignis 2: verändert"])
    store.close()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 2
    report = copy.with_suffix(".txt")
    assert report.read_text(encoding="utf-8").splitlines() == [str(path),
                                                               "Ereignis 2: verändert"]
    assert {stat.S_IMODE(p.stat().st_mode) for p in (copy, report)} == {0o600}
    assert not [p for p in copy.parent.iterdir() if p.name.startswith(".")]


def test_an_anchor_kept_elsewhere_catches_an_older_copy_and_a_rewrite(cli, tmp_path: Path  # type: ignore[no-untyped-def]
                                                                      ) -> None:
    """issue 18 part 4: the head from a status update or an export, checked later by
    someone who never saw the file (no remembered head to help)."""
    db = tmp_path / "g.sqlite"
    assert cli("init", "--db", str(db)).code == 0
    assert cli("note", "eins", "--db", str(db)).code == 0
    copy = tmp_path / "old.sqlite"
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    assert cli("note", "zwei", "--db", str(db)).code == 0
    with sqlite3.connect(db) as conn:
        anchor = conn.execute("SELECT hash FROM events ORDER BY seq DESC").fetchone()[0]
    ok = cli("verify", "--anchor", anchor[:16], "--db", str(db))
    assert ok.code == 0 and f"Anker {anchor[:12]}" in ok.out, ok
    older = cli("verify", "--anchor", anchor[:16], "--db", str(copy))
    assert older.code == 1 and "setzt den Anker" in older.err, older
    bad = cli("verify", "--anchor", "nicht-hex", "--db", str(db))
    assert bad.code == 1 and "kein Kopf-Hash" in bad.err, bad


async def test_a_rehearsals_evidence_says_probe(tmp_path: Path) -> None:
    """x on the red screen of a rehearsal: the copy's name and the findings' first line
    say PROBE, as everything that leaves golive from a rehearsal does."""
    from golive.not_intact import NotIntactScreen

    path = tmp_path / "g.sqlite"
    new_store(path, load_default_plan()).close()  # a rehearsal (fixed clock)
    conn = sqlite3.connect(path)
    conn.execute("INSERT OR REPLACE INTO state VALUES ('notes', '7', 1)")  # forged
    conn.commit()
    conn.close()
    store = Store.open(path, FixedClock(parse_instant("2026-03-05T10:00", "Europe/Berlin")))
    async with open_cockpit(store, "rm") as (app, pilot):
        assert isinstance(app.screen, NotIntactScreen)
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
    store.close()
    (copy,) = (tmp_path / "retro").glob("*.sqlite")
    assert copy.name.startswith("golive-PROBE-evidence-")
    report = copy.with_suffix(".txt").read_text(encoding="utf-8").splitlines()
    assert report[0] == "PROBE – keine echte Go-Live-Datei; nichts hier zählt"
    assert report[1] == str(path)
