"""A note: the one command that changes nothing on the board, in a module of its own, so
`golive note` (or a cockpit's first note) does not load the other commands' rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from golive.data.changes.parts import Change, field_text
from golive.data.log.kinds import Kind

if TYPE_CHECKING:
    import datetime as _dt

    from golive.data.log.fold import State
    from golive.data.plan.model import Plan


@dataclass(frozen=True)
class Note:
    """A line of free text for the log."""

    text: str

    def to_change(self, plan: Plan, state: State, now: _dt.datetime) -> Change:
        return Change(Kind.NOTE, "", {"text": field_text(self.text, "field.note.text")})
