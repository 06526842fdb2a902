"""A commune's mean and ranks rest on its measured services only: where some of its services
are unmeasured, the commune page, its PDF and the report's ranking table say how many were
measured out of how many applicable, beside the figure. They gave the mean and the rank alone,
and only the history table, at the bottom of the page, said « Cellules mesurées »."""

from __future__ import annotations

from django.utils import timezone

from barometre.outputs.pdf.reports import commune_pdf_html
from barometre.outputs.report_charts import _ranking_chart
from barometre.web.selectors import campaign_report

NBSP = "\u00a0"


def _services(site) -> int:  # type: ignore[no-untyped-def]
    return site.after.catalogue.services.count()


def _partial(site) -> str:  # type: ignore[no-untyped-def]
    return (
        f"Couverture partielle{NBSP}: 6 services mesurés sur {_services(site)} applicables. Le "
        f"niveau moyen et les rangs portent sur ces seuls services{NBSP}; un service non mesuré "
        "ne compte pas 0."
    )


def test_the_commune_page_says_its_mean_rests_on_part_of_its_services(client, site) -> None:
    body = client.get("/commune/35238/", {"campagne": "apres"}).content.decode()
    top = body.split('id="couverture-commune">', 1)[1].split("</span>", 1)[0]
    assert top == _partial(site)
    assert body.index("couverture-commune") < body.index("Les services, un par un")


def test_the_commune_pdf_says_so_beside_its_figures(site) -> None:
    html = commune_pdf_html(campaign=site.after, code="35238", now=timezone.now())
    note = html.split('id="couverture-commune">', 1)[1].split("</p>", 1)[0]
    assert note == _partial(site)
    assert html.index("couverture-commune") < html.index("Niveau de chaque service")


def test_the_report_ranking_gives_each_commune_its_services_measured(site) -> None:
    chart = _ranking_chart(campaign_report(site.after))
    assert chart.headers[-1] == "services mesurés"
    by_code = {row[2]: row[-1] for row in chart.rows}
    assert by_code["35238"] == f"6 sur {_services(site)}"
    assert by_code["44109"] == f"2 sur {_services(site)}"
