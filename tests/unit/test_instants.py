"""golive.data.time.instants gives what pendulum gave, result for result, where DST makes
it hard: local times the clocks skip or repeat, real hours and calendar days across both
switches, and the real time between two instants of one zone (issue 24: the read path
left pendulum, whose import costs a status line more than golive itself)."""

from __future__ import annotations

import datetime as _dt

import pendulum
import pytest
from pendulum.tz.exceptions import AmbiguousTime, NonExistingTime

from golive.data.time.instants import (
    RepeatedTime,
    SkippedTime,
    days_later,
    elapsed,
    in_zone,
    later,
    local,
)

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago",
         "Asia/Kolkata", "UTC"]


def walls(zone: str) -> list[_dt.datetime]:
    """Every 15 minutes of the two days around each of the zone's switches in 2026 (and a
    plain day), naive."""
    tz = pendulum.timezone(zone)
    days = [_dt.date(2026, 1, 15)]
    start = _dt.datetime(2026, 1, 1, 12, tzinfo=_dt.UTC)
    for hour in range(0, 365 * 24, 6):
        a, b = start + _dt.timedelta(hours=hour), start + _dt.timedelta(hours=hour + 6)
        if a.astimezone(tz).utcoffset() != b.astimezone(tz).utcoffset():
            days.append(a.astimezone(tz).date())
    out = []
    for day in days:
        first = _dt.datetime(day.year, day.month, day.day) - _dt.timedelta(days=1)
        out += [first + _dt.timedelta(minutes=15 * n) for n in range(4 * 24 * 3)]
    return out


def same(ours: _dt.datetime, theirs: _dt.datetime) -> None:
    """Same instant, same wall clock, same offset, same fold."""
    assert (ours.isoformat(), ours.fold, ours.tzname()) == \
        (theirs.isoformat(), theirs.fold, theirs.tzname())


@pytest.mark.parametrize("zone", ZONES)
def test_local_times_are_pendulums(zone: str) -> None:
    for wall in walls(zone):
        fields = (wall.year, wall.month, wall.day, wall.hour, wall.minute)
        same(local(wall, zone), pendulum.datetime(*fields, tz=zone))
        try:
            theirs = pendulum.datetime(*fields, tz=zone, raise_on_unknown_times=True)
        except NonExistingTime:
            with pytest.raises(SkippedTime):
                local(wall, zone, strict=True)
        except AmbiguousTime:
            with pytest.raises(RepeatedTime):
                local(wall, zone, strict=True)
        else:
            same(local(wall, zone, strict=True), theirs)


@pytest.mark.parametrize("zone", ZONES)
def test_hours_and_days_are_pendulums(zone: str) -> None:
    for wall in walls(zone)[::3]:
        mine = local(wall, zone)
        theirs = pendulum.instance(mine)
        for hours, minutes in ((24, 0), (-24, 0), (1, 30), (-1, -30), (0, 0)):
            same(later(mine, hours=hours, minutes=minutes),
                 theirs.add(hours=hours, minutes=minutes))
        same(later(mine, microseconds=999_999), theirs.add(microseconds=999_999))
        for days in (1, -1, 2):
            same(days_later(mine, days), theirs.add(days=days))
        other = local(wall + _dt.timedelta(hours=25, minutes=15), zone)
        assert elapsed(mine, other) == (pendulum.instance(other) - theirs).as_timedelta()
        assert elapsed(mine, other).total_seconds() == \
            (pendulum.instance(other) - theirs).total_seconds()
        same(in_zone(mine, "UTC"), theirs.in_tz("UTC"))
        same(in_zone(mine.astimezone(_dt.UTC), zone), theirs.in_tz("UTC").in_tz(zone))

