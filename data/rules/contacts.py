"""Escalation contacts: what counts as a real name, number or channel, and what is a placeholder.

A go-live with a placeholder in the escalation list has nobody to call when it goes wrong,
so this errs on the side of calling a value a placeholder.
"""

from __future__ import annotations

import re

from golive.data.texts.catalogue import Said

DEFAULT_REGION = "DE"

# fillers people type instead of a contact, compared squashed (see _squash)
_FILLERS = {
    "nn", "na", "nv", "tbd", "tba", "tbc", "todo", "fixme", "none", "null", "nil", "unknown",
    "unbekannt", "offen", "nochoffen", "fehlt", "folgt", "folgtnoch", "kommtnoch", "klaeren",
    "klären", "pending", "later", "spaeter", "später", "placeholder", "platzhalter", "name",
    "vorname", "nachname", "nummer", "telefon", "phone", "kanal", "channel", "person", "niemand",
    "nobody", "jemand", "someone", "x", "xx", "xxx", "xxxx", "test", "dummy", "example",
    "beispiel", "abc", "asdf", "egal",
}
# fillers that make the whole value a placeholder wherever they stand ("Anna (TBD)")
_STRONG_FILLERS = {"tbd", "tba", "tbc", "todo", "fixme", "xxx", "platzhalter", "placeholder"}
_BRACKETED = re.compile(r"^\s*(\[.*\]|<.*>|\{.*\}|\(\s*\?*\s*\))\s*$", re.S)


class PhoneError(Said, ValueError):
    """A phone number that cannot be dialled."""


def normalise_phone(text: str, region: str = DEFAULT_REGION) -> str:
    """E.164 form of a dialable number, or PhoneError saying why not."""
    import phonenumbers  # ~15 ms: paid when a number is checked, not at start-up

    raw = text.strip()
    if not raw:
        raise PhoneError("err.phone_empty")
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise PhoneError("err.phone_not", raw=repr(raw)) from None
    if not phonenumbers.is_valid_number(number):
        raise PhoneError("err.phone_invalid", raw=repr(raw))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def mask_phone(e164: str) -> str:
    """Keep the country code and the last two digits: enough to recognise, not to dial."""
    digits = e164.lstrip("+")
    if len(digits) <= 4:
        return "+" + "•" * len(digits)
    return "+" + digits[:2] + "•" * (len(digits) - 4) + digits[-2:]


def _squash(text: str) -> str:
    """Letters and digits only, case-folded: 'N.N.', '#TBD' and 'n/a' become 'nn', 'tbd',
    'na', so punctuation, case and a #/@ prefix cannot dress a filler up."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", text.casefold()) if w]


def _contains_words(value: list[str], part: list[str]) -> bool:
    n = len(part)
    return n > 0 and any(value[i:i + n] == part for i in range(len(value) - n + 1))


def looks_like_placeholder(text: str | None, plan_placeholder: str = "", label: str = ""
                           ) -> bool:
    """Empty, bracketed, only punctuation, a filler word in German or English (whatever
    its case, punctuation or #/@ prefix), or the contact's own placeholder or label with or
    without brackets, alone or inside the value ("Status-Kanal folgt")."""
    value = (text or "").strip()
    if not value or _BRACKETED.match(value):
        return True
    squashed = _squash(value)
    if not squashed or squashed in _FILLERS:
        return True
    words = _words(value)
    if any(w in _STRONG_FILLERS for w in words):
        return True
    return any(_contains_words(words, _words(own)) for own in (plan_placeholder, label))


_CHANNEL = re.compile(r"^[#@][^\W_][\w.+-]*$|^[a-z][a-z0-9+.-]*://\S+$|^[^@\s]+@[^@\s]+\.\w{2,}$",
                      re.I)


def looks_like_channel(text: str) -> bool:
    """A channel name (#ltc-status, @ops-bridge), a URL, or a mailing-list address."""
    return bool(_CHANNEL.match(text.strip()))


def contact_problem(kind: str, *, placeholder: str, label: str, name: str | None = None,
                    phone: str | None = None, channel: str | None = None) -> str | None:
    """Why a contact is no real contact, as a key ('placeholder', 'placeholder_name',
    'not_person', 'not_channel', 'no_phone', 'dummy_phone'), or None when it is one. The
    one rule every surface uses (people.py says what a person's name and number are)."""
    if kind == "channel":
        if looks_like_placeholder(channel, placeholder, label):
            return "placeholder"
        return None if looks_like_channel(channel or "") else "not_channel"
    if not (name or "").strip():
        return "placeholder"
    if looks_like_placeholder(name, placeholder, label):
        return "placeholder_name"
    from golive.data.rules.people import name_problem, phone_problem

    if name_problem(name or "", (placeholder, label)) is not None:
        return "not_person"
    if not phone_is_valid(phone):
        return "no_phone"
    return "dummy_phone" if phone_problem(phone or "") is not None else None


def phone_is_valid(e164: str | None) -> bool:
    if not e164:
        return False
    try:
        normalise_phone(e164)
    except PhoneError:
        return False
    return True
