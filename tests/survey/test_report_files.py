"""The report as PDF (for circulating it) and as CSV (open data), from the command and the
report page: they show the report's figures, and nothing that the HTML report hides."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from barometre.core.errors import BarometreError
from barometre.survey.models import SurveyCampaign, SurveyResponse
from barometre.survey.reports.csv_report import COLUMNS
from barometre.survey.reports.data import survey_report_data
from barometre.survey.reports.html_report import html_render
from barometre.survey.reports.json_report import json_render
from barometre.survey.reports.pdf_report import pdf_html
from barometre.survey.services import survey_campaign_close
from tests.caches import forget_computed
from tests.survey.conftest import SPEC, TODAY, add_answers, report_rows

DOCS = Path(__file__).resolve().parents[2] / "docs" / "survey.md"


@pytest.fixture(autouse=True)
def _no_kept_file() -> None:
    """The page's files are kept per state of the database (`survey_report_state`), which an
    earlier test, rolled back, may have had too, with other answers behind the same ids."""
    forget_computed()


def _respond(campaign: SurveyCampaign, code: str, role: str, count: int, value: int) -> None:
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            campaign=campaign,
            unit=campaign.units.get(code=code),
            role=role,
            answers=dict.fromkeys(SPEC.statement_ids, value),
            submitted_on=TODAY,
            channel="import",
        )
        for _ in range(count)
    )


@pytest.fixture
def hidden(campaign: SurveyCampaign) -> SurveyCampaign:
    """Villebelle: 10 agents at 3, 6 managers at 4 and 4 elected at 1: the agents are shown,
    the managers withdrawn (the 4 elected would be their difference), the elected too few.
    Montclair: 4 respondents at 1, too few: nothing of it is published."""
    _respond(campaign, "90001", "agent", 10, 3)
    _respond(campaign, "90001", "encadrant", 6, 4)
    _respond(campaign, "90001", "elu", 4, 1)
    _respond(campaign, "90002", "agent", 4, 1)
    survey_campaign_close(name="essai")
    return SurveyCampaign.objects.get(name="essai")


def _report(tmp_path: Path, fmt: str) -> Path:
    out = tmp_path / f"r.{fmt}"
    stdout = StringIO()
    call_command("survey", "report", "--campaign", "essai", "--out", str(out), stdout=stdout)
    assert f"Rapport écrit\u00a0: {out}" in stdout.getvalue()
    return out


def _csv(path: Path) -> list[dict[str, str]]:
    return report_rows(path.read_text(encoding="utf-8"))


class _Text(HTMLParser):
    """The text a reader sees in an HTML report (scripts and styles left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip += tag in ("script", "style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style", "title")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+", text))


def test_csv_holds_the_json_figures_and_nothing_the_html_hides(hidden, tmp_path: Path) -> None:
    rows = _csv(_report(tmp_path, "csv"))
    assert list(rows[0]) == list(COLUMNS)
    report = json.loads(json_render(survey_report_data(campaign=hidden, today=TODAY)))
    units = {u["code"]: u for u in report["collectivites"]}
    # Montclair (4 respondents): only its overall and axis rows, every figure of its own empty
    montclair = [r for r in rows if r["collectivite_code"] == "90002"]
    assert [r["level"] for r in montclair] == ["overall"] + ["axis"] * len(SPEC.axes)
    assert all(r["score"] == r["answers"] == r["respondents"] == "" for r in montclair)
    assert {r["note"] for r in montclair} == {"pas assez de réponses"}
    # Villebelle: the managers and the elected have no figure; the agents have theirs
    by_role = {(r["role"], r["level"], r["axis"]): r for r in rows if r["level"] != "statement"}
    for role in ("encadrant", "elu", "dsi", "direction"):
        assert all(r["score"] == r["respondents"] == "" for k, r in by_role.items() if k[0] == role)
    assert by_role[("agent", "axis", "gouvernance")]["score"] == "75.0"
    assert by_role[("agent", "overall", "")]["respondents"] == "10"
    # every score is the JSON's, and a score the JSON leaves out (null) is empty
    for (role, level, axis), row in by_role.items():
        group = units[row["collectivite_code"]]
        group = group["roles"][role] if role else group
        expected = group["overall"] if level == "overall" else group["axes"][axis]
        assert row["score"] == ("" if expected is None else f"{expected:.1f}"), row
    statements = {r["statement"]: r["score"] for r in rows if r["level"] == "statement"}
    assert statements == {
        s: f"{v:.1f}" if v is not None else "" for s, v in units["90001"]["statements"].items()
    }


def test_csv_compares_with_peers_and_all_respondents(hidden, tmp_path: Path) -> None:
    """Villebelle has no peer publishing (Montclair, 4 respondents, is of another bracket and
    too few): said as such; all respondents are Villebelle's own 20."""
    rows = _csv(_report(tmp_path, "csv"))
    row = next(r for r in rows if r["collectivite_code"] == "90001" and r["axis"] == "management")
    assert (row["score"], row["answers"], row["respondents"]) == ("72.5", "100", "20")
    assert row["peers_score"] == "" and row["peers_note"].startswith("aucune autre collectivité")
    assert (row["all_score"], row["all_answers"], row["all_respondents"]) == ("72.5", "100", "20")
    assert row["all_note"] == ""
    assert {r["demonstration"] for r in rows} == {"false"} and {r["provisional"] for r in rows} == {
        "false"
    }


def test_csv_says_why_all_respondents_have_no_score(
    campaign: SurveyCampaign, tmp_path: Path
) -> None:
    """No collectivité publishes (4 respondents each): the all-respondents cells are empty and
    `all_note` says why, as `note` and `peers_note` do for theirs and the JSON's
    `all_respondents.note` does; a published all-respondents score has an empty `all_note`."""
    add_answers(campaign, "90001", 4)
    add_answers(campaign, "90002", 4)
    closed = survey_campaign_close(name="essai")
    rows = [r for r in _csv(_report(tmp_path, "csv")) if not r["role"]]
    report = json.loads(json_render(survey_report_data(campaign=closed, today=TODAY)))
    assert report["all_respondents"]["note"] == "pas assez de réponses"
    assert {r["all_score"] for r in rows} == {""}
    assert {r["all_note"] for r in rows} == {"pas assez de réponses"}


def test_every_csv_column_is_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    table = docs.split("### The CSV's columns")[1].split("\n\n")[1]
    documented = [line.split("|")[1].strip(" `") for line in table.splitlines()[2:]]
    assert documented == list(COLUMNS)


def test_pdf_draws_the_radar_and_prints_nothing_the_html_hides(hidden, tmp_path: Path) -> None:
    path = _report(tmp_path, "pdf")
    reader = PdfReader(path)
    assert reader.metadata is not None and "essai" in (reader.metadata.title or "")
    text = "\n".join(page.extract_text() for page in reader.pages)
    report = survey_report_data(campaign=hidden, today=TODAY)
    # the radar, drawn to SVG (WeasyPrint runs no script), and no Vega spec left in the HTML
    html = pdf_html(report)
    assert html.count('<img src="data:image/svg+xml;base64,') == 1  # Villebelle's only
    assert "barometre-chart-specs" not in html
    assert "Villebelle" in text and "Montclair" in text and "pas assez de réponses" in text
    seen = _Text()
    seen.feed(html_render(report))
    shown = _numbers(" ".join(seen.parts))
    # every number of the PDF is one the HTML report shows, but its pages' numbers and the day
    # it was made (the command's day, not the fixture's: « généré le 7 décembre 2026 »)
    pages = {str(n) for n in range(1, len(reader.pages) + 1)}
    undated = re.sub(r"généré le \d{1,2}(?:er)? \w+ \d{4}", "", text)
    assert undated != text
    assert _numbers(undated) - shown - pages == set()
    managers = text.split("Manager ou encadrant")[1].split("\n")[0]
    assert _numbers(managers) == set(), managers  # their row reads « pas assez de réponses »


def test_an_unknown_campaign_and_a_bad_file_are_french_errors(campaign, tmp_path: Path) -> None:
    with pytest.raises(BarometreError, match="Campagne d'enquête inconnue\u00a0: «\u00a0perdue"):
        call_command("survey", "report", "--campaign", "perdue", "--out", str(tmp_path / "r.pdf"))
    survey_campaign_close(name="essai")
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    for fmt in ("pdf", "csv"):
        out = tmp_path / "fichier" / f"r.{fmt}"
        with pytest.raises(BarometreError, match="Impossible d'écrire le rapport"):
            call_command("survey", "report", "--campaign", "essai", "--out", str(out))
    with pytest.raises(BarometreError, match="annonce un fichier PDF, mais le format écrit"):
        call_command("survey", "report", "--campaign", "essai", "--format", "csv", "--out", "r.pdf")


def test_a_campaign_without_answers_writes_its_report_and_says_so(
    campaign, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No collectivité publishes: the files are written (the peers' and all respondents'
    figures are still there) and the command says that none of its own is, in French, without
    telling a campaign without answers from one with 1 to 4 respondents."""
    from barometre.cli import main

    survey_campaign_close(name="essai")
    for fmt in ("pdf", "csv"):
        out = tmp_path / f"r.{fmt}"
        call_command("survey", "report", "--campaign", "essai", "--out", str(out))
        said = capsys.readouterr()
        assert "Aucune collectivité de la campagne «\u00a0essai\u00a0» n'a au moins 5" in said.out
        assert "Traceback" not in said.err and out.stat().st_size > 0
    main_out = tmp_path / "perdue.pdf"
    # last: the console closes the database connection when it ends (PostgreSQL then refuses
    # the test's next query)
    with pytest.raises(SystemExit) as exit_info:
        main(["survey", "report", "--campaign", "perdue", "--out", str(main_out)])
    said = capsys.readouterr()
    assert exit_info.value.code == 1 and "Traceback" not in said.err
    assert "Campagne d'enquête inconnue" in said.err and not main_out.exists()


def test_the_report_page_offers_the_pdf_and_the_csv(hidden, tmp_path: Path) -> None:
    page = Client().get("/enquete/rapport/essai/").content.decode()
    assert 'href="/enquete/rapport/essai/pdf/"' in page
    assert 'href="/enquete/rapport/essai/csv/"' in page
    pdf = Client().get("/enquete/rapport/essai/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and "enquete-essai.pdf" in pdf["Content-Disposition"]
    data = Client().get("/enquete/rapport/essai/csv/")
    assert data["Content-Type"].startswith("text/csv")
    assert data["Content-Disposition"] == 'attachment; filename="enquete-essai.csv"'
    assert data.content == _report(tmp_path, "csv").read_bytes()


def test_an_open_campaign_has_no_file_to_download(campaign) -> None:
    add_answers(campaign, "90001", 6)
    page = Client().get("/enquete/rapport/essai/").content.decode()
    assert "/enquete/rapport/essai/pdf/" not in page and "/csv/" not in page
    for fmt in ("pdf", "csv"):
        assert Client().get(f"/enquete/rapport/essai/{fmt}/").status_code == 404
    assert Client().get("/enquete/rapport/inconnue/csv/").status_code == 404


def test_a_download_is_laid_out_once_until_what_it_shows_changes(
    hidden, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PDF takes about a second per collectivité to lay out (bench/survey.py): the page's
    files are kept, and made again when another campaign closes (its peers change)."""
    from barometre.survey.services import survey_campaign_create, survey_campaign_open
    from barometre.web.survey import views
    from tests.factories import CommuneFactory

    calls: list[str] = []
    render = views.RENDERERS["csv"]
    monkeypatch.setitem(views.RENDERERS, "csv", lambda r: calls.append("csv") or render(r))

    def peers() -> str:
        rows = report_rows(Client().get("/enquete/rapport/essai/csv/").content.decode())
        row = next(r for r in rows if r["collectivite_code"] == "90001" and r["level"] == "overall")
        return row["peers_score"]

    assert peers() == "" and peers() == "" and calls == ["csv"]
    CommuneFactory(code="90003", name="Valclair", population=13_000)  # Villebelle's bracket
    survey_campaign_create(name="voisine", collectivites=["90003"], today=TODAY)
    neighbour = survey_campaign_open(name="voisine")
    _respond(neighbour, "90003", "agent", 5, 2)
    survey_campaign_close(name="voisine")
    assert peers() == "50.0" and calls == ["csv", "csv"]
