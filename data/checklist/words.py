"""The wording by which a go-live checklist's sections and lines are recognised, German and
English, and the stable ids golive gives the items it knows.

Kept apart from the parser so that a new variant is one line here. The first matching
pattern wins; patterns are searched in the normalised text (lower case, umlauts kept).
"""

from __future__ import annotations

import re
import unicodedata

# section kinds by heading wording
SECTION_WORDS: list[tuple[str, str]] = [
    ("approval_doc",
     r"freigabevorlage|approval (template|document|form)|sign-?off (template|form)"),
    ("rollback", r"roll-?back|rückfall|zurückroll|fallback|back-?out|rückabwicklung"),
    ("signoff", r"freigabe|stakeholder|sign-?offs?\b|approvals?\b|abnahme"),
    ("gate", r"go/no-go|go-no-go|go / no-go|kriterien|criteria|gates?\b|readiness|voraussetzung"),
    ("comms", r"kommunikation|communication|comms\b|announce"),
    ("contacts", r"eskalation|escalation|kontakte|contacts|go-live[- ]team|\bteam\b|on-call"),
    ("tplan", r"t-plan|zeitplan|timeline|schedule|ablauf|runbook|countdown"),
    ("goal", r"^ziel|^goal|^objective|^scope|^zielbild"),
    ("container", r"checkliste|checklist|^aufgaben|^tasks"),
]

# sign-off roles known by their stable id's last part; any other gets an id from its words
ROLES: list[tuple[str, str]] = [
    (r"business|fachbereich", "business"),
    (r"produkt|product", "product"),
    (r"security|sicherheit|infosec", "security"),
    (r"devops", "devops"),
    (r"\bsre\b|site reliability", "sre"),
    (r"support|kundendienst|service ?desk", "support"),
    (r"\bqa\b|qualitätssicherung|quality assurance", "qa"),
]

APPROVAL_LINE = r"approv|sign-?off|signed off|freigabe|freigegeben|abnahme|genehmig|zustimm"

INFORMED = r"informiert|informed|notified|benachrichtigt"

# known items per section: pattern -> (id suffix, derivation)
ITEMS: dict[str, list[tuple[str, str, str | None]]] = {
    "gate": [
        (r"staging.*(stabil|stable)", "staging-stable", "staging-stable"),
        (r"(bleibt|remains|stays|is) .*(freigegeben|approved|released)|frozen|freeze|"
         r"eingefroren", "rc-frozen", None),
        (r"zentrale gates|central gates|quality gates|ci gates|pipeline", "central-gates", None),
        (r"monitoring", "monitoring", None),
        (r"rollback", "rollback-owner", None),
        (r"kanal|channel", "channels", None),
    ],
    "comms": [
        (r"eskalationsliste|escalation list", "escalation-list", "contacts-complete"),
        (r"timeline|zeitplan", "timeline", None),
        (r"support", "support-briefing", None),
        (r"kund|customer", "customer-comms", None),
    ],
    "check": [
        (r"staging.*(stabil|stable)", "staging-stable", "staging-stable"),
        (r"kontakte|contacts", "contacts", "contacts-complete"),
        (r"on-?call", "on-call", None),
        (r"go/no-go|go-no-go", "go-no-go-meeting", None),
        (r"status-? ?call", "status-call", None),
        (r"risik|risk", "risks", None),
        (r"finale freigabe|final (approval|sign-?off)", "final-approval", None),
        (r"deploy.*(start|begin|auslös|trigger)|(start|begin|trigger).*deploy", "deploy",
         "deploy-started"),
        (r"deploy", "deploy", None),
        (r"statusführung|status lead|lead the status|take over status", "status-lead", None),
        (r"zwischenst|interim", "interim-status", None),
        (r"support", "support", None),
        (r"incident", "incidents", None),
        (r"retro", "retro", None),
    ],
}

CONTACTS: list[tuple[str, str]] = [
    (r"status.*(kanal|channel)", "status-channel"),
    (r"incident.*(kanal|channel)", "incident-channel"),
    (r"(prim|primary|erst).*on-?call|on-?call.*(prim|primary)", "primary-on-call"),
    (r"(backup|secondary|zweit|vertret).*on-?call|on-?call.*(backup|secondary)",
     "backup-on-call"),
    (r"rollback", "rollback-decider"),
]
CHANNEL = r"kanal|channel|slack|teams|#|matrix|mattermost"
# contact lines that name no person: where, when and how the team meets
NOT_A_PERSON = r"location|ort|standort|hours|zeiten|arbeitszeiten?|uhrzeit|communication|" \
               r"kommunikation|bridge|war ?room|meeting|call|zoom|dial-?in|address|adresse|" \
               r"raum|room|where|wo|when|wann|availability|erreichbarkeit"

# title parts that name the document, not the product
NOT_PRODUCT = r"go-?live|checklist|checkliste|runbook|launch|cutover|release manager|" \
              r"orchestration|plan\b"

# words that only a German checklist uses (to pick the plan's language)
GERMAN = r"\b(freigabe|freigaben|kommunikation|eskalation|stand|kriterien|checkliste|und|" \
         r"eingeholt|informiert|verteilt|benannt|vorlage)\b"

# the head lines: key -> pattern for the words before the colon
META: dict[str, str] = {
    "document_date": r"stand|as of|date|datum|last updated|updated|zuletzt aktualisiert",
    "t0": r"(go-?live|launch|cutover|umstellung)( date| time| termin| zeitpunkt| am| on| at| "
          r"datum)?|t-?0|termin|zeitpunkt",
    "release": r"release|version|rc",
    "product": r"produkt|product",
    "owner": r"owner|verantwortlich|verantwortung|responsible|accountable|"
             r"(release|launch|cutover|go-?live) (manager|lead|owner)",
    "approval_deadline": r"deadline|frist|due",
    "docs": r"docs?( zum lesen)?|dokumente|documents|references|links|see also",
    "mode": r"modus|mode",  # a rehearsal's export: "Modus: PROBE – …"
}

# the approval template's lines
TEMPLATE: dict[str, str] = {
    "approval_date": r"datum|date",
    "release": r"release|version",
    "target": r"deploy-zielbild|zielbild|deploy target|target",
}

# status cells of a table: ticked, open
TICKED = r"✅|✔|✓|☑|\[x\]|x|done|erledigt|ja|yes|ok|green|grün|completed?|abgeschlossen|" \
         r"fertig|approved|freigegeben|signed|unterschrieben|go|pass(ed)?|bestanden|concur"
OPEN = r"☐|⬜|⬛|🔲|❌|\[ \]|\[\]|open|offen|todo|to do|nein|no|pending|ausstehend|" \
       r"not started|nicht begonnen|in progress|in arbeit|wip|fail(ed)?|nicht bestanden|" \
       r"non-concur|-"

# an item's nested lines that are its columns ("Owner: Anna", "Status: ✅")
SUB_ITEMS: dict[str, str] = {
    "owner": r"owner|verantwortlich|wer|who|zuständig|assignee|dri",
    "status": r"status|stand|state|erledigt|done",
    "date": r"date|datum|done on|erledigt am|when|wann|fällig|due",
    "evidence": r"evidence|nachweis|link|proof|beleg|notes?|notiz|kommentar|comment",
}

COLUMNS: dict[str, str] = {
    "status": r"^(status|stand|done|erledigt|✓|✔|☑|ok|state|completed?|pass ?/ ?fail|result|"
              r"ergebnis|recommendation|empfehlung)$",
    "task": r"task|aufgabe|item|punkt|check|kriteri|criteri|schritt|step|\bwas\b|\bwhat\b|"
            r"beschreibung|description|activit|aktivität|ma(ss|ß)nahme",
    "owner": r"owner|verantwortlich|wer|who|name|zuständig|assignee|approver|freigeber|"
             r"responsible|person",
    "date": r"date|datum|due|fällig|wann|when|deadline|zeit|time",
    "evidence": r"evidence|nachweis|link|proof|beleg|notes?|notiz|kommentar|comment",
    "role": r"^(role|rolle|funktion|function|bereich|team|stakeholder|department|abteilung)$",
    "signature": r"signature|unterschrift|signed|gezeichnet|initials|kürzel|paraphe",
    "decision": r"go ?/ ?no-?go|decision|entscheidung|approved\??$|freigegeben\??$",
    "email": r"e-?mail|mail",
    "channel": r"slack|teams|channel|kanal|chat|matrix",
    "phone": r"phone|telefon|tel\.?|mobil|mobile|rufnummer|handy|kontakt|contact",
}


def normal(text: str) -> str:
    """Lower case, emoji and leading numbering dropped, space collapsed."""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LNPZ" or ch in "+-/#")
    text = re.sub(r"^\s*(\d+[.)]|[ivx]+\.|[a-z]\))\s+", "", text.strip().lower())
    return " ".join(text.split())


_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def slug(text: str, limit: int = 40) -> str:
    """An id part from wording: ASCII, lower case, words joined by '-'."""
    text = unicodedata.normalize("NFKD", normal(text).translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text)
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > limit:
            break
        out = f"{out}-{w}" if out else w
    return out or "item"


def first_match(text: str, table: list[tuple[str, str]]) -> str | None:
    low = normal(text)
    return next((value for pattern, value in table if re.search(pattern, low)), None)
