"""Reading JSON that golive stored, from a file anyone may have edited behind its back.

golive writes flat records, never nested more than a few levels, never NaN or Infinity,
never a lone surrogate. A damaged row may hold anything: json.loads recurses once per
bracket (a payload nested 100,000 deep is a RecursionError, or a crash where a thread's
stack is small), takes NaN and 1e400 as numbers, and returns text no UTF-8 file can hold.
So the nesting is measured before parsing, and what golive never writes is refused.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 64  # golive writes at most three levels; far below any recursion limit

# a JSON string as the decoder reads it (an unterminated or invalid one fails the parse
# at that point, before any bracket after it is reached)
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class StoredJSONError(ValueError):
    """Stored JSON golive did not write; `reason` says why: not_json, binary, deep,
    constant (NaN or Infinity) or surrogate."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _constant(name: str) -> Any:
    raise StoredJSONError("constant")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400 reads as inf
        raise StoredJSONError("constant")
    return value


_DECODER = json.JSONDecoder(parse_constant=_constant, parse_float=_finite)


def too_deep(text: str) -> bool:
    """Whether brackets outside strings nest deeper than MAX_DEPTH. Counted without
    recursion; a text with few brackets (every record golive writes) is not scanned."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    for bracket in _NOT_BRACKET.sub("", _STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        else:
            depth -= 1
    return False


def loads(text: object) -> Any:
    """The value of stored JSON text; StoredJSONError when golive cannot have written it."""
    if not isinstance(text, str):  # a BLOB (or a number) put where golive writes text
        raise StoredJSONError("binary")
    if too_deep(text):
        raise StoredJSONError("deep")
    try:
        value = _DECODER.decode(text)
    except StoredJSONError:
        raise
    except (ValueError, RecursionError):
        raise StoredJSONError("not_json") from None
    if _SURROGATE_ESCAPE.search(text) and not _encodable(value):
        raise StoredJSONError("surrogate")
    return value


def _encodable(value: Any) -> bool:
    """Whether the value's text is UTF-8 (a \\ud800 escape alone reads as a lone
    surrogate, which no file, terminal or hash can take)."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
