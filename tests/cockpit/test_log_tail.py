"""The log after a write: a new event draws its own row and no other (the rows above only
move up), and a correction draws the row it corrects again, with its mark."""

from __future__ import annotations

import os
from pathlib import Path

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.style import Style

from golive.data.changes.commands import Correct, Note
from golive.data.time.clock import FixedClock
from golive.widgets.log_view import LogView

from support.pilot import open_cockpit, screen_text
from support.scenarios import at, fresh

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


NULL = Style.null()


class Row(Content):
    """A log row that counts how often it is drawn."""

    drawn: list[int] = []

    def render_segments(self, base_style: Style = NULL, end: str = "") -> list[Segment]:
        Row.drawn.append(1)
        return super().render_segments(base_style, end)


class LogScreen(Screen[None]):
    log_count: var[int] = var(0)

    def compose(self) -> ComposeResult:
        yield LogView(self.rows, id="log")

    def rows(self, start: int, count: int, compact: bool = False) -> list[Content]:
        """Events start+1 … start+count of those there are, as the store's log_rows."""
        end = min(start + count, self.log_count)
        return [Row(f"event {n}") for n in range(start + 1, end + 1)]


class LogApp(App[None]):
    CSS = "LogView { height: 12; border: round white; }"

    def get_default_screen(self) -> Screen[None]:
        return LogScreen()


async def test_a_new_event_draws_its_row_alone() -> None:
    app = LogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, LogScreen)
        screen.log_count = 40
        await pilot.pause()
        for count in range(41, 46):
            Row.drawn.clear()
            screen.log_count = count
            await pilot.pause()
            assert len(Row.drawn) == 1, f"event {count}: {len(Row.drawn)} rows drawn"
        log = screen.query_one(LogView)
        assert [line.text.strip() for line in
                (log.render_line(y) for y in range(log.scrollable_content_region.height))
                ] == [f"event {n}" for n in range(36, 46)]


async def test_a_correction_marks_the_row_it_corrects(tmp_path: Path) -> None:
    store = fresh(tmp_path / "day.sqlite")
    store.clock = FixedClock(at("2026-03-05T09:00:00"))
    async with open_cockpit(store) as (app, pilot):
        assert app.write(Note("erste Notiz")) is None
        await pilot.pause()
        assert app.write(Correct(2, "Tippfehler")) is None
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if "Notiz: erste" in line)
        assert "korrigiert durch Nr. 3: Tippfehler" in row
    store.close()
