"""What a retrospective export says: one consistent read of the board, the item histories
and the decisions, and the timeline as rows (streamed; notes take a fast path).
Markdown and JSON write the same content."""

from __future__ import annotations

import datetime as _dt
import shlex
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from golive.data.log.chain import Progress
from golive.data.log.eventlog import EVENT_COLUMNS, fold_one
from golive.data.log.events import GENESIS, NOTE_STORED, Event, check_row, stored_payload
from golive.data.log.fold import State, has_signed
from golive.data.log.store import Store
from golive.data.outputs.approval_doc import approval_doc
from golive.data.outputs.describe import (
    describe,
    phone_text,
    t_relative,
    utc_instant,
)
from golive.data.outputs.export_signatures import signatures_content
from golive.data.plan.facts import plan_facts
from golive.data.plan.model import Plan
from golive.data.rules.board import Board
from golive.data.rules.golive_steps import golive_lines, golive_total, phase_text
from golive.data.rules.roster import given
from golive.data.rules.verdict import evaluate
from golive.data.texts.catalogue import template, text
from golive.data.texts.user_text import clean_text
from golive.data.time.clock import countdown_parts, countdown_text
from golive.data.time.formats import local_with_offset

# events that belong to an item's or contact's history; notes (the bulk of a long log) do not
HISTORY_KINDS = frozenset({"approve", "reject", "revoke", "gate", "check", "contact",
                           "staging", "decide", "deploy", "rollback", "outcome", "correct"})

# what Store writes (clock.to_utc_text); anything else takes the general path
_MICROSECOND = _dt.timedelta(microseconds=1)


@dataclass
class Snapshot:
    """Everything but the timeline, from the first pass over the log."""

    board: Board
    histories: dict[str, list[Event]] = field(default_factory=dict)
    decisions: list[Event] = field(default_factory=list)
    corrections: dict[int, Event] = field(default_factory=dict)  # corrected seq -> correction
    count: int = 0
    head: str = GENESIS
    signed: list[Event] = field(default_factory=list)  # events that carry a signature


def _history_events(reader: Store) -> Iterator[Event]:
    """The events that change an item, a contact or the decision, in order. Notes change
    nothing the board shows, so a million of them cost SQLite a scan, not Python a parse."""
    kinds = sorted(HISTORY_KINDS)
    cursor = reader.conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE kind IN ({','.join('?' * len(kinds))}) "
        "ORDER BY seq", kinds)
    while rows := cursor.fetchmany(1000):
        for row in rows:
            yield Event.from_row(row)


def gather(reader: Store, plan: Plan, now: _dt.datetime) -> Snapshot:
    """Histories and the board, folded from the history events (the same board as
    Store.board, but from this transaction's snapshot)."""
    state = State()
    histories: dict[str, list[Event]] = {}
    decisions: list[Event] = []
    corrections: dict[int, Event] = {}
    signed: list[Event] = []
    for event in _history_events(reader):
        fold_one(state, event)
        if "signature" in event.payload:
            signed.append(event)
        if event.kind == "correct":
            corrections.setdefault(int(event.payload["seq"]), event)
        if event.kind == "decide" or (event.kind == "correct"
                                      and event.payload.get("kind") == "decide"):
            decisions.append(event)
        else:
            histories.setdefault(event.target, []).append(event)
    # the head as an Event: its hash heads the export, so a damaged head row is said here
    last = reader.conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq DESC "
                               "LIMIT 1").fetchone()
    count, head = (last[0], Event.from_row(last).hash) if last else (0, GENESIS)
    if has_signed(state):
        from golive.data.signing.signatures import check_state

        check_state(plan, state, reader.conn)
    board = evaluate(plan, state, now, events=count, head=head)
    return Snapshot(board, histories, decisions, corrections, count, head, signed=signed)


class Rows:
    """Turns events into the rows both formats share: times, words, masked payload."""

    def __init__(self, plan: Plan, mask_phones: bool,
                 corrections: dict[int, Event] | None = None) -> None:
        self.plan = plan
        self.corrections = corrections or {}
        self.zone = plan.timezone
        self.mask = mask_phones
        self.t0 = _dt.datetime.fromtimestamp(plan.t0.timestamp(), _dt.UTC)
        self._seconds: dict[str, tuple[str, int]] = {}  # 'YYYY-MM-DDTHH:MM:SS' -> local, µs
        self._countdowns: dict[tuple[str, int, int, int], str] = {}

    def row(self, event: Event) -> dict[str, Any]:
        instant = utc_instant(event.at)
        payload = event.payload
        if self.mask and event.kind == "contact" and payload.get("phone"):
            payload = {**payload, "phone": phone_text(payload["phone"], mask_phones=True)}
        elif event.kind == "init":  # the plan's TOML is in the file, not needed per row
            payload = {k: v for k, v in payload.items() if k != "plan"}
        return {
            "seq": event.seq,
            "local": local_with_offset(instant, self.zone),
            "utc": event.at,
            "t": t_relative(instant, self.t0),
            "actor": event.actor,
            "kind": event.kind,
            "target": event.target,
            "text": describe(event, self.plan, mask_phones=self.mask),
            "payload": payload,
            "hash": event.hash,
            "corrected_by": self._corrected_by(event.seq),
        }

    def timeline(self, conn: sqlite3.Connection, progress: Progress | None = None
                 ) -> Iterator[dict[str, Any]]:
        """Every event as a row, streamed: the same dicts as `row`, but a note (the bulk
        of a long log) is read without an Event object and its times are converted once
        per distinct second."""
        lang, seconds, countdowns = self.plan.language, self._seconds, self._countdowns
        corrections = self.corrections
        # describe_note's words, looked up once: its template filled per note, by joining
        # where it is text around {text} alone (format parses the template on every call)
        note_words = template(lang, "event.note")
        before, field, after = note_words.partition("{text}")
        around = bool(field) and not any(c in before + after for c in "{}")
        total = conn.execute("SELECT max(seq) FROM events").fetchone()[0] or 0
        cursor = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq")
        while rows := cursor.fetchmany(1000):
            for row in rows:
                seq, at, actor, kind, target, stored, _prev, digest = row
                if kind != "note":
                    yield self.row(Event.from_row(row))
                    continue
                # read without Event.from_row: its checks, here; `at` then has
                # to_utc_text's form (…:SS.ffffffZ), so its microseconds are at[20:26]
                check_row(row)
                key = at[:19]
                second = seconds.get(key)
                if second is None:
                    if len(seconds) > 256:  # memory stays flat on any length of log
                        seconds.clear()
                        countdowns.clear()
                    whole = utc_instant(key + "+00:00")
                    second = seconds[key] = (local_with_offset(whole, self.zone),
                                             (self.t0 - whole) // _MICROSECOND)
                # t_relative: (t0 - instant).total_seconds() is this very division
                until = countdown_parts((second[1] - int(at[20:26])) / 1_000_000)
                t = countdowns.get(until)
                if t is None:
                    t = countdowns[until] = countdown_text(until)
                # stored_payload's common case, inline: a note's plain text, no escapes
                note = NOTE_STORED.fullmatch(stored) if "\\" not in stored else None
                if note is not None and around:
                    said = note[1][1:-1]
                    payload = {"text": said}
                    words = before + said + after
                else:
                    payload = stored_payload(stored, seq)
                    words = note_words.format(text=payload.get("text") or "")
                yield {"seq": seq, "local": second[0], "utc": at, "t": t, "actor": actor,
                       "kind": kind, "target": target, "text": clean_text(words),
                       "payload": payload, "hash": digest,
                       "corrected_by": self._corrected_by(seq) if seq in corrections
                       else None}
            if progress is not None:
                progress(seq, total)

    def _corrected_by(self, seq: int) -> dict[str, Any] | None:
        """The correction of this event, so the line it corrects says so where it stands."""
        fix = self.corrections.get(seq)
        return None if fix is None else {"seq": fix.seq, "reason": fix.payload.get("reason")}

    def when(self, instant: _dt.datetime | None) -> str | None:
        return local_with_offset(instant, self.zone) if instant is not None else None


def export_content(snap: Snapshot, rows: Rows, db_path: Path, now: _dt.datetime
             ) -> dict[str, Any]:
    """Everything except the timeline, as plain data: the JSON export as it is, and what the
    Markdown export renders."""
    board, plan, lang = snap.board, rows.plan, rows.plan.language

    def history(target: str) -> list[dict[str, Any]]:
        return [rows.row(e) for e in snap.histories.get(target, ())]

    def state_text(state: str, informed: bool = False) -> str:
        if informed and state == "approved":
            state = "informed"
        return text(lang, f"state.{state}")

    decision = None
    if board.decision is not None:
        d = board.decision
        decision = {"decision": d.decision.upper(), "by": d.by, "at": rows.when(d.at),
                    "t": t_relative(d.at, plan.t0), "reason": d.reason, "seq": d.seq,
                    "state": d.state, "superseded_by": d.superseded_by, "signed": d.signed,
                    "given": given(lang, d.signed)}
    golive = None
    if board.golive is not None:
        golive = {"phase": board.phase, "phase_text": phase_text(board),
                  "total": golive_total(board),
                  "steps": [{"text": s.words, "by": s.by, "actor": s.actor,
                             "at": rows.when(s.at),
                             "t": t_relative(s.at, plan.t0), "seq": s.seq, "since": s.since}
                            for s in golive_lines(board)]}
    signoffs = [
        {"id": v.id, "role": v.role or v.label, "label": v.label, "informed": v.informed,
         "state": v.state, "state_text": state_text(v.state, v.informed), "by": v.by,
         "at": rows.when(v.at), "reason": v.reason, "late": v.late, "history": history(v.id),
         "signed": v.signed, "void": v.void,
         "given": given(lang, v.signed) if v.state == "approved" else None}
        for v in board.section("signoff")]
    gates = [
        {"id": v.id, "label": v.label, "state": v.state, "state_text": state_text(v.state),
         "by": v.by, "at": rows.when(v.at), "note": v.reason, "detail": v.detail,
         "derived": v.derived, "history": history(v.id)}
        for v in board.section("gate")]
    checks = []
    for cp in plan.checkpoints:
        for check in cp.checks:
            v = board.item(check.id)
            assert v is not None
            done_at = _done_at(snap.histories.get(v.id, ())) if v.state == "done" else None
            checks.append({
                "id": v.id, "checkpoint": cp.id, "checkpoint_label": cp.label,
                "offset": cp.offset, "due": rows.when(cp.at), "label": v.label,
                "state": v.state, "state_text": state_text(v.state), "derived": v.derived,
                "detail": v.detail, "done_at": rows.when(done_at),
                "late": done_at is not None and done_at > cp.at, "overdue": v.overdue,
                "history": history(v.id)})
    comms = [
        {"id": v.id, "label": v.label, "state": v.state, "state_text": state_text(v.state),
         "derived": v.derived, "detail": v.detail, "by": v.by, "at": rows.when(v.at),
         "history": history(v.id)}
        for v in board.section("comms")]
    contacts = []
    for c in board.contacts:
        phone = phone_text(c.phone, mask_phones=rows.mask) if c.phone else None
        if c.kind == "person" and c.name:
            value = f"{c.name}, {phone}" if phone else c.name
        else:
            value = c.value
        contacts.append({"id": c.id, "label": c.label, "kind": c.kind, "value": value,
                         "name": c.name, "phone": phone, "channel": c.channel,
                         "placeholder": c.placeholder, "problem": c.problem, "by": c.by,
                         "at": rows.when(c.at)})
    return {
        "format": "golive-export",
        "version": 1,
        "summary": {
            "product": plan.product, "release": plan.release, "target": plan.target,
            "plan": plan_facts(plan),
            "timezone": plan.timezone, "t0": rows.when(plan.t0),
            "exported_at": rows.when(now), "exported_t": t_relative(now, plan.t0),
            "database": str(db_path), "verdict": board.verdict, "phase": board.phase,
            "phase_label": board.phase_label,
            "blockers": list(board.blocker_texts), "warnings": list(board.warnings),
            "decision": decision, "decisions": [rows.row(e) for e in snap.decisions],
            "events": snap.count,
        },
        "golive": golive,
        "signoffs": signoffs,
        "gates": gates,
        "checks": checks,
        "comms": comms,
        "contacts": contacts,
        "phones_masked": rows.mask,
        "approval_doc": approval_doc(plan, board),
        "signatures": signatures_content(plan, snap.signed),
    }


def _done_at(history: Any) -> _dt.datetime | None:
    done = [e for e in history if e.kind == "check" and e.payload.get("done", True)]
    return utc_instant(done[-1].at) if done else None


def verify_command(db_path: Path) -> str:
    return f"golive verify --db {shlex.quote(str(db_path))}"
