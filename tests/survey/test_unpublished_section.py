"""A collectivité with fewer than 5 respondents reads as one sentence and its peers' table: no
empty radar, no tables and lists of « pas assez de réponses » to scroll past."""

from __future__ import annotations

from django.test import Client

from barometre.survey.services import survey_campaign_close
from tests.survey.conftest import add_answers


def _section(page: str, code: str) -> str:
    return page.split(f'id="c-{code}"')[1].split("</section>")[0]


def test_an_unpublished_collectivite_shows_a_notice_and_its_peers_table(campaign) -> None:
    add_answers(campaign, "90001", 6)
    add_answers(campaign, "90002", 3)
    survey_campaign_close(name="essai")
    page = Client().get("/enquete/rapport/essai/").content.decode()
    few = _section(page, "90002")
    notice = "Moins de 5 répondants (de 0 à 4)\u00a0: aucun chiffre n'est publié pour Montclair"
    assert notice in few
    assert "Scores par axe" in few  # its bracket's peers and all respondents, to compare
    for absent in ('class="radar"', "Scores par rôle", "Les deux axes", "Écart entre"):
        assert absent not in few
    specs = page.split('id="barometre-chart-specs"')[1].split("</script>")[0]
    assert specs.count('"radar-') == 1  # Villebelle's radar only
    shown = _section(page, "90001")
    assert 'class="radar"' in shown and "Scores par rôle" in shown and "Moins de 5" not in shown


def test_the_commune_block_draws_no_empty_radar(campaign) -> None:
    add_answers(campaign, "90001", 3)
    survey_campaign_close(name="essai")
    block = Client().get("/commune/90001/").content.decode()
    block = block.split('<section class="survey-commune"')[1].split("</section>")[0]
    assert "moins de 5 répondants" in block and 'class="radar"' not in block
