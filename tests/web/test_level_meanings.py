"""What a level means is said where a level is read: the methodology's scale gives each level
what the resident can do online, a commune's cell says it beside its level, and the commune's
legend links to the scale (the pages gave the names, « interaction bidirectionnelle », and
nothing more)."""

from __future__ import annotations

import html
import re

import pytest

from barometre.outputs.labels import LEVEL_MEANINGS

pytestmark = pytest.mark.database

NBSP = "\u00a0"


def _text(response) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r"[ \t\n]+", " ", text)  # no-break spaces kept


def test_the_scale_says_what_each_level_means(client, site) -> None:
    page = _text(client.get("/campagne/apres/methodologie/"))
    assert "interaction bidirectionnelle — La demande se dépose en ligne" in page
    for meaning in LEVEL_MEANINGS.values():
        assert meaning in page
    assert "sans objet — la démarche n'existe pas dans la commune" in page


def test_a_commune_s_cell_says_what_its_level_means(client, site) -> None:
    response = client.get("/commune/35238/?campagne=apres")  # its cells are at level 2
    page = _text(response)
    assert f"2 · interaction à sens unique (maximum possible{NBSP}: 4). {LEVEL_MEANINGS[2]}" in page
    link = '<a href="/campagne/apres/methodologie/#echelle">Ce que veut dire chaque niveau</a>'
    assert link in response.content.decode()
