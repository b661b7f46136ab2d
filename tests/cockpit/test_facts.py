"""The source document's facts are shown where a release manager looks for them: the info
view (i), plain status, its JSON and the export; the palette and help name remapped keys."""

from __future__ import annotations

import json

from textual.command import CommandPalette

from golive.cockpit import make_app
from golive.data.log.store import Store
from golive.dialogs import ListScreen

from support.pilot import listed, open_cockpit, plain

RULE = "kein Architektur-Umbau in letzter Minute"


def test_a_long_fact_wraps_in_its_own_column() -> None:
    """At 80 columns a long path or Zielbild note continues under its value, never back
    under the labels at column 0."""
    from golive.cockpit_screen import fact_row

    value = "/srv/golive/" + "sehr-langer-verzeichnisname/" * 4 + "golive.sqlite"
    lines = plain(fact_row("Datei", value), width=60).rstrip("\n").split("\n")
    assert len(lines) > 1
    assert lines[0].startswith("Datei ") and lines[0][20:].startswith("/srv/golive/")
    assert all(line.startswith(" " * 20) and line[20] != " " for line in lines[1:]), lines
    assert "".join(line[20:].rstrip() for line in lines) == value


async def test_i_shows_every_fact_of_the_plan(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("i")
        assert isinstance(app.screen, ListScreen)
        text = listed(app.screen)
        for fact in ("Release Manager / Project Lead", "Stand", "2026-03-01", RULE,
                     "docs/13_GO_LIVE_CHECKLIST.md", "Release Manager: Go-Live Orchestration",
                     str(store.path)):
            assert fact in text, fact
        assert text.count("Docs zum Lesen") == 1  # a heading over both docs
    assert store.event_count() == 1


def test_status_json_and_export_carry_the_facts(cli_inproc, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli_inproc("init", "--now", "2026-03-05T10:00:00").code == 0
    plain = cli_inproc("status").out
    assert "Verantwortlich:" in plain and "Stand:" in plain and RULE in plain
    assert "Owner" not in plain  # nothing English under the German plan
    assert plain.count("Docs zum Lesen") == 1  # one heading over both docs
    facts = json.loads(cli_inproc("status", "--json").out)["plan"]
    assert facts["owner"] == "Release Manager / Project Lead"
    assert facts["document_date"] == "2026-03-01" and RULE in facts["target_notes"]
    assert facts["docs"] == ["docs/MASTER_GOLIVE_COORDINATION.md",
                             "docs/13_GO_LIVE_CHECKLIST.md"]
    assert cli_inproc("export", "--out", str(tmp_path)).code == 0
    exported = next(tmp_path.glob("*.md")).read_text("utf-8")
    assert "## Plan" in exported and f"  - {RULE}" in exported
    assert exported.count("Docs zum Lesen") == 1 and "**Verantwortlich:**" in exported


async def test_palette_and_help_name_the_remapped_key(store: Store) -> None:
    async with open_cockpit(store, "rm", keymap={"decide": "G"}) as (app, pilot):
        helps = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert helps["golive: Go/No-Go"] == "Taste G · Name entscheiden"
        assert all(title.startswith("golive: ") for title in helps)  # nothing English
        await pilot.press("question_mark")
        assert isinstance(app.screen, ListScreen)
        assert "G " in listed(app.screen) and "question_mark" not in listed(app.screen)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_the_info_view_scrolls_to_its_last_line_from_the_keyboard(store: Store) -> None:
    """At 80x24 the facts do not fit; none can be picked, so down/end scroll instead of
    doing nothing (the file and the chain head are the last lines)."""
    app = make_app(store, "rm")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        view = app.screen.query_one("#dialog-list")
        assert view.max_scroll_y > 0 and view.scroll_y == 0
        await pilot.press("down", "down")
        await pilot.pause()
        assert view.scroll_y == 2
        await pilot.press("end")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert view.scroll_y == 0
    assert store.event_count() == 1
