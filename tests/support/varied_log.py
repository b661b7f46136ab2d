"""A varied generated log for byte-identity tests of verify and export (issue 24): every
kind of event through the real store, then thousands of notes whose texts and actors no
cockpit would let through (control characters, quotes, backslashes, markup, long texts,
unicode), written as a rehearsal's replay writes copies, with other events between them
so runs of notes start and end anywhere in a fetched batch."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from golive.data.changes.commands import Announce, Correct, Note, SetGate
from golive.data.log.events import Event
from golive.data.log.store import Store
from golive.data.time.clock import FixedClock

from support import scenarios

NOTES = 2600
PIECES = ["Zwischenstand", "ok", "[Status-Kanal]", "**fett**", "<b>", "a | b", "`x`", "_u_",
          "~~s~~", "@here", ":fire:", "&amp;", "$x$", "# h", "- l", "1. n", "> q", "‰", "é",
          "e\u0301", "☃", "👍🏽", "👩\u200d💻", "\ufe0f", "\u00ad", "\u202e", "\u2028", "\x1b[31m",
          "\x7f", "\x85", "\t", "\n", '"', "\\", "\\u00e9", '{"text": "x"}', "16:00:00", "ß",
          " ", "  ", "Köln", "日本", "\ufeff", "\u200b", "\x00", "\r\n"]
ACTORS = ["rm", "Anna Schmidt", "Jürgen Groß", "ops-bot", 'Eve "Q" \\ <b>**M**</b>',
          "Zoë [x](http://evil)", "tab\there", "_rm_"]
TARGETS = ["", "", "", "", "", "", "", "", "gate.monitoring", "x\ny"]


def note_text(rnd: random.Random) -> str:
    if rnd.random() < 0.01:
        return "".join(rnd.choice(PIECES) for _ in range(400))[:2000]  # a long text
    if rnd.random() < 0.6:  # plain, the common case
        return f"Zwischenstand {rnd.randint(0, 10**6)}: Schritt ok {rnd.choice(PIECES[:3])}"
    return " ".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 8)))


def build(path: Path) -> Store:
    """The log at `path`, its store's clock at the last event; every kind of event is in it."""
    store = scenarios.rollback_day(path)
    rnd = random.Random(27)
    instant = scenarios.at("2026-03-06T11:10:00")
    seq = store.event_count()
    done = 0
    while done < NOTES:
        run = rnd.choice([1, 3, 50, 400, 999, 1000, 1001, 1500])
        notes = []
        for _ in range(min(run, NOTES - done)):
            # several notes in one second, some apart, one across a minute
            instant = instant + dt.timedelta(microseconds=rnd.choice([0, 1, 250_000, 1_700_000,
                                                                      61_000_000]))
            at = instant.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            notes.append(Event(0, at, rnd.choice(ACTORS), "note", rnd.choice(TARGETS),
                               {"text": note_text(rnd)}))
        seq += store.replay(iter(notes))
        done += len(notes)
        instant = instant + dt.timedelta(seconds=30)
        store.clock = FixedClock(instant)
        kind = rnd.randrange(4)
        if kind == 0:
            store.apply(SetGate("gate.monitoring", rnd.choice(["red", "green"]),
                                f"flap {done} [x]"), "rm")
        elif kind == 1:
            store.apply(Correct(seq - rnd.randrange(min(run, 20)), "Tippfehler | *x*"), "rm")
        elif kind == 2:
            store.apply(Announce("#golive-status", "Status: **grün**", sent=done % 2 == 0), "rm")
        else:
            store.apply(Note("eine Notiz über den Store"), "Anna Schmidt")
        seq += 1
    return store
