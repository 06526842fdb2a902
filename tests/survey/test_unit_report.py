"""One collectivité's report, for its managers to show their council: its part of the campaign's
report (the same figures, the same anonymity rule), as a page, a PDF and from the command; a
collectivité with fewer than 5 respondents gets a page that says so, without a figure."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from barometre.core.errors import BarometreError
from barometre.survey.models import SurveyCampaign
from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from tests.caches import forget_computed
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY, add_answers


@pytest.fixture(autouse=True)
def _no_kept_file() -> None:
    """The page's files are kept per state of the database, which a test rolled back may share."""
    forget_computed()


@pytest.fixture
def closed(campaign: SurveyCampaign) -> SurveyCampaign:
    """Villebelle: 8 respondents (published); Montclair: 3 (too few)."""
    add_answers(campaign, "90001", 8, value=3)
    add_answers(campaign, "90002", 3, value=1)
    survey_campaign_close(name="essai")
    return SurveyCampaign.objects.get(name="essai")


def _write(tmp_path: Path, fmt: str, code: str | None) -> tuple[Path, str]:
    out = tmp_path / f"{code}.{fmt}"
    stdout = StringIO()
    args = ["survey", "report", "--campaign", "essai", "--out", str(out)]
    call_command(*args, *(["--collectivite", code] if code else []), stdout=stdout)
    return out, stdout.getvalue()


def _section(html: str, code: str) -> str:
    """A collectivité's section, its radar's box named as in any report (by its rank)."""
    section = html.split(f'id="c-{code}"')[1].split("</section>")[0]
    return re.sub(r"radar-\d+", "radar-N", section)


def test_the_command_writes_one_collectivites_part_of_the_report(closed, tmp_path: Path) -> None:
    whole = _write(tmp_path, "html", None)[0].read_text(encoding="utf-8")
    one = _write(tmp_path, "html", "90001")[0].read_text(encoding="utf-8")
    assert "Montclair" not in one and 'id="c-90002"' not in one
    assert "<h1>Maturité numérique interne — Villebelle, campagne" in one
    # the very section of the whole report: its radar, its peers, all respondents, its roles
    assert _section(one, "90001") == _section(whole, "90001")
    assert 'class="radar"' in one and "Ensemble des répondants" in one


def test_the_pdf_of_one_collectivite(closed, tmp_path: Path) -> None:
    path, said = _write(tmp_path, "pdf", "90001")
    assert path.name == "90001.pdf" and f"Rapport écrit\u00a0: {path}" in said
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Villebelle" in text and "Montclair" not in text
    assert reader.metadata is not None and "Villebelle" in (reader.metadata.title or "")
    assert "Villebelle — enquête de maturité" in text  # each page's foot names it


def test_fewer_than_5_respondents_give_a_page_without_a_figure(closed, tmp_path: Path) -> None:
    path, said = _write(tmp_path, "html", "90002")
    assert "Montclair (90002) a moins de 5 répondants" in said
    html = path.read_text(encoding="utf-8")
    assert "les mêmes chiffres, comparés" not in html  # there are none
    section = _section(html, "90002")
    assert "Les résultats de Montclair ne sont pas publiés" in section
    assert "<table" not in section and 'class="radar"' not in section
    text = re.sub(r"<[^>]+>", "", section)
    # no figure: only the rule's own numbers (« moins de 5 répondants (de 0 à 4) ») and the code
    assert set(re.findall(r"\d+", text)) <= {"5", "0", "4", "90002"}


def test_the_command_refuses_other_formats_and_other_collectivites(closed, tmp_path: Path) -> None:
    with pytest.raises(BarometreError, match="s'écrit en HTML ou en PDF, pas en CSV"):
        _write(tmp_path, "csv", "90001")
    with pytest.raises(BarometreError, match="«\u00a099999\u00a0» n'est pas interrogée"):
        _write(tmp_path, "html", "99999")
    assert list(tmp_path.iterdir()) == []


def test_the_command_names_a_file_in_a_folder_after_the_collectivite(
    closed, tmp_path: Path
) -> None:
    call_command("survey", "report", "--campaign", "essai", "--collectivite", "90001",
                 "--format", "pdf", "--out", str(tmp_path), stdout=StringIO())  # fmt: skip
    assert [p.name for p in tmp_path.iterdir()] == ["enquete-essai-90001.pdf"]


def test_the_report_page_links_to_each_collectivites_report(closed) -> None:
    page = Client().get("/enquete/rapport/essai/").content.decode()
    for code in ("90001", "90002"):
        assert f'href="/enquete/rapport/essai/c/{code}/"' in _section(page, code)
    one = Client().get("/enquete/rapport/essai/c/90001/")
    html = one.content.decode()
    assert one.status_code == 200 and "Montclair" not in html
    assert 'href="/enquete/rapport/essai/c/90001/pdf/"' in html
    assert html.count('"radar-') == 1  # its radar's spec, drawn by charts.js
    pdf = Client().get("/enquete/rapport/essai/c/90001/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "enquete-essai-90001.pdf" in pdf["Content-Disposition"]
    few = Client().get("/enquete/rapport/essai/c/90002/").content.decode()
    assert "Les résultats de Montclair ne sont pas publiés" in few and "<table" not in few
    for path in ("c/99999/", "c/99999/pdf/"):
        assert Client().get(f"/enquete/rapport/essai/{path}").status_code == 404


def test_an_open_campaign_has_no_collectivite_report(campaign) -> None:
    add_answers(campaign, "90001", 8)
    page = Client().get("/enquete/rapport/essai/c/90001/").content.decode()
    assert "les résultats paraîtront à sa clôture" in page and "<table" not in page
    assert Client().get("/enquete/rapport/essai/c/90001/pdf/").status_code == 404
    assert Client().get("/enquete/rapport/essai/c/99999/").status_code == 404


def test_an_open_campaign_s_collectivite_page_names_the_collectivite(campaign) -> None:
    """Before the close, a collectivité's link (shared with its council) showed the whole
    campaign's title: nothing said it was Villebelle's page."""
    page = Client().get("/enquete/rapport/essai/c/90001/").content.decode()
    title = "Maturité numérique interne — Villebelle, campagne"
    assert re.search(rf"<h1>{title} <span[^>]*>essai</span></h1>", page), page
    assert f"<title>{title} essai — barometre</title>" in page


def test_the_commune_page_links_to_its_report(closed) -> None:
    block = Client().get("/commune/90001/").content.decode()
    assert 'href="/enquete/rapport/essai/c/90001/"' in block
    few = Client().get("/commune/90002/").content.decode()
    assert "/enquete/rapport/essai/c/90002/" not in few  # nothing published to show


def test_one_collectivites_report_gives_its_change(db: None, tmp_path: Path) -> None:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    for name, value in (("avant", 2), ("essai", 3)):
        survey = survey_campaign_create(name=name, collectivites=["90001"], today=TODAY)
        add_answers(survey, "90001", 7, value=value)
        survey_campaign_open(name=name)  # only an open campaign closes
        survey_campaign_close(name=name)
    one = _write(tmp_path, "html", "90001")[0].read_text(encoding="utf-8")
    assert 'Évolution depuis la campagne <span class="held-name">avant</span>' in one
    overall = re.search(r'<th scope="row">Score global</th>(.*?)</tr>', one.split("variation")[1])
    assert overall is not None
    assert re.findall(r"<td[^>]*>([^<]*)", overall.group(1))[:3] == ["+25", "50", "75"]
