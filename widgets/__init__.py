"""golive.widgets: one widget per panel; each renders a Board snapshot and never writes."""
