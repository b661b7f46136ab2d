"""Every word golive itself writes, in German and English: one catalogue, one lookup.

The plan's language picks the language (`--lang` overrides it). Plan labels and user text
are never translated; these are only golive's own words around them. One fallback rule:
a language without an entry gets the English one (a test keeps both complete). One plural
rule: where a value named `n` is 1, the entry's "<lang>.one" form is used if it has one.
"""

from __future__ import annotations

from typing import Any

from golive.data.texts.board import BOARD
from golive.data.texts.cli import CLI
from golive.data.texts.files import FILES
from golive.data.texts.import_report import REPORT
from golive.data.texts.replica import REPLICA
from golive.data.texts.roster import ROSTER
from golive.data.texts.screen import SCREEN

_TEXTS: dict[str, dict[str, str]] = {**BOARD, **SCREEN, **FILES, **CLI, **ROSTER, **REPLICA,
                                      **REPORT}


def text(lang: str, key: str, /, **values: Any) -> str:
    """golive's own words for key in lang, with values filled in literally (str.format
    does not interpret what it inserts). A value that is a Term is put in the same
    language."""
    entry = _TEXTS[key]
    if values.get("n") == 1 and f"{lang}.one" in entry:
        template = entry[f"{lang}.one"]
    else:
        template = entry.get(lang, entry["en"])
    filled = {k: v.text(lang) if isinstance(v, Term) else v for k, v in values.items()}
    return template.format(**filled)


def template(lang: str, key: str, /) -> str:
    """The entry's template in lang, by the fallback rule, for a loop that fills it once
    per row of a long log: template(...).format(**values) is text(lang, key, **values)
    where no value is a Term and none is named n (no plural)."""
    entry = _TEXTS[key]
    return entry.get(lang, entry["en"])


def languages() -> tuple[str, ...]:
    return ("de", "en")


def has(key: str) -> bool:
    return key in _TEXTS


def keys() -> tuple[str, ...]:
    return tuple(_TEXTS)


def entry(key: str) -> dict[str, str]:
    return dict(_TEXTS[key])


class Term:
    """A catalogue entry used inside another (a field name in an error), so it is put in
    the language of the sentence around it."""

    def __init__(self, key: str, /, **values: Any) -> None:
        self.key = key
        self.values = values

    def text(self, lang: str) -> str:
        return text(lang, self.key, **self.values)

    def __str__(self) -> str:
        return self.text("en")


class Said(Exception):
    """An error whose words come from the catalogue: str() is English (logs, tracebacks),
    `text(lang)` is what a user of that language reads. Built from a plain sentence, it
    says that sentence in every language (for errors not yet in the catalogue)."""

    def __init__(self, key: str, /, **values: Any) -> None:
        self.key: str | None = key if key in _TEXTS else None
        self.values: dict[str, Any] = values if self.key else {"plain": key}
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        if self.key is None:
            return str(self.values["plain"])
        return text(lang, self.key, **self.values)


def say(exc: BaseException, lang: str) -> str:
    """Any error in the user's language, as far as the catalogue knows its words."""
    return exc.text(lang) if isinstance(exc, Said) else str(exc)
