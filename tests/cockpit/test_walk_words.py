"""What walking issue 20 §7/§8 as a new user still found (see each test)."""

from __future__ import annotations

from collections.abc import Callable

NOW = ["--now", "2026-03-05T10:00"]


def test_a_contact_number_can_be_corrected_alone(cli: Callable[..., object]) -> None:
    """`golive contact contact.primary-on-call --phone …` to fix a number answered
    "Name (--name) darf nicht leer sein", though the name was recorded: the one not given
    stays as recorded. With nothing recorded yet both are still asked for."""
    run = cli
    assert run("init", *NOW).code == 0  # type: ignore[attr-defined]
    first = run("contact", "contact.primary-on-call", "--phone", "+49 30 9018 2345", *NOW)
    assert first.code == 2 and "Name (--name) darf nicht leer sein" in first.err  # type: ignore[attr-defined]
    assert run("contact", "contact.primary-on-call", "--name", "Olaf Kern",  # type: ignore[attr-defined]
               "--phone", "+49 30 9018 2345", *NOW).code == 0
    fixed = run("contact", "contact.primary-on-call", "--phone", "+49 30 9018 2399", *NOW)
    assert fixed.code == 0, fixed.err  # type: ignore[attr-defined]
    assert "Primär-On-Call: Olaf Kern, +49" in fixed.out  # type: ignore[attr-defined]
    renamed = run("contact", "contact.primary-on-call", "--name", "Olaf Kernig", *NOW)
    assert renamed.code == 0, renamed.err  # type: ignore[attr-defined]
    status = run("status", *NOW).out  # type: ignore[attr-defined]
    assert "Olaf Kernig" in status and "2399" in status


async def test_r_after_a_finished_rollback_offers_only_the_history(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """R on a rolled-back go-live offered "Rollback abgeschlossen" again (Enter), which
    the store then refused ("ist schon erfasst"): now the dialog shows the history and
    Enter closes it, writing nothing."""
    from textual.widgets import Button

    from golive.cockpit import make_app
    from golive.dialogs import FormDialog

    from support.scenarios import build

    store = build("rolled-back", tmp_path / "golive.sqlite")
    count = store.event_count()
    app = make_app(store, "rm")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert [b.id for b in dialog.query(Button)] == ["action-cancel"]
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    assert store.event_count() == count
