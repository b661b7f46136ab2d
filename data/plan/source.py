"""Where a plan comes from: the embedded default, a TOML file or a text, always read through
the strict reader (plan/reader.py) into the model (plan/model.py, which defines `Plan` and
`PlanError`)."""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from pathlib import Path

from golive.data.plan.model import OffsetOutOfRange, Plan, PlanError, PlanFileError
from golive.data.plan.reader import MAX_OFFSET_DAYS, PlanReader
from golive.data.time.clock import ClockError, parse_instant

DEFAULT_PLAN_NAME = "default_plan.toml"
# the embedded plan's zone (a test keeps them equal): the clock of a command that would
# create a file is made in it before the file is opened, without reading the whole plan
DEFAULT_TIMEZONE = "Europe/Berlin"
MAX_PLAN_BYTES = 1_000_000  # the plan is copied into every golive file


def default_plan_text() -> str:
    from importlib import resources  # with tempfile and random: not for a file's own plan

    return resources.files("golive.data.plan").joinpath(DEFAULT_PLAN_NAME).read_text("utf-8")


def load_default_plan() -> Plan:
    return parse_plan(default_plan_text(), "<default plan>")


def load_plan_file(path: str | Path) -> Plan:
    p = Path(path)
    try:
        with p.open("rb") as f:
            raw = f.read(MAX_PLAN_BYTES + 1)
    except OSError as exc:
        raise PlanFileError("plan.file.unreadable_plan", path=str(p),
                            why=exc.strerror or str(exc)) from None
    if len(raw) > MAX_PLAN_BYTES:
        raise PlanFileError("plan.file.too_big", path=str(p), mb=MAX_PLAN_BYTES // 1_000_000)
    try:
        text = raw.decode("utf-8-sig")  # an editor's byte order mark is not content
    except UnicodeDecodeError as exc:
        raise PlanFileError("plan.file.not_utf8", path=str(p), at=exc.start) from None
    return parse_plan(text, str(p))


_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_plan(text: str, name: str) -> Plan:
    if len(text.encode("utf-8", "surrogatepass")) > MAX_PLAN_BYTES:
        raise PlanFileError("plan.file.too_big", path=name, mb=MAX_PLAN_BYTES // 1_000_000)
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise PlanError(f"{name}: TOML nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_LINE.search(msg)
        where = f"{name}:{m.group(1)}" if m else name
        msg = _TOML_LINE.sub("", msg).strip().rstrip(".")
        raise PlanError(f"{where}: TOML syntax: {msg}") from None
    return PlanReader(text, name).plan(data)


def instant_at_offset(text: str, t0: _dt.datetime, zone: str) -> _dt.datetime:
    """`T-25h`, `-1d`, `T+1h30m`: an instant relative to T-0 (in the plan's `zone`) with
    the plan's offset rules."""
    return PlanReader(text, "offset").offset(text.strip().removeprefix("T"), text.strip(), t0,
                                             zone)


_OFFSET = re.compile(r"^T?[+-]")


def plan_instant(text: str, plan: Plan, option: str) -> _dt.datetime:
    """An instant as a release manager names it: an offset from T-0 (T-1h, T-1d, T+30m,
    the plan's offset rules) or an ISO instant (local time in the plan's zone without an
    offset). `option` names the flag in the one line a bad value gets."""
    raw = text.strip()
    if _OFFSET.match(raw) or raw[:2].lower() in ("t-", "t+"):  # T-1H, t-1h as typed in a hurry
        raw = "T" + raw.removeprefix("T").removeprefix("t").lower()
    if raw in ("T-0", "T+0", "T0", "t0"):
        return plan.t0
    if _OFFSET.match(raw):
        try:
            return instant_at_offset(raw, plan.t0, plan.timezone)
        except OffsetOutOfRange:
            raise ClockError("err.offset_range", option=option, raw=repr(text),
                             days=MAX_OFFSET_DAYS) from None
        except PlanError:
            raise ClockError("err.offset_or_instant", option=option, raw=repr(text)) from None
    try:
        return parse_instant(raw, plan.timezone)
    except ClockError as exc:
        if exc.key != "err.instant":  # an instant, but one the plan's zone cannot use
            raise
        raise ClockError("err.offset_or_instant", option=option, raw=repr(text)) from None
