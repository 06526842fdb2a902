"""The home page names the campaign it shows by a stated rule and words its share exactly: what is
counted (cells commune × service at level 4 or more) and over what (the measured ones that are
not « sans objet »), with the count and its n."""

from __future__ import annotations

import html
import re

import pytest
from django.utils import timezone

from barometre.referential.models import Campaign
from tests.caches import forget_computed
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    forget_computed()


def _text(response) -> str:
    """The page's words, tags removed, runs of plain spaces collapsed (no-break ones kept)."""
    body = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r"[ \t\r\n]+", " ", body)


def _two_campaigns_the_same_day() -> tuple[Campaign, Campaign]:
    """A grid of three communes, then a farm audit of one commune created after it and
    measured the same day (as the demonstration's demo-2026 and demo-audit)."""
    communes = [CommuneFactory(code=code) for code in ("44109", "35238", "29019")]
    grid = CampaignFactory(name="grille", communes=communes)
    farm = CampaignFactory(name="ferme", communes=communes[:1])
    slugs = list(grid.catalogue.services.order_by("position").values_list("slug", flat=True))
    levels: list[int | str] = [4, 4, 1, 2, "na", 0]
    set_cells(grid, {(c.code, slugs[i % 2]): levels[i] for i, c in enumerate(communes * 2)})
    set_cells(farm, {("44109", slugs[0]): 1})
    Campaign.objects.filter(pk__in=[grid.pk, farm.pk]).update(measured_on=timezone.localdate())
    return grid, farm


def test_the_latest_campaign_is_the_last_measured_and_the_broadest_that_day(client) -> None:
    """The farm audit, created after the grid and measured the same day, was « Dernière
    campagne »: among campaigns measured the same day the one over the most communes is shown,
    and the page says so."""
    _two_campaigns_the_same_day()
    text = _text(client.get("/"))
    assert f"Dernière campagne{NBSP}: grille" in text
    day = timezone.localdate()
    assert (
        f"La plus récente par date de mesure (le {day.day}" in text
        and f"{NBSP}; à date égale, celle qui porte sur le plus de communes." in text
    ), text


def test_an_earlier_measure_is_not_the_latest_however_broad(client) -> None:
    grid, farm = _two_campaigns_the_same_day()
    Campaign.objects.filter(pk=grid.pk).update(measured_on=timezone.localdate().replace(year=2020))
    assert f"Dernière campagne{NBSP}: ferme" in _text(client.get("/"))


def test_the_transactional_share_names_its_cells_and_counts_them(client) -> None:
    """« 40 % des services transactionnels » counted cells (commune × service), not services,
    and over the measured cells less the « sans objet »: 2 at level 4 out of 5."""
    _two_campaigns_the_same_day()
    text = _text(client.get("/"))
    assert "des services transactionnels" not in text
    assert (
        f"40{NBSP}% des cellules au niveau 4 ou plus (démarche menée jusqu'au bout en ligne)"
    ) in text, text
    assert (
        f"Niveau 4 ou plus{NBSP}: 2\u00a0sur\u00a05 cellules applicables "
        f"(hors «{NBSP}sans objet{NBSP}»)"
    ) in text, text


def test_the_transactional_share_leaves_out_the_services_that_cannot_reach_level_4(
    client,
) -> None:
    """An identity card needs the person at the counter: its maximum is 3 (catalogue), so a
    cell of it at its maximum is no missed transaction. It was counted in the n (« 2 sur 6 »,
    33 %); the share is over the services that can reach level 4, and says which it leaves
    out."""
    grid, _farm = _two_campaigns_the_same_day()
    set_cells(grid, {("44109", "titres-identite"): 3})
    text = _text(client.get("/"))
    assert (
        f"Niveau 4 ou plus{NBSP}: 2\u00a0sur\u00a05 cellules applicables "
        f"(hors «{NBSP}sans objet{NBSP}»), "
        f"hors 2 services du catalogue qui ne peuvent pas atteindre le niveau 4."
    ) in text, text


def test_scores_cached_under_earlier_definitions_are_not_served(client, monkeypatch) -> None:
    """The scores cache is kept per campaign state: after an upgrade that changes a figure's
    definition, the home page kept the share of the old one (and its classes, without the
    new field) until a value was recorded. The definitions' version is part of the state."""
    from barometre.outputs import published

    grid, _farm = _two_campaigns_the_same_day()
    before = published.campaign_state(grid)
    monkeypatch.setattr(published, "DEFINITIONS", published.DEFINITIONS + 1)
    assert published.campaign_state(grid) != before
