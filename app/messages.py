"""The messages between the cockpit's forms and the app: a form asks for a write, the app
answers it. Small dataclass messages, so a form needs no handle on the app to write."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from golive.data.changes.commands import Command


@dataclass
class WriteRequested(Message):
    """Write this command through the one write path; the app answers the form that asked
    with `Written`. It bubbles from the form to the app."""

    command: Command
    reply_to: MessagePump  # the form that waits for the answer


@dataclass
class Written(Message):
    """The answer to a WriteRequested: None once the event is on disk and the board shows
    it, else why nothing was written (the form stays open and says it)."""

    error: str | None
