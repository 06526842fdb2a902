"""A NaN review rank stored before writes were checked (migration 0005 copied NaN confidences as
they were) sorted last in the review queue on PostgreSQL, which orders NaN above every number:
the least sure proposal came after every other (SQLite stored it as NULL). Migration 0008 makes
both 0, the most doubtful."""

from __future__ import annotations

import importlib
import math

import pytest
from django.apps import apps
from django.urls import reverse

from barometre.assessments.models import Cell

STEP = importlib.import_module("barometre.assessments.migrations.0008_review_rank_finite")


@pytest.mark.parametrize("number", [math.nan, math.inf], ids=repr)
def test_a_cell_ranked_by_a_non_finite_number_comes_first_in_the_queue(
    client, site, users, number
) -> None:
    doubtful = Cell.objects.exclude(pk=site.auto_cell.pk).get(
        campaign=site.after, source="auto"
    )  # proposed with confidence 0.8, then stored with a non-finite rank by an older version
    Cell.objects.filter(pk=doubtful.pk).update(review_rank=number)
    STEP.finite_review_rank(apps, None)
    assert Cell.objects.get(pk=doubtful.pk).review_rank == 0.0
    client.force_login(users["auditeur"])
    page = client.get(reverse("web:review-queue")).content.decode()
    first = page.index(reverse("web:review-cell", kwargs={"pk": doubtful.pk}))
    assert first < page.index(reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk}))
