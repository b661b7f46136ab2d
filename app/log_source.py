"""Rows for the log panel: one page of events from the store, in words, as literal Content."""

from __future__ import annotations

import contextlib
import datetime as _dt
import sqlite3
import weakref
from collections.abc import Iterator

from textual.content import Content

from golive.data.log.dbfile import DamagedFile, StoreError
from golive.data.log.events import DamagedEvent, Event
from golive.data.log.store import Store
from golive.data.outputs.describe import describe, t_relative, utc_instant
from golive.data.texts.catalogue import text
from golive.data.texts.user_text import one_line
from golive.data.time.formats import day_hm, day_hms_zone, plan_zone, zone_width
from golive.widgets.log_view import Rows


def _page(store: Store, first: int, count: int) -> Iterator[Event | DamagedFile]:
    """Events first … first+count-1; one that cannot be read (the file was changed behind
    golive's back) stands in the page as itself, and the page goes on after it."""
    seq, end = first, first + count
    while seq < end:
        try:
            for event in store.events(seq, end - seq):
                seq = event.seq + 1
                yield event
            return
        except DamagedFile as exc:
            yield exc
            seq = exc.seq + 1
        except sqlite3.Error:  # a row SQLite cannot hand over (text that is not UTF-8)
            yield from _one_by_one(store, seq, end)
            return


def _one_by_one(store: Store, seq: int, end: int) -> Iterator[Event | DamagedFile]:
    """The rest of a page a row at a time, so only the row SQLite failed on stands as
    damaged (it does not say which row its error is about)."""
    for one in range(seq, end):
        try:
            yield from store.events(one, 1)
        except DamagedFile as exc:
            yield exc
        except sqlite3.Error:
            yield DamagedFile(store.path, DamagedEvent(one, "damaged.not_utf8"))


def log_rows(store: Store, start: int, count: int, compact: bool = False) -> Rows:
    """Events start+1 … start+count (seq is 1-based) as one line each: local time, T-relative
    time, actor, what happened. Compact rows (a narrow log) keep the date and minute, a
    short actor and drop the T-relative time, so the message keeps most of the line."""
    plan = store.plan
    t0 = plan.t0
    rows = Rows()
    # every row pads seq to the width of the largest, so columns stay aligned past 9, 99…
    total = store.event_count()
    seq_width = len(str(total))
    zone = plan_zone(plan.timezone)
    page = list(_page(store, start + 1, count))
    width, t_width = (0, 0) if compact else _time_widths(store, page, total)
    rows.columns = (width, t_width)
    try:
        corrections = store.corrections()
    except StoreError:  # damaged behind golive's back: the cockpit says so; the rows stay
        corrections = {}
    for event in page:
        if isinstance(event, DamagedFile):
            rows.append(Content.assemble((f"{event.seq:>{seq_width}} ", "dim"),
                                         (text(plan.language, "log.damaged"), "bold")))
            continue
        fix = corrections.get(event.seq)
        mark = ("", "") if fix is None else (
            " " + text(plan.language, "export.corrected", seq=fix["seq"],
                       reason=one_line(fix.get("reason") or "")), "italic $warning")
        instant = utc_instant(event.at)
        # = pendulum's format("DD.MM. HH:mm:ss zz") / ("DD.MM. HH:mm") in the plan's zone,
        # at a third of the cost (tests/cockpit/test_log_rows.py); a page is formatted per write
        local = instant.astimezone(zone)
        seq = (f"{event.seq:>{seq_width}} ", "dim")
        message = one_line(describe(event, plan, mask_phones=False, short_times=True))
        if compact:
            rows.append(Content.assemble(
                seq, (day_hm(local), ""), " ",
                (short(event.actor, 10), "italic"), " ", message, mark))
            continue
        rows.append(Content.assemble(
            seq, (day_hms_zone(local).ljust(width), ""), " ",
            (t_relative(instant, t0).ljust(t_width), "bold"), " ",
            (short(event.actor, 12), "italic"), " ", message, mark,
        ))
    return rows


_FIRST: weakref.WeakKeyDictionary[Store, _dt.datetime] = weakref.WeakKeyDictionary()


def _time_widths(store: Store, page: list[Event | DamagedFile], total: int
                 ) -> tuple[int, int]:
    """The widths of the local time's column and the T column over the whole log (its
    first and last event, and this page's, should a rehearsal's clock have run
    backwards): as wide as the widest zone abbreviation (CET and CEST rows keep one T
    column) and the longest T-offset (T-22d 16:30:00 beside T-01:00:00 keeps one actor
    column), so a log all in CET within nine days of T-0 keeps its widths."""
    ends: list[Event | DamagedFile] = []
    for seq in ({total} if store in _FIRST else {1, total}) - {e.seq for e in page}:
        with contextlib.suppress(StoreError, sqlite3.Error):  # the page says it is damaged
            ends += store.events(seq, 1)
    events = [e for e in (*ends, *page) if isinstance(e, Event)]
    first = next((e for e in events if e.seq == 1), None)
    if first is not None:  # the first event never changes: read once per file
        _FIRST[store] = utc_instant(first.at)
    instants = [utc_instant(e.at) for e in events]
    if store in _FIRST:
        instants.append(_FIRST[store])
    if not instants:
        return 0, 13
    earliest, latest = min(instants), max(instants)
    t0 = store.plan.t0
    return (len("05.03. 17:45:02 ") + zone_width(store.plan.timezone, earliest, latest),
            max(13, len(t_relative(earliest, t0)), len(t_relative(latest, t0))))


def short(actor: str, width: int) -> str:
    """The actor in a column of `width` cells; a cut name says so with an ellipsis, so
    'deploy.sh' never reads as a different script."""
    name = one_line(actor)
    return (name if len(name) <= width else name[:width - 1] + "…").ljust(width)
