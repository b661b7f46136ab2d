"""Zone arithmetic golive does, in the standard library (datetime + zoneinfo).

The rules are those of DESIGN "Time", as pendulum applied them, result for result
(tests/unit/test_instants.py compares them over both switches of several zones): hours are
real hours, days are calendar days at the same local time; a local time the zone skips
moves on by the gap and one it passes twice is the later one, unless the caller refuses
both. Importing pendulum costs a status line more than all of golive's own modules
(its parser loads dateutil's), so the read path uses this instead.

Two aware datetimes of the same zone compare, and subtract, on their wall clocks in
Python; `elapsed` is the real time between two instants.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from zoneinfo import ZoneInfo

UTC = _dt.UTC


class UnknownLocalTime(ValueError):
    """A local time that names no single instant in its zone."""


class SkippedTime(UnknownLocalTime):
    """The clocks jump over it (spring forward)."""


class RepeatedTime(UnknownLocalTime):
    """The clocks pass it twice (fall back)."""


@lru_cache(maxsize=64)
def zone(name: str) -> _dt.tzinfo:
    """The IANA zone `name` (ZoneInfoNotFoundError or ValueError if there is none)."""
    return UTC if name == "UTC" else ZoneInfo(name)


def local(wall: _dt.datetime, tz: _dt.tzinfo | str, *, strict: bool = False) -> _dt.datetime:
    """The naive wall-clock time `wall` in `tz`. A skipped time moves on by the gap and a
    repeated one is the later (pendulum's fold=1); with `strict` both are refused."""
    tz = zone(tz) if isinstance(tz, str) else tz
    wall = wall.replace(tzinfo=None, fold=1)
    before = tz.utcoffset(wall.replace(fold=0))
    after = tz.utcoffset(wall)
    assert before is not None and after is not None
    if after > before:
        if strict:
            raise SkippedTime(wall)
        wall += after - before
    elif before > after and strict:
        raise RepeatedTime(wall)
    return wall.replace(tzinfo=tz)


def in_zone(instant: _dt.datetime, tz: _dt.tzinfo | str) -> _dt.datetime:
    """The same instant on the wall clock of `tz`."""
    return instant.astimezone(zone(tz) if isinstance(tz, str) else tz)


def now(tz: _dt.tzinfo | str) -> _dt.datetime:
    """The wall clock's instant in `tz`."""
    return _dt.datetime.now(zone(tz) if isinstance(tz, str) else tz)


def later(instant: _dt.datetime, *, hours: float = 0, minutes: float = 0, seconds: float = 0,
          microseconds: int = 0) -> _dt.datetime:
    """`instant` plus real elapsed time (negative: earlier), in its own zone: 24 hours
    after 10:00 CET on the day before summer time is 11:00 CEST."""
    step = _dt.timedelta(hours=hours, minutes=minutes, seconds=seconds,
                         microseconds=microseconds)
    return (instant.astimezone(UTC) + step).astimezone(instant.tzinfo)


def days_later(instant: _dt.datetime, days: int) -> _dt.datetime:
    """`instant` moved by calendar days at the same local time (see `local` for a time
    the clocks skip or repeat on that day)."""
    assert instant.tzinfo is not None
    return local(instant.replace(tzinfo=None) + _dt.timedelta(days=days), instant.tzinfo)


def elapsed(start: _dt.datetime, end: _dt.datetime) -> _dt.timedelta:
    """The real time from `start` to `end` (negative if `end` is earlier), also across a
    switch of the same zone, where Python's own subtraction compares wall clocks."""
    return end.astimezone(UTC) - start.astimezone(UTC)
