"""User text in Markdown, kept literal.

A note saying `**bold**`, `[Status-Kanal]` or `<script>` must read exactly so in a
retrospective rendered on a code host, and a `|` or a newline must not break the timeline
table. Characters Markdown (or GitHub's flavour: ~ strike, @ mentions, :emoji:, $ math)
could interpret are backslash-escaped where they could take effect, and only there, so the
raw file stays readable; newlines become <br> so one value stays one cell.
"""

from __future__ import annotations

import re

from golive.data.texts.user_text import clean_text, one_line

# Escaped wherever they stand (the backslash first: it must not be escaped twice).
SPECIAL = "\\`*[]<>|~$@"
_ESCAPES = tuple((c, "\\" + c) for c in SPECIAL)
# Only where they could start a block: an ATX heading or a list item needs a space (or the
# end) after its marker ("#ltc-golive-status" is no heading), a quote does not, and a
# line of only - or = could underline a heading.
_BLOCK_START = re.compile(r"^(\s*)(#{1,6}(?=[ \t]|$)|[+\-](?=[ \t]|$)|>|\d{1,9}(?=[.)](?:[ \t]|$))"
                          r"|[-=](?=[-= \t]*$))")
_MAY_START_BLOCK = frozenset("#+-=> \t0123456789")
# A colon only where it could open an :emoji: shortcode: a name with a letter (or +1, -1,
# 100, 1234); times like 16:00:00 stay as they are.
_SHORTCODE = re.compile(r":(?=(?:[A-Za-z0-9_+\-]*[A-Za-z_][A-Za-z0-9_+\-]*|[+\-]1|100|1234):)")
# & only where it starts an entity (&amp; &#35;); "A & B" stays as it is
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# _ only where it could open or close emphasis: not between two letters or digits
# (MASTER_GOLIVE_COORDINATION stays as it is)
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_BACKTICKS = re.compile(r"`+")


def md_text(value: object, *, cleaned: bool = False) -> str:
    """Literal inline text: safe in a paragraph, a list item, a heading or a table cell,
    and still readable as plain text (rc-2026-03-01, 16:00:00, #ltc-status, A & B stay
    as they are). `cleaned`: the caller already passed it through clean_text (the
    export's timeline does, per row)."""
    escaped = str(value) if cleaned else clean_text(str(value))
    return _breaks(_line_start(_inline(escaped)))


# between the values md_texts escapes at once: clean_text removes it from every text, no
# escape below reads or writes it, and it is no word character and no space, so each
# lookaround sees a value's edge as it sees the start or end of a string
_SEPARATOR = "\x00"


def md_texts(values: list[str]) -> list[str]:
    """md_text(value, cleaned=True) of each value, escaped joined: each step is one call
    per batch instead of one per value (the export's timeline, a hundred rows at a time).
    Only a line start is looked at value by value (before the line breaks, as md_text
    does). Values that hold the separator are escaped one by one."""
    joined = _SEPARATOR.join(values)
    if joined.count(_SEPARATOR) != len(values) - 1:
        return [md_text(value, cleaned=True) for value in values]
    parts = [_line_start(part) if part[:1] in _MAY_START_BLOCK else part
             for part in _inline(joined).split(_SEPARATOR)]
    return _breaks(_SEPARATOR.join(parts)).split(_SEPARATOR)


def _inline(escaped: str) -> str:
    """What Markdown reads anywhere in a line, escaped."""
    # str.replace per character present is 3x faster than str.translate here; the
    # timeline of a long log calls this for every row
    for char, replacement in _ESCAPES:
        if char in escaped:
            escaped = escaped.replace(char, replacement)
    # re.sub costs ≈ 3 µs even where nothing matches (its template is prepared per
    # call); a search first is a fifth of that, and most notes hold none of these
    if "_" in escaped and _UNDERSCORE.search(escaped):
        escaped = _UNDERSCORE.sub(r"\\_", escaped)
    if "&" in escaped and _ENTITY.search(escaped):
        escaped = _ENTITY.sub(r"\\&", escaped)
    # a shortcode needs two colons: skip the regex otherwise
    if escaped.count(":") > 1 and _SHORTCODE.search(escaped):
        escaped = _SHORTCODE.sub(r"\\:", escaped)
    return escaped


def _line_start(escaped: str) -> str:
    """A block marker at the start of the text, escaped."""
    if escaped[:1] in _MAY_START_BLOCK:
        return _BLOCK_START.sub(_escape_block_start, escaped, count=1)
    return escaped


def _breaks(escaped: str) -> str:
    """One value, one cell: newlines become <br>, tabs spaces."""
    if "\n" in escaped or "\t" in escaped:
        return escaped.replace("\n", "<br>").replace("\t", " ")
    return escaped


def _escape_block_start(match: re.Match[str]) -> str:
    lead, marker = match.group(1), match.group(2)
    if marker.isdigit():  # "1." or "1)" would start an ordered list: escape the dot
        return lead + marker + "\\"
    return lead + "\\" + marker


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
