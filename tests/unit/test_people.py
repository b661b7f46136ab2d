"""The people rule (data/people.py), as a table: each value, its verdict, and why."""

from __future__ import annotations

import pytest

from golive.data.plan.source import load_default_plan
from golive.data.rules.people import (
    channel_of_another_role,
    name_problem,
    phone_problem,
    plan_labels,
    same_person,
)

LABELS = plan_labels(load_default_plan())

# value, verdict (None: a person), why
NAMES: list[tuple[str, str | None, str]] = [
    ("Peter Lang", None, "first and last name"),
    ("Sven Stahl", None, "first and last name"),
    ("Dr. Anna Schmidt", None, "a title is fine"),
    ("Anna-Lena Meyer", None, "double first name"),
    ("José Álvarez", None, "accents"),
    ("Ørjan Ødegård", None, "Nordic letters"),
    ("李娜", None, "two CJK characters are a full name"),
    ("Li Na", None, "short words in mixed case"),
    ("Jo", None, "a short first name in mixed case"),
    ("Eve", None, "a first name"),
    ("O'Brien", None, "an apostrophe"),
    ("Bob Random", None, "unknown but plausible: the roster decides"),
    ("Ida Teamann", None, "'team' inside a word is no team"),
    ("Mara Lead-Smith", None, "a role word inside a surname with other words"),
    ("N.N.", "filler", "nomen nescio"),
    ("NN", "filler", "nomen nescio"),
    ("n/a", "filler", "not applicable"),
    ("tbd", "filler", "to be decided"),
    ("TBA", "filler", "to be announced"),
    ("Anna (TBD)", "filler", "a strong filler anywhere"),
    ("?", "filler", "only punctuation"),
    ("???", "filler", "only punctuation"),
    ("________", "filler", "underscores"),
    ("---", "filler", "dashes"),
    ("...", "filler", "dots"),
    ("[Name]", "filler", "bracketed template field"),
    ("<Name>", "filler", "bracketed template field"),
    ("x", "filler", "a filler letter"),
    ("xxx", "filler", "a filler"),
    ("todo", "filler", "a filler"),
    ("offen", "filler", "German filler"),
    ("unbekannt", "filler", "German filler"),
    ("niemand", "filler", "German filler"),
    ("wird nachgereicht", "filler", "a promise, not a name"),
    ("siehe Wiki", "filler", "a pointer, not a name"),
    ("see wiki", "filler", "a pointer, not a name"),
    ("folgt später", "filler", "a promise, not a name"),
    ("keine Ahnung", "filler", "no name"),
    ("Max Mustermann", "template", "German template name"),
    ("Erika Mustermann", "template", "German template name"),
    ("Maria Musterfrau", "template", "German template surname"),
    ("John Doe", "template", "English template name"),
    ("Jane Doe", "template", "English template name"),
    ("Joe Bloggs", "template", "British template name"),
    ("Vorname Nachname", "template", "form field names"),
    ("Firstname Lastname", "template", "form field names"),
    ("Foo Bar", "template", "programmer's placeholder"),
    ("Lorem Ipsum", "template", "filler text"),
    ("Test User", "template", "a test account"),
    ("admin", "template", "an account, not a person"),
    ("root", "template", "an account, not a person"),
    ("r", "initials", "one letter (Esc+r arrives as Alt+r)"),
    ("a", "initials", "one letter"),
    ("P", "initials", "one letter"),
    ("XY", "initials", "two capitals"),
    ("KLM", "initials", "three capitals"),
    ("pl", "initials", "two lower-case letters"),
    ("A.B.", "initials", "dotted initials"),
    ("P. L.", "initials", "spaced initials"),
    ("J.-P.", "initials", "hyphenated initials"),
    ("Entscheider", "role", "a role"),
    ("Approver", "role", "a role"),
    ("Owner", "role", "a role"),
    ("Release Manager", "role", "a role"),
    ("Security", "role", "a sign-off's role"),
    ("Produkt", "role", "a sign-off's role"),
    ("Business", "role", "a stakeholder"),
    ("DevOps", "role", "a stakeholder"),
    ("SRE", "role", "a stakeholder"),
    ("Support", "role", "a stakeholder"),
    ("Backup-On-Call", "role", "another contact's role"),
    ("Primär-On-Call", "role", "a contact's role"),
    ("Rollback-Entscheider", "role", "a contact's role"),
    ("Status-Kanal", "role", "a contact's label"),
    ("Product Owner", "role", "a role in two words"),
    ("Team SRE", "team", "a team"),
    ("SRE-Team", "team", "a team"),
    ("Ops team", "team", "a team"),
    ("Plattform Gruppe", "team", "a group"),
    ("On-Call Rotation", "team", "a rotation"),
    ("Abteilung IT", "team", "a department"),
    ("Bereitschaft", "team", "the standby pool"),
]


def test_the_table_is_big_enough() -> None:
    assert len(NAMES) >= 80
    assert len({value for value, _, _ in NAMES}) == len(NAMES)


@pytest.mark.parametrize("value, verdict, why", NAMES, ids=[v for v, _, _ in NAMES])
def test_names(value: str, verdict: str | None, why: str) -> None:
    assert name_problem(value, LABELS) == verdict, why


PHONES: list[tuple[str, str | None, str]] = [
    ("+491702345871", None, "a German mobile"),
    ("+4930901820", None, "a Berlin landline"),
    ("+12025550234", None, "555 outside 01xx is not reserved"),
    ("+442071838750", None, "a London landline"),
    ("+491700000000", "dummy", "one digit repeated"),
    ("+491701111111", "dummy", "one digit repeated"),
    ("+491701234567", "dummy", "an ascending run"),
    ("+491719876543", "dummy", "a descending run"),
    ("+4915112000000", "dummy", "six zeros at the end"),
    ("+12025550143", "fiction", "NANP 555-01xx is for fiction"),
    ("+13105550100", "fiction", "NANP 555-01xx is for fiction"),
    ("+442079460000", "fiction", "Ofcom drama range, London"),
    ("+441134960999", "fiction", "Ofcom drama range, Leeds"),
    ("+447700900123", "fiction", "Ofcom drama range, mobile"),
]


@pytest.mark.parametrize("value, verdict, why", PHONES, ids=[v for v, _, _ in PHONES])
def test_phones(value: str, verdict: str | None, why: str) -> None:
    assert phone_problem(value) == verdict, why


def test_two_on_calls_are_two_people() -> None:
    assert same_person("Anna Berg", "+491702345871", "anna  berg", "+491719876123")
    assert same_person("Anna Berg", "+491702345871", "Ben Kurz", "+491702345871")
    assert not same_person("Anna Berg", "+491702345871", "Ben Kurz", "+491719876123")


def test_a_channel_named_for_another_role() -> None:
    assert channel_of_another_role("#ltc-incident", "Status-Kanal", ["Incident-Kanal"])
    assert not channel_of_another_role("#ltc-status", "Status-Kanal", ["Incident-Kanal"])
    assert not channel_of_another_role("#status-incident", "Status-Kanal", ["Incident-Kanal"])


async def test_a_name_field_takes_no_alt_letter(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Esc and a letter typed quickly after it reach the app as Alt+letter: in tmux a new
    user's Esc, r (meant as 'reject') put 'r' into the approver field, and Enter recorded
    'freigegeben von r' for good."""
    from textual import events
    from textual.widgets import Input

    from golive.cockpit import make_app
    from golive.data.log.store import Store
    from golive.data.time.clock import FixedClock, parse_instant

    store = Store.create(tmp_path / "g.sqlite", load_default_plan(),
                         FixedClock(parse_instant("2026-03-05T10:00", "Europe/Berlin")), "rm")
    app = make_app(store, "rm")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "home", "space")  # approve Business: the name field
        await pilot.pause()
        field = app.screen.query_one("#field-name", Input)
        before = field.value
        # as the terminal driver delivers them: the key name and the letter it carries
        # (Pilot's own alt+r carries none, and would pass without the fix)
        for letter in "rx":
            app.post_message(events.Key(f"alt+{letter}", letter))
        await pilot.pause()
        assert field.value == before
        await pilot.press("escape")
        await pilot.pause()
    store.close()
    assert store.path.exists()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_contact_dialogs_example_number_passes_the_phone_rule(lang: str) -> None:
    """The example a user copies from the dialog's label must not be refused by the rule
    the same dialog applies (it once was: '+49 30 1234567', an ascending run)."""
    import re

    from golive.data.rules.contacts import normalise_phone, phone_is_valid
    from golive.data.texts.catalogue import text

    label = text(lang, "dialog.contact.phone")
    example = re.search(r"\+[\d ]+\d", label)
    assert example is not None, label
    e164 = normalise_phone(example.group(0))
    assert phone_is_valid(e164) and phone_problem(e164) is None, label
