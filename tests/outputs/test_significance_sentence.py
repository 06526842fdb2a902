"""The sentence on the domains' significant changes, the same in the HTML report, the PDF and
the campaign page: never « aucun domaine n'évolue » when none could be tested, and a direction
taken from the communes' changes the test is run on, not from the cell-weighted mean."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import numpy as np
import pytest
from django.urls import reverse

from barometre.outputs.html_report import html_render
from barometre.outputs.pdf.reports import campaign_pdf_html
from barometre.outputs.published import published_report
from barometre.referential.models import Campaign
from barometre.scoring import domain_test
from tests.caches import forget_computed
from tests.factories import campaign_pair, set_cells

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, tzinfo=UTC)
FAMILY = ["inscription-scolaire", "periscolaire", "paiement-famille", "petite-enfance"]


def _text(body: str) -> str:
    # no-break spaces kept: str.split() would take them for spaces
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    forget_computed()


def _said(after: Campaign, client) -> list[str]:  # type: ignore[no-untyped-def]
    before = Campaign.objects.get(name="avant")
    page = client.get(reverse("web:overview", kwargs={"name": after.name})).content.decode()
    return [
        _text(html_render(published_report(campaign=after, reference=before, now=NOW))),
        _text(campaign_pdf_html(campaign=after, now=NOW)),
        _text(page),
    ]


def test_no_domain_tested_is_not_said_unchanged(client) -> None:  # type: ignore[no-untyped-def]
    # three communes, one changed: no domain has the 6 changed communes a test needs
    before, after, codes = campaign_pair(3)
    set_cells(before, {(c, s): 2 for c in codes for s in FAMILY})
    set_cells(after, {(c, s): 2 for c in codes for s in FAMILY} | {(codes[0], FAMILY[0]): 4})
    for text in _said(after, client):
        assert "n'évolue de façon significative" not in text
        assert (
            "Aucun domaine n'a pu être testé (Wilcoxon)\u00a0: dans chacun, moins de 6 "
            "communes ont changé de niveau moyen." in text
        )


def test_direction_of_the_test_not_of_the_cells() -> None:
    # 11 communes each gain 1 on one cell; one commune loses 3 on each of 5 cells: the cells'
    # mean falls (11 - 15 over 16 cells), the communes' signed ranks rise, significantly
    total_b = np.array([1.0] * 11 + [20.0])
    total_a = np.array([2.0] * 11 + [5.0])
    count = np.array([1.0] * 11 + [5.0])
    test = domain_test(total_b, total_a, count)
    assert total_a.sum() - total_b.sum() < 0
    assert test.p_value is not None and test.p_value < 0.05
    assert (test.direction, test.rose, test.fell) == (1, 11, 1)


def test_the_sentence_follows_the_test_s_direction(client) -> None:  # type: ignore[no-untyped-def]
    before, after, codes = campaign_pair(12)
    set_cells(before, {(c, s): 1 for c in codes[:11] for s in FAMILY})
    set_cells(after, {(c, s): 1 for c in codes[:11] for s in FAMILY[1:]})
    set_cells(after, {(c, FAMILY[0]): 2 for c in codes[:11]})
    set_cells(before, {(codes[11], s): 4 for s in FAMILY})
    set_cells(after, {(codes[11], s): 1 for s in FAMILY})
    for text in _said(after, client):
        assert (
            "Évolution significative (Wilcoxon, p\u00a0<\u00a00,05)\u00a0: Famille, école et "
            "petite enfance (en hausse\u00a0: 11 communes en hausse, 1 en baisse)." in text
        )
