"""Access to the datasets shipped inside the package, with their content hash."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from collections.abc import Iterator
from datetime import datetime
from importlib import resources

from barometre.referential.models import DatasetLoad


def read_bytes(name: str) -> bytes:
    return resources.files("barometre.referential").joinpath(f"data/{name}").read_bytes()


def csv_rows(raw: bytes, *, gz: bool) -> Iterator[dict[str, str]]:
    text = (gzip.decompress(raw) if gz else raw).decode("utf-8")
    yield from csv.DictReader(io.StringIO(text))


def is_loaded(name: str, raw: bytes) -> bool:
    digest = hashlib.sha256(raw).hexdigest()
    return DatasetLoad.objects.filter(name=name, sha256=digest).exists()


def mark_loaded(name: str, raw: bytes, *, rows: int, now: datetime) -> None:
    DatasetLoad.objects.update_or_create(
        name=name,
        defaults={"sha256": hashlib.sha256(raw).hexdigest(), "rows": rows, "loaded_at": now},
    )


def referential_edit_mark(*, now: datetime) -> None:
    """Record that an administrator changed the referential by hand (a commune's name, a
    service's label, in the admin): the row `ADMIN_EDIT` of DatasetLoad, whose time
    `referential_version` reads, as it reads the time of every load."""
    DatasetLoad.objects.update_or_create(
        name=DatasetLoad.ADMIN_EDIT, defaults={"sha256": "", "rows": 0, "loaded_at": now}
    )
