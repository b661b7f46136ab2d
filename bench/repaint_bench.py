"""What one key costs inside the cockpit: CPU per key and widgets rendered per key.

In-process and headless (a proxy, not what a person feels; bench/key_bench.py and the
real-terminal rows are that): a rehearsal-free real file of a few events on the wall
clock, the communication panel focused, `space` ticks its first task (measured), then
space and Enter reopen it (not measured). Per key: the CPU of the press and the following
refresh, which widgets Textual asked to render (`Widget.render_lines`) and how many
lines it drew (`render_line` of the line widgets).
The profile of the write path (`--profile`) shows where the CPU goes.

What it showed (2026-12-07, load 3-5 on 2 cores; before and after issue 23's reactive
flow alike): ≈ 12 ms CPU per key; 3 widgets ask for a repaint (the ticked panel, the log,
its scrollbar; the header and countdown too when the second turned), 13 lines are drawn
anew, yet Textual asks all 16 visible widgets for their lines. Session 27 found why: a
partial update (Compositor._get_renders, Textual 8.2.8) renders every widget whose CLIP
overlaps the changed area, and a widget's clip is its container's area, not its own: for
the header, verdict, body, log and key line that is the whole screen, so even one dirty
cell in a panel renders 12 widgets, each over its full height, from its line cache
(≈ 0.6 ms of CPU for the 13 that did not change). Public API cannot narrow it.

    .venv/bin/python bench/repaint_bench.py [--presses 40] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
sys.path.insert(0, str(Path(__file__).resolve().parent))


def counting() -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Count render_lines per widget, render_line per class, and whole-widget refreshes
    (a widget that asked to be drawn again) per widget."""
    from textual.widget import Widget

    widgets: Counter[str] = Counter()
    lines: Counter[str] = Counter()
    refreshed: Counter[str] = Counter()
    render_lines = Widget.render_lines
    refresh = Widget.refresh

    def counted_refresh(self, *regions, **kwargs):  # type: ignore[no-untyped-def]
        if not regions:
            refreshed[f"{type(self).__name__}#{self.id or ''}"] += 1
        return refresh(self, *regions, **kwargs)

    Widget.refresh = counted_refresh  # type: ignore[method-assign]

    def counted(self, crop):  # type: ignore[no-untyped-def]
        widgets[f"{type(self).__name__}#{self.id or ''}"] += 1
        return render_lines(self, crop)

    Widget.render_lines = counted  # type: ignore[method-assign]
    for cls in _line_classes():
        original = cls.render_line

        def line(self, y, _original=original, _name=cls.__name__):  # type: ignore[no-untyped-def]
            lines[_name] += 1
            return _original(self, y)

        cls.render_line = line  # type: ignore[method-assign]
    return widgets, lines, refreshed


def _line_classes() -> list[type]:
    from textual.widget import Widget

    from golive.widgets.log_view import LogView
    from golive.widgets.row_list import RowList

    return [RowList, LogView, Widget]


async def run(presses: int, profile: bool) -> None:
    from golive.cockpit import make_app
    from golive.data.log.store import Store
    from golive.data.plan.source import load_default_plan
    from golive.data.time.clock import RealClock

    widgets, lines, refreshed = counting()
    with tempfile.TemporaryDirectory() as tmp:
        plan = load_default_plan()
        store = Store.create(Path(tmp) / "bench.sqlite", plan, RealClock(plan.timezone), "bench")
        app = make_app(store, "bench", bell_on_checkpoint=False)
        cpu: list[float] = []
        per_key_widgets: list[int] = []
        per_key_lines: list[int] = []
        per_key_refreshed: list[int] = []
        asked: Counter[str] = Counter()
        seen: Counter[str] = Counter()
        profiler = cProfile.Profile() if profile else None
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("3")
            await pilot.pause()
            before = store.event_count()
            for n in range(presses + 5):
                widgets.clear()
                lines.clear()
                refreshed.clear()
                start = time.process_time()
                if profiler is not None and n >= 5:
                    profiler.enable()
                await pilot.press("space")
                await pilot.pause()
                if profiler is not None:
                    profiler.disable()
                if n >= 5:
                    cpu.append((time.process_time() - start) * 1000)
                    per_key_widgets.append(len(widgets))
                    per_key_lines.append(sum(lines.values()))
                    seen.update(widgets.keys())
                    per_key_refreshed.append(len(refreshed))
                    asked.update(refreshed.keys())
                await pilot.press("space", "enter")  # unmeasured: reopen it (a dialog)
                await pilot.pause(0.3)  # the board repainted whole after the dialog
            written = store.event_count() - before
        store.close()
    if written != 2 * (presses + 5):
        raise SystemExit(f"expected {2 * (presses + 5)} events, found {written}")
    print(f"CPU per key: median {statistics.median(cpu):.2f} ms, "
          f"min {min(cpu):.2f}, max {max(cpu):.2f} ({presses} keys)")
    print(f"widgets rendered per key: median {statistics.median(per_key_widgets)}, "
          f"max {max(per_key_widgets)}")
    print(f"lines rendered per key: median {statistics.median(per_key_lines)}")
    print(f"widgets that asked for a repaint per key: median "
          f"{statistics.median(per_key_refreshed)}, max {max(per_key_refreshed)}: "
          + ", ".join(f"{name} {count}" for name, count in asked.most_common()))
    print("widgets rendered, keys out of", presses, ":")
    for name, count in seen.most_common():
        print(f"  {count:4d}  {name}")
    if profiler is not None:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(
            r"golive|_compositor|_styles_cache|render_lines", 40)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--presses", type=int, default=40)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    asyncio.run(run(args.presses, args.profile))


if __name__ == "__main__":
    main()
