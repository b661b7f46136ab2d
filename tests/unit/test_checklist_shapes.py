"""One test per checklist shape in tests/fixtures/checklists (written by us in the shapes
public go-live checklists have): the plan's counts, T-0 as the document writes it, and the
warnings for what it lacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golive.data.checklist.importer import import_file
from golive.data.checklist.reader import ChecklistError

from support.paths import FIXTURES

SHAPES = FIXTURES / "checklists"


def counts(path: Path) -> tuple[int, int, int, int, int]:
    plan = import_file(path).plan
    return (len(plan.signoffs), len(plan.gates), len(plan.comms), len(plan.checkpoints),
            len(plan.contacts))


def test_phases_by_weeks_days_and_hours_with_headings_nested_under_them() -> None:
    imported = import_file(SHAPES / "weeks-before.md")
    plan = imported.plan
    assert plan.t0.isoformat() == "2025-12-19T10:00:00+03:00"
    assert plan.timezone == "Europe/Moscow"
    assert (plan.product, plan.release) == ("Storefront", "5.0.2")
    assert [(cp.label, cp.at.isoformat()) for cp in plan.checkpoints] == [
        ("4 weeks before", "2025-11-21T10:00:00+03:00"),
        ("T-2w", "2025-12-05T10:00:00+03:00"),
        ("1 week before", "2025-12-12T10:00:00+03:00"),
        ("T-5 to T-1 days", "2025-12-14T10:00:00+03:00"),
        ("Go-live day", "2025-12-19T10:00:00+03:00"),
        ("T+1d", "2025-12-20T10:00:00+03:00")]
    assert [len(cp.checks) for cp in plan.checkpoints] == [2, 3, 1, 1, 2, 1]
    assert counts(SHAPES / "weeks-before.md") == (2, 0, 0, 6, 0)
    warned = [n.message for n in imported.notes]
    assert "no go/no-go gates found: none imported" in warned
    assert "no communication tasks found: none imported" in warned


def test_german_day_month_year_with_uhr_and_a_ticked_sign_off() -> None:
    imported = import_file(SHAPES / "german-uhr.md")
    plan = imported.plan
    assert plan.language == "de"
    assert plan.t0.isoformat() == "2025-12-19T10:00:00+01:00"
    assert counts(SHAPES / "german-uhr.md") == (2, 0, 2, 3, 0)
    assert [t.item for t in imported.ticks] == ["approval.product"]
    assert "keine Go/No-Go-Kriterien gefunden: keine übernommen" in \
        [n.message for n in imported.notes]


def test_iso_instant_with_a_utc_offset() -> None:
    plan = import_file(SHAPES / "iso-offset.md").plan
    assert plan.t0.isoformat() == "2025-12-19T10:00:00+03:00"
    assert counts(SHAPES / "iso-offset.md") == (2, 2, 0, 3, 2)


def test_no_instant_asks_for_t0_in_one_line_and_a_template_release_is_no_release(cli) -> None:  # type: ignore[no-untyped-def]
    src = SHAPES / "no-instant.md"
    with pytest.raises(ChecklistError, match="--t0") as info:
        import_file(src)
    assert "\n" not in str(info.value)
    r = cli("import", str(src))
    assert r.code == 2 and r.err.count("\n") == 1 and "--t0" in r.err
    r = cli("init", "--plan", str(src), "--db", "n.sqlite", "--t0", "2026-01-15T09:00+01:00",
            "--product", "Intranet")
    assert r.code == 0, r.err
    assert "no release named (a line “Release: …” or --release); “unnamed” used" in r.err
    out = json.loads(cli("status", "--json", "--db", "n.sqlite").out)
    assert (out["product"], out["release"], out["t0"]) == \
        ("Intranet", "unnamed", "2026-01-15T09:00:00+01:00")
    r = cli("import", str(src), "--t0", "soon")
    assert r.code == 2 and "--t0 “soon” is no date and time" in r.err
    r = cli("import", str(src), "--t0", "2026-01-15 09:00 CET", "--release", "1.0.0")
    assert r.code == 0 and 'release = "1.0.0"' in r.out
