"""Escalation contacts: what counts as a real name, number or channel, and what is a placeholder.

A go-live with a placeholder in the escalation list has nobody to call when it goes wrong,
so this errs on the side of calling a value a placeholder.
"""

from __future__ import annotations

import re

from golive.data.texts import Said

DEFAULT_REGION = "DE"

_PLACEHOLDER_WORDS = {
    "tbd", "tba", "todo", "tbc", "n/a", "na", "n.a.", "none", "null", "nil", "unknown",
    "unbekannt", "offen", "fehlt", "placeholder", "platzhalter", "name", "xxx", "xx", "x",
    "?", "??", "???", "-", "--", "---", "...", "…", "folgt", "noch offen", "kommt noch",
}
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


def looks_like_placeholder(text: str | None, plan_placeholder: str = "") -> bool:
    """Empty, the plan's own placeholder, bracketed, or a filler word such as TBD."""
    value = (text or "").strip()
    if not value:
        return True
    if plan_placeholder and value.casefold() == plan_placeholder.strip().casefold():
        return True
    if _BRACKETED.match(value):
        return True
    folded = value.casefold()
    if folded in _PLACEHOLDER_WORDS or folded.rstrip(".!") in _PLACEHOLDER_WORDS:
        return True
    if re.fullmatch(r"[\W_]+", value):  # only punctuation
        return True
    return bool(re.match(r"^(tbd|todo|tba|n/a|xxx)\b", folded))


def phone_is_valid(e164: str | None) -> bool:
    if not e164:
        return False
    try:
        normalise_phone(e164)
    except PhoneError:
        return False
    return True
