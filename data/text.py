"""User text is data: one place that decides what a stored or drawn string may contain."""

from __future__ import annotations

import re
import unicodedata

from golive.data.texts import Said, Term

MAX_TEXT = 2000

# C0 and C1 control characters and DEL, except tab and newline; also the bidi overrides
# that could make a line read differently from what it holds.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Drop control characters (keep tab and newline) so no string can steer the terminal."""
    if text.isascii():
        # the common case, checked in C: ASCII needs no normalising, and printable ASCII
        # holds no control character
        return text if text.isprintable() else _CONTROL.sub("", text)
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def one_line(text: str) -> str:
    """For places that hold one line (a table cell, a log row): newlines and tabs become
    spaces."""
    return " ".join(clean_text(text).split())


class TextError(Said, ValueError):
    """User text that cannot be stored; its text(lang) is the one line shown to the user."""


def user_text(value: str | None, what: str | Term, *, required: bool = True) -> str:
    """Validate text a person typed: cleaned, not empty (when required), at most 2,000
    characters."""
    text = clean_text(value or "").strip()
    if required and not text:
        raise TextError("err.empty", what=what)
    if len(text) > MAX_TEXT:
        raise TextError("err.too_long", what=what, length=len(text), limit=MAX_TEXT)
    return text
