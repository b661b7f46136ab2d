"""At least 60 malformed plans: each is refused in one line with exit 2, and no file is
created. A plan with a byte order mark is accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalogue import MALFORMED_PLAN_BYTES, malformed_plans  # type: ignore[import-not-found]

from golive.data.plan import default_plan_text

PLANS = malformed_plans(default_plan_text())
assert len(PLANS) + len(MALFORMED_PLAN_BYTES) >= 60


def _refused(cli_inproc, tmp_path: Path, plan: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "g.sqlite"
    result = cli_inproc("init", "--db", str(db), "--plan", str(plan), "--now",
                        "2026-03-05T10:00:00")
    assert result.code == 2, result
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("golive: "), result.err
    assert len(lines[0]) < 400
    assert "\x1b" not in result.err
    assert not db.exists()


@pytest.mark.parametrize("text", [t for _, t in PLANS], ids=[n for n, _ in PLANS])
def test_a_malformed_plan_gets_one_line(cli_inproc, tmp_path: Path, text: str) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.toml"
    plan.write_text(text, "utf-8")
    _refused(cli_inproc, tmp_path, plan)


@pytest.mark.parametrize("data", [d for _, d in MALFORMED_PLAN_BYTES],
                         ids=[n for n, _ in MALFORMED_PLAN_BYTES])
def test_a_plan_that_is_not_small_utf8_text_gets_one_line(cli_inproc, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          data: bytes) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_bytes(data)
    _refused(cli_inproc, tmp_path, plan)


def test_a_plan_too_large_to_copy_into_every_file_is_refused(cli_inproc, tmp_path: Path  # type: ignore[no-untyped-def]
                                                              ) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(default_plan_text() + "#" * 2_000_000 + "\n", "utf-8")
    _refused(cli_inproc, tmp_path, plan)


def test_a_plan_with_a_byte_order_mark_is_accepted_and_stored_without_it(cli, tmp_path: Path  # type: ignore[no-untyped-def]
                                                                        ) -> None:
    plan = tmp_path / "bom.toml"
    plan.write_bytes(b"\xef\xbb\xbf" + default_plan_text().encode())
    db = str(tmp_path / "g.sqlite")
    assert cli("init", "--db", db, "--plan", str(plan)).code == 0
    assert cli("status", "--db", db, "--plan", str(plan)).code == 1  # NO-GO, same plan
    assert cli("status", "--db", db).code == 1


def test_the_stored_custom_plan_is_the_plan_without_repeating_plan(cli, tmp_path: Path  # type: ignore[no-untyped-def]
                                                                  ) -> None:
    plan = tmp_path / "custom.toml"
    plan.write_text(default_plan_text().replace('product = "LifeTimeCircle"',
                                                'product = "Eigenes"'), "utf-8")
    db = str(tmp_path / "g.sqlite")
    assert cli("init", "--db", db, "--plan", str(plan)).code == 0
    # the cockpit's path (create=True) must open the file with its own stored plan
    from golive.cli_files import open_store
    from golive.cli_parser import Options

    store, created = open_store(Options(Path(db), None, "rm", None, None, None), create=True)
    try:
        assert not created and store.plan.product == "Eigenes"
    finally:
        store.close()
    other = cli("status", "--db", db, "--plan", str(tmp_path / "missing.toml"))
    assert other.code == 2
