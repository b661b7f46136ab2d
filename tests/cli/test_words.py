"""The words of the record say what the user sees (issue 20, section 8): refusals name
labels, not ids; an informed-only stakeholder is "informiert"; the plan's docs stand
under one heading; the Markdown export escapes only what Markdown would read at that
place; an interval that runs backwards in a rehearsal says so."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from markdown_it import MarkdownIt

from support.cli import one_line_error


def test_refusals_name_what_the_panel_shows(ready) -> None:  # type: ignore[no-untyped-def]
    again = ready("09:51", "approve", "approval.security", "--by", "Sina Koch")
    one_line_error(again)
    assert again.err == ("golive: Security ist schon freigegeben (von Sina Koch); "
                         "erst zurückziehen\n")
    green = ready("09:51", "gate", "gate.monitoring", "green")
    one_line_error(green)
    assert green.err == "golive: „Monitoring aktiv“ ist schon grün\n"
    for said in (again.err, green.err):
        assert not re.search(r"\b(approval|gate)\.", said)


def test_status_says_informed_for_an_informed_only_stakeholder(ready) -> None:  # type: ignore[no-untyped-def]
    line = next(x for x in ready("09:51", "status").out.splitlines()
                if "approval.support" in x)
    assert "Support informiert [informiert]" in line and "freigegeben" not in line
    items = json.loads(ready("09:51", "status", "--json").out)["items"]
    support = next(i for i in items if i["id"] == "approval.support")
    assert (support["state"], support["informed"]) == ("approved", True)


def test_a_backwards_interval_in_a_rehearsal_keeps_its_sign(ready) -> None:  # type: ignore[no-untyped-def]
    assert ready("10:05", "deploy", "started").code == 0
    assert ready("10:03", "deploy", "finished").code == 0  # a rehearsal's clock went back
    status = ready("10:06", "status").out
    assert "(-2 min) Deploy beendet" in status and "+2 min" not in status


def test_markdown_escapes_only_what_markdown_would_read(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert ready("09:51", "note", "# kein Titel & &amp; _x_ 16:00:00 #kanal").code == 0
    out = tmp_path / "out"
    out.mkdir()
    md = Path(ready("09:52", "export", "--out", str(out)).out.strip()).read_text("utf-8")
    # as written, where Markdown reads nothing into them
    for plain in ("Orchestration & Stakeholder", "| #ltc-status |",
                  "Staging stabil seit 2026-03-05 08:00:00+01:00",
                  "docs/MASTER_GOLIVE_COORDINATION.md, docs/13_GO_LIVE_CHECKLIST.md"):
        assert plain in md, plain
    assert md.count("Docs zum Lesen") == 1
    # escaped where they would start a heading, an entity or emphasis
    assert "Notiz: # kein Titel & \\&amp; \\_x\\_ 16:00:00 #kanal" in md
    rendered = html.unescape(re.sub(r"<[^>]+>", "", MarkdownIt("commonmark").enable(
        "table").render(md)))
    assert "Notiz: # kein Titel & &amp; _x_ 16:00:00 #kanal" in rendered
