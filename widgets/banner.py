"""The header line and the verdict banner: the most prominent thing on screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from golive.data.outputs.describe import golive_step_text
from golive.data.rules.board import Board
from golive.data.rules.phase import says_no_blockers
from golive.data.texts.catalogue import text
from golive.data.texts.symbols import SIGNED
from golive.data.texts.user_text import one_line
from golive.data.time.clock import format_countdown_minutes
from golive.data.time.formats import (
    day_hms_zone,
    hm_or_day_hm,
    weekday_day_hm_zone,
    weekday_dotted_date_hm_zone,
)
from golive.widgets.board_feed import follow
from golive.widgets.look import line

REHEARSAL_STYLE = "bold reverse $warning"
# the first blocker or a rollback's reason, cut to about two lines at 80 columns: a long
# reason filled the whole screen and left no panel (b lists every blocker in full)
BLOCKER_CELLS = 140


def rehearsal_mark(lang: str, rehearsal: bool) -> list[tuple[str, str] | str]:
    """The PROBE / REHEARSAL tag that leads the header and the banner of a rehearsal file,
    so nobody mistakes it for the real go-live."""
    return [(f" {text(lang, 'mode.rehearsal')} ", REHEARSAL_STYLE), " "] if rehearsal else []


class HeaderBar(Static):
    """Product, release, Zielbild, the database path and now in the plan's zone; a
    read-only view says so first, where no width cuts it off. Countdown and now to the
    minute: the countdown panel shows the seconds, and a line on row 0 that changed each
    second made every tick redraw the top rows of all panels (idle CPU, issue 24)."""

    def __init__(self, lang: str, db_path: str, rehearsal: bool = False, *,
                 read_only: bool = False, now_word: str = "header.now", **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.lang = lang
        self.db_path = db_path
        self.rehearsal = rehearsal
        self.read_only = read_only
        self.now_word = now_word  # "jetzt", or "Stand" over the board as it was
        self.set_class(read_only, "-read-only")
        self._shown: Content | None = None
        self._board: Board | None = None
        self._copy: tuple[str, bool] | None = None  # how fresh the copy is, and red or not

    def show_copy(self, copy: tuple[str, bool] | None) -> None:
        """The copy's freshness ("Kopie: 2 s alt"), red when alarming; None: no copy set up."""
        if copy != self._copy:
            self._copy = copy
            if self._board is not None:
                self.show(self._board)

    def on_mount(self) -> None:
        follow(self, "board", self.show)
        if hasattr(self.app, "copy_state"):  # the cockpit's app knows the copy off the node
            self.watch(self.app, "copy_state", self.show_copy)

    def on_resize(self) -> None:
        """The board may be shown before the first layout (at a guessed width): draw it
        again at the real one. One line of fixed height, so no layout pass."""
        if self._board is not None:
            self.show(self._board)

    def show(self, board: Board) -> None:
        self._board = board
        plan = board.plan
        now = weekday_dotted_date_hm_zone(board.now, self.lang)
        width = max(40, self.size.width - 2 if self.size.width else 118)
        # product, release, countdown and now always; the Zielbild and the file only where
        # they fit in full (the info view, key i, shows every fact of the plan)
        badge: list[tuple[str, str] | str] = [
            (f" {text(self.lang, 'header.readonly')} ", "bold reverse $warning"), "  "
        ] if self.read_only else []  # first, where no width cuts it off
        left: list[tuple[str, str] | str] = [
            *badge, (plan.product, "bold"), "  ", (plan.release, "bold $accent"), "  ",
            (format_countdown_minutes(board.seconds_to_t0), "bold")]
        # in a rehearsal the mark stands where "now" is named: the time shown is its clock
        mark = rehearsal_mark(self.lang, self.rehearsal)
        right = [*(mark or [(f"{text(self.lang, self.now_word)} ", "$text-muted")]), (now, "bold")]
        if self._copy is not None:  # before "now"; an alarm also where little else fits
            words, alarm = self._copy
            copy: list[tuple[str, str] | str] = [
                (f" {words} ", "bold reverse $error") if alarm else (words, "$text-muted"), "  "]
            fits = width - Content.assemble(*left, *copy, *right).cell_length - 2 >= 0
            right = [*copy, *right] if fits or alarm else right
            if not fits and alarm:
                left = left[:-2]  # the countdown gives way: the panel below shows it big
        room = width - Content.assemble(*left, *right).cell_length - 2
        if room < 0:  # a narrow terminal: now without the word and the year
            right = [*mark, (weekday_day_hm_zone(board.now, self.lang), "bold")]
            room = width - Content.assemble(*left, *right).cell_length - 2
        if room < 0 and badge:  # read-only and narrow: the release names it, not the product
            left = [*badge, *left[len(badge) + 2:]]
            room = width - Content.assemble(*left, *right).cell_length - 2
        for extra, style in ((one_line(plan.target), ""), (self.db_path, "$text-muted")):
            if len(extra) + 2 <= room:
                left += ["  ", (extra, style)]
                room -= len(extra) + 2
        content = line(left, right, width)
        if content != self._shown:
            # one line of fixed height (#header): a new text never needs a layout pass
            self.update(content, layout=False)
            self._shown = content


class VerdictBanner(Static):
    """GO-READY or NO-GO with the number of blockers and the first in words, and after a
    GO the go-live's phase in their place (GO, Deploy läuft, erfolgreich, zurückgerollt,
    GO überholt); a click (or `b`) lists the blockers."""

    @dataclass
    class Clicked(Message):
        pass

    def __init__(self, lang: str, rehearsal: bool = False, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.lang = lang
        self.rehearsal = rehearsal
        self._shown: Content | None = None

    def on_mount(self) -> None:
        follow(self, "board", self.show)

    def show(self, board: Board) -> bool:
        """The verdict line(s); True when the banner's height changed, which moves
        everything below it."""
        lang = self.lang
        parts: list[tuple[str, str] | str | Content] = [
            *rehearsal_mark(lang, self.rehearsal), (f" {board.verdict} ", "bold reverse")]
        if board.blockers:
            parts += ["  ", (text(lang, "banner.blockers", n=len(board.blockers)), "bold"),
                      " · ", Content(board.blockers[0].text).truncate(BLOCKER_CELLS, ellipsis=True)]
            if len(board.blockers) > 1:
                parts += ["  ", (f"({text(lang, 'banner.more')})", "$text-muted")]
        else:
            # after GO "Go möglich" would read as if it were still to be decided, and
            # "keine Blocker" beside a rollback as if a GO were still to come
            if board.phase == "prepared":
                parts += ["  ", text(lang, "banner.ready")]
            elif says_no_blockers(board.phase):
                parts += ["  ", text(lang, "banner.none")]
            if board.warnings:  # b lists them; at 80 columns the key line leaves b out
                parts += ["  ", (f"({text(lang, 'banner.warnings', n=len(board.warnings))})",
                                 "$text-muted")]
        if board.decision is not None:
            d = board.decision
            if board.golive is not None:  # short, to leave room for the go-live
                parts += ["\n", text(lang, "banner.decision.short", decision=d.decision.upper(),
                                   by=d.by, at=hm_or_day_hm(d.at, board.now))]
            else:
                parts += ["\n", text(lang, "banner.decision", decision=d.decision.upper(),
                                   by=d.by, at=day_hms_zone(d.at))]
            if d.signed and d.state != "superseded":  # signed with the decider's own key
                parts += [" ", (SIGNED, "bold $success")]
            if d.state == "superseded":
                parts += ["  ", (text(lang, "banner.superseded"), "bold reverse $error")]
        parts += self._golive(board)
        content = Content.assemble(*parts)
        # red while blocked, and also once a rollback was decided: green "GO-READY" would
        # read at a glance as a go-live that went well
        alarm = bool(board.blockers) or board.phase in ("rolling-back", "rolled-back")
        self.set_class(not alarm, "-ready")
        self.set_class(alarm, "-blocked")
        if content != self._shown:
            # a new text of as many lines repaints the banner without a layout pass
            width = self.content_region.width
            layout = (self._shown is None or not width
                      or len(content.wrap(width)) != len(self._shown.wrap(width)))
            self._shown = content
            self.update(content, layout=layout)
            return layout
        return False

    def _golive(self, board: Board) -> list[tuple[str, str] | str]:
        """After GO: the go-live's last step and when (the verdict already names the
        phase), so the banner never stops at "GO" while a deploy or rollback runs."""
        g = board.golive
        if g is None:
            return []
        parts: list[tuple[str, str] | str] = [" · " if board.decision else "\n"]
        last = max(g.steps, key=lambda s: s.seq, default=None)
        if last is None:
            return [*parts, (text(self.lang, "golive.phase.pending"), "$text-muted")]
        if last.step == "rollback":
            return [*parts, (text(self.lang, "golive.phase.rollback"), "bold reverse $error"),
                    ": ", text(self.lang, "banner.rollback", by=last.by,
                               at=hm_or_day_hm(last.at, board.now),
                               reason=Content(last.reason or "").truncate(
                                   BLOCKER_CELLS, ellipsis=True).plain)]
        style = {"success": "bold $success", "rollback-finished": "bold $error"}.get(
            last.step, "bold $warning")
        words = golive_step_text(board.plan, last.step)
        return [*parts, (words, style), f" {hm_or_day_hm(last.at, board.now)}"]

    def on_click(self) -> None:
        self.post_message(self.Clicked())
