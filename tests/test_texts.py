"""One catalogue of golive's own words: complete in both languages, one fallback rule, plurals,
and German end to end under the German plan (English with --lang en)."""

from __future__ import annotations

import re
import string

import pytest

from golive.data.texts.catalogue import Said, Term, entry, keys, languages, say, text


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", keys())
def test_every_key_exists_in_both_languages_with_the_same_values(key: str) -> None:
    forms = entry(key)
    for lang in languages():
        assert forms.get(lang), f"{key} has no {lang} text"
    # a form may leave a value out (German needs no "kind" of value), never ask for more
    expected = fields(forms["en"])
    for form, template in forms.items():
        assert fields(template) <= expected | {"n"}, (key, form)


def test_one_fallback_rule_and_plurals() -> None:
    assert text("fr", "state.approved") == "approved"  # unknown language: English
    assert text("de", "banner.blockers", n=1) == "1 Blocker"
    assert text("en", "banner.blockers", n=1) == "1 blocker"
    assert text("en", "banner.blockers", n=2) == "2 blockers"
    assert text("de", "warning.deadline", date="2026-03-05", n=1) == \
        "Freigabe-Deadline 2026-03-05 verpasst: 1 Freigabe fehlt"
    assert text("de", "derived.contacts.missing", n=1) == "1 Platzhalter offen"
    assert text("en", "derived.contacts.missing", n=1) == "1 placeholder left"


def test_errors_speak_the_readers_language() -> None:
    error = Said("err.empty", what=Term("field.reason"))
    assert str(error) == "reason (--reason) must not be empty"
    assert say(error, "de") == "Grund (--reason) darf nicht leer sein"
    assert say(ValueError("plain"), "de") == "plain"
    assert Said("a sentence not in the catalogue").text("de") == "a sentence not in the catalogue"


ENGLISH = re.compile(r"\b(must|not|the|is|already|refused|unknown|remain|blockers?|"
                     r"approved|pending|rejected|revoked|overdue|open|done|sign-offs?|"
                     r"Decision|Events|Contacts|Gates:|now)\b")


def test_cli_errors_and_status_are_german_under_the_german_plan(cli_inproc) -> None:  # type: ignore[no-untyped-def]
    assert cli_inproc("init", "--now", "2026-03-05T10:00:00").code == 0
    for args in (["reject", "approval.product", "--by", "Paul", "--reason", " "],
                 ["approve", "gate.monitoring", "--by", "Xaver Huber"],
                 ["decide", "go", "--by", "Ruth"],
                 ["gate", "gate.monitoring", "red"],
                 ["approve", "approval.product"],
                 ["gate", "gate.monitoring", "purple"],
                 ["staging-stable-since", "gestern"],
                 ["contact", "contact.primary-on-call", "--name", "Olaf", "--phone", "12"],
                 ["note", "x", "--as", " "]):
        r = cli_inproc(*args)
        assert r.code == 2, args
        line = r.err.strip()
        assert line.startswith("golive: ") and "\n" not in line, args
        # quoted parts are what the user typed or may type: commands, ids, values
        words = re.sub(r"'[^']*'|--\S+|\S+\.\S+", "", line.removeprefix("golive: "))
        assert not ENGLISH.search(words), line
    r = cli_inproc("status")
    assert r.code == 1
    assert "Freigaben:" in r.out and "Blocker" in r.out
    r = cli_inproc("--lang", "en", "gate", "gate.monitoring", "red")
    assert r.err.strip() == "golive: note (--note) must not be empty"


def test_every_key_in_the_catalogue_is_used() -> None:
    """A word nobody looks up is a word nobody maintains: each key appears in the code,
    literally or under a prefix the code completes (f"state.{state}")."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    source = "".join(p.read_text("utf-8") for folder in ("app", "widgets", "data")
                     for p in (root / folder).rglob("*.py")  # data/ has subpackages
                     # the catalogue itself: its lookup and its tables
                     if p.parent.name != "texts" or p.name in ("user_text.py", "symbols.py"))
    prefixes = tuple(set(re.findall(r"""f["']([a-z_.]+\.)\{""", source)))
    unused = [k for k in keys() if f'"{k}"' not in source and f"'{k}'" not in source
              and not k.startswith(prefixes)]
    assert unused == []


def test_the_catalogue_tables_share_no_key() -> None:
    """The catalogue is assembled from several tables; a key in two of them would silently
    take the later one's words."""
    from itertools import combinations

    from golive.data.texts.board import BOARD
    from golive.data.texts.cli import CLI
    from golive.data.texts.files import FILES
    from golive.data.texts.replica import REPLICA
    from golive.data.texts.roster import ROSTER
    from golive.data.texts.screen import SCREEN

    tables = (BOARD, SCREEN, FILES, CLI, ROSTER, REPLICA)
    assert all(not a.keys() & b.keys() for a, b in combinations(tables, 2))
    assert len(keys()) == sum(len(t) for t in tables)


def test_help_speaks_german_by_default_and_english_when_asked(cli) -> None:  # type: ignore[no-untyped-def]
    """--help comes before any plan is read: the locale or --lang picks its language,
    else the embedded plan's (German). Every line golive adds is in that language."""
    german = cli("--help", env={"LANG": "C", "LC_ALL": "", "LC_MESSAGES": ""})
    assert german.code == 0
    assert german.out.startswith("Aufruf: golive")
    assert "Optionen:" in german.out and "diese Hilfe zeigen und beenden" in german.out
    assert "die golive-Datei aus dem Plan anlegen" in german.out  # init
    assert not re.search(r"\b(usage|options|show this help|the golive file)\b", german.out)
    sub = cli("reject", "--help", env={"LANG": "de_DE.UTF-8"})
    assert sub.out.startswith("Aufruf: golive reject") and "Argumente:" in sub.out
    english = cli("--lang", "en", "--help")
    assert english.out.startswith("usage: golive") and "show this help" in english.out
    assert "Aufruf" not in english.out and "Optionen" not in english.out
    assert cli("status", "--help", env={"LANG": "en_GB.UTF-8"}).out.startswith(
        "usage: golive status")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_argument_of_every_command_says_what_it_is(lang: str) -> None:
    """`golive approve --help` used to list `id` and `--by` with no word about them."""
    import argparse

    from golive.cli_parser import build_parser

    parser = build_parser(lang)
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    bare = [f"{name} {action.dest}" for name, sub in commands.choices.items()
            for action in sub._actions
            if action.help is None and action.help != argparse.SUPPRESS]
    assert bare == []
