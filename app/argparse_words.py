"""argparse's own words in golive's language.

argparse says everything through gettext: it calls the `_` and `ngettext` it imported into
its module, and looks them up there each time it speaks. While golive parses a command
line (`speaking(lang)`), those two names are the methods of a small translation object
whose messages come from the one catalogue (entries "argparse.*" and "help.*"), so its
errors, usage line and headings are in the plan's language with no .mo files. A message
argparse adds in a later Python version and the catalogue does not know is passed through
as argparse wrote it.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from golive.data.texts.catalogue import text

# argparse's message ids (Python 3.11 to 3.13) -> catalogue keys
MESSAGES = {
    "usage: ": "help.usage",
    "positional arguments": "help.positional",
    "options": "help.options",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.choice",
    "invalid %(type)s value: %(value)r": "argparse.type",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unknown",
    "expected one argument": "argparse.one",
    "expected at most one argument": "argparse.at_most_one",
    "expected at least one argument": "argparse.at_least_one",
    "expected %s argument": "argparse.count",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "ignored explicit argument %r": "argparse.no_value",
    "not allowed with argument %s": "argparse.not_with",
    "one of the arguments %s is required": "argparse.one_of",
    "unexpected option string: %s": "argparse.unexpected",
}


class ArgparseWords:
    """gettext's interface (gettext, ngettext) over the catalogue, in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def gettext(self, message: str) -> str:
        key = MESSAGES.get(message) if isinstance(message, str) else None
        return text(self.lang, key) if key else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        key = MESSAGES.get(singular)
        if key:
            return text(self.lang, key, n=n)
        return singular if n == 1 else plural


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse speaks `lang` inside this block (build the parser and parse in it: the
    headings are named when a parser is made, the errors when it parses)."""
    words = ArgparseWords(lang)
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = words.gettext, words.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
