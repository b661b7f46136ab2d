"""The event: one appended, hash-chained record per change. The log is the truth."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from golive.data.log.stored_json import MAX_DEPTH, StoredJSONError, loads
from golive.data.texts.catalogue import Said
from golive.data.time.clock import from_utc_text, is_utc_text

GENESIS = "0" * 64
# Key, inside the stored payload, of the digest of the state the event leaves behind; it is
# hashed with the event but kept apart from the change's own payload once read.
STATE_DIGEST = "state_digest"



_TEXT_COLUMNS = ("actor", "kind", "target", "payload", "prev_hash", "hash")
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
json_string = json.encoder.encode_basestring  # what _CANONICAL writes for a str


def canonical_json(value: Any) -> str:
    """One byte-exact JSON form, so a hash can be recomputed anywhere."""
    return _CANONICAL.encode(value)


def event_hash(prev_hash: str, seq: int, at: str, actor: str, kind: str, target: str,
               payload: dict[str, Any]) -> str:
    """SHA-256 of prev_hash + canonical_json({seq, at, actor, kind, target, payload})."""
    return event_hash_canonical(prev_hash, seq, at, actor, kind, target,
                                _CANONICAL.encode(payload))


def event_hash_canonical(prev_hash: str, seq: int, at: str, actor: str, kind: str,
                         target: str, payload_json: str) -> str:
    """event_hash with the payload already in canonical JSON. The body is written out in
    sorted key order rather than built as a dict: the same bytes (tests/unit/test_events.py) at
    a fraction of the cost `verify` pays once per event."""
    body = (f'{{"actor":{json_string(actor)},"at":{json_string(at)},"kind":{json_string(kind)},'
            f'"payload":{payload_json},"seq":{seq:d},"target":{json_string(target)}}}')
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


# A stored payload whose values are all strings under plain keys, with only the escapes
# json.dumps writes (a note: its text and the state digest): its canonical form is the
# same pairs sorted by key, without the spaces. Anything else (other values, \u escapes,
# a key twice) goes through json.loads and back.
_JSON_STRING = r'"[^"\\\x00-\x1f]*(?:\\["\\bfnrt][^"\\\x00-\x1f]*)*"'
_PAIR = re.compile(rf'"([a-z_]+)": ({_JSON_STRING})')
_STRINGS = re.compile(rf'\{{{_PAIR.pattern}(?:, {_PAIR.pattern})*\}}')
# the commonest of them, a note as Store writes it, read with one match (chain.walk too)
NOTE_STORED = re.compile(rf'\{{"text": ({_JSON_STRING}), "{STATE_DIGEST}": "([0-9a-f]{{64}})"\}}')


def _string_pairs(stored: str) -> list[tuple[str, str]] | None:
    """The (key, JSON string) pairs of such a payload, in stored order; None otherwise."""
    if _STRINGS.fullmatch(stored) is None:
        return None
    pairs: list[tuple[str, str]] = _PAIR.findall(stored)
    return pairs if len({k for k, _ in pairs}) == len(pairs) else None


def plain_canonical(stored: str) -> str | None:
    """The canonical JSON of a stored payload of plain strings only (a note's), without
    parsing it; None for any other payload."""
    if not isinstance(stored, str):  # a BLOB: Event.from_row says what is wrong
        return None
    note = NOTE_STORED.fullmatch(stored)
    if note is not None:
        return f'{{"{STATE_DIGEST}":"{note[2]}","text":{note[1]}}}'
    pairs = _string_pairs(stored)
    if pairs is None:
        return None
    return "{" + ",".join(f'"{k}":{v}' for k, v in sorted(pairs)) + "}"


def stored_payload(stored: str, seq: int) -> dict[str, Any]:
    """The payload of event `seq` as Event.from_row reads it (a JSON object, without the
    state digest), with a note's plain strings read straight from the text (no escapes
    in them: the common case); DamagedEvent when golive did not write it."""
    plain = isinstance(stored, str) and "\\" not in stored
    note = NOTE_STORED.fullmatch(stored) if plain else None
    if note is not None:
        return {"text": note[1][1:-1]}
    pairs = _string_pairs(stored) if plain else None
    data = {k: v[1:-1] for k, v in pairs} if pairs is not None else json_object(stored, seq)
    data.pop(STATE_DIGEST, None)
    return data


def json_object(stored: str, seq: int) -> dict[str, Any]:
    """A stored payload parsed (stored_json: bounded nesting, no NaN); DamagedEvent naming
    event `seq` when it is not a JSON object (golive never writes anything else)."""
    try:
        data = loads(stored)
    except StoredJSONError as exc:
        raise DamagedEvent(seq, f"damaged.{exc.reason}", column="payload",
                           limit=MAX_DEPTH) from None
    if not isinstance(data, dict):
        raise DamagedEvent(seq, "damaged.not_object")
    return data


def canonical_payload(stored: str) -> str:
    """The canonical JSON of a payload as stored (json.dumps with default separators),
    without parsing it when its values are plain strings, as a note's are."""
    plain = plain_canonical(stored)
    return plain if plain is not None else _CANONICAL.encode(loads(stored))


@dataclass(frozen=True)
class Event:
    """One row of the log as read back: what happened, when, by whom, and its hash."""

    seq: int
    at: str  # UTC, see clock.to_utc_text
    actor: str
    kind: str
    target: str
    payload: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""
    state_digest: str | None = None

    @property
    def instant(self) -> _dt.datetime:
        return from_utc_text(self.at)

    def stored_payload(self) -> dict[str, Any]:
        """The payload as written to the file (with the state digest, when there is one)."""
        if self.state_digest is None:
            return self.payload
        return {**self.payload, STATE_DIGEST: self.state_digest}

    @classmethod
    def from_row(cls, row: dict[str, Any] | tuple[Any, ...]) -> Event:
        if isinstance(row, dict):
            row = (row["seq"], row["at"], row["actor"], row["kind"], row["target"],
                   row["payload"], row["prev_hash"], row["hash"])
        seq, at, actor, kind, target, payload, prev_hash, hash_ = row
        check_row(row)
        data = json_object(payload, seq)
        digest = data.pop(STATE_DIGEST, None)
        return cls(seq, at, actor, kind, target, data, prev_hash, hash_, digest)


def check_row(row: tuple[Any, ...]) -> None:
    """DamagedEvent unless the row's columns hold what golive writes there: text (a BLOB
    or a number is not), and a time of to_utc_text's form in a year golive works with.
    `verify` asks once per event: one expression in the common case."""
    seq, at, actor, kind, target, payload, prev_hash, hash_ = row
    if not is_utc_text(at):
        raise DamagedEvent(seq, "damaged.at")
    if not (type(actor) is type(kind) is type(target) is type(payload) is type(prev_hash)
            is type(hash_) is str):
        column = next(name for name, value in zip(_TEXT_COLUMNS, row[2:], strict=True)
                      if type(value) is not str)
        raise DamagedEvent(seq, "damaged.binary", column=column)


class DamagedEvent(Said, ValueError):
    """A stored event golive cannot read; str() names it (`key`: why, in the catalogue)."""

    def __init__(self, seq: int, key: str, **values: Any) -> None:
        super().__init__(key, seq=seq, **values)
        self.seq = seq
