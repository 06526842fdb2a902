"""The figures of the campaign report give their n beside their share, and every bar of a chart
has its value in the table that follows it (conftest: « 2026 » compared with « 2014 »)."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import pytest
from django.utils import translation

from barometre.outputs.data import report_data
from barometre.outputs.html_report import _context, html_render
from barometre.outputs.pdf.reports import campaign_pdf_html
from barometre.outputs.report_charts import Chart
from barometre.referential.models import Campaign, Commune
from tests.factories import CampaignFactory, CommuneFactory, set_cells

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def test_the_shares_of_cells_say_how_many_of_how_many(after: Campaign, before: Campaign) -> None:
    """35 applicable cells (36 measured, one not applicable), 3 of them at level 4 or more:
    « 9 % » alone did not say of what. The transactional share is over the 31 of those whose
    service can reach level 4: identity cards and lost property (maximum 3) never can, and
    counting them made the share smaller than any commune could help (3 of 35 was 9 %)."""
    with translation.override("fr"):
        figures = {
            label: (value, detail)
            for label, value, detail in _context(report_data(campaign=after, now=NOW))["figures"]
        }
    transactional = "part des cellules au niveau 4 ou plus (démarche menée jusqu'au bout en ligne)"
    assert figures[transactional] == (
        "10\u00a0%",
        "3\u00a0sur\u00a031 cellules applicables au niveau 4 ou plus, hors 2 services du "
        "catalogue qui ne "
        "peuvent pas atteindre le niveau 4",
    )
    value, detail = figures["part des cellules au niveau maximal du service (entièrement en ligne)"]
    assert detail.endswith("\u00a0sur\u00a035 cellules applicables au niveau maximal du service")
    # the share of the maximum had no base at all beside the two shares that give theirs
    assert figures["part du maximum atteignable"][1] == (
        "moyenne, sur\u00a035 cellules applicables, du niveau divisé par le niveau maximal "
        "du service"
    )
    # the share of unreviewed proposals: « 0 sur 36 », 36 what?
    origins = "propositions automatiques non relues"
    assert figures[origins][1].startswith("0\u00a0sur\u00a036 cellules mesurées\u00a0; ")


def test_the_commune_pdf_gives_the_base_of_the_share_of_the_maximum(after: Campaign) -> None:
    """Aville: 18 measured cells, all applicable."""
    from barometre.outputs.pdf.reports import _figures
    from barometre.outputs.published import published_report

    data = published_report(campaign=after, reference=None, now=NOW)
    city = next(c for c in data.scores.by_city if c.code == "90001")
    commune = Commune.objects.get(code="90001")
    with translation.override("fr"):
        figures = {label: detail for label, _value, detail in _figures(data, city, commune)}
    assert figures["part du maximum atteignable"] == (
        "moyenne, sur\u00a018 cellules applicables, du niveau divisé par le niveau maximal "
        "du service"
    )


def test_the_domain_table_gives_the_earlier_campaign_s_bars(
    after: Campaign, before: Campaign
) -> None:
    """The chart « Niveau moyen par domaine » draws a bar per campaign; its table gave the later
    campaign's means only. The earlier one's are those of « Évolution par domaine »."""
    with translation.override("fr"):
        charts = {
            c.id: c
            for c in _context(report_data(campaign=after, reference=before, now=NOW))["charts"]
        }
    domains = charts["domains"]
    assert domains.headers[:3] == [
        "domaine",
        "niveau moyen 2014 (0\u00a0à\u00a05)",
        "niveau moyen 2026 (0\u00a0à\u00a05)",
    ]
    assert (
        "Pour 2014, moyenne sur les cellules comparables (mesurées et applicables dans les deux "
        "campagnes)" in domains.caption
    )
    civil = next(row for row in domains.rows if row[0] == "État civil")
    assert civil[1:3] == ["2,00", "3,00"]  # the earlier first, as the chart's legend
    change = next(row for row in charts["change"].rows if row[0] == "État civil")
    assert change[1:3] == ["2,00", "3,00"]  # the same figures in the evolution table


def test_the_evolution_counts_the_cells_it_compares_as_comparable(
    after: Campaign, before: Campaign
) -> None:
    """36 cells measured in « 2026 », one of them « sans objet »: the 35 compared were said
    « les 35 cellules mesurées dans les deux campagnes », beside « 36 cellules mesurées »."""
    with translation.override("fr"):
        html = html_render(report_data(campaign=after, reference=before, now=NOW))
    finding = " ".join(html.split('<p class="finding">', 1)[1].split("</p>", 1)[0].split())
    assert finding.startswith(
        "Sur 35 cellules comparables (mesurées et applicables dans les deux campagnes), le niveau "
        "moyen passe de"
    )


CAPPED = (
    "— dans la colonne «\u00a0niveau 4 ou plus\u00a0»\u00a0: aucun des services mesurés et "
    "applicables de la commune ne peut atteindre le niveau 4\u00a0; la part n'a aucune cellule "
    "sur laquelle porter, ce n'est pas 0\u00a0%."
)


def test_the_ranking_says_why_a_commune_has_no_share_at_level_4(after: Campaign) -> None:
    """Cville measured on its identity cards only (maximum 3) has a mean and a rank, and « — »
    for its share at level 4 with nothing to say why: its services cannot reach level 4. The
    column was « transactionnels », which did not say it is a share of cells, nor of which."""
    with translation.override("fr"):
        ranking = _ranking(after)
        assert ranking.note == ""  # every ranked commune has a share: no « — » to explain
        set_cells(after, {("90003", "titres-identite"): 3})
        ranking = _ranking(after)
    assert ranking.headers[5] == "niveau 4 ou plus"
    assert (
        "Niveau 4 ou plus\u00a0: part des cellules applicables au niveau 4 ou plus, parmi celles "
        "des services qui peuvent l'atteindre"
    ) in ranking.caption
    cville = next(row for row in ranking.rows if row[2] == "90003")
    assert cville[5] == "—" and cville[0] != "—"
    assert ranking.note == CAPPED
    body = html_render(report_data(campaign=after, now=NOW))
    table = body[body.index('id="section-ranking"') :]
    assert table.index("</table>") < table.index(html.escape(CAPPED)) < table.index("</section>")


def _ranking(campaign: Campaign) -> Chart:
    charts = {c.id: c for c in _context(report_data(campaign=campaign, now=NOW))["charts"]}
    return charts["ranking"]


def test_the_reports_name_the_share_of_the_maximum_and_level_4_as_the_campaign_page(
    after: Campaign,
) -> None:
    """The key figures said « part du maximum atteignable », the tables by bracket, by domain
    and of the ranking « part du maximum »; the method said « Transactionnel\u00a0: niveau 4 ou
    plus » of a share it put over the measured cells, where it is over the applicable ones."""
    with translation.override("fr"):
        charts = _context(report_data(campaign=after, now=NOW))["charts"]
    assert {h for chart in charts for h in chart.headers if "maximum" in h} == {
        "part du maximum atteignable"
    }
    report = _words(html_render(report_data(campaign=after, now=NOW)))
    pdf = _words(campaign_pdf_html(campaign=after, now=NOW))
    short = re.compile(r"[Pp]art du maximum(?! atteignable)|[Tt]ransactionnel")
    assert short.findall(report) == short.findall(pdf) == []
    assert "Part du maximum atteignable\u00a0: moyenne, sur les cellules applicables," in report
    assert (
        "Niveau 4 ou plus\u00a0: part des cellules applicables au niveau 4 ou plus, parmi celles "
        "des services qui peuvent l'atteindre"
    ) in report


def _words(body: str) -> str:
    """The text of a page, its tags removed and its plain spaces collapsed (no-break ones
    kept)."""
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.mark.django_db
def test_the_domain_table_gives_the_share_at_level_4_as_the_ranking_does() -> None:
    """The ranking gives each commune's « niveau 4 ou plus », the domain table did not; a domain
    whose measured services all stop below level 4 has « — » there, said under the table."""
    campaign = CampaignFactory(name="c", communes=[CommuneFactory(code="85001")])
    set_cells(campaign, {("85001", "urbanisme"): 4, ("85001", "titres-identite"): 3})
    with translation.override("fr"):
        data = report_data(campaign=campaign, now=NOW)
        domains = next(c for c in _context(data)["charts"] if c.id == "domains")
    column = domains.headers.index("niveau 4 ou plus")
    shares = {row[0]: row[column] for row in domains.rows}
    assert shares[data.domain_label("cadre-de-vie")] == "100\u00a0%"
    assert shares[data.domain_label("citoyennete")] == "—"  # identity cards: maximum 3
    assert "Niveau 4 ou plus\u00a0: part des cellules applicables" in domains.caption
    assert domains.note.startswith(
        "— dans la colonne «\u00a0niveau 4 ou plus\u00a0»\u00a0: aucun service mesuré et "
        "applicable du domaine ne peut atteindre le niveau 4"
    )
    set_cells(campaign, {("85001", "titres-identite"): 0, ("85001", "listes-electorales"): 4})
    with translation.override("fr"):
        data = report_data(campaign=campaign, now=NOW)
        domains = next(c for c in _context(data)["charts"] if c.id == "domains")
    # every measured domain has its share: no level-4 note; the unmeasured domains' « — » is
    # said for what it is (it went unexplained)
    assert "—" in {row[column] for row in domains.rows}
    assert domains.note == (
        "— sur toute la ligne\u00a0: aucune cellule mesurée et applicable dans le domaine."
    )


def test_the_level_distribution_table_gives_the_base_of_its_shares(
    after: Campaign, before: Campaign
) -> None:
    """The chart draws shares of the applicable cells; its caption said « cellules mesurées »
    (a « sans objet » cell is measured, and in no bar) and its table gave the counts without
    their total, the base of each share."""
    with translation.override("fr"):
        charts = {c.id: c for c in _context(report_data(campaign=after, now=NOW))["charts"]}
    distribution = charts["distribution"]
    assert distribution.headers[-1] == "cellules applicables"
    overall = distribution.rows[0]
    assert overall[0] == "Ensemble" and overall[-1] == "35"  # 36 measured, 1 « sans objet »
    for row in distribution.rows:
        assert sum(int(n) for n in row[1:-1]) == int(row[-1]), row
    assert "mesurées et applicables (hors «\u00a0sans objet\u00a0»)" in distribution.caption


def test_the_city_change_table_says_how_many_cells_each_change_is_over(
    after: Campaign, before: Campaign
) -> None:
    """« Évolution par commune » gave each commune's two means and their change, but not over
    how many paired cells: a change over 2 cells read like one over 18. The JSON and XLSX
    reports gave the count; the table (HTML, PDF, overview, its CSV) now does too."""
    data = report_data(campaign=after, reference=before, now=NOW)
    with translation.override("fr"):
        charts = {c.id: c for c in _context(data)["charts"]}
    table = charts["city-change"]
    assert table.headers[-1] == "cellules comparables"
    assert data.comparison is not None
    paired = {x.code: str(x.cells) for x in data.comparison.by_city}
    assert {row[1]: row[-1] for row in table.rows} == paired
    assert paired["90001"] == "18"
    # the domain table's counts say what they count, as the XLSX sheet does
    assert charts["change"].headers[4:7] == [
        "cellules en hausse",
        "cellules en baisse",
        "cellules inchangées",
    ]


def test_the_bracket_table_gives_its_cells_and_its_total(after: Campaign) -> None:
    """« Par tranche de population » gave each bracket's mean without the cells it is over,
    and no total: the brackets' communes and cells now add up to a last row « Ensemble »,
    the campaign's figures (HTML report and PDF)."""
    data = report_data(campaign=after, now=NOW)
    with translation.override("fr"):
        rows = _context(data)["brackets"]
        page = html.unescape(html_render(data))
    *brackets, total = rows
    assert total[0] == "Ensemble"
    assert total[1:3] == ["2", "36"]  # Aville and Bville; Cville measured nothing
    assert sum(int(r[1]) for r in brackets) == 2 and sum(int(r[2]) for r in brackets) == 36
    overall = data.scores.overall.mean_level or 0.0
    assert total[3] == f"{overall:.2f}".replace(".", ",")  # the campaign's mean
    assert '<th scope="col" class="n">cellules mesurées</th>' in page
    assert campaign_pdf_html(campaign=after, now=NOW).count("cellules mesurées</th>") == 1
