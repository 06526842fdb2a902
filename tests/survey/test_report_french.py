"""What the report said wrongly or unclearly, found by reading it as its readers do.

- « Rapport PDF de Angers », « Rapport de Angers seule », « Radar des six axes de Angers »:
  French elides « de » before a vowel (« d'Angers ») and contracts it with a name's article
  (« du Mans »).
- « moyenne des réponses notées (0 = pas du tout vrai, 4 = tout à fait vrai) » under « Scores de
  0 à 100 »: the 0–4 scale is nowhere on the form, and how 4 becomes 100 was left to guess.
- « Les affirmations qui tirent l'axe vers le bas » listed, under « Gouvernance (44) », a
  statement at 44 (43.9 in an axis at 44.4): as printed, it pulled nothing down. They are the
  lowest-scored statements of the axis, which is what the report now says.
"""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.utils import translation

from barometre.core.plural import of_name
from barometre.survey.models import SurveyCampaign
from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from tests.factories import CommuneFactory
from tests.survey.conftest import SPEC, TODAY, add_answers


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Angers", "d'Angers"),
        ("Évry-Courcouronnes", "d'Évry-Courcouronnes"),
        ("Yerres", "d'Yerres"),
        ("Le Mans", "du Mans"),
        ("Les Abymes", "des Abymes"),
        ("La Rochelle", "de La Rochelle"),
        ("L'Haÿ-les-Roses", "de L'Haÿ-les-Roses"),
        ("Lyon", "de Lyon"),
        ("Haguenau", "de Haguenau"),
    ],
)
def test_de_before_a_collectivite_s_name_is_written_as_french_writes_it(
    name: str, written: str
) -> None:
    with translation.override("fr"):
        assert of_name(name) == written
    with translation.override("en"):
        assert of_name(name) == f"of {name}"


@pytest.fixture
def angers(db: None) -> SurveyCampaign:
    """Angers, 6 respondents (every statement at 3); Lyon, of another bracket, none."""
    CommuneFactory(code="49007", name="Angers", population=155_000)
    CommuneFactory(code="69123", name="Lyon", population=520_000)
    campaign = survey_campaign_create(name="essai", collectivites=["49007", "69123"], today=TODAY)
    survey_campaign_open(name="essai")
    add_answers(campaign, "49007", 6)
    return survey_campaign_close(name="essai")


def _text(path: str, client: Client | None = None) -> str:
    return html.unescape((client or Client()).get(path).content.decode())


def test_a_name_starting_with_a_vowel_is_elided_in_the_report(angers) -> None:
    unit = _text("/enquete/rapport/essai/c/49007/")
    assert "Rapport PDF d'Angers" in unit and "Rapport PDF de Angers" not in unit
    assert "aria-label=\"Radar des six axes d'Angers" in unit
    whole = _text("/enquete/rapport/essai/")
    assert "Rapport d'Angers seule, à imprimer" in whole and "de Angers" not in whole
    lyon = _text("/enquete/rapport/essai/c/69123/")
    assert "Les résultats de Lyon ne sont pas publiés" in lyon
    client = Client()
    client.cookies["barometre_langue"] = "en"
    english = _text("/enquete/rapport/essai/c/49007/", client)
    assert "PDF report of Angers" in english


def test_the_report_says_how_an_answer_becomes_a_score(angers) -> None:
    page = Client().get("/enquete/rapport/essai/").content.decode()
    assert (
        "moyenne des réponses notées, de 0 («\u00a0pas du tout vrai\u00a0») à 100 («\u00a0tout à "
        "fait vrai\u00a0») par pas de 25 points"
    ) in page
    assert "4 = tout à fait vrai" not in page


def test_the_weakest_axis_s_statements_are_its_lowest_not_below_it(angers) -> None:
    """Every statement at 75, as its axis: they are listed (a weak axis always has next steps),
    and the report says that none is below the axis, not that they are its lowest."""
    page = Client().get("/enquete/rapport/essai/").content.decode()
    weak = page.split("axes les plus faibles")[1]  # all six tied: « Les axes … ex aequo compris »
    assert "<strong>75</strong>" in weak
    assert "tirent l'axe vers le bas" not in page
    assert "Les affirmations les moins bien notées de l'axe" not in weak
    assert "Aucune affirmation n'est sous le score de l'axe. Celles qui sont à son niveau" in weak


def test_an_english_page_groups_thousands_with_a_comma(db: None) -> None:
    """The numbers of answers read « 1 455 » on the English page too, a French grouping in an
    English sentence; they read "1,455" there now, « 1 455 » in French."""
    CommuneFactory(code="49007", name="Angers", population=155_000)
    campaign = survey_campaign_create(name="mille", collectivites=["49007"], today=TODAY)
    survey_campaign_open(name="mille")
    add_answers(campaign, "49007", 250)
    survey_campaign_close(name="mille")
    answers = 250 * len(SPEC.axes[0].statements)  # every statement answered
    client = Client()
    client.cookies["barometre_langue"] = "en"
    english = client.get("/enquete/rapport/mille/").content.decode()
    french = Client().get("/enquete/rapport/mille/").content.decode()
    in_french = f"{answers:,}".replace(",", "\u00a0")  # « 1 250 »
    assert f"<td>{answers:,}</td>" in english and in_french not in english
    assert f"<td>{in_french}</td>" in french
