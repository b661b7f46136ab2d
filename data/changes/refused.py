"""The one exception for a change that is not allowed.

Its own module so that what only reads (the cockpit's first frame, `golive status`) can
catch a refusal without loading every command: those load on the first write."""

from __future__ import annotations

from golive.data.texts.catalogue import Said


class Refused(Said, ValueError):
    """A change the plan or the current state does not allow; text(lang) is the one line to
    show (str() is English)."""
