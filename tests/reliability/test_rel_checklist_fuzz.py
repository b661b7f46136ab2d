"""Any Markdown file given to `golive import` ends in a plan or in one clear line naming the
file, never in a traceback: seeded random checklists (nested headings, ragged tables, emoji,
mixed languages, long lists) and mutations of the fixtures' checklists."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from golive.data.checklist.importer import import_checklist
from golive.data.plan.model import PlanError

from support.paths import FIXTURES

SOURCES = sorted(FIXTURES.glob("*.md")) + sorted((FIXTURES / "checklists").glob("*.md"))

WORDS = ["Go-Live", "Freigabe", "Sign-off", "Approvals", "Go/No-Go", "Kriterien", "Gates",
         "Kommunikation", "Communication", "Escalation", "Kontakte", "Team", "T-Plan",
         "Timeline", "Rollback", "Monitoring", "Checkliste", "Ziel", "Data Migration",
         "Post-launch", "🚀", "✅", "⬜", "☐", "📣", "Ärger", "日本語", "проверка", "Stakeholder",
         "QA", "Product", "Security", "staging stable 24h", "[Name]", "[v1.0.0]", "TBD",
         "Owner", "Status", "Evidence", "Notes", "Role", "Signature", "Date", "Uhr", "CET",
         "2026-03-06", "10:00", "2026-13-45 25:99", "19.12.2025", "Friday, December 19, 2025",
         "(Europe/Berlin)", "(Mars/Olympus)", "T-0", "T+1d", "T-24h", "T-2w", "T-5 to T-1 days",
         "4 weeks before", "1 week before", "T-99999999999d", "`code`", "**bold**", "<b>x</b>",
         "4 Wochen vorher", "T-2 Wochen", "Am Go-Live-Tag", "Nach dem Go-Live", "Erledigt",
         "Pending", "☑", "✔️", "Done", "Location:", "Hours:", "anna@example.org", "#launch",
         "Rollback criteria", "Rollback steps", "Success criteria", "Day 3", "Weitere Aufgaben",
         "approval on staging", "____", "GO / NO-GO", "Pass/Fail", "Owner: Anna Berg",
         "Status: ✅", "Evidence:", "Date: 2026-03-01", "**Day-of:**"]
HEADINGS = ["T-0: 2026-03-06 10:00 CET", "T-24h", "T+1d", "T-2w", "4 weeks before",
            "T-5 to T-1 days", "Sign-offs", "Go/No-Go", "Communication", "Escalation",
            "Timeline", "Checklist", "Goal", "Approval template", "Data Migration", "",
            "Rollback plan", "Rollback criteria", "Post-launch monitoring", "Am Go-Live-Tag",
            "Nach dem Go-Live", "Success criteria", "Day 7", "Hardware", "Contacts",
            "Review and approval", "Launch Day", "Morning (T-0)"]


def phrase(rnd: random.Random, n: int = 4) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, n)))


def block(rnd: random.Random) -> str:
    kind = rnd.randrange(7)
    if kind == 0:
        heads = [phrase(rnd, 3) for _ in range(rnd.randint(1, 5))]
        rows = ["| " + " | ".join(phrase(rnd, 2) for _ in range(rnd.randint(0, len(heads) + 1)))
                + " |" for _ in range(rnd.randint(0, 5))]
        return "\n".join(["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads), *rows])
    if kind == 1:
        box = ["- [ ] ", "- [x] ", "- ", "1. ", "  - [ ] ", "    - "]
        return "\n".join(rnd.choice(box) + phrase(rnd) for _ in range(rnd.randint(1, 40)))
    if kind == 2:
        return "```markdown\n# " + phrase(rnd) + "\n- [ ] " + phrase(rnd) + "\n```"
    if kind == 3:
        return "**" + rnd.choice(["Go-Live", "Release", "Product", "Owner", "Stand"]) + ":** " \
            + phrase(rnd)
    if kind == 4:
        return "---"
    if kind == 5:  # an item with Owner/Status/Date/Evidence (or anything) nested under it
        subs = ["Owner: ", "Status: ", "Date: ", "Evidence: ", "- [ ] ", ""]
        return rnd.choice(["- [ ] ", "- ✅ ", "- "]) + phrase(rnd) + "".join(
            "\n" + " " * rnd.choice([2, 4, 6]) + "- " + rnd.choice(subs) + phrase(rnd, 2)
            for _ in range(rnd.randint(0, 5)))
    return phrase(rnd, 8)


def document(seed: int) -> str:
    rnd = random.Random(seed)
    parts = ["# " + phrase(rnd, 3)] if rnd.random() < 0.8 else []
    for _ in range(rnd.randint(1, 14)):
        if rnd.random() < 0.5:
            title = rnd.choice(HEADINGS) if rnd.random() < 0.6 else phrase(rnd, 3)
            parts.append("#" * rnd.randint(1, 6) + " " + title)
        parts.append(block(rnd))
    return "\n\n".join(parts) + "\n"


def mutate(text: str, seed: int) -> str:
    rnd = random.Random(seed)
    lines = text.splitlines()
    for _ in range(rnd.randint(1, 6)):
        if not lines:
            break
        i = rnd.randrange(len(lines))
        op = rnd.randrange(6)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rnd.randrange(len(lines))])
        elif op == 2:
            lines[i] = "#" * rnd.randint(1, 4) + " " + lines[i].lstrip("#- ")
        elif op == 3:
            lines[i] = lines[i][: rnd.randint(0, len(lines[i]))]
        elif op == 4:
            lines.insert(i, rnd.choice(["### " + rnd.choice(HEADINGS), "| a | b |", "- [x] ✅",
                                        "| Role | Name | Signature | Date |", "- [ ]"]))
        else:
            lines[i] = lines[i].replace("2026", "0000").replace(":", "")
    return "\n".join(lines) + "\n"


def one_outcome(text: str, name: str) -> None:
    """A plan whose import report names every line with content, or one line."""
    try:
        imported = import_checklist(text, name)
    except PlanError as exc:
        line = str(exc)
        assert "\n" not in line and line.startswith(name), line
        return
    assert imported.plan.items or imported.plan.checkpoints
    content = [n for n, raw in enumerate(text.splitlines(), 1) if raw.strip()]
    assert [r.line for r in imported.report] == content


@pytest.mark.parametrize("chunk", range(6))
def test_random_markdown_is_a_plan_or_one_line(chunk: int) -> None:
    for seed in range(chunk * 60, chunk * 60 + 60):
        text = document(seed)
        try:
            one_outcome(text, f"seed-{seed}.md")
        except Exception as exc:  # noqa: BLE001 - name the seed that broke it
            raise AssertionError(f"seed {seed}: {type(exc).__name__}: {exc}\n{text}") from exc


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_mutated_fixture_checklists_are_a_plan_or_one_line(source: Path) -> None:
    base = source.read_text()
    for seed in range(60):
        text = mutate(base, seed)
        try:
            one_outcome(text, "mutated.md")
        except Exception as exc:  # noqa: BLE001
            raise AssertionError(f"{source.name} seed {seed}: {type(exc).__name__}: {exc}"
                                 ) from exc


def test_a_heading_under_a_phase_groups_its_items_under_that_phase() -> None:
    text = "# X\n\n## T-0: 2026-03-06 10:00 CET\n\n### Data Migration\n\n- [ ] Start\n"
    imported = import_checklist(text, "x.md")
    [cp] = imported.plan.checkpoints
    assert cp.offset == "T-0"
    assert [c.label for c in cp.checks] == ["Start"]


def test_ten_thousand_items_are_a_plan_with_every_line_reported() -> None:
    """10,000 items in phases, tables and nested lists, German and English mixed, with
    emoji: one plan, every item placed, in a few seconds."""
    rnd = random.Random(7)
    table = ["| Role | Name | Signature | Date |", "|---|---|---|---|"]
    table += [f"| Role {n} | Person {n} | {'x' if n % 3 else ''} |" for n in range(50)]  # ragged
    parts = ["# Großer Go-Live 🚀", "**Go-Live:** 2026-03-06 10:00 CET", "## Sign-offs",
             "\n".join(table)]
    for week in range(20, 0, -1):
        parts.append(f"## {week} weeks before" if week % 2 else f"## T-{week} Wochen")
        parts.append(f"### {rnd.choice(['Data Migration', 'Infrastruktur 🧱', '日本'])}")
        parts += [f"- [{' x'[n % 2]}] {rnd.choice(['Prüfen', 'Check ✅', '日本'])} {n}" + (
            "\n  - Owner: Anna Berg\n  - Status: ✅" if n % 7 == 0 else "")
                  for n in range(495)]
    text = "\n\n".join(parts) + "\n"
    imported = import_checklist(text, "big.md")
    checks = sum(len(cp.checks) for cp in imported.plan.checkpoints)
    assert (len(imported.plan.signoffs), checks) == (50, 20 * 495)
    assert len(imported.report) == len([raw for raw in text.splitlines() if raw.strip()])
    # with long words the same document outgrows a plan file: one line says so
    long = text.replace("Prüfen", "Prüfen " + "sehr " * 20)
    try:
        import_checklist(long, "big.md")
    except PlanError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("big.md: "), exc
        assert "9950 items make a plan over 1,000,000 bytes" in str(exc)  # in words
    else:
        raise AssertionError("a plan over the limit was made")
