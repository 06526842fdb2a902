"""The campaign's blind double coding read back: each blind answer against the automatic
proposal its coder did not see (how right detection is on the campaign's own pages), and the
answers themselves for the open data. Nothing here writes.

Every figure reads each coder's first answer (`first_answers`): a coder may change their answer
until the cell is settled (`services.coding_change`), but once they have answered they may see
the proposal, and the other coder's answer may have been said to differ, so a changed answer is
no longer blind. Reliability is measured on the independent codings, before any change or
reconciliation, as content analysis does; the answer as it stands decides the cell."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from barometre.assessments.models import Assessment, CodingAssignment, CodingChange, Source
from barometre.core.proportions import Share, share
from barometre.referential.models import Campaign
from barometre.scoring.agreement import quadratic_kappa

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


def first_answers(campaign: Campaign) -> dict[int, tuple[int | None, bool]]:
    """The first answer (level, not applicable) of each coding of the campaign its coder changed
    since, by coding id: the answer before its earliest change. A coding never changed is not
    in it (its stored answer is its first)."""
    first: dict[int, tuple[int | None, bool]] = {}
    for coding, level, moot in (
        CodingChange.objects.filter(coding__cell__campaign=campaign)
        .order_by("coding_id", "changed_at", "pk")
        .values_list("coding_id", "old_level", "old_not_applicable")
    ):
        first.setdefault(coding, (None if moot else level, moot))
    return first


def campaign_blind_codings(campaign: Campaign) -> list[BlindCoding]:
    """Every blind answer of the campaign, by commune, service and coder, each with the latest
    automatic proposal made before it (the one its auditor could have been shown and was not).
    The answer is the coder's first (`first_answers`), given blind."""
    answers = list(
        CodingAssignment.objects.filter(cell__campaign=campaign)
        .order_by("cell__commune_id", "cell__service__position", "cell_id", "assigned_at", "pk")
        .values_list(
            "pk",
            "cell_id",
            "cell__commune_id",
            "cell__service_id",
            "cell__service__slug",
            "level",
            "not_applicable",
            "coded_at",
        )
    )
    keys = {(c, s) for _, _, c, s, _, _, _, done in answers if done is not None}
    proposals = _auto_proposals(campaign, keys)
    first = first_answers(campaign)
    out: list[BlindCoding] = []
    order: dict[int, int] = {}
    for pk, cell, c, s, slug, level, na, coded_at in answers:
        coder = chr(ord("A") + order.get(cell, 0))
        order[cell] = order.get(cell, 0) + 1
        if coded_at is None:
            continue  # not answered yet
        level, na = first.get(pk, (level, na))
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


def _by_service(campaign: Campaign, per_service: dict[int, list[bool]]) -> tuple[ServiceCheck, ...]:
    """The share of exact proposals of each service with a blind answer, in catalogue order."""
    if not per_service:
        return ()
    services = (
        campaign.catalogue.services.filter(pk__in=per_service)
        .order_by("position", "pk")
        .values_list("pk", "slug", "label")
    )
    return tuple(
        ServiceCheck(slug, label, share(sum(per_service[pk]), len(per_service[pk])))
        for pk, slug, label in services
    )


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
    return BlindCheck(
        exact=share(sum(a == b for a, b, _ in pairs), len(pairs)),
        kappa=quadratic_kappa([(a, b) for a, b, _ in pairs]),
        confident=share(sum(a == b for a, b in confident), len(confident)),
        mean_confidence=sum(carried) / len(carried) if carried else None,
        with_confidence=len(carried),
        found=share(sum(found), len(found)),
        not_found=share(sum(not_found), len(not_found)),
        by_service=_by_service(campaign, per_service),
        not_applicable=not_applicable,
    )
