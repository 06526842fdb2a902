"""Agreement figures of a campaign for the methodology page (reads only).

Two comparisons, overall and per service: between the two blind codings of each double-coded
cell, and between the automatic proposal and the final human level of each reviewed cell
(`campaign_blind_check`, in the assessments' selectors, sets the blind codings beside the
proposals).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from barometre.assessments.blind_check import BlindCheck
from barometre.assessments.coders import campaign_blind_pairs
from barometre.assessments.models import Assessment, Cell, Source
from barometre.assessments.services.review import BLIND_AUTHOR
from barometre.core.plural import counted
from barometre.outputs.labels import number, percent
from barometre.outputs.validity import Validity
from barometre.referential.models import Campaign
from barometre.scoring.agreement import Agreement, agreement


@dataclass(frozen=True, slots=True)
class AgreementRow:
    label: str
    auditors: Agreement
    automatic: Agreement


def _auditor_pairs(campaign: Campaign) -> dict[str, list[tuple[int, int]]]:
    pairs: dict[str, list[tuple[int, int]]] = {}
    for slug, (a, b) in campaign_blind_pairs(campaign).values():
        if a is not None and b is not None:
            pairs.setdefault(slug, []).append((a, b))
    return pairs


@dataclass(frozen=True, slots=True)
class MootPairs:
    """Blind pairs where a coder said « sans objet »: outside alpha and kappa, which compare
    levels, and counted apart so that the page says they exist."""

    pairs: int
    both: int  # both coders said « sans objet »

    @property
    def disagreements(self) -> int:
        return self.pairs - self.both


def moot_pairs(campaign: Campaign) -> MootPairs:
    said = [pair for _, pair in campaign_blind_pairs(campaign).values() if None in pair]
    return MootPairs(pairs=len(said), both=sum(pair == [None, None] for pair in said))


def _automatic_pairs(campaign: Campaign) -> dict[str, list[tuple[int, int]]]:
    """Each reviewed cell's automatic proposal against its final human level. The proposal is
    the one the auditor could see: the latest made before (or at) the human decision; one made
    after it (a crawl run again) had no part in the decision and is left out, and so is a
    cell whose proposal the auditor saw was « sans objet », off the 0-5 scale."""
    # a cell two agreeing blind answers settled is left out: neither coder saw the proposal
    # (their pair is in the blind figures)
    reviewed = Cell.objects.filter(
        campaign=campaign, source=Source.HUMAN, not_applicable=False
    ).exclude(assessment__author=BLIND_AUTHOR)
    final = {
        (c, s): (slug, level, decided)
        for c, s, slug, level, decided in reviewed.values_list(
            "commune_id", "service_id", "service__slug", "level", "assessment__created_at"
        )
    }
    if not final:
        return {}
    reviewed_here = reviewed.filter(
        commune_id=OuterRef("commune_id"), service_id=OuterRef("service_id")
    )
    proposals: dict[tuple[int, int], int | None] = {}
    for c, s, level, made in (
        Assessment.objects.filter(campaign=campaign, source=Source.AUTO)
        .filter(Exists(reviewed_here))
        .order_by("created_at", "id")
        .values_list("commune_id", "service_id", "level", "created_at")
    ):
        if made <= final[(c, s)][2]:
            proposals[(c, s)] = level  # the latest proposal made by the decision wins
    pairs: dict[str, list[tuple[int, int]]] = {}
    for key, (slug, level, _decided) in final.items():
        if proposals.get(key) is not None:
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


def proposal_reading(
    level: int | None, confidence: float | None, validity: Validity, blind: BlindCheck
) -> str:
    """What an automatic proposal's confidence has meant, for the auditor reviewing it: the
    share right in its confidence band on real pages no rule was written from, and the
    campaign's own blind codings of proposals of its kind (found or not found). French."""
    if level is None or confidence is None:
        return ""
    if level == 0:
        said = _(
            "Un service non trouvé porte une confiance fixe de 0,50 : aucun échantillon ne "
            "mesure l'absence d'un service sur tout un site."
        )
        check, kind = blind.not_found, _("confirme le niveau 0")
    else:
        band = validity.band_of(confidence)
        said = (
            _(
                "Sur des pages réelles qu'aucune règle n'a servi à écrire, les niveaux proposés "
                "avec une confiance %(band)s étaient justes dans %(share)s des cas (%(cells)s)."
            )
            % {
                "band": _band(band.low, band.high),
                "share": percent(band.right.value),
                "cells": counted(band.right.n, "cellule", "cellules"),
            }
            if band is not None
            else ""
        )
        check, kind = blind.found, _("retrouve le niveau proposé")
    if check.n and check.share is not None:
        said += " " + _(
            "Sur cette campagne, le double codage aveugle %(kind)s dans %(share)s des cas "
            "(%(answers)s)."
        ) % {
            "kind": kind,
            "share": percent(check.share),
            "answers": counted(check.n, "réponse", "réponses"),
        }
    return said.strip()


def _band(low: float, high: float) -> str:
    if low == 0:
        return _("inférieure à %(high)s") % {"high": number(high, 1)}
    if high == 1:
        return _("de %(low)s ou plus") % {"low": number(low, 1)}
    return _("de %(low)s à %(high)s") % {"low": number(low, 1), "high": number(high, 1)}
