"""Found on the tour of the merged cockpit: an imported checklist names its phases with
their offset ("Pre-freeze (T-48h)"), and the T-plan panel added the offset again:
"Pre-freeze (T-48h) (T-48h)". The offset is added only where the label lacks it."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan, parse_plan
from golive.data.time.clock import FixedClock

from support.pilot import open_cockpit
from support.records import at

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


async def test_a_checkpoint_label_holding_its_offset_shows_it_once(tmp_path: Path) -> None:
    source = load_default_plan().source
    source = source.replace('label = "T-24h"', 'label = "Vorabend (T-24h)"', 1)
    source = source.replace('label = "T-1h"', 'label = "Statuscall"', 1)
    plan = parse_plan(source, "phases.toml")
    store = Store.create(tmp_path / "p.sqlite", plan, FixedClock(at("2026-03-05T09:00")), "rm")
    async with open_cockpit(store, "rm") as (app, pilot):
        svg = app.export_screenshot()
    shown = html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)))
    shown = shown.replace("\xa0", " ")
    shown = shown.replace(" ", "")  # the SVG's spans drop some spaces
    assert "Vorabend(T-24h)05.03." in shown
    assert "Statuscall(T-1h)06.03." in shown  # a label without it still gets it
