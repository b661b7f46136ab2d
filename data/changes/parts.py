"""What every command turns into (one event's parts) and how it reads a user's field, shared
by the board's commands (data/commands.py) and the go-live's (data/golive_commands.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from golive.data.changes.refused import Refused
from golive.data.log.kinds import Kind
from golive.data.texts.catalogue import Term
from golive.data.texts.user_text import TextError, user_text


@dataclass(frozen=True)
class Change:
    """What a command turns into: the parts of one event."""

    kind: Kind
    target: str
    payload: dict[str, Any]


def field_text(value: str | None, what: str, required: bool = True) -> str:
    """User text for the field named by catalogue key `what`."""
    try:
        return user_text(value, Term(what), required=required)
    except TextError as exc:
        raise Refused(exc.key or "", **exc.values) from None
