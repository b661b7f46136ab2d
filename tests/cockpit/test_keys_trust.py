"""Trust at the keyboard: no key writes a permanent entry the user did not mean.

Each test asserts what was stored and, as carefully, what was not: the log is append-only,
so a wrong entry from one careless Enter is the worst defect this app can have.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Button, Input, OptionList

from golive.cockpit import GoliveApp, make_app
from golive.cockpit_screen import CockpitScreen
from golive.data.changes.commands import Approve, Revoke, SetGate
from golive.data.changes.refused import Refused
from golive.data.log.dbfile import StoreError
from golive.data.log.events import Event
from golive.data.log.store import Store
from golive.data.time.clock import FixedClock
from golive.dialogs import FormDialog, ListScreen
from golive.widgets.log_view import LogView
from golive.widgets.panels import BoardList, ContactList

from support.pilot import field, open_cockpit, type_text
from support.records import at
from support.scenarios import build
from support.waiting import until

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
NOW = "2026-03-05T10:00:00"  # the `store` fixture's clock (conftest): T-24h


def state(store: Store, item_id: str) -> tuple[str, str | None]:
    view = store.board().item(item_id)
    assert view is not None
    return view.state, view.reason


def last_kinds(store: Store, n: int) -> list[str]:
    return [e.kind for e in store.events()][-n:]


# --- gates -------------------------------------------------------------------------------


async def test_enter_on_an_open_gate_writes_green_and_on_a_green_gate_nothing(store: Store
                                                                           ) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("2", "space")
        assert "Enter: Grün setzen" in str(app.screen.query_one("#dialog-enter").render())
        await pilot.press("enter")
        await pilot.pause()
        assert state(store, "gate.rc-frozen") == ("green", None)
        count = store.event_count()
        await pilot.press("space")
        assert isinstance(app.screen, FormDialog)
        assert not app.screen.query("#action-green")  # already green: no such button
        assert "Abbrechen" in str(app.screen.query_one("#dialog-enter").render())
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    assert store.event_count() == count  # a careless Enter on a green gate wrote nothing
    assert state(store, "gate.rc-frozen") == ("green", None)


async def test_red_needs_a_reason_and_enter_never_writes_red_without_one(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("2", "space")
        await pilot.click("#action-red")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog) and app.screen.query("#field-reason")
        await pilot.press("enter")  # empty reason
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert store.event_count() == 1
        await type_text(pilot, "Hotfix offen")
        await pilot.press("enter")
        await pilot.pause()
        assert state(store, "gate.rc-frozen") == ("red", "Hotfix offen")
        # red -> Enter offers the obvious next step, green, and says so; the old reason is
        # not carried into the green entry
        await pilot.press("space")
        assert "Grün setzen" in str(app.screen.query_one("#dialog-enter").render())
        await pilot.press("enter")
        await pilot.pause()
    assert state(store, "gate.rc-frozen") == ("green", None)


async def test_a_gate_that_names_a_placeholder_contact_offers_the_contact_not_green(
        store: Store) -> None:
    """"Rollback-Verantwortung benannt" is not green while the rollback decider is
    "[Rollback-Entscheider]": a green written then would not show, so Enter opens the
    contact instead and writes nothing; once the contact is real the gate is green by
    itself (no second space Enter), and its dialog offers no green to write."""
    async with open_cockpit(store, "rm") as (app, pilot):
        cockpit = app.screen
        assert isinstance(cockpit, CockpitScreen)
        cockpit.focus_item("gate.rollback-owner")
        await pilot.press("space")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog) and not dialog.query("#action-green")
        assert "Platzhalter: Rollback-Entscheider" in listed_text(dialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.title_text == "Kontakt: Rollback-Entscheider"
        assert store.event_count() == 1
        await type_text(pilot, "Ruth Decker")
        await pilot.press("enter")
        await type_text(pilot, "+49 30 2938475")
        await pilot.press("enter")
        await pilot.pause()
        assert last_kinds(store, 1) == ["contact"]
        gate = store.board().item("gate.rollback-owner")
        assert gate is not None and (gate.state, gate.by) == ("green", "rm")
        cockpit.focus_item("gate.rollback-owner")
        await pilot.press("space")
        await pilot.pause()
        assert not app.screen.query("#action-green") and not app.screen.query("#action-contact")
        await pilot.press("enter")  # on a green gate Enter writes nothing
        await pilot.pause()
    assert last_kinds(store, 1) == ["contact"]
    assert state(store, "gate.rollback-owner") == ("green", None)


def listed_text(dialog: FormDialog) -> str:
    return " ".join(str(w.render()) for w in dialog.query("#dialog-info Static"))


def test_the_store_refuses_a_red_gate_without_a_reason(store: Store) -> None:
    with pytest.raises(Refused, match="must not be empty"):  # what every caller catches
        store.apply(SetGate("gate.monitoring", "red"), "rm")
    assert store.event_count() == 1


async def test_the_derived_staging_gate_offers_no_button_that_can_only_fail(store: Store
                                                                          ) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("2", "j", "space")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert not dialog.query("#action-green")
        assert dialog.query("#action-staging") and dialog.query("#action-red")
        await pilot.press("enter")  # default: cancel
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    assert store.event_count() == 1


# --- go/no-go ------------------------------------------------------------------------------


async def test_g_enter_on_a_ready_board_records_nothing_until_named_and_confirmed(
        tmp_path: Path) -> None:
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("g")
        assert field(app, "by").value == "Ruth Decker"  # the last decider, not the login
        field(app, "by").value = ""
        hint = app.screen.query_one("#dialog-enter")
        assert "weiter zum nächsten Feld" in str(hint.render())
        await pilot.press("enter")  # on to the reason field: nothing submitted
        assert str(hint.render()) == "Enter: GO"  # the last field: Enter presses GO
        await pilot.press("enter")  # GO with no name: refused, back to the name
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "Namen" in str(app.screen.query_one("#dialog-error").render())
        assert app.screen.focused is field(app, "by")
        assert store.event_count() == count
        field(app, "by").value = "Ruth Decker"
        await pilot.press("enter", "enter")  # GO -> the confirmation, still nothing written
        await pilot.pause()
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "GO für LifeTimeCircle rc-2026-03-01, entschieden von Ruth Decker" in text
        assert store.event_count() == count
        await pilot.press("escape")  # back to the decision, the name still there
        await pilot.pause()
        assert store.event_count() == count
        assert isinstance(app.screen, FormDialog) and field(app, "by").value == "Ruth Decker"
        await pilot.press("enter", "enter", "enter")  # name, reason, GO, confirm
        await pilot.pause()
    assert store.event_count() == count + 1
    decision = store.board().decision
    assert decision is not None and (decision.decision, decision.by) == ("go", "Ruth Decker")


async def test_no_go_needs_a_name_and_go_is_disabled_while_blocked(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("g")
        assert app.screen.query_one("#action-go", Button).disabled
        assert field(app, "by").value == ""  # never just the login name
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert store.event_count() == 1
        await type_text(pilot, "Ruth Decker")
        field(app, "reason").value = "Kontakte fehlen"
        await pilot.press("enter", "enter")
        await pilot.pause()
    decision = store.board().decision
    assert decision is not None
    assert (decision.decision, decision.by, decision.reason) == ("no-go", "Ruth Decker",
                                                                 "Kontakte fehlen")


async def test_decision_dialog_fits_at_80x24_with_every_blocker(store: Store) -> None:
    app = make_app(store, "rm")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.board is not None and len(app.board.blockers) == 17  # every one there is
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen.region
        for widget in [*app.screen.query(Button), *app.screen.query(Input)]:
            assert screen.contains_region(widget.region), widget


# --- sign-offs ----------------------------------------------------------------------------


async def test_reapproval_offers_this_signoffs_own_last_approver(store: Store) -> None:
    store.apply(Approve("approval.security", "Sina Koch"), "rm")
    store.apply(Approve("approval.devops", "Dirk Ost"), "rm")
    store.apply(Revoke("approval.security", "Befund offen"), "rm")
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("1", "j", "j", "space")
        # offered, not filled in: a careless Enter re-approves nobody
        assert field(app, "name").value == "" and "Sina Koch" in field(app, "name").placeholder
        await pilot.press("enter")
        await pilot.pause()
        assert store.event_count() == 4
        await pilot.press("S", "right")  # the first letter and → take the offer
        await pilot.pause()
        assert field(app, "name").value == "Sina Koch"
        await pilot.press("escape", "k", "space")  # Product: never approved, nobody offered
        assert field(app, "name").value == "" and field(app, "name").placeholder == ""
        await pilot.press("escape")
    assert store.event_count() == 4


async def test_reject_in_three_keys_and_never_without_a_reason(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("j", "r")  # Product, reject: one key opens the form
        await type_text(pilot, "Paul Roth")
        await pilot.press("enter")  # on to the reason, nothing written
        await pilot.press("enter")  # no reason: refused, the focus stays on the reason
        await pilot.pause()
        assert store.event_count() == 1
        assert app.screen.focused is field(app, "reason")
        await type_text(pilot, "Scope unklar")  # lands in the reason, not after the name
        await pilot.press("enter")
        await pilot.pause()
        # from the approve dialog: space, tab (to Ablehnen …), enter -> the reject form
        await pilot.press("j", "space")
        await type_text(pilot, "Sina Koch")
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        assert field(app, "name").value == "Sina Koch"
        await pilot.press("escape")
    view = store.board().item("approval.product")
    assert view is not None
    assert (view.state, view.by, view.reason) == ("rejected", "Paul Roth", "Scope unklar")
    assert store.event_count() == 2


async def test_a_typed_reason_never_rides_along_on_an_approval(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("space")
        assert not app.screen.query("#field-reason")  # approving asks for a name only
        await type_text(pilot, "Birgit Brandt")
        await pilot.press("enter")
        await pilot.pause()
    assert last_kinds(store, 1) == ["approve"]


# --- staging ----------------------------------------------------------------------------


async def test_staging_since_takes_a_typed_instant_and_says_when_the_hold_ends(
        store: Store) -> None:
    store.clock = FixedClock(at("2026-03-05T12:00:00"))
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("s")
        preview = app.screen.query_one("#dialog-preview")
        assert "NACH T-0" in str(preview.render())  # now + 24 h is after T-0
        field(app, "since").value = "2026-03-04 08:00"
        await pilot.pause()
        assert "vor T-0" in str(preview.render()) and "05.03. 08:00" in str(preview.render())
        field(app, "since").value = "gestern"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog) and store.event_count() == 1
        # said once, in the preview, not again under it
        shown = [str(w.render()) for w in app.screen.query("#dialog-preview, #dialog-error")]
        assert "gestern" in shown[0] and shown[1] == "", shown
        field(app, "since").value = "2026-03-04 08:00"
        await pilot.press("enter")
        await pilot.pause()
    assert store.board().staging_since == at("2026-03-04T08:00:00")
    assert state(store, "gate.staging-stable")[0] == "green"


async def test_staging_default_is_the_instant_of_the_keypress(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("s", "enter")
        await pilot.pause()
    assert store.board().staging_since == at(NOW)


# --- movement, focus and jumps ------------------------------------------------------------


async def test_j_and_k_stop_at_the_ends_of_a_panel(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        panel = app.screen.query_one("#signoffs", BoardList)
        await pilot.press("k")
        assert panel.highlighted_id == "approval.business"
        await pilot.press(*["j"] * 10)
        assert panel.highlighted_id == "approval.support"
        await pilot.press("down")
        assert panel.highlighted_id == "approval.support"
        await pilot.press("home")
        assert panel.highlighted_id == "approval.business"
        await pilot.press("end")
        assert panel.highlighted_id == "approval.support"


async def test_a_click_on_a_row_opens_its_dialog_and_a_checkpoint_never_gets_the_cursor(
        store: Store) -> None:
    """The panels draw their own rows (widgets/row_list.py): a click acts on the row under
    it, and a T-plan checkpoint's heading, which stands for nothing to act on, never gets
    the cursor, by click or by key, and nothing is written by trying."""
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        gates = app.screen.query_one("#gates", BoardList)
        span = gates.row_span(1)
        assert span is not None
        await pilot.click(gates, offset=(3, 1 + span[0]))  # 1: the border
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen_stack[0].focused is gates
        assert gates.highlighted == 1
        await pilot.press("escape")
        await pilot.pause()
        tplan = app.screen.query_one("#tplan", BoardList)
        assert tplan.options[0].disabled  # the first checkpoint's heading
        await pilot.click(tplan, offset=(3, 1))
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        await pilot.press("4", "home")
        assert tplan.highlighted_option is not None
        assert not tplan.highlighted_option.disabled
        for n in range(tplan.option_count):
            await pilot.press("up" if n % 2 else "pagedown")
            assert not tplan.highlighted_option.disabled
    assert store.event_count() == count


async def test_the_cursor_shows_only_in_the_focused_panel(store: Store) -> None:
    """One bar on screen says where the keys go: the row under the cursor of a panel
    without focus looks as every other row (read from the screen, as drawn)."""
    async with open_cockpit(store, "rm") as (app, pilot):
        signoffs = app.screen.query_one("#signoffs", BoardList)
        gates = app.screen.query_one("#gates", BoardList)

        def background(panel: BoardList, index: int) -> object:
            span = panel.row_span(index)
            assert span is not None
            region = panel.content_region
            return app.screen.get_style_at(region.right - 1, region.y + span[0]).bgcolor

        assert background(signoffs, 0) != background(signoffs, 1)
        assert background(gates, 0) == background(gates, 1)
        await pilot.press("2")
        await pilot.pause()
        assert background(signoffs, 0) == background(signoffs, 1)
        assert background(gates, 0) != background(gates, 1)


async def test_e_elsewhere_first_moves_focus_to_the_contact_it_edits(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("e")
        contacts = app.screen_stack[0].query_one(ContactList)
        assert contacts.highlighted_id == "contact.status-channel"
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is contacts
    assert store.event_count() == 1


async def test_enter_on_a_blocker_jumps_to_its_item(store: Store) -> None:
    store.apply(Approve("approval.business", "Birgit Brandt"), "rm")
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("b")
        assert isinstance(app.screen, ListScreen)
        await pilot.press("down", "enter")  # the second blocker: Security
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, BoardList)
        assert focused.highlighted_id == "approval.security"
        await pilot.press("b")
        listed = app.screen.query_one(OptionList)
        await pilot.press(*["down"] * (listed.option_count + 2), "enter")
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, ContactList)  # the last blocker: a placeholder contact
    assert store.event_count() == 2


# --- no board yet ---------------------------------------------------------------------------


async def test_every_key_is_calm_when_the_first_read_failed(store: Store,
                                                            monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def unreadable(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StoreError("golive.sqlite: cannot open the file (disk I/O error)")

    monkeypatch.setattr(store, "read", unreadable)
    async with open_cockpit(store, "rm") as (app, pilot):
        assert app.board is None
        for key in ["space", "enter", "r", "e", "n", "escape", "s", "escape", "g", "x",
                    "c", "b", "escape", "a", "question_mark", "escape", "2", "space",
                    "5", "space"]:
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running, key
        await pilot.press("escape", "escape")
    assert store.event_count() == 1


# --- found by a new user in tmux ------------------------------------------------------------


async def test_the_enter_line_follows_the_focus(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("2", "space")
        hint = app.screen.query_one("#dialog-enter")
        assert str(hint.render()) == "Enter: Grün setzen"
        await pilot.press("tab")
        assert str(hint.render()) == "Enter: Rot setzen …"
        await pilot.press("tab")
        assert str(hint.render()) == "Enter: Abbrechen"
        await pilot.press("enter")
        await pilot.pause()
    assert store.event_count() == 1


async def test_as_of_buttons_all_fit_after_a_decision(tmp_path: Path) -> None:
    store = build("after-go-t+5m", tmp_path / "golive.sqlite")
    app = make_app(store, "rm")
    for size in ((120, 40), (80, 24)):
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            screen = app.screen.region
            buttons = list(app.screen.query(Button))
            assert len(buttons) == 7
            for button in buttons:
                assert screen.contains_region(button.region), (size, button)
        app = make_app(store, "rm")


async def test_g_in_the_log_panel_is_go_no_go(store: Store) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("6", "g")
        assert isinstance(app.screen, FormDialog)
        await pilot.press("escape")
    assert store.event_count() == 1


async def test_the_log_drops_columns_when_the_terminal_shrinks(tmp_path: Path) -> None:
    store = build("t-1h", tmp_path / "golive.sqlite")
    async with open_cockpit(store, "rm") as (app, pilot):
        log = app.screen.query_one(LogView)
        assert "T-" in log.render_line(0).text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert log.compact and "T-" not in log.render_line(0).text.split("rm")[0]


def test_status_exit_code_is_the_verdict_when_the_reader_stops_early(cli) -> None:  # type: ignore[no-untyped-def]
    """`golive status | head -1`: a closed pipe must not turn NO-GO into exit 0."""
    import subprocess
    import sys

    assert cli("init", "--now", "2026-03-05T10:00:00").code == 0
    for args in (["status"], ["status", "--json"]):
        read, write = os.pipe()
        os.close(read)  # the reader is gone before golive writes a byte
        proc = subprocess.run([sys.executable, "-m", "golive", *args], cwd=cli.cwd,
                              stdout=write, stderr=subprocess.PIPE, text=True, timeout=60)
        os.close(write)
        assert (proc.returncode, proc.stderr) == (1, ""), args  # NO-GO, and not a word more


# --- keys that arrive together (a paste, a busy moment, a fast typist) -------------------


def arrive_together(app: GoliveApp, *keys: str) -> None:
    """Queue several keys before any is handled, as one terminal read delivers them."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, " " if key == "space" else
                                    key if len(key) == 1 else None))


async def test_a_panel_number_and_space_together_act_on_that_panel(store: Store) -> None:
    """Widget.focus() waits for the keys already queued: "4" and space in one read
    ticked the comms task that had the focus before (a write nobody meant)."""
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("3")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "comms"
        arrive_together(app, "2", "space")
        await pilot.pause()
        await pilot.pause()
        assert app.focused is not None and app.focused.id != "comms"
        assert isinstance(app.screen, FormDialog)  # the gate's dialog
        assert app.screen.title_text.startswith("Gate: ")
        await pilot.press("escape")
        await pilot.pause()
    assert store.event_count() == 1
    assert state(store, "comms.timeline")[0] == "open"


async def test_what_is_typed_right_after_enter_goes_into_the_next_field(store: Store) -> None:
    """Enter in a field moves on at once: a name, Enter and a reason in one read never
    land the reason in the name field ("Paul MeierDoku fehlt")."""
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        arrive_together(app, *"Paul", "enter", *"Doku")
        await pilot.pause()
        await pilot.pause()
        assert (field(app, "name").value, field(app, "reason").value) == ("Paul", "Doku")
        await pilot.press("escape")
        await pilot.pause()
    assert store.event_count() == 1


def typed(text: str) -> list[str]:
    """Keys for text as a terminal sends them."""
    return ["space" if ch == " " else ch for ch in text]


def last_event(store: Store) -> Event:
    *_, event = store.events()
    return event


@pytest.mark.parametrize(("before", "burst", "expected"), [
    ("", "Statuscall 09:30", "Statuscall 09:30"),  # an empty field and Enter
    ("abc", "def", "abcdef"),  # the last letter before Enter was left out
])
async def test_a_note_typed_with_enter_in_one_read_is_saved_as_typed(
        store: Store, before: str, burst: str, expected: str) -> None:
    """Enter is handled as it arrives, the letters before it wait in the field: the note
    was saved without its last letter, or Enter on a field not yet filled did nothing
    and the next key ran into the name of the next entry ("Peter Langj")."""
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*typed(before))
        arrive_together(app, *typed(burst), "enter")
        assert await until(pilot, lambda: not isinstance(app.screen, FormDialog))
    assert store.event_count() == count + 1
    assert (last_event(store).kind, last_event(store).payload["text"]) == ("note", expected)


async def test_a_rejection_typed_in_one_go_records_the_name_and_the_reason_as_typed(
        store: Store) -> None:
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("r")
        await pilot.pause()
        arrive_together(app, *typed("Eve Ops"), "enter", *typed("Pen-Test offen"), "enter")
        assert await until(pilot, lambda: not isinstance(app.screen, FormDialog))
    assert store.event_count() == count + 1
    assert state(store, "approval.business") == ("rejected", "Pen-Test offen")
    assert last_event(store).payload["by"] == "Eve Ops"


async def test_enter_twice_in_one_read_writes_once(store: Store) -> None:
    count = store.event_count()
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        arrive_together(app, *typed("einmal"), "enter", "enter")
        assert await until(pilot, lambda: not isinstance(app.screen, FormDialog))
        for _ in range(5):
            await pilot.pause()
    assert store.event_count() == count + 1


async def test_the_channels_gate_is_two_rounds_from_its_own_dialog(store: Store) -> None:
    """space Enter fills the first channel the gate names, space Enter the second, and
    the gate is green: no third round to set it green by hand."""
    async with open_cockpit(store, "rm") as (app, pilot):
        cockpit = app.screen
        assert isinstance(cockpit, CockpitScreen)
        for channel in ("#ltc-golive-status", "#ltc-incident"):
            cockpit.focus_item("gate.channels")
            await pilot.press("space", "enter")
            await pilot.pause()
            assert isinstance(app.screen, FormDialog)
            await type_text(pilot, channel)
            await pilot.press("enter")
            await pilot.pause()
    assert last_kinds(store, 2) == ["contact", "contact"]
    assert state(store, "gate.channels") == ("green", None)
