"""A commune's page leads to its peers: its rank among the communes of its size, or of its
intercommunality, opens the ranking filtered on them (the figure « 1 / 4 » was a dead end for a
reader who wants to see the other three)."""

from __future__ import annotations

import html
import re

import pytest
from django.utils import timezone

from barometre.outputs.pdf.reports import commune_pdf_html
from barometre.referential.models import Campaign, Commune, Epci
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
    # with Brest: a commune alone ranked in its intercommunality has no rank there to open
    Commune.objects.filter(code__in=["35238", "29019"]).update(epci=epci)
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


def test_the_ranking_of_its_peers_gives_the_rank_its_page_gives(client, site) -> None:
    """Nantes's page says « 2 / 2 » among the communes of 200,000 inhabitants and more; the
    ranking it opens gave only the national rank, 3, and the reader who followed the link
    found another figure than the one he clicked. A filtered ranking gives both."""
    tiles = _tiles(client, "44109")
    assert '2<span class="fr-text--md">\u00a0sur\u00a02</span>' in tiles, tiles[:2000]
    ranking = html.unescape(
        client.get("/campagne/apres/classement/?tranche=ge200000").content.decode()
    )
    head = re.search(r"<thead><tr>(.*?)</tr></thead>", ranking, flags=re.S)
    assert head is not None
    assert re.findall(r"<th[^>]*>([^<]+)</th>", head.group(1))[:3] == [
        "Rang parmi ces communes",
        "Rang national",
        "Commune",
    ]
    row = next(r for r in ranking.split("<tr>") if ">Nantes</span></a>" in r)
    assert re.findall(r"<td>([^<]*)</td>", row)[:2] == ["2", "3"]
    assert "Rang parmi ces communes, comme sur la page de chacune, et rang national" in ranking


def test_the_national_ranking_has_one_rank(client, site) -> None:
    ranking = html.unescape(client.get("/campagne/apres/classement/").content.decode())
    assert "Rang parmi ces communes" not in ranking and "Rang national, avec ex aequo" in ranking


def test_the_csv_of_a_filtered_ranking_gives_both_ranks(client, site) -> None:
    response = client.get("/campagne/apres/classement/?tranche=ge200000&format=csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:3] == ["rang parmi ces communes", "rang national", "code"]
    assert next(line for line in lines if ";44109;" in line).split(";")[:3] == ["2", "3", "44109"]
    national = client.get("/campagne/apres/classement/?format=csv").content.decode("utf-8-sig")
    assert national.splitlines()[0].split(";")[:2] == ["rang", "code"]


def test_the_page_and_its_pdf_give_the_means_to_compare_with(client, site) -> None:
    """« 2 / 2 » said where Nantes stands among the communes of its size, not how far from
    them: the page and its PDF now give the campaign's mean and its bracket's beside its own,
    the figures of the campaign page (over the cells, each weighing the same)."""
    scores = client.get("/api/v1/scores?campaign=apres").json()["results"]
    means = {(s["scope"], s["key"]): s["mean_level"] for s in scores}
    campaign, bracket = means[("all", "all")], means[("bracket", "ge200000")]
    assert (round(campaign, 2), round(bracket, 2)) == (1.93, 1.88)
    page = html.unescape(client.get("/commune/44109/?campagne=apres").content.decode())
    said = re.search(r'<p class="fr-mb-3w" id="moyennes-de-comparaison">(.*?)</p>', page)
    assert said is not None
    assert said.group(1).startswith(
        "Pour comparer, niveau moyen sur\u00a05\u00a0: 1,93 dans l'ensemble de la campagne, 1,88 "
        "parmi les communes de 200\u00a0000 habitants et plus"
    ), said.group(1)
    pdf = html.unescape(
        commune_pdf_html(
            campaign=Campaign.objects.get(name="apres"), code="44109", now=timezone.now()
        )
    )
    assert "campagne\u00a0: 1,93\u00a0; tranche\u00a0: 1,88" in pdf
