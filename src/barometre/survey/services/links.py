"""The survey's links as a respondent or a manager pastes them: the site's address, then a path.

`barometre survey tokens`, `campaign create` and `campaign open` all take `--base-url` with the
same default and the same check, so every link they print or write opens as it is.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from barometre.core.errors import BarometreError

SITE_DEFAULT = "http://localhost:8000"


def site_base(base_url: str, *, nothing_done: str) -> str:
    """The site's address without its final slash, or a French error ending with what was not
    done (`nothing_done`, « aucun jeton n'a été créé »)."""
    parts = urlsplit(base_url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(ord(c) < 33 or ord(c) == 127 for c in base_url)
    ):
        raise BarometreError(
            f"Adresse du site invalide « {base_url[:80]} » : une adresse http(s), par ex. "
            f"https://enquete.ville.fr ; {nothing_done}."
        )
    return base_url.rstrip("/")


def token_link(base: str, token: str) -> str:
    return f"{base}/enquete/j/{token}/"


def shared_link(base: str, key: str) -> str:
    return f"{base}/enquete/c/{key}/"


def coordination_link(base: str, key: str) -> str:
    return f"{base}/enquete/coordination/{key}/"
