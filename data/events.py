"""The event: one appended, hash-chained record per change. The log is the truth."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

import pendulum

from golive.data.clock import from_utc_text

GENESIS = "0" * 64

KINDS = ("init", "approve", "reject", "revoke", "gate", "check", "contact", "staging",
         "note", "decide", "announce")


_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_string = json.encoder.encode_basestring  # what _CANONICAL writes for a str


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
    sorted key order rather than built as a dict: the same bytes (tests/test_events.py) at
    a fraction of the cost `verify` pays once per event."""
    body = (f'{{"actor":{_string(actor)},"at":{_string(at)},"kind":{_string(kind)},'
            f'"payload":{payload_json},"seq":{seq:d},"target":{_string(target)}}}')
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


# A stored payload of one string under one key, with only the escapes json.dumps writes:
# its canonical form is the same text without the space after the colon. Anything else
# (more keys, other values, \u escapes) goes through json.loads and back.
_ONE_STRING = re.compile(r'\{("[a-z_]+"): ("[^"\\\x00-\x1f]*(?:\\["\\bfnrt][^"\\\x00-\x1f]*)*")\}')


def stored_payload(stored: str) -> dict[str, Any]:
    """json.loads of a stored payload, with a note's one plain string read straight from
    the text (no escapes in it: the common case)."""
    match = _ONE_STRING.fullmatch(stored)
    if match is not None and "\\" not in match[2]:
        return {match[1][1:-1]: match[2][1:-1]}
    return json.loads(stored)


def canonical_payload(stored: str) -> str:
    """The canonical JSON of a payload as stored (json.dumps with default separators),
    without parsing it when it is a single string such as a note's text."""
    match = _ONE_STRING.fullmatch(stored)
    if match is not None:
        return f"{{{match[1]}:{match[2]}}}"
    return _CANONICAL.encode(json.loads(stored))


@dataclass(frozen=True)
class Event:
    seq: int
    at: str  # UTC, see clock.to_utc_text
    actor: str
    kind: str
    target: str
    payload: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""

    @property
    def instant(self) -> pendulum.DateTime:
        return from_utc_text(self.at)

    def expected_hash(self) -> str:
        return event_hash(self.prev_hash, self.seq, self.at, self.actor, self.kind,
                          self.target, self.payload)

    @classmethod
    def from_row(cls, row: dict[str, Any] | tuple[Any, ...]) -> Event:
        if isinstance(row, dict):
            row = (row["seq"], row["at"], row["actor"], row["kind"], row["target"],
                   row["payload"], row["prev_hash"], row["hash"])
        seq, at, actor, kind, target, payload, prev_hash, hash_ = row
        return cls(seq, at, actor, kind, target, json.loads(payload), prev_hash, hash_)
