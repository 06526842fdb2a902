"""The shares a reader sees are named alike on every page: « part du maximum atteignable »,
« Niveau 4 ou plus » with its definition, never « transactionnels »."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from barometre.referential.models import Campaign
from tests.caches import forget_computed
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
DEFINITION = (
    f"Niveau 4 ou plus{NBSP}: part des cellules applicables au niveau 4 ou plus, parmi celles "
    "des services qui peuvent l'atteindre (démarche menée jusqu'au bout en ligne)."
)
# « part du maximum » alone: the campaign page's figure is the share of the maximum a
# service can reach (« atteignable »), and every page names it so
SHORT_MAXIMUM = re.compile(r"[Pp]art du maximum(?! atteignable)")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    forget_computed()


def _text(client, view: str, **kwargs: str) -> str:
    body = client.get(reverse(view, kwargs=kwargs)).content.decode()
    # plain spaces collapsed, the no-break ones kept
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def _campaign() -> None:
    communes = [CommuneFactory(code=f"{84001 + i}", population=5000 - i) for i in range(2)]
    campaign = CampaignFactory(name="c", communes=communes)
    set_cells(
        campaign,
        {
            ("84001", "urbanisme"): 4,
            ("84002", "urbanisme"): 2,
            ("84001", "titres-identite"): 3,
            ("84002", "titres-identite"): 1,
        },
    )


def test_the_domain_page_names_its_level_4_column_as_the_ranking_does(client) -> None:
    """Its column was « Transactionnels », over the same cells as the ranking's « Niveau 4 ou
    plus » (a service's applicable cells at 4 or 5; « — » for a service that stops at 3)."""
    _campaign()
    service = Campaign.objects.get(name="c").catalogue.services.get(slug="urbanisme")
    text = _text(client, "web:domain", name="c", domain=service.domain)
    assert "Transactionnels" not in text and "transactionnels" not in text
    mean = f"Niveau moyen (0{NBSP}à{NBSP}5)"
    assert f"Service {mean} Part du maximum atteignable Niveau 4 ou plus" in text
    row = f"Autorisations d'urbanisme (permis, déclaration préalable) 3,00 75{NBSP}% 50{NBSP}%"
    assert row in text, text  # one of its two cells at 4
    assert DEFINITION in text
    assert f"part du maximum atteignable{NBSP}: " in text
    assert not SHORT_MAXIMUM.search(text), text


def test_a_service_page_names_its_share_at_level_4_as_the_campaign_page_does(client) -> None:
    """« transactionnels (niveau 4 ou plus) » on a service's page; the campaign page and the
    home page say « niveau 4 ou plus » and what it is: the procedure done entirely online."""
    _campaign()
    text = _text(client, "web:service", name="c", slug="urbanisme")
    assert "transactionnels" not in text
    said = f"niveau 4 ou plus (démarche menée jusqu'au bout en ligne){NBSP}: 50{NBSP}%."
    assert said in text, text


def test_every_page_names_the_share_of_the_maximum_as_the_campaign_page_does(client) -> None:
    """The campaign page's key figure is « part du maximum atteignable »; its table by bracket,
    the ranking and the domain pages said « part du maximum »."""
    _campaign()
    pages = {view: _text(client, view, name="c") for view in ("web:overview", "web:ranking")}
    assert "Part du maximum atteignable Cellules sans objet" in pages["web:overview"]
    headers = f"Niveau moyen (0{NBSP}à{NBSP}5) Part du maximum atteignable Niveau 4 ou plus"
    assert headers in pages["web:ranking"]
    assert {name: SHORT_MAXIMUM.findall(text) for name, text in pages.items()} == {
        "web:overview": [],
        "web:ranking": [],
    }
