"""Reading a plan's TOML tables strictly: every field checked, every error one line.

A plan is refused as a whole at the first problem, with one line naming the file, the line
(where one can be found) and the field, because a half-read plan on go-live day is worse
than none.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from golive.data.plan.model import (
    Checkpoint,
    ContactRole,
    Item,
    OffsetOutOfRange,
    Plan,
    PlanError,
    Section,
    format_offset,
)
from golive.data.plan.roster_reader import read_roster
from golive.data.texts.user_text import clean_text
from golive.data.time.clock import FIRST_YEAR, LAST_YEAR, in_range, is_zone_name
from golive.data.time.instants import RepeatedTime, SkippedTime, in_zone, later, local

DERIVATIONS = ("staging-stable", "contacts-complete", "deploy-started")
CONTACT_KINDS = ("person", "channel")
LANGUAGES = ("de", "en")
MAX_OFFSET_DAYS = 366  # a checkpoint lies within a year of T-0

_OFFSET = re.compile(r"^([+-])\s*((?:\d+\s*[dhm]\s*)+)$")
_OFFSET_PART = re.compile(r"(\d+)\s*([dhm])")


class PlanReader:
    """Turns the TOML tables into a Plan, remembering where each field was for errors."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.lines = text.splitlines()
        self.seen: dict[str, str] = {}

    # errors ---------------------------------------------------------------------------

    def fail(self, path: str, message: str, needle: str | None = None,
             line: int | None = None) -> PlanError:
        line = line or self._find_line(path, needle)
        where = f"{self.name}:{line}" if line else self.name
        return PlanError(f"{where}: {path}: {message}")

    def _find_line(self, path: str, needle: str | None) -> int | None:
        """Best effort: the line of the table entry named by path, then of the key in it."""
        m = re.match(r"(\w+)(?:\[(\d+)\])?(?:\.(\w+))?", path)
        if needle:
            for n, line in enumerate(self.lines, 1):
                if needle in line:
                    return n
        if not m:
            return None
        table, index, key = m.group(1), m.group(2), m.group(3)
        start = 0
        if index is not None:
            count = -1
            for n, line in enumerate(self.lines):
                if line.strip() == f"[[{table}]]":
                    count += 1
                    if count == int(index):
                        start = n
                        break
            else:
                return None
        elif table != "golive":
            key = key or table
        else:
            for n, line in enumerate(self.lines):
                if line.strip() == "[golive]":
                    start = n
                    break
        if key is None:
            return start + 1
        for n in range(start, len(self.lines)):
            if n > start and self.lines[n].lstrip().startswith("[") and index is not None:
                break
            if re.match(rf"\s*{re.escape(key)}\s*=", self.lines[n]):
                return n + 1
        return start + 1 if index is not None else None

    # field helpers --------------------------------------------------------------------

    def table(self, data: dict[str, Any], path: str, required: set[str], optional: set[str]
              ) -> dict[str, Any]:
        for key in data:
            if key not in required | optional:
                raise self.fail(f"{path}.{key}", "unknown field")
        for key in sorted(required):
            if key not in data:
                raise self.fail(f"{path}.{key}", "missing field")
        return data

    def string(self, data: dict[str, Any], key: str, path: str, default: str | None = None,
               ) -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            raise self.fail(f"{path}.{key}", "must be a string")
        value = clean_text(value).strip()
        if not value and default is None:
            raise self.fail(f"{path}.{key}", "must not be empty")
        return value

    def strings(self, data: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{path}.{key}", "must be a list of strings")
        return tuple(clean_text(v) for v in value)

    def date(self, data: dict[str, Any], key: str, path: str) -> _dt.date | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
            if isinstance(value, str):
                try:
                    return _dt.date.fromisoformat(value)
                except ValueError:
                    pass
            raise self.fail(f"{path}.{key}", "must be a date (YYYY-MM-DD)")
        return value

    def new_id(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9][a-z0-9.+_-]*", value):
            raise self.fail(path, f"invalid id {value!r} (lower-case letters, digits, . + _ -)")
        if value in self.seen:
            raise self.fail(path, f"duplicate id {value!r} (already used by {self.seen[value]})",
                            line=self._second_occurrence(value))
        self.seen[value] = path
        return value

    def _second_occurrence(self, value: str) -> int | None:
        """Line number of the id's second use (the two lines may read the same)."""
        hits = [n for n, line in enumerate(self.lines, 1) if f'"{value}"' in line]
        return hits[1] if len(hits) >= 2 else None

    def local_time(self, value: Any, path: str, zone: str) -> _dt.datetime:
        if isinstance(value, str):
            try:
                value = _dt.datetime.fromisoformat(value)
            except ValueError:
                raise self.fail(path, f"not a date-time: {value!r}") from None
        if not isinstance(value, _dt.datetime):
            raise self.fail(path, "must be a local date-time like 2026-03-06T10:00:00")
        if not in_range(value):
            raise self.fail(path, f"{value.date().isoformat()} is outside the years "
                                  f"{FIRST_YEAR} to {LAST_YEAR}")
        if value.tzinfo is not None:
            return in_zone(value, zone)
        try:
            return local(value.replace(microsecond=0), zone, strict=True)
        except SkippedTime:
            raise self.fail(path, f"{value:%Y-%m-%d %H:%M} does not exist in {zone} "
                                  "(clocks skip it)") from None
        except RepeatedTime:
            raise self.fail(path, f"{value:%Y-%m-%d %H:%M} is ambiguous in {zone} "
                                  "(clocks pass it twice)") from None

    def offset(self, value: Any, path: str, t0: _dt.datetime, zone: str) -> _dt.datetime:
        """Hours and minutes are real elapsed time; days are calendar days at the same
        local wall-clock time."""
        m = _OFFSET.match(value.strip()) if isinstance(value, str) else None
        if not m:
            raise self.fail(path, f"offset must look like +24h, -1d or -1h30m, not {value!r}")
        sign = -1 if m.group(1) == "-" else 1
        parts = {"d": 0, "h": 0, "m": 0}
        for amount, unit in _OFFSET_PART.findall(m.group(2)):
            parts[unit] += int(amount[-12:]) if len(amount) <= 12 else 10**12
        if parts["d"] + parts["h"] / 24 + parts["m"] / 1440 > MAX_OFFSET_DAYS:
            raise OffsetOutOfRange(str(self.fail(path, f"offset {value.strip()[:24]} lies "
                                                 f"more than {MAX_OFFSET_DAYS} days from T-0")))
        at = t0
        if parts["d"]:
            wall = t0.replace(tzinfo=None) + _dt.timedelta(days=sign * parts["d"])
            at = self.local_time(wall, path, zone)
        return later(at, hours=sign * parts["h"], minutes=sign * parts["m"])

    # the plan -------------------------------------------------------------------------

    def plan(self, data: dict[str, Any]) -> Plan:
        self.table(data, "plan", {"golive", "signoffs", "gates", "comms", "checkpoints",
                                  "contacts"}, {"people", "roster", "checklist"})
        g = data["golive"]
        if not isinstance(g, dict):
            raise self.fail("golive", "must be a table")
        self.table(g, "golive", {"product", "release", "timezone", "t0"},
                   {"title", "target", "target_notes", "owner", "docs", "document_date",
                    "approval_deadline", "approval_date", "approval_title", "approval_boxes",
                    "language", "placeholder_rule", "verification", "rollback_criteria"})
        zone = self.string(g, "timezone", "golive")
        if not is_zone_name(g["timezone"]):  # as written: a control character is no zone
            raise self.fail("golive.timezone", f"unknown time zone {g['timezone']!r} "
                            "(an IANA name such as 'Europe/Berlin')")
        t0 = self.local_time(g["t0"], "golive.t0", zone)
        language = self.string(g, "language", "golive", default="de") or "de"
        if language not in LANGUAGES:
            raise self.fail("golive.language", f"must be one of {', '.join(LANGUAGES)}")
        product = self.string(g, "product", "golive")

        signoffs = self.items(data, "signoffs", Section.SIGNOFF)
        gates = self.items(data, "gates", Section.GATE)
        comms = self.items(data, "comms", Section.COMMS)
        checkpoints = self.checkpoints(data, t0, zone)
        contacts = self.contacts(data)

        contact_ids = {c.id for c in contacts}
        for n, gate in enumerate(gates):
            for cid in gate.contacts:
                if cid not in contact_ids:
                    raise self.fail(f"gates[{n}].contacts", f"{cid!r} is not a contact id",
                                    needle=f'"{cid}"')
        boxes = self.strings(g, "approval_boxes", "golive") or tuple(s.id for s in signoffs)
        for box in boxes:
            if box not in {s.id for s in signoffs}:
                raise self.fail("golive.approval_boxes", f"{box!r} is not a sign-off id",
                                needle=f'"{box}"')
        return Plan(
            title=self.string(g, "title", "golive", default=f"Go-Live {product}"),
            product=product,
            release=self.string(g, "release", "golive"),
            target=self.string(g, "target", "golive", default=""),
            target_notes=self.strings(g, "target_notes", "golive"),
            owner=self.string(g, "owner", "golive", default=""),
            docs=self.strings(g, "docs", "golive"),
            document_date=self.date(g, "document_date", "golive"),
            approval_deadline=self.date(g, "approval_deadline", "golive"),
            approval_date=self.date(g, "approval_date", "golive"),
            approval_title=self.string(g, "approval_title", "golive",
                                       default=f"Go-Live Approval – {product}"),
            approval_boxes=boxes,
            timezone=zone,
            t0=t0,
            language=language,
            placeholder_rule=self.string(g, "placeholder_rule", "golive", default=""),
            signoffs=signoffs,
            gates=gates,
            comms=comms,
            checkpoints=checkpoints,
            contacts=contacts,
            source=self.text,
            source_name=self.name,
            verification=self.string(g, "verification", "golive", default=""),
            rollback_criteria=self.strings(g, "rollback_criteria", "golive"),
            roster=read_roster(self, data, signoffs),
        )

    def entries(self, data: dict[str, Any], key: str, *, empty: bool = False
                ) -> list[dict[str, Any]]:
        """The tables of one kind; sign-offs, gates, comms and contacts may be none (an
        imported checklist without them; the rules then block a GO without a sign-off)."""
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, f"must be an array of tables ([[{key}]])")
        if not value and not empty:
            raise self.fail(key, "must not be empty")
        return value

    def items(self, data: dict[str, Any], key: str, section: Section) -> tuple[Item, ...]:
        out = []
        for n, entry in enumerate(self.entries(data, key, empty=True)):
            path = f"{key}[{n}]"
            extra = {"role", "box", "informed", "owner"} if section == "signoff" \
                else {"derived", "hours"}
            if section == "gate":
                extra = {"derived", "hours", "contacts"}
            if section == "comms":
                extra = {"derived"}
            self.table(entry, path, {"id", "label"}, extra)
            out.append(self.item(entry, path, section))
        return tuple(out)

    def item(self, entry: dict[str, Any], path: str, section: Section,
             checkpoint: str | None = None) -> Item:
        item_id = self.new_id(entry["id"], f"{path}.id")
        derived = entry.get("derived")
        if derived is not None and derived not in DERIVATIONS:
            raise self.fail(f"{path}.derived", f"must be one of {', '.join(DERIVATIONS)}")
        hours = entry.get("hours", 24)
        if not isinstance(hours, int) or isinstance(hours, bool) or not 0 < hours <= 24 * 14:
            raise self.fail(f"{path}.hours", "must be a whole number of hours (1 to 336)")
        informed = entry.get("informed", False)
        if not isinstance(informed, bool):
            raise self.fail(f"{path}.informed", "must be true or false")
        hard = entry.get("hard", False)
        if not isinstance(hard, bool):
            raise self.fail(f"{path}.hard", "must be true or false")
        return Item(
            id=item_id, section=section, label=self.string(entry, "label", path),
            role=self.string(entry, "role", path, default="") or None,
            box=self.string(entry, "box", path, default="") or None,
            informed=informed, derived=derived, hours=hours, checkpoint=checkpoint,
            owner=self.string(entry, "owner", path, default="") or None,
            contacts=self.strings(entry, "contacts", path), hard=hard,
        )

    def checkpoints(self, data: dict[str, Any], t0: _dt.datetime, zone: str
                    ) -> tuple[Checkpoint, ...]:
        out = []
        for n, entry in enumerate(self.entries(data, "checkpoints")):
            path = f"checkpoints[{n}]"
            self.table(entry, path, {"id", "label", "checks"}, {"at", "offset"})
            cp_id = self.new_id(entry["id"], f"{path}.id")
            if ("at" in entry) == ("offset" in entry):
                raise self.fail(f"{path}.at", "give exactly one of 'at' (local time) or "
                                              "'offset' (from T-0)")
            if "at" in entry:
                at = self.local_time(entry["at"], f"{path}.at", zone)
            else:
                at = self.offset(entry["offset"], f"{path}.offset", t0, zone)
            checks_raw = entry["checks"]
            if not isinstance(checks_raw, list) or not all(isinstance(c, dict)
                                                           for c in checks_raw):
                raise self.fail(f"{path}.checks", "must be a list of tables")
            checks = []
            for k, c in enumerate(checks_raw):
                cpath = f"{path}.checks[{k}]"
                self.table(c, cpath, {"id", "label"}, {"derived", "hard"})
                checks.append(self.item(c, cpath, Section.CHECK, checkpoint=cp_id))
            out.append(Checkpoint(id=cp_id, label=self.string(entry, "label", path), at=at,
                                  offset=format_offset(at, t0), checks=tuple(checks)))
        out.sort(key=lambda cp: cp.at)
        return tuple(out)

    def contacts(self, data: dict[str, Any]) -> tuple[ContactRole, ...]:
        out = []
        for n, entry in enumerate(self.entries(data, "contacts", empty=True)):
            path = f"contacts[{n}]"
            self.table(entry, path, {"id", "label", "kind", "placeholder"}, set())
            kind = entry["kind"]
            if kind not in CONTACT_KINDS:
                raise self.fail(f"{path}.kind", f"must be one of {', '.join(CONTACT_KINDS)}")
            out.append(ContactRole(
                id=self.new_id(entry["id"], f"{path}.id"), label=self.string(entry, "label", path),
                kind=kind, placeholder=self.string(entry, "placeholder", path)))
        return tuple(out)
