"""Walking the chain from a trusted point: the one proof that a state is the fold of a log.

Every event after the point must continue it (next seq, its link, its own hash), be of a
known kind, not run backwards in time in a real file, and record the digest of exactly the
state the fold reaches with it. `verify` walks from the first event; every reader walks
only from the last point it (or an earlier golive process, see seen_heads) proved.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from hashlib import sha256
from typing import Any

from golive.data.log.eventlog import EVENT_COLUMNS, fold_one, meaningful, state_digest
from golive.data.log.events import (
    GENESIS,
    NOTE_STORED,
    STATE_DIGEST,
    Event,
    canonical_json,
    canonical_payload,
    check_row,
    event_hash_canonical,
    json_string,
    plain_canonical,
)
from golive.data.log.fold import State
from golive.data.log.kinds import Kind
from golive.data.texts.catalogue import Term
from golive.data.time.clock import is_utc_text

# How far a real file's event may lie before the latest one before it: a wall clock set
# back by NTP moves by seconds; an event months earlier was written by something else.
BACKWARDS_TOLERANCE_S = 300
_KINDS = frozenset(Kind)  # a kind golive never writes is damage (verify names it)

Progress = Callable[[int, int], None]  # (done, total), every 1000 events


@dataclass
class Trusted:
    """A point of the chain proven to be folded correctly: the state after event `seq`
    (hash `hash`, latest instant `at` so far)."""

    seq: int = 0
    hash: str = GENESIS
    at: str = ""
    state: State = field(default_factory=State)


@dataclass
class Walked:
    """Where a walk got to: the last event proven, and the first problem after it."""

    trusted: Trusted
    problem: Term | None = None


class _NoteDigests:
    """The state digest after a note, which only counts the note: the canonical JSON of
    the state differs only in the number of notes, so the part before it is hashed once
    per run of notes, not once per note (a million notes cost a second, not a minute)."""

    MARK = 987654321987654321

    def __init__(self, state: State) -> None:
        records = meaningful(state.records())
        records["notes"] = self.MARK
        before, sep, after = canonical_json(records).partition(f'"notes":{self.MARK}')
        self._usable = bool(sep) and f'"notes":{self.MARK}' not in after
        self._head = hashlib.sha256(before.encode("utf-8"))
        self._tail = after

    def digest(self, state: State) -> str:
        if not self._usable or state.notes <= 0:
            return state_digest(state)
        h = self._head.copy()
        h.update(f'"notes":{state.notes}{self._tail}'.encode())
        return h.hexdigest()


def _recorded_digest(plain: str | None, event: Event | None) -> str | None:
    if event is not None:
        return event.state_digest
    assert plain is not None
    start = '{"state_digest":"'
    return plain[len(start):len(start) + 64] if plain.startswith(start) else None


def backwards(at: str, latest: str) -> bool:
    """True when `at` lies more than the tolerance before `latest` (both golive's UTC
    text, which sorts as time: only an earlier one is parsed)."""
    if not latest or at >= latest:
        return False
    from golive.data.time.clock import from_utc_text

    try:
        gap = (from_utc_text(latest) - from_utc_text(at)).total_seconds()
    except Exception:  # an unreadable instant is the damaged-row check's to name
        return False
    return gap > BACKWARDS_TOLERANCE_S


def walk(conn: sqlite3.Connection, start: Trusted, *, real: bool,
         progress: Progress | None = None) -> Walked:
    """Fold every event after `start` onto a copy of its state, checking each one; stops
    at the first that is wrong. Reads plain rows and builds no Event for a note."""
    trusted = Trusted(start.seq, start.hash, start.at, start.state.copy())
    state, prev, latest = trusted.state, start.hash, start.at
    expected_seq = start.seq + 1
    notes: _NoteDigests | None = None
    total = 0
    if progress is not None:
        total = conn.execute("SELECT max(seq) FROM events").fetchone()[0] or 0
    cursor = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE seq > ? ORDER BY seq",
                          (start.seq,))
    problem: Term | None = None
    names: dict[str, str] = {}  # each actor's and target's JSON string, written once
    while rows := cursor.fetchmany(1000):
        for row in rows:
            seq, at, actor, kind, target, stored, prev_hash, digest = row
            # a note as Store writes it, continuing the chain, checked inline: every check
            # of _step, without its calls; anything else, and any note that fails one of
            # them, goes through _step, which names the problem
            note = (NOTE_STORED.fullmatch(stored) if kind == "note" and type(stored) is str
                    and seq == expected_seq and prev_hash == prev and seq != 1 else None)
            if note is not None:
                # check_row's checks: kind, payload and prev_hash are text already, and a
                # hash that is not fails the comparison below (then _step says so)
                if type(actor) is not str or type(target) is not str or not is_utc_text(at):
                    check_row(row)  # raises for a column golive cannot have written
                name = names.get(actor)
                if name is None:
                    name = names[actor] = json_string(actor)
                aim = names.get(target)
                if aim is None:
                    aim = names[target] = json_string(target)
                # event_hash_canonical's bytes; `at` is to_utc_text's, so needs no escape
                body = (f'{prev_hash}{{"actor":{name},"at":"{at}","kind":"note",'
                        f'"payload":{{"{STATE_DIGEST}":"{note[2]}","text":{note[1]}}},'
                        f'"seq":{seq:d},"target":{aim}}}')
                if sha256(body.encode("utf-8")).hexdigest() == digest and not (
                        real and latest and backwards(at, latest)):
                    state.notes += 1
                    notes = notes or _NoteDigests(state)
                    if note[2] != notes.digest(state):
                        problem = Term("verify.digest", seq=seq)
                        break
                    prev = digest
                    if at > latest:
                        latest = at
                    expected_seq += 1
                    continue
            problem, prev, latest, notes = _step(row, state, expected_seq, prev, latest,
                                                 notes, real)
            if problem is not None:
                break
            expected_seq += 1
        # the last event proven (the one before a problem): set once a batch
        trusted.seq, trusted.hash, trusted.at = expected_seq - 1, prev, latest
        if problem is not None:
            break
        if progress is not None:
            progress(trusted.seq, total)
    return Walked(trusted, problem)


def _step(row: tuple[Any, ...], state: State, expected_seq: int, prev: str, latest: str,
          notes: _NoteDigests | None, real: bool
          ) -> tuple[Term | None, str, str, _NoteDigests | None]:
    """One event checked and folded into `state`: (problem, its hash, the latest instant,
    the note digests to use next)."""
    seq, at, actor, kind, target, stored, prev_hash, digest = row
    if seq != expected_seq:
        return Term("verify.missing", expected=expected_seq, seq=seq), prev, latest, notes
    if prev_hash != prev:
        return Term("verify.link", seq=seq, prev=seq - 1), prev, latest, notes
    # a note of plain strings only counts: no Event, payload not parsed
    plain = plain_canonical(stored) if kind == "note" and isinstance(stored, str) else None
    if plain is not None:
        check_row(row)  # Event.from_row's checks of the other columns
    event = None if plain is not None else Event.from_row(row)
    if digest != event_hash_canonical(prev_hash, seq, at, actor, kind, target,
                                      plain or canonical_payload(stored)):
        what = " ".join(part for part in (kind, target) if part)
        return Term("verify.altered", seq=seq, what=what), prev, latest, notes
    if kind not in _KINDS or (seq == 1) != (kind == Kind.INIT):
        return Term("verify.kind", seq=seq, kind=repr(kind)), prev, latest, notes
    if real and latest and backwards(at, latest):
        return Term("verify.backwards", seq=seq, at=at, latest=latest), prev, latest, notes
    if event is None:
        state.notes += 1  # all apply_event does for a note
        notes = notes or _NoteDigests(state)
        expected = notes.digest(state)
    else:
        fold_one(state, event)
        notes = None
        expected = state_digest(state) if event.state_digest is not None else ""
    recorded = _recorded_digest(plain, event)
    if recorded is not None and recorded != expected:
        return Term("verify.digest", seq=seq), prev, latest, notes
    return None, digest, max(latest, at), notes


def is_real(conn: sqlite3.Connection) -> bool:
    """Whether the file is real (its times only move forward) or a rehearsal, from event 1
    alone; a file from before modes existed counts as real."""
    import json

    row = conn.execute("SELECT payload FROM events WHERE seq = 1").fetchone()
    try:
        payload = json.loads(row[0]) if row else {}
    except (ValueError, TypeError, RecursionError):
        return True
    return not (isinstance(payload, dict) and payload.get("mode") == "rehearsal")


def first_link_problem(conn: sqlite3.Connection) -> Term | None:
    """Event 1 (the plan, and whether the file is real) checked against its own hash: a
    reader starting from a remembered head does not walk it again."""
    row = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE seq = 1").fetchone()
    if row is None:
        return None
    problem, *_ = _step(row, State(), 1, GENESIS, "", None, False)
    return problem


def head_problem(conn: sqlite3.Connection, trusted: Trusted) -> Term | None:
    """The proven head row read again, its columns checked and its hash recomputed: a
    reader that starts from a remembered head walks nothing, yet an edit of the newest
    event must still show. DamagedEvent for a row golive cannot have written."""
    row = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE seq = ?",
                       (trusted.seq,)).fetchone()
    if row is None:
        return Term("seen.rewritten", seq=trusted.seq)
    check_row(row)  # a hash that is no text is damage, not another history
    if row[7] != trusted.hash:
        return Term("seen.rewritten", seq=trusted.seq)
    Event.from_row(row)  # every column of the head: each reader and writer stands on it
    seq, at, actor, kind, target, stored, prev_hash, digest = row
    try:
        payload = (plain_canonical(stored) if kind == "note" else None) \
            or canonical_payload(stored)
        same = digest == event_hash_canonical(prev_hash, seq, at, actor, kind, target,
                                              payload)
    except (ValueError, TypeError, RecursionError):
        same = False
    if not same:
        what = " ".join(part for part in (str(kind), str(target)) if part)
        return Term("verify.altered", seq=seq, what=what)
    return None
