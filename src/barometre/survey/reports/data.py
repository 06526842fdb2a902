"""Gather what a survey report shows, from published scores only."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from barometre.core.errors import BarometreError
from barometre.outputs.data_labels import data_label
from barometre.referential.brackets import BRACKET_LABELS
from barometre.survey.insights import Evolution, RoleGap, WeakAxis, evolution, role_gaps
from barometre.survey.insights import weakest_axes as weakest
from barometre.survey.models import SurveyCampaign, SurveyUnit
from barometre.survey.questionnaire import QuestionnaireSpec
from barometre.survey.reports.rounding import whole
from barometre.survey.scoring import (
    Group,
    Layout,
    SurveyScores,
    UnitScores,
    peer_units,
    peers_without,
    unit_scores_unanswered,
)
from barometre.survey.selectors import (
    survey_previous_campaign,
    survey_scores_of,
    unit_code,
    unit_key,
)
from barometre.survey.services.questionnaires import questionnaire_layout, questionnaire_spec

DEMO_LABEL = "Données de démonstration — pas une mesure réelle."
PROVISIONAL_LABEL = (
    "Rapport provisoire, à usage interne : la campagne est encore ouverte et ses chiffres "
    "changeront. Ne le diffusez pas : deux versions successives, comparées, révèlent les "
    "réponses d'une personne."
)
NOT_ENOUGH = "pas assez de réponses"
# The JSON's note on the peers when no other collectivité of the bracket publishes its figures:
# one with 1 to 4 respondents counts as one with none (as in every pool), so both read the same.
NO_PEER = "aucune autre collectivité de la tranche avec au moins 5 répondants"


def not_closed_message(campaign: SurveyCampaign) -> str:
    return (
        f"La campagne « {campaign.name} » n'est pas close : ses résultats ne sont publiés "
        "qu'à sa clôture (deux rapports d'une campagne ouverte, avant et après une réponse, "
        "révéleraient cette réponse par différence). Clôturez-la avec « barometre survey "
        f"campaign close {campaign.name} », ou ajoutez --provisoire pour un rapport provisoire "
        "à usage interne."
    )


@dataclass(frozen=True, slots=True)
class UnitReport:
    code: str
    name: str
    kind: str
    bracket: str
    scores: UnitScores
    peers: Group
    peer_count: int  # other collectivités of the bracket in the peers (each publishes)
    weakest: list[WeakAxis]
    gaps: list[RoleGap]
    previous: str | None  # name of the earlier campaign compared with
    evolution: Evolution | None
    # its questionnaire's version: another version may word or count the statements otherwise
    previous_version: str | None = None

    @property
    def bracket_label(self) -> str:
        """The bracket's label in the active language (French in the published reports)."""
        return data_label(BRACKET_LABELS.get(self.bracket, self.bracket))


@dataclass(frozen=True, slots=True)
class SurveyReport:
    campaign: SurveyCampaign
    spec: QuestionnaireSpec
    units: list[UnitReport]
    everyone: Group
    generated_on: date
    provisional: bool = False  # an open campaign's internal report, marked as such
    # for one collectivité's block (survey_commune_latest): a later closed campaign of it whose
    # respondents were too few to publish, when this report shows an earlier one instead
    later_too_few: str = ""
    # one collectivité's report (`survey_report_of_unit`): its part of the campaign's report
    single: bool = False

    @property
    def is_demo(self) -> bool:
        return self.campaign.is_demo


class _ScoreCache:
    """Scores per questionnaire version, computed once for a whole report run."""

    def __init__(self) -> None:
        self._scores: dict[tuple[int, bool, int | None], SurveyScores] = {}

    def of(self, campaign: SurveyCampaign) -> SurveyScores:
        closed = campaign.status == SurveyCampaign.Status.CLOSED
        provisional = None if closed else campaign.pk
        key = (campaign.questionnaire_id, campaign.is_demo, provisional)
        if key not in self._scores:
            self._scores[key] = survey_scores_of(
                questionnaire=campaign.questionnaire,
                is_demo=campaign.is_demo,
                provisional=provisional,
            )
        return self._scores[key]


def survey_report_data(
    *,
    campaign: SurveyCampaign,
    today: date,
    cache: _ScoreCache | None = None,
    provisional: bool = False,
) -> SurveyReport:
    """What the report of a closed campaign shows.

    A campaign not yet closed is refused unless `provisional` (an internal report, marked so):
    its figures change with every answer, and two versions would give an answer by difference.
    """
    is_closed = campaign.status == SurveyCampaign.Status.CLOSED
    if not is_closed and not provisional:
        raise BarometreError(not_closed_message(campaign))
    cache = cache or _ScoreCache()
    scores = cache.of(campaign)
    spec = questionnaire_spec(campaign.questionnaire)
    layout = questionnaire_layout(spec)
    units = [_unit_report(campaign, unit, scores, layout, cache) for unit in campaign.units.all()]
    return SurveyReport(campaign, spec, units, scores.everyone, today, not is_closed)


def _unit_report(
    campaign: SurveyCampaign,
    unit: SurveyUnit,
    scores: SurveyScores,
    layout: Layout,
    cache: _ScoreCache,
) -> UnitReport:
    """One collectivité's part of the report: its scores, its peers', its weakest axes and
    role gaps, and its change since its previous campaign."""
    key = unit_key(campaign.pk, unit.code)
    # a collectivité without answers is listed as any with too few (MIN_GROUP): "not enough
    # answers" for both, so that no report tells 1 to 4 respondents from none
    unit_scores = scores.units.get(key) or unit_scores_unanswered(key, unit.bracket, layout)
    previous = survey_previous_campaign(campaign=campaign, code=unit.code)
    itself = {k for k in scores.pool if unit_code(k) == unit.code}  # in any campaign
    change = None
    if previous is not None:
        before = cache.of(previous).units.get(unit_key(previous.pk, unit.code))
        change = evolution(before.total, unit_scores.total) if before else None
    return UnitReport(
        code=unit.code,
        name=unit.name,
        kind=unit.kind,
        bracket=unit.bracket,
        scores=unit_scores,
        peers=peers_without(scores, bracket=unit.bracket, excluded=itself, layout=layout),
        peer_count=len(peer_units(scores, bracket=unit.bracket, excluded=itself)),
        weakest=weakest(unit_scores, layout, printed=whole),  # below as printed
        gaps=role_gaps(unit_scores, layout),
        previous=previous.name if previous and change else None,
        evolution=change,
        previous_version=previous.questionnaire.version if previous and change else None,
    )


def survey_report_of_unit(report: SurveyReport, code: str) -> SurveyReport:
    """The campaign's report restricted to one collectivité, for its managers to show their
    council: its own part of the whole report, the same figures (the anonymity rule already
    applied by `scoring`, so nothing is published here that the whole report does not).

    An unknown code, or one outside the campaign, is a French error."""
    units = [u for u in report.units if u.code == code]
    if not units:
        raise BarometreError(
            f"La collectivité «\u00a0{code}\u00a0» n'est pas interrogée par la campagne "
            f"«\u00a0{report.campaign.name}\u00a0»."
        )
    return replace(report, units=units, single=True)


def score_cache() -> _ScoreCache:
    return _ScoreCache()


def survey_commune_latest(
    *, code: str, today: date, include_demo: bool = False
) -> SurveyReport | None:
    """The report of the latest closed campaign that surveyed one collectivité, restricted to it
    (for its web page): a newer campaign with too few respondents to publish (under MIN_GROUP,
    none included) does not hide an earlier one that has enough: the latest campaign with
    enough is shown, its report naming the later one (`later_too_few`). With none that has
    enough, the latest is shown (it says « moins de 5 répondants »). A campaign without answers
    from it is treated as one with too few, so that the page never tells 1 to 4 respondents
    from none.

    Demonstration campaigns are left out unless `include_demo` (the page of a demonstration
    campaign shows the demonstration survey, labelled as such).
    """
    campaigns = SurveyCampaign.objects.select_related("questionnaire").filter(
        units__code=code, status=SurveyCampaign.Status.CLOSED
    )
    if not include_demo:
        campaigns = campaigns.filter(is_demo=False)
    ordered = list(campaigns.distinct().order_by("-created_on", "-pk"))
    if not ordered:
        return None
    cache = _ScoreCache()
    shown = next(
        (c for c in ordered if _published(cache, c, code)), ordered[0]
    )  # the latest that publishes, else the latest
    report = survey_report_data(campaign=shown, today=today, cache=cache)
    units = [u for u in report.units if u.code == code]
    if not units:
        return None
    later = ordered[0].name if shown != ordered[0] else ""
    return SurveyReport(
        report.campaign, report.spec, units, report.everyone, today, later_too_few=later
    )


def _published(cache: _ScoreCache, campaign: SurveyCampaign, code: str) -> bool:
    """Whether the collectivité's figures in the campaign are published (enough respondents)."""
    unit = cache.of(campaign).units.get(unit_key(campaign.pk, code))
    return unit is not None and unit.total.published
