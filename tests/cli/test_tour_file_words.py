"""Found on the tour of the merged CLI: a checklist or plan file that cannot be read said
so in English under the German default ("nope.md: cannot read: …", "bad.md: not UTF-8
text (byte 0)"), though file errors are German there (README, Limits). One line, exit 2,
in the CLI's language; nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize("args", [
    ("import", "nope.md", "--report"),
    ("import", "bad.md", "--report"),
    ("--plan", "nope.toml", "init", "--db", "x.sqlite"),
    ("--plan", "bad.toml", "init", "--db", "x.sqlite"),
    ("--plan", "big.toml", "init", "--db", "x.sqlite"),
])
def test_an_unreadable_plan_or_checklist_is_one_german_line(cli, args: tuple[str, ...]
                                                            ) -> None:  # type: ignore[no-untyped-def]
    cwd = Path(cli.cwd)
    (cwd / "bad.md").write_bytes(b"\xff\xfe# x\n")
    (cwd / "bad.toml").write_bytes(b"title = \"\xff\"\n")
    (cwd / "big.toml").write_text("# " + "x" * 2_000_000 + "\n")
    result = cli(*args, env={"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("golive: "), result.err
    for english in ("cannot read", "not UTF-8 text", "byte ", "larger than"):
        assert english not in lines[0], lines[0]
    assert not (cwd / "x.sqlite").exists()


def test_english_when_asked(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--lang", "en", "import", "nope.md", "--report")
    assert result.code == 2 and "nope.md: cannot read" in result.err
