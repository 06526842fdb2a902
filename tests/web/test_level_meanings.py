"""What a level means is said where a level is read: the methodology's scale gives each level
what the resident can do online, a commune's cell says it beside its level, and the commune's
legend links to the scale (the pages gave the names, « interaction bidirectionnelle », and
nothing more); so does the form where an auditor picks a level, blind or not."""

from __future__ import annotations

import html
import re

import pytest
from django.utils import timezone

from barometre.assessments.services.draw import codings_assign
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


def test_the_auditors_forms_carry_the_scale(client, site, users) -> None:
    """A blind coder chose among « 2 · interaction à sens unique », « 3 · interaction
    bidirectionnelle »… with no word of what each requires: the form unfolds the scale."""
    coder, coordinator = users["auditeur"], users["coordinateur"]
    mine = codings_assign(
        cells=[site.auto_cell], auditors=[coder, coordinator], size=1, seed=1, now=timezone.now()
    )
    coding = next(a for a in mine if a.auditor == coder)
    client.force_login(coder)
    blind = _text(client.get(f"/revue/double-codage/{coding.pk}/"))
    client.force_login(coordinator)
    other = next(c for c in site.after.cells.all() if c.pk != site.auto_cell.pk)
    review = _text(client.get(f"/revue/cellule/{other.pk}/"))
    for page in (blind, review):
        assert "Ce que veut dire chaque niveau" in page
        assert f"interaction bidirectionnelle — {LEVEL_MEANINGS[3]}" in page


def test_the_scale_holds_rendez_vous_whole(client, site) -> None:
    """At 320 px the level 3 meaning ended a line on « rendez- » and began the next with
    « vous, »: the word is held on one line (`held_hyphenated`), its text unchanged."""
    body = client.get("/campagne/apres/methodologie/").content.decode()
    assert '(formulaire, <span class="nowrap">rendez-vous,</span> téléservice)' in body
