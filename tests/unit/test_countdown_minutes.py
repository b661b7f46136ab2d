"""The header's countdown to the minute agrees with the header's clock: with T-0 on a whole
minute it is T-0 minus the minute the clock shows (the floor of the signed distance, as
every T-offset), so both change at the same second, before T-0, at it and after it."""

from __future__ import annotations

import datetime as dt

from golive.data.time.clock import format_countdown, format_countdown_minutes

T0 = dt.datetime(2026, 3, 6, 9, 0, tzinfo=dt.UTC)


def test_the_minute_countdown_is_t0_minus_the_minute_the_clock_shows() -> None:
    for tenths in [*range(-900_000, 900_000, 73), *range(-1300, 1300)]:
        seconds = tenths / 10  # to T-0, positive before it
        now = T0 - dt.timedelta(seconds=seconds)
        shown_minute = now.replace(second=0, microsecond=0)
        expected = format_countdown((T0 - shown_minute).total_seconds())[:-3]
        if seconds < 0:  # after T-0 the sign is '+', also in its first minute
            expected = "T+" + expected[2:]
        assert format_countdown_minutes(seconds) == expected, seconds


def test_around_t0_and_a_day() -> None:
    assert format_countdown_minutes(90_061) == "T-1d 01:02"
    assert format_countdown_minutes(90_000) == "T-1d 01:00"
    assert format_countdown_minutes(59.9) == "T-00:01"
    assert format_countdown_minutes(0) == "T-00:00"
    assert format_countdown_minutes(-0.5) == "T+00:00"
    assert format_countdown_minutes(-61) == "T+00:01"
