"""Whether a signed sign-off, decision or rollback is what its signer signed.

One check for every place that meets a signature: a command about to be recorded (the
event it would become), `golive verify` (every signed event), and every reader of the
board (the signed records that count now, cached per event hash so the cockpit pays
ssh-keygen once per signature). The statement is rebuilt from the event and the plan;
the signer's key comes from the plan's roster, or from an allowed_signers file an auditor
trusts more than the file under audit (git's `gpg.ssh.allowedSignersFile`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from golive.data.changes.refused import Refused
from golive.data.log.eventlog import EVENT_COLUMNS
from golive.data.log.events import Event
from golive.data.log.fold import State
from golive.data.plan.model import Plan
from golive.data.rules.roster import person
from golive.data.signing.ssh_sig import (
    NAMESPACE,
    SIGNER,
    Check,
    SigError,
    allowed_line,
    parse_signature,
    principals,
    public_key,
    verify_all,
)
from golive.data.signing.statement import (
    INSTANT,
    WINDOW_AFTER,
    WINDOW_BEFORE,
    Signed,
    head_text,
    of_event,
    signed_part,
)
from golive.data.texts.catalogue import Term
from golive.data.time.clock import from_utc_text


@dataclass(frozen=True)
class Keys:
    """Where signers' keys come from: the plan's roster, or an allowed_signers file."""

    plan: Plan
    allowed_file: Path | None = None


def signed_payload(signed: Signed, key: str, head: bool) -> dict[str, Any]:
    """What an event stores of a signature: the armored text, the key it was made with,
    the statement's instant and, for a GO, the head."""
    part = {"sig": signed.armored, "key": key, "instant": signed.instant}
    if head and signed.head is not None:
        part["head"] = signed.head
    return part


def instant_problem(instant: str, at: str) -> Term | None:
    """The statement's instant against the event's: at most WINDOW_BEFORE older, at
    most WINDOW_AFTER newer."""
    if not INSTANT.fullmatch(instant):
        return Term("sig.instant_bad", instant=instant[:40])
    try:
        signed = from_utc_text(instant)
    except ValueError:  # 2026-02-30T…
        return Term("sig.instant_bad", instant=instant[:40])
    age = (from_utc_text(at) - signed).total_seconds()
    if age > WINDOW_BEFORE:
        return Term("sig.too_old", instant=instant, minutes=int(age // 60),
                    limit=WINDOW_BEFORE // 60)
    if age < -WINDOW_AFTER:
        return Term("sig.ahead", instant=instant)
    return None


def check_events(keys: Keys, events: Iterable[Event]) -> dict[int, Term | None]:
    """Each signed event's seq -> why its signature does not hold (None: it does). The
    parts golive can judge itself are judged first, each with its own words; what is
    left goes to `ssh-keygen -Y verify`, all at once."""
    plan = keys.plan
    found: dict[int, Term | None] = {}
    pending: list[tuple[int, Check]] = []
    for event in events:
        part = signed_part(event)
        if part is None:
            continue
        problem, check = _prepare(keys, plan, event, part)
        found[event.seq] = problem
        if problem is None and check is not None:
            pending.append((event.seq, check))
    if pending:
        try:
            results = verify_all([c for _, c in pending])
        except SigError as exc:  # no ssh-keygen: nothing signed can count
            for seq, _ in pending:
                found[seq] = Term(exc.key or "", **exc.values)
            return found
        for (seq, _), good in zip(pending, results, strict=True):
            if not good:
                found[seq] = Term("sig.mismatch")
    return found


def _prepare(keys: Keys, plan: Plan, event: Event, part: dict[str, Any]
             ) -> tuple[Term | None, Check | None]:
    statement = of_event(plan, event)
    if statement is None:
        return Term("sig.not_signable", kind=event.kind), None
    try:
        signature = parse_signature(str(part.get("sig") or ""))
    except SigError as exc:
        return Term(exc.key or "", **exc.values), None
    if signature.namespace != NAMESPACE:
        return Term("sig.namespace", namespace=signature.namespace[:40], ours=NAMESPACE), None
    fingerprint = signature.key.fingerprint
    if part.get("key") != fingerprint:
        return Term("sig.key_differs", stored=str(part.get("key"))[:80], key=fingerprint), None
    problem = instant_problem(statement.instant, event.at)
    if problem is not None:
        return problem, None
    if event.kind == "decide" and statement.decision == "go":
        before = head_text(event.seq - 1, event.prev_hash)
        if statement.head != before:
            return Term("sig.head", signed=_short(statement.head), head=_short(before)), None
    name = statement.person
    if keys.allowed_file is not None:
        listed = principals(keys.allowed_file, signature)
        who = person(plan, name)
        mine = [p for p in listed if p == name or (who and who.email and p == who.email)]
        if not mine:
            return Term("sig.not_listed", key=fingerprint, name=name,
                        file=str(keys.allowed_file)), None
        return None, Check(statement.text(), signature, mine[0], keys.allowed_file)
    who = person(plan, name)
    if who is None or who.key is None:
        return Term("sig.no_key", name=name), None
    key = public_key(who.key)
    if key.blob != signature.key.blob:
        return Term("sig.wrong_key", key=fingerprint, name=name,
                    theirs=key.fingerprint), None
    return None, Check(statement.text(), signature, SIGNER, allowed_line(key))


def _short(head: str | None) -> str:
    """SEQ:HASH as 'event 41 (5f3a9c0d…)'."""
    if not head or ":" not in head:
        return repr(head)
    seq, _, digest = head.partition(":")
    return f"{seq} ({digest[:12]}…)"


def signed_seqs(state: State) -> list[int]:
    """The events behind what counts now that carry a signature."""
    seqs = [rec["seq"] for rec in state.items.values() if rec.get("signed")]
    if state.decision and state.decision.get("signed"):
        seqs.append(state.decision["seq"])
    seqs += [rec["seq"] for rec in (state.golive or {}).values() if rec.get("signed")]
    return seqs


def check_state(plan: Plan, state: State, conn: sqlite3.Connection,
                cache: dict[str, Term | None] | None = None) -> None:
    """Fill in `state.checked` for the signed records the board counts, reading their
    events through `conn`; `cache` (event hash -> verdict) spares a reader that asks
    again."""
    cache = {} if cache is None else cache
    seqs = signed_seqs(state)
    if not seqs:
        state.checked = {}
        return
    rows = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE seq IN "
                        f"({','.join('?' * len(seqs))})", seqs).fetchall()
    events = [Event.from_row(row) for row in rows]
    new = [e for e in events if e.hash not in cache]
    found = check_events(Keys(plan), new) if new else {}
    for event in new:
        cache[event.hash] = found.get(event.seq, Term("sig.not_signable", kind=event.kind))
    state.checked = {e.seq: cache[e.hash] for e in events}


def attach(plan: Plan, kind: str, target: str, payload: dict[str, Any], signed: Signed,
           at: str, head: tuple[int, str]) -> dict[str, Any]:
    """The payload of an event about to be recorded after `head` at `at`, with its
    signature; Refused saying why not (then nothing is written)."""
    try:
        signature = parse_signature(signed.armored)
    except SigError as exc:
        raise Refused("sig.refused", why=Term(exc.key or "", **exc.values)) from None
    go = kind == "decide" and payload.get("decision") == "go"
    now_head = head_text(*head)
    if go and signed.head != now_head:
        raise Refused("sig.head_moved", signed=_short(signed.head), head=_short(now_head))
    full = {**payload, "signature": signed_payload(signed, signature.key.fingerprint, go)}
    event = Event(head[0] + 1, at, "", kind, target, full, head[1])
    problem = check_events(Keys(plan), [event]).get(event.seq)
    if problem is not None:
        raise Refused("sig.refused", why=problem)
    return full


SIGNED_KINDS = ("approve", "decide", "rollback")


def verify_signatures(conn: sqlite3.Connection, plan: Plan, allowed_file: Path | None = None
                      ) -> tuple[list[Term], int]:
    """Every signed event of the log checked (`golive verify`): a line naming each bad
    one, and how many hold."""
    rows = conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE kind IN (?, ?, ?) "
        "AND json_extract(payload, '$.signature') IS NOT NULL ORDER BY seq", SIGNED_KINDS)
    events = {e.seq: e for e in (Event.from_row(row) for row in rows)}
    found = check_events(Keys(plan, allowed_file), events.values())
    bad = [Term("verify.signature", seq=seq, what=what(events[seq]),
                by=str(events[seq].payload.get("by", "")), why=why)
           for seq, why in sorted(found.items()) if why is not None]
    return bad, len(found) - len(bad)


def what(event: Event) -> str:
    """'approve approval.product', 'decide go', 'rollback'."""
    if event.kind == "approve":
        return f"approve {event.target}"
    if event.kind == "decide":
        return f"decide {event.payload.get('decision', '')}"
    return event.kind
