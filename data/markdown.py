"""User text in Markdown, kept literal.

A note saying `**bold**`, `[Status-Kanal]` or `<script>` must read exactly so in a
retrospective rendered on a code host, and a `|` or a newline must not break the timeline
table. Every character Markdown (or GitHub's flavour: ~ strike, @ mentions, :emoji:, $ math)
could interpret is backslash-escaped; newlines become <br> so one value stays one cell.
"""

from __future__ import annotations

import re

from golive.data.text import clean_text, one_line

SPECIAL = "\\`*_{}[]<>()#+-.!|~&@:$="  # the backslash first: it must not be escaped twice
_ESCAPES = tuple((c, "\\" + c) for c in SPECIAL)
_BACKTICKS = re.compile(r"`+")


def md_text(value: object) -> str:
    """Literal inline text: safe in a paragraph, a list item, a heading or a table cell."""
    escaped = clean_text(str(value))
    # str.replace per character present is 3x faster than str.translate here; the
    # timeline of a long log calls this for every row
    for char, replacement in _ESCAPES:
        if char in escaped:
            escaped = escaped.replace(char, replacement)
    if "\n" in escaped or "\t" in escaped:
        escaped = escaped.replace("\n", "<br>").replace("\t", " ")
    return escaped


def fence_for(body: str, char: str = "`") -> str:
    """A code fence longer than any run of backticks inside the body."""
    longest = max((len(m) for m in _BACKTICKS.findall(body)), default=0)
    return char * max(3, longest + 1)


def md_code(value: object) -> str:
    """A one-line code span that no backtick inside the value can close early."""
    body = one_line(str(value))
    longest = max((len(m) for m in _BACKTICKS.findall(body)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{ticks}{pad}{body}{pad}{ticks}"
