"""The event: one appended, hash-chained record per change. The log is the truth."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import pendulum

from golive.data.clock import from_utc_text

GENESIS = "0" * 64

KINDS = ("init", "approve", "reject", "revoke", "gate", "check", "contact", "staging",
         "note", "decide", "announce")


def canonical_json(value: Any) -> str:
    """One byte-exact JSON form, so a hash can be recomputed anywhere."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_hash(prev_hash: str, seq: int, at: str, actor: str, kind: str, target: str,
               payload: dict[str, Any]) -> str:
    body = canonical_json({"seq": seq, "at": at, "actor": actor, "kind": kind,
                           "target": target, "payload": payload})
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


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
