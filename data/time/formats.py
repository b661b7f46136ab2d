"""Every way golive writes a time for people, by name.

Names read as the text they give: `day` is DD.MM., `date` YYYY-MM-DD, `dotted_date`
DD.MM.YYYY; `hm` hours:minutes, `hms` with seconds; `zone` the zone's abbreviation (CET,
CEST), so an instant is never read in the wrong offset; `weekday` the catalogue's short
weekday in the plan's language. Each gives, byte for byte, what pendulum's `format` with
the matching tokens gave (tests/unit/test_time_formats.py), through the standard library's
strftime: pendulum loads its locale machinery on first use, which costs the cockpit's
first frame about 11 ms. The stored form of an instant is clock.to_utc_text, not here.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

from golive.data.texts.catalogue import text
from golive.data.time.instants import zone


def strftime_with_weekday(instant: _dt.datetime, pattern: str, lang: str = "en") -> str:
    """strftime, with %a as the catalogue's weekday (pendulum's "dd" with the plan's
    locale, Monday first) instead of the C locale's."""
    if "%a" in pattern:
        pattern = pattern.replace("%a", text(lang, "weekdays").split()[instant.weekday()])
    return instant.strftime(pattern)


def hm(instant: _dt.datetime) -> str:
    """09:58"""
    return instant.strftime("%H:%M")


def day_hm(instant: _dt.datetime) -> str:
    """05.03. 17:45"""
    return instant.strftime("%d.%m. %H:%M")


def day_hm_zone(instant: _dt.datetime) -> str:
    """05.03. 17:45 CET"""
    return instant.strftime("%d.%m. %H:%M %Z")


def day_hm_zone_in(instant: _dt.datetime, year: int) -> str:
    """05.03. 17:45 CET in `year` (T-0's), 05.03.2025 17:45 CET in any other: an instant a
    year off (a typo) never reads like the right one."""
    return day_hm_zone(instant) if instant.year == year else dotted_date_hm_zone(instant)


def day_hms_zone(instant: _dt.datetime) -> str:
    """05.03. 17:45:02 CET"""
    return instant.strftime("%d.%m. %H:%M:%S %Z")


def date_hm(instant: _dt.datetime) -> str:
    """2026-03-05 17:45 (what a form offers to edit)"""
    return instant.strftime("%Y-%m-%d %H:%M")


def date_t_hms(instant: _dt.datetime) -> str:
    """2026-03-05T17:45:02 (local, without an offset: what a form offers to edit)"""
    return instant.strftime("%Y-%m-%dT%H:%M:%S")


def date_hm_zone(instant: _dt.datetime) -> str:
    """2026-03-05 17:45 CET"""
    return instant.strftime("%Y-%m-%d %H:%M %Z")


def date_hms_zone(instant: _dt.datetime) -> str:
    """2026-03-05 17:45:02 CET"""
    return instant.strftime("%Y-%m-%d %H:%M:%S %Z")


def dotted_date(day: _dt.date) -> str:
    """05.03.2026"""
    return day.strftime("%d.%m.%Y")


def dotted_date_hm_zone(instant: _dt.datetime) -> str:
    """05.03.2026 17:45 CET"""
    return instant.strftime("%d.%m.%Y %H:%M %Z")


def dotted_date_hms_zone(instant: _dt.datetime) -> str:
    """05.03.2026 17:45:02 CET"""
    return instant.strftime("%d.%m.%Y %H:%M:%S %Z")


def weekday_hm(instant: _dt.datetime, lang: str) -> str:
    """Do. 17:45"""
    return strftime_with_weekday(instant, "%a %H:%M", lang)


def weekday_day_hm_zone(instant: _dt.datetime, lang: str) -> str:
    """Do. 05.03. 17:45 CET"""
    return strftime_with_weekday(instant, "%a %d.%m. %H:%M %Z", lang)


def weekday_dotted_date_hm_zone(instant: _dt.datetime, lang: str) -> str:
    """Do. 05.03.2026 17:45 CET"""
    return strftime_with_weekday(instant, "%a %d.%m.%Y %H:%M %Z", lang)


def hm_or_day_hm(instant: _dt.datetime, now: _dt.datetime) -> str:
    """09:58 on now's day, 05.03. 17:45 on another, both in now's zone: short enough for
    a blocker line."""
    instant = instant.astimezone(now.tzinfo)
    return hm(instant) if instant.date() == now.date() else day_hm(instant)


def near_when(instant: _dt.datetime | None, now: _dt.datetime, lang: str) -> str:
    """09:10 on now's day, the weekday and time within the week around it (Do. 09:10),
    else 05.03. 09:10; '' for no instant."""
    if instant is None:
        return ""
    if instant.date() == now.date():
        return hm(instant)
    if abs((instant.date() - now.date()).days) < 6:
        return weekday_hm(instant, lang)
    return day_hm(instant)


@lru_cache(maxsize=8)
def plan_zone(name: str) -> _dt.tzinfo:
    """The plan's zone as a tzinfo for the standard library's fast per-row formatting."""
    return zone(name)


def zone_width(name: str, earliest: _dt.datetime, latest: _dt.datetime) -> int:
    """The widest abbreviation (CET 3, CEST 4) the zone `name` uses between two instants,
    so a column after it stays aligned across a switch and a log all in CET keeps its
    width."""
    return _zone_width(name, earliest.astimezone(_dt.UTC).date(),
                       latest.astimezone(_dt.UTC).date())


@lru_cache(maxsize=16)
def _zone_width(name: str, first: _dt.date, last: _dt.date) -> int:
    """Sampled at noon every 7 days from the day before `first` to the day after `last`
    (a zone keeps an abbreviation for longer than that)."""
    tz, day, end = plan_zone(name), first - _dt.timedelta(days=1), last + _dt.timedelta(days=1)
    width = 0
    while True:
        width = max(width, len(_dt.datetime.combine(day, _dt.time(12), tz).strftime("%Z")))
        if day >= end:
            return width
        day = min(end, day + _dt.timedelta(days=7))


def local_with_offset(instant: _dt.datetime, zone: str) -> str:
    """2026-03-06 10:15:02+01:00: wall-clock time in the zone with its offset, so CET and
    CEST never blur in a retrospective."""
    return instant.astimezone(plan_zone(zone)).isoformat(sep=" ", timespec="seconds")


def utc_second(instant: _dt.datetime) -> str:
    """2026-03-05T16:45:02Z: an instant to the second in UTC (signed statements, the
    heads golive remembers)."""
    return instant.astimezone(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_compact(instant: _dt.datetime) -> str:
    """20260305T164502Z: UTC to the second, for a file name."""
    return instant.astimezone(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")
