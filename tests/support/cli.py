"""The golive command as tests run it: a run's result, the arguments that make every
contact real, and the one-line-error rule every refusal must meet."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Result:
    code: int
    out: str
    err: str


CONTACT_ARGS = [
    ["contact.status-channel", "--channel", "#ltc-status"],
    ["contact.incident-channel", "--channel", "#ltc-incident"],
    ["contact.primary-on-call", "--name", "Anna Berg", "--phone", "030 2938475"],
    ["contact.backup-on-call", "--name", "Ben Kurz", "--phone", "+49 170 2938475"],
    ["contact.rollback-decider", "--name", "Carla Roth", "--phone", "0171 2938475"],
]


def one_line_error(result: Result) -> None:
    """Exit 2, one line on stderr that starts with "golive: ", no traceback."""
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith("golive: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
