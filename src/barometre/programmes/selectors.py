"""Reading programmes: what reports and the web pages show.

Election-level selectors take `demo`: real programmes by default, the demonstration's made-up
ones (`Programme.is_demo`) with `demo=True`, never the two together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet, Sum

from barometre.programmes.manifest import list_key
from barometre.programmes.models import Programme, ProgrammeSentence

__all__ = ["list_key"]  # re-exported: the reports and pages compare lists by it


@dataclass(frozen=True, slots=True)
class CountedProgramme:
    """The fields a statistic needs, for one programme that counts."""

    id: int
    commune_code: str
    bracket: str
    list_name: str
    round: int
    status: str
    mentions_digital: bool
    themes: tuple[str, ...]
    disruptive: bool


def one_per_list(rows: Iterable[CountedProgramme]) -> list[CountedProgramme]:
    """Keep one programme per (commune, list): the first round's when there are two. A list is
    known by its name whatever its capitals and spaces (« Lyon Citoyenne », « lyon  citoyenne »)."""
    kept: dict[tuple[str, str], CountedProgramme] = {}
    for row in rows:
        key = (row.commune_code, list_key(row.list_name))
        if key not in kept or row.round < kept[key].round:
            kept[key] = row
    return sorted(kept.values(), key=lambda r: r.id)


def election_programmes(election: int, *, demo: bool = False) -> list[CountedProgramme]:
    """Every programme of an election (any status), one per list."""
    rows = Programme.objects.filter(election=election, is_demo=demo).values_list(
        "id",
        "commune_id",
        "commune__bracket",
        "list_name",
        "round",
        "status",
        "mentions_digital",
        "themes",
        "disruptive",
    )
    return one_per_list(
        CountedProgramme(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(r[7]), r[8])
        for r in rows.iterator(chunk_size=5000)
    )


def elections(*, demo: bool = False) -> list[int]:
    """The elections that have at least one programme (real, or with `demo` made-up)."""
    # without the model's ordering, whose fields would make every list a distinct row
    years = Programme.objects.filter(is_demo=demo).order_by().values_list("election", flat=True)
    return sorted(years.distinct())


def earlier_elections(election: int, *, demo: bool) -> list[int]:
    """The elections before `election` with programmes of the same kind, latest first."""
    return sorted((year for year in elections(demo=demo) if year < election), reverse=True)


def theme_sentence_counts(programme_ids: list[int]) -> dict[str, int]:
    counts: dict[str, int] = {}
    disruptive = 0
    rows = ProgrammeSentence.objects.filter(programme_id__in=programme_ids).values_list(
        "themes", "disruptive"
    )
    total = 0
    for themes, is_disruptive in rows.iterator(chunk_size=5000):
        total += 1
        disruptive += bool(is_disruptive)
        for theme in themes:
            counts[theme] = counts.get(theme, 0) + 1
    counts["__all__"], counts["__disruptive__"] = total, disruptive
    return counts


def aspect_only_programmes(
    programme_ids: list[int], *, theme: str, sources: frozenset[str]
) -> set[int]:
    """Programmes whose every evidence sentence carries only `theme`, through cues in `sources`
    (the cues of one aspect, e.g. video-protection): those a share "without" the aspect drops."""
    mixed: set[int] = set()
    seen: set[int] = set()
    rows = ProgrammeSentence.objects.filter(programme_id__in=programme_ids).values_list(
        "programme_id", "themes", "evidence"
    )
    for programme_id, themes, evidence in rows.iterator(chunk_size=5000):
        if not themes:
            continue
        seen.add(programme_id)
        if list(themes) != [theme] or not set(evidence) <= sources:
            mixed.add(programme_id)
    return seen - mixed


def commune_programmes(
    *, election: int | None = None, commune: str | None = None, demo: bool | None = None
) -> QuerySet[Programme]:
    """Programmes with their commune and evidence sentences, for per-commune views: by commune
    (largest first), then election (latest first), round, won lists first, name. `demo`: only
    real (False) or made-up (True) programmes; None, both (a commune's page, each labelled)."""
    queryset = Programme.objects.select_related("commune").defer("text")
    if demo is not None:
        queryset = queryset.filter(is_demo=demo)
    if election is not None:
        queryset = queryset.filter(election=election)
    if commune is not None:
        queryset = queryset.filter(commune_id=commune)
    sentences = ProgrammeSentence.objects.order_by("index")
    return queryset.prefetch_related(Prefetch("sentences", queryset=sentences)).order_by(
        "-commune__population", "commune_id", "-election", "round", "-won", "list_name"
    )


def reading_span(
    election: int, *, demo: bool = False
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """When the election's programmes were read (first, last): the dates of their figures."""
    read = Programme.objects.filter(
        election=election, status=Programme.Status.OK, is_demo=demo
    ).aggregate(first=Min("read_at"), last=Max("read_at"))
    return read["first"], read["last"]


def reading_versions(election: int, *, demo: bool = False) -> tuple[str, ...]:
    """The versions of the themes file the election's programmes were read with (stored at each
    reading, `Programme.themes_version`), oldest name first; several when a reanalysis stopped
    half-way or programmes were imported under different files."""
    versions = (
        Programme.objects.filter(election=election, status=Programme.Status.OK, is_demo=demo)
        .exclude(themes_version="")
        .order_by()  # the model's ordering would make rows distinct by its fields too
        .values_list("themes_version", flat=True)
        .distinct()
    )
    return tuple(sorted(versions))


def programmes_state(election: int, *, demo: bool = False) -> str:
    """Changes whenever the election's programmes change in a way its figures and reports see:
    one imported, deleted, given a new text or read again (import, `reanalyse`: `read_at`), or
    given other metadata by a manifest imported again (the list that won, its head, source or
    date: `updated_at`). For the web pages' caches and the open data's version."""
    won = Q(won=True)
    read = Programme.objects.filter(election=election, is_demo=demo).aggregate(
        n=Count("id"),
        last=Max("id"),
        read=Max("read_at"),
        updated=Max("updated_at"),
        unread=Count("id", filter=Q(read_at__isnull=True)),
        elected=Count("id", filter=won),
        elected_ids=Sum("id", filter=won),
    )
    stamp = read["read"].isoformat() if read["read"] else "-"
    updated = read["updated"].isoformat() if read["updated"] else "-"
    return (
        f"{election}|{demo}|{read['n']}|{read['last']}|{stamp}|{read['unread']}"
        f"|{read['elected']}|{read['elected_ids']}|{updated}"
    )
