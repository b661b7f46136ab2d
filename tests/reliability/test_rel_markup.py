"""Defect 1: user text reaching a notification is drawn literally, and a crash never
exits 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

import golive.cockpit as cockpit_module
from golive.data.log.store import Store
from golive.data.time.clock import FixedClock

from support.pilot import notes, toasts
from support.records import at, new_store, plan_with


async def test_markup_in_labels_product_release_and_path_never_reaches_a_toast_as_markup(
        tmp_path: Path) -> None:
    plan = plan_with(**{'label = "T-0"': 'label = "T-0 [/prod]"',
                        'product = "LifeTimeCircle"': 'product = "LTC [/srv]"',
                        'release = "rc-2026-03-01"':
                            'release = "[link=file:///etc/passwd]x[/link]"'})
    folder = tmp_path / "a[/b]"
    folder.mkdir(parents=True)
    store = new_store(folder / "g.sqlite", plan, "2026-03-06T09:59:59")
    app = cockpit_module.make_app(store, "rm")
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        store.clock = FixedClock(at("2026-03-06T10:00:00"))
        app.tick()  # T-0 reached: a toast with the label
        await pilot.press("c")  # the summary holds product and release
        await pilot.press("x")  # the export path holds the directory name
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = "\n".join(toasts(app))
        assert app.is_running
    assert app.return_code is None  # nothing asked the app to exit
    messages = "\n".join(notes(app))
    for literal in ("T-0 [/prod]", "LTC [/srv]", "[link=file:///etc/passwd]x[/link]", "a[/b]"):
        assert literal in messages
    assert "T-0 [/prod]" in shown and "LTC [/srv]" in shown and "a[/b]" in shown


@pytest.mark.parametrize("label", ["[@click=app.quit]x[/]", "[Status-Kanal]", "[b]x[/b]"])
async def test_a_label_in_a_toast_is_text_not_an_action_or_a_style(tmp_path: Path,
                                                                    label: str) -> None:
    store = new_store(tmp_path / "g.sqlite",
                      plan_with(**{'label = "T-24h"': f'label = "{label}"'}),
                      "2026-03-05T09:59:59")
    app = cockpit_module.make_app(store, "rm")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        store.clock = FixedClock(at("2026-03-05T10:00:00"))
        app.tick()
        await pilot.pause()
        assert any(label in t for t in toasts(app))
        app.notify(label, markup=True)  # even a caller asking for markup gets text
        await pilot.pause()
        assert app.is_running
        assert sum(label in t for t in toasts(app)) == 2


def test_a_cockpit_that_crashes_exits_non_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               store: Store) -> None:
    class Crashing(cockpit_module.GoliveApp):
        CSS_PATH = str(Path(cockpit_module.__file__).with_name("golive.tcss"))

        def on_mount(self) -> None:
            raise RuntimeError("boom")

        def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return App.run(self, headless=True)

    monkeypatch.setattr(cockpit_module, "make_app",
                        lambda s, a, **kw: Crashing(s, a, **kw))
    # exactly 1 (Textual's code for a crash); `!= 0` let None through, which
    # sys.exit() turns into exit status 0
    assert cockpit_module.run_cockpit(store, "rm") == 1
