"""User text is data: one place that decides what a stored or drawn string may contain."""

from __future__ import annotations

import re
import unicodedata

from golive.data.texts.catalogue import Said, Term

MAX_TEXT = 2000
MAX_NAME = 200  # who made a change: a name, not a paragraph

# C0 and C1 control characters and DEL, except tab and newline; also the bidi overrides
# that could make a line read differently from what it holds; and the invisible format
# characters (zero-width space and joiners, bidi marks, word joiner, byte order mark, soft
# hyphen, emoji variation selectors) whose width terminals disagree on, so a panel border
# would move by a cell. Without its joiners an emoji sequence is its emojis side by side.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e"
                      "\u2060-\u2064\u2066-\u2069\ufe0e\ufe0f\ufeff]")
# What Python makes of bytes that are not UTF-8 (argv, environment): they cannot be stored.
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Drop control characters (keep tab and newline) so no string can steer the terminal;
    a lone surrogate (no UTF-8 file, terminal or hash can take it) becomes U+FFFD."""
    if text.isascii():
        # the common case, checked in C: ASCII needs no normalising, and printable ASCII
        # holds no control character
        return text if text.isprintable() else _CONTROL.sub("", text)
    composed = unicodedata.normalize("NFC", text)
    if composed.isprintable() and "\ufe0e" not in composed and "\ufe0f" not in composed:
        # checked in C too: of what _CONTROL drops only the two variation selectors are
        # printable, and a lone surrogate is not
        return composed
    return _CONTROL.sub("", unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text)))


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\n\u2028\u2029":
        return "⏎"
    if char < " ":
        return chr(0x2400 + ord(char))  # the Control Pictures block: ␉, ␛, ␍ …
    return "␡" if char == "\x7f" else "\ufffd"


def visible(text: str) -> str:
    """For a plain text line built around user text: a line break or control character in
    it is shown as a symbol (⏎, ␛ …), so it can neither start a forged line nor steer the
    terminal."""
    return _INVISIBLE.sub(_picture, text)


def one_line(text: str) -> str:
    """For places that hold one line (a table cell, a log row): newlines and tabs become
    spaces."""
    return " ".join(clean_text(text).split())


class TextError(Said, ValueError):
    """User text that cannot be stored; its text(lang) is the one line shown to the user."""


def readable(value: str, what: str | Term) -> str:
    """value, unless it holds bytes that were not UTF-8 (they could not be stored)."""
    if _SURROGATE.search(value):
        raise TextError("err.not_utf8", what=what)
    return value


def user_text(value: str | None, what: str | Term, *, required: bool = True) -> str:
    """Validate text a person typed: cleaned, not empty (when required), at most 2,000
    characters."""
    text = clean_text(readable(value or "", what)).strip()
    if required and not text:
        raise TextError("err.empty", what=what)
    if len(text) > MAX_TEXT:
        raise TextError("err.too_long", what=what, length=len(text), limit=MAX_TEXT)
    return text


def user_name(value: str, what: str | Term) -> str:
    """Validate who makes a change: one line, not empty, at most 200 characters."""
    name = one_line(readable(value, what))
    if not name:
        raise TextError("err.empty", what=what)
    if len(name) > MAX_NAME:
        raise TextError("err.too_long", what=what, length=len(name), limit=MAX_NAME)
    return name
