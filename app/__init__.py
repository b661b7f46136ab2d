"""golive: a full-screen terminal cockpit for go-live day."""

__version__ = "0.1.0"
