"""A commune's mean and ranks rest on its measured services only: where some of its services
are unmeasured, the commune page, its PDF and the report's ranking table say how many were
measured out of how many applicable, beside the figure. They gave the mean and the rank alone,
and only the history table, at the bottom of the page, said « Cellules mesurées »."""

from __future__ import annotations

import html as htmllib
import re

from django.utils import timezone

from barometre.outputs.pdf.reports import commune_pdf_html
from barometre.outputs.report_charts import _ranking_chart
from barometre.web.selectors import campaign_report
from tests.caches import forget_computed
from tests.factories import set_cells

NBSP = "\u00a0"


def _services(site) -> int:  # type: ignore[no-untyped-def]
    return site.after.catalogue.services.count()


def _partial(site) -> str:  # type: ignore[no-untyped-def]
    return (
        f"Couverture partielle{NBSP}: 6 services mesurés sur\u00a0{_services(site)} "
        "applicables. Le "
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
    assert by_code["35238"] == f"6\u00a0sur\u00a0{_services(site)}"
    assert by_code["44109"] == f"2\u00a0sur\u00a0{_services(site)}"


def _note(body: str, end: str = "</span>") -> str:
    return htmllib.unescape(body.split('id="couverture-commune">', 1)[1].split(end, 1)[0])


def _all_not_applicable(site, count: int | None = None) -> None:  # type: ignore[no-untyped-def]
    """Brest: its services « sans objet » in « apres » (all of them, or the first `count`), the
    others unmeasured; Brest is alone in its population bracket."""
    slugs = list(site.after.catalogue.services.order_by("position").values_list("slug", flat=True))
    set_cells(site.after, {("29019", s): "na" for s in slugs[:count]})
    forget_computed()


def _nothing_applies(site) -> str:  # type: ignore[no-untyped-def]
    return (
        f"Aucun service ne s'applique à cette commune{NBSP}: ses {_services(site)} services sont "
        f"tous «{NBSP}sans objet{NBSP}». Elle n'a donc ni niveau moyen ni rang, ce qui n'est pas "
        "un niveau 0."
    )


def test_a_commune_where_no_service_applies_is_told_so_on_its_page(client, site) -> None:
    _all_not_applicable(site)
    body = client.get("/commune/29019/", {"campagne": "apres"}).content.decode()
    note = _note(body)
    assert note == _nothing_applies(site)
    assert "fr-icon-info-line" in body.split('id="couverture-commune">', 1)[0][-200:]


def test_a_commune_where_no_service_applies_gets_no_zero_count_in_its_pdf(site) -> None:
    _all_not_applicable(site)
    html = commune_pdf_html(campaign=site.after, code="29019", now=timezone.now())
    note = _note(html, "</p>")
    assert note == _nothing_applies(site)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "aucune commune classée dans la tranche" in text
    assert "0 commune" not in text


def test_the_report_ranking_says_no_service_applies_rather_than_0_sur_0(site) -> None:
    _all_not_applicable(site)
    chart = _ranking_chart(campaign_report(site.after))
    by_code = {row[2]: row[-1] for row in chart.rows}
    assert by_code["29019"] == "aucun applicable"


def test_a_commune_with_no_applicable_service_measured_yet_is_not_told_of_one(client, site) -> None:
    """Some services « sans objet », the others unmeasured: it said « Couverture partielle :
    0 service mesuré sur 12 applicables. Le niveau moyen et les rangs portent sur ce seul
    service », of a commune with neither."""
    _all_not_applicable(site, count=6)
    body = client.get("/commune/29019/", {"campagne": "apres"}).content.decode()
    note = _note(body)
    assert note == (
        f"Aucun service applicable n'est encore mesuré{NBSP}: {_services(site) - 6} services non "
        f"mesurés, 6 «{NBSP}sans objet{NBSP}». La commune n'a pas encore de niveau moyen ni de "
        f"rang{NBSP}; un service non mesuré ne compte pas 0."
    )
    assert "fr-icon-warning-line" in body.split('id="couverture-commune">', 1)[0][-200:]


def test_the_commune_page_says_among_how_many_its_national_rank_is(client, site) -> None:
    """The tile said « rang national : 1 » alone, where its PDF says « sur 3 communes
    classées » (Rennes and Brest share the first rank, Nantes is third)."""
    body = client.get("/commune/35238/", {"campagne": "apres"}).content.decode()
    tile = htmllib.unescape(body.split('class="fr-tile__desc">', 1)[1].split("</p>", 1)[0])
    assert tile.endswith(f"· rang national{NBSP}: 1\u00a0sur\u00a03")
