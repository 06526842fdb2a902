"""A radar named in its legend « Autres collectivités de la tranche … » with nothing drawn when
no other collectivité of the bracket had 5 respondents or more: the series without a score is
now left out, legend and caption included, the others keeping their colours. Two series with
the same scores drew one line over the other, one of them invisible: a sentence under the chart
now says which lines coincide (the commune page's block and the survey report)."""

from __future__ import annotations

from django.test import Client
from selectolax.lexbor import LexborHTMLParser

from barometre.survey.models import SurveyCampaign
from barometre.survey.reports.charts import radar_spec
from barometre.survey.reports.data import survey_report_data
from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY, add_answers, radar_block

PEERS = "Autres collectivités de la tranche 10\u00a0000 à 49\u00a0999 habitants"


def _campaign(name: str, answers: dict[str, tuple[int, int]]) -> SurveyCampaign:
    """A closed campaign: per collectivité, its number of respondents and their answer."""
    campaign = survey_campaign_create(name=name, collectivites=list(answers), today=TODAY)
    for code, (count, value) in answers.items():
        add_answers(campaign, code, count, value)
    survey_campaign_open(name=name)  # only an open campaign closes
    return survey_campaign_close(name=name)


def _legend(name: str, code: str) -> tuple[list[str], list[str], set[object]]:
    """The radar's legend (names and colours) and the series it draws, for one collectivité."""
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name=name), today=TODAY)
    (unit,) = [u for u in report.units if u.code == code]
    layer = radar_spec(report, unit)["layer"][2]
    scale = layer["encoding"]["color"]["scale"]
    return scale["domain"], scale["range"], {v["series"] for v in layer["data"]["values"]}


def _figure(name: str, code: str) -> str:
    """The text under the collectivité's radar in the survey report's web page."""
    page = Client().get(f"/enquete/rapport/{name}/").content.decode()
    return LexborHTMLParser(page).css_first(f"#c-{code} figcaption").text()


def test_without_peers_the_radar_names_only_what_it_draws(db: None) -> None:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90002", name="Montclair", population=2_000)  # another bracket
    _campaign("seules", {"90001": (6, 3), "90002": (6, 1)})
    names, colors, drawn = _legend("seules", "90001")
    assert names == ["Villebelle", "Ensemble des répondants"] and set(names) == drawn
    assert colors == ["#000091", "#8a8a8a"]  # the collectivité blue, everyone grey, as ever
    caption = _figure("seules", "90001")
    assert "autres collectivités" not in caption
    assert "Les six axes\u00a0: la collectivité et l'ensemble des répondants." in caption
    assert "se confondent" not in caption  # 75 and 50 against 62 or 63: all apart


def test_with_peers_the_three_series_and_their_colours_stay(db: None) -> None:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90003", name="Valfleuri", population=12_500)
    _campaign("paires", {"90001": (6, 3), "90003": (7, 2)})
    names, colors, drawn = _legend("paires", "90001")
    assert names == ["Villebelle", PEERS, "Ensemble des répondants"] and set(names) == drawn
    assert colors == ["#000091", "#e1000f", "#8a8a8a"]
    held = "10\u00a0000 à 49\u00a0999 habitants"  # a phone broke « 10 » / « 000 »
    assert f"les autres collectivités de sa tranche ({held})" in _figure("paires", "90001")
    assert "se confondent" not in _figure("paires", "90001")


def test_two_series_with_the_same_scores_are_said_to_coincide(db: None) -> None:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90003", name="Valfleuri", population=12_500)
    CommuneFactory(code="90002", name="Montclair", population=2_000)
    _campaign("memes", {"90001": (6, 3), "90003": (7, 3), "90002": (6, 1)})
    said = f"Les courbes «\u00a0Villebelle\u00a0» et «\u00a0{PEERS}\u00a0» se confondent\u00a0: "
    assert said + "mêmes scores sur chaque axe." in _figure("memes", "90001")
    block = radar_block(Client().get("/commune/90001/").content.decode())
    note = LexborHTMLParser(block).css_first("#courbes-confondues-90001").text()
    assert note == said + "mêmes scores sur chaque axe."


def test_alone_in_a_campaign_its_line_hides_everyones(db: None) -> None:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    _campaign("seule", {"90001": (6, 3)})
    said = (
        "Les courbes «\u00a0Villebelle\u00a0» et «\u00a0Ensemble des répondants\u00a0» se "
        "confondent\u00a0: mêmes scores sur chaque axe."
    )
    assert said in _figure("seule", "90001")
    block = radar_block(Client().get("/commune/90001/").content.decode())
    assert said in LexborHTMLParser(block).text()


def test_three_series_with_the_same_scores_are_said_to_coincide(db: None) -> None:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90003", name="Valfleuri", population=12_500)
    _campaign("toutes", {"90001": (6, 3), "90003": (7, 3)})
    said = "Les trois courbes se confondent\u00a0: mêmes scores sur chaque axe."
    assert said in _figure("toutes", "90001")
    block = radar_block(Client().get("/commune/90001/").content.decode())
    assert said in LexborHTMLParser(block).text()
