"""One clock handed to everything, so tests, screenshots and rehearsals can fix or speed time."""

from __future__ import annotations

import datetime as _dt
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from golive.data.texts.catalogue import Said
from golive.data.time.instants import RepeatedTime, SkippedTime, in_zone, later, local
from golive.data.time.instants import now as zone_now
from golive.data.time.instants import zone as find_zone


class Clock(Protocol):
    """Tells the current instant in the plan's zone."""

    def now(self) -> _dt.datetime: ...


@dataclass
class RealClock:
    """The wall clock in the plan's zone: the only clock that may write a real file."""

    zone: str = "UTC"

    def now(self) -> _dt.datetime:
        return zone_now(self.zone)


@dataclass
class FixedClock:
    """`--now ISO`: time stands still (screenshots, tests, looking at a given instant)."""

    instant: _dt.datetime

    def now(self) -> _dt.datetime:
        return self.instant


@dataclass
class RehearsalClock:
    """`--now ISO --speed N`: starts at an instant and runs N times faster than real time."""

    start: _dt.datetime
    speed: float = 1.0
    # the seconds source is injectable so a test can run a whole rehearsal without waiting
    source: Callable[[], float] = time.monotonic
    _origin: float = field(init=False)

    def __post_init__(self) -> None:
        self._origin = self.source()

    def now(self) -> _dt.datetime:
        elapsed = (self.source() - self._origin) * self.speed
        return later(self.start, microseconds=int(elapsed * 1_000_000))

    def jump_to(self, instant: _dt.datetime) -> None:
        """Go on from `instant` at the same speed: a rehearsal need not wait 25 real
        minutes at --speed 60 to reach T-0."""
        self.start, self._origin = instant, self.source()


class ClockError(Said, ValueError):
    """An instant or speed the user gave that cannot be used."""


# Instants golive works with: far enough from year 1 and 9999 that every offset, countdown
# and time zone conversion stays inside what datetime can hold.
FIRST_YEAR, LAST_YEAR = 1971, 9000


def in_range(instant: _dt.datetime) -> bool:
    return FIRST_YEAR <= instant.year <= LAST_YEAR


def parse_instant(text: str, zone: str) -> _dt.datetime:
    """An ISO-8601 instant; without an offset it is local time in the plan's zone, and a
    local time the zone skips or passes twice (DST) is refused rather than guessed."""
    raw = text.strip()
    try:
        parsed = _dt.datetime.fromisoformat(raw)
    except ValueError:
        raise ClockError("err.instant", raw=repr(text)) from None
    if not in_range(parsed):
        raise ClockError("err.year_range", raw=raw, first=FIRST_YEAR, last=LAST_YEAR)
    if parsed.tzinfo is not None:
        return in_zone(parsed, zone)
    try:
        return local(parsed, zone, strict=True)
    except SkippedTime:
        raise ClockError("err.instant_skipped", raw=raw, zone=zone) from None
    except RepeatedTime:
        raise ClockError("err.instant_twice", raw=raw, zone=zone) from None


def through_second(instant: _dt.datetime) -> str:
    """The stored time up to which "as of" an instant reaches: an instant in whole seconds
    names its whole second, as the log shows it (an event written at 09:02:20.048 reads
    09:02:20, so the board as of 09:02:20 holds it; it had ended at 09:02:20.000 and left
    a GO just recorded out). An instant with a fraction (a recorded event's) is exact."""
    return to_utc_text(instant if instant.microsecond else later(instant, microseconds=999_999))


# an IANA name: letters first, then letters, digits, _ + - in parts joined by '/' (no dots,
# no control characters, so no path of its own); the tz database also holds names that are
# no place's zone: the machine's own setting, a template, a placeholder, copies of the tree
ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*")
NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


def is_zone_name(name: str) -> bool:
    """A real IANA time zone name (Europe/Berlin, UTC, America/Argentina/Buenos_Aires):
    the same on every machine, unlike 'localtime', and never a path to some other file."""
    if not ZONE_NAME.fullmatch(name) or name in NOT_ZONES or \
            name.split("/")[0] in ("posix", "right"):
        return False
    try:
        find_zone(name)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


def is_wall_clock(clock: Clock) -> bool:
    """Only the wall clock may write to a real file, so its times never run backwards."""
    return isinstance(clock, RealClock)


def make_clock(zone: str, now: str | None = None, speed: float | None = None) -> Clock:
    if now is None:
        if speed is not None:
            raise ClockError("err.speed_needs_now")
        return RealClock(zone)
    start = parse_instant(now, zone)
    if speed is None:
        return FixedClock(start)
    if not 0 < speed <= 100_000:
        raise ClockError("err.speed_range", speed=speed)
    return RehearsalClock(start, speed)


def to_utc_text(instant: _dt.datetime) -> str:
    """The one stored form of an instant: UTC, microseconds, 'Z'; sorts as text."""
    return instant.astimezone(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# to_utc_text's form, the only one golive stores; anything else was written behind its back
_UTC_TEXT = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
                       r"T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z", re.ASCII)
_YEARS = (f"{FIRST_YEAR:04d}", f"{LAST_YEAR:04d}")
# the first and last stored time of those years; a number sorts before them in SQLite
UTC_TEXT_BOUNDS = (f"{_YEARS[0]}-01-01T00:00:00.000000Z", f"{_YEARS[1]}-12-31T23:59:59.999999Z")


def is_utc_text(value: object) -> bool:
    """Whether a stored time is one to_utc_text could have written: its form, a real
    date, a year golive works with (so every later conversion stays in range). `verify`
    asks once per event, so the common case is one regular expression."""
    if type(value) is not str or _UTC_TEXT.fullmatch(value) is None \
            or not _YEARS[0] <= value[:4] <= _YEARS[1]:
        return False
    if value[8:10] <= "28":
        return True
    try:
        _dt.datetime.fromisoformat(value[:-1])
    except ValueError:  # 2026-02-30
        return False
    return True


def from_utc_text(text: str) -> _dt.datetime:
    """golive's own stored UTC text (…Z) read by the standard library, the instant
    pendulum.parse gives; anything else goes to pendulum."""
    if text.endswith("Z"):
        return _dt.datetime.fromisoformat(text[:-1]).replace(tzinfo=_dt.UTC)
    import pendulum

    parsed = pendulum.parse(text)
    assert isinstance(parsed, pendulum.DateTime)
    return parsed


def whole_seconds_to_t0(seconds: float) -> int:
    """Seconds to T-0 (positive before it) in whole seconds as a clock shows them: the
    floor of the signed distance from T-0, so 0.5 s before T-0 is 1 s to go and 0.3 ms
    after a checkpoint is that checkpoint's second. Every T-offset golive shows or
    exports comes from here (countdown_parts)."""
    return math.ceil(seconds)


def countdown_parts(seconds: float) -> tuple[str, int, int, int]:
    """Time to T-0 (positive before it) as sign, hours, minutes, seconds, from
    whole_seconds_to_t0; the sign is '-' up to T-0 itself and '+' after it, so the
    second after T-0 reads T+00:00:00."""
    hours, rest = divmod(abs(whole_seconds_to_t0(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return ("-" if seconds >= 0 else "+"), hours, minutes, secs


def format_countdown(seconds: float) -> str:
    """T-1d 02:03:04 before T-0, T+00:01:01 after it."""
    return countdown_text(countdown_parts(seconds))


def countdown_text(parts: tuple[str, int, int, int]) -> str:
    """format_countdown of countdown_parts' answer (for a caller that keeps the parts)."""
    sign, hours, minutes, secs = parts
    days, hours = divmod(hours, 24)
    day = f"{days}d " if days else ""
    return f"T{sign}{day}{hours:02d}:{minutes:02d}:{secs:02d}"


def format_countdown_minutes(seconds: float) -> str:
    """T-1d 02:03 before T-0, T+00:01 after it, for a line that changes once a minute: the
    floor of the signed distance in minutes, as a clock shows the minute (45 s before T-0
    is T-00:01, the minute the header's clock still shows; T-0 on a whole minute changes
    it together with that clock)."""
    whole = whole_seconds_to_t0(seconds)
    minutes = -(-whole // 60) if whole > 0 else -whole // 60
    hours, mins = divmod(minutes, 60)
    return countdown_text(("-" if seconds >= 0 else "+", hours, mins, 0))[:-3]


def format_duration(seconds: float) -> str:
    """A short human duration: 5 h 12 min, 3 min, 45 s."""
    rest = abs(int(seconds))
    if rest < 60:
        return f"{rest} s"
    days, rest = divmod(rest, 86400)
    h, rest = divmod(rest, 3600)
    m = rest // 60
    parts = []
    if days:
        parts.append(f"{days} d")
    if h:
        parts.append(f"{h} h")
    if m or not parts:
        parts.append(f"{m} min")
    return " ".join(parts)
