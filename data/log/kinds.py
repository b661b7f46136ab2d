"""The words the log is made of: the kinds of event, the states an item is recorded in, the
go-live's steps.

StrEnums: each member is its string, so the stored JSON, every hash and every existing
file stay as they were, and a member compares equal to the text read back from a file
(where a kind golive does not know may also stand: verify names it).
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What an event records (its `kind` column, inside its hash)."""

    INIT = "init"  # event 1: the plan, and whether the file is real or a rehearsal
    APPROVE = "approve"
    REJECT = "reject"
    REVOKE = "revoke"
    GATE = "gate"
    CHECK = "check"
    CONTACT = "contact"
    STAGING = "staging"
    NOTE = "note"
    DECIDE = "decide"
    ANNOUNCE = "announce"
    DEPLOY = "deploy"
    ROLLBACK = "rollback"
    OUTCOME = "outcome"
    CORRECT = "correct"


class ItemState(StrEnum):
    """An item's state: a sign-off's, a gate's (open, green, red) or a check's."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    REVOKED = "revoked"
    OPEN = "open"
    GREEN = "green"
    RED = "red"
    DONE = "done"


class Step(StrEnum):
    """The go-live after a GO, in the order it happens (deploy, then success or rollback)."""

    STARTED = "started"
    FINISHED = "finished"
    VERIFIED = "verified"
    SUCCESS = "success"
    ROLLBACK = "rollback"
    ROLLBACK_FINISHED = "rollback-finished"
