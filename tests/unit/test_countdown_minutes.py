"""The header's countdown to the minute is the countdown panel's without its seconds: it
never contradicts the panel, before T-0, at it and after it."""

from __future__ import annotations

from golive.data.time.clock import format_countdown, format_countdown_minutes


def test_the_minute_countdown_is_the_second_countdown_cut_at_the_minute() -> None:
    for seconds in [*range(-90_000, 90_000, 7), *(x / 10 for x in range(-1300, 1300))]:
        whole = format_countdown(seconds)
        assert whole == format_countdown_minutes(seconds) + whole[-3:], seconds
    assert format_countdown_minutes(90_061) == "T-1d 01:01"
    assert format_countdown_minutes(59.9) == "T-00:00"
    assert format_countdown_minutes(-61) == "T+00:01"
