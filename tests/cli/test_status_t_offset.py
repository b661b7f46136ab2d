"""`status` (line and JSON) around T-0 as a clock shows the time: the floor of the signed
distance, so half a second before T-0 is one second to go and half a second after is
T+00:00:00."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize(("now", "shown", "seconds"), [
    ("2026-03-06T09:59:59.5", "T-00:00:01", 1),
    ("2026-03-06T10:00:00", "T-00:00:00", 0),
    ("2026-03-06T10:00:00.5", "T+00:00:00", 0),
    ("2026-03-06T08:59:59.9997", "T-01:00:01", 3601),
])
def test_status_floors_the_distance_to_t0(cli, now: str, shown: str, seconds: int) -> None:
    assert cli("init", "--db", "g.sqlite", "--now=2026-03-05T08:00").code == 0
    line = cli("status", "--line", "--db", "g.sqlite", f"--now={now}")
    board = json.loads(cli("status", "--json", "--db", "g.sqlite", f"--now={now}").out)
    assert line.out.endswith(f" · {shown}\n"), line
    assert (board["countdown"], board["seconds_to_t0"]) == (shown, seconds)
