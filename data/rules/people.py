"""The people rule: which names may stand for a person in the record, and which phone
numbers are real enough to call.

A go/no-go record is only worth what its names are worth: every name the log attributes a
sign-off, a decision, a rollback or a correction to, and every contact person, must name
one person. Fillers, template names, single letters or initials, the plan's own roles and
labels, and teams are refused, and so are numbers that exist only in films or in tests.
Like contacts.py, this errs on the side of calling a value no person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from golive.data.rules.contacts import _FILLERS, _STRONG_FILLERS, _squash, _words

# template names and stand-ins, squashed (letters and digits, case-folded)
_TEMPLATE_NAMES = {
    "maxmustermann", "erikamustermann", "mustermann", "maxmuster", "hansmuster",
    "johndoe", "janedoe", "johnsmith", "janesmith", "joebloggs", "johnqpublic", "doe",
    "vornamenachname", "nachnamevorname", "firstnamelastname", "firstlast", "lastnamefirstname",
    "fullname", "vollername", "yourname", "ihrname", "deinname", "namehere", "foobar", "foo",
    "bar", "loremipsum", "testuser", "testperson", "testtest", "benutzer", "user", "admin",
    "root", "anonymous", "anonym", "somebody", "irgendwer", "jedermann", "alle", "all",
    "everyone",
}
# what people write instead of a name they do not have yet (squashed)
_FILLER_PHRASES = {
    "wirdnachgereicht", "wirdnachgeliefert", "wirdergaenzt", "wirdergänzt", "siehewiki",
    "seewiki", "siehekonfluenz", "sieheconfluence", "seeconfluence", "sieheoben", "seeabove",
    "siehedoku", "seedocs", "nochnicht", "notyet", "ichweißnicht", "ichweissnicht", "idk",
    "keineahnung", "weißnicht", "weissnicht", "nobodyyet", "folgtspäter", "folgtspaeter",
}
# words a role, a function or a team is made of (squashed), never one person's name
_ROLE_WORDS = {
    "entscheider", "entscheiderin", "approver", "owner", "eigentümer", "verantwortlich",
    "verantwortlicher", "releasemanager", "releasemanagerin", "oncall", "primäroncall",
    "primaryoncall", "backuponcall", "rollbackentscheider", "decider", "manager",
    "lead", "teamlead", "teamleiter", "leitung", "chef", "boss", "ceo", "cto", "cio", "ciso",
    "business", "product", "produkt", "security", "sicherheit", "devops", "sre", "ops",
    "support", "qa", "it", "dev", "dba", "noc", "soc", "helpdesk", "servicedesk", "pm", "po",
    "productowner", "productmanager", "stakeholder", "freigabe", "signoff",
}
_TEAM_WORDS = {"team", "squad", "crew", "gruppe", "group", "abteilung", "department",
               "dept", "bereich", "tribe", "chapter", "gilde", "guild", "staff", "mitarbeiter",
               "rotation", "schicht", "shift", "bereitschaft", "pool"}


def name_problem(name: str, plan_words: Iterable[str] = ()) -> str | None:
    """Why `name` does not name one person, as a key ('filler', 'template', 'initials',
    'role', 'team'), or None when it may. `plan_words` are the plan's own labels, roles
    and placeholders (plan_labels), which are never a person either."""
    value = name.strip()
    squashed = _squash(value)
    if not squashed or squashed in _FILLERS or re.fullmatch(r"[\W_]*\[.*\][\W_]*", value):
        return "filler"
    words = _words(value)
    if any(w in _STRONG_FILLERS for w in words) or squashed in _FILLER_PHRASES:
        return "filler"
    if squashed in _TEMPLATE_NAMES or any(w in ("mustermann", "musterfrau") for w in words):
        return "template"
    if any(w in _TEAM_WORDS for w in words):
        return "team"
    if squashed in _ROLE_WORDS or squashed in {_squash(w) for w in plan_words if w}:
        return "role"
    if all(w in _ROLE_WORDS or w in _FILLERS for w in words):
        return "role"
    if _initials(value):
        return "initials"
    return None


def _initials(value: str) -> bool:
    """'r', 'X', 'A.B.', 'P. L.', 'XY', 'ABC', 'xy': letters that stand for a name rather
    than one. Short real names in mixed case ('Jo', 'Li Na', 'Ida') pass."""
    letters = [part for part in re.split(r"[\s.\-_/]+", value) if part]
    if all(len(part) == 1 for part in letters):
        return True
    if len(letters) == 1:
        word = letters[0]
        if len(word) <= 2 and (word.isupper() or word.islower()):
            return True
        if len(word) == 3 and word.isupper():
            return True
    return False


def plan_labels(plan: object) -> list[str]:
    """Every role, label, box and placeholder the plan itself uses for its items and
    contacts: words that describe a function, so no approver may be called by one."""
    out: list[str] = []
    for item in getattr(plan, "items", ()):
        out += [item.label, item.role or "", item.box or ""]
    for role in getattr(plan, "contacts", ()):
        out += [role.label, role.placeholder]
    return out


# Numbers set aside for fiction (Ofcom's drama ranges, NANP 555-01xx), as the national
# significant number's first digits after the country code.
_FICTION_PREFIXES = {
    "44": ("2079460", "1134960", "1144960", "1154960", "1164960", "1174960", "1184960",
           "1214960", "1314960", "1414960", "1514960", "1614960", "1914980", "2896496",
           "2920180", "1632960", "7700900", "8081570", "9098790", "3069990"),
}


def phone_problem(e164: str) -> str | None:
    """Why a valid E.164 number is still no one's number, as a key ('fiction', 'dummy'),
    or None. Dummy: the subscriber digits one digit repeated or a run up or down
    (+49 170 0000000, +49 170 1234567)."""
    digits = e164.lstrip("+")
    if not digits.isdigit():
        return None
    if digits.startswith("1") and len(digits) == 11 and digits[4:7] == "555" \
            and digits[7:9] == "01":
        return "fiction"
    for country, prefixes in _FICTION_PREFIXES.items():
        if digits.startswith(country) and digits[len(country):].startswith(prefixes):
            return "fiction"
    tail = digits[-7:]
    if len(set(tail)) == 1 or tail in "0123456789" or tail in "9876543210":
        return "dummy"
    if len(set(digits[-6:])) == 1:
        return "dummy"
    return None


def same_person(name_a: str, phone_a: str, name_b: str, phone_b: str) -> bool:
    """Two contacts that are one person: the same name (case and spacing aside) or the
    same number."""
    return bool((_squash(name_a) and _squash(name_a) == _squash(name_b))
                or (phone_a and phone_a == phone_b))


def same_channel(a: str, b: str) -> bool:
    return bool(a.strip()) and a.strip().casefold() == b.strip().casefold()


def function_of(label: str) -> str:
    """What a contact role does, as its label's last word: 'call' for Primär-On-Call and
    Backup-On-Call, so the two are asked to be two people."""
    words = _words(label)
    return words[-1] if words else ""


def channel_of_another_role(channel: str, label: str, others: Iterable[str]) -> bool:
    """A channel named for another channel role and not for its own: '#ltc-incident' as
    the Status-Kanal. A role is named by its label's first word (status, incident)."""
    words = _words(channel)
    own = _words(label)[:1]
    return not any(w in words for w in own) and any(
        first in words for other in others for first in _words(other)[:1])
