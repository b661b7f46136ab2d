"""Where golive's own configuration lives (keymap, status channels); never created here."""

from __future__ import annotations

import os
from pathlib import Path


def config_path() -> Path:
    """$XDG_CONFIG_HOME/golive/config.toml (never created; read if present)."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(Path.home(), ".config")
    return Path(base) / "golive" / "config.toml"
