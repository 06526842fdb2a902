"""A commune's page leads to its peers: its rank among the communes of its size, or of its
intercommunality, opens the ranking filtered on them (the figure « 1 / 4 » was a dead end for a
reader who wants to see the other three)."""

from __future__ import annotations

import html
import re

import pytest

from barometre.referential.models import Commune, Epci
from tests.factories import CommuneFactory

pytestmark = pytest.mark.database


def _tiles(client, code: str) -> str:
    page = html.unescape(client.get(f"/commune/{code}/?campagne=apres").content.decode())
    return page[page.index('class="fr-grid-row fr-grid-row--gutters fr-mb-3w"') :]


def test_the_rank_among_communes_of_its_size_opens_their_ranking(client, site) -> None:
    tiles = _tiles(client, "35238")  # Rennes, 225 000 inhabitants
    link = re.search(r'<a href="([^"]+)">parmi les communes de ([^<]+)</a>', tiles)
    assert link is not None, tiles[:2000]
    assert link.groups() == (
        "/campagne/apres/classement/?tranche=ge200000",
        "200\u00a0000 habitants et plus",
    )
    ranking = html.unescape(client.get(link.group(1)).content.decode())
    assert "Rennes" in ranking and "Brest" not in ranking  # Brest: 140 000 inhabitants


def test_the_rank_in_its_intercommunality_opens_their_ranking(client, site) -> None:
    epci = Epci.objects.create(siren="243500139", name="Rennes Métropole", kind="METRO")
    Commune.objects.filter(code="35238").update(epci=epci)
    tiles = _tiles(client, "35238")
    href = '/campagne/apres/classement/?epci=243500139">dans Rennes Métropole</a>'
    assert f'<a href="{href}' in tiles, tiles[:2000]


def test_the_intercommunality_of_a_commune_never_measured_is_no_dead_link(client, site) -> None:
    """With no campaign to rank it in, its name was a link to « # », which went nowhere."""
    epci = Epci.objects.create(siren="200000001", name="CC du Plateau", kind="CC")
    CommuneFactory(code="49176", name="Le Plateau", epci=epci)
    page = client.get("/commune/49176/").content.decode()
    assert "n'a encore été mesurée dans aucune campagne" in page
    assert "· CC du Plateau</p>" in page and 'href="#"' not in page
