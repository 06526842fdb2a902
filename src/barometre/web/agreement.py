"""Agreement figures of a campaign for the methodology page (reads only).

Two comparisons, overall and per service: between the two blind codings of each double-coded
cell, and between the automatic proposal and the final human level of each reviewed cell. And
the automatic proposals measured by the blind codings (`blind_check`): the auditors of double
coding do not see the proposal, so each of their answers measures detection on the campaign's
own pages without anchoring, which a review (made with the proposal in view) does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from barometre.assessments.models import Assessment, Cell, CodingAssignment, Source
from barometre.detection.evaluation import wilson_interval
from barometre.referential.models import Campaign
from barometre.scoring.agreement import Agreement, agreement, quadratic_kappa

CONFIDENT = 0.8  # as in the validity of detection on real pages (validity.yaml: confident)


@dataclass(frozen=True, slots=True)
class AgreementRow:
    label: str
    auditors: Agreement
    automatic: Agreement


def _auditor_pairs(campaign: Campaign) -> dict[str, list[tuple[int, int]]]:
    answers: dict[int, list[tuple[str, int]]] = {}
    for cell_id, slug, level in CodingAssignment.objects.filter(
        cell__campaign=campaign, coded_at__isnull=False, not_applicable=False
    ).values_list("cell_id", "cell__service__slug", "level"):
        answers.setdefault(cell_id, []).append((slug, level))
    pairs: dict[str, list[tuple[int, int]]] = {}
    for found in answers.values():
        if len(found) >= 2:
            pairs.setdefault(found[0][0], []).append((found[0][1], found[1][1]))
    return pairs


def _automatic_pairs(campaign: Campaign) -> dict[str, list[tuple[int, int]]]:
    reviewed = Cell.objects.filter(campaign=campaign, source=Source.HUMAN, not_applicable=False)
    final = {
        (c, s): (slug, level)
        for c, s, slug, level in reviewed.values_list(
            "commune_id", "service_id", "service__slug", "level"
        )
    }
    proposals: dict[tuple[str, int], int] = {}
    if not final:
        return {}
    reviewed_here = reviewed.filter(
        commune_id=OuterRef("commune_id"), service_id=OuterRef("service_id")
    )
    for c, s, level in (
        Assessment.objects.filter(campaign=campaign, source=Source.AUTO, not_applicable=False)
        .filter(Exists(reviewed_here))
        .order_by("created_at", "id")
        .values_list("commune_id", "service_id", "level")
    ):
        proposals[(c, s)] = level  # the latest proposal wins
    pairs: dict[str, list[tuple[int, int]]] = {}
    for key, (slug, level) in final.items():
        if key in proposals:
            pairs.setdefault(slug, []).append((proposals[key], level))
    return pairs


def campaign_agreement(campaign: Campaign) -> list[AgreementRow]:
    """One row for the whole campaign, then one per service that has pairs."""
    auditors, automatic = _auditor_pairs(campaign), _automatic_pairs(campaign)
    labels = dict(campaign.catalogue.services.values_list("slug", "label"))
    rows = [
        AgreementRow(
            _("Ensemble des services"),
            agreement([p for v in auditors.values() for p in v]),
            agreement([p for v in automatic.values() for p in v]),
        )
    ]
    for slug in sorted(set(auditors) | set(automatic), key=lambda s: labels.get(s, s)):
        rows.append(
            AgreementRow(
                labels.get(slug, slug),
                agreement(auditors.get(slug, [])),
                agreement(automatic.get(slug, [])),
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class Share:
    right: int
    of: int

    @property
    def value(self) -> float | None:
        return self.right / self.of if self.of else None

    @property
    def low(self) -> float | None:
        return wilson_interval(self.right, self.of)[0] if self.of else None

    @property
    def high(self) -> float | None:
        return wilson_interval(self.right, self.of)[1] if self.of else None


@dataclass(frozen=True, slots=True)
class BlindCheck:
    """Each blind coding of a cell against the automatic proposal its auditor did not see."""

    exact: Share  # the proposed level is the coded one
    kappa: float | None  # quadratic weights
    confident: Share  # among proposals with a confidence of CONFIDENT or more
    mean_confidence: float | None  # of the proposals that carry one
    with_confidence: int  # how many do

    @property
    def codings(self) -> int:
        return self.exact.of


def blind_check(campaign: Campaign) -> BlindCheck:
    """The latest automatic proposal made before each blind answer (not-applicable answers and
    proposals left out: they are not on the scale), paired with that answer."""
    answers = list(
        CodingAssignment.objects.filter(
            cell__campaign=campaign,
            coded_at__isnull=False,
            not_applicable=False,
            level__isnull=False,
        ).values_list("cell__commune_id", "cell__service_id", "level", "coded_at")
    )
    keys = {(c, s) for c, s, _, _ in answers}
    proposals: dict[tuple[str, int], list[tuple[datetime, int, float | None]]] = {}
    if keys:
        for c, s, level, confidence, created in (
            Assessment.objects.filter(
                campaign=campaign,
                source=Source.AUTO,
                not_applicable=False,
                level__isnull=False,
                commune_id__in={c for c, _ in keys},
                service_id__in={s for _, s in keys},
            )
            .order_by("created_at", "id")
            .values_list("commune_id", "service_id", "level", "confidence", "created_at")
        ):
            if (c, s) in keys:
                proposals.setdefault((c, s), []).append((created, level, confidence))
    pairs: list[tuple[int, int, float | None]] = []
    for c, s, coded, coded_at in answers:
        before = [p for p in proposals.get((c, s), []) if p[0] <= coded_at]
        if before:
            _, level, confidence = before[-1]
            pairs.append((level, coded, confidence))
    confident = [(a, b) for a, b, conf in pairs if conf is not None and conf >= CONFIDENT]
    carried = [conf for _, _, conf in pairs if conf is not None]
    return BlindCheck(
        exact=Share(sum(a == b for a, b, _ in pairs), len(pairs)),
        kappa=quadratic_kappa([(a, b) for a, b, _ in pairs]),
        confident=Share(sum(a == b for a, b in confident), len(confident)),
        mean_confidence=sum(carried) / len(carried) if carried else None,
        with_confidence=len(carried),
    )
