"""`golive status --line` (issue 24): one short line for a tmux or shell status bar, in the
plan's language, PROBE first for a rehearsal, the same exit code as `status`; and the
command line that answers it loads only what `status` uses (the parser builds only the
subcommand it was given)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from golive.argparse_words import speaking
from golive.cli_parser import SPEAKING, UsageError, build_parser, parse

from support import scenarios

NOW = "--now=2026-03-06T09:00:00+01:00"


def scenario_file(tmp_path: Path, name: str) -> tuple[str, str]:
    """A rehearsal file of tests/support/scenarios.py and the --now of its instant."""
    path = tmp_path / f"{name}.sqlite"
    scenarios.build(name, path).close()
    return str(path), f"--now={scenarios.SCENARIOS[name][1]}"


def test_a_fresh_file_says_no_go_its_blockers_and_the_countdown_in_one_line(cli) -> None:
    assert cli("init", "--db", "g.sqlite", NOW).code == 0
    r = cli("status", "--line", "--db", "g.sqlite", NOW)
    board = json.loads(cli("status", "--json", "--db", "g.sqlite", NOW).out)
    assert (r.code, r.err) == (1, "")
    assert r.out.count("\n") == 1  # one line, ended
    n = len(board["blockers"])
    assert r.out == f"PROBE · NO-GO · {n} Blocker · T-01:00:00\n"
    english = cli("status", "--line", "--lang", "en", "--db", "g.sqlite",
                  "--now=2026-03-06T11:30:05+01:00")
    assert english.out == f"REHEARSAL · NO-GO · {n} blockers · T+01:30:05\n"


def test_a_real_file_carries_no_probe(cli) -> None:
    assert cli("init", "--db", "real.sqlite").code == 0  # the wall clock: a real file
    r = cli("status", "--line", "--db", "real.sqlite", NOW)
    assert r.code == 1 and r.out.startswith("NO-GO · ") and "PROBE" not in r.out


@pytest.mark.parametrize("name", ["t-1h", "after-go-t+5m", "go-superseded", "success",
                                  "rollback", "rolled-back"])
def test_the_line_says_the_phase_and_exits_as_status_does(cli, tmp_path, name) -> None:
    db, now = scenario_file(tmp_path, name)
    full = cli("status", "--json", "--db", db, now)
    line = cli("status", "--line", "--db", db, now)
    board = json.loads(full.out)
    assert line.code == full.code == cli("status", "--db", db, now).code
    parts = line.out.rstrip("\n").split(" · ")
    assert parts[0] == "PROBE" and parts[1] == board["verdict"]
    assert parts[-1] == board["countdown"]
    blockers = len(board["blockers"])
    assert (f"{blockers} Blocker" in parts) == bool(blockers)


def test_line_and_json_together_are_one_german_line(cli) -> None:
    assert cli("init", "--db", "g.sqlite", NOW).code == 0
    r = cli("status", "--line", "--json", "--db", "g.sqlite", NOW)
    assert r.code == 2 and r.out == ""
    assert r.err == ("golive: --json: nicht zusammen mit --line erlaubt "
                     "(siehe 'golive status --help')\n")


ARGVS = [
    ["status"], ["status", "--line"], ["--db", "x.sqlite", "status", "--json"],
    ["--db=x.sqlite", "--now", "2026-03-06T09:00", "--read-only", "status", "--at", "T"],
    ["--as", "status", "note", "hallo"], ["--lang", "en", "approve", "a", "--by", "Anna B"],
    ["gate", "gate.monitoring", "red", "--note", "x", "--db", "y"], ["export", "--format",
                                                                     "json"],
    ["rollback", "finished"], ["verify", "--accept"], ["approval-doc"], ["--read-only"],
    ["correct", "3", "--reason", "typo"], ["rehearse", "--from", "T-25h"],
]


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_the_short_parser_reads_argv_as_the_whole_one_does(argv) -> None:
    assert vars(parse(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["status", "--bogus"], ["gate", "x", "blue"],
                                  ["--d", "x", "status", "--json", "--line"], ["nosuch"],
                                  ["approve", "a"], ["correct", "drei", "--reason", "r"]])
def test_a_mistake_is_the_message_the_whole_parser_gives(argv) -> None:
    with pytest.raises(UsageError) as short:
        parse(argv)
    with pytest.raises(UsageError) as whole, speaking(SPEAKING.lang):
        build_parser().parse_args(argv)
    assert (short.value.key, short.value.values) == (whole.value.key, whole.value.values)


def test_help_lists_every_command_however_it_is_asked(cli) -> None:
    every = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    names = list(every[0].choices)
    for args in (["--help"], ["--db", "x", "--help", "status"]):
        out = cli(*args).out
        assert all(name in out for name in names), args


def test_a_status_line_loads_no_writer_checker_exporter_or_signer(tmp_path) -> None:
    """A status bar asks every few seconds: `status --line` loads the store, the plan and
    the rules, not the write commands, the replica, the signatures, the JSON report."""
    db = str(tmp_path / "g.sqlite")
    from golive.cli import main

    assert main(["init", "--db", db, NOW]) == 0
    code = textwrap.dedent(f"""
        import contextlib, io, sys
        from golive.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["status", "--line", "--db", {db!r}, {NOW!r}])
        print(code, " ".join(sorted(sys.modules)))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.stderr == ""
    code, *modules = proc.stdout.split()
    assert code == "1"
    for later in ("golive.cli_commands", "golive.data.log.replica", "golive.data.log.verify",
                  "golive.data.signing.ssh_sig", "golive.data.outputs.report",
                  "golive.data.outputs.status_text", "golive.data.changes.commands",
                  "subprocess"):
        assert later not in modules, later


@pytest.mark.parametrize(("at", "same_as"), [
    ("T-1h", "2026-03-06T09:00"), ("t-1h", "2026-03-06T09:00"), ("T-0", "2026-03-06T10:00"),
    ("T+24h", "2026-03-07T10:00"), ("T-1d", "2026-03-05T10:00"), ("T-1H", "2026-03-06T09:00"),
    ("t+24H", "2026-03-07T10:00"), ("T0", "2026-03-06T10:00"),
])
def test_status_at_takes_an_offset_from_t0_as_the_plan_writes_them(cli, at: str,  # type: ignore[no-untyped-def]
                                                                   same_as: str) -> None:
    """`--at T-1h` is the instant `rehearse --from T-1h` starts at: the board then, the
    same as the ISO instant it names."""
    assert cli("init").code == 0
    by_offset = cli("status", "--json", "--at", at)
    by_instant = cli("status", "--json", "--at", same_as)
    assert by_offset.code == by_instant.code and by_offset.out == by_instant.out, by_offset.err


@pytest.mark.parametrize("at", ["gestern", "T-1x", "T-", "2026-13-01", ""])
def test_status_at_that_names_no_instant_is_one_line_that_says_both_forms(cli, at: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("init").code == 0
    r = cli("status", "--at", at)
    assert r.code == 2 and r.out == ""
    assert r.err == (f"golive: --at {at!r}: einen Abstand zu T-0 wie T-25h, T-1d oder T+30m "
                     "angeben, oder einen ISO-Zeitpunkt\n")
