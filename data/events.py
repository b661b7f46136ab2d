"""The event: one appended, hash-chained record per change. The log is the truth."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import pendulum

from golive.data.clock import from_utc_text

GENESIS = "0" * 64
# Key, inside the stored payload, of the digest of the state the event leaves behind; it is
# hashed with the event but kept apart from the change's own payload once read.
STATE_DIGEST = "state_digest"

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
    state_digest: str | None = None

    @property
    def instant(self) -> pendulum.DateTime:
        return from_utc_text(self.at)

    def stored_payload(self) -> dict[str, Any]:
        """The payload as written to the file (with the state digest, when there is one)."""
        if self.state_digest is None:
            return self.payload
        return {**self.payload, STATE_DIGEST: self.state_digest}

    def expected_hash(self) -> str:
        return event_hash(self.prev_hash, self.seq, self.at, self.actor, self.kind,
                          self.target, self.stored_payload())

    @classmethod
    def from_row(cls, row: dict[str, Any] | tuple[Any, ...]) -> Event:
        if isinstance(row, dict):
            row = (row["seq"], row["at"], row["actor"], row["kind"], row["target"],
                   row["payload"], row["prev_hash"], row["hash"])
        seq, at, actor, kind, target, payload, prev_hash, hash_ = row
        try:
            data = json.loads(payload)
        except (ValueError, TypeError):
            raise DamagedEvent(seq, "its payload is not JSON") from None
        if not isinstance(data, dict):
            raise DamagedEvent(seq, "its payload is not a JSON object")
        digest = data.pop(STATE_DIGEST, None)
        return cls(seq, at, actor, kind, target, data, prev_hash, hash_, digest)


class DamagedEvent(ValueError):
    """A stored event golive cannot read; str() names it."""

    def __init__(self, seq: int, why: str) -> None:
        super().__init__(f"event {seq}: {why}")
        self.seq = seq
