"""Numbers that enter the database: a proposal's confidence, a level, a rationale.

Every writer (audit proposals, reviews, imports) goes through `value_problem`: a NaN, an
infinity, a value out of range, a text or a boolean is refused in French and nothing is written
(PostgreSQL would store a NaN, which the API's JSON cannot carry).
"""

import pytest
from django.utils import timezone

from barometre.assessments.models import Assessment, Source
from barometre.assessments.services import (
    NewValue,
    assessments_record_auto,
    assessments_record_many,
)
from barometre.core.errors import BarometreError

NAN, INF = float("nan"), float("inf")
URL = "https://ville.test/urbanisme"


def proposal(**changes: object) -> NewValue:
    fields: dict = {"level": 2, "evidence_url": URL, "confidence": 0.8}
    return NewValue("75056", "urbanisme", **(fields | changes))


def refused(campaign, value: NewValue, source: str = Source.AUTO) -> str:
    with pytest.raises(BarometreError) as error:
        assessments_record_many(
            campaign=campaign, values=[value], source=source, author="t", now=timezone.now()
        )
    assert not Assessment.objects.exists()
    return str(error.value)


@pytest.mark.parametrize(
    ("confidence", "named"),
    [
        (NAN, "confiance nan hors de l'intervalle 0–1"),
        (INF, "confiance inf hors de l'intervalle 0–1"),
        (-INF, "confiance -inf hors de l'intervalle 0–1"),
        (1.7, "confiance 1.7 hors de l'intervalle 0–1"),
        (-0.2, "confiance -0.2 hors de l'intervalle 0–1"),
        (10**400, "confiance très grand entier hors de l'intervalle 0–1"),
        ("0,8", "confiance «\u00a0'0,8'\u00a0»\u00a0: un nombre de 0 à 1 est attendu"),
        ("", "confiance «\u00a0''\u00a0»\u00a0: un nombre de 0 à 1 est attendu"),
        (True, "confiance «\u00a0True\u00a0»\u00a0: un nombre de 0 à 1 est attendu"),
    ],
    ids=lambda v: repr(v)[:12],
)
def test_a_confidence_that_is_not_a_number_from_0_to_1_is_refused(
    campaign, confidence, named
) -> None:
    message = refused(campaign, proposal(confidence=confidence))
    assert "rien n'a été écrit" in message
    assert f"75056/urbanisme\u00a0: {named}" in message


@pytest.mark.parametrize("confidence", [None, 0, 0.0, 0.5, 1, 1.0])
def test_a_confidence_from_0_to_1_or_none_is_kept(campaign, confidence) -> None:
    assessments_record_auto(
        campaign=campaign, values=[proposal(confidence=confidence)], now=timezone.now()
    )
    assert Assessment.objects.get().confidence == confidence


@pytest.mark.parametrize(
    ("level", "named"),
    [
        (2.5, "niveau «\u00a02.5\u00a0»\u00a0: un entier de 0 à 5 est attendu"),
        (NAN, "niveau «\u00a0nan\u00a0»\u00a0: un entier de 0 à 5 est attendu"),
        (True, "niveau «\u00a0True\u00a0»\u00a0: un entier de 0 à 5 est attendu"),
        ("2", "niveau «\u00a0'2'\u00a0»\u00a0: un entier de 0 à 5 est attendu"),
        (-1, "niveau -1 hors de l'échelle 0–5"),
        (10**400, "niveau très grand entier hors de l'échelle 0–5"),
    ],
    ids=lambda v: repr(v)[:12],
)
def test_a_level_that_is_not_an_integer_of_the_scale_is_refused(campaign, level, named) -> None:
    message = refused(campaign, proposal(level=level, confidence=None), Source.HUMAN)
    assert f"75056/urbanisme\u00a0: {named}" in message


@pytest.mark.parametrize("number", [NAN, INF])
def test_a_rationale_that_is_not_strict_json_is_refused(campaign, number) -> None:
    """PostgreSQL's jsonb refuses NaN (a DataError mid-audit); SQLite would keep it."""
    rationale = [{"kind": "form", "strength": number}]
    message = refused(campaign, proposal(rationale=rationale))
    assert "explication (rationale) non enregistrable en JSON" in message
