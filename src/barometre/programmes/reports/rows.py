"""What a programme report reads of the programmes: the columns it prints or counts, never the
texts, and the evidence sentences as tuples in one query, already in the report's order.

A national election has thousands of programmes and about a hundred thousand sentences: as
model instances (each with its state, its commune and its prefetched sentences) they would take
a hundred megabytes and seconds to build, for a report that prints a dozen fields of each.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from barometre.core.typography import one_line
from barometre.programmes.models import Programme, ProgrammeSentence
from barometre.programmes.reports.model import EvidenceSentence

# the per-commune order of `selectors.commune_programmes`: largest commune first, then
# election (latest first), round, won lists first, name
ORDER = ("-commune__population", "commune_id", "-election", "round", "-won", "list_name")
COLUMNS = (
    "id",
    "commune_id",
    "commune__name",
    "commune__population",
    "commune__bracket",
    "election",
    "list_name",
    "head_of_list",
    "round",
    "won",
    "status",
    "problem",
    "mentions_digital",
    "themes",
    "disruptive",
    "is_demo",
    "source_url",
    "published_on",
    "source_name",
    "format",
    "page_count",
    "ocr",
)


@dataclass(frozen=True, slots=True)
class ReportProgramme:
    """A programme as the report reads it: the model's field names, its commune's name,
        population and bracket, its source and publication date, the document it was read in, its
    theme sentences (in their
        order, quoted on one line)."""

    id: int
    commune_id: str
    commune_name: str
    commune_population: int
    commune_bracket: str
    election: int
    list_name: str
    head_of_list: str
    round: int
    won: bool
    status: str
    problem: str
    mentions_digital: bool
    themes: tuple[str, ...]
    disruptive: bool
    is_demo: bool
    source_url: str  # where the list published it, "" when unknown
    published_on: date | None  # when it did, None when unknown
    # the document it was read in, as its page shows it: file name, format, PDF pages, OCR
    source_name: str
    format: str
    page_count: int | None
    ocr: bool
    sentences: tuple[EvidenceSentence, ...]


def report_programmes(
    *, election: int, commune: str | None = None, demo: bool = False
) -> list[ReportProgramme]:
    """The election's programmes (real ones, or with `demo` the made-up ones; one commune's
    with `commune`) in the report's order, with their sentences."""
    programmes = Programme.objects.filter(election=election, is_demo=demo)
    if commune is not None:
        programmes = programmes.filter(commune_id=commune)
    sentences = _sentences(programmes)
    return [
        ReportProgramme(*row[:13], tuple(row[13]), *row[14:], sentences.get(row[0], ()))
        for row in programmes.order_by(*ORDER).values_list(*COLUMNS)
    ]


def _sentences(programmes: QuerySet[Programme]) -> dict[int, tuple[EvidenceSentence, ...]]:
    """Each programme's evidence sentences by index, as the report prints them."""
    rows = (
        ProgrammeSentence.objects.filter(programme__in=programmes)
        .order_by("programme_id", "index")
        .values_list("programme_id", "index", "text", "themes", "disruptive")
        .iterator(chunk_size=5000)
    )
    return dict(_grouped(rows))


def _grouped(
    rows: Iterator[tuple[int, int, str, list[str], bool]],
) -> Iterator[tuple[int, tuple[EvidenceSentence, ...]]]:
    """(programme id, its sentences) from rows ordered by programme."""
    current: int | None = None
    group: list[EvidenceSentence] = []
    for programme_id, index, text, themes, disruptive in rows:
        if programme_id != current:
            if current is not None:
                yield current, tuple(group)
            current, group = programme_id, []
        group.append(EvidenceSentence(index, one_line(text), tuple(themes), disruptive))
    if current is not None:
        yield current, tuple(group)
