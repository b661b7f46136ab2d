"""The cockpit's command line (no subcommand) is read without building the subcommands'
parsers (issue 24: first paint; ≈ 5 ms of CPU before the file was even opened), and
reads as the whole parser reads it; a mistake gets the whole parser's message."""

from __future__ import annotations

import pytest

from golive import cli_parser
from golive.argparse_words import speaking
from golive.cli_parser import SPEAKING, UsageError, build_parser, parse

COCKPIT = [
    [], ["--db", "x.sqlite"], ["--db=x.sqlite", "--as", "Anna B", "--now", "2026-03-06T09:00",
                               "--speed", "60"],
    ["--read-only"], ["--lang", "en", "--db", "y.sqlite", "--read-only"],
    ["--plan", "plan.toml", "--lang=de"], ["--as=rm", "--speed=2", "--now=2026-03-06"],
]


@pytest.mark.parametrize("argv", COCKPIT, ids=" ".join)
def test_the_cockpits_argv_reads_as_the_whole_parser_reads_it(
        argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str | None] = []
    build = cli_parser.build_parser

    def counted(lang: str | None = None, only: str | None = None):  # type: ignore[no-untyped-def]
        built.append(only)
        return build(lang, only)

    monkeypatch.setattr(cli_parser, "build_parser", counted)
    assert vars(parse(argv)) == vars(build_parser().parse_args(argv))
    assert built == [""]  # one parser, without subcommands


@pytest.mark.parametrize("argv", [["--db"], ["--speed", "schnell"], ["--lang", "fr"],
                                  ["--as", "--db", "x"], ["--db", "x", "nosuch"],
                                  ["--now"], ["--read-only", "--read-only=1"]])
def test_a_mistake_in_it_is_the_message_the_whole_parser_gives(argv: list[str]) -> None:
    with pytest.raises(UsageError) as short:
        parse(argv)
    with pytest.raises(UsageError) as whole, speaking(SPEAKING.lang):
        build_parser().parse_args(argv)
    assert (short.value.key, short.value.values) == (whole.value.key, whole.value.values)
