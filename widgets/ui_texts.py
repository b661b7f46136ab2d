"""The cockpit's words now live in the one catalogue, golive.data.texts; this name stays
only for code written against it before."""

from golive.data.texts import text as ui

__all__ = ["ui"]
