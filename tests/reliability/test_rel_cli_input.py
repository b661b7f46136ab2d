"""Defects 4, 7 and 10 at the command line: arguments that are not UTF-8, instants out of
range, a name too long, a release name too long for a file name. One line, exit 2,
nothing written; or, for the file name, a shortened name and the full release inside."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive.data.plan.source import default_plan_text

from support.records import event_count

NOW = "2026-03-05T10:00:00"


@pytest.fixture
def db(cli, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    path = str(tmp_path / "g.sqlite")
    assert cli("init", "--db", path, "--now", NOW).code == 0
    return path



YEARS = "golive rechnet mit den Jahren 1971 bis 9000"
# (name, arguments, what the one line says: refused for another reason, the check the
# case is named after is not tested)
BAD_ARGS = [
    ("note-text", ["note", "bad\udcffbyte"], "Argument 2 (bad\ufffdbyte) ist kein gültiger"),
    ("as", ["note", "ok", "--as", "\udcfe"], "Argument 4 (\ufffd) ist kein gültiger"),
    ("by", ["approve", "approval.sre", "--by", "x\udcff"], "Argument 4 (x\ufffd) ist kein"),
    ("reason", ["reject", "approval.sre", "--by", "Xaver Huber", "--reason", "\udcc3"],
     "Argument 6 (\ufffd) ist kein gültiger UTF-8-Text"),
    ("as-too-long", ["note", "ok", "--as", "a" * 5000],
     "Akteur (--as) ist 5000 Zeichen lang; erlaubt sind höchstens 200"),
    ("as-empty", ["note", "ok", "--as", "  "], "Akteur (--as) darf nicht leer sein"),
    ("now-year-1", ["note", "ok", "--now", "0001-01-01T00:00:00"],
     f"0001-01-01T00:00:00: {YEARS}"),
    ("now-year-9999", ["status", "--now", "9999-12-31T23:59:59"],
     f"9999-12-31T23:59:59: {YEARS}"),
    ("at-year-1", ["status", "--at", "0001-01-01T00:00:00"], f"0001-01-01T00:00:00: {YEARS}"),
    ("staging-year-9999", ["staging-stable-since", "9999-12-31T23:00:00"],
     f"9999-12-31T23:00:00: {YEARS}"),
    ("speed-huge", ["status", "--now", NOW, "--speed", "1e308"],
     "--speed muss zwischen 0 und 100000 liegen, nicht 1e+308"),
    ("speed-nan", ["status", "--now", NOW, "--speed", "nan"],
     "--speed muss zwischen 0 und 100000 liegen, nicht nan"),
]


@pytest.mark.parametrize("args, why", [(a, w) for _, a, w in BAD_ARGS],
                         ids=[n for n, _, _ in BAD_ARGS])
def test_bad_arguments_get_one_line_and_exit_2(cli, db: str, args: list[str],  # type: ignore[no-untyped-def]
                                               why: str) -> None:
    result = cli(*args, "--db", db)
    assert result.code == 2, result
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"golive: {why}"), result.err
    assert "Traceback" not in result.err
    assert event_count(db) == 1


def test_a_db_path_that_is_not_utf8_gets_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("status", env={"GOLIVE_DB": str(tmp_path / "\udcff.sqlite")})
    assert (result.code, result.err) == (
        2, "golive: der Dateiname (--db, $GOLIVE_DB) ist kein gültiger UTF-8-Text\n")


def test_a_long_name_within_the_limit_is_stored(cli, db: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("note", "ok", "--as", "a" * 200, "--db", db).code == 0
    assert event_count(db) == 2


def test_a_very_long_release_name_shortens_the_export_file_name(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    release = "r" + "-lang" * 60  # 301 characters
    plan = tmp_path / "plan.toml"
    plan.write_text(default_plan_text().replace('release = "rc-2026-03-01"',
                                                f'release = "{release}"'), "utf-8")
    db = str(tmp_path / "g.sqlite")
    assert cli("init", "--db", db, "--plan", str(plan), "--now", NOW).code == 0
    for fmt in ("md", "json"):
        result = cli("export", "--db", db, "--format", fmt, "--now", NOW)
        assert result.code == 0, result.err
        written = Path(result.out.strip())
        assert len(written.name.encode()) < 200
        assert release in written.read_text("utf-8")
