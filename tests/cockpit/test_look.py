"""The panels' local times (issue 10): formatted by the standard library with golive's own
weekday names, they read exactly as pendulum's format with the plan's locale did."""

from __future__ import annotations

import pendulum
import pytest

from golive.data.time.formats import near_when, strftime_with_weekday

# golive's pattern and the pendulum format it replaces
PATTERNS = [
    ("%a %d.%m.%Y %H:%M:%S %Z", "dd DD.MM.YYYY HH:mm:ss zz"),
    ("%a %d.%m. %H:%M:%S %Z", "dd DD.MM. HH:mm:ss zz"),
    ("%d.%m. %H:%M:%S %Z", "DD.MM. HH:mm:ss zz"),
    ("%d.%m.%Y %H:%M:%S %Z", "DD.MM.YYYY HH:mm:ss zz"),
    ("%d.%m. %H:%M %Z", "DD.MM. HH:mm zz"),
    ("%a %H:%M", "dd HH:mm"),
    ("%H:%M", "HH:mm"),
]


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_strftime_with_weekday_equals_pendulum_format(zone: str, lang: str) -> None:
    start = pendulum.datetime(2026, 1, 1, tz="UTC")
    # every 7 h 13 min 17.3 s for a year: every weekday at many hours, each DST change
    for k in range(365 * 24 // 7):
        instant = start.add(seconds=k * 26_000.3).in_tz(zone)
        for ours, theirs in PATTERNS:
            assert strftime_with_weekday(instant, ours, lang) == instant.format(theirs, locale=lang)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_when_reads_as_before(lang: str) -> None:
    now = pendulum.datetime(2026, 3, 6, 9, 30, tz="Europe/Berlin")
    for hours in (-200, -100, -30, -5, 0, 3, 30, 100, 200):
        instant = now.add(hours=hours)
        expected = (instant.format("HH:mm") if instant.date() == now.date() else
                    instant.format("dd HH:mm", locale=lang)
                    if abs((instant.date() - now.date()).days) < 6 else
                    instant.format("DD.MM. HH:mm"))
        assert near_when(instant, now, lang) == expected
    assert near_when(None, now, lang) == ""
