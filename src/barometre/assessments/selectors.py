"""Reads of assessments for scoring and reports. Nothing here writes."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt
from django.db import connections
from django.db.models import Count, IntegerField, QuerySet, Value
from django.db.models.functions import Coalesce

from barometre.assessments.models import Assessment, Cell, CodingAssignment, Source
from barometre.core.proportions import Share, share
from barometre.outputs.data_labels import data_label
from barometre.referential.models import Campaign
from barometre.scoring import NA, UNMEASURED, Grid
from barometre.scoring.agreement import quadratic_kappa

_CHUNK = 50_000
_ROW = np.dtype([("code", "U5"), ("service", "i8"), ("value", "i1")])


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
    `moot` is the part of each count that is « sans objet » (not a level), None when none
    is."""

    automatic: int = 0
    reviewed: int = 0
    imported: int = 0
    moot: Origins | None = None

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
    def of_counts(cls, counts: dict[str, int], moot: dict[str, int] | None = None) -> Origins:
        # the values of Source.AUTO, Source.HUMAN and Source.IMPORT
        return cls(
            automatic=counts.get("auto", 0),
            reviewed=counts.get("human", 0),
            imported=counts.get("import", 0),
            moot=cls.of_counts(moot) if moot and any(moot.values()) else None,
        )

    @property
    def levels(self) -> Origins:
        """The counts of the cells that hold a level (the « sans objet » left out)."""
        moot = self.moot or Origins()
        return Origins(
            automatic=self.automatic - moot.automatic,
            reviewed=self.reviewed - moot.reviewed,
            imported=self.imported - moot.imported,
        )

    def as_json(self) -> dict[str, int]:
        """The counts of the cells that hold a level, then of the « sans objet » apart (the
        JSON report's and the API's `origins`)."""
        levels, moot = self.levels, self.moot or Origins()
        return {
            "automatic": levels.automatic,
            "reviewed": levels.reviewed,
            "imported": levels.imported,
            "automatic_not_applicable": moot.automatic,
            "reviewed_not_applicable": moot.reviewed,
            "imported_not_applicable": moot.imported,
        }

    @property
    def reviewed_share(self) -> float | None:
        """The share of the campaign's own measurements (automatic or reviewed) an auditor
        decided; None when it has none."""
        measured = self.automatic + self.reviewed
        return self.reviewed / measured if measured else None


def campaign_origins(campaign: Campaign) -> Origins:
    """How many of the campaign's cells are automatic, reviewed and imported, and of them how
    many « sans objet » (one query)."""
    rows = (
        Cell.objects.filter(campaign=campaign)
        .order_by()
        .values_list("source", "not_applicable")
        .annotate(n=Count("pk"))
    )
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


CONFIDENT = 0.8  # as in the validity of detection on real pages (validity.yaml: confident)


@dataclass(frozen=True, slots=True)
class ServiceCheck:
    """The blind codings of one service's cells against the proposals."""

    service: str  # slug
    label: str
    exact: Share

    def as_json(self) -> dict[str, str | float | int | None]:
        return {
            "service": self.service,
            "codings": self.exact.n,
            "exact": self.exact.share,
            "exact_low": self.exact.low,
            "exact_high": self.exact.high,
        }


@dataclass(frozen=True, slots=True)
class BlindCheck:
    """Each blind coding of a cell against the automatic proposal its auditor did not see."""

    exact: Share  # the proposed level is the coded one
    kappa: float | None  # quadratic weights
    confident: Share  # among proposals with a confidence of CONFIDENT or more
    mean_confidence: float | None  # of the proposals that carry one
    with_confidence: int  # how many do
    # the service found on the site (level 1 or more proposed): the proposed level is the coded one
    found: Share = share(0, 0)
    # the service not found (level 0 proposed: searched without result, or no website known):
    # the auditor codes 0 too
    not_found: Share = share(0, 0)
    by_service: tuple[ServiceCheck, ...] = ()  # in the catalogue's order, coded services only
    # answers « sans objet » to a proposal on the scale: left out of the figures above, each a
    # disagreement with the proposal, which the page says
    not_applicable: int = 0

    @property
    def codings(self) -> int:
        return self.exact.n

    def as_json(self) -> dict[str, object]:
        """The fields of the JSON report and the API (`detection_check`)."""
        return {
            "codings": self.codings,
            "exact": self.exact.share,
            "exact_low": self.exact.low,
            "exact_high": self.exact.high,
            "kappa": self.kappa,
            "mean_confidence": self.mean_confidence,
            "confident_codings": self.confident.n,
            "confident_exact": self.confident.share,
            "found_codings": self.found.n,
            "found_exact": self.found.share,
            "not_found_codings": self.not_found.n,
            "not_found_exact": self.not_found.share,
            # left out of the figures above, as on the methodology page, but counted: each is a
            # disagreement with a proposal that gave a level
            "not_applicable_codings": self.not_applicable,
            "by_service": [row.as_json() for row in self.by_service],
        }


@dataclass(frozen=True, slots=True)
class BlindCoding:
    """One blind answer, with the automatic proposal its auditor did not see."""

    commune: str
    service: int  # primary key
    service_slug: str
    coder: str  # "A", "B", ...: the cell's auditors in the order they were assigned (anonymous)
    level: int | None  # None when not applicable
    not_applicable: bool
    coded_at: datetime
    # the latest automatic proposal made before the answer (None without one)
    proposed_level: int | None
    proposed_not_applicable: bool | None
    proposed_confidence: float | None


# (commune, service) -> its automatic proposals: (created at, level, not applicable, confidence)
_Proposals = dict[tuple[str, int], list[tuple[datetime, int | None, bool, float | None]]]


def campaign_blind_codings(campaign: Campaign) -> list[BlindCoding]:
    """Every blind answer of the campaign, by commune, service and coder, each with the latest
    automatic proposal made before it (the one its auditor could have been shown and was not)."""
    answers = list(
        CodingAssignment.objects.filter(cell__campaign=campaign)
        .order_by("cell__commune_id", "cell__service__position", "cell_id", "assigned_at", "pk")
        .values_list(
            "cell_id",
            "cell__commune_id",
            "cell__service_id",
            "cell__service__slug",
            "level",
            "not_applicable",
            "coded_at",
        )
    )
    keys = {(c, s) for _, c, s, _, _, _, done in answers if done is not None}
    proposals = _auto_proposals(campaign, keys)
    out: list[BlindCoding] = []
    order: dict[int, int] = {}
    for cell, c, s, slug, level, na, coded_at in answers:
        coder = chr(ord("A") + order.get(cell, 0))
        order[cell] = order.get(cell, 0) + 1
        if coded_at is None:
            continue  # not answered yet
        before = [p for p in proposals.get((c, s), []) if p[0] <= coded_at]
        _, p_level, p_na, p_conf = before[-1] if before else (None, None, None, None)
        out.append(BlindCoding(c, s, slug, coder, level, na, coded_at, p_level, p_na, p_conf))
    return out


def _auto_proposals(campaign: Campaign, keys: set[tuple[str, int]]) -> _Proposals:
    """The automatic proposals of the campaign for each (commune, service) of `keys`, oldest
    first: (created at, level, not applicable, confidence)."""
    coded = CodingAssignment.objects.filter(cell__campaign=campaign, coded_at__isnull=False)
    proposals: _Proposals = {}
    if keys:
        for c, s, level, na, confidence, created in (
            Assessment.objects.filter(
                campaign=campaign,
                source=Source.AUTO,
                # subqueries, not lists: a large sample would pass SQLite's variable limit
                commune_id__in=coded.values("cell__commune_id"),
                service_id__in=coded.values("cell__service_id"),
            )
            .order_by("created_at", "id")
            .values_list(
                "commune_id", "service_id", "level", "not_applicable", "confidence", "created_at"
            )
        ):
            if (c, s) in keys:  # a NaN or ±inf stored before writes were checked: none
                if confidence is not None and not math.isfinite(confidence):
                    confidence = None
                proposals.setdefault((c, s), []).append((created, level, na, confidence))
    return proposals


def campaign_blind_check(campaign: Campaign) -> BlindCheck:
    """The automatic proposals measured by the campaign's blind codings: the auditors of double
    coding do not see the proposal, so each answer measures detection on the campaign's own
    pages without anchoring, which a review (made with the proposal in view) does not.

    The latest automatic proposal made before each blind answer (not-applicable answers and
    proposals left out: they are not on the scale), paired with that answer."""
    pairs: list[tuple[int, int, float | None]] = []
    per_service: dict[int, list[bool]] = {}
    not_applicable = 0
    for coding in campaign_blind_codings(campaign):
        if coding.proposed_level is None:
            continue  # no proposal on the scale before the answer
        if coding.level is None:  # not applicable: no level to compare, but counted
            not_applicable += 1
            continue
        level, coded = coding.proposed_level, coding.level
        pairs.append((level, coded, coding.proposed_confidence))
        per_service.setdefault(coding.service, []).append(level == coded)
    confident = [(a, b) for a, b, conf in pairs if conf is not None and conf >= CONFIDENT]
    carried = [conf for _, _, conf in pairs if conf is not None]
    found = [a == b for a, b, _ in pairs if a > 0]
    not_found = [a == b for a, b, _ in pairs if a == 0]
    services = (
        campaign.catalogue.services.filter(pk__in=per_service)
        .order_by("position", "pk")
        .values_list("pk", "slug", "label")
    )
    return BlindCheck(
        exact=share(sum(a == b for a, b, _ in pairs), len(pairs)),
        kappa=quadratic_kappa([(a, b) for a, b, _ in pairs]),
        confident=share(sum(a == b for a, b in confident), len(confident)),
        mean_confidence=sum(carried) / len(carried) if carried else None,
        with_confidence=len(carried),
        found=share(sum(found), len(found)),
        not_found=share(sum(not_found), len(not_found)),
        by_service=tuple(
            ServiceCheck(slug, label, share(sum(per_service[pk]), len(per_service[pk])))
            for pk, slug, label in services
        )
        if per_service
        else (),
        not_applicable=not_applicable,
    )
