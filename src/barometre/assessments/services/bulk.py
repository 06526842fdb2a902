"""Write a large batch of imported values fast and in constant memory.

Values arrive as a stream and are written in chunks: `COPY` on PostgreSQL (psycopg 3), batched
`INSERT` elsewhere. The cells then take the batch's values in two set-based statements, since an
imported value always takes its cell (SCALE.md precedence) and a batch holds one value per cell.
Callers validate first (`value_problem`) and run all of this in one transaction.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice

from django.db import connection

from barometre.assessments.models import Assessment, Cell, ImportBatch, Source
from barometre.assessments.services.record import NewValue

logger = logging.getLogger(__name__)

CHUNK = 5000
_COLUMNS = (
    "campaign_id",
    "commune_id",
    "service_id",
    "level",
    "not_applicable",
    "source",
    "evidence_url",
    "note",
    "provider",
    "confidence",
    "rationale",
    "evidence_record_id",
    "author",
    "created_at",
    "batch_id",
)


def batch_write(
    *, batch: ImportBatch, values: Iterable[NewValue], services: dict[str, int], now: datetime
) -> int:
    """Insert the batch's values (service slug -> id in `services`), then update the cells."""
    created_at = connection.ops.adapt_datetimefield_value(now)
    rows = (
        (
            batch.campaign_id,
            v.commune,
            services[v.service],
            v.level,
            v.not_applicable,
            Source.IMPORT.value,
            v.evidence_url,
            v.note,
            v.provider,
            None,
            "[]",
            None,
            batch.author,
            created_at,
            batch.pk,
        )
        for v in values
    )
    started = time.perf_counter()
    written = _copy(rows) if connection.vendor == "postgresql" else _insert(rows)
    logger.info("values written in %.1f s", time.perf_counter() - started)
    if connection.vendor == "postgresql":  # fresh statistics, or the planner assumes few rows
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Assessment._meta.db_table}, {Cell._meta.db_table}")
    started = time.perf_counter()
    _cells_take(batch)
    logger.info("cells updated in %.1f s", time.perf_counter() - started)
    return written


def _chunks(rows: Iterator[tuple[object, ...]]) -> Iterator[list[tuple[object, ...]]]:
    while chunk := list(islice(rows, CHUNK)):
        yield chunk


def _insert(rows: Iterator[tuple[object, ...]]) -> int:
    table = Assessment._meta.db_table
    marks = ", ".join(["%s"] * len(_COLUMNS))
    sql = f"INSERT INTO {table} ({', '.join(_COLUMNS)}) VALUES ({marks})"
    written = 0
    with connection.cursor() as cursor:
        for chunk in _chunks(rows):
            cursor.executemany(sql, chunk)
            written += len(chunk)
    return written


def _copy(rows: Iterator[tuple[object, ...]]) -> int:
    table = Assessment._meta.db_table
    written = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({', '.join(_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
    return written


def _cells_take(batch: ImportBatch) -> None:
    """Every value of the batch takes its cell: update the cells that exist, create the others."""
    cells, values = Cell._meta.db_table, Assessment._meta.db_table
    same_cell = (
        f"a.campaign_id = {cells}.campaign_id AND a.commune_id = {cells}.commune_id "
        f"AND a.service_id = {cells}.service_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {cells} SET level = a.level, not_applicable = a.not_applicable, "
            f"source = a.source, assessment_id = a.id FROM {values} AS a "
            f"WHERE a.batch_id = %s AND {same_cell}",
            [batch.pk],
        )
        cursor.execute(
            f"INSERT INTO {cells} "
            "(campaign_id, commune_id, service_id, level, not_applicable, source, assessment_id) "
            "SELECT a.campaign_id, a.commune_id, a.service_id, a.level, a.not_applicable, "
            f"a.source, a.id FROM {values} AS a WHERE a.batch_id = %s AND NOT EXISTS "
            f"(SELECT 1 FROM {cells} WHERE {same_cell})",
            [batch.pk],
        )
