"""The clock: fixed and rehearsal clocks, the countdown's format around T-0, the phase,
and local times that DST makes impossible or ambiguous."""

from __future__ import annotations

import pendulum
import pytest

from golive.data.log.fold import State
from golive.data.rules.verdict import evaluate
from golive.data.time.clock import (
    ClockError,
    FixedClock,
    RealClock,
    RehearsalClock,
    format_countdown,
    format_duration,
    from_utc_text,
    make_clock,
    parse_instant,
    to_utc_text,
)
from golive.data.time.instants import days_later, elapsed

ZONE = "Europe/Berlin"


def test_fixed_clock_stands_still():
    instant = pendulum.datetime(2026, 3, 6, 9, 59, 59, tz=ZONE)
    c = FixedClock(instant)
    assert c.now() == instant and c.now() == instant


def test_real_clock_is_in_its_zone():
    now = RealClock(ZONE).now()
    assert str(now.tzinfo) == ZONE
    assert abs(elapsed(now, pendulum.now("UTC")).total_seconds()) < 5


def test_rehearsal_clock_runs_speed_times_faster(monkeypatch):
    """Ten real seconds at speed 60 are ten minutes of go-live day."""
    start = pendulum.datetime(2026, 3, 6, 9, 0, tz=ZONE)
    seconds = iter([1000.0, 1010.0, 1000.5])  # the origin, then two readings
    c = RehearsalClock(start, speed=60, source=lambda: next(seconds))
    assert c.now() == start.add(minutes=10)
    assert c.now() == start.add(seconds=30)


def test_make_clock_variants():
    assert isinstance(make_clock(ZONE), RealClock)
    fixed = make_clock(ZONE, "2026-03-06T10:00")
    assert isinstance(fixed, FixedClock)
    assert fixed.now().isoformat() == "2026-03-06T10:00:00+01:00"
    assert isinstance(make_clock(ZONE, "2026-03-06T10:00", 10), RehearsalClock)
    with pytest.raises(ClockError, match="--speed needs --now"):
        make_clock(ZONE, None, 10)
    for bad in (0, -1, 1e9):
        with pytest.raises(ClockError, match="--speed"):
            make_clock(ZONE, "2026-03-06T10:00", bad)


@pytest.mark.parametrize(("seconds", "shown"), [
    (1, "T-00:00:01"),
    (0, "T-00:00:00"),
    (-61, "T+00:01:01"),
    (86400, "T-1d 00:00:00"),
    (86399, "T-23:59:59"),
    (90061, "T-1d 01:01:01"),
    (-86400 - 3661, "T+1d 01:01:01"),
    (0.9, "T-00:00:01"),      # the floor of the signed distance, as a clock shows it
    (1.999, "T-00:00:02"),
    (-0.5, "T+00:00:00"),
    (-1.5, "T+00:00:01"),
])
def test_countdown_format(seconds, shown):
    assert format_countdown(seconds) == shown


def test_countdown_of_the_board_around_t0(plan):
    """The board's countdown at T-1 s, T-0, T+61 s and one day before, from the plan's T-0."""
    def countdown(now):
        return evaluate(plan, State(), now).countdown
    t0 = pendulum.instance(plan.t0)
    assert countdown(t0.subtract(seconds=1)) == "T-00:00:01"
    assert countdown(t0) == "T-00:00:00"
    assert countdown(t0.add(seconds=61)) == "T+00:01:01"
    assert countdown(t0.subtract(days=1)) == "T-1d 00:00:00"


def test_countdown_across_dst_counts_real_seconds():
    """From 2026-03-29 01:00 CET to 04:00 CEST is two real hours, not three."""
    t0 = pendulum.datetime(2026, 3, 29, 4, tz=ZONE)
    now = pendulum.datetime(2026, 3, 29, 1, tz=ZONE)
    assert format_countdown((t0 - now).total_seconds()) == "T-02:00:00"


@pytest.mark.parametrize(("seconds", "shown"), [
    (0, "0 s"), (45, "45 s"), (60, "1 min"), (3 * 60, "3 min"), (5 * 3600 + 12 * 60, "5 h 12 min"),
    (3600, "1 h"), (86400 + 3600, "1 d 1 h"), (-90, "1 min"),
])
def test_format_duration(seconds, shown):
    assert format_duration(seconds) == shown


@pytest.mark.parametrize(("now", "phase"), [
    ("2026-03-04T10:00:00", "before:t-24h"),
    ("2026-03-05T09:59:59", "before:t-24h"),
    ("2026-03-05T10:00:00", "t-24h"),
    ("2026-03-06T08:59:59", "t-24h"),
    ("2026-03-06T09:00:00", "t-1h"),
    ("2026-03-06T09:59:59", "t-1h"),
    ("2026-03-06T10:00:00", "t-0"),
    ("2026-03-07T09:59:59", "t-0"),
    ("2026-03-07T10:00:00", "after:t+24h"),
    ("2026-04-01T00:00:00", "after:t+24h"),
])
def test_phase_before_at_and_after_checkpoints(plan, now, phase):
    board = evaluate(plan, State(), parse_instant(now, ZONE))
    assert board.window == phase
    current = [m.id for m in board.milestones if m.current]
    assert current == ([] if phase.startswith("before") else [phase.split(":")[-1]])


def test_phase_labels_in_german(plan):
    assert evaluate(plan, State(), days_later(plan.t0, -2)).window_label == "vor T-24h"
    assert evaluate(plan, State(), plan.t0).window_label == "ab T-0"
    assert evaluate(plan, State(), days_later(plan.t0, 2)).window_label == "nach T+24h"


def test_parse_instant_local_and_with_offset():
    assert parse_instant("2026-03-06T10:00", ZONE).isoformat() == "2026-03-06T10:00:00+01:00"
    assert parse_instant("2026-07-01T10:00", ZONE).isoformat() == "2026-07-01T10:00:00+02:00"
    assert parse_instant("2026-03-06T09:00:00Z", ZONE).isoformat() == \
        "2026-03-06T10:00:00+01:00"
    assert str(parse_instant(" 2026-03-06T10:00:00+00:00 ", ZONE).tzinfo) == ZONE


@pytest.mark.parametrize(("text", "why"), [
    ("2026-03-29T02:30", "does not exist"),
    ("2026-03-29T02:00:00", "does not exist"),
    ("2026-10-25T02:30", "ambiguous"),
    ("2026-10-25T02:00:00", "ambiguous"),
    ("yesterday", "not an ISO-8601 instant"),
    ("2026-02-30T10:00", "not an ISO-8601 instant"),
    ("", "not an ISO-8601 instant"),
])
def test_parse_instant_refuses(text, why):
    with pytest.raises(ClockError, match=why):
        parse_instant(text, ZONE)


def test_parse_instant_accepts_dst_edges_with_an_offset():
    """The same wall-clock times are fine once an offset says which one is meant."""
    first = parse_instant("2026-10-25T02:30:00+02:00", ZONE)
    second = parse_instant("2026-10-25T02:30:00+01:00", ZONE)
    assert elapsed(first, second).total_seconds() == 3600
    assert (second - first).total_seconds() == 0  # Python compares wall clocks in one zone
    assert parse_instant("2026-03-29T03:00", ZONE).isoformat() == "2026-03-29T03:00:00+02:00"
    assert parse_instant("2026-03-29T01:59:59", ZONE).isoformat() == "2026-03-29T01:59:59+01:00"


def test_utc_text_round_trip_and_sorts():
    a = pendulum.datetime(2026, 3, 6, 10, 0, 0, 5, tz=ZONE)
    b = a.add(seconds=1)
    assert to_utc_text(a) == "2026-03-06T09:00:00.000005Z"
    assert from_utc_text(to_utc_text(a)) == a
    assert to_utc_text(a) < to_utc_text(b)
