"""Waiting for what happens on a timer (a poll, the background chain check) with a
deadline, not a fixed pause: a loaded CI machine may take several times longer than a
quiet one, and a fixed pause long enough for it would slow every run. The deadline only
bounds a failing test: generous, since the whole-chain check runs in a niced child process
that busy workers can starve for seconds (two xdist workers per core)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


async def until(pilot: Any, condition: Callable[[], bool], seconds: float = 60.0) -> bool:
    """Let the app run until `condition()` holds or `seconds` have passed; the condition's
    last value, so the caller asserts on it (a False names what never happened)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.05)
    return True
