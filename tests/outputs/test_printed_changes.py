"""A change printed beside the two values it compares is their difference as printed: a reader
who subtracts « 1,71 » from « 1,86 » finds « -0,15 », never the « -0,14 » that the unrounded
change (1.714 - 1.857 = -0.143) rounds to. The open data keep the unrounded change."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from barometre.outputs import change_charts
from barometre.outputs.html_report import _context, html_render
from barometre.outputs.json_report import report_dict
from barometre.outputs.labels import rounded
from barometre.outputs.pdf.reports import campaign_pdf_html
from barometre.outputs.published import published_cache_clear, published_report
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from tests.caches import forget_computed
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, tzinfo=UTC)

# one commune, seven cells: 13/7 = 1.857 (« 1,86 ») before, 12/7 = 1.714 (« 1,71 ») after; the
# three of « citoyennete »: 5/3 = 1.667 (« 1,67 ») before, 4/3 = 1.333 (« 1,33 ») after
BEFORE = {
    "actes-etat-civil": 2,
    "listes-electorales": 2,
    "recensement-citoyen": 2,
    "titres-identite": 1,
    "inscription-scolaire": 2,
    "periscolaire": 2,
    "paiement-famille": 2,
}
AFTER = BEFORE | {"recensement-citoyen": 1}


@pytest.fixture
def after() -> Campaign:
    forget_computed()
    commune = CommuneFactory(code="90001", name="Aville")
    before = CampaignFactory(name="avant", communes=[commune])
    long_ago = timezone.now() - timezone.timedelta(days=400)
    Campaign.objects.filter(pk=before.pk).update(
        created_at=long_ago, measured_on=timezone.localdate(long_ago)
    )
    set_cells(before, {("90001", s): level for s, level in BEFORE.items()})
    after = CampaignFactory(name="apres", communes=[commune])
    set_cells(after, {("90001", s): level for s, level in AFTER.items()})
    return after


def _text(body: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _decimal(shown: str) -> Decimal:
    return Decimal(shown.replace(",", ".").replace("+", "").replace("\u2212", "-"))


def _data(after: Campaign):  # type: ignore[no-untyped-def]
    before = Campaign.objects.get(name="avant")
    return published_report(campaign=after, reference=before, now=NOW)


def test_the_unrounded_changes_round_otherwise(after: Campaign) -> None:
    """The case is one where the two ways differ, and the open data keep the unrounded one."""
    data = _data(after)
    assert data.comparison is not None
    assert round(data.comparison.overall.mean_change or 0, 2) == -0.14
    document = report_dict(data)
    assert document["comparison"]["mean_change"] == pytest.approx(-1 / 7)


def test_every_change_table_of_the_report_adds_up(after: Campaign) -> None:
    tables = {c.id: c for c in _context(_data(after))["charts"]}
    checked = 0
    for chart_id, before, after_column, change in (("change", 1, 2, 3), ("city-change", 2, 3, 4)):
        chart = tables[chart_id]
        for row in chart.rows:
            if "—" in (row[before], row[after_column]):
                continue
            difference = _decimal(row[after_column]) - _decimal(row[before])
            assert _decimal(row[change]) == difference, (chart_id, row)
            checked += 1
    assert checked >= 3
    citizenship = next(r for r in tables["change"].rows if r[0] == "Citoyenneté et élections")
    assert citizenship[1:4] == ["1,67", "1,33", "−0,34"]
    assert tables["city-change"].rows[0][2:5] == ["1,86", "1,71", "−0,15"]


def test_the_change_chart_writes_the_change_of_its_table(after: Campaign) -> None:
    spec = change_charts.change_by_domain(_data(after))
    assert spec is not None
    shown = {v["domain"]: v["change"] for v in spec["data"]["values"]}
    assert shown["Citoyenneté et élections"] == pytest.approx(-0.34)


def test_the_html_and_pdf_reports_say_the_printed_change(after: Campaign) -> None:
    said = "le niveau moyen passe de 1,86 (avant) à 1,71 (apres), soit −0,15"
    assert said in _text(html_render(_data(after)))
    assert said in _text(campaign_pdf_html(campaign=after, now=NOW))


def test_the_xlsx_change_is_the_difference_of_the_means_it_shows(
    after: Campaign, tmp_path: Path
) -> None:
    """The sheet showed « 1,86 » and « 1,71 » with a change of « -0,14 »: the means stay
    unrounded (their number format shows 2 decimals), the change is that of the means shown."""
    (path,) = report_write(
        campaign="apres", compare="avant", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW
    )
    rows = list(load_workbook(path)["Évolution"].iter_rows())
    overall = next([c.value for c in r] for r in rows if r[0].value == "Ensemble")
    # the means keep every digit
    assert overall[2:5] == pytest.approx([13 / 7, 12 / 7, -0.15], rel=1e-12)
    checked = 0
    for sheet_row in rows:
        # Ensemble and domains: label, cells, before, after, change; communes: code first
        cells = sheet_row[2:5] if sheet_row[0].value != "90001" else sheet_row[3:6]
        if len(cells) < 3 or not all(isinstance(c.value, int | float) for c in cells):
            continue
        before, after_mean, change = cells
        assert (before.number_format, change.number_format) == ("0.00", "+0.00;-0.00;0.00")
        shown = rounded(after_mean.value, 2) - rounded(before.value, 2)
        assert rounded(change.value, 2) == shown, sheet_row[0].value
        checked += 1
    assert checked == 5  # Ensemble, the three domains with paired cells, the commune


def test_the_pages_say_the_printed_change(after: Campaign, client) -> None:  # type: ignore[no-untyped-def]
    overview = _text(client.get(reverse("web:overview", kwargs={"name": "apres"})).content.decode())
    assert re.search(r"le niveau moyen passe de 1,86 à 1,71 \( ?−0,15", overview)
    domain = client.get(
        reverse("web:domain", kwargs={"name": "apres", "domain": "citoyennete"})
    ).content.decode()
    assert "Depuis avant : −0,34" in _text(domain)
    home = _text(client.get(reverse("web:home")).content.decode())
    assert re.search(r"évolution moyenne de ?−0,15 ?niveau", home)


def test_the_evolution_says_how_many_communes_and_services_rose_or_fell(after: Campaign) -> None:
    """Beside the mean, the evolution paragraph counts the cells, communes and services that
    went up, down or stayed, their nouns agreeing in French (0 and 1 take the singular)."""
    said = (
        "Cellules : 0 en hausse, 1 en baisse, 6 inchangées. "
        "Communes (moyenne de leurs cellules comparables) : 0 en hausse, 1 en baisse, "
        "0 inchangée. "
        "Services (moyenne de leurs cellules comparables) : 0 en hausse, 1 en baisse, "
        "6 inchangés."
    )
    assert said in _text(html_render(_data(after)))
    assert said in _text(campaign_pdf_html(campaign=after, now=NOW))


def test_the_counts_agree_with_the_commune_table(
    client,  # type: ignore[no-untyped-def]
) -> None:
    """Three communes: one rises, one stays, one is not measured (counted nowhere); among the
    services three rise, one of them in a commune only. The counts are those of the table
    « Évolution par commune »; the overview says them too."""
    forget_computed()
    communes = [
        CommuneFactory(code="90001", name="Aville", population=300_000),
        CommuneFactory(code="90002", name="Bville", population=5_000),
        CommuneFactory(code="90003", name="Cville", population=5_000),
    ]
    slugs = ["actes-etat-civil", "paiement-famille", "inscription-scolaire", "bibliotheque"]
    before = CampaignFactory(name="avant", communes=communes)
    long_ago = timezone.now() - timezone.timedelta(days=400)
    Campaign.objects.filter(pk=before.pk).update(
        created_at=long_ago, measured_on=timezone.localdate(long_ago)
    )
    zeros = {(code, s): 0 for code in ("90001", "90002") for s in slugs}
    set_cells(before, zeros | {("90001", "actes-etat-civil"): 2, ("90002", "actes-etat-civil"): 2})
    later = CampaignFactory(name="apres", communes=communes)
    set_cells(
        later,
        zeros
        | {
            ("90001", "actes-etat-civil"): 4,
            ("90001", "paiement-famille"): 4,
            ("90001", "inscription-scolaire"): 5,
            ("90002", "actes-etat-civil"): 2,
        },
    )
    data = published_report(campaign=later, reference=before, now=NOW)
    table = {c.id: c for c in _context(data)["charts"]}["city-change"]
    assert [row[4] for row in table.rows] == ["+2,75", "0,00", "—"]  # Cville not measured
    said = (
        "Cellules : 3 en hausse, 0 en baisse, 5 inchangées. "
        "Communes (moyenne de leurs cellules comparables) : 1 en hausse, 0 en baisse, "
        "1 inchangée. "
        "Services (moyenne de leurs cellules comparables) : 3 en hausse, 0 en baisse, "
        "1 inchangé."
    )
    assert said in _text(html_render(data))
    overview = _text(client.get(reverse("web:overview", kwargs={"name": "apres"})).content.decode())
    assert said.split("Cellules : 3 en hausse, 0 en baisse, 5 inchangées. ")[1] in overview


def _same_change_twice() -> Campaign:
    """Two communes with the same change, -4/9, printed « -0,45 » (0,56 to 0,11) and « -0,44 »
    (1,22 to 0,78); the last bits of the unrounded changes put « -0,45 » first."""
    published_cache_clear()
    communes = [CommuneFactory(code="90001", name="Aville"), CommuneFactory(code="90002")]
    slugs = list(BEFORE) + ["bibliotheque", "encombrants"]  # nine services
    levels = {
        "90001": ([1, 1, 1, 1, 1, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0, 0]),  # 5/9 to 1/9
        "90002": ([2, 2, 2, 1, 1, 1, 1, 1, 0], [1, 1, 1, 1, 1, 1, 1, 0, 0]),  # 11/9 to 7/9
    }
    before = CampaignFactory(name="avant", communes=communes)
    later = CampaignFactory(name="apres", communes=communes)
    for campaign, side in ((before, 0), (later, 1)):
        set_cells(
            campaign,
            {
                (code, s): pair[side][j]
                for code, pair in levels.items()
                for j, s in enumerate(slugs)
            },
        )
    return later


def test_the_commune_table_runs_in_the_order_of_its_printed_changes() -> None:
    """The table, largest change first, lists « -0,44 » first, whatever the last bits of the
    unrounded changes say."""
    later = _same_change_twice()
    data = published_report(campaign=later, reference=Campaign.objects.get(name="avant"), now=NOW)
    assert data.comparison is not None
    assert [c.code for c in data.comparison.by_city] == ["90001", "90002"]  # unrounded order
    table = {c.id: c for c in _context(data)["charts"]}["city-change"]
    assert [row[1:5] for row in table.rows] == [
        ["90002", "1,22", "0,78", "−0,44"],
        ["90001", "0,56", "0,11", "−0,45"],
    ]


def test_the_xlsx_communes_run_in_the_order_of_their_printed_changes(tmp_path: Path) -> None:
    """The spreadsheet's communes ran in the unrounded order, « -0,45 » above « -0,44 », while
    the HTML and PDF reports and the overview list « -0,44 » first: its column of changes, which
    says largest first, went down then up."""
    _same_change_twice()
    (path,) = report_write(
        campaign="apres", compare="avant", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW
    )
    rows = [[c.value for c in r] for r in load_workbook(path)["Évolution"].iter_rows()]
    communes = [row for row in rows if row[0] in ("90001", "90002")]
    assert [(row[0], row[5]) for row in communes] == [("90002", -0.44), ("90001", -0.45)]


def test_the_change_axis_is_symmetric_and_fitted_to_the_changes() -> None:
    assert change_charts.change_reach([0.08, 1.21, None]) == 1.5
    assert change_charts.change_reach([-0.8, 0.3]) == 1.0
    assert change_charts.change_reach([1.5]) == 1.5 and change_charts.change_reach([-1.51]) == 2
    assert change_charts.change_reach([0.02, -0.01]) == 0.5  # a sensible least reach
    assert change_charts.change_reach([0.5]) == 0.5 and change_charts.change_reach([]) == 0.5


def test_the_change_chart_is_not_drawn_on_a_five_level_axis_in_a_narrow_plot(
    after: Campaign,
) -> None:
    """On a phone the plot is some 90 px wide: the 40 px of padding kept for the values written
    after the bars stretched the axis to −5 … 5, the bars slivers. The axis runs from −reach to
    reach, the values written inside it."""
    from barometre.outputs.pdf.render import chart_svg

    spec = change_charts.change_by_domain(_data(after))
    assert spec is not None
    changes = [v["change"] for v in spec["data"]["values"]]
    reach = change_charts.change_reach(changes)
    assert spec["encoding"]["x"]["scale"]["domain"] == [-reach, reach]
    assert spec["encoding"]["x"]["title"]  # the axis says what it measures
    for width in (90, 560):
        svg = chart_svg({**spec, "width": width})
        labels = re.findall(r">([^<]*)</text>", svg)
        numbers = [
            abs(float(t.replace("−", "-").replace(",", ".")))
            for t in labels
            if re.fullmatch(r"[+−-]?\d+(,\d+)?", t.strip())
        ]
        assert numbers and max(numbers) <= reach, (width, labels)


MINUS = "\u2212"


def _read(body: str) -> str:
    """The text a reader reads: no script, no style, no chart data (JSON for the scripts)."""
    return _text(re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S))


def test_a_negative_figure_a_reader_sees_has_the_minus_sign(  # type: ignore[no-untyped-def]
    after: Campaign, client, tmp_path: Path
) -> None:
    """« soit -0,15 »: a hyphen where French typography writes the minus sign, U+2212, which
    screen readers say « moins » and the charts' axes already wrote (d3-format). The HTML and
    PDF reports and the pages print it; the files for machines keep the ASCII hyphen-minus."""
    negative = re.compile(r"(?<![\w-])-\d")  # a hyphen before a digit, not inside a word or date
    reports = {
        "html": _read(html_render(_data(after))),
        "pdf": _read(campaign_pdf_html(campaign=after, now=NOW)),
        "overview": _read(client.get(reverse("web:overview", args=["apres"])).content.decode()),
        "domain": _read(
            client.get(reverse("web:domain", args=["apres", "citoyennete"])).content.decode()
        ),
    }
    for name, text in reports.items():
        shown = re.sub(r"\d{4}-\d{2}-\d{2}", "", text)  # an ISO date is no negative figure
        context = shown[max(0, (m.start() if (m := negative.search(shown)) else 0) - 80) :][:160]
        assert MINUS + "0,15" in text or MINUS + "0,34" in text, name
        assert not negative.search(shown), (name, context)
    paths = report_write(
        campaign="apres", compare="avant", formats=["json", "csv"], out=tmp_path, now=NOW
    )
    for path in paths:
        data = path.read_text("utf-8")
        assert MINUS not in data and "-0.1" in data, path.name
    table = client.get(reverse("web:chart-table", args=["apres", "change"])).content.decode()
    assert MINUS not in table and "-0,34" in table  # a spreadsheet reads a number
