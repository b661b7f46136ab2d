"""Issue 18, part 3: sign-offs, the GO and a rollback signed with the people's own SSH keys
through the real `ssh-keygen -Y sign/verify` (keys made here with `ssh-keygen -t ed25519`).

The "done when" day: the default plan with a roster of six people with keys, every
sign-off and the GO signed, `verify` green. Then each forgery a writer of the file could
make (the chain recomputed with golive's own functions, read on a machine that has never
seen the file) is named by `verify` and never counted; and each bad signature offered to
golive is refused in one line with nothing written."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from golive.data.log.eventlog import EVENT_COLUMNS, insert_event, meaningful, state_digest
from golive.data.log.events import GENESIS, Event
from golive.data.log.fold import State, apply_event
from golive.data.log.schema import create_schema
from golive.data.plan.source import default_plan_text

from support.scenarios import SIGNERS

# keys and a signed day made once: the module stays on one xdist worker
pytestmark = pytest.mark.xdist_group("signatures")

NOW = "2026-03-06T09:30:00+01:00"
DECIDER = SIGNERS["approval.business"]  # Birgit Brandt: a sign-off and the decision
CONTACTS = [
    ["contact.status-channel", "--channel", "#ltc-status"],
    ["contact.incident-channel", "--channel", "#ltc-incident"],
    ["contact.primary-on-call", "--name", "Anna Berg", "--phone", "030 2938475"],
    ["contact.backup-on-call", "--name", "Ben Kurz", "--phone", "+49 170 2938475"],
    ["contact.rollback-decider", "--name", "Sven Reuter", "--phone", "0171 2938475"],
]
GATES = ("gate.rc-frozen", "gate.central-gates", "gate.monitoring", "gate.rollback-owner",
         "gate.channels")


def keygen(path: Path, comment: str) -> Path:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f",
                    str(path)], check=True)
    return path


def ssh_sign(key: Path, statement: str, namespace: str = "golive@signoff") -> str:
    """What the signer runs on their own laptop."""
    proc = subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-n", namespace, "-f", str(key)],
                          input=statement.encode(), capture_output=True, check=True)
    return proc.stdout.decode()


def roster_toml(keys: dict[str, Path], extra: str = "") -> str:
    out = default_plan_text() + "\n[roster]\nrequire_signatures = true\n" + extra
    for item_id, name in SIGNERS.items():
        roles = '["decision"]' if name == DECIDER else "[]"
        key = keys[name].with_suffix(".pub").read_text().strip()
        out += (f'\n[[people]]\nname = "{name}"\nemail = "{name.split()[0].lower()}@example.com"'
                f'\nsignoffs = ["{item_id}"]\nroles = {roles}\nkey = "{key}"\n')
    return out


def events_of(db: Path) -> list[Event]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq").fetchall()
    return [Event.from_row(row) for row in rows]


def rewrite(db: Path, edit: Callable[[list[Event]], list[Event]]) -> None:
    """What anyone with write access can do: the events edited, then every hash, state
    digest and the state table recomputed with golive's own functions, as a new file put
    in the old one's place."""
    events = edit(events_of(db))
    forged = db.with_name(db.name + ".forged")
    out = sqlite3.connect(forged)
    create_schema(out)
    state, prev, changed = State(), GENESIS, {}
    for seq, event in enumerate(events, 1):
        for key in apply_event(state, replace(event, seq=seq)):
            changed[key] = seq
        prev = insert_event(out, seq, event.at, event.actor, event.kind, event.target,
                            event.payload, prev, state_digest(state)).hash
    out.executemany("INSERT INTO state VALUES (?, ?, ?)",
                    [(k, json.dumps(v, ensure_ascii=False), changed.get(k, 1))
                     for k, v in meaningful(state.records()).items()])
    out.commit()
    out.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.replace(forged, db)


def with_signature(events: list[Event], target: str, **changes: Any) -> list[Event]:
    """The events with the signature part of `target`'s approval (or "decide") changed."""
    out = []
    for e in events:
        if e.kind in ("approve", "decide") and (e.target or "decide") == target \
                and "signature" in e.payload:
            e = replace(e, payload={**e.payload, "signature": {**e.payload["signature"],
                                                               **changes}})
        out.append(e)
    return out


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("keys")
    made = {name: keygen(folder / name.split()[0].lower(), name) for name in SIGNERS.values()}
    made["Mallory"] = keygen(folder / "mallory", "mallory@elsewhere")
    return made


@pytest.fixture(scope="module")
def signed_day(tmp_path_factory: pytest.TempPathFactory, keys: dict[str, Path]) -> Path:
    """The "done when" day: every sign-off and the GO signed with the people's own keys.
    Made with the real `golive` (one process per command, as people would)."""
    folder = tmp_path_factory.mktemp("day")
    plan = folder / "plan.toml"
    plan.write_text(roster_toml(keys), "utf-8")
    db = folder / "day.sqlite"
    env = {**os.environ, "GOLIVE_STATE_DIR": str(folder / "seen")}

    def golive(*args: str) -> None:
        proc = subprocess.run([sys.executable, "-m", "golive", *args, "--db", str(db), "--now",
                               NOW], env=env,
                              capture_output=True, text=True, cwd=folder)
        assert proc.returncode == 0, (args, proc.stderr)

    golive("init", "--plan", str(plan))
    golive("staging-stable-since", "2026-03-05T08:00")
    for args in CONTACTS:
        golive("contact", *args)
    for item_id, name in SIGNERS.items():
        golive("approve", item_id, "--by", name, "--sign", str(keys[name]))
    for gate in GATES:
        golive("gate", gate, "green")
    golive("decide", "go", "--by", DECIDER, "--reason", "alles grün", "--sign", str(keys[DECIDER]))
    return db


@pytest.fixture
def day(signed_day: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the signed day, read by someone who has never seen it (an auditor)."""
    db = tmp_path / "copy.sqlite"
    src, dst = sqlite3.connect(signed_day), sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    monkeypatch.setenv("GOLIVE_STATE_DIR", str(tmp_path / "auditor"))
    yield db


def run(cli, db: Path, *args: str, **kw: Any):  # type: ignore[no-untyped-def]
    return cli(*args, "--db", str(db), "--now", kw.pop("now", NOW), **kw)


def status(cli, db: Path, **kw: Any) -> tuple[int, dict[str, Any]]:  # type: ignore[no-untyped-def]
    r = run(cli, db, "status", "--json", **kw)
    assert r.out, r.err
    return r.code, json.loads(r.out)


def nothing_written(db: Path, before: list[Event], result: Any) -> None:
    assert result.code == 2, result
    assert result.err.startswith("golive: ") and result.err.count("\n") == 1, result.err
    assert [e.hash for e in events_of(db)] == [e.hash for e in before]


# --- the day as it should be -------------------------------------------------------------------


def test_the_signed_day_verifies_green_and_shows_every_signature(cli, day: Path,
                                                                 tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    verify = cli("verify", "--db", str(day))
    assert verify.code == 0, verify.err
    assert "Unterschriften: 7 gültig, geprüft mit den Schlüsseln im Plan der Datei" in verify.out
    code, board = status(cli, day)
    assert code == 3 and board["verdict"] == "GO" and board["blockers"] == []  # a rehearsal
    signoffs = [i for i in board["items"] if i["section"] == "signoff"]
    assert all(re.fullmatch(r"ED25519 SHA256:[A-Za-z0-9+/]{43}", i["signed"]) for i in signoffs)
    assert all(i["void"] is None for i in signoffs)
    assert board["decision"]["state"] == "valid" and board["decision"]["signed"]
    doc = run(cli, day, "approval-doc").out
    assert doc.count("✍ unterschrieben (ED25519 SHA256:") == 6, doc  # 5 boxes, the GO
    assert "getippt" not in doc


def test_an_auditor_checks_a_sign_off_from_the_export_with_ssh_keygen_alone(
        cli, day: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    out.mkdir()
    export = json.loads(Path(run(cli, day, "export", "--format", "json", "--out", str(out)
                                 ).out.strip()).read_text("utf-8"))
    sigs = export["signatures"]
    (tmp_path / "allowed_signers").write_text("\n".join(sigs["allowed_signers"]) + "\n")
    assert [s["valid"] for s in sigs["signed"]] == [True] * 7
    for s in (sigs["signed"][0], sigs["signed"][-1]):  # a sign-off and the GO
        (tmp_path / "sig.txt").write_text(s["signature"] + "\n")
        check = subprocess.run(
            ["ssh-keygen", "-Y", "verify", "-f", "allowed_signers", "-I",
             s["principal"].strip('"'), "-n", sigs["namespace"], "-s", "sig.txt"],
            input=s["statement"].encode(), capture_output=True, cwd=tmp_path)
        assert check.returncode == 0 and b"Good" in check.stdout, check
        forged = s["statement"].replace("approval.", "approval.x") if s["kind"] == "approve" \
            else s["statement"].replace('"go"', '"no-go"')
        check = subprocess.run(
            ["ssh-keygen", "-Y", "verify", "-f", "allowed_signers", "-I",
             s["principal"].strip('"'), "-n", sigs["namespace"], "-s", "sig.txt"],
            input=forged.encode(), capture_output=True, cwd=tmp_path)
        assert check.returncode != 0
    md = Path(run(cli, day, "export", "--out", str(out)).out.strip()).read_text("utf-8")
    assert "## Unterschriften" in md and "ssh-keygen -Y verify -f allowed_signers" in md


# --- forgeries: named by verify, never counted -------------------------------------------------


def _flip(text: str) -> str:
    """One character of the signature's last base64 line (the signature bytes) changed."""
    lines = text.split("\n")
    last = lines[-2]
    lines[-2] = last[:5] + ("A" if last[5] != "A" else "B") + last[6:]
    return "\n".join(lines)


def _resigned(keys: dict[str, Path], statement_of: Callable[[str], str], signer: str,
              namespace: str = "golive@signoff") -> Callable[[list[Event]], list[Event]]:
    """Replace the product approval's signature by one made with `signer`'s real key over
    another statement (a replay) or in another namespace."""
    from golive.data.signing.ssh_sig import parse_signature

    def edit(events: list[Event]) -> list[Event]:
        product = next(e for e in events if e.kind == "approve"
                       and e.target == "approval.product")
        armored = ssh_sign(keys[signer], statement_of(product.payload["signature"]["instant"]),
                           namespace)
        key = parse_signature(armored).key.fingerprint
        return with_signature(events, "approval.product", sig=armored, key=key)
    return edit


def _statement(item: str = "approval.product", release: str = "rc-2026-03-01",
               person: str = "Paul Roth") -> Callable[[str], str]:
    def make(instant: str) -> str:
        from golive.data.plan.source import default_plan_text as text

        digest = __import__("hashlib").sha256(text().encode()).hexdigest()  # not this plan
        return (f'golive signed statement 1\nproduct: "LifeTimeCircle"\nrelease: "{release}"\n'
                f'plan: "sha256:{digest}"\nitem: "{item}"\ndecision: "approve"\n'
                f'person: "{person}"\ninstant: "{instant}"\n')
    return make


def _this_plans_statement(db: Path, item: str, release: str) -> Callable[[str], str]:
    """A statement under this file's plan, for another item or release."""
    from golive.data.log.eventlog import stored_plan
    from golive.data.signing.statement import statement

    with sqlite3.connect(db) as conn:
        plan, _ = stored_plan(conn, db)

    def make(instant: str) -> str:
        return replace(statement(plan, item, "approve", "Paul Roth", instant),
                       release=release).text()
    return make


def _rewrite_under_go(events: list[Event]) -> list[Event]:
    """A gate's note before the GO changed, everything after it recomputed."""
    return [replace(e, payload={**e.payload, "note": "n/a"})
            if e.kind == "gate" and e.target == "gate.monitoring" else e for e in events]


ATTACKS: dict[str, tuple[Callable[..., Callable[[list[Event]], list[Event]]], str, str]] = {
    "changed-signature-byte": (
        lambda keys, db: lambda ev: with_signature(ev, "approval.product", sig=_flip(next(
            e for e in ev if e.target == "approval.product").payload["signature"]["sig"])),
        "approval.product", "die Signatur passt nicht zur Erklärung"),
    "changed-statement-byte": (
        lambda keys, db: lambda ev: with_signature(
            ev, "approval.product", instant="2026-03-06T08:30:01Z"),
        "approval.product", "die Signatur passt nicht zur Erklärung"),
    "key-not-in-roster": (
        lambda keys, db: _resigned(keys, _this_plans_statement(db, "approval.product",
                                                               "rc-2026-03-01"), "Mallory"),
        "approval.product", "das ist nicht der von Paul Roth"),
    "wrong-namespace": (
        lambda keys, db: _resigned(keys, _this_plans_statement(db, "approval.product",
                                                               "rc-2026-03-01"),
                                   "Paul Roth", namespace="file"),
        "approval.product", "für 'file' unterschrieben, nicht für golive"),
    "replayed-from-another-item": (
        lambda keys, db: _resigned(keys, _this_plans_statement(db, "approval.security",
                                                               "rc-2026-03-01"), "Paul Roth"),
        "approval.product", "die Signatur passt nicht zur Erklärung"),
    "replayed-from-another-release": (
        lambda keys, db: _resigned(keys, _this_plans_statement(db, "approval.product",
                                                               "rc-2026-02-01"), "Paul Roth"),
        "approval.product", "die Signatur passt nicht zur Erklärung"),
    "replayed-under-another-plan": (
        lambda keys, db: _resigned(keys, _statement(), "Paul Roth"),
        "approval.product", "die Signatur passt nicht zur Erklärung"),
    "rewritten-chain-under-the-go": (
        lambda keys, db: _rewrite_under_go, "decide",
        "die Geschichte unter dem GO wurde umgeschrieben"),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_each_forgery_is_named_by_verify_and_never_counted(cli, day: Path, keys, attack: str
                                                           ) -> None:  # type: ignore[no-untyped-def]
    make, target, words = ATTACKS[attack]
    rewrite(day, make(keys, day))
    forged = next(e for e in events_of(day) if (e.target or e.kind) == target
                  and "signature" in e.payload)
    go = next(e for e in events_of(day) if e.kind == "decide")
    verify = cli("verify", "--db", str(day))
    assert verify.code == 1, verify
    lines = verify.err.strip().splitlines()
    assert f"Ereignis {forged.seq} (" in lines[0] and words in lines[0], lines
    # and the signed GO commits to everything before it: any rewrite there is named too
    assert len(lines) == (1 if forged.seq == go.seq else 2), lines
    assert f"Ereignis {go.seq} (decide go von {DECIDER}): " in lines[-1], lines
    assert "die Geschichte unter dem GO wurde umgeschrieben" in lines[-1], lines
    code, board = status(cli, day)
    assert code == 4 and board["verdict"] == "GO überholt"  # what it stood on does not count
    if target == "decide":
        assert board["decision"]["state"] == "superseded"
        assert "GO zählt nicht (Unterschrift ungültig: " in board["decision"]["superseded_by"]
    else:
        item = next(i for i in board["items"] if i["id"] == target)
        assert item["void"].startswith("Unterschrift ungültig: "), item
        assert any(b.startswith("Produkt: Freigabe zählt nicht (Unterschrift ungültig")
                   for b in (x["text"] for x in board["blockers"])), board["blockers"]
    # and nothing is decided or deployed on it
    assert run(cli, day, "deploy", "started").code == 2


def _resigned_event(event: Event, key: Path, text: str) -> Event:
    from golive.data.signing.ssh_sig import parse_signature

    armored = ssh_sign(key, text)
    return replace(event, payload={**event.payload, "signature": {
        **event.payload["signature"], "sig": armored,
        "key": parse_signature(armored).key.fingerprint}})


def test_a_roster_swapped_in_the_file_passes_its_own_keys_but_not_the_auditors(
        cli, day: Path, keys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The file's plan is only as trustworthy as the file: Mallory puts keys of her own in
    the roster and signs every sign-off and the GO anew. The file then vouches for itself;
    an allowed_signers file the auditor keeps (git-style, by e-mail) names every one."""
    from golive.data.plan.source import parse_plan
    from golive.data.signing.statement import statement

    def pub(key: Path) -> str:
        return key.with_suffix(".pub").read_text().strip()

    forged = {name: keygen(tmp_path / f"m{n}", "mallory") for n, name in
              enumerate(SIGNERS.values())}
    plan_text = events_of(day)[0].payload["plan"]
    for name in SIGNERS.values():
        plan_text = plan_text.replace(pub(keys[name]), pub(forged[name]))
    plan = parse_plan(plan_text, "forged")

    def swap_and_resign_signoffs(events: list[Event]) -> list[Event]:
        out = [replace(events[0], payload={**events[0].payload, "plan": plan_text})]
        for e in events[1:]:
            if e.kind == "approve" and "signature" in e.payload:
                by, instant = e.payload["by"], e.payload["signature"]["instant"]
                e = _resigned_event(e, forged[by], statement(plan, e.target, "approve", by,
                                                             instant).text())
            out.append(e)
        return out

    def resign_go(events: list[Event]) -> list[Event]:
        out = []
        for e in events:
            if e.kind == "decide":
                part = e.payload["signature"]
                head = f"{e.seq - 1}:{e.prev_hash}"
                e = replace(e, payload={**e.payload, "signature": {**part, "head": head}})
                e = _resigned_event(e, forged[DECIDER], statement(
                    plan, "decision", "go", DECIDER, part["instant"], head=head,
                    reason=e.payload["reason"]).text())
            out.append(e)
        return out

    allowed = tmp_path / "allowed_signers"
    allowed.write_text("".join(
        f"{name.split()[0].lower()}@example.com {keys[name].with_suffix('.pub').read_text()}"
        for name in SIGNERS.values()))
    assert cli("verify", "--db", str(day), "--allowed-signers", str(allowed)).code == 0
    rewrite(day, swap_and_resign_signoffs)
    rewrite(day, resign_go)  # the GO's head is only known once the rest is rewritten
    # (this machine saw the file before and would say it was replaced: read elsewhere)
    elsewhere = {"GOLIVE_STATE_DIR": str(tmp_path / "elsewhere")}
    mine = cli("verify", "--db", str(day), env=elsewhere)
    assert mine.code == 0 and "Unterschriften: 7 gültig" in mine.out, mine  # it vouches for itself
    verify = cli("verify", "--db", str(day), "--allowed-signers", str(allowed), env=elsewhere)
    assert verify.code == 1
    lines = verify.err.strip().splitlines()
    assert len(lines) == 7, lines
    assert all(f"steht in {allowed} nicht für " in line for line in lines), lines
    missing = cli("verify", "--db", str(day), "--allowed-signers", str(tmp_path / "nope"))
    assert missing.code == 2 and "keine allowed_signers-Datei" in missing.err


# --- what golive refuses to record ---------------------------------------------------------------


@pytest.fixture
def fresh(cli, keys, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A new file on the roster plan, nothing signed yet."""
    plan = tmp_path / "plan.toml"
    plan.write_text(roster_toml(keys), "utf-8")
    db = tmp_path / "g.sqlite"
    assert run(cli, db, "init", "--plan", str(plan)).code == 0
    return db


def test_a_bad_signature_offered_is_refused_in_one_line_and_writes_nothing(
        cli, fresh: Path, keys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = events_of(fresh)
    paul = ["approve", "approval.product", "--by", "Paul Roth"]
    r = run(cli, fresh, *paul, "--sign", str(keys["Mallory"]))
    nothing_written(fresh, before, r)
    assert "Unterschrift abgelehnt, nichts gespeichert: mit Schlüssel ED25519 SHA256:" in r.err
    assert "das ist nicht der von Paul Roth" in r.err
    statement = run(cli, fresh, "statement", *paul[:2], "--by", "Paul Roth").out
    for name, text in (("wrong-ns", ssh_sign(keys["Paul Roth"], statement, "file")),
                       ("garbage", "-----BEGIN SSH SIGNATURE-----\nnope\n"
                                   "-----END SSH SIGNATURE-----")):
        (tmp_path / f"{name}.txt").write_text(statement)
        (tmp_path / f"{name}.txt.sig").write_text(text)
        r = run(cli, fresh, *paul, "--signature", str(tmp_path / f"{name}.txt.sig"))
        nothing_written(fresh, before, r)
    # a statement for another item, signed by the right person
    other = run(cli, fresh, "statement", "approve", "approval.security", "--by", "Sina Koch").out
    (tmp_path / "other.txt").write_text(other)
    (tmp_path / "other.txt.sig").write_text(ssh_sign(keys["Sina Koch"], other))
    r = run(cli, fresh, *paul, "--signature", str(tmp_path / "other.txt.sig"))
    nothing_written(fresh, before, r)
    assert ("die Erklärung passt nicht zu diesem Befehl: ihre Zeile „item:“ lautet "
            "'approval.security'") in r.err
    # too old: signed at 09:30, offered at 09:41
    (tmp_path / "p.txt").write_text(statement)
    (tmp_path / "p.txt.sig").write_text(ssh_sign(keys["Paul Roth"], statement))
    r = run(cli, fresh, *paul, "--signature", str(tmp_path / "p.txt.sig"),
            now="2026-03-06T09:41:00+01:00")
    nothing_written(fresh, before, r)
    assert "11 min älter als der Eintrag (höchstens 10)" in r.err
    for args in (["--sign", str(keys["Paul Roth"]), "--signature", str(tmp_path / "p.txt.sig")],
                 ["--sign", str(tmp_path / "no-such-key")],
                 ["--signature", str(tmp_path / "no-such.sig")],
                 ["--signature", "-"]):
        nothing_written(fresh, before, run(cli, fresh, *paul, *args))
    # and the signature made elsewhere, offered in time, is taken
    ok = run(cli, fresh, *paul, "--signature", str(tmp_path / "p.txt.sig"),
             now="2026-03-06T09:39:00+01:00")
    assert ok.code == 0, ok.err
    assert cli("verify", "--db", str(fresh)).code == 0


def test_a_go_statement_is_refused_once_the_log_moved_on(cli, day: Path, keys,
                                                         tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rewrite(day, lambda events: events[:-1])  # the signed day up to its GO: ready
    fresh = day
    before = events_of(fresh)
    nothing_written(fresh, before, run(cli, fresh, "decide", "go", "--by", DECIDER))  # unsigned
    statement = run(cli, fresh, "statement", "decide", "go", "--by", DECIDER).out
    assert f'head: "{len(before)}:{before[-1].hash}"' in statement
    (tmp_path / "go.txt").write_text(statement)
    (tmp_path / "go.txt.sig").write_text(ssh_sign(keys[DECIDER], statement))
    assert run(cli, fresh, "note", "Statuscall läuft").code == 0
    before = events_of(fresh)
    r = run(cli, fresh, "decide", "go", "--by", DECIDER, "--signature",
            str(tmp_path / "go.txt.sig"))
    nothing_written(fresh, before, r)
    assert "das Protokoll steht inzwischen bei" in r.err


def test_an_unsigned_sign_off_does_not_count_where_the_plan_requires_one(
        cli, fresh: Path, keys) -> None:  # type: ignore[no-untyped-def]
    assert run(cli, fresh, "approve", "approval.sre", "--by", "Sven Reuter").code == 0
    _, board = status(cli, fresh)
    sre = next(i for i in board["items"] if i["id"] == "approval.sre")
    assert sre["state"] == "approved" and sre["signed"] is None
    assert ("SRE: Freigabe zählt nicht (ohne Unterschrift, der Plan verlangt eine)"
            in [b["text"] for b in board["blockers"]])
    # the same person's signature completes it
    r = run(cli, fresh, "approve", "approval.sre", "--by", "Sven Reuter", "--sign",
            str(keys["Sven Reuter"]))
    assert r.code == 0, r.err
    _, board = status(cli, fresh)
    assert not any(b.startswith("SRE:") for b in (x["text"] for x in board["blockers"]))


def test_the_agent_signs_with_the_public_key_file(cli, fresh: Path, keys, tmp_path: Path
                                                  ) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("ssh-agent") is None:
        pytest.skip("no ssh-agent")
    sock = tmp_path / "agent.sock"
    agent = subprocess.Popen(["ssh-agent", "-D", "-a", str(sock)], stdout=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if sock.exists():
                break
            subprocess.run(["sleep", "0.02"], check=True)
        env = {"SSH_AUTH_SOCK": str(sock)}
        subprocess.run(["ssh-add", "-q", str(keys["Dirk Ost"])], env={**os.environ, **env},
                       check=True, capture_output=True)
        pub = keys["Dirk Ost"].with_suffix(".pub")
        r = run(cli, fresh, "approve", "approval.devops", "--by", "Dirk Ost", "--sign", str(pub),
                env=env)
        assert r.code == 0, r.err
    finally:
        agent.terminate()
        agent.wait()
    assert "Unterschriften: 1 gültig" in cli("verify", "--db", str(fresh)).out


def test_a_rollback_decision_is_signed_and_checked_too(
        cli, day: Path, keys) -> None:  # type: ignore[no-untyped-def]
    assert run(cli, day, "deploy", "started").code == 0
    before = events_of(day)
    rollback = ["rollback", "--by", "Sven Reuter", "--reason", "Fehlerrate 5 %"]
    nothing_written(day, before, run(cli, day, *rollback, "--sign", str(keys["Dirk Ost"])))
    assert run(cli, day, *rollback, "--sign", str(keys["Sven Reuter"])).code == 0
    _, board = status(cli, day)
    step = next(s for s in board["golive"]["steps"] if s["step"] == "rollback")
    assert step["signed"].startswith("ED25519 SHA256:") and step["void"] is None
    assert "Unterschriften: 8 gültig" in cli("verify", "--db", str(day)).out
    # the reason is part of what was signed (read where the file was never seen)
    rewrite(day, lambda ev: [replace(e, payload={**e.payload, "reason": "geplant"})
                             if e.kind == "rollback" else e for e in ev])
    elsewhere = {"GOLIVE_STATE_DIR": str(day.parent / "elsewhere")}
    verify = cli("verify", "--db", str(day), env=elsewhere)
    assert verify.code == 1
    assert "(rollback von Sven Reuter): die Signatur passt" in verify.err
    _, board = status(cli, day, env=elsewhere)
    step = next(s for s in board["golive"]["steps"] if s["step"] == "rollback")
    assert step["void"].startswith("Unterschrift ungültig")
