"""A collectivité alone in its bracket read « pas assez de réponses » for its peers, as if some
had answered too few: there was nobody to compare with. The peers' cells now read « aucune »
under their heading (« Autres collectivités de la tranche … »), a sentence under the table says
why, and the JSON's note is « aucune autre collectivité de la tranche avec au moins 5
répondants »: the same with none or with 1 to 4 respondents (every pool counts them alike, so
that no report tells them apart). A group too small to publish still reads « pas assez de
réponses »."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.test import Client
from selectolax.lexbor import LexborHTMLParser

from barometre.survey.models import SurveyCampaign
from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from barometre.survey.services.reports import survey_report_write
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY, add_answers, radar_block, report_rows

NO_PEER = "aucune autre collectivité de la tranche avec au moins 5 répondants"


def _campaign(name: str, answers: dict[str, int]) -> SurveyCampaign:
    campaign = survey_campaign_create(name=name, collectivites=list(answers), today=TODAY)
    for code, count in answers.items():
        add_answers(campaign, code, count)
    survey_campaign_open(name=name)  # only an open campaign closes
    return survey_campaign_close(name=name)


def _peers(name: str, out: Path) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """Per collectivité, the JSON's peers and the HTML's peers column (scores table), each
    cell's score without its 95 % interval (« 75 [70 ; 80] » or « 75 sans dispersion » reads
    « 75 »)."""
    data = json.loads(
        survey_report_write(campaign=name, fmt="json", out=out / "r.json", today=TODAY).read_text()
    )
    html = survey_report_write(campaign=name, fmt="html", out=out / "r.html", today=TODAY)
    tree = LexborHTMLParser(html.read_text(encoding="utf-8"))
    columns = {
        section.attributes["id"][2:]: [
            re.split("\u00a0(?:\\[|sans dispersion)", row.css("td")[1].text())[0]
            for row in section.css_first("table").css("tbody tr")
        ]
        for section in tree.css("section.survey-unit")
    }
    return {u["code"]: u["peers"] for u in data["collectivites"]}, columns


def html_of(name: str, out: Path, code: str) -> str:
    """The text of one collectivité's section of the HTML report."""
    html = survey_report_write(campaign=name, fmt="html", out=out / "s.html", today=TODAY)
    return LexborHTMLParser(html.read_text(encoding="utf-8")).css_first(f"#c-{code}").text()


def test_alone_in_its_bracket_says_there_is_no_other(db: None, tmp_path: Path) -> None:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90002", name="Montclair", population=2_000)  # another bracket
    CommuneFactory(code="90003", name="Valfleuri", population=12_500)  # Villebelle's bracket
    _campaign("seules", {"90001": 6, "90002": 6, "90003": 3})
    peers, columns = _peers("seules", tmp_path)
    for code in ("90001", "90002"):  # Valfleuri's 3 count as none, as in any pool
        assert peers[code]["note"] == NO_PEER and peers[code]["respondents"] is None
        assert set(columns[code]) == {"aucune"}
        said = html_of("seules", tmp_path, code)
        assert "n'a au moins 5 répondants\u00a0: pas de comparaison avec la tranche" in said
    assert peers["90003"]["respondents"] == 6  # Valfleuri's peer: Villebelle
    assert "pas assez de réponses" in html_of("seules", tmp_path, "90003")


def test_with_a_peer_its_figures_and_not_enough_stay(db: None, tmp_path: Path) -> None:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90003", name="Valfleuri", population=12_500)
    _campaign("paires", {"90001": 6, "90003": 7})
    peers, columns = _peers("paires", tmp_path)
    assert peers["90001"]["respondents"] == 7 and "note" not in peers["90001"]
    assert "aucune" not in columns["90001"] and "75" in columns["90001"]
    assert "pas de comparaison" not in html_of("paires", tmp_path, "90001")


def test_the_peers_column_says_how_many_collectivites_it_holds(db: None, tmp_path: Path) -> None:
    """« Autres collectivités de la tranche » over a column that held one collectivité's
    figures: a manager read them as an average of several, with no way to tell."""
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90003", name="Valfleuri", population=12_500)
    CommuneFactory(code="90004", name="Valjoli", population=13_000)
    CommuneFactory(code="90005", name="Valbrune", population=14_000)
    CommuneFactory(code="90002", name="Montclair", population=2_000)
    CommuneFactory(code="90006", name="Montpetit", population=2_500)  # Montclair's bracket
    _campaign("trois", {"90001": 6, "90003": 7, "90004": 5, "90005": 3, "90002": 5, "90006": 8})
    said = html_of("trois", tmp_path, "90001")  # Valbrune's 3 are not counted
    assert "habitants\u00a0: 2 collectivités avec au moins 5 répondants, réunies" in said
    said = html_of("trois", tmp_path, "90002")  # Montpetit alone
    assert "\u00a0: 1 seule collectivité avec au moins 5 répondants, dont la colonne" in said


def test_the_csv_and_json_say_how_many_collectivites_the_peers_hold(
    db: None, tmp_path: Path
) -> None:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90003", name="Valfleuri", population=12_500)
    CommuneFactory(code="90004", name="Valjoli", population=13_000)
    CommuneFactory(code="90002", name="Montclair", population=2_000)  # alone in its bracket
    _campaign("trois", {"90001": 6, "90003": 7, "90004": 5, "90002": 6})
    peers, _ = _peers("trois", tmp_path)
    assert peers["90001"]["collectivites"] == 2 and peers["90002"]["collectivites"] is None
    out = survey_report_write(campaign="trois", fmt="csv", out=tmp_path / "r.csv", today=TODAY)
    rows = report_rows(out.read_text(encoding="utf-8"))
    whole = {(r["collectivite_code"], r["level"], r["axis"]): r for r in rows if not r["role"]}
    assert whole[("90001", "overall", "")]["peers_collectivites"] == "2"
    assert whole[("90001", "axis", "gouvernance")]["peers_collectivites"] == "2"
    assert whole[("90002", "axis", "gouvernance")]["peers_collectivites"] == ""
    role = next(r for r in rows if r["role"] == "agent")
    assert role["peers_collectivites"] == "" and role["peers_note"] == ""


def test_the_commune_page_says_how_many_collectivites_the_peers_hold(db: None) -> None:
    """The commune page's block gave the same table as the report under « Autres collectivités
    de la tranche », without the report's sentence: one collectivité's figures read there as a
    bracket's average."""
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90003", name="Valfleuri", population=12_500)
    CommuneFactory(code="90004", name="Valjoli", population=13_000)
    CommuneFactory(code="90002", name="Montclair", population=2_000)
    CommuneFactory(code="90006", name="Montpetit", population=2_500)  # Montclair's bracket
    _campaign("trois", {"90001": 6, "90003": 7, "90004": 5, "90002": 5, "90006": 8})
    block = radar_block(Client().get("/commune/90002/").content.decode())
    said = LexborHTMLParser(block).css_first("#pairs-90002").text()
    assert said.endswith("\u00a0: 1 seule collectivité avec au moins 5 répondants, dont la colonne "
                         "donne les chiffres.")  # fmt: skip
    block = radar_block(Client().get("/commune/90001/").content.decode())
    said = LexborHTMLParser(block).css_first("#pairs-90001").text()
    assert "\u00a0: 2 collectivités avec au moins 5 répondants, réunies dans la colonne." in said
