"""`golive import FILE --out/--report` says, for every line of the checklist, where it went
in the plan, with counts, in the plan's language (issue 19): nothing silent."""

from __future__ import annotations

from pathlib import Path

from support.paths import FIXTURES, REPO

SEED = REPO / "data" / "plan"
SHAPES = FIXTURES / "checklists"


def test_every_line_with_content_is_accounted_for_in_the_plans_language(cli) -> None:  # type: ignore[no-untyped-def]
    src = SHAPES / "german-uhr.md"
    r = cli("import", str(src), "--out", "p.toml")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    content = [n for n, raw in enumerate(src.read_text().splitlines(), 1) if raw.strip()]
    said = [int(line.split(":")[1]) for line in lines[1:-2]]
    assert said == content
    assert lines[0].startswith(f"Importbericht für {src}: {len(content)} Zeilen")
    assert f"{src}:9: Freigabe „Fachbereich“ · - [ ] Fachbereich Freigabe eingeholt" in lines
    assert f"{src}:25: Prüfpunkt bei T-0 · - [ ] Umstellung starten" in lines
    assert lines[-2] == ("Zusammen: Freigaben 2 · Kommunikation 2 · Prüfpunkte 4 · Angaben 3 · "
                         "Titel 1 · Überschriften 6")
    assert lines[-1].endswith("p.toml")


def test_report_instead_of_the_plan_names_prose_and_kept_tasks(cli) -> None:  # type: ignore[no-untyped-def]
    text = ("# Shop\n\n**Go-Live:** 2026-05-12 22:00 (UTC)\n**Release:** 1.0\n\n"
            "## Sign-off\n\nProduct Manager approval on staging\n\n"
            "## Misc\n\n- [ ] Order pizza\n\nWe will see.\n")
    Path(cli.cwd, "c.md").write_text(text)
    r = cli("import", "c.md", "--report")
    assert r.code == 0 and "signoffs" not in r.out  # the report, not the plan
    assert "c.md:8: sign-off “Product Manager” · Product Manager approval on staging" in r.out
    assert "c.md:12: kept as a task under “Further tasks” · - [ ] Order pizza" in r.out
    assert "c.md:14: ignored as prose: text left out" in r.out
