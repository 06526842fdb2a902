"""Where barometre keeps its data: BAROMETRE_HOME, else ~/.local/share/barometre."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from barometre.core.environment import env_text
from barometre.core.files import os_reason


def data_home() -> Path:
    """Return the data folder, creating it if needed.

    A folder that cannot be made (the path names a file, a read-only place) is refused with a
    French reason, as the settings refuse any other unusable environment."""
    raw = env_text("BAROMETRE_HOME", "")  # empty counts as unset
    home = Path(raw).expanduser() if raw else Path.home() / ".local" / "share" / "barometre"
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        given = "BAROMETRE_HOME ou --home" if raw else "dossier par défaut"
        raise ImproperlyConfigured(
            f"Dossier de données « {home} » ({given}) inutilisable : {os_reason(error)}."
        ) from None
    return home.resolve()
