"""The records of the state, as the state table holds them (JSON objects, one per item,
contact, staging, decision, go-live and corrections; log/fold.py writes them).

They are read back from a file unchecked: the types say what golive writes; the store
proves the rows are the fold of the log before anything reads them.
"""

from __future__ import annotations

from typing import Any, NotRequired, Required, TypedDict


class Stamp(TypedDict):
    """Who recorded it, when (UTC text) and in which event; `signed`: its signature's key
    by type and fingerprint (checked on reading, see State.checked)."""

    by: str
    at: str
    seq: int
    signed: NotRequired[str]
    imported: NotRequired[dict[str, Any]]  # done in the team's checklist (file, line, who, when)


class ItemRecord(Stamp, total=False):
    """A sign-off's, gate's, check's or comms task's state (ItemState; a gate's as set)."""

    state: Required[str]
    reason: str | None  # a rejection's, revocation's or correction's
    note: str | None  # a gate's
    reopened: Reopened  # the tick a reopen replaced
    corrected: int  # the seq this record's correction took back


class Reopened(TypedDict):
    by: str
    at: str
    seq: int


class Mark(Stamp):
    """What a correction leaves on the record it took back."""

    corrected: int
    reason: str | None


class ContactRecord(Stamp, total=False):
    name: Required[str | None]
    phone: Required[str | None]
    channel: Required[str | None]
    email: str  # kept from a checklist's contact table
    reason: str | None
    corrected: int


class StagingRecord(Stamp, total=False):
    since: Required[str]  # UTC text
    reason: str  # why it was moved earlier, and from when
    earlier_than: str


class DecisionRecord(Stamp):
    decision: str  # "go" or "no-go"
    reason: str | None


class StepRecord(Stamp):
    """One step of the go-live (Step), by whom (`by`) and recorded by whom (`actor`)."""

    reason: str | None
    decider: str | None  # for a rollback: the named rollback decider at the time
    actor: str


class CorrectionRecord(TypedDict):
    seq: int  # the correcting event
    reason: str | None
