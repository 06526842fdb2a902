"""Agreement between the two blind coders of each double-coded cell of a campaign, read back
for the reports (the methodology page shows the same figures, overall and per service).
Nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass

from barometre.assessments.blind_check import first_answers
from barometre.assessments.models import CodingAssignment
from barometre.referential.models import Campaign
from barometre.scoring.agreement import Agreement, agreement


def campaign_blind_pairs(campaign: Campaign) -> dict[int, tuple[str, list[int | None]]]:
    """Each double-coded cell's service and its two blind answers (None: « sans objet »), the
    coders taken in the order they were assigned (A then B, as in codages.csv). Both the
    figures and the pairs « sans objet » read the same two answers of each cell:
    each coder's first, given blind (`blind_check.first_answers`: a changed answer is no longer
    blind)."""
    first = first_answers(campaign)
    answers: dict[int, tuple[str, list[int | None]]] = {}
    for pk, cell_id, slug, level, moot in (
        CodingAssignment.objects.filter(cell__campaign=campaign, coded_at__isnull=False)
        .order_by("cell_id", "assigned_at", "pk")
        .values_list("pk", "cell_id", "cell__service__slug", "level", "not_applicable")
    ):
        level, moot = first.get(pk, (level, moot))
        answers.setdefault(cell_id, (slug, []))[1].append(None if moot else level)
    return {cell: (slug, found[:2]) for cell, (slug, found) in answers.items() if len(found) >= 2}


@dataclass(frozen=True, slots=True)
class CodersAgreement:
    """The two blind answers of each cell against each other: the figures over the pairs of
    levels (`agreement`), and the pairs where a coder said « sans objet », outside them
    (`moot`, of which `moot_both` where both did)."""

    agreement: Agreement
    moot: int = 0
    moot_both: int = 0

    def as_json(self) -> dict[str, int | float | None]:
        """The fields of the JSON report (`double_coding`)."""
        found = self.agreement
        return {
            "pairs": found.pairs,
            "identical": found.identical,
            "share_identical": found.share_identical,
            "alpha": found.alpha,
            "kappa": found.kappa,
            "not_applicable_pairs": self.moot,
            "not_applicable_both": self.moot_both,
        }


def campaign_coders_agreement(campaign: Campaign) -> CodersAgreement:
    """The campaign's blind pairs, every service together (the methodology page's « Ensemble des
    services » row)."""
    pairs = list(campaign_blind_pairs(campaign).values())
    levels = [(a, b) for _slug, (a, b) in pairs if a is not None and b is not None]
    moot = [pair for _slug, pair in pairs if None in pair]
    return CodersAgreement(
        agreement=agreement(levels),
        moot=len(moot),
        moot_both=sum(pair == [None, None] for pair in moot),
    )
