"""A campaign name no campaign has, in a commune page's address, is a French 404 that says so
and leads back to the commune's page (it was a 200 page with the message in a callout)."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db


def test_an_unknown_campaign_is_a_french_404_with_the_way_back(client) -> None:
    commune = CommuneFactory(code="60001", name="Margny-test")
    campaign = CampaignFactory(name="mesuree", communes=[commune])
    slug = campaign.catalogue.services.order_by("position").values_list("slug", flat=True)[0]
    set_cells(campaign, {("60001", slug): 2})
    url = reverse("web:commune", kwargs={"code": "60001"})
    response = client.get(url, {"campagne": "nope"})
    assert response.status_code == 404
    page = html.unescape(response.content.decode())
    assert "<h1>Campagne inconnue</h1>" in page
    assert "Aucune campagne ne s'appelle «\u00a0nope\u00a0»." in page
    assert re.search(rf'<a class="fr-btn" href="{url}">Voir la page de Margny-test</a>', page)
    # a campaign that exists but does not measure the commune still answers its page
    CampaignFactory(name="ailleurs", communes=[CommuneFactory(code="60002")])
    assert client.get(url, {"campagne": "ailleurs"}).status_code == 200
    assert client.get(url, {"campagne": "mesuree"}).status_code == 200


def test_the_404_is_in_english_for_a_reader_who_chose_it(client) -> None:
    CommuneFactory(code="60003", name="Ville-test")
    url = reverse("web:commune", kwargs={"code": "60003"})
    client.post(reverse("set_language"), {"language": "en", "next": url})
    response = client.get(url, {"campagne": "nope"})
    assert response.status_code == 404
    page = html.unescape(response.content.decode())
    assert "<h1>Unknown campaign</h1>" in page and "No campaign is called “nope”." in page
    assert "See the page of Ville-test" in page
