"""The retrospective export: what the cockpit recorded, as one Markdown or JSON file.

The file is evidence, so it is written from one consistent read of the log (its own
connection, one read transaction for both passes), created exclusively (an export never
replaces another), removed again if it could not be finished, and ends with the chain's
head hash and the command that checks it. The timeline is streamed row by row; only the
events that make up the item histories (not the notes) are held in memory.
"""

from __future__ import annotations

import datetime as _dt
import errno
import json
import os
import re
import shlex
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pendulum

from golive.data.approval_doc import approval_doc
from golive.data.clock import format_countdown
from golive.data.dbfile import StoreError, damaged
from golive.data.describe import (
    describe,
    describe_note,
    local_text,
    phone_text,
    t_relative,
    utc_instant,
)
from golive.data.eventlog import EVENT_COLUMNS, fold_one
from golive.data.events import GENESIS, DamagedEvent, Event, stored_payload
from golive.data.facts import fact_lines, plan_facts
from golive.data.golive_steps import golive_lines, golive_total, phase_text
from golive.data.markdown import fence_for, md_code, md_text
from golive.data.plan import Plan
from golive.data.rules import Board, evaluate
from golive.data.state import State
from golive.data.store import Store
from golive.data.texts import text
from golive.data.verify import Progress

FORMATS = ("md", "json", "checklist")
RETRO_DIR = "retro"
# events that belong to an item's or contact's history; notes (the bulk of a long log) do not
HISTORY_KINDS = frozenset({"approve", "reject", "revoke", "gate", "check", "contact",
                           "staging", "decide", "deploy", "rollback", "outcome", "correct"})

# what Store writes (clock.to_utc_text); anything else takes the general path
_STORED_AT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.(\d{6})Z")
_MICROSECOND = _dt.timedelta(microseconds=1)


class ExportError(Exception):
    """The export could not be written; str() is one line naming the path and the reason."""


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "disk is full"
    return (exc.strerror or str(exc)).lower()


# --- where the file goes ---------------------------------------------------------------------


def default_dir(db_path: Path) -> Path:
    return db_path.parent / RETRO_DIR


def export_stem(release: str, local_now: _dt.datetime) -> str:
    """golive-<release>-<local time with offset>, with ':' (and anything a file name should
    not hold) replaced by '-'."""
    safe = re.sub(r"[^A-Za-z0-9._+-]+", "-", release).strip("-.") or "release"
    # a file name holds 255 bytes: a long release name is shortened here (the file itself
    # carries it in full)
    safe = safe[:80].rstrip("-.")
    stamp = local_now.replace(microsecond=0).isoformat().replace(":", "-")
    return f"golive-{safe}-{stamp}"


def _directory(db_path: Path, out_dir: Path | None) -> Path:
    if out_dir is not None:
        out_dir = Path(out_dir)
        if not out_dir.is_dir():
            why = "not a directory" if out_dir.exists() else "directory does not exist"
            raise ExportError(f"{out_dir}: cannot write the export: {why}")
        return out_dir
    directory = default_dir(db_path)
    try:
        directory.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{directory}: cannot create the export directory: "
                          f"{_reason(exc)}") from None
    if not directory.is_dir():
        raise ExportError(f"{directory}: cannot write the export: not a directory")
    return directory


def _create(directory: Path, stem: str, ext: str) -> tuple[Path, int]:
    """Create the file exclusively; a name already taken gets -2, -3, ... so two exports in
    the same second both survive."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for n in range(1, 10_000):
        path = directory / (f"{stem}.{ext}" if n == 1 else f"{stem}-{n}.{ext}")
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise ExportError(f"{path}: cannot create the export: {_reason(exc)}") from None
        os.fchmod(fd, 0o600)  # exactly 0600, whatever the umask
        return path, fd
    raise ExportError(f"{directory}: cannot create the export: too many exports named {stem}")


# --- one consistent read -------------------------------------------------------------------


@dataclass
class _Snapshot:
    """Everything but the timeline, from the first pass over the log."""

    board: Board
    histories: dict[str, list[Event]] = field(default_factory=dict)
    decisions: list[Event] = field(default_factory=list)
    corrections: dict[int, Event] = field(default_factory=dict)  # corrected seq -> correction
    count: int = 0
    head: str = GENESIS


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


def _gather(reader: Store, plan: Plan, now: pendulum.DateTime) -> _Snapshot:
    """Histories and the board, folded from the history events (the same board as
    Store.board, but from this transaction's snapshot)."""
    state = State()
    histories: dict[str, list[Event]] = {}
    decisions: list[Event] = []
    corrections: dict[int, Event] = {}
    for event in _history_events(reader):
        fold_one(state, event)
        if event.kind == "correct":
            corrections.setdefault(int(event.payload["seq"]), event)
        if event.kind == "decide" or (event.kind == "correct"
                                      and event.payload.get("kind") == "decide"):
            decisions.append(event)
        else:
            histories.setdefault(event.target, []).append(event)
    count, head = reader.event_count(), reader.head()
    board = evaluate(plan, state, now, events=count, head=head)
    return _Snapshot(board, histories, decisions, corrections, count, head)


class _Rows:
    """Turns events into the rows both formats share: times, words, masked payload."""

    def __init__(self, plan: Plan, mask_phones: bool,
                 corrections: dict[int, Event] | None = None) -> None:
        self.plan = plan
        self.corrections = corrections or {}
        self.zone = plan.timezone
        self.mask = mask_phones
        self.t0 = _dt.datetime.fromtimestamp(plan.t0.timestamp(), _dt.UTC)
        self._seconds: dict[str, tuple[str, int]] = {}  # 'YYYY-MM-DDTHH:MM:SS' -> local, µs
        self._countdowns: dict[int, str] = {}

    def row(self, event: Event) -> dict[str, Any]:
        instant = utc_instant(event.at)
        payload = event.payload
        if self.mask and event.kind == "contact" and payload.get("phone"):
            payload = {**payload, "phone": phone_text(payload["phone"], mask_phones=True)}
        elif event.kind == "init":  # the plan's TOML is in the file, not needed per row
            payload = {k: v for k, v in payload.items() if k != "plan"}
        return {
            "seq": event.seq,
            "local": local_text(instant, self.zone),
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
        total = conn.execute("SELECT max(seq) FROM events").fetchone()[0] or 0
        cursor = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq")
        while rows := cursor.fetchmany(1000):
            for row in rows:
                seq, at, actor, kind, target, stored, _prev, digest = row
                stamp = _STORED_AT.fullmatch(at) if kind == "note" else None
                if stamp is None:
                    yield self.row(Event.from_row(row))
                    continue
                key = at[:19]
                second = seconds.get(key)
                if second is None:
                    if len(seconds) > 256:  # memory stays flat on any length of log
                        seconds.clear()
                        countdowns.clear()
                    whole = utc_instant(key + "+00:00")
                    second = seconds[key] = (local_text(whole, self.zone),
                                             (self.t0 - whole) // _MICROSECOND)
                # t_relative: (t0 - instant).total_seconds() is this very division
                until = int((second[1] - int(stamp[1])) / 1_000_000)
                t = countdowns.get(until)
                if t is None:
                    t = countdowns[until] = format_countdown(until)
                payload = stored_payload(stored, seq)
                yield {"seq": seq, "local": second[0], "utc": at, "t": t, "actor": actor,
                       "kind": kind, "target": target, "text": describe_note(lang, payload),
                       "payload": payload, "hash": digest,
                       "corrected_by": self._corrected_by(seq)}
            if progress is not None:
                progress(seq, total)

    def _corrected_by(self, seq: int) -> dict[str, Any] | None:
        """The correction of this event, so the line it corrects says so where it stands."""
        fix = self.corrections.get(seq)
        return None if fix is None else {"seq": fix.seq, "reason": fix.payload.get("reason")}

    def when(self, instant: _dt.datetime | None) -> str | None:
        return local_text(instant, self.zone) if instant is not None else None


def _content(snap: _Snapshot, rows: _Rows, db_path: Path, now: pendulum.DateTime
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
                    "state": d.state, "superseded_by": d.superseded_by}
    golive = None
    if board.golive is not None:
        golive = {"phase": board.golive.phase, "phase_text": phase_text(board),
                  "total": golive_total(board),
                  "steps": [{"text": s.words, "by": s.by, "actor": s.actor,
                             "at": rows.when(s.at),
                             "t": t_relative(s.at, plan.t0), "seq": s.seq, "since": s.since}
                            for s in golive_lines(board)]}
    signoffs = [
        {"id": v.id, "role": v.role or v.label, "label": v.label, "informed": v.informed,
         "state": v.state, "state_text": state_text(v.state, v.informed), "by": v.by,
         "at": rows.when(v.at), "reason": v.reason, "history": history(v.id)}
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
            "database": str(db_path), "verdict": board.verdict,
            "blockers": list(board.blockers), "warnings": list(board.warnings),
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
    }


def _done_at(history: Any) -> _dt.datetime | None:
    done = [e for e in history if e.kind == "check" and e.payload.get("done", True)]
    return utc_instant(done[-1].at) if done else None


def verify_command(db_path: Path) -> str:
    return f"golive verify --db {shlex.quote(str(db_path))}"


# --- writing ---------------------------------------------------------------------------------


def write_export(store: Store, out_dir: Path | None = None, *, fmt: str = "md",
                 with_phones: bool = False, now: pendulum.DateTime | None = None,
                 progress: Progress | None = None) -> Path:
    """Write the retrospective of the store's go-live and return the new file's path.

    Reads through a connection of its own, so a worker thread may call it while the
    cockpit keeps using `store`. ExportError (one line) when it cannot be written; no
    partial file is left behind.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (use md, json or checklist)")
    plan = store.plan
    now = (now or store.clock.now()).in_tz(plan.timezone)
    db_path = Path(os.path.abspath(store.path))
    directory = _directory(db_path, out_dir)
    try:
        reader = Store.open(db_path, store.clock, read_only=True)  # it only reads
    except StoreError as exc:
        raise ExportError(str(exc)) from None
    reader.plan = plan  # the caller's plan, e.g. with a --lang override
    path: Path | None = None
    try:
        reader.conn.execute("BEGIN")  # one snapshot for both passes
        snap = _gather(reader, plan, now)
        rows = _Rows(plan, mask_phones=not with_phones, corrections=snap.corrections)
        content = _content(snap, rows, db_path, now)
        stem = export_stem(plan.release, now)
        if store.rehearsal:  # a rehearsal's export says so in its name and its title
            content["mode"] = "rehearsal"
            stem = stem.replace("golive-", f"golive-{text(plan.language, 'mode.rehearsal')}-", 1)
        if fmt == "checklist":
            stem += "-checklist"
        path, fd = _create(directory, stem, "json" if fmt == "json" else "md")
        with open(fd, "w", encoding="utf-8", newline="\n", buffering=1 << 16) as out:
            if fmt == "checklist":
                from golive.data.checklist_export import checklist_markdown

                out.write(checklist_markdown(plan, snap.board, mask_phones=not with_phones,
                                             rehearsal=store.rehearsal))
                head = snap.head
            else:
                write = _write_markdown if fmt == "md" else _write_json
                head = write(out, content, rows.timeline(reader.conn, progress),
                             verify_command(db_path), lang=plan.language)
            if head != snap.head:  # cannot happen inside one read transaction
                raise ExportError(f"{path}: the log changed while it was being exported")
            out.flush()
            os.fsync(out.fileno())
    except BaseException as exc:
        if path is not None:
            path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            where = path or directory
            raise ExportError(f"{where}: cannot write the export: {_reason(exc)}") from None
        if isinstance(exc, sqlite3.Error):
            raise ExportError(f"{db_path}: cannot read the log: {exc}") from None
        if isinstance(exc, StoreError):
            raise ExportError(str(exc)) from None
        if isinstance(exc, DamagedEvent):
            raise ExportError(str(damaged(db_path, exc))) from None
        raise
    finally:
        if reader.conn.in_transaction:
            reader.conn.execute("COMMIT")
        reader.close()
    return path


def _write_markdown(out: IO[str], c: dict[str, Any], timeline: Iterator[dict[str, Any]],
                    verify: str, *, lang: str) -> str:
    def t(key: str, **values: Any) -> str:
        return text(lang, key, **values)

    w = out.write
    s = c["summary"]
    seq = t("export.seq")
    mark = f"{t('mode.rehearsal')}: " if c.get("mode") == "rehearsal" else ""
    w(f"# {mark}{t('export.title', product=md_text(s['product']), release=md_text(s['release']))}"
      "\n\n")
    if mark:
        w(f"**{t('mode.rehearsal.line')}**\n\n")
    w(f"## {t('export.summary')}\n\n")
    w(f"- **{t('export.product')}:** {md_text(s['product'])}\n")
    w(f"- **{t('export.release')}:** {md_text(s['release'])}\n")
    w(f"- **{t('export.target')}:** {md_text(s['target'])}\n")
    w(f"- **T-0:** {s['t0']}\n")
    w(f"- **{t('export.exported')}:** {s['exported_at']} ({s['exported_t']})\n")
    w(f"- **{t('export.database')}:** {md_code(s['database'])}\n")
    blockers = s["blockers"]
    count = f" — {t('export.blockers', n=len(blockers))}" if blockers else ""
    w(f"- **{t('export.verdict')}:** {s['verdict']}{count}\n")
    for b in blockers:
        w(f"  - {md_text(b)}\n")
    if s["warnings"]:
        w(f"- **{t('export.warnings')}:**\n")
        for warning in s["warnings"]:
            w(f"  - {md_text(warning)}\n")
    d = s["decision"]
    if d is None:
        w(f"- **{t('export.decision')}:** {t('export.decision.none')}\n")
    else:
        said = t("export.decision.value", decision=md_text(d["decision"]), by=md_text(d["by"]),
                 at=f"{d['at']} ({d['t']})")
        reason = f" — {t('export.reason')}: {md_text(d['reason'])}" if d["reason"] else ""
        if d["state"] == "superseded":
            reason += f" — **{t('decision.superseded')}:** {md_text(d['superseded_by'])}"
        w(f"- **{t('export.decision')}:** {said}{reason}\n")
    if len(s["decisions"]) > 1:
        _md_history(w, s["decisions"], seq_word=seq, lang=lang, indent="  ")
    w(f"- **{t('export.events')}:** {s['events']}\n\n")

    w(f"## {t('facts.heading').rstrip(':')}\n\n")
    for label, value in fact_lines(s["plan"], lang):
        w(f"- **{md_text(label)}:** {md_text(value)}\n" if label else f"  - {md_text(value)}\n")
    w("\n")
    g = c["golive"]
    if g is not None:
        w(f"## {t('golive.title')}\n\n")
        for step in g["steps"]:
            since = f" · {t('golive.since', duration=step['since'])}" if step["since"] else ""
            who = f" · {md_text(step['actor'])}" if step["actor"] else ""
            w(f"- {step['at']} ({step['t']}) — {md_text(step['text'])}{since}{who} · "
              f"{seq} {step['seq']}\n")
        w(f"\n**{t('export.state')}:** {md_text(g['phase_text'])}")
        if g["total"]:
            w(f" — {md_text(t('golive.total', duration=g['total']))}")
        w("\n\n")

    w(f"## {t('export.signoffs')}\n\n")
    for v in c["signoffs"]:
        w(f"### {md_text(v['role'])} — {md_text(v['label'])}\n\n")
        w(f"**{t('export.state')}:** {_md_state(v)}\n\n")
        _md_history(w, v["history"], seq_word=seq, lang=lang, none=t("export.history.none"))
        w("\n")

    w(f"## {t('export.gates')}\n\n")
    for v in c["gates"]:
        w(f"### {md_text(v['label'])}\n\n")
        state = _md_state(v)
        extra = [x for x in (v["note"], v["detail"]) if x]
        if extra:
            state += " — " + " · ".join(md_text(x) for x in extra)
        w(f"**{t('export.state')}:** {state}\n\n")
        _md_history(w, v["history"], seq_word=seq, lang=lang, none=t("export.history.none"))
        w("\n")

    w(f"## {t('export.tplan')}\n\n")
    checkpoint = None
    for v in c["checks"]:
        if v["checkpoint"] != checkpoint:
            if checkpoint is not None:
                w("\n")
            checkpoint = v["checkpoint"]
            w(f"### {md_text(v['checkpoint_label'])} — {t('export.due', at=v['due'])}"
              f" ({md_text(v['offset'])})\n\n")
        box = "x" if v["state"] == "done" else " "
        done = (t("export.done_at", at=v["done_at"]) if v["done_at"]
                else md_text(v["state_text"]))
        line = f"- [{box}] {md_text(v['label'])} — {done}"
        if v["late"]:
            line += f" **({t('export.late')})**"
        if v["overdue"]:
            line += f" **({t('export.overdue')})**"
        if v["detail"]:
            line += f" — {md_text(v['detail'])}"
        w(line + "\n")
        _md_history(w, v["history"], seq_word=seq, lang=lang, indent="  ")
    w("\n")

    w(f"## {t('export.comms')}\n\n")
    for v in c["comms"]:
        box = "x" if v["state"] == "done" else " "
        line = f"- [{box}] {md_text(v['label'])} — {_md_state(v)}"
        if v["detail"]:
            line += f" — {md_text(v['detail'])}"
        w(line + "\n")
        _md_history(w, v["history"], seq_word=seq, lang=lang, indent="  ")
    w("\n")

    w(f"## {t('export.contacts')}\n\n")
    w(f"| {t('export.col.role')} | {t('export.col.value')} | {t('export.state')} | "
      f"{t('export.col.recorded')} |\n|---|---|---|---|\n")
    for v in c["contacts"]:
        state = "✔" if not v["placeholder"] else "✖ " + md_text(v["problem"] or "")
        recorded = f"{md_text(v['by'])}, {v['at']}" if v["by"] and v["at"] else ""
        w(f"| {md_text(v['label'])} | {md_text(v['value'])} | {state.strip()} | {recorded} |\n")
    if c["phones_masked"]:
        w(f"\n{md_text(t('export.phones_masked'))}\n")
    w("\n")

    doc = c["approval_doc"]
    fence = fence_for(doc)
    w(f"## {t('export.approval')}\n\n{fence}markdown\n{doc}{fence}\n\n")

    w(f"## {t('export.timeline')}\n\n")
    w(f"| {t('export.col.seq')} | {t('export.col.local')} | {t('export.col.utc')} | "
      f"{t('export.col.t')} | {t('export.col.actor')} | {t('export.col.event')} |\n"
      "|---:|---|---|---|---|---|\n")
    head = GENESIS
    actors: dict[str, str] = {}  # a long log has few actors: escape each once
    for r in timeline:
        actor = actors.get(r["actor"])
        if actor is None:
            actor = actors[r["actor"]] = md_text(r["actor"])
        w(f"| {r['seq']} | {r['local']} | {r['utc']} | {r['t']} | {actor} | "
          f"{md_text(r['text'], cleaned=True)}{_md_corrected(r, lang)} |\n")
        head = r["hash"]
    w(f"\n{t('export.head')}: `{head}` · {t('export.verify')}: {md_code(verify)}\n")
    return head


def _md_state(v: dict[str, Any]) -> str:
    out = md_text(v["state_text"])
    if v.get("by") and v.get("at"):
        out += f" — {md_text(v['by'])}, {v['at']}"
    if v.get("reason"):
        out += f" ({md_text(v['reason'])})"
    return out


def _md_history(w: Any, history: list[dict[str, Any]], *, seq_word: str, lang: str,
                indent: str = "", none: str | None = None) -> None:
    if not history and none:
        w(f"{indent}- _{md_text(none)}_\n")
    for r in history:
        w(f"{indent}- {r['local']} ({r['t']}) — {md_text(r['text'])}"
          f"{_md_corrected(r, lang)} · {md_text(r['actor'])} · {seq_word} {r['seq']}\n")


def _md_corrected(row: dict[str, Any], lang: str) -> str:
    fix = row.get("corrected_by")
    if not fix:
        return ""
    return " " + md_text(text(lang, "export.corrected", seq=fix["seq"],
                              reason=fix["reason"] or ""))


def _write_json(out: IO[str], c: dict[str, Any], timeline: Iterator[dict[str, Any]],
                verify: str, *, lang: str) -> str:
    """The same content as one JSON document; the timeline array is written row by row."""
    head_part = json.dumps(c, ensure_ascii=False, indent=2)
    assert head_part.endswith("\n}")
    out.write(head_part[:-2] + ',\n  "timeline": [')
    head, sep, count = GENESIS, "\n    ", 0
    encode = json.JSONEncoder(ensure_ascii=False).encode  # = json.dumps(r, ensure_ascii=False)
    for r in timeline:
        out.write(sep + encode(r))
        sep = ",\n    "
        head, count = r["hash"], count + 1
    tail = {"events": count, "head": head, "verify": verify}
    out.write("\n  ],\n" + json.dumps(tail, ensure_ascii=False, indent=2)[2:] + "\n")
    return head
