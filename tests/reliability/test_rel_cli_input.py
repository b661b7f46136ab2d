"""Defects 4, 7 and 10 at the command line: arguments that are not UTF-8, instants out of
range, a name too long, a release name too long for a file name. One line, exit 2,
nothing written; or, for the file name, a shortened name and the full release inside."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import event_count  # type: ignore[import-not-found]

from golive.data.plan import default_plan_text

NOW = "2026-03-05T10:00:00"


@pytest.fixture
def db(cli, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    path = str(tmp_path / "g.sqlite")
    assert cli("init", "--db", path, "--now", NOW).code == 0
    return path



BAD_ARGS = [
    ("note-text", ["note", "bad\udcffbyte"]),
    ("as", ["note", "ok", "--as", "\udcfe"]),
    ("by", ["approve", "approval.sre", "--by", "x\udcff"]),
    ("reason", ["reject", "approval.sre", "--by", "x", "--reason", "\udcc3"]),
    ("as-too-long", ["note", "ok", "--as", "a" * 5000]),
    ("as-empty", ["note", "ok", "--as", "  "]),
    ("now-year-1", ["note", "ok", "--now", "0001-01-01T00:00:00"]),
    ("now-year-9999", ["status", "--now", "9999-12-31T23:59:59"]),
    ("at-year-1", ["status", "--at", "0001-01-01T00:00:00"]),
    ("staging-year-9999", ["staging-stable-since", "9999-12-31T23:00:00"]),
    ("speed-huge", ["status", "--now", NOW, "--speed", "1e308"]),
    ("speed-nan", ["status", "--now", NOW, "--speed", "nan"]),
]


@pytest.mark.parametrize("args", [a for _, a in BAD_ARGS], ids=[n for n, _ in BAD_ARGS])
def test_bad_arguments_get_one_line_and_exit_2(cli, db: str, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = cli(*args, "--db", db)
    assert result.code == 2, result
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("golive: "), result.err
    assert "Traceback" not in result.err
    assert event_count(db) == 1


def test_a_db_path_that_is_not_utf8_gets_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("status", env={"GOLIVE_DB": str(tmp_path / "\udcff.sqlite")})
    assert result.code == 2 and len(result.err.splitlines()) == 1


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
