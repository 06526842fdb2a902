"""The survey's links as a respondent or a manager pastes them: the site's address, then a path.

`barometre survey tokens`, `campaign create` and `campaign open` all take `--base-url` with the
same default and the same check, so every link they print or write opens as it is. The file of
one-time links is written by one function (`links_csv`) for the command and the coordination
page alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from barometre.core.errors import BarometreError
from barometre.core.spreadsheet import spreadsheet_csv, spreadsheet_row

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


LINKS_HEADER = ("jeton", "lien")


def links_csv(links: Iterable[tuple[str, str]]) -> str:
    """The one-time links file, (token, link) rows under a « jeton;lien » header: semicolons
    and a UTF-8 byte-order mark, as the site's other CSV downloads, so that a French
    spreadsheet opens it in columns; a token starting with « - » (one in 64) is not read as a
    formula (`core.spreadsheet`)."""
    return spreadsheet_csv([LINKS_HEADER, *(spreadsheet_row(row) for row in links)])
