"""`golive status --help` is where a script's author looks for the exit codes: it names
every one the README's table lists, 2 (bad input) and 3 (a ready rehearsal, never 0)
included, in both languages."""

from __future__ import annotations

import re


def test_status_help_names_every_exit_code(cli) -> None:  # type: ignore[no-untyped-def]
    for lang in ("de", "en"):
        said = cli("status", "--help", "--lang", lang)
        assert said.code == 0, said
        text = " ".join(said.out.split())
        codes = set(re.findall(r"(?<![\w-])([0-5]) (?:GO|NO-GO|[A-Za-zäöü])", text))
        assert codes >= {"0", "1", "2", "3", "4", "5"}, (lang, codes, text)
        assert ("Probe" if lang == "de" else "rehearsal") in text, text


def test_status_help_says_at_takes_an_offset_and_its_range(cli) -> None:  # type: ignore[no-untyped-def]
    """`--at T-1h` is the common use (README); the help said only 'instant' (metavar ISO)."""
    for lang in ("de", "en"):
        text = " ".join(cli("status", "--help", "--lang", lang).out.split())
        assert "T-1h" in text and "T-366d" in text and "T+366d" in text, text
