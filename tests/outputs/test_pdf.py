"""The PDFs say what the HTML report says: unmeasured cells, coverage, times, demo wording."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from barometre.assessments.models import Assessment
from barometre.outputs.pdf.charts import commune_levels
from barometre.outputs.pdf.reports import (
    campaign_pdf,
    campaign_pdf_html,
    commune_pdf,
    commune_pdf_html,
)
from barometre.outputs.published import published_cache_clear, published_report
from barometre.referential.catalogue import default_catalogue
from barometre.referential.models import Campaign, Commune, Epci
from tests.factories import CampaignFactory, CommuneFactory, set_cells

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)  # 10:00 in Paris


@pytest.fixture
def partial(db) -> Campaign:  # type: ignore[no-untyped-def]
    """Eville: actes-etat-civil 3, paiement-famille not applicable, every other cell unmeasured;
    Fville: nothing measured."""
    communes = [
        CommuneFactory(code="90006", name="Eville", population=50_000),
        CommuneFactory(code="90007", name="Fville", population=2_000),
    ]
    campaign = CampaignFactory(name="partielle", communes=communes)
    set_cells(campaign, {("90006", "actes-etat-civil"): 3, ("90006", "paiement-famille"): "na"})
    return campaign


def _text(content: bytes) -> str:
    pages = PdfReader(BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_commune_pdf_says_unmeasured_never_zero(partial: Campaign) -> None:
    text = _text(commune_pdf(campaign=partial, code="90006", now=NOW))
    assert "3 · interaction bidirectionnelle" in text and "sans objet" in text
    assert "mesuré non trouvé" not in text and "absent non trouvé" not in text
    assert "Inscription sur les listes électorales non mesuré" in text
    assert "électorales 0 · absent" not in text


def test_commune_chart_keeps_a_row_for_every_service(partial: Campaign) -> None:
    data = published_report(campaign=partial, now=NOW)
    spec = commune_levels(data, "90006")
    rows = spec["encoding"]["y"]["scale"]["domain"]
    assert rows == [data.service_label(slug) for slug in data.grid.service_ids]


def test_commune_pdf_with_nothing_measured_says_so(partial: Campaign) -> None:
    text = _text(commune_pdf(campaign=partial, code="90007", now=NOW))
    assert "Fville" in text
    assert "Aucune cellule n'a été mesurée pour cette commune dans la campagne partielle" in text
    assert "rang" not in text


def test_commune_pdf_with_nothing_measured_is_served(client, partial: Campaign) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/pdf/commune/partielle/90007.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_pdf_times_are_in_paris(partial: Campaign) -> None:
    late = datetime(2026, 2, 28, 23, 30, tzinfo=UTC)  # 1 March, 00:30 in Paris
    Assessment.objects.filter(campaign=partial).update(created_at=late)
    shown = "généré le 1er mars 2026 à 10:00 (heure de Paris, UTC+01:00)"
    commune = _text(commune_pdf(campaign=partial, code="90006", now=NOW))
    assert shown in commune and "01/03/2026" in commune and "28/02/2026" not in commune
    assert shown in _text(campaign_pdf(campaign=partial, now=NOW))


def test_campaign_pdf_flags_partial_coverage_and_lists_unmeasured(partial: Campaign) -> None:
    text = _text(campaign_pdf(campaign=partial, now=NOW))
    assert "Couverture partielle : 2 cellules mesurées sur 36" in text
    listed = text.split("Communes sans cellule mesurée")[1]
    assert "1 commune de la campagne n'a aucune cellule mesurée" in listed
    assert "Fville 90007" in listed and "Eville 90006" not in listed


@pytest.mark.parametrize(
    ("spec", "said", "not_said"),
    [
        ("ferme", "détectés automatiquement sur une ferme", "inventés"),
        ("top:2", "inventés", "ferme"),
    ],
)
@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_demo_pdfs_say_where_their_levels_come_from(
    partial: Campaign, spec: str, said: str, not_said: str
) -> None:
    Campaign.objects.filter(pk=partial.pk).update(is_demo=True, spec=spec)
    partial.refresh_from_db()
    for content in (
        campaign_pdf(campaign=partial, now=NOW),
        commune_pdf(campaign=partial, code="90006", now=NOW),
    ):
        text = _text(content)
        assert "Données de démonstration" in text and said in text and not_said not in text


def test_an_imported_level_reads_importe_as_on_the_pages(partial: Campaign) -> None:
    text = _text(commune_pdf(campaign=partial, code="90006", now=NOW))
    assert "interaction bidirectionnelle 3,00 importé" in text, text  # level, mean, origin


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_a_percent_sign_never_wraps_alone_in_a_pdf(partial: Campaign) -> None:
    """WeasyPrint keeps « 57 % » on one line and draws its no-break space as a space (the PDF's
    fonts have U+00A0), with no « &nbsp; » and no mojibake; the campaign PDF prints it so (its
    text layer maps U+00A0 and the space to one glyph, so it reads back as a space)."""
    from weasyprint import HTML

    from barometre.outputs.labels import percent

    words = " ".join(f"{percent(share)} de" for share in (0.57, 1, 0.06))
    narrow = f"<p style=\"font: 10pt 'Liberation Sans'; width: 1.5em\">{words}</p>"
    lines = PdfReader(BytesIO(HTML(string=narrow).write_pdf())).pages[0].extract_text()
    shown = [line.strip() for line in lines.splitlines()]
    assert shown == ["57\u00a0%", "de", "100\u00a0%", "de", "6\u00a0%", "de"]
    text = _text(campaign_pdf(campaign=partial, now=NOW))
    assert "(6 %), dans 1 commune sur 2" in text
    assert "&nbsp;" not in text and "Â" not in text and "\ufffd" not in text


def test_the_pdf_command_reads_a_commune_code_as_the_other_commands_do(
    db: None, tmp_path: Path
) -> None:
    """« 1004 » (a spreadsheet's 01004) and « 2a004 » were refused as not in the campaign."""
    communes = [CommuneFactory(code="01004", name="Ambérieu"), CommuneFactory(code="2A004")]
    campaign = CampaignFactory(name="codes", communes=communes)
    set_cells(campaign, {("01004", "actes-etat-civil"): 2, ("2A004", "actes-etat-civil"): 1})
    for typed in ("1004", "2a004"):
        out = tmp_path / f"{typed}.pdf"
        call_command(
            "pdf", "--campaign", "codes", "--commune", typed, "--out", str(out), stdout=StringIO()
        )
        assert out.read_bytes().startswith(b"%PDF")
    assert "Ambérieu" in _text((tmp_path / "1004.pdf").read_bytes())


def test_the_pdf_command_writes_into_a_folder_as_report_does(db: None, tmp_path: Path) -> None:
    """An existing folder as --out was refused (« c'est un dossier »): CAMPAGNE.pdf is written
    there, CAMPAGNE-CODE.pdf for a commune, and the path written is printed."""
    campaign = CampaignFactory(name="codes", communes=[CommuneFactory(code="01004")])
    set_cells(campaign, {("01004", "actes-etat-civil"): 2})
    for extra, name in (([], "codes.pdf"), (["--commune", "1004"], "codes-01004.pdf")):
        out = StringIO()
        call_command("pdf", "--campaign", "codes", *extra, "--out", str(tmp_path), stdout=out)
        assert (tmp_path / name).read_bytes().startswith(b"%PDF")
        assert out.getvalue().strip().endswith(str((tmp_path / name).resolve()))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["codes-01004.pdf", "codes.pdf"]


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_every_page_of_a_demo_pdf_says_it_is_made_up(partial: Campaign) -> None:
    """The banner is on the first page only: a page printed or quoted alone says it too, in
    its foot; a real campaign's foot does not."""
    commune = commune_pdf(campaign=partial, code="90006", now=NOW)
    assert "Données de démonstration" not in _text(commune)
    Campaign.objects.filter(pk=partial.pk).update(is_demo=True)
    partial.refresh_from_db()
    published_cache_clear()
    for content in (
        campaign_pdf(campaign=partial, now=NOW),
        commune_pdf(campaign=partial, code="90006", now=NOW),
    ):
        pages = PdfReader(BytesIO(content)).pages
        assert len(pages) > 1
        for number, page in enumerate(pages, 1):
            text = " ".join(page.extract_text().split())
            assert "Données de démonstration — pas une mesure réelle" in text, (number, text)


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_reports_name_their_sources_and_licence(partial: Campaign, tmp_path: Path) -> None:
    """The HTML report and both PDFs name where the communes' populations and brackets and
    their sites come from (INSEE, DINUM), as the open-data package does and their licences
    ask, and the report's licence (the HTML report named neither)."""
    from barometre.outputs.services import report_write

    (html,) = report_write(campaign="partielle", formats=["html"], out=tmp_path / "r.html", now=NOW)
    for text in (
        " ".join(html.read_text(encoding="utf-8").split()),
        _text(campaign_pdf(campaign=partial, now=NOW)),
        _text(commune_pdf(campaign=partial, code="90006", now=NOW)),
    ):
        assert "Licence Ouverte 2.0" in text
        assert "INSEE, Code officiel géographique 2026 et populations municipales" in text
        # the dataset's name may wrap at one of its hyphens (the extracted text then has a space)
        assert "DINUM / Etalab, noms-de-domaine-organismes" in text.replace("- ", "-")


def _rows_by_page(spacer_mm: int) -> list[int]:
    """How many of a 6-row table's rows each page holds, after a block `spacer_mm` high, in the
    PDFs' own style sheet."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    style = render_to_string("outputs/pdf/style.html", {"footer_css": "x"})
    rows = "".join(f'<tr><th scope="row">ligne-{i}</th><td>{i}</td></tr>' for i in range(6))
    html = (
        f'<html><head>{style}</head><body><div style="height: {spacer_mm}mm"></div><table>'
        '<thead><tr><th scope="col">a</th><th scope="col">b</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></body></html>"
    )
    pages = PdfReader(BytesIO(HTML(string=html).write_pdf())).pages
    return [page.extract_text().count("ligne-") for page in pages]


def test_no_table_row_is_left_alone_at_the_foot_or_head_of_a_page() -> None:
    """A table split across pages keeps at least two rows on each side: the heatmap's second
    part began with its header and one row at the foot of a page, the commune PDF's evidence
    table likewise, the rest on the next page."""
    splits = [by_page for mm in range(225, 264, 2) if len(by_page := _rows_by_page(mm)) > 1]
    assert splits  # some spacers split the table
    for by_page in splits:
        assert 1 not in by_page, splits


def test_the_bracket_table_names_its_columns_alike_everywhere(
    client,  # type: ignore[no-untyped-def]
    partial: Campaign,
    tmp_path: Path,
) -> None:
    """The table by population bracket counted « cellules sans objet » in the HTML report,
    « sans objet » in the PDF and « Sans objet » on the campaign page: a count of cells, named
    so in all three."""
    from selectolax.lexbor import LexborHTMLParser

    from barometre.outputs.pdf.reports import campaign_pdf_html
    from barometre.outputs.services import report_write

    (html,) = report_write(campaign="partielle", formats=["html"], out=tmp_path / "r.html", now=NOW)
    pages = {
        "html": html.read_text(encoding="utf-8"),
        "pdf": campaign_pdf_html(campaign=partial, now=NOW),
        "web": client.get("/campagne/partielle/").content.decode(),
    }
    headers = {}
    for name, page in pages.items():
        for table in LexborHTMLParser(page).css("table"):
            cols = [th.text(strip=True).lower() for th in table.css("thead th")]
            if cols and cols[0] == "tranche":
                headers[name] = cols
    assert set(headers) == set(pages), headers
    assert headers["html"] == headers["pdf"] == headers["web"], headers
    assert headers["html"][-1] == "cellules sans objet"


@pytest.fixture
def bracket_with_an_unranked_commune(db) -> Campaign:  # type: ignore[no-untyped-def]
    """Three communes of one bracket: Gville 4, Hville 2, Iville with every cell not applicable
    (no mean, no rank); Jville, alone in a smaller bracket, 1."""
    communes = [
        CommuneFactory(code="90008", name="Gville", population=60_000),
        CommuneFactory(code="90009", name="Hville", population=55_000),
        CommuneFactory(code="90010", name="Iville", population=52_000),
        CommuneFactory(code="90011", name="Jville", population=1_000),
    ]
    campaign = CampaignFactory(name="tranche", communes=communes)
    slugs = [s.id for s in default_catalogue().services]
    set_cells(
        campaign,
        {("90008", "actes-etat-civil"): 4, ("90009", "actes-etat-civil"): 2}
        | {("90010", slug): "na" for slug in slugs}
        | {("90011", "actes-etat-civil"): 1},
    )
    return campaign


def test_the_rank_in_the_bracket_is_the_commune_pages(
    client,  # type: ignore[no-untyped-def]
    bracket_with_an_unranked_commune: Campaign,
) -> None:
    """The PDF gives a commune's rank in its bracket out of the bracket's ranked communes, as
    its page does (« 2 / 2 »): a commune with every cell not applicable has no rank and is not
    one of the communes it is ranked among."""
    page = client.get("/commune/90009/?campagne=tranche").content.decode()
    assert '2<span class="fr-text--md">\u00a0sur\u00a02</span>' in page
    text = _text(commune_pdf(campaign=bracket_with_an_unranked_commune, code="90009", now=NOW))
    assert "rang dans la tranche sur 2 communes classées de la tranche" in text, text
    assert "sur 3 communes classées" in text  # the national rank counts every ranked commune
    alone = _text(commune_pdf(campaign=bracket_with_an_unranked_commune, code="90011", now=NOW))
    # alone ranked in its bracket: « 1 sur 1 » compared it with nothing
    said = "— rang dans la tranche seule commune classée de la tranche : aucun rang à donner"
    assert said in alone and "sur 1 commune classée" not in alone, alone
    tile = html.unescape(client.get("/commune/90011/?campagne=tranche").content.decode())
    assert (
        "seule commune classée de la tranche moins de 3\u00a0500 habitants\u00a0: aucun rang"
        in tile
    )
    assert '1<span class="fr-text--md">\u00a0sur\u00a01</span>' not in tile
    unranked = _text(commune_pdf(campaign=bracket_with_an_unranked_commune, code="90010", now=NOW))
    assert "sur 2 communes classées de la tranche" in unranked, unranked


def test_the_only_ranked_commune_of_a_campaign_has_no_national_rank(
    client,  # type: ignore[no-untyped-def]
    db,  # type: ignore[no-untyped-def]
) -> None:
    """Alone ranked in its campaign (the other commune's cells all « sans objet »): « rang 1 sur
    1 commune classée » compared it with nothing, on its page and in its PDF."""
    communes = [
        CommuneFactory(code="90012", name="Kville", population=8_000),
        CommuneFactory(code="90013", name="Lville", population=7_000),
    ]
    campaign = CampaignFactory(name="seule", communes=communes)
    slugs = [s.id for s in default_catalogue().services]
    set_cells(
        campaign,
        {("90012", "actes-etat-civil"): 3} | {("90013", slug): "na" for slug in slugs},
    )
    page = html.unescape(client.get("/commune/90012/?campagne=seule").content.decode())
    assert "seule commune classée de la campagne\u00a0: aucun rang à donner" in page
    assert "rang national" not in page
    text = _text(commune_pdf(campaign=campaign, code="90012", now=NOW))
    assert "— rang seule commune classée de la campagne : aucun rang à donner" in text, text
    assert "sur 1 commune classée" not in text


def test_the_rank_in_the_intercommunality_is_the_commune_pages(
    client,  # type: ignore[no-untyped-def]
    bracket_with_an_unranked_commune: Campaign,
) -> None:
    """The PDF gave the commune's rank nationally and in its bracket, not in its
    intercommunality, which its page gives: now it does, among the same ranked communes (Iville,
    every cell not applicable, is not one); not without an intercommunality, nor in one where
    the commune is the only ranked one."""
    campaign = bracket_with_an_unranked_commune
    alone = _text(commune_pdf(campaign=campaign, code="90009", now=NOW))
    assert "rang dans l'intercommunalité" not in alone, alone
    agglo = Epci.objects.create(siren="200000009", name="CA du Val", kind="CA")
    Commune.objects.filter(code__in=["90008", "90009", "90010"]).update(epci=agglo)
    plateau = Epci.objects.create(siren="200000010", name="CC du Plateau", kind="CC")
    Commune.objects.filter(code="90011").update(epci=plateau)
    page = html.unescape(client.get("/commune/90009/?campagne=tranche").content.decode())
    assert (
        '2<span class="fr-text--md">\u00a0sur\u00a02</span></p><p class="fr-tile__desc"><a href="'
        in page
    )
    assert "dans CA du Val</a>" in page
    text = _text(commune_pdf(campaign=campaign, code="90009", now=NOW))
    assert "rang dans l'intercommunalité sur 2 communes classées de CA du Val" in text, text
    single = _text(commune_pdf(campaign=campaign, code="90011", now=NOW))
    assert "rang dans l'intercommunalité" not in single and "CC du Plateau" in single, single


def test_the_commune_page_hides_a_rank_among_one_as_its_pdf(
    client,  # type: ignore[no-untyped-def]
    bracket_with_an_unranked_commune: Campaign,
) -> None:
    """The PDF leaves out the rank of a commune alone ranked in its intercommunality; its page
    gave « 1 / 1 » there, a rank that compares it with nothing: it says it is the only one."""
    plateau = Epci.objects.create(siren="200000010", name="CC du Plateau", kind="CC")
    Commune.objects.filter(code="90011").update(epci=plateau)
    page = html.unescape(client.get("/commune/90011/?campagne=tranche").content.decode())
    tiles = re.findall(r'"figure-number">(.*?)</p><p class="fr-tile__desc">(.*?)</p>', page)
    alone = "seule commune classée de CC du Plateau\u00a0: aucun rang à donner"
    assert [t for t in tiles if "CC du Plateau" in t[1]] == [("—", alone)], tiles
    assert "?epci=200000010" in page  # the commune's line still links its intercommunality
    single = _text(commune_pdf(campaign=bracket_with_an_unranked_commune, code="90011", now=NOW))
    assert "rang dans l'intercommunalité" not in single, single


def test_the_commune_pdf_names_its_share_at_level_4_for_what_it_counts(db) -> None:  # type: ignore[no-untyped-def]
    """« services transactionnels » was a share of cells, over only those of the services that
    can reach level 4: named as the campaign page names it, with its count and n, the capped
    services (a card at 3) and the cells « sans objet » left out."""
    communes = [CommuneFactory(code="90012", population=9_000), CommuneFactory(code="90013")]
    campaign = CampaignFactory(name="quatre", communes=communes)
    levels = {"urbanisme": 4, "actes-etat-civil": 2, "titres-identite": 3, "paiement-famille": "na"}
    set_cells(campaign, {("90012", slug): level for slug, level in levels.items()})
    set_cells(campaign, {("90013", "titres-identite"): 3, ("90013", "objets-trouves"): 2})
    text = _html_text(commune_pdf_html(campaign=campaign, code="90012", now=NOW))
    assert "services transactionnels" not in text
    assert (
        "50 % part des cellules au niveau 4 ou plus 1 sur 2 cellules applicables au niveau 4 ou "
        "plus, hors 2 services du catalogue qui ne peuvent pas atteindre le niveau 4"
    ) in text, text
    capped = _html_text(commune_pdf_html(campaign=campaign, code="90013", now=NOW))
    assert (
        "— part des cellules au niveau 4 ou plus aucune cellule applicable d'un service qui peut "
        "atteindre le niveau 4"
    ) in capped, capped


def _html_text(body: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_campaign_pdf_says_why_a_commune_has_no_share_at_level_4(db) -> None:  # type: ignore[no-untyped-def]
    """Under its ranking table, once, as the HTML report: the commune measured on its identity
    cards alone (maximum 3) has « — », not 0 %, at level 4."""
    communes = [CommuneFactory(code="90014", population=9_000), CommuneFactory(code="90015")]
    campaign = CampaignFactory(name="plafond", communes=communes)
    set_cells(campaign, {("90014", "urbanisme"): 4, ("90015", "titres-identite"): 3})
    body = html.unescape(campaign_pdf_html(campaign=campaign, now=NOW))
    note = "aucun des services mesurés et applicables de la commune ne peut atteindre le niveau 4"
    assert body.count(note) == 1
    ranking = body[body.index("Valeurs du graphique «\u00a0Classement des communes") :]
    assert ranking.index("</table>") < ranking.index(note)


def test_the_commune_pdf_says_why_its_services_table_prints_a_dash(partial: Campaign) -> None:
    """Eville's unmeasured services print « — » in « origine », and those nobody measured in
    the campaign in « moyenne de la campagne »: a legend line under the table says each."""
    text = _text(commune_pdf(campaign=partial, code="90006", now=NOW))
    assert "— dans « moyenne de la campagne » : aucune cellule mesurée et applicable" in text
    assert "— dans « origine » : personne n'a relevé ce service pour la commune" in text


def test_a_commune_pdf_with_every_figure_has_no_dash_legend(db) -> None:  # type: ignore[no-untyped-def]
    commune = CommuneFactory(code="90008", name="Gville", population=5_000)
    campaign = CampaignFactory(name="complete", communes=[commune])
    slugs = [s.slug for s in campaign.catalogue.services.all()]
    set_cells(campaign, {("90008", slug): 2 for slug in slugs})
    page = commune_pdf_html(campaign=campaign, code="90008", now=NOW)
    assert "— dans" not in page
