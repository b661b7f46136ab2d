"""Every T-offset golive shows or writes is the floor of the signed distance from T-0, as
a clock floors the time: half a second before T-0 reads T-00:00:01, T-0 itself
T-00:00:00, half a second after T+00:00:00; an event 0.3 ms after a checkpoint carries
that checkpoint's offset. The countdown, the board's JSON, the export's rows (a note's
fast path and any other event) and the log's T column agree."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

import pytest

from golive.data.changes.commands import Note, SetGate
from golive.data.log.store import Store
from golive.data.outputs.export import write_export
from golive.data.outputs.report import board_to_dict
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock, format_countdown
from golive.log_source import log_rows
from golive.widgets.countdown import digits_text

PLAN = load_default_plan()
T0 = PLAN.t0


def at(seconds_after_t0: float) -> _dt.datetime:
    return T0 + _dt.timedelta(seconds=seconds_after_t0)


# (seconds after T-0, what every surface shows)
AROUND = [(-3600 + 0.0003, "T-01:00:00"), (-1.5, "T-00:00:02"), (-0.5, "T-00:00:01"),
          (-0.0003, "T-00:00:01"), (0, "T-00:00:00"), (0.0003, "T+00:00:00"),
          (0.5, "T+00:00:00"), (1.5, "T+00:00:01"), (-86400 + 0.5, "T-1d 00:00:00")]


@pytest.mark.parametrize(("after", "shown"), AROUND)
def test_the_board_counts_down_as_a_clock_floors(after: float, shown: str,
                                                 tmp_path: Path) -> None:
    store = Store.create(tmp_path / "g.sqlite", PLAN, FixedClock(at(after)), "rm",
                         rehearsal=True)
    board = store.board()
    store.close()
    assert board.countdown == shown
    assert format_countdown(-after) == shown
    whole = int(shown[-8:-6]) * 3600 + int(shown[-5:-3]) * 60 + int(shown[-2:])
    whole += 86400 * int(shown[2:shown.index("d")]) if "d" in shown else 0
    assert board_to_dict(board)["seconds_to_t0"] == (whole if shown[1] == "-" else -whole)
    assert digits_text(board.seconds_to_t0)[0] == shown[1]
    if "d" not in shown:
        assert digits_text(board.seconds_to_t0) == shown[1:]


def test_export_rows_and_log_rows_carry_the_floored_offset(tmp_path: Path) -> None:
    """Notes go through the export's fast path, a gate through the general one; the
    cockpit's log rows through neither."""
    clock = FixedClock(at(-7200))
    store = Store.create(tmp_path / "g.sqlite", PLAN, clock, "rm", rehearsal=True)
    first = store.read()[1] + 1
    expected = [shown for _, shown in AROUND[:-1]]
    for n, (after, _) in enumerate(AROUND[:-1]):
        clock.instant = at(after)
        store.apply(Note(f"n{n}"), "rm")
        store.apply(SetGate("gate.monitoring", "red" if n % 2 else "green", f"g{n}"), "rm")
    clock.instant = at(7200)
    path = write_export(store, tmp_path, fmt="json")
    count = store.read()[1]
    shown_rows = [row.plain for row in log_rows(store, first - 1, count - first + 1)]
    store.close()
    rows = json.loads(path.read_text(encoding="utf-8"))["timeline"][first - 1:]
    assert [r["t"] for r in rows if r["kind"] == "note"] == expected
    assert [r["t"] for r in rows if r["kind"] == "gate"] == expected
    assert [row.split()[4] for row in shown_rows] == [t for t in expected for _ in (0, 1)]
