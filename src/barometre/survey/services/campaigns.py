"""Create, open and close survey campaigns."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import date

from django.db import transaction

from barometre.core.errors import BarometreError, ValidationFailed
from barometre.referential.brackets import bracket_for
from barometre.referential.codes import commune_code_normalise
from barometre.referential.models import Commune, Epci
from barometre.survey.models import Questionnaire, SurveyCampaign, SurveyUnit
from barometre.survey.services.questionnaires import questionnaire_default_stored

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_COMMUNE = re.compile(r"^\d[\dAB]\d{3}$")
_SIREN = re.compile(r"^\d{9}$")
Status = SurveyCampaign.Status


def _unit_of(code: str) -> SurveyUnit | str:
    """An unsaved unit for a commune code or an EPCI SIREN, or the problem in French."""
    if _COMMUNE.match(code):
        commune = Commune.objects.filter(code=code).first()
        if commune is None:
            return f"code INSEE inconnu « {code} »"
        return SurveyUnit(
            kind=SurveyUnit.Kind.COMMUNE,
            code=code,
            name=commune.name,
            population=commune.population,
            bracket=commune.bracket,
        )
    if _SIREN.match(code):
        epci = Epci.objects.filter(siren=code).first()
        if epci is None:
            return f"SIREN d'intercommunalité inconnu « {code} »"
        return SurveyUnit(
            kind=SurveyUnit.Kind.EPCI,
            code=code,
            name=epci.name,
            population=epci.population,
            bracket=bracket_for(epci.population),
        )
    return f"« {code} » n'est ni un code INSEE de commune ni un SIREN d'intercommunalité"


@transaction.atomic
def survey_campaign_create(
    *,
    name: str,
    collectivites: list[str],
    today: date,
    questionnaire: str | None = None,
    is_demo: bool = False,
    coordinator_key: str = "",
) -> SurveyCampaign:
    """Create a campaign (in preparation) over one or several collectivités.

    `coordinator_key`, when given, opens the coordination page; only its hash is kept.
    """
    if not _NAME.match(name):
        raise BarometreError(
            f"Nom de campagne invalide « {name} » : "
            "lettres, chiffres, '.', '_' ou '-' (64 au plus)."
        )
    if SurveyCampaign.objects.filter(name=name).exists():
        raise BarometreError(f"La campagne d'enquête « {name} » existe déjà.")
    stored = _questionnaire_for(questionnaire)
    units = _units_of(collectivites)
    campaign = SurveyCampaign.objects.create(
        name=name,
        questionnaire=stored,
        shared_key=secrets.token_urlsafe(18),
        coordinator_digest=hashlib.sha256(coordinator_key.encode()).hexdigest()
        if coordinator_key
        else "",
        is_demo=is_demo,
        created_on=today,
    )
    for unit in units:
        unit.campaign = campaign
    SurveyUnit.objects.bulk_create(units)
    return campaign


def _questionnaire_for(version: str | None) -> Questionnaire:
    """The stored questionnaire of `version`, or the default one."""
    if version is None:
        return questionnaire_default_stored()
    found = Questionnaire.objects.filter(version=version).first()
    if found is None:
        raise BarometreError(
            f"Questionnaire « {version} » inconnu : chargez-le d'abord avec "
            "« barometre survey questionnaire load FICHIER »."
        )
    return found


def _units_of(collectivites: list[str]) -> list[SurveyUnit]:
    """The campaign's units (not saved yet), one per distinct code; refused all at once with
    every unknown code."""
    # "2a004" and a spreadsheet's "1004" are the codes 2A004 and 01004 (a SIREN is unchanged)
    codes = list(dict.fromkeys(commune_code_normalise(c) for c in collectivites if c.strip()))
    if not codes:
        raise BarometreError("Indiquez au moins une collectivité (code INSEE ou SIREN).")
    units = [_unit_of(code) for code in codes]
    problems = [u for u in units if isinstance(u, str)]
    if problems:
        raise ValidationFailed("Campagne refusée, rien n'a été créé", problems)
    return [u for u in units if isinstance(u, SurveyUnit)]


def survey_campaign_get(*, name: str) -> SurveyCampaign:
    """The survey campaign named `name`; unknown, the error lists those there are, so that a
    mistyped name is put right at once (as for a measurement campaign)."""
    campaign = SurveyCampaign.objects.select_related("questionnaire").filter(name=name).first()
    if campaign is None:
        known = ", ".join(SurveyCampaign.objects.order_by("name").values_list("name", flat=True))
        raise BarometreError(
            f"Campagne d'enquête inconnue : « {name} ». "
            f"Campagnes d'enquête existantes : {known or '(aucune)'}."
        )
    return campaign


def survey_campaign_open(*, name: str) -> SurveyCampaign:
    """Open a campaign in preparation; a closed campaign stays closed."""
    campaign = survey_campaign_get(name=name)
    if campaign.status == Status.CLOSED:
        raise BarometreError(f"La campagne « {name} » est close : elle ne peut pas rouvrir.")
    SurveyCampaign.objects.filter(pk=campaign.pk).update(status=Status.OPEN)
    campaign.status = Status.OPEN
    return campaign


def survey_campaign_close(*, name: str) -> SurveyCampaign:
    """Close an open campaign: from now on it accepts no answer. A campaign in preparation
    is refused (it must be opened first); closing a closed one changes nothing."""
    campaign = survey_campaign_get(name=name)
    if campaign.status == Status.CLOSED:
        return campaign
    if not campaign.can_close():
        raise BarometreError(
            f"La campagne « {name} » n'est pas encore ouverte : il n'y a rien à clore. "
            f"Ouvrez-la d'abord (« barometre survey campaign open {name} »)."
        )
    SurveyCampaign.objects.filter(pk=campaign.pk).update(status=Status.CLOSED)
    campaign.status = Status.CLOSED
    return campaign


def survey_campaign_for_coordinator(*, key: str) -> SurveyCampaign | None:
    """The campaign whose coordination key this is, or None."""
    if not key:
        return None
    digest = hashlib.sha256(key.encode()).hexdigest()
    return (
        SurveyCampaign.objects.select_related("questionnaire")
        .filter(coordinator_digest=digest)
        .first()
    )
