"""Every page and report says how many levels are automatic proposals that no auditor has
reviewed yet, and then how right such proposals were on real pages (outputs/validity.py)."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from barometre.assessments.models import Source
from barometre.assessments.selectors import Origins, campaign_origins
from barometre.assessments.services import NewValue, assessment_record, assessments_record_auto
from barometre.outputs.coverage import origins_figure, origins_sentence
from barometre.outputs.data import report_data
from barometre.outputs.html_report import html_render
from barometre.outputs.json_report import report_dict
from barometre.outputs.pdf.reports import campaign_pdf, commune_pdf
from barometre.outputs.validity import measured_validity
from barometre.outputs.xlsx_report import xlsx_write
from barometre.referential.models import Campaign, Commune
from tests.factories import CampaignFactory, CommuneFactory, review_cell, set_cells

NOW = datetime(2026, 3, 1, tzinfo=UTC)
SLUGS = ("actes-etat-civil", "urbanisme", "bibliotheque")
ONLY_LEVELS = dict.fromkeys(
    ("automatic", "reviewed", "reviewed_by_arbitration", "imported")
    + ("automatic_not_applicable", "reviewed_not_applicable")
    + ("reviewed_not_applicable_by_arbitration", "imported_not_applicable"),
    0,
)


@pytest.fixture
def audited(db) -> Campaign:  # type: ignore[no-untyped-def]
    """Two communes, three services each proposed by the detector; an auditor then reviews
    Dville's urbanisme."""
    communes = [CommuneFactory(code="90004", name="Dville"), CommuneFactory(code="90005")]
    campaign = CampaignFactory(name="audit-2026", communes=communes)
    now = timezone.now()
    values = [
        NewValue(c.code, slug, 3, evidence_url=f"https://ville.test/{slug}", confidence=0.7)
        for c in communes
        for slug in SLUGS
    ]
    assessments_record_auto(campaign=campaign, values=values, now=now)
    review_cell(campaign, "90004", "urbanisme", 1, now=now + timedelta(minutes=1))
    return campaign


def test_counts_one_per_cell_by_current_source(audited: Campaign) -> None:
    assert campaign_origins(audited) == Origins(automatic=5, reviewed=1, imported=0)
    assert Origins.of_sources(["auto", "human", "auto", "import"]) == Origins(2, 1, 1)


def test_sentence_and_figure_in_french() -> None:
    assert origins_sentence(Origins(automatic=1, reviewed=2)) == (
        "1 proposition automatique non relue, 2 niveaux revus par un auditeur"
    )
    assert origins_sentence(Origins(imported=1)) == "1 niveau importé"
    assert origins_figure(Origins(automatic=3, reviewed=1)) == (
        "propositions automatiques non relues",
        "75\u00a0%",
        "3\u00a0sur\u00a04 cellules mesurées ; 1 niveau revu par un auditeur",
    )
    assert (
        origins_figure(Origins(automatic=2))[2]
        == "2\u00a0sur\u00a02 cellules mesurées ; aucun niveau revu par un auditeur"
    )  # type: ignore[index]
    assert origins_figure(Origins()) is None and origins_figure(None) is None


def test_reports_give_the_origins_and_the_measured_validity(audited: Campaign) -> None:
    data = report_data(campaign=audited, now=NOW, resamples=50)
    assert report_dict(data)["origins"] == {**ONLY_LEVELS, "automatic": 5, "reviewed": 1}
    html = html_render(data)
    assert "5\u00a0sur\u00a06 cellules mesurées ; 1 niveau revu par un auditeur" in html
    assert "83\u00a0%" in html  # 5 of 6 levels not reviewed
    share = f"{round(measured_validity().exact.value * 100)}\u00a0%"
    assert f"il retient le bon niveau dans {share}" in html


def test_overview_and_commune_pages_say_it(client, audited: Campaign) -> None:  # type: ignore[no-untyped-def]
    overview = client.get("/campagne/audit-2026/").content.decode()
    assert "5\u00a0sur\u00a06 cellules mesurées ; 1 niveau revu par un auditeur" in overview
    assert "il retient le bon niveau dans" in overview
    assert 'href="/campagne/audit-2026/methodologie/"' in overview
    page = client.get("/commune/90004/?campagne=audit-2026").content.decode()
    assert "Origine des valeurs : 2 propositions automatiques non relues, 1 niveau revu" in page
    assert "Une proposition automatique est au bon niveau dans" in page


def test_no_note_on_automatic_levels_where_there_is_none(client, db) -> None:  # type: ignore[no-untyped-def]
    commune = CommuneFactory(code="90006", name="Eville")
    campaign = CampaignFactory(name="import-2014", communes=[commune])
    set_cells(campaign, {("90006", "urbanisme"): 2})  # imported
    page = client.get("/commune/90006/?campagne=import-2014").content.decode()
    assert "Origine des valeurs : 1 niveau importé." in page
    assert "Une proposition automatique est au bon niveau" not in page
    overview = client.get("/campagne/import-2014/").content.decode()
    assert "il retient le bon niveau dans" not in overview


def test_a_sans_objet_is_counted_apart_from_the_levels(client, db) -> None:  # type: ignore[no-untyped-def]
    """A commune whose imported values are all « sans objet » read « 2 niveaux importés »:
    no level is. The campaign's figures say it too, and the automatic proposals that are."""
    communes = [CommuneFactory(code="90007", name="Fville"), CommuneFactory(code="90008")]
    campaign = CampaignFactory(name="import-na", communes=communes)
    set_cells(campaign, {("90007", "urbanisme"): "na", ("90007", "bibliotheque"): "na"})
    set_cells(campaign, {("90008", "urbanisme"): 2, ("90008", "bibliotheque"): "na"})
    page = client.get("/commune/90007/?campagne=import-na").content.decode()
    assert "niveaux importés" not in page
    assert "Origine des valeurs : 2 « sans objet » importés." in page
    home = client.get("/").content.decode()
    assert "Origine des valeurs : 1 niveau importé, 3 « sans objet » importés." in home
    assert campaign_origins(campaign) == Origins(imported=4, moot=Origins(imported=3))
    mixed = Origins(automatic=4, reviewed=2, moot=Origins(automatic=1, reviewed=1))
    assert origins_sentence(mixed) == (
        "4 propositions automatiques non relues (dont 1 « sans objet »), 1 niveau revu par "
        "un auditeur, 1 « sans objet » revu par un auditeur"
    )


def test_the_spreadsheet_counts_a_sans_objet_apart_from_the_levels(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The summary sheet's « niveaux importés » counted 4 where one cell only holds a level:
    its rows give the levels and the « sans objet » apart, as the pages do."""
    communes = [CommuneFactory(code="90007", name="Fville"), CommuneFactory(code="90008")]
    campaign = CampaignFactory(name="import-na", communes=communes)
    set_cells(campaign, {("90007", "urbanisme"): "na", ("90007", "bibliotheque"): "na"})
    set_cells(campaign, {("90008", "urbanisme"): 2, ("90008", "bibliotheque"): "na"})
    out = xlsx_write(report_data(campaign=campaign, now=NOW, resamples=50), tmp_path / "r.xlsx")
    rows = {
        row[0]: row[1:]
        for row in load_workbook(out)["Synthèse"].iter_rows(values_only=True)
        if row and isinstance(row[0], str)
    }
    assert rows["niveaux importés"][0] == 1
    assert rows["«\u00a0sans objet\u00a0» importés"][0] == 3
    assert rows["niveaux revus par un auditeur"][0] == 0
    assert rows["«\u00a0sans objet\u00a0» revus par un auditeur"][0] == 0
    assert rows["propositions automatiques non relues"][0] == 0
    assert rows["propositions automatiques non relues, dont «\u00a0sans objet\u00a0»"][0] == 0


def test_the_json_report_and_the_api_count_a_sans_objet_apart(client, db) -> None:  # type: ignore[no-untyped-def]
    """`origins.imported` counted 4 « niveaux importés » where one cell only holds a level:
    the « sans objet » have keys of their own."""
    communes = [CommuneFactory(code="90007", name="Fville"), CommuneFactory(code="90008")]
    campaign = CampaignFactory(name="import-na", communes=communes)
    set_cells(campaign, {("90007", "urbanisme"): "na", ("90007", "bibliotheque"): "na"})
    set_cells(campaign, {("90008", "urbanisme"): 2, ("90008", "bibliotheque"): "na"})
    expected = {**ONLY_LEVELS, "imported": 1, "imported_not_applicable": 3}
    data = report_data(campaign=campaign, now=NOW, resamples=50)
    assert report_dict(data)["origins"] == expected
    assert client.get("/api/v1/campaigns/import-na").json()["origins"] == expected
    mixed = Origins(automatic=4, reviewed=2, moot=Origins(automatic=1, reviewed=1))
    moot = {"automatic_not_applicable": 1, "reviewed_not_applicable": 1}
    assert mixed.as_json() == {**ONLY_LEVELS, "automatic": 3, "reviewed": 1, **moot}


def test_api_campaign_detail_has_origins(client, audited: Campaign) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/v1/campaigns/audit-2026").json()
    assert body["origins"] == {**ONLY_LEVELS, "automatic": 5, "reviewed": 1}


def test_commune_pdf_says_how_right_automatic_levels_are(audited: Campaign) -> None:
    reader = PdfReader(BytesIO(commune_pdf(campaign=audited, code="90004", now=NOW)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Une proposition automatique est au bon niveau dans" in text


def test_campaign_pdf_gives_origins_and_validity(audited: Campaign) -> None:
    reader = PdfReader(BytesIO(campaign_pdf(campaign=audited, now=NOW)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "5 sur 6 cellules mesurées ; 1 niveau revu par un auditeur" in text
    assert "il retient le bon niveau dans" in text


def _arbitrate(campaign: Campaign, code: str, slug: str, level: int | None) -> None:
    """A coordinator's decision between two blind answers that differed, as the review records
    it (assessments.services.review): its note opens with « Arbitrage du double codage. »."""
    assessment_record(
        campaign=campaign,
        commune=Commune.objects.get(code=code),
        service=campaign.catalogue.services.get(slug=slug),
        level=level,
        not_applicable=level is None,
        source=Source.HUMAN,
        evidence_url=f"https://ville.test/{code}/{slug}/arbitrage" if level else "",
        note="Arbitrage du double codage. Formulaire à imprimer.",
        author="coordinatrice",
        now=timezone.now() + timedelta(minutes=2),
    )


def test_arbitrated_values_are_told_apart_wherever_origins_are_given(
    client,  # type: ignore[no-untyped-def]
    audited: Campaign,
    tmp_path,
) -> None:
    """A cell decided by arbitrating the blind double coding was counted among the « niveaux
    revus par un auditeur » with no word of it, while its own detail says « Arbitrage du double
    codage »: the home page, the overview, the commune page and the reports say how many."""
    _arbitrate(audited, "90004", "bibliotheque", 2)
    _arbitrate(audited, "90005", "bibliotheque", None)
    expected = Origins(
        automatic=3, reviewed=3, arbitrated=2, moot=Origins(reviewed=1, arbitrated=1)
    )
    assert campaign_origins(audited) == expected
    said = (
        "3 propositions automatiques non relues, 2 niveaux revus par un auditeur (dont 1 par "
        "arbitrage du double codage), 1 «\u00a0sans objet\u00a0» revu par un auditeur (dont 1 "
        "par arbitrage du double codage)"
    )
    assert origins_sentence(expected) == said
    for url in ("/", "/campagne/audit-2026/"):
        assert "2 niveaux revus par un auditeur (dont 1 par arbitrage" in (
            client.get(url).content.decode()
        ), url
    page = client.get("/commune/90004/?campagne=audit-2026").content.decode()
    assert (
        "Origine des valeurs\u00a0: 1 proposition automatique non relue, 2 niveaux revus par un "
        "auditeur (dont 1 par arbitrage du double codage)."
    ) in page
    assert "Arbitrage du double codage." in page  # the cell's own detail
    data = report_data(campaign=audited, now=NOW, resamples=50)
    assert "2 niveaux revus par un auditeur (dont 1 par arbitrage" in html_render(data)
    out = xlsx_write(data, tmp_path / "r.xlsx")
    rows = {
        row[0]: row[1]
        for row in load_workbook(out)["Synthèse"].iter_rows(values_only=True)
        if row and isinstance(row[0], str)
    }
    assert rows["niveaux revus par un auditeur, dont par arbitrage du double codage"] == 1
    moot = "«\u00a0sans objet\u00a0» revus par un auditeur, dont par arbitrage du double codage"
    assert rows[moot] == 1
    arbitrated = {"reviewed_by_arbitration": 1, "reviewed_not_applicable_by_arbitration": 1}
    assert report_dict(data)["origins"] == {
        **ONLY_LEVELS,
        **{"automatic": 3, "reviewed": 2, "reviewed_not_applicable": 1},
        **arbitrated,
    }
    assert (
        client.get("/api/v1/campaigns/audit-2026").json()["origins"]
        == (report_dict(data)["origins"])
    )


def test_the_automatic_origin_is_named_as_every_cell_and_table_names_it(
    client, audited: Campaign
) -> None:  # type: ignore[no-untyped-def]
    """The overview's note spoke of cells of origin "détection automatique" while the
    methodology, each cell ("Décidé : automatique") and the reports' origin column say
    "automatique": a reader looked for an origin no table gives."""
    overview = html.unescape(client.get("/campagne/audit-2026/").content.decode())
    assert "Une cellule d'origine «\u00a0automatique\u00a0» est une proposition" in overview
    assert "détection automatique\u00a0»" not in overview
