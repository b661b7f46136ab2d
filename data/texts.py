"""The words golive uses about a go-live, in the plan's language (German or English).

Plan labels are never translated; these are only golive's own words around them.
"""

from __future__ import annotations

from typing import Any

_TEXTS: dict[str, dict[str, str]] = {
    # states
    "state.pending": {"de": "ausstehend", "en": "pending"},
    "state.approved": {"de": "freigegeben", "en": "approved"},
    "state.informed": {"de": "informiert", "en": "informed"},
    "state.rejected": {"de": "abgelehnt", "en": "rejected"},
    "state.revoked": {"de": "zurückgezogen", "en": "revoked"},
    "state.open": {"de": "offen", "en": "open"},
    "state.green": {"de": "grün", "en": "green"},
    "state.red": {"de": "rot", "en": "red"},
    "state.done": {"de": "erledigt", "en": "done"},
    # verdict and blockers
    "verdict.GO-READY": {"de": "GO-READY", "en": "GO-READY"},
    "verdict.NO-GO": {"de": "NO-GO", "en": "NO-GO"},
    "blocker.signoff": {"de": "{role}: Freigabe {state}", "en": "{role}: sign-off {state}"},
    "blocker.signoff.reason": {"de": "{role}: Freigabe {state} ({reason})",
                               "en": "{role}: sign-off {state} ({reason})"},
    "blocker.informed": {"de": "{role}: nicht informiert", "en": "{role}: not informed"},
    "blocker.gate": {"de": "Gate „{label}“ {state}", "en": "Gate “{label}” {state}"},
    "blocker.gate.note": {"de": "Gate „{label}“ {state}: {note}",
                          "en": "Gate “{label}” {state}: {note}"},
    "blocker.placeholder": {"de": "Platzhalter {value} nicht ersetzt ({label})",
                            "en": "placeholder {value} not replaced ({label})"},
    "blocker.contact": {"de": "{label}: {problem}", "en": "{label}: {problem}"},
    "warning.comms": {"de": "Kommunikation offen: {label}", "en": "communication open: {label}"},
    "warning.overdue": {"de": "{checkpoint} überfällig: {label}",
                        "en": "{checkpoint} overdue: {label}"},
    "warning.deadline": {"de": "Freigabe-Deadline {date} verpasst: {missing} Freigaben fehlen",
                         "en": "approval deadline {date} missed: {missing} sign-offs missing"},
    # derived items
    "derived.staging.unset": {"de": "„stabil seit“ nicht erfasst",
                              "en": "“stable since” not recorded"},
    "derived.staging.waiting": {"de": "stabil seit {since}, noch {left}",
                                "en": "stable since {since}, {left} to go"},
    "derived.staging.holds": {"de": "stabil seit {since} ({hours} h erreicht)",
                              "en": "stable since {since} ({hours} h reached)"},
    "derived.contacts.missing": {"de": "{count} Platzhalter offen",
                                 "en": "{count} placeholders left"},
    "derived.contacts.complete": {"de": "alle Kontakte echt", "en": "all contacts real"},
    "contact.no_phone": {"de": "keine gültige Rufnummer", "en": "no valid phone number"},
    "contact.placeholder_name": {"de": "Name ist ein Platzhalter", "en": "name is a placeholder"},
    # phases
    "phase.before": {"de": "vor {label}", "en": "before {label}"},
    "phase.at": {"de": "ab {label}", "en": "since {label}"},
    "phase.after": {"de": "nach {label}", "en": "after {label}"},
    # events
    "event.init": {"de": "Go-Live-Datei angelegt: {product} {release}",
                   "en": "go-live file created: {product} {release}"},
    "event.approve": {"de": "{role}: freigegeben von {by}", "en": "{role}: approved by {by}"},
    "event.inform": {"de": "{role}: informiert ({by})", "en": "{role}: informed ({by})"},
    "event.reject": {"de": "{role}: abgelehnt von {by}: {reason}",
                     "en": "{role}: rejected by {by}: {reason}"},
    "event.revoke": {"de": "{role}: Freigabe zurückgezogen: {reason}",
                     "en": "{role}: sign-off revoked: {reason}"},
    "event.gate": {"de": "Gate „{label}“: {state}", "en": "Gate “{label}”: {state}"},
    "event.gate.note": {"de": "Gate „{label}“: {state} ({note})",
                        "en": "Gate “{label}”: {state} ({note})"},
    "event.check": {"de": "erledigt: {label}", "en": "done: {label}"},
    "event.uncheck": {"de": "wieder offen: {label}", "en": "reopened: {label}"},
    "event.contact.person": {"de": "{label}: {name}, {phone}", "en": "{label}: {name}, {phone}"},
    "event.contact.channel": {"de": "{label}: {channel}", "en": "{label}: {channel}"},
    "event.staging": {"de": "Staging stabil seit {since}", "en": "staging stable since {since}"},
    "event.note": {"de": "Notiz: {text}", "en": "note: {text}"},
    "event.decide": {"de": "Entscheidung {decision} durch {by}",
                     "en": "decision {decision} by {by}"},
    "event.decide.reason": {"de": "Entscheidung {decision} durch {by}: {reason}",
                            "en": "decision {decision} by {by}: {reason}"},
}


def text(lang: str, key: str, **values: Any) -> str:
    """golive's own words for key in lang (falls back to English), with values filled in
    literally (str.format does not interpret what it inserts)."""
    entry = _TEXTS[key]
    return entry.get(lang, entry["en"]).format(**values)
