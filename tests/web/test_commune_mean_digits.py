"""A commune's page and its PDF give its mean with the ranking's decimals, beside its rank:
Aville (17/8 = 2.125) and Bville (32/15 = 2.1333…) read « 2,13 » both, ranked 4th and 3rd,
while the ranking, the reports and the home page print « 2,125 » and « 2,133 »
(`separating_digits`: two communes of different rank never print the same figure)."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import pytest

from barometre.outputs.pdf.reports import commune_pdf_html
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.database

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
# services that can reach the levels given them (titres-identite and objets-trouves stop at 3)
AVILLE = {
    "actes-etat-civil": 4,
    "listes-electorales": 3,
    "titres-identite": 3,
    "inscription-scolaire": 5,
    "periscolaire": 2,
    "paiement-famille": 0,
    "petite-enfance": 0,
    "objets-trouves": 0,
}
BVILLE = [  # 15 services: two at 3, thirteen at 2
    "actes-etat-civil",
    "listes-electorales",
    "recensement-citoyen",
    "titres-identite",
    "inscription-scolaire",
    "periscolaire",
    "paiement-famille",
    "petite-enfance",
    "accueil-loisirs",
    "urbanisme",
    "domaine-public",
    "signalement",
    "stationnement-resident",
    "encombrants",
    "objets-trouves",
]


@pytest.fixture
def close(db) -> Campaign:  # type: ignore[no-untyped-def]
    communes = [
        CommuneFactory(code="90011", name="Aville", population=20_000),
        CommuneFactory(code="90012", name="Bville", population=3_000),
    ]
    campaign = CampaignFactory(name="proches", communes=communes)
    levels: dict[tuple[str, str], int | str] = {("90011", s): v for s, v in AVILLE.items()}
    levels.update({("90012", s): 3 if i < 2 else 2 for i, s in enumerate(BVILLE)})
    set_cells(campaign, levels)
    return campaign


def _tile(client, code: str) -> str:  # type: ignore[no-untyped-def]
    page = html.unescape(client.get(f"/commune/{code}/?campagne=proches").content.decode())
    found = re.search(r'<p class="figure-number">([^<]*)</p><p class="fr-tile__desc">', page)
    assert found is not None, page[:2000]
    return found.group(1)


def test_the_commune_page_prints_its_mean_as_the_ranking_does(client, close: Campaign) -> None:  # type: ignore[no-untyped-def]
    ranking = html.unescape(client.get("/campagne/proches/classement/").content.decode())
    assert "2,133" in ranking and "2,125" in ranking
    assert _tile(client, "90012") == "2,133"
    assert _tile(client, "90011") == "2,125"


def test_the_commune_pdf_prints_its_mean_as_the_ranking_does(close: Campaign) -> None:
    text = html.unescape(commune_pdf_html(campaign=close, code="90011", now=NOW))
    assert re.search(r">2,125</", text), text[:3000]
    assert ">2,13</" not in text
