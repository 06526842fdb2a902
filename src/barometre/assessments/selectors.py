"""Reads of assessments for scoring and reports. Nothing here writes."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from django.db import connections
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Value
from django.db.models.functions import Coalesce

from barometre.assessments.models import Assessment, Cell, CodingAssignment, Source
from barometre.assessments.notes import ARBITRATION_NOTE
from barometre.outputs.data_labels import data_label
from barometre.referential.models import Campaign
from barometre.scoring import NA, UNMEASURED, Grid

_CHUNK = 50_000
_ROW = np.dtype([("code", "U5"), ("service", "i8"), ("value", "i1")])


def latest_proposal(cell: Cell) -> Assessment | None:
    """The cell's latest automatic proposal, if any."""
    return (
        Assessment.objects.filter(
            campaign_id=cell.campaign_id,
            commune_id=cell.commune_id,
            service_id=cell.service_id,
            source=Source.AUTO,
        )
        .order_by("-created_at", "-id")
        .first()
    )


def campaign_grid(campaign: Campaign) -> Grid:
    """The campaign as a scoring grid: its communes (largest first) x its catalogue's services.

    A (commune, service) with no recorded value is `UNMEASURED`, never 0: only a recorded 0 (a
    service looked for and not found) counts as 0. Cells of communes no longer in the campaign,
    or of services not in its catalogue, are left out.
    """
    services = list(
        campaign.catalogue.services.order_by("position", "pk").values_list(
            "pk", "slug", "label", "domain", "max_level"
        )
    )
    communes = list(
        campaign.communes.order_by("-population", "code").values_list("code", "name", "bracket")
    )
    levels = np.full((len(communes), len(services)), UNMEASURED, dtype=np.int8)
    cells = (
        Cell.objects.filter(campaign=campaign)
        .annotate(value=Coalesce("level", Value(NA), output_field=IntegerField()))
        .values_list("commune_id", "service_id", "value")
    )
    _fill(levels, _fetch(cells), [c[0] for c in communes], [s[0] for s in services])
    return Grid(
        campaign=campaign.name,
        codes=tuple(c[0] for c in communes),
        names=tuple(c[1] for c in communes),
        brackets=tuple(c[2] for c in communes),
        service_ids=tuple(s[1] for s in services),
        domains=tuple(s[3] for s in services),
        max_levels=np.array([s[4] for s in services], dtype=np.int8),
        levels=levels,
        # in the active language where the catalogue has them (French for the published outputs)
        service_labels=tuple(data_label(s[2]) for s in services),
        domain_labels={d: data_label(label) for d, label in campaign.catalogue.domains.items()},
    )


def campaign_evidence(
    campaign: Campaign, codes: Sequence[str]
) -> dict[tuple[str, str], tuple[str, str]]:
    """(commune code, service slug) -> (source, evidence URL) of the cells that count, for the
    communes `codes` (the reports show evidence for the cities they list)."""
    cells = Cell.objects.filter(campaign=campaign, commune_id__in=list(codes)).values_list(
        "commune_id", "service__slug", "source", "assessment__evidence_url"
    )
    return {(code, slug): (source, url) for code, slug, source, url in cells.iterator()}


@dataclass(frozen=True, slots=True)
class Origins:
    """Where a campaign's values come from: automatic proposals not yet reviewed, values an
    auditor reviewed, imported values (one count per cell, "not applicable" cells included);
    `arbitrated` is the part of `reviewed` decided by arbitrating a blind double coding (the
    cell's value says « Arbitrage du double codage »); `moot` is the part of each count that is
    « sans objet » (not a level), None when none is."""

    automatic: int = 0
    reviewed: int = 0
    imported: int = 0
    moot: Origins | None = None
    arbitrated: int = 0

    @property
    def total(self) -> int:
        return self.automatic + self.reviewed + self.imported

    @classmethod
    def of_sources(cls, sources: Iterable[str], moot: Iterable[str] = ()) -> Origins:
        """The counts of `sources` (one per cell), of which `moot` are the sources of the
        cells « sans objet »."""
        counts: dict[str, int] = {}
        for source in sources:
            counts[source] = counts.get(source, 0) + 1
        moot_counts: dict[str, int] = {}
        for source in moot:
            moot_counts[source] = moot_counts.get(source, 0) + 1
        return cls.of_counts(counts, moot_counts)

    @classmethod
    def of_cells(cls, cells: Iterable[Cell]) -> Origins:
        """The counts of `cells`, each read with its value (`assessment`, selected with it)."""
        counts: dict[str, int] = {}
        moot: dict[str, int] = {}
        for cell in cells:
            keys = [cell.source, ARBITRATED] if is_arbitrated(cell) else [cell.source]
            for key in keys:
                counts[key] = counts.get(key, 0) + 1
                if cell.not_applicable:
                    moot[key] = moot.get(key, 0) + 1
        return cls.of_counts(counts, moot)

    @classmethod
    def of_counts(cls, counts: dict[str, int], moot: dict[str, int] | None = None) -> Origins:
        # the values of Source.AUTO, Source.HUMAN and Source.IMPORT, and ARBITRATED
        return cls(
            automatic=counts.get("auto", 0),
            reviewed=counts.get("human", 0),
            imported=counts.get("import", 0),
            moot=cls.of_counts(moot) if moot and any(moot.values()) else None,
            arbitrated=counts.get(ARBITRATED, 0),
        )

    @property
    def levels(self) -> Origins:
        """The counts of the cells that hold a level (the « sans objet » left out)."""
        moot = self.moot or Origins()
        return Origins(
            automatic=self.automatic - moot.automatic,
            reviewed=self.reviewed - moot.reviewed,
            imported=self.imported - moot.imported,
            arbitrated=self.arbitrated - moot.arbitrated,
        )

    def as_json(self) -> dict[str, int]:
        """The counts of the cells that hold a level, then of the « sans objet » apart (the
        JSON report's and the API's `origins`), each reviewed count followed by its part decided
        by arbitrating the blind double coding (« dont M par arbitrage du double codage »)."""
        levels, moot = self.levels, self.moot or Origins()
        return {
            "automatic": levels.automatic,
            "reviewed": levels.reviewed,
            "reviewed_by_arbitration": levels.arbitrated,
            "imported": levels.imported,
            "automatic_not_applicable": moot.automatic,
            "reviewed_not_applicable": moot.reviewed,
            "reviewed_not_applicable_by_arbitration": moot.arbitrated,
            "imported_not_applicable": moot.imported,
        }

    @property
    def reviewed_share(self) -> float | None:
        """The share of the campaign's own measurements (automatic or reviewed) an auditor
        decided; None when it has none."""
        measured = self.automatic + self.reviewed
        return self.reviewed / measured if measured else None


# the key of Origins.of_counts that counts the reviewed cells decided by arbitration
ARBITRATED = "arbitrated"


def is_arbitrated(cell: Cell) -> bool:
    """Whether the cell's value was decided by arbitrating a blind double coding: its note
    opens with « Arbitrage du double codage. » (assessments.services.review), as its detail on
    the commune page says."""
    return cell.source == Source.HUMAN and cell.assessment.note.startswith(ARBITRATION_NOTE)


def campaign_origins(campaign: Campaign) -> Origins:
    """How many of the campaign's cells are automatic, reviewed (of them, arbitrated) and
    imported, and of them how many « sans objet » (two queries)."""
    rows = list(
        Cell.objects.filter(campaign=campaign)
        .order_by()
        .values_list("source", "not_applicable")
        .annotate(n=Count("pk"))
    )
    # the reviewed cells only are read with their value's note
    arbitrated = (
        Cell.objects.filter(
            campaign=campaign, source=Source.HUMAN, assessment__note__startswith=ARBITRATION_NOTE
        )
        .order_by()
        .values_list("not_applicable")
        .annotate(n=Count("pk"))
    )
    rows += [(ARBITRATED, not_applicable, n) for not_applicable, n in arbitrated]
    counts: dict[str, int] = {}
    moot: dict[str, int] = {}
    for source, not_applicable, n in rows:
        counts[source] = counts.get(source, 0) + n
        if not_applicable:
            moot[source] = n
    return Origins.of_counts(counts, moot)


def review_progress() -> dict[int, Origins]:
    """The origins of each campaign that holds automatic or reviewed levels, by campaign id
    (one query for every campaign)."""
    counts: dict[int, dict[str, int]] = {}
    rows = Cell.objects.order_by().values_list("campaign_id", "source").annotate(n=Count("pk"))
    for campaign_id, source, n in rows:
        counts.setdefault(campaign_id, {})[source] = n
    progress = {pk: Origins.of_counts(by_source) for pk, by_source in counts.items()}
    return {pk: o for pk, o in progress.items() if o.automatic or o.reviewed}


def _fetch(queryset: QuerySet[Cell, tuple[str, int, int]]) -> Iterator[list[tuple[str, int, int]]]:
    """Rows of a values_list queryset in chunks, straight from the cursor.

    Skips Django's per-row converters, which cost more than the rest of the grid building on
    629k cells; the three columns are plain text and integers that need no conversion.
    """
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(_CHUNK):
            yield chunk


def _fill(
    levels: npt.NDArray[np.int8],
    chunks: Iterator[list[tuple[str, int, int]]],
    codes: list[str],
    service_pks: list[int],
) -> None:
    """Write each fetched cell into `levels`, ignoring cells outside the campaign's grid.

    Vectorised: rows are parsed by numpy into a structured array, commune codes are found by
    binary search in the sorted codes, service primary keys through a lookup table.
    """
    if not codes or not service_pks:
        return
    code_array = np.array(codes, dtype=_ROW["code"])
    order = np.argsort(code_array)
    sorted_codes = code_array[order]
    column_of = np.full(max(service_pks, default=0) + 2, -1, dtype=np.int64)
    column_of[service_pks] = np.arange(len(service_pks))
    for chunk in chunks:
        cells = np.fromiter(chunk, dtype=_ROW, count=len(chunk))
        position = np.searchsorted(sorted_codes, cells["code"]).clip(0, max(len(codes) - 1, 0))
        known = (
            sorted_codes[position] == cells["code"] if len(codes) else np.zeros(len(chunk), bool)
        )
        pks = cells["service"].clip(0, column_of.size - 1)
        columns = column_of[pks]
        known &= (columns >= 0) & (cells["service"] == pks)
        levels[order[position[known]], columns[known]] = cells["value"][known]


def codings_held_inactive() -> list[tuple[str, int]]:
    """The accounts switched off that still hold unanswered blind codings, with how many (by
    user name): nobody answers them until `assessments codings-reassign` moves them."""
    return list(
        CodingAssignment.objects.filter(coded_at__isnull=True, auditor__is_active=False)
        .values_list("auditor__username")
        .annotate(held=Count("pk"))
        .order_by("auditor__username")
    )


def codings_awaited() -> list[tuple[str, int]]:
    """The active accounts that still hold unanswered blind codings, with how many (most
    first, then by user name): the coders a coordinator waits for."""
    return list(
        CodingAssignment.objects.filter(coded_at__isnull=True, auditor__is_active=True)
        .values_list("auditor__username")
        .annotate(held=Count("pk"))
        .order_by("-held", "auditor__username")
    )


# an automatic proposal as the open data gives it: level, not applicable, confidence
Proposal = tuple[int | None, bool, float | None]


def reviewed_proposals(
    campaign: Campaign, *, communes: Iterable[str] | None = None
) -> dict[tuple[str, int], Proposal]:
    """The automatic proposal each reviewed cell's auditor saw, by (commune, service id): the
    latest made before (or at) the decision, as the methodology's agreement pairs it (one made
    after, a crawl run again, had no part in it). A reviewed cell with no such proposal has
    none. `communes` restricts the cells read (one page of the API)."""
    reviewed = Cell.objects.filter(campaign=campaign, source=Source.HUMAN)
    if communes is not None:
        reviewed = reviewed.filter(commune_id__in=list(communes))
    decided = dict(
        ((c, s), at)
        for c, s, at in reviewed.values_list("commune_id", "service_id", "assessment__created_at")
    )
    if not decided:
        return {}
    here = reviewed.filter(commune_id=OuterRef("commune_id"), service_id=OuterRef("service_id"))
    proposals: dict[tuple[str, int], Proposal] = {}
    for c, s, level, na, confidence, made in (
        Assessment.objects.filter(campaign=campaign, source=Source.AUTO)
        .filter(Exists(here))
        .order_by("created_at", "id")
        .values_list(
            "commune_id", "service_id", "level", "not_applicable", "confidence", "created_at"
        )
    ):
        if confidence is not None and not math.isfinite(confidence):
            confidence = None  # a NaN or ±inf stored before writes were checked: none
        if made <= decided[(c, s)]:  # the latest proposal made by the decision wins
            proposals[(c, s)] = (level, na, confidence)
    return proposals
