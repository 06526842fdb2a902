"""The chart tables' CSVs and pages say which case each « — » is.

The overview's tables print « — » for several things: a domain with no cell, no cell that can
reach level 4, a commune whose cells are all « sans objet », a cell nobody measured, no paired
cell, no test. Their CSV held the same « — » with nothing saying which; it now has an empty cell
and a `statut` column, and the page a legend line under each table that holds a « — »."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse

from tests.caches import forget_computed
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db

DASH = "—"
COMPLETE = {"tous les chiffres donnés", "classée"}


@pytest.fixture
def campaign() -> str:
    forget_computed()
    communes = [CommuneFactory(code=f"{85001 + i}", population=5000 - i) for i in range(3)]
    before = CampaignFactory(name="avant", communes=communes, measured_on=dt.date(2025, 1, 1))
    after = CampaignFactory(name="apres", communes=communes, measured_on=dt.date(2026, 1, 1))
    set_cells(before, {("85001", "urbanisme"): 2, ("85001", "titres-identite"): 2})
    set_cells(
        after,
        {
            ("85001", "urbanisme"): 4,  # paired: a change, too few communes for a test
            ("85002", "titres-identite"): 3,  # no service that can reach level 4, no pair
            ("85003", "titres-identite"): "na",  # every cell « sans objet »: not ranked
        },
    )
    return after.name


def _csv(client, name: str, chart: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    url = reverse("web:chart-table", kwargs={"name": name, "chart": chart})
    text = client.get(url).content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.mark.parametrize("chart", ["domains", "heatmap", "ranking", "change", "city-change"])
def test_a_chart_csv_has_an_empty_cell_and_a_status_for_each_dash(client, campaign, chart) -> None:  # type: ignore[no-untyped-def]
    header, *rows = _csv(client, campaign, chart)
    assert header[-1] == "statut"
    assert rows and not any(DASH in row for row in rows)
    for row in rows:
        status = row[-1]
        assert (status in COMPLETE) == ("" not in row[:-1]), row
        assert ";" not in status
    assert any("" in row[:-1] for row in rows), chart  # the case is there to be told


def test_the_chart_csv_statuses_name_each_case(client, campaign) -> None:  # type: ignore[no-untyped-def]
    statuses = {c: {r[-1] for r in _csv(client, campaign, c)[1:]} for c in ("ranking", "change")}
    assert any(s.startswith("non classée\u00a0: toutes ses cellules") for s in statuses["ranking"])
    assert any(s.startswith("classée, niveau 4 ou plus vide\u00a0:") for s in statuses["ranking"])
    assert (
        "p et sens du test vides\u00a0: pas de test (voir «\u00a0remarque\u00a0»)"
        in statuses["change"]
    )


def test_every_dash_of_an_overview_table_has_its_legend_line(client, campaign) -> None:  # type: ignore[no-untyped-def]
    body = client.get(reverse("web:overview", kwargs={"name": campaign})).content.decode()
    sections = re.findall(
        r'<section class="fr-mt-5w" aria-labelledby="titre-([\w-]+)">(.*?)</section>', body, re.S
    )
    told = 0
    for chart, section in sections:
        table = section[section.index("<table") : section.index("</table>")]
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", table, re.S)
        if DASH not in cells:
            continue
        after = section[section.index("</table>") :]
        notes = re.findall(r'<p class="fr-text--sm chart-note">(.*?)</p>', after, re.S)
        caption = re.search(r"<p>(.*?)</p>", section, re.S)
        legend = " ".join(notes) + (caption.group(1) if chart == "heatmap" and caption else "")
        assert DASH in legend, chart
        told += 1
    assert told == 3  # domains, change, city-change (the ranking and heatmap have pages)


def _unexplained_dashes(body: str) -> list[str]:
    """The tables of a page that print « — » in a cell with no legend line holding « — » after
    them (before the next table or heading)."""
    found = []
    for match in re.finditer(r"<table.*?</table>", body, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", match.group(0), re.S)
        ]
        if not any(c.startswith(DASH) for c in cells):
            continue
        after = re.split(r"<table|<h[1-6]", body[match.end() :], maxsplit=1)[0]
        legends = re.findall(r"<p[^>]*>(.*?)</p>", after, re.S)
        if not any(DASH in p for p in legends):
            found.append(match.group(0)[:200])
    return found


def test_every_dash_of_a_public_table_has_its_legend_line(client, campaign) -> None:  # type: ignore[no-untyped-def]
    pages = [
        reverse("web:overview", kwargs={"name": campaign}),
        reverse("web:ranking", kwargs={"name": campaign}),
        reverse("web:domain", kwargs={"name": campaign, "domain": "cadre-de-vie"}),
        reverse("web:commune", kwargs={"code": "85003"}) + f"?campagne={campaign}",
    ]
    bodies = {url: client.get(url).content.decode() for url in pages}
    assert all(DASH in b for b in bodies.values())
    assert {url: _unexplained_dashes(b) for url, b in bodies.items()} == {u: [] for u in pages}
    assert 'id="non-classees"' in bodies[pages[1]]
    assert 'id="sans-chiffre"' in bodies[pages[2]]
    assert 'id="moyenne-sans-objet"' in bodies[pages[3]]


def test_the_key_figures_say_why_they_have_no_value(client) -> None:  # type: ignore[no-untyped-def]
    """A campaign whose only measured cell is « sans objet » has no level, no share: the
    « Chiffres clés » table printed « — » with an empty « Précision » (or « 0 sur 0 »), and the
    report's figures the same."""
    from barometre.outputs.html_report import html_render
    from barometre.outputs.published import published_report

    forget_computed()
    commune = CommuneFactory(code="85010", population=900)
    empty = CampaignFactory(name="sans-chiffre", communes=[commune])
    set_cells(empty, {("85010", "urbanisme"): "na"})
    body = client.get(reverse("web:overview", kwargs={"name": empty.name})).content.decode()
    table = body[body.index("Chiffres clés") : body.index("</table>")]
    rows = re.findall(
        r"<tr><th scope=\"row\">(.*?)</th><td><strong>(.*?)</strong></td><td>(.*?)</td>", table
    )
    dashed = [(label, note) for label, value, note in rows if value == DASH]
    assert len(dashed) >= 4
    for label, note in dashed:
        assert note.startswith("aucune cellule"), label  # never « 0 sur 0 » nor nothing
    assert _unexplained_dashes(body) == []
    report = html_render(published_report(campaign=empty, now=dt.datetime.now(dt.UTC)))
    assert report.count("aucune cellule mesurée et applicable dans la campagne") >= 4
