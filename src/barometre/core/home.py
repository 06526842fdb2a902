"""Where barometre keeps its data: BAROMETRE_HOME, else ~/.local/share/barometre."""

from __future__ import annotations

import os
from pathlib import Path


def data_home() -> Path:
    """Return the data folder, creating it if needed."""
    raw = os.environ.get("BAROMETRE_HOME")
    home = Path(raw).expanduser() if raw else Path.home() / ".local" / "share" / "barometre"
    home.mkdir(parents=True, exist_ok=True)
    return home.resolve()
