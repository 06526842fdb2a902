"""A spent one-time link leaves nothing that ties it to the answers it let in.

The coordinator holds the links file (token → person it was sent to) and, in a collectivité
that hosts barometre, often the database too: hashing a token of that file finds its row. A row
that the answers' transaction had updated (`used = true`) carried, on PostgreSQL, that
transaction's id in its `xmin` system column, the very one of the answers' row: one query gave
a named person's answers. The token is now deleted when spent."""

from __future__ import annotations

import pytest
from django.db import connection

from barometre.core.errors import BarometreError
from barometre.survey.models import SurveyResponse, SurveyToken
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.services import (
    survey_answer_submit,
    survey_campaign_create,
    survey_campaign_open,
    survey_tokens_create,
)
from barometre.survey.services.answers import token_digest
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY

ANSWERS: dict[str, int | None] = dict.fromkeys(default_questionnaire().statement_ids, 3)


def _submit(campaign: object, token: str) -> SurveyResponse:
    return survey_answer_submit(
        campaign=campaign,  # type: ignore[arg-type]
        unit="90004",
        role="agent",
        answers=ANSWERS,
        today=TODAY,
        token=token,
    )


@pytest.mark.django_db(transaction=True)  # tokens and answers in transactions of their own
def test_a_spent_token_keeps_no_trace_that_ties_it_to_its_answers() -> None:
    CommuneFactory(code="90004", name="Discrète")
    survey_campaign_create(name="discrete", collectivites=["90004"], today=TODAY)
    campaign = survey_campaign_open(name="discrete")
    alice, bob = survey_tokens_create(campaign=campaign, count=2)
    response = _submit(campaign, alice)
    # what the links file and the database give: Alice's token's row is no more
    assert not SurveyToken.objects.filter(digest=token_digest(alice)).exists()
    assert SurveyToken.objects.filter(digest=token_digest(bob)).exists()  # not spent
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT xmin::text FROM survey_surveytoken")
            tokens = {row[0] for row in cursor.fetchall()}
            answers = "SELECT xmin::text FROM survey_surveyresponse WHERE id = %s"
            cursor.execute(answers, [response.pk])
            assert tokens.isdisjoint({row[0] for row in cursor.fetchall()})
    with pytest.raises(BarometreError, match="déjà servi"):
        _submit(campaign, alice)
    assert SurveyResponse.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_deletes_the_tokens_already_used() -> None:
    """A database of before keeps its used tokens' rows, and their link: the migration that
    drops the flag deletes them first; the unused ones stay, their links still work."""
    from datetime import date

    from django.db.migrations.executor import MigrationExecutor

    before, after = [("survey", "0002_imports")], [("survey", "0003_token_deleted_when_used")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    questionnaire = apps.get_model("survey", "Questionnaire").objects.create(
        version="0.1", name="q", sha256="0" * 64, raw=""
    )
    campaign = apps.get_model("survey", "SurveyCampaign").objects.create(
        name="avant", questionnaire=questionnaire, shared_key="k", created_on=date(2026, 1, 1)
    )
    token = apps.get_model("survey", "SurveyToken")
    token.objects.create(campaign=campaign, digest="a" * 64, used=True)
    token.objects.create(campaign=campaign, digest="b" * 64, used=False)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    kept = executor.loader.project_state(after).apps.get_model("survey", "SurveyToken")
    assert list(kept.objects.values_list("digest", flat=True)) == ["b" * 64]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
