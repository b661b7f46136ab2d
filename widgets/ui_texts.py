"""The cockpit's own words, German for a German plan and English with --lang en."""

from __future__ import annotations

from typing import Any

_UI: dict[str, tuple[str, str]] = {
    # panels
    "panel.signoffs": ("Freigaben", "Sign-offs"),
    "panel.gates": ("Go/No-Go-Kriterien", "Go/no-go gates"),
    "panel.comms": ("Kommunikation", "Communication"),
    "panel.tplan": ("T-Plan", "T-plan"),
    "panel.contacts": ("Eskalation", "Escalation"),
    "panel.log": ("Log", "Log"),
    "panel.countdown": ("Countdown bis T-0", "Countdown to T-0"),
    # header and banner
    "header.now": ("jetzt", "now"),
    "banner.blockers": ("{n} Blocker", "{n} blockers"),
    "banner.more": ("b: alle Blocker", "b: all blockers"),
    "banner.ready": ("keine Blocker – Go möglich", "no blockers – GO possible"),
    "banner.decision": ("Entscheidung: {decision} ({by}, {at})", "decision: {decision} ({by}, {at})"),
    # countdown
    "countdown.deadline": ("Freigabe-Deadline {date}", "approval deadline {date}"),
    "countdown.deadline.missed": ("Freigabe-Deadline {date} verpasst", "approval deadline {date} missed"),
    "countdown.deadline.met": ("Freigabe-Deadline {date} eingehalten", "approval deadline {date} met"),
    "tplan.overdue": ("überfällig", "overdue"),
    "tplan.current": ("jetzt", "now"),
    # contacts
    "contacts.rule": ("Platzhalter blockieren den Go-Live", "placeholders block the go-live"),
    "contacts.placeholder": ("PLATZHALTER", "PLACEHOLDER"),
    # dialogs
    "dialog.cancel": ("Abbrechen", "Cancel"),
    "dialog.approve.title": ("Freigabe: {label}", "Sign-off: {label}"),
    "dialog.approve.name": ("Name der/des Freigebenden", "Approver's name"),
    "dialog.approve": ("Freigeben", "Approve"),
    "dialog.inform": ("Als informiert markieren", "Mark informed"),
    "dialog.reject": ("Ablehnen", "Reject"),
    "dialog.reason": ("Grund", "Reason"),
    "dialog.reason.needed": ("Bitte einen Grund angeben", "Please give a reason"),
    "dialog.revoke.title": ("Freigabe zurückziehen: {label}", "Revoke sign-off: {label}"),
    "dialog.revoke.info": ("Freigegeben von {by} ({at})", "Approved by {by} ({at})"),
    "dialog.revoke": ("Zurückziehen", "Revoke"),
    "dialog.gate.title": ("Gate: {label}", "Gate: {label}"),
    "dialog.gate.derived": ("Wird von selbst grün, sobald Staging seit „stabil seit“ (Taste s) lange genug stabil läuft; Rot mit Notiz übersteuert.",
                            "Turns green by itself once staging has been stable long enough since “stable since” (key s); red with a note overrides it."),
    "dialog.note": ("Notiz (optional)", "Note (optional)"),
    "dialog.contact.title": ("Kontakt: {label}", "Contact: {label}"),
    "dialog.contact.name": ("Name", "Name"),
    "dialog.contact.phone": ("Rufnummer (z. B. +49 30 1234567)", "Phone (e.g. +49 30 1234567)"),
    "dialog.contact.channel": ("Kanal", "Channel"),
    "dialog.save": ("Speichern", "Save"),
    "dialog.note.title": ("Notiz ins Log", "Note for the log"),
    "dialog.staging.title": ("Staging stabil seit jetzt?", "Staging stable since now?"),
    "dialog.staging.body": ("Erfasst „Staging stabil seit {now}“. Das Gate wird {hours} h später grün.",
                            "Records “staging stable since {now}”. The gate turns green {hours} h later."),
    "dialog.confirm": ("Erfassen", "Record"),
    "dialog.decide.title": ("Go/No-Go-Entscheidung", "Go/no-go decision"),
    "dialog.decide.decider": ("Entscheider", "Decider"),
    "dialog.decide.go": ("GO", "GO"),
    "dialog.decide.nogo": ("NO-GO", "NO-GO"),
    "dialog.decide.blocked": ("GO ist gesperrt, solange Blocker bestehen:",
                              "GO is refused while blockers remain:"),
    "dialog.decide.ready": ("Keine Blocker: GO ist möglich.", "No blockers: GO is possible."),
    "blockers.title": ("Blocker ({n})", "Blockers ({n})"),
    "blockers.none": ("Keine Blocker.", "No blockers."),
    "warnings.title": ("Hinweise", "Warnings"),
    "help.title": ("Tasten", "Keys"),
    "close": ("Schließen", "Close"),
    # notifications
    "note.refused": ("Nicht gespeichert: {why}", "Not saved: {why}"),
    "note.derived": ("„{label}“ folgt aus {source}", "“{label}” follows from {source}"),
    "note.derived.contacts": ("den Eskalationskontakten (e)", "the escalation contacts (e)"),
    "note.derived.staging": ("„Staging stabil seit“ (s)", "“staging stable since” (s)"),
    "note.copied": ("Kopiert: {text}", "Copied: {text}"),
    "note.copy.failed": ("Zwischenablage nicht erreichbar – Zusammenfassung: {text}",
                         "clipboard unavailable – summary: {text}"),
    "note.exporting": ("Export läuft …", "Exporting …"),
    "note.exported": ("Export geschrieben: {path}", "Export written: {path}"),
    "note.export.failed": ("Export fehlgeschlagen: {why}", "Export failed: {why}"),
    "note.checkpoint": ("{label} erreicht", "{label} reached"),
    "note.keymap": ("Keymap in {path}: {why}", "keymap in {path}: {why}"),
    # bindings
    "key.quit": ("Beenden", "Quit"),
    "key.toggle": ("Umschalten", "Toggle"),
    "key.edit": ("Kontakt", "Contact"),
    "key.note": ("Notiz", "Note"),
    "key.staging": ("Staging", "Staging"),
    "key.decide": ("Go/No-Go", "Go/no-go"),
    "key.export": ("Export", "Export"),
    "key.copy": ("Kopieren", "Copy"),
    "key.blockers": ("Blocker", "Blockers"),
    "key.help": ("Hilfe", "Help"),
    "key.asof": ("Stand damals", "As it was"),
    # as-of view
    "asof.title": ("Stand zum Zeitpunkt", "The board as it was"),
    "asof.prompt": ("Zeitpunkt (ISO, lokale Zeit in {zone})", "Instant (ISO, local time in {zone})"),
    "asof.decision": ("Entscheidung", "Decision"),
    "asof.show": ("Anzeigen", "Show"),
    "asof.readonly": ("nur lesen – Stand {at}", "read-only – as of {at}"),
}


def ui(lang: str, key: str, **values: Any) -> str:
    de, en = _UI[key]
    return (de if lang == "de" else en).format(**values)
