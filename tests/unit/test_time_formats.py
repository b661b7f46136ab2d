"""The named time formats (data/time/formats.py) give, byte for byte, what the pendulum
`format` calls they replaced gave: across zones with odd offsets and every DST change of a
year, in both languages."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

import pendulum
import pytest

from golive.data.time import formats

# each named format and the pendulum tokens it stands for
PLAIN: list[tuple[Callable[[_dt.datetime], str], str]] = [
    (formats.hm, "HH:mm"),
    (formats.day_hm, "DD.MM. HH:mm"),
    (formats.day_hm_zone, "DD.MM. HH:mm zz"),
    (formats.day_hms_zone, "DD.MM. HH:mm:ss zz"),
    (formats.date_hm, "YYYY-MM-DD HH:mm"),
    (formats.date_t_hms, "YYYY-MM-DDTHH:mm:ss"),
    (formats.date_hm_zone, "YYYY-MM-DD HH:mm zz"),
    (formats.date_hms_zone, "YYYY-MM-DD HH:mm:ss zz"),
    (formats.dotted_date_hm_zone, "DD.MM.YYYY HH:mm zz"),
    (formats.dotted_date_hms_zone, "DD.MM.YYYY HH:mm:ss zz"),
]
WORDED: list[tuple[Callable[[_dt.datetime, str], str], str]] = [
    (formats.weekday_hm, "dd HH:mm"),
    (formats.weekday_day_hm_zone, "dd DD.MM. HH:mm zz"),
    (formats.weekday_dotted_date_hm_zone, "dd DD.MM.YYYY HH:mm zz"),
]


def instants(zone: str) -> list[pendulum.DateTime]:
    """Every 7 h 13 min 17.3 s for a year: every weekday at many hours, each DST change."""
    start = pendulum.datetime(2026, 1, 1, tz="UTC")
    return [start.add(seconds=k * 26_000.3).in_tz(zone) for k in range(365 * 24 // 7)]


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
                                  "Asia/Kolkata"])
def test_each_named_format_is_the_pendulum_format_it_replaced(zone: str) -> None:
    for instant in instants(zone):
        for named, tokens in PLAIN:
            assert named(instant) == instant.format(tokens), (named.__name__, instant)
        for lang in ("de", "en"):
            for worded, tokens in WORDED:
                assert worded(instant, lang) == instant.format(tokens, locale=lang)
        assert formats.dotted_date(instant.date()) == instant.format("DD.MM.YYYY")


def test_an_offset_given_as_a_number_reads_as_pendulum_wrote_it() -> None:
    """A typed instant with an offset and no zone name (`--now 2026-03-06T10:00+05:30`)."""
    instant = pendulum.parse("2026-03-06T10:00:00+05:30")
    assert isinstance(instant, pendulum.DateTime)
    for named, tokens in PLAIN:
        assert named(instant) == instant.format(tokens)


def test_a_short_time_is_read_in_nows_zone() -> None:
    """hm_or_day_hm: what a blocker line says, as verdict.clock_text did (in now's zone)."""
    now = pendulum.datetime(2026, 3, 6, 9, 30, tz="Europe/Berlin")
    for hours in (-30, -9, -1, 0, 5, 20):
        instant = now.add(hours=hours).in_tz("UTC")
        local = instant.in_tz("Europe/Berlin")
        expected = local.format("HH:mm" if local.date() == now.date() else "DD.MM. HH:mm")
        assert formats.hm_or_day_hm(instant, now) == expected


def test_utc_stamps_keep_their_form() -> None:
    """The instant in a signed statement and an evidence file's name."""
    instant = pendulum.datetime(2026, 3, 5, 17, 45, 2, 999_000, tz="Europe/Berlin")
    assert formats.utc_second(instant) == "2026-03-05T16:45:02Z"
    assert formats.utc_compact(instant) == "20260305T164502Z"
    assert formats.local_with_offset(instant.in_tz("UTC"), "Europe/Berlin") == (
        "2026-03-05 17:45:02+01:00")
