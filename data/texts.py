"""Every word golive itself writes, in German and English: one catalogue, one lookup.

The plan's language picks the language (`--lang` overrides it). Plan labels and user text
are never translated; these are only golive's own words around them. One fallback rule:
a language without an entry gets the English one (a test keeps both complete). One plural
rule: where a value named `n` is 1, the entry's "<lang>.one" form is used if it has one.
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
    "warning.deadline": {"de": "Freigabe-Deadline {date} verpasst: {n} Freigaben fehlen",
                         "de.one": "Freigabe-Deadline {date} verpasst: {n} Freigabe fehlt",
                         "en": "approval deadline {date} missed: {n} sign-offs missing",
                         "en.one": "approval deadline {date} missed: {n} sign-off missing"},
    # derived items
    "derived.staging.unset": {"de": "„stabil seit“ nicht erfasst",
                              "en": "“stable since” not recorded"},
    "derived.staging.waiting": {"de": "stabil seit {since}, noch {left}",
                                "en": "stable since {since}, {left} to go"},
    "derived.staging.holds": {"de": "stabil seit {since} ({hours} h erreicht)",
                              "en": "stable since {since} ({hours} h reached)"},
    "derived.contacts.missing": {"de": "{n} Platzhalter offen",
                                 "en": "{n} placeholders left", "en.one": "{n} placeholder left"},
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
    "event.unknown": {"de": "{kind} {target}", "en": "{kind} {target}"},
    # the approval document (Freigabevorlage)
    "approval.date": {"de": "Datum", "en": "Date"},
    "approval.release": {"de": "Release", "en": "Release"},
    "approval.target": {"de": "Deploy-Zielbild", "en": "Deploy target"},
    "approval.decision": {"de": "Go / No-Go", "en": "Go / No-Go"},
    "approval.decider": {"de": "Entscheider", "en": "Decider"},
    "approval.time": {"de": "Zeitpunkt", "en": "Time"},
    # the retrospective export
    "export.title": {"de": "Go-Live-Retrospektive: {product} {release}",
                     "en": "Go-live retrospective: {product} {release}"},
    "export.summary": {"de": "Zusammenfassung", "en": "Summary"},
    "export.product": {"de": "Produkt", "en": "Product"},
    "export.release": {"de": "Release", "en": "Release"},
    "export.target": {"de": "Deploy-Zielbild", "en": "Deploy target"},
    "export.exported": {"de": "Exportiert", "en": "Exported"},
    "export.database": {"de": "Datei", "en": "File"},
    "export.verdict": {"de": "Urteil", "en": "Verdict"},
    "export.blockers": {"de": "{n} Blocker", "en": "{n} blockers", "en.one": "{n} blocker"},
    "export.warnings": {"de": "Hinweise", "en": "Warnings"},
    "export.decision": {"de": "Entscheidung", "en": "Decision"},
    "export.decision.none": {"de": "noch keine Entscheidung", "en": "no decision recorded"},
    "export.decision.value": {"de": "{decision} durch {by}, {at}",
                              "en": "{decision} by {by}, {at}"},
    "export.reason": {"de": "Begründung", "en": "Reason"},
    "export.events": {"de": "Ereignisse", "en": "Events"},
    "export.signoffs": {"de": "Freigaben", "en": "Sign-offs"},
    "export.gates": {"de": "Go/No-Go-Kriterien", "en": "Go/no-go gates"},
    "export.tplan": {"de": "T-Plan", "en": "T-plan"},
    "export.comms": {"de": "Kommunikation", "en": "Communication"},
    "export.contacts": {"de": "Eskalation", "en": "Escalation contacts"},
    "export.approval": {"de": "Freigabevorlage", "en": "Approval document"},
    "export.timeline": {"de": "Zeitachse", "en": "Timeline"},
    "export.state": {"de": "Stand", "en": "State"},
    "export.history": {"de": "Verlauf", "en": "History"},
    "export.history.none": {"de": "keine Einträge", "en": "no entries"},
    "export.done_at": {"de": "erledigt {at}", "en": "done {at}"},
    "export.late": {"de": "verspätet", "en": "late"},
    "export.overdue": {"de": "überfällig", "en": "overdue"},
    "export.due": {"de": "fällig {at}", "en": "due {at}"},
    "export.recorded_by": {"de": "erfasst von {actor}", "en": "recorded by {actor}"},
    "export.phones_masked": {"de": "Rufnummern maskiert (golive export --with-phones zeigt sie)",
                             "en": "phone numbers masked (golive export --with-phones shows "
                                   "them)"},
    "export.seq": {"de": "Nr.", "en": "no."},
    "export.col.seq": {"de": "Nr.", "en": "No."},
    "export.col.local": {"de": "Ortszeit", "en": "Local time"},
    "export.col.utc": {"de": "UTC", "en": "UTC"},
    "export.col.t": {"de": "T", "en": "T"},
    "export.col.actor": {"de": "Akteur", "en": "Actor"},
    "export.col.event": {"de": "Ereignis", "en": "Event"},
    "export.col.role": {"de": "Rolle", "en": "Role"},
    "export.col.value": {"de": "Wert", "en": "Value"},
    "export.col.recorded": {"de": "erfasst", "en": "recorded"},
    "export.head": {"de": "Kopf der Hash-Kette", "en": "Head of the hash chain"},
    "export.verify": {"de": "prüfen mit", "en": "check with"},
    # panels (cockpit)
    "panel.signoffs": {"de": "Freigaben", "en": "Sign-offs"},
    "panel.gates": {"de": "Go/No-Go-Kriterien", "en": "Go/no-go gates"},
    "panel.comms": {"de": "Kommunikation", "en": "Communication"},
    "panel.tplan": {"de": "T-Plan", "en": "T-plan"},
    "panel.contacts": {"de": "Eskalation", "en": "Escalation"},
    "panel.log": {"de": "Log", "en": "Log"},
    "panel.countdown": {"de": "Countdown bis T-0", "en": "Countdown to T-0"},
    # header and banner (cockpit)
    "header.now": {"de": "jetzt", "en": "now"},
    "banner.blockers": {"de": "{n} Blocker", "en": "{n} blockers", "en.one": "{n} blocker"},
    "banner.more": {"de": "b: alle Blocker", "en": "b: all blockers"},
    "banner.ready": {"de": "keine Blocker – Go möglich", "en": "no blockers – GO possible"},
    "banner.decision": {"de": "Entscheidung: {decision} ({by}, {at})", "en": "decision: {decision} ({by}, {at})"},
    # countdown (cockpit)
    "countdown.deadline": {"de": "Freigabe-Deadline {date}", "en": "approval deadline {date}"},
    "countdown.deadline.missed": {"de": "Freigabe-Deadline {date} verpasst", "en": "approval deadline {date} missed"},
    "countdown.deadline.met": {"de": "Freigabe-Deadline {date} eingehalten", "en": "approval deadline {date} met"},
    "tplan.overdue": {"de": "überfällig", "en": "overdue"},
    "tplan.current": {"de": "jetzt", "en": "now"},
    # contacts (cockpit)
    "contacts.rule": {"de": "Platzhalter blockieren den Go-Live", "en": "placeholders block the go-live"},
    "contacts.placeholder": {"de": "PLATZHALTER", "en": "PLACEHOLDER"},
    # dialogs (cockpit)
    "dialog.cancel": {"de": "Abbrechen", "en": "Cancel"},
    "dialog.approve.title": {"de": "Freigabe: {label}", "en": "Sign-off: {label}"},
    "dialog.approve.name": {"de": "Name der/des Freigebenden", "en": "Approver's name"},
    "dialog.approve": {"de": "Freigeben", "en": "Approve"},
    "dialog.inform": {"de": "Als informiert markieren", "en": "Mark informed"},
    "dialog.reject": {"de": "Ablehnen", "en": "Reject"},
    "dialog.reject.more": {"de": "Ablehnen …", "en": "Reject …"},
    "dialog.reject.title": {"de": "Ablehnen: {label}", "en": "Reject: {label}"},
    "dialog.reject.name": {"de": "Name der/des Ablehnenden", "en": "Name of who rejects"},
    "dialog.reason.required": {"de": "Grund (Pflicht)", "en": "Reason (required)"},
    "dialog.reason": {"de": "Grund", "en": "Reason"},
    "dialog.reason.needed": {"de": "Bitte einen Grund angeben", "en": "Please give a reason"},
    "dialog.revoke.title": {"de": "Freigabe zurückziehen: {label}", "en": "Revoke sign-off: {label}"},
    "dialog.revoke.info": {"de": "Freigegeben von {by} ({at})", "en": "Approved by {by} ({at})"},
    "dialog.revoke": {"de": "Zurückziehen", "en": "Revoke"},
    "dialog.gate.title": {"de": "Gate: {label}", "en": "Gate: {label}"},
    "dialog.gate.derived": {"de": "Wird von selbst grün, sobald Staging seit „stabil seit“ (Taste s) lange genug stabil läuft; Rot mit Grund übersteuert.", "en": "Turns green by itself once staging has been stable long enough since “stable since” (key s); red with a reason overrides it."},
    "dialog.gate.now": {"de": "Jetzt:", "en": "Now:"},
    "dialog.gate.green": {"de": "Grün setzen", "en": "Set green"},
    "dialog.gate.reopen": {"de": "Wieder offen", "en": "Reopen"},
    "dialog.gate.red": {"de": "Rot setzen …", "en": "Set red …"},
    "dialog.gate.staging": {"de": "„stabil seit“ erfassen …", "en": "Record “stable since” …"},
    "dialog.gate.red.title": {"de": "Rot: {label}", "en": "Red: {label}"},
    "dialog.gate.red.reason": {"de": "Grund (Pflicht: was muss behoben werden?)", "en": "Reason (required: what must be fixed?)"},
    "dialog.gate.red.confirm": {"de": "Rot setzen", "en": "Set red"},
    "dialog.enter": {"de": "Enter:", "en": "Enter:"},
    "dialog.note": {"de": "Notiz (optional)", "en": "Note (optional)"},
    "dialog.contact.title": {"de": "Kontakt: {label}", "en": "Contact: {label}"},
    "dialog.contact.name": {"de": "Name", "en": "Name"},
    "dialog.contact.phone": {"de": "Rufnummer (z. B. +49 30 1234567)", "en": "Phone (e.g. +49 30 1234567)"},
    "dialog.contact.channel": {"de": "Kanal", "en": "Channel"},
    "dialog.save": {"de": "Speichern", "en": "Save"},
    "dialog.note.title": {"de": "Notiz ins Log", "en": "Note for the log"},
    "dialog.staging.title": {"de": "Staging stabil seit …", "en": "Staging stable since …"},
    "dialog.staging.body": {"de": "Seit wann läuft Staging stabil? Das Gate wird {hours} h danach von selbst grün.", "en": "Since when has staging been stable? The gate turns green by itself {hours} h later."},
    "dialog.staging.since": {"de": "Stabil seit (lokale Zeit in {zone}, JJJJ-MM-TT HH:MM)", "en": "Stable since (local time in {zone}, YYYY-MM-DD HH:MM)"},
    "dialog.staging.before": {"de": "Gate grün ab {end} – vor T-0 ({t0}).", "en": "Gate green from {end} – before T-0 ({t0})."},
    "dialog.staging.after": {"de": "Gate erst grün ab {end} – NACH T-0 ({t0}).", "en": "Gate green only from {end} – AFTER T-0 ({t0})."},
    "dialog.confirm": {"de": "Erfassen", "en": "Record"},
    "dialog.decide.title": {"de": "Go/No-Go-Entscheidung", "en": "Go/no-go decision"},
    "dialog.decide.decider": {"de": "Entscheider (Name, Pflicht)", "en": "Decider (name, required)"},
    "dialog.decide.go": {"de": "GO", "en": "GO"},
    "dialog.decide.nogo": {"de": "NO-GO", "en": "NO-GO"},
    "dialog.decide.blocked": {"de": "GO ist gesperrt, solange Blocker bestehen ({n}):", "en": "GO is refused while blockers remain ({n}):"},
    "dialog.decide.name.needed": {"de": "Bitte den Namen der entscheidenden Person angeben", "en": "Please name the person who decides"},
    "dialog.go.confirm.title": {"de": "GO wirklich festhalten?", "en": "Record GO?"},
    "dialog.go.confirm.info": {"de": "GO für {product} {release}, entschieden von {by}, {at}.", "en": "GO for {product} {release}, decided by {by}, {at}."},
    "dialog.go.confirm.permanent": {"de": "Der Eintrag im Log ist dauerhaft.", "en": "The log entry is permanent."},
    "dialog.go.confirm": {"de": "GO festhalten", "en": "Record GO"},
    "dialog.back": {"de": "Zurück", "en": "Back"},
    "dialog.decide.ready": {"de": "Keine Blocker: GO ist möglich.", "en": "No blockers: GO is possible."},
    "blockers.title": {"de": "Blocker ({n})", "en": "Blockers ({n})"},
    "blockers.none": {"de": "Keine Blocker.", "en": "No blockers."},
    "blockers.hint": {"de": "↑/↓ wählen · Enter: zum Eintrag springen · Esc: schließen", "en": "↑/↓ choose · Enter: jump to the item · Esc: close"},
    "warnings.title": {"de": "Hinweise", "en": "Warnings"},
    "help.title": {"de": "Tasten", "en": "Keys"},
    "close": {"de": "Schließen", "en": "Close"},
    # notifications (cockpit)
    "note.refused": {"de": "Nicht gespeichert: {why}", "en": "Not saved: {why}"},
    "note.derived": {"de": "„{label}“ folgt aus {source}", "en": "“{label}” follows from {source}"},
    "note.derived.contacts": {"de": "den Eskalationskontakten (e)", "en": "the escalation contacts (e)"},
    "note.derived.staging": {"de": "„Staging stabil seit“ (s)", "en": "“staging stable since” (s)"},
    "note.copied": {"de": "Kopiert: {text}", "en": "Copied: {text}"},
    "note.copy.failed": {"de": "Zwischenablage nicht erreichbar – Zusammenfassung: {text}", "en": "clipboard unavailable – summary: {text}"},
    "note.exporting": {"de": "Export läuft …", "en": "Exporting …"},
    "note.exported": {"de": "Export geschrieben: {path}", "en": "Export written: {path}"},
    "note.export.failed": {"de": "Export fehlgeschlagen: {why}", "en": "Export failed: {why}"},
    "note.checkpoint": {"de": "{label} erreicht", "en": "{label} reached"},
    "note.keymap": {"de": "Keymap in {path}: {why}", "en": "keymap in {path}: {why}"},
    # bindings (cockpit)
    "key.quit": {"de": "Beenden", "en": "Quit"},
    "key.toggle": {"de": "Umschalten", "en": "Toggle"},
    "key.edit": {"de": "Kontakt", "en": "Contact"},
    "key.reject": {"de": "Ablehnen", "en": "Reject"},
    "key.note": {"de": "Notiz", "en": "Note"},
    "key.staging": {"de": "Staging", "en": "Staging"},
    "key.decide": {"de": "Go/No-Go", "en": "Go/no-go"},
    "key.export": {"de": "Export", "en": "Export"},
    "key.copy": {"de": "Kopieren", "en": "Copy"},
    "key.blockers": {"de": "Blocker", "en": "Blockers"},
    "key.help": {"de": "Hilfe", "en": "Help"},
    "key.asof": {"de": "Stand damals", "en": "As it was"},
    # as-of view (cockpit)
    "asof.title": {"de": "Stand zum Zeitpunkt", "en": "The board as it was"},
    "asof.prompt": {"de": "Zeitpunkt (ISO, lokale Zeit in {zone})", "en": "Instant (ISO, local time in {zone})"},
    "asof.decision": {"de": "Entscheidung", "en": "Decision"},
    "asof.show": {"de": "Anzeigen", "en": "Show"},
    "asof.readonly": {"de": "nur lesen – Stand {at} (Esc: zurück)", "en": "read-only – as of {at} (esc: back)"},
    # errors: what a person typed or asked for that cannot be done
    "err.empty": {"de": "{what} darf nicht leer sein", "en": "{what} must not be empty"},
    "err.too_long": {"de": "{what} ist {length} Zeichen lang; erlaubt sind höchstens {limit}",
                     "en": "{what} is {length} characters long; at most {limit} are allowed"},
    "field.actor": {"de": "Akteur (--as)", "en": "actor (--as)"},
    "field.approver": {"de": "Name der/des Freigebenden (--by)", "en": "approver name (--by)"},
    "field.by": {"de": "Name (--by)", "en": "name (--by)"},
    "field.decider": {"de": "Entscheider (--by)", "en": "decider (--by)"},
    "field.reason": {"de": "Grund (--reason)", "en": "reason (--reason)"},
    "field.note": {"de": "Notiz (--note)", "en": "note (--note)"},
    "field.note.text": {"de": "Notiz", "en": "note"},
    "field.channel": {"de": "Kanal (--channel)", "en": "channel (--channel)"},
    "field.name": {"de": "Name (--name)", "en": "name (--name)"},
    "field.phone": {"de": "Rufnummer (--phone)", "en": "phone (--phone)"},
    "section.signoff": {"de": "Freigaben", "en": "sign-offs"},
    "section.gate": {"de": "Go/No-Go-Kriterien", "en": "go/no-go gates"},
    "section.comms": {"de": "Kommunikation", "en": "communication"},
    "section.check": {"de": "T-Plan", "en": "T-plan"},
    "section.check_or_comms": {"de": "T-Plan oder Kommunikation", "en": "T-plan or communication"},
    "err.unknown_id": {"de": "unbekannte Id {id}", "en": "unknown id {id}"},
    "err.unknown_id.contact": {"de": "unbekannte Id {id} (ein Kontakt: dafür gibt es 'contact')",
                               "en": "unknown id {id} (it is a contact: use 'contact')"},
    "err.unknown_contact": {"de": "unbekannte Kontakt-Id {id}", "en": "unknown contact id {id}"},
    "err.wrong_section": {"de": "{id} gehört zu „{section}“, nicht zu „{want}“",
                          "en": "{id} belongs to “{section}”, not to “{want}”"},
    "err.already_approved": {"de": "{id} ist schon freigegeben (von {who}); erst zurückziehen",
                             "en": "{id} is already approved (by {who}); revoke it first"},
    "err.already_rejected": {"de": "{id} ist schon abgelehnt", "en": "{id} is already rejected"},
    "err.reject_approved": {"de": "{id} ist freigegeben; stattdessen mit Grund zurückziehen",
                            "en": "{id} is approved; revoke it (with a reason) instead"},
    "err.revoke_state": {"de": "{id} ist {state}; zurückziehen lässt sich nur eine erteilte oder abgelehnte Freigabe",
                         "en": "{id} is {state}; only an approved or rejected sign-off can be revoked"},
    "err.gate_state": {"de": "Gate-Zustand muss open, green oder red sein, nicht {state}",
                       "en": "gate state must be open, green or red, not {state}"},
    "err.staging_not_yet": {"de": "{id} wird von selbst grün, {hours} h nach „stabil seit“ ({detail})",
                            "en": "{id} turns green by itself {hours} h after “stable since” ({detail})"},
    "err.already_state": {"de": "{id} ist schon {state}", "en": "{id} is already {state}"},
    "err.derived": {"de": "{id} folgt aus {source}; von Hand abhaken geht nicht",
                    "en": "{id} follows from {source}; it cannot be ticked by hand"},
    "source.contacts": {"de": "den Eskalationskontakten", "en": "the escalation contacts"},
    "source.staging": {"de": "„stabil seit“", "en": "“stable since”"},
    "err.not_done": {"de": "{id} ist nicht erledigt; nichts zurückzunehmen",
                     "en": "{id} is not done; nothing to undo"},
    "err.already_done": {"de": "{id} ist schon erledigt (--undo öffnet es wieder)",
                         "en": "{id} is already done (use --undo to reopen it)"},
    "err.channel_only": {"de": "{id} ist ein Kanal: --channel angeben, keinen Namen und keine Rufnummer",
                         "en": "{id} is a channel: give --channel, not a name or phone"},
    "err.person_only": {"de": "{id} ist eine Person: --name und --phone angeben, nicht --channel",
                        "en": "{id} is a person: give --name and --phone, not --channel"},
    "err.contact_phone": {"de": "{id}: {problem}", "en": "{id}: {problem}"},
    "err.same_value": {"de": "{id} hat diesen Wert schon", "en": "{id} already holds this value"},
    "err.since_future": {"de": "„stabil seit“ liegt {ahead} in der Zukunft",
                         "en": "“stable since” lies {ahead} in the future"},
    "err.decision": {"de": "Entscheidung muss go oder no-go sein, nicht {decision}",
                     "en": "decision must be go or no-go, not {decision}"},
    "err.go_blocked": {"de": "GO abgelehnt: {n} Blocker offen: {first}{more}",
                       "en": "GO refused: {n} blockers remain: {first}{more}",
                       "en.one": "GO refused: 1 blocker remains: {first}{more}"},
    "err.more": {"de": " (+{n} weitere)", "en": " (+{n} more)"},
    "err.phone_empty": {"de": "Rufnummer ist leer", "en": "phone number is empty"},
    "err.phone_not": {"de": "keine Rufnummer: {raw}", "en": "not a phone number: {raw}"},
    "err.phone_invalid": {"de": "keine gültige Rufnummer: {raw}", "en": "not a valid phone number: {raw}"},
    "err.instant": {"de": "kein ISO-8601-Zeitpunkt: {raw}", "en": "not an ISO-8601 instant: {raw}"},
    "err.instant_skipped": {"de": "{raw} gibt es in {zone} nicht (die Uhr springt darüber); bitte mit Offset angeben",
                            "en": "{raw} does not exist in {zone} (clocks skip it); give an offset"},
    "err.instant_twice": {"de": "{raw} ist in {zone} mehrdeutig (die Uhr durchläuft es zweimal); bitte mit Offset angeben",
                          "en": "{raw} is ambiguous in {zone} (clocks pass it twice); give an offset"},
    "err.speed_needs_now": {"de": "--speed braucht --now (den Zeitpunkt, an dem die Probe beginnt)",
                            "en": "--speed needs --now (the instant the rehearsal starts at)"},
    "err.speed_range": {"de": "--speed muss zwischen 0 und 100000 liegen, nicht {speed}",
                        "en": "--speed must be between 0 and 100000, not {speed}"},
    # the command line's own lines
    "usage.required": {"de": "Pflichtangabe fehlt: {what} (siehe 'golive --help')",
                       "en": "the following arguments are required: {what} (see 'golive --help')"},
    "usage.choice": {"de": "{arg}: ungültige Wahl {value} (möglich: {choices}) (siehe 'golive --help')",
                     "en": "argument {arg}: invalid choice: {value} (choose from {choices}) (see 'golive --help')"},
    "usage.one_value": {"de": "{arg} braucht einen Wert (siehe 'golive --help')",
                        "en": "argument {arg}: expected one argument (see 'golive --help')"},
    "usage.bad_value": {"de": "{arg}: ungültiger Wert {value} (siehe 'golive --help')",
                        "en": "argument {arg}: invalid {kind} value: {value} (see 'golive --help')"},
    "usage.unknown": {"de": "unbekannte Argumente: {what} (siehe 'golive --help')",
                      "en": "unrecognized arguments: {what} (see 'golive --help')"},
    "usage.other": {"de": "{what} (siehe 'golive --help')", "en": "{what} (see 'golive --help')"},
    "usage.other_plan": {"de": "{db} enthält den Plan für {product} {release}; --plan {plan} weicht ab (eine andere --db verwenden)",
                         "en": "{db} holds the plan for {product} {release}; --plan {plan} differs (use another --db)"},
    "cli.exists": {"de": "{db}: existiert schon; nichts geändert", "en": "{db}: already exists; nothing was changed"},
    "cli.created": {"de": "{db}: angelegt für {product} {release} (T-0 {t0})",
                    "en": "{db}: created for {product} {release} (T-0 {t0})"},
    "cli.recorded": {"de": "Ereignis {seq} gespeichert: {kind} {target}", "en": "recorded event {seq}: {kind} {target}"},
    "cli.verified": {"de": "ok: {n} Ereignisse, Kette intakt, Kopf {head}",
                     "en": "ok: {n} events, chain intact, head {head}", "en.one": "ok: 1 event, chain intact, head {head}"},
    # plain `golive status`
    "status.head": {"de": "{product} {release} · T-0 {t0} · jetzt {now} · {countdown} · {phase}",
                    "en": "{product} {release} · T-0 {t0} · now {now} · {countdown} · {phase}"},
    "status.blockers": {"de": ": {n} Blocker", "en": ": {n} blockers", "en.one": ": 1 blocker"},
    "status.section.signoff": {"de": "Freigaben:", "en": "Sign-offs:"},
    "status.section.gate": {"de": "Go/No-Go-Kriterien:", "en": "Gates:"},
    "status.section.comms": {"de": "Kommunikation:", "en": "Communication:"},
    "status.section.check": {"de": "T-Plan:", "en": "T-plan:"},
    "status.section.contacts": {"de": "Eskalation:", "en": "Contacts:"},
    "status.decision": {"de": "Entscheidung: {decision} durch {by} um {at}",
                        "en": "Decision: {decision} by {by} at {at}"},
    "status.events": {"de": "Ereignisse: {n} · Kopf {head}", "en": "Events: {n} · head {head}"},
    "state.overdue": {"de": "überfällig", "en": "overdue"},
    "key.palette": {"de": "Befehle", "en": "Commands"},
    "palette.help": {"de": "Taste {key} · Id {id}", "en": "key {key} · id {id}"},
    "help.moving": {"de": "Tab / Umschalt+Tab: Panel wechseln · ↑/↓, j/k: bewegen · Enter: wählen",
                    "en": "tab / shift+tab: next panel · ↑/↓, j/k: move · enter: choose"},
    "help.keymap": {"de": "Tasten umbelegen: {path}, Abschnitt [keymap], z. B. decide = \"G\"",
                    "en": "remap keys: {path}, table [keymap], e.g. decide = \"G\""},
    # the plan's own facts
    "facts.title": {"de": "Titel", "en": "Title"},
    "facts.release": {"de": "Release", "en": "Release"},
    "facts.t0": {"de": "T-0", "en": "T-0"},
    "facts.owner": {"de": "Owner", "en": "Owner"},
    "facts.document_date": {"de": "Stand", "en": "As of"},
    "facts.deadline": {"de": "Freigabe-Deadline", "en": "Approval deadline"},
    "facts.target": {"de": "Deploy-Zielbild", "en": "Deploy target"},
    "facts.docs": {"de": "Docs", "en": "Docs"},
    "facts.heading": {"de": "Plan:", "en": "Plan:"},
    "info.title": {"de": "Plan und Datei", "en": "Plan and file"},
    "info.file": {"de": "Datei", "en": "File"},
    "info.events": {"de": "Ereignisse", "en": "Events"},
    "info.head": {"de": "Kopf der Hash-Kette", "en": "Head of the hash chain"},
    "key.info": {"de": "Plan-Info", "en": "Plan info"},
    "import.unknown": {"de": "Abschnitt „{title}“ nicht erkannt, ausgelassen",
                       "en": "section “{title}” not recognised, left out"},
    "import.unplaced": {"de": "Inhalt direkt unter „{title}“ nicht zuzuordnen, ausgelassen",
                        "en": "content directly under “{title}” cannot be placed, left out"},
    "import.text": {"de": "Text ausgelassen (nur Aufgabenlisten und Tabellen werden gelesen)",
                    "en": "text left out (only task lists and tables are read)"},
    "import.head": {"de": "Zeile im Kopf nicht erkannt, ausgelassen",
                    "en": "line in the head not recognised, left out"},
    "import.nested": {"de": "eingerückte Unterpunkte ausgelassen",
                      "en": "nested sub-items left out"},
    "import.status": {"de": "Status „{status}“ nicht erkannt, als offen gelesen",
                      "en": "status “{status}” not recognised, read as open"},
    "import.box": {"de": "Kästchen „{box}“ der Vorlage passt zu keiner Freigabe, ausgelassen",
                   "en": "template box “{box}” matches no sign-off, left out"},
    "import.no_t0": {"de": "kein Go-Live-Zeitpunkt gefunden (z. B. „Go-Live am 2026-03-06 10:00 "
                           "CET“ oder „### T-0: 2026-03-06 10:00“)",
                     "en": "no go-live instant found (e.g. “go-live on 2026-03-06 10:00 CET” or "
                           "“### T-0: 2026-03-06 10:00”)"},
    "import.zone": {"de": "keine Zeitzone genannt, {zone} angenommen",
                    "en": "no time zone named, {zone} assumed"},
    "import.guess.product": {"de": "Produkt aus dem Titel geraten",
                             "en": "product guessed from the title"},
    "import.guess.release": {"de": "Release aus dem Text geraten",
                             "en": "release guessed from the text"},
    "import.missing.signoffs": {"de": "keine Freigaben gefunden", "en": "no sign-offs found"},
    "import.missing.gates": {"de": "keine Go/No-Go-Kriterien gefunden",
                             "en": "no go/no-go gates found"},
    "import.missing.comms": {"de": "keine Kommunikationsaufgaben gefunden",
                             "en": "no communication tasks found"},
    "import.missing.checkpoints": {"de": "kein T-Plan gefunden", "en": "no T-plan found"},
    "import.missing.contacts": {"de": "keine Eskalationskontakte gefunden",
                                "en": "no escalation contacts found"},
    "import.strict": {"de": "{name}: {n} Stelle(n) nicht zuzuordnen; mit --strict abgelehnt, "
                            "nichts geschrieben",
                      "en": "{name}: {n} place(s) could not be placed; refused with --strict, "
                            "nothing written"},
    "import.tick.note": {"de": "laut Checkliste erledigt (Zeile {line})",
                         "en": "done according to the checklist (line {line})"},
    "import.ticked": {"de": "{n} in der Checkliste abgehakte Punkte übernommen",
                      "de.one": "{n} in der Checkliste abgehakter Punkt übernommen",
                      "en": "{n} items ticked in the checklist recorded",
                      "en.one": "{n} item ticked in the checklist recorded"},
    "import.invalid": {"de": "ergibt keinen gültigen Plan: {why}",
                       "en": "does not make a valid plan: {why}"},
    # the checklist export (headings the importer recognises)
    "checklist.as_of": {"de": "Stand", "en": "As of"},
    "checklist.product": {"de": "Produkt", "en": "Product"},
    "checklist.by": {"de": "Bis", "en": "by"},
    "checklist.docs": {"de": "Docs zum Lesen", "en": "Docs"},
    "checklist.goal": {"de": "Ziel", "en": "Goal"},
    "checklist.goal.text": {"de": "Den Go-Live am {t0} koordinieren, basierend auf dem jetzt "
                                  "freigegebenen Betriebsmodell",
                            "en": "Coordinate the go-live on {t0}, based on the operating model "
                                  "now approved"},
    "checklist.checklist": {"de": "Checkliste", "en": "Checklist"},
    "checklist.signoffs": {"de": "Stakeholder und Freigaben", "en": "Stakeholders and sign-offs"},
    "checklist.gates": {"de": "Operative Go/No-Go-Kriterien",
                        "en": "Operational go/no-go criteria"},
    "checklist.comms": {"de": "Kommunikation", "en": "Communication"},
    "checklist.approval": {"de": "Freigabevorlage", "en": "Approval template"},
    "checklist.tplan": {"de": "T-Plan", "en": "T-plan"},
    "checklist.contacts": {"de": "Eskalation", "en": "Escalation"},
    "checklist.contacts.intro": {"de": "Vor dem Go-Live müssen ersetzt sein:",
                                 "en": "Must be replaced before the go-live:"},
    "checklist.col.signoff": {"de": "Freigabe", "en": "Sign-off"},
    "checklist.col.owner": {"de": "Verantwortlich", "en": "Owner"},
    "checklist.col.when": {"de": "Wann", "en": "When"},
    # real file or rehearsal
    "mode.rehearsal": {"de": "PROBE", "en": "REHEARSAL"},
    "mode.rehearsal.line": {"de": "PROBE – keine echte Go-Live-Datei; nichts hier zählt",
                            "en": "REHEARSAL – not a real go-live file; nothing here counts"},
    "note.real_file.view": {"de": "Echte Go-Live-Datei mit --now/--speed: nur ansehen, Änderungen werden abgelehnt. Proben mit 'golive rehearse'.",
                            "en": "Real go-live file with --now/--speed: view only, changes are refused. Rehearse with 'golive rehearse'."},
    "err.from": {"de": "--from {raw}: einen Abstand zu T-0 wie T-25h, T-1d oder T+30m angeben, oder einen ISO-Zeitpunkt",
                 "en": "--from {raw}: give an offset from T-0 such as T-25h, T-1d or T+30m, or an ISO instant"},
    "usage.rehearse_now": {"de": "rehearse startet seine Uhr mit --from, nicht mit --now",
                           "en": "rehearse starts its clock with --from, not --now"},
    "mode.rehearsal.discarded": {"de": "Probe verworfen (behalten mit --keep PATH); die echte "
                                       "Datei ist unverändert",
                                 "en": "rehearsal discarded (keep it with --keep PATH); the real "
                                       "file is unchanged"},
    "mode.rehearsal.kept": {"de": "Probe gespeichert in {path}", "en": "rehearsal kept in {path}"},
    "mode.real_file": {"de": "{path} ist eine echte Go-Live-Datei: Änderungen tragen nur die "
                             "Uhrzeit der Wanduhr (--now/--speed nur zum Ansehen); proben mit "
                             "'golive rehearse'; nichts wurde geschrieben",
                       "en": "{path} is a real go-live file: changes take the wall clock only "
                             "(--now/--speed are for viewing); rehearse with 'golive "
                             "rehearse'; nothing was written"},
}


def text(lang: str, key: str, /, **values: Any) -> str:
    """golive's own words for key in lang, with values filled in literally (str.format
    does not interpret what it inserts). A value that is a Term is put in the same
    language."""
    entry = _TEXTS[key]
    if values.get("n") == 1 and f"{lang}.one" in entry:
        template = entry[f"{lang}.one"]
    else:
        template = entry.get(lang, entry["en"])
    filled = {k: v.text(lang) if isinstance(v, Term) else v for k, v in values.items()}
    return template.format(**filled)


def languages() -> tuple[str, ...]:
    return ("de", "en")


def keys() -> tuple[str, ...]:
    return tuple(_TEXTS)


def entry(key: str) -> dict[str, str]:
    return dict(_TEXTS[key])


class Term:
    """A catalogue entry used inside another (a field name in an error), so it is put in
    the language of the sentence around it."""

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values

    def text(self, lang: str) -> str:
        return text(lang, self.key, **self.values)

    def __str__(self) -> str:
        return self.text("en")


class Said(Exception):
    """An error whose words come from the catalogue: str() is English (logs, tracebacks),
    `text(lang)` is what a user of that language reads. Built from a plain sentence, it
    says that sentence in every language (for errors not yet in the catalogue)."""

    def __init__(self, key: str, **values: Any) -> None:
        self.key: str | None = key if key in _TEXTS else None
        self.values: dict[str, Any] = values if self.key else {"plain": key}
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        if self.key is None:
            return str(self.values["plain"])
        return text(lang, self.key, **self.values)


def say(exc: BaseException, lang: str) -> str:
    """Any error in the user's language, as far as the catalogue knows its words."""
    return exc.text(lang) if isinstance(exc, Said) else str(exc)
