"""argparse's own errors in golive's language (issue 20, words): one line that names the
argument as the user meets it (the option typed, or the positional's name in --help) and
the values allowed, from the real `golive` binary. Under German it said
"step: ungültige Wahl …" and "argument --json: ignored explicit argument '1'"."""

from __future__ import annotations

import re

import pytest

GERMAN = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
ENGLISH_WORDS = re.compile(r"\b(argument|arguments|invalid|choice|choose|from|expected|"
                           r"required|unrecognized|ignored|explicit|value|ambiguous|could|"
                           r"match|step|state|decision|see)\b")

CASES = [
    (["deploy", "foo"],
     "SCHRITT: ungültige Wahl 'foo' (möglich: 'started', 'finished', 'verified') "
     "(siehe 'golive deploy --help')"),
    (["deploy"], "Pflichtangabe fehlt: SCHRITT (siehe 'golive deploy --help')"),
    (["gate", "gate.monitoring", "purple"],
     "ZUSTAND: ungültige Wahl 'purple' (möglich: 'green', 'red', 'open')"),
    (["decide", "maybe", "--by", "Ruth Meier"],
     "ENTSCHEIDUNG: ungültige Wahl 'maybe' (möglich: 'go', 'no-go')"),
    (["approve"], "Pflichtangabe fehlt: ID, --by"),
    (["status", "--at"], "--at: braucht einen Wert"),
    (["status", "--json=1"], "--json: nimmt keinen Wert ('1' ist zu viel)"),
    (["correct", "1.5", "--reason", "x"], "NR: '1.5' ist keine ganze Zahl"),
    (["--speed", "schnell", "status"], "--speed: 'schnell' ist keine Zahl"),
    (["serve", "--port", "x"], "--port: 'x' ist keine ganze Zahl"),
    (["export", "--format", "pdf"],
     "--format: ungültige Wahl 'pdf' (möglich: 'md', 'json', 'checklist')"),
    (["approve", "x", "--by", "a", "--sig", "k"],
     "mehrdeutige Option: --sig passt zu --sign, --signature"),
    (["status", "--bogus"], "unbekannte Argumente: --bogus (siehe 'golive --help')"),
    (["frobnicate"], "BEFEHL: ungültige Wahl 'frobnicate' (möglich: 'init', "),
    (["--lang", "fr", "status"], "--lang: ungültige Wahl 'fr' (möglich: 'de', 'en')"),
]


@pytest.mark.parametrize(("args", "said"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_every_argparse_error_is_one_german_line_naming_the_argument(cli, args, said) -> None:  # type: ignore[no-untyped-def]
    r = cli(*args, env=GERMAN)
    assert r.code == 2 and r.out == ""
    assert r.err.count("\n") == 1 and r.err.startswith("golive: ")
    assert said in r.err
    words = re.sub(r"'[^']*'|--\S+", "", r.err.removeprefix("golive: "))
    assert not ENGLISH_WORDS.search(words), r.err


def test_english_when_asked(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("--lang", "en", "deploy", "foo", env=GERMAN)
    assert r.code == 2
    assert r.err == ("golive: argument STEP: invalid choice: 'foo' (choose from 'started', "
                     "'finished', 'verified') (see 'golive deploy --help')\n")


def test_the_help_names_positionals_as_the_errors_do(cli) -> None:  # type: ignore[no-untyped-def]
    help_text = cli("deploy", "--help", env=GERMAN).out
    assert "golive deploy" in help_text and "SCHRITT" in help_text
    assert "started, finished, verified" in help_text  # the values, since the name hides them
    assert "{started" not in help_text


def test_argparse_speaks_golive_only_while_golive_parses() -> None:
    """The translation is lent to argparse for one parse and taken back."""
    import argparse

    from golive.cli_parser import UsageError, parse

    before = argparse._  # type: ignore[attr-defined]
    with pytest.raises(UsageError) as raised:
        parse(["deploy", "foo"], "de")
    assert raised.value.text("de").startswith("SCHRITT: ungültige Wahl")
    assert argparse._ is before  # type: ignore[attr-defined]
    plain = argparse.ArgumentParser(prog="x", exit_on_error=False)
    plain.add_argument("n", type=int)
    with pytest.raises(argparse.ArgumentError, match="invalid int value"):
        plain.parse_args(["a"])


def test_every_help_names_values_in_german(cli) -> None:  # type: ignore[no-untyped-def]
    """`golive approve --help` showed --db PATH, --plan FILE, --sign KEY, --reason REASON."""
    import argparse

    from golive.argparse_words import speaking
    from golive.cli_parser import build_parser

    english = re.compile(r"\b(PATH|FILE|KEY|HEAD|DIR|REASON|NOTE|PHONE|CHANNEL|STEP|STATE|"
                         r"DECISION|COMMAND|usage|options)\b")
    with speaking("de"):
        parser = build_parser("de")
        commands = next(a for a in parser._actions
                        if isinstance(a, argparse._SubParsersAction))
        helps = {name: sub.format_help() for name, sub in commands.choices.items()}
        helps[""] = parser.format_help()
    found = {name: english.findall(h) for name, h in helps.items() if english.search(h)}
    assert found == {}
    assert "--reason GRUND" in helps["revoke"] and "--db PFAD" in helps["status"]
    shown = cli("gate", "--help", env=GERMAN).out
    assert "--note NOTIZ" in shown and "ZUSTAND" in shown
