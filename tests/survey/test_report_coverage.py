"""A report says who was surveyed, answers or not; the commune radar shows the latest closed
campaign that can be published, and says when a later one had too few respondents."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.test import Client

from barometre.outputs.html_report import charts_js
from barometre.survey.models import SurveyCampaign
from barometre.survey.reports.charts import radar_spec
from barometre.survey.reports.data import survey_commune_latest, survey_report_data
from barometre.survey.reports.html_report import html_render
from barometre.survey.reports.json_report import json_render
from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from tests.a11y import (
    chart_type_settings,
    charts_past_their_box,
    document_problems,
    drawn_chart_names,
    needs_chromium,
    radar_places,
)
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY, add_answers


def test_collectivites_without_answers_are_listed_as_those_with_too_few(campaign) -> None:
    """Every surveyed collectivité is listed; one without answers reads exactly as one with 1
    to 4 respondents (MATURITY.md: a group under 5 is « pas assez de réponses »), so that a
    report never shows who took part where few could."""
    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    assert sorted(u.code for u in report.units) == ["90001", "90002"]
    page = html_render(report)
    assert (
        "2 collectivités interrogées ; 1 a moins de 5 répondants (de 0 à 4) : ses chiffres ne "
        "sont pas publiés." in page
    )
    assert "aucune réponse" not in page
    units = {u["code"]: u for u in json.loads(json_render(report))["collectivites"]}
    assert units["90002"]["respondents"] is None
    assert units["90002"]["note"] == "pas assez de réponses"
    assert units["90002"]["axes"]["gouvernance"] is None and units["90001"]["respondents"] == 6
    web = Client().get("/enquete/rapport/essai/").content.decode()
    assert 'id="c-90002"' in web and "aucune réponse" not in web


def test_a_report_of_several_collectivites_links_each_from_its_top(campaign) -> None:
    """A general manager finds their collectivité without scrolling past the others: the list
    under the coverage links each one's section, in the page and in the report file."""
    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    web = Client().get("/enquete/rapport/essai/").content.decode()
    for page in (html_render(report), web):
        links = page[page.index('id="collectivites"') : page.index('id="c-90001"')]
        assert "Aller à une collectivité\u00a0:" in links
        for unit in report.units:
            assert f'<a href="#c-{unit.code}">{unit.name} ({unit.code})</a>' in links
            assert f'id="c-{unit.code}"' in page


def test_none_and_few_respondents_give_the_same_report(campaign) -> None:
    """The block of a collectivité with no answer and that of one with 3 are the same, but for
    its name and size."""
    add_answers(campaign, "90001", 3, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    units = {u["code"]: u for u in json.loads(json_render(report))["collectivites"]}
    few, none = units["90001"], units["90002"]
    for unit in (few, none):
        del unit["code"], unit["name"], unit["bracket"]
    assert few == none


def test_a_later_campaign_with_too_few_respondents_keeps_the_earlier_radar(campaign) -> None:
    add_answers(campaign, "90001", 6, 3)  # 75 on every axis
    survey_campaign_close(name="essai")
    SurveyCampaign.objects.filter(name="essai").update(created_on=TODAY - timedelta(days=365))
    survey_campaign_create(name="suite", collectivites=["90001"], today=TODAY)
    later = survey_campaign_open(name="suite")
    add_answers(later, "90001", 3, 1)
    survey_campaign_close(name="suite")
    report = survey_commune_latest(code="90001", today=TODAY)
    assert report is not None and report.campaign.name == "essai"
    assert report.later_too_few == "suite"
    assert report.units[0].scores.total.respondents == 6
    page = Client().get("/commune/90001/").content.decode()
    assert "6 répondants" in page and "<td>75\u00a0<span" in page
    later = 'La campagne la plus récente, «\u00a0<span class="nowrap">suite</span>\u00a0», a reçu'
    assert later in page


def test_a_later_campaign_without_answers_reads_as_one_with_too_few(campaign) -> None:
    """On the commune page too, none and 1 to 4 respondents read the same."""
    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    SurveyCampaign.objects.filter(name="essai").update(created_on=TODAY - timedelta(days=365))
    survey_campaign_create(name="suite", collectivites=["90001"], today=TODAY)
    survey_campaign_open(name="suite")
    survey_campaign_close(name="suite")  # nobody from Villebelle answered
    report = survey_commune_latest(code="90001", today=TODAY)
    assert report is not None and report.campaign.name == "essai"
    assert report.later_too_few == "suite"
    page = Client().get("/commune/90001/").content.decode()
    later = 'La campagne la plus récente, «\u00a0<span class="nowrap">suite</span>\u00a0», a reçu'
    assert later in page


def test_with_no_campaign_publishable_the_latest_says_too_few(db) -> None:
    from tests.factories import CommuneFactory

    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    for name, day, count in (("premiere", date(2025, 3, 1), 2), ("seconde", TODAY, 4)):
        survey_campaign_create(name=name, collectivites=["90001"], today=day)
        add_answers(survey_campaign_open(name=name), "90001", count, 2)
        survey_campaign_close(name=name)
    report = survey_commune_latest(code="90001", today=TODAY)
    assert report is not None and report.campaign.name == "seconde"
    assert report.later_too_few == "" and report.units[0].scores.total.respondents is None
    page = Client().get("/commune/90001/").content.decode()
    assert "moins de 5 répondants" in page and "La campagne la plus récente" not in page


def test_the_html_report_reads_out_right(campaign) -> None:
    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    assert document_problems(html_render(report)) == []


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@needs_chromium
def test_the_drawn_radars_keep_their_french_text(campaign, tmp_path, monkeypatch) -> None:
    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    path = tmp_path / "enquete.html"
    path.write_text(html_render(report), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    names = drawn_chart_names(path, ".radar svg")
    assert names and all(role == "img" and "tableau qui suit" in label for _, role, label in names)


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@needs_chromium
def test_on_a_phone_the_report_file_does_not_scroll_sideways(
    campaign, tmp_path, monkeypatch
) -> None:
    """The standalone report (survey report) on a 390 px phone: the radars shrink to the
    screen and the wide tables scroll in their own box, as on the site's report page (the
    file laid the page out 1,080 px wide)."""
    from tests.a11y import drawn_page

    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    path = tmp_path / "enquete.html"
    path.write_text(html_render(report), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    with drawn_page(path, ".radar") as page:
        rights = page.evaluate(
            "[...document.querySelectorAll('.radar svg')].map(s => s.getBoundingClientRect().right)"
        )
        layout = page.evaluate(
            "[window.innerWidth, document.documentElement.scrollWidth, visualViewport.scale]"
        )
    assert rights and max(rights) <= 390, rights
    assert layout == [390, 390, 1]


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@needs_chromium
@pytest.mark.parametrize("width", [320, 1280])
def test_the_report_files_wide_tables_scroll_under_a_cue_from_the_keyboard(
    campaign, width, tmp_path, monkeypatch
) -> None:
    """The survey report file did not load the site's tables.js, as the campaign and programmes
    reports do: on a phone its tables by role scrolled in their box with neither the cue
    « Faites défiler le tableau horizontalement » nor a tab stop, and their captions ran past
    the box's edge until scrolled. Each caption now reads whole, the cue under it."""
    from tests.a11y import drawn_page, reflow, reflow_problems

    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    path = tmp_path / "enquete.html"
    path.write_text(html_render(report), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    with drawn_page(path, ".radar", width) as page:
        seen = reflow(page)
    assert reflow_problems(seen) == [], seen
    scrolling = [t for t in seen["tables"] if t["past"]]
    assert scrolling or width > 600, seen  # the tables by role are wider than a phone
    assert all(t["keyboard"] and t["hint"] for t in scrolling), seen


def test_the_bracket_column_says_it_leaves_the_collectivite_out(campaign) -> None:
    """The peers' column and radar series are the other collectivités of the bracket: named
    « Tranche … » alone, one with as many respondents as the collectivité read as the same
    group with other scores."""
    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    html = html_render(report)
    assert '<th scope="col">Autres collectivités de la tranche ' in html
    assert "les autres collectivités de sa tranche" in html
    assert ">Tranche " not in html


def test_the_bracket_keeps_its_numbers_on_one_line_where_a_reader_sees_it(campaign) -> None:
    """Villebelle's bracket, « 10 000 à 49 999 habitants », in the peers' column and the
    sentence saying it has no peer in the report and in the commune page's radar table: its
    digit groups joined by a no-break space (a phone broke « 10 » / « 000 »)."""
    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    shown = "10\u00a0000 à 49\u00a0999 habitants"
    html = html_render(report)
    assert f'<th scope="col">Autres collectivités de la tranche {shown}</th>' in html
    assert f"Aucune autre collectivité de la tranche {shown} n'a au moins 5 répondants" in html
    page = Client().get("/commune/90001/").content.decode()
    assert f'<th scope="col">Autres collectivités de la tranche {shown}</th>' in page


def test_the_report_file_draws_its_radars_with_the_sites_script(campaign) -> None:
    """The radars are drawn by the site's charts.js, inlined, square and no wider than their
    box (`usermeta.square`); each spec sits where the script reads it, under the id it draws
    in."""
    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    html = html_render(report)
    assert charts_js() in html
    holder = 'id="barometre-chart-specs" type="application/json">'
    specs = json.loads(html.split(holder)[1].split("</script>")[0])
    assert specs and all(f'id="chart-{key}"' in html for key in specs)
    assert all(spec["usermeta"] == {"square": True} for spec in specs.values())


@needs_chromium
@pytest.mark.parametrize("width", [390, 1280])
def test_no_radar_of_the_report_file_runs_past_its_box_or_shrinks(
    campaign, width: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 390 px the radars, drawn 375 px wide, were shrunk by the page's CSS to 278 px, their
    labels and legend in 7 px letters; now each is drawn to its box at full size (the axes'
    labels inside it), its legend in HTML under it on a phone."""
    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    path = tmp_path / "enquete.html"
    path.write_text(html_render(report), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    past, scroll, legends = charts_past_their_box(path, ".radar", width)
    assert past == [] and scroll == width
    radars = sum(u.scores.total.published for u in report.units)  # none for too few answers
    assert legends == (radars if width < 600 else 0)


def test_the_radar_keeps_the_brackets_numbers_whole_and_the_sites_letters(db: None) -> None:
    """The peers' name in the radar's legend, wrapped on a phone, could read « 10 » at a line's
    end and « 000 à 49 999 habitants » at the next: its numbers' groups are joined by a no-break
    space. The radar's letters, in the browser's default font, are the site's: charts.js gives
    them to every chart, the spec chooses none."""
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90003", name="Valfleuri", population=12_500)  # a peer: drawn
    survey_campaign_create(name="essai", collectivites=["90001", "90003"], today=TODAY)
    campaign = survey_campaign_open(name="essai")
    add_answers(campaign, "90001", 6, 3)
    add_answers(campaign, "90003", 6, 2)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    (villebelle,) = [unit for unit in report.units if unit.code == "90001"]
    spec = radar_spec(report, villebelle)
    names = spec["layer"][2]["encoding"]["color"]["scale"]["domain"]
    assert "Autres collectivités de la tranche 10\u00a0000 à 49\u00a0999 habitants" in names
    assert chart_type_settings(spec) == []


@needs_chromium
@pytest.mark.parametrize("width", [390, 1280])
def test_the_radar_is_drawn_square_in_the_middle_of_its_box(
    campaign, width: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a desktop the radar sat at the left of its 960 px box, its legend wider than it on its
    right; its legend is now centred under it and the drawing in its box (to 4 px: the axes'
    names on its two sides are not as long). On a phone it stays square (its hexagon as high as
    2 / √3 of its width)."""
    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    path = tmp_path / "enquete.html"
    path.write_text(html_render(report), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    places = radar_places(path, ".radar", width)
    assert places, places
    for offset, shape in places:
        assert abs(offset) <= 4 and abs(shape - 2 / 3**0.5) < 0.02, places
