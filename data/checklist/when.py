"""When things happen in a checklist, in the forms teams write them: the go-live instant
("2026-03-06 10:00 CET", "19.12.2025 10:00 Uhr", "Friday, December 19, 2025, 10:00 AM MSK",
"2025-12-19T10:00+03:00") and the phases of a T-plan ("T-24h", "T-2w", "4 weeks before",
"T-5 to T-1 days", "1 day after go-live", "Go-live day").

Only real calendar dates count: "2026-13-45 25:99" is no instant, so it is not taken for one.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from golive.data.checklist import words

Found = tuple[str, str, str | None]  # ISO day, "HH:MM", the zone as written (or an IANA name)

MONTHS = {
    "jan": 1, "january": 1, "januar": 1, "jänner": 1, "feb": 2, "february": 2, "februar": 2,
    "mar": 3, "march": 3, "märz": 3, "maerz": 3, "apr": 4, "april": 4, "may": 5, "mai": 5,
    "jun": 6, "june": 6, "juni": 6, "jul": 7, "july": 7, "juli": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "okt": 10, "october": 10, "oktober": 10,
    "nov": 11, "november": 11, "dec": 12, "dez": 12, "december": 12, "dezember": 12,
}
_CLOCK = r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?(?:\s*Uhr)?"
_ZONE = (r"(?:\s*\(?(?P<zone>[+-]\d{2}:?\d{2}|Z|UTC[+-]?\d*|[A-Za-z]+/[A-Za-z_]+|[A-Z]{3,5})"
         r"\)?(?![A-Za-z]))?")
_AT = r",?\s+(?:um\s+|at\s+|@\s*)?"
_FORMS = [
    re.compile(r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:T|[ ,]+(?:um\s+|at\s+)?)" + _CLOCK
               + _ZONE),
    re.compile(r"(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4})" + _AT + _CLOCK + _ZONE),
    re.compile(r"(?P<mon>[A-Za-zä]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"
               + _AT + _CLOCK + _ZONE),
    re.compile(r"(?P<d>\d{1,2})\.?\s+(?P<mon>[A-Za-zä]{3,9})\.?\s+(?P<y>\d{4})" + _AT + _CLOCK
               + _ZONE),
]


def _zone(written: str | None) -> str | None:
    """A UTC offset becomes the fixed zone IANA names for it (+03:00 is Etc/GMT-3)."""
    if not written:
        return None
    if written == "Z":
        return "UTC"
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", written)
    if m:
        hours, minutes = int(m.group(2)), int(m.group(3))
        if minutes or hours > 14:
            return written  # no whole-hour zone: reported as unknown, never guessed
        if hours == 0:
            return "UTC"
        return f"Etc/GMT{'-' if m.group(1) == '+' else '+'}{hours}"
    return written


def _found(m: re.Match[str]) -> Found | None:
    g = m.groupdict()
    month = int(g["mo"]) if g.get("mo") else MONTHS.get((g.get("mon") or "").lower())
    if month is None:
        return None
    hour, minute = int(g["h"]), int(g["mi"])
    ampm = (g.get("ampm") or "").lower().replace(".", "")
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm:
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    try:
        day = _dt.date(int(g["y"]), month, int(g["d"]))
        _dt.time(hour, minute)
    except ValueError:  # no real date or time: not an instant
        return None
    return day.isoformat(), f"{hour:02d}:{minute:02d}", _zone(g.get("zone"))


def find_instant(text: str) -> Found | None:
    """The first real date with a time of day in the text, in any of the known forms."""
    best: tuple[int, Found] | None = None
    for form in _FORMS:
        for m in form.finditer(text):
            found = _found(m)
            if found is not None:
                if best is None or m.start() < best[0]:
                    best = (m.start(), found)
                break
    return best[1] if best else None


def strip_instant(text: str) -> str:
    for form in _FORMS:
        text = form.sub("", text)
    return text


@dataclass(frozen=True)
class Phase:
    """A checkpoint's place relative to T-0: `sign`, amount and unit (m, h, d, w); `span` when
    the heading names a stretch of time ("T-5 to T-1 days"), due at its start."""

    sign: str
    n: int
    unit: str
    span: bool = False

    @property
    def label(self) -> str:
        return "T-0" if self.n == 0 else f"T{self.sign}{self.n}{self.unit}"

    @property
    def offset(self) -> str:
        if self.n == 0:
            return "+0h"
        if self.unit == "w":
            return f"{self.sign}{self.n * 7}d"
        return f"{self.sign}{self.n}{self.unit}"


_UNIT = r"(?P<unit>min(?:utes?)?|m|h|hours?|std|stunden?|d|days?|tage?n?|w|weeks?|wochen?)"
_T_FORM = re.compile(
    r"^T\s*(?P<sign>[+\-±]?)\s*(?P<n>\d{1,4})\s*" + _UNIT + r"?\b"
    r"(?:\s*(?:to|bis|until|-)\s*T\s*[+\-]?\s*\d{1,4}\s*(?P<unit2>h|d|w|tage?n?|days?|stunden?|"
    r"hours?|weeks?|wochen?)?)?", re.IGNORECASE)
_WORDS_FORM = re.compile(
    r"^(?P<n>\d{1,4})\s*(?P<to>(?:-|to|bis)\s*\d{1,4}\s*)?" + _UNIT
    + r"\s+(?P<rel>before|prior|vorher|vor|after|nach|post)\b", re.IGNORECASE)
_DAY_OF = re.compile(r"^(am\s+|on\s+|the\s+)?(go-?live|launch|cutover|release|umstellungs?)"
                     r"[- ]?(day|tag)\b|^(t-?0|d-?day|day-of|day of)\b", re.IGNORECASE)
_SUCCESS = re.compile(r"^(success (criteria|metrics|measures)|erfolgskriterien|erfolgsmessung|"
                      r"kpis?\b)", re.IGNORECASE)
# after go-live without an amount: checks an hour after T-0, never gates before GO
_AFTER = re.compile(r"^(post[- ]?(launch|go-?live|release|cutover|deploy(ment)?)|after (the )?"
                    r"(go-?live|launch|release|cutover)|nach (dem )?(go-?live|launch|release|"
                    r"umstellung)|hypercare|nachbetreuung)", re.IGNORECASE)


def _unit(written: str | None) -> str:
    u = (written or "h").lower()
    if u.startswith(("w",)):
        return "w"
    if u.startswith(("d", "t")):
        return "d"
    return "m" if u.startswith("m") else "h"


def phase_of(title: str) -> Phase | None:
    """`T-24h …` or `4 weeks before` at the start of a heading, or a signed `(T-0)` /
    `T+30m` inside it (`Launch (T-0)`); a bare `T2` inside a heading is no phase."""
    text = words.normal(title.replace("−", "-").replace("–", "-").replace("—", "-"))
    m = _T_FORM.match(text)
    if m is None:
        inner = re.search(r"[\s(\[]T\s*[+-]\s*\d", text, re.IGNORECASE)
        m = _T_FORM.match(text[inner.start() + 1:]) if inner else None
    if m is not None:
        n = int(m.group("n"))
        sign = "+" if m.group("sign") == "+" or n == 0 else "-"
        return Phase(sign, n, _unit(m.group("unit") or m.group("unit2")),
                     m.group("unit2") is not None)
    w = _WORDS_FORM.match(text)
    if w is not None:
        sign = "+" if w.group("rel").lower() in ("after", "nach", "post") else "-"
        return Phase(sign, int(w.group("n")), _unit(w.group("unit")), bool(w.group("to")))
    if _DAY_OF.match(text):
        return Phase("+", 0, "h")
    if _AFTER.match(text):
        return Phase("+", 1, "h")
    if _SUCCESS.match(text):  # measured once the go-live has run a day, never a gate
        return Phase("+", 1, "d")
    return None


def find_date(text: str) -> _dt.date | None:
    """The first real ISO date in the text ("2026-13-45" is none)."""
    for m in re.finditer(r"(\d{4})-(\d{2})-(\d{2})", text):
        try:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    return None
