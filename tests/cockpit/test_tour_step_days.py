"""Found on the tour of the merged cockpit: the day after a GO, the go-live dialog (`d`,
`R`) listed "13:03 GO von …" and the banner "Deploy gestartet 10:04" with no date, as if
they had happened today. A step on another day than now carries its date, as the banner's
GO already did (hm_or_day_hm)."""

from __future__ import annotations

import os
from pathlib import Path

from golive.data.time.clock import FixedClock, parse_instant
from golive.dialogs import FormDialog

from support.pilot import open_cockpit
from support.scenarios import build

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def shown(app: object, selector: str) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return " ".join(str(w.render()) for w in screen.query(selector))


async def test_steps_of_yesterday_carry_their_date_in_the_dialog_and_the_banner(
        tmp_path: Path) -> None:
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    board = store.board()
    assert board.golive is not None and board.decision is not None
    go_day = board.decision.at.strftime("%d.%m.")
    step_day = board.golive.steps[-1].at.strftime("%d.%m.")
    store.clock = FixedClock(parse_instant("2026-03-07T09:00:00", "Europe/Berlin"))
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.pause()
        banner = shown(app, "VerdictBanner")
        assert banner.rstrip().endswith(f"Deploy gestartet {step_day} "
                                        f"{board.golive.steps[-1].at.strftime('%H:%M')}")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        history = shown(app, "#dialog-info Static")
        assert f"{go_day} " in history and f"{step_day} " in history
        await pilot.press("escape")
        await pilot.pause()
    assert store.event_count() == count
