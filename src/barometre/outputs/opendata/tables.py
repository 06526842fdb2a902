"""The open data tables, cells, scores, blind codings and communes: their rows (their Table
Schema is in `fields`).

Rows are tuples in the order of the schema's fields, read in chunks from the database for cells
(a national campaign is 629,442 cells), from the scored campaign for scores, and from the
campaign's blind double coding for codings (what measures the automatic proposals).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q

from barometre.assessments.blind_check import campaign_blind_codings
from barometre.assessments.models import Cell
from barometre.assessments.selectors import reviewed_proposals
from barometre.outputs.authors import author_kind, campaign_pseudonyms
from barometre.outputs.data import ReportData
from barometre.referential.models import Campaign, Commune
from barometre.scoring import GroupScore

Row = tuple[Any, ...]
CHUNK = 5000

# What the public reads for the origin of a value (the database says auto / human / import).
SOURCE_NAMES = {"auto": "auto", "human": "reviewed", "import": "imported"}


def coding_rows(campaign: Campaign) -> Iterator[Row]:
    """Every blind answer of the campaign, by commune, service and coder, with the automatic
    proposal it measures (assessments.blind_check.campaign_blind_codings)."""
    for c in campaign_blind_codings(campaign):
        yield (
            campaign.name,
            c.commune,
            c.service_slug,
            c.coder,
            c.level,
            c.not_applicable,
            c.coded_at,
            c.proposed_level,
            c.proposed_not_applicable,
            c.proposed_confidence,
        )


def commune_rows(campaign: Campaign) -> Iterator[Row]:
    """The campaign's communes, and any commune it has cells for (a commune taken out of the
    campaign keeps its cells), by code: every cell's commune is a row (the foreign key)."""
    communes = (
        Commune.objects.filter(Q(campaigns=campaign) | Q(cells__campaign=campaign))
        .distinct()
        .order_by("code")
        .values_list(
            "code",
            "name",
            "department_id",
            "region_id",
            "epci_id",
            "epci__name",
            "population",
            "bracket",
        )
    )
    for code, name, department, region, siren, epci, population, bracket in communes.iterator(
        chunk_size=CHUNK
    ):
        yield (campaign.name, code, name, department, region, siren, epci, population, bracket)


def archive_page(record_id: int | None) -> str:
    """The path of an archived page's viewer on the observatory (web/urls.py: web:evidence)."""
    return f"/preuve/{record_id}/" if record_id else ""


# commune, name, department, service, label, domain, maximum, level, not applicable (as
# read), then what cell_rows turns into the other columns
_CELL_COLUMNS = (
    "commune_id",
    "commune__name",
    "commune__department_id",
    "service__slug",
    "service__label",
    "service__domain",
    "service__max_level",
    "level",
    "not_applicable",
    "source",
    "assessment__evidence_url",
    "assessment__evidence_record__url",
    "assessment__evidence_record_id",
    "assessment__confidence",
    "assessment__author",
    "assessment__created_at",
    "service_id",
)


def cell_rows(campaign: Campaign) -> Iterator[Row]:
    """Every cell of the campaign, by commune code then service position."""
    rows = (
        Cell.objects.filter(campaign=campaign)
        .order_by("commune_id", "service__position", "service_id")
        .values_list(*_CELL_COLUMNS)
    )
    pseudonyms = campaign_pseudonyms(campaign.pk)  # never an auditor's user name
    proposals = reviewed_proposals(campaign)  # what each reviewed cell's auditor saw
    for row in rows.iterator(chunk_size=CHUNK):
        # commune, name, department, service, label, domain, maximum, level, not applicable:
        # as read
        *cell, source, url, archived, record, confidence, author, at, service = row
        proposed = proposals.get((cell[0], service), (None, None, None))
        yield (
            campaign.name,
            *cell,
            SOURCE_NAMES.get(source, source),
            url,
            archived or "",
            archive_page(record),
            confidence,
            pseudonyms.name(source, author),
            author_kind(source, author),
            at,
            *proposed,
        )


def score_rows(data: ReportData) -> Iterator[Row]:
    """Scores of the whole campaign, then per domain, service, bracket and commune (rank order,
    then the communes of the campaign with no measured cell: no figure, no rank)."""
    name, scores = data.campaign.name, data.scores
    yield _group(name, "all", "all", "Ensemble", scores.overall)
    for key, group in scores.by_domain.items():
        yield _group(name, "domain", key, data.domain_label(key), group)
    for key, group in scores.by_service.items():
        yield _group(name, "service", key, data.service_label(key), group)
    for key in data.bracket_order():
        label = data.bracket_labels.get(key, key)
        yield _group(name, "bracket", key, label, scores.by_bracket[key])
    for city in scores.by_city:
        yield (
            name,
            "commune",
            city.code,
            city.name,
            city.bracket,
            1,
            city.cells,
            city.not_applicable_cells,
            city.unmeasured_cells,
            city.mean_level,
            None,
            city.share_of_max,
            city.share_fully_online,
            city.share_transactional,
            city.rank,
        )
    services = len(data.grid.service_ids)
    for commune in data.scores.unmeasured_communes:
        figures = (None, None, None, None, None, None)
        yield (name, "commune", commune.code, commune.name, commune.bracket, 0, 0, 0, services,
               *figures)  # fmt: skip


def _group(name: str, scope: str, key: str, label: str, group: GroupScore) -> Row:
    return (
        name,
        scope,
        key,
        label,
        None,  # a group has no bracket: missing, as in every file, never an empty string
        group.communes,
        group.cells,
        group.not_applicable_cells,
        group.unmeasured_cells,
        group.mean_level,
        group.mean_of_city_means,
        group.share_of_max,
        group.share_fully_online,
        group.share_transactional,
        None,
    )
