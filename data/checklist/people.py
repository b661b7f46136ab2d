"""The people in a checklist: sign-offs with their roles, and the escalation contacts
(lists, role lines, a team table); a name already filled in is recorded as a tick."""

from __future__ import annotations

import re
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from golive.data.checklist import words
from golive.data.checklist.markdown import (
    BOX,
    BRACKETED,
    CONTACT_LINE,
    ROLE_LINE,
    Entry,
    Section,
    cell,
    done_suffix,
    is_placeholder,
    list_entries,
    node_line,
    node_text,
    section_entries,
    table_columns,
    table_rows,
)
from golive.data.checklist.reader import Reader, Tick


def read_signoffs(r: Reader, s: Section) -> list[dict[str, Any]]:
    """One sign-off per line or table row (Role | Name | Signature | Date is one role and
    its person), and the approval lines a section writes in prose."""
    out = []
    for entry in section_entries(s, r.notes, r.lang, prose=True) + prose_approvals(r, s):
        label = signoff_label(entry.label)
        if not label:
            r.note(entry.line, "import.text")
            continue
        # the role as the checklist writes it ("Produkt"); a known one gets its stable id
        role = re.split(r"[- ](freigabe|sign-?off|approval|abnahme|informiert|informed)",
                        label, flags=re.IGNORECASE)[0].strip(" :–-") or label
        role_id = words.first_match(label, words.ROLES) or words.slug(role)
        item: dict[str, Any] = {"id": r.new_id("approval", role_id or "item"),
                                "role": role, "label": label}
        if re.search(words.INFORMED, label.lower()):
            item["informed"] = True
        if entry.owner and not is_placeholder(entry.owner):
            item["owner"] = entry.owner
        item["line"] = entry.line
        r.tick(item["id"], entry)
        r.place_entry(entry, "signoff", role)
        out.append(item)
    return out


_BLANKS = re.compile(r"\[[^\]]*\]|_{2,}|\.{3,}|…|\bgo\s*/\s*no-?go\b|"
                     r"\b(signature|unterschrift|datum|date|name)\b\s*:?", re.IGNORECASE)


def signoff_label(label: str) -> str:
    """A sign-off's words without the form around them: `Business Owner: GO / NO-GO -
    [Signature] [Date]` is the Business Owner's sign-off."""
    cleaned = " ".join(_BLANKS.sub(" ", label).split()).strip(" :–—-|/")
    return cleaned if cleaned != label.strip() else label.strip()


def prose_approvals(r: Reader, s: Section) -> list[Entry]:
    """`Product Manager approval on staging` written as a paragraph line: a sign-off; other
    prose stays prose."""
    out: list[Entry] = []
    for node in s.nodes:
        if node.type != "paragraph" or not node.children:
            continue
        before = len(out)
        for offset, raw in enumerate(node_text(node.children[0]).split("\n")):
            line = " ".join(raw.split())
            m = BOX.match(line)
            body = line[m.end():] if m else line
            if re.search(words.APPROVAL_LINE, body.lower()) and not body.endswith(":"):
                body, by, when = done_suffix(body)  # as the export writes it back
                out.append(Entry(body, node_line(node) + offset, bool(m and m.group(1) != " "),
                                 when=when, done_by=by))
        if len(out) == before:
            r.note(node_line(node), "import.text")
    return out


def read_contacts(r: Reader, s: Section, golive: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for node in s.nodes:
        if node.type in ("bullet_list", "ordered_list"):
            for entry in list_entries(node, r.notes, r.lang):
                m = CONTACT_LINE.match(entry.label)
                if m is None:
                    found = role_line(r, entry)
                    if found is None:
                        r.place(entry.line, "note")
                        golive.setdefault("target_notes", []).append(entry.label)
                    else:
                        out.append(found | {"line": entry.line})
                        r.place(entry.line, "contact", found["label"])
                    continue
                contact = new_contact(r, m.group(2) or m.group(1), m.group(1))
                contact["line"] = entry.line
                out.append(contact)
                r.place(entry.line, "contact", contact["label"])
                if m.group(3):  # filled in: recorded when a file is made from it
                    r.ticks.append(Tick(contact["id"], entry.line, m.group(3).strip()))
        elif node.type == "table":
            out += read_team(r, node)
        elif node.type == "paragraph" and node.children:
            text = " ".join(node_text(node.children[0]).split())
            if re.search(r"platzhalter|placeholder", text.lower()) and not text.endswith(":"):
                golive["placeholder_rule"] = text
                r.place(node_line(node), "note", s.title)
            elif not text.endswith(":"):  # an introduction to the list is expected
                r.note(node_line(node), "import.text")
        elif node.type != "hr":
            r.note(node_line(node), "import.text")
    return out


EMAIL = re.compile(r"<?\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b>?")


def split_email(value: str) -> tuple[str, str | None]:
    """`Olaf Berg, +49 170 …, olaf@example.com` -> the rest, and the e-mail (kept)."""
    m = EMAIL.search(value)
    if m is None:
        return value, None
    rest = " ".join((value[:m.start()] + value[m.end():]).split()).strip(" ,;/–-()")
    return re.sub(r"\s*,\s*,", ",", rest), m.group(0).strip("<>")


def role_line(r: Reader, entry: Entry) -> dict[str, Any] | None:
    """`Technical Lead: [Your contact]` (or `- [TODO]`): the role with its placeholder;
    `Technical Lead: Olaf Berg, +49 …` names the person, recorded when a file is made.
    `Location:`, `Hours:`, `Communication:` lines are no contact: None (a note on the
    go-live; a channel they name is the team's own channel row's business)."""
    m = ROLE_LINE.match(entry.label)
    if m is None:
        return new_contact(r, entry.label, entry.label)
    role, rest = m.group("role").strip(), m.group("rest").strip()
    if re.fullmatch(words.NOT_A_PERSON, words.normal(role)):
        return None
    bracket = BRACKETED.search(rest)
    if bracket:
        return new_contact(r, role, bracket.group(0))
    if is_placeholder(rest):
        return new_contact(r, role, rest)
    contact = new_contact(r, role, f"[{role}]")
    value, email = split_email(rest) if contact["kind"] == "person" else (rest, None)
    r.ticks.append(Tick(contact["id"], entry.line, value, email=email))
    return contact


def new_contact(r: Reader, text: str, placeholder: str, kind: str | None = None) -> dict[str, Any]:
    label = text.strip().strip("`").strip()
    label = label[1:-1].strip() if label.startswith("[") and label.endswith("]") else label
    part = words.first_match(label, words.CONTACTS) or words.slug(label)
    if kind is None:
        kind = "channel" if re.search(words.CHANNEL, label.lower()) else "person"
    return {"id": r.new_id("contact", part), "label": label, "kind": kind,
            "placeholder": placeholder.strip().strip("`").strip()}


def read_team(r: Reader, node: SyntaxTreeNode) -> list[dict[str, Any]]:
    """A 'Go-Live Team' table: each role a contact. The plan holds roles, the log holds
    people: a real name (and phone) is recorded when a file is made from the list."""
    head, rows = table_rows(node)
    cols = table_columns(head)
    out = []
    for line, cells in rows:
        role = cell(cells, cols, "role") or cell(cells, cols, "task")
        if not role:
            continue
        name = cell(cells, cols, "owner")
        channel = cell(cells, cols, "channel")
        kind = "channel" if re.search(words.CHANNEL, words.normal(role)) and \
            not re.search(words.CHANNEL, words.normal(name)) or \
            (is_placeholder(name) and not is_placeholder(channel)) else None
        value = name if kind is None or not is_placeholder(name) else channel
        # an empty name cell asks for the role's person, as a bracketed placeholder does
        contact = new_contact(r, role, value if is_placeholder(value) and value.strip()
                              else f"[{role}]", kind)
        contact["line"] = line
        out.append(contact)
        r.place(line, "contact", contact["label"])
        if is_placeholder(value):
            continue
        if contact["kind"] == "channel":
            r.ticks.append(Tick(contact["id"], line, value))
            continue
        phone = cell(cells, cols, "phone")
        email = cell(cells, cols, "email")
        value, in_name = split_email(value)
        if not is_placeholder(phone):
            value = f"{value}, {phone}"
        r.ticks.append(Tick(contact["id"], line, value, email=in_name or (
            None if is_placeholder(email) else email)))
    return out
