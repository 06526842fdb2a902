"""Where a programme was published and when: its source address and publication date.

Pure checks shared by the manifest (a bad value refuses the row, in French) and the model's
validators. Both are optional: "" and None mean unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from django.utils import translation

from barometre.outputs.labels import date_label

MAX_URL = 500  # characters, the model field's length
EARLIEST_PUBLISHED = dt.date(1900, 1, 1)
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")  # ASCII digits only
_FRENCH = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")  # 15/02/2014, as spreadsheets write


def source_url_checked(raw: str) -> str:
    """The address, trimmed, when it is an http or https URL with a host; ValueError else."""
    url = raw.strip()
    if not url:
        return ""
    if len(url) > MAX_URL:
        raise ValueError(f"adresse source de {len(url)} caractères : {MAX_URL} au plus")
    if re.search(r"\s", url):
        raise ValueError(f"adresse source « {url[:80]} » invalide : elle contient une espace")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is None or parts.scheme.lower() not in {"http", "https"}:
        raise ValueError(
            f"adresse source « {url[:80]} » invalide : attendu une adresse http:// ou https://"
        )
    if not host:
        raise ValueError(f"adresse source « {url[:80]} » invalide : nom de site manquant")
    return parts.scheme.lower() + url[len(parts.scheme) :]


def published_on_checked(raw: str | dt.date | None, today: dt.date) -> dt.date | None:
    """The publication date (AAAA-MM-JJ or JJ/MM/AAAA), from 1900 to `today`; ValueError else."""
    day = raw if raw is None or isinstance(raw, dt.date) else _parsed(raw.strip())
    if day is not None:
        if day < EARLIEST_PUBLISHED:
            raise ValueError(f"date de publication {_french(day)} antérieure à 1900")
        if day > today:
            raise ValueError(f"date de publication {_french(day)} dans le futur")
    return day


def _french(day: dt.date) -> str:
    """ "1er janvier 2999", as the import report and the rest of the interface write a date
    (the refusals said "01/01/2999"), in French whatever the language of the request."""
    with translation.override("fr"):
        return date_label(day)


def _parsed(text: str) -> dt.date | None:
    if not text:
        return None
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
    elif match := _FRENCH.fullmatch(text):
        day, month, year = match.groups()
    else:
        raise ValueError(
            f"date de publication « {text[:40]} » invalide (AAAA-MM-JJ ou JJ/MM/AAAA, "
            "ex. 2014-02-15)"
        )
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"date de publication « {text[:40]} » inexistante") from None
