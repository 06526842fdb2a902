"""History is kept; the value that counts is the latest human/imported one, else the latest auto."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from barometre.assessments.models import Assessment, Cell, Source
from barometre.assessments.services import (
    NewValue,
    assessment_record,
    assessments_record_auto,
    assessments_record_many,
)
from barometre.core.errors import BarometreError
from barometre.referential.models import Commune, Service


def cell(campaign, code="75056", slug="urbanisme") -> Cell:
    return Cell.objects.get(campaign=campaign, commune_id=code, service__slug=slug)


def auto(level: int, url: str = "https://ville.test/u") -> NewValue:
    return NewValue("75056", "urbanisme", level, evidence_url=url, confidence=0.8)


def human(campaign, now) -> None:
    """Alice reviews Paris's urbanisme at level 3."""
    assessment_record(
        campaign=campaign,
        commune=Commune.objects.get(code="75056"),
        service=Service.objects.get(catalogue=campaign.catalogue, slug="urbanisme"),
        level=3,
        source=Source.HUMAN,
        evidence_url="https://gnau.test/depot",
        note="dépôt en ligne vérifié",
        author="alice",
        now=now,
    )


def test_auto_then_human_then_auto_keeps_the_human_value(campaign) -> None:
    now = timezone.now()
    assessments_record_auto(campaign=campaign, values=[auto(2)], now=now)
    assert (cell(campaign).level, cell(campaign).source) == (2, Source.AUTO)
    human(campaign, now + timedelta(minutes=1))
    assessments_record_auto(campaign=campaign, values=[auto(4)], now=now + timedelta(minutes=2))
    assert (cell(campaign).level, cell(campaign).source) == (3, Source.HUMAN)
    history = list(
        Assessment.objects.filter(campaign=campaign).order_by("id").values_list("level", "source")
    )
    assert history == [(2, "auto"), (3, "human"), (4, "auto")]


def test_latest_auto_counts_when_no_human_value(campaign) -> None:
    now = timezone.now()
    assessments_record_auto(campaign=campaign, values=[auto(1)], now=now)
    assessments_record_auto(campaign=campaign, values=[auto(3)], now=now)
    assert cell(campaign).level == 3


def test_a_later_import_replaces_a_human_value(campaign) -> None:
    now = timezone.now()
    for source, level in ((Source.HUMAN, 2), (Source.IMPORT, 1)):
        assessments_record_many(
            campaign=campaign, values=[auto(level)], source=source, author="x", now=now
        )
    assert (cell(campaign).level, cell(campaign).source) == (1, Source.IMPORT)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (NewValue("75056", "urbanisme", 2), "preuve"),
        (NewValue("75056", "titres-identite", 4, evidence_url="https://a.test"), "maximum 3"),
        (NewValue("75056", "urbanisme", 6, evidence_url="https://a.test"), "0–5"),
        (NewValue("75056", "urbanisme", None), "manquant"),
        (NewValue("13055", "urbanisme", 0), "hors de la campagne"),
        (NewValue("75056", "creche", 0), "service inconnu"),
    ],
)
def test_invalid_values_write_nothing(campaign, value: NewValue, reason: str) -> None:
    with pytest.raises(BarometreError, match=reason):
        assessments_record_many(
            campaign=campaign,
            values=[auto(1), value],
            source=Source.HUMAN,
            author="x",
            now=timezone.now(),
        )
    assert not Assessment.objects.exists()


def test_database_refuses_a_level_without_evidence(campaign) -> None:
    service = Service.objects.get(catalogue=campaign.catalogue, slug="urbanisme")
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            campaign=campaign, commune_id="75056", service=service, level=2, source="human"
        )


def test_level_zero_and_not_applicable_need_no_evidence(campaign) -> None:
    assessments_record_many(
        campaign=campaign,
        values=[NewValue("75056", "urbanisme", 0), NewValue("69123", "urbanisme", None, True)],
        source=Source.IMPORT,
        author="x",
        now=timezone.now(),
    )
    assert cell(campaign).level == 0
    assert cell(campaign, "69123").not_applicable


def test_the_review_rank_follows_the_value_that_counts(campaign) -> None:
    now = timezone.now()
    assessments_record_auto(campaign=campaign, values=[auto(2)], now=now)
    assert cell(campaign).review_rank == 0.8  # the proposal's confidence
    bare = NewValue("75056", "urbanisme", 1, evidence_url="https://ville.test/u")
    assessments_record_auto(campaign=campaign, values=[bare], now=now + timedelta(minutes=1))
    assert cell(campaign).review_rank == 0.0  # no confidence: the least sure, reviewed first
    human(campaign, now + timedelta(minutes=2))
    assert cell(campaign).review_rank is None  # out of the queue


def test_the_migration_ranks_the_automatic_cells_already_recorded(campaign) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("barometre.assessments.migrations.0005_cell_review_rank")
    assessments_record_auto(campaign=campaign, values=[auto(2)], now=timezone.now())
    Cell.objects.update(review_rank=None)  # as before the migration
    migration.fill_review_rank(apps, None)
    assert cell(campaign).review_rank == 0.8
