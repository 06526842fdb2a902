"""The campaign page's tables name each campaign as its user wrote it: their headers start with a
capital letter, and turned « demo-2014 » into « Demo-2014 » there while the caption, the chart's
legend and every other page said « demo-2014 »."""

from __future__ import annotations

import re

from django.urls import reverse

from barometre.referential.models import Campaign
from barometre.web.templatetags.web_tags import held_hyphenated, held_names, held_names_in_text


def _headers(body: str, title: str) -> list[str]:
    table = body[body.index(f"<caption>{title} — données") :]
    head = table[: table.index("</thead>")]
    return [re.sub("<[^>]+>", "", h) for h in re.findall(r'<th scope="col">(.*?)</th>', head)]


def test_the_change_tables_keep_the_campaign_names_as_written(client, site) -> None:
    body = client.get(reverse("web:overview", kwargs={"name": "apres"})).content.decode()
    assert _headers(body, "Évolution par commune") == [
        "Commune",
        "Code",
        "Niveau moyen avant (0\u00a0à\u00a05)",
        "Niveau moyen apres (0\u00a0à\u00a05)",
        "Évolution",
        "Cellules comparables",
    ]
    by_domain = _headers(body, "Évolution par domaine")
    assert by_domain[:4] == [
        "Domaine",
        "Niveau moyen avant (0\u00a0à\u00a05)",
        "Niveau moyen apres (0\u00a0à\u00a05)",
        "Évolution",
    ]
    assert by_domain[7] == "p (Wilcoxon)"  # a p-value's p, as in the caption's « p < 0,05 »


def test_a_campaign_name_stays_whole_in_the_headers_and_as_written_in_the_csv(client, site) -> None:
    """On a phone « demo-2014 » broke at its hyphen in a narrow header, « demo- » over « 2014 »:
    the name is held on one line by CSS (`.nowrap`), its text kept, so copied it reads the same;
    the table's CSV writes the name as it is."""
    Campaign.objects.filter(pk=site.before.pk).update(name="demo-2014")
    body = client.get(reverse("web:overview", kwargs={"name": "apres"})).content.decode()
    table = body[body.index("<caption>Évolution par commune — données") :]
    head = table[: table.index("</thead>")]
    assert (
        '<th scope="col">Niveau moyen <span class="nowrap">demo-2014</span> (0\u00a0à\u00a05)</th>'
        in head
    )
    assert (
        '<th scope="col">Niveau moyen <span class="nowrap">apres</span> (0\u00a0à\u00a05)</th>'
        in head
    )
    csv = client.get(reverse("web:chart-table", kwargs={"name": "apres", "chart": "city-change"}))
    first = csv.content.decode("utf-8-sig").splitlines()[0]
    assert "niveau moyen demo-2014 (0\u00a0à\u00a05)" in first.replace(",", ";").split(";"), first
    assert "nowrap" not in csv.content.decode("utf-8-sig")


def test_held_names_escapes_the_header_and_holds_each_name_once() -> None:
    assert held_names("niveau moyen demo-2014", ["demo-2014", "2014"]) == (
        'niveau moyen <span class="nowrap">demo-2014</span>'
    )
    assert held_names("<b>a-b</b>", ["a-b"]) == '&lt;b&gt;<span class="nowrap">a-b</span>&lt;/b&gt;'
    assert held_names("Commune", []) == "Commune"


def test_held_names_in_text_holds_each_name_in_an_inline_block() -> None:
    """In a sentence a name goes to the next line whole (`.held-name`), not `.nowrap`, which
    would push a phone's page sideways with a 64-character name."""
    assert held_names_in_text("campagne demo-2014 (2014) & <b>", ["demo-2014 (2014)", ""]) == (
        'campagne <span class="held-name">demo-2014 (2014)</span> &amp; &lt;b&gt;'
    )
    assert held_names_in_text("Sur 3 communes.", ()) == "Sur 3 communes."


def test_held_hyphenated_holds_each_short_hyphenated_word() -> None:
    """A sentence written in Python (a chart's caption, the detector's note) or a translated
    title: each word with a hyphen inside is held whole, escaped; a word too long for a phone's
    line is left free to break."""
    long = "observatoire-regional-des-services-en-ligne-2014"
    assert held_hyphenated(f"Pour demo-2014, <b> l'e-administration {long} - fin") == (
        'Pour <span class="nowrap">demo-2014,</span> &lt;b&gt; '
        f'<span class="nowrap">l&#x27;e-administration</span> {long} - fin'
    )
    assert held_hyphenated(None) == ""


def test_a_hyphenated_commune_name_is_held_whole_in_the_tables(client, site) -> None:
    """At 390 px the ranking read « Saint- » over « Étienne », and the campaign page's table of
    the change by commune likewise: the name goes whole, the table scrolls in its box."""
    from barometre.referential.models import Commune
    from tests.caches import forget_computed

    Commune.objects.filter(code="35238").update(name="Saint-Étienne")
    forget_computed()
    held = '<span class="nowrap">Saint-Étienne</span>'
    ranking = client.get(reverse("web:ranking", kwargs={"name": "apres"})).content.decode()
    assert f">{held}</a>" in ranking
    overview = client.get(reverse("web:overview", kwargs={"name": "apres"})).content.decode()
    assert f'<th scope="row">{held}</th>' in overview


def test_the_search_results_hold_hyphenated_names_whole(client, site) -> None:
    """At 320 px the results read « (44109, Loire- » over « Atlantique) »: a commune's, its
    department's and its campaign's names go to the next line whole."""
    from barometre.referential.models import Department
    from tests.factories import CommuneFactory

    CommuneFactory(code="92050", name="Nanterre")  # two results: a list, not a redirection
    Department.objects.filter(code=site.after.communes.get(code="44109").department_id).update(
        name="Loire-Atlantique"
    )
    Campaign.objects.filter(pk=site.after.pk).update(name="demo-2026")
    body = client.get(reverse("web:search"), {"q": "Nan"}).content.decode()
    assert '(44109, <span class="nowrap">Loire-Atlantique</span>)' in body
    assert 'mesurée (<span class="nowrap">demo-2026</span>)' in body


def test_the_commune_page_holds_its_department_and_epci_names_whole(client, site) -> None:
    """At 320 px a commune's page read « Bouches-du- » over « Rhône (13) », and « Métropole
    d'Aix-Marseille- » over « Provence » in its tile: the hyphenated words go whole."""
    from barometre.referential.models import Commune, Department, Epci

    commune = site.after.communes.get(code="44109")
    Department.objects.filter(code=commune.department_id).update(name="Bouches-du-Rhône")
    epci = Epci.objects.create(siren="200054807", name="Métropole d'Aix-Marseille-Provence")
    Commune.objects.filter(code="44109").update(epci=epci)
    page = client.get(reverse("web:commune", args=["44109"]), {"campagne": "apres"})
    body = page.content.decode()
    assert '<span class="nowrap">Bouches-du-Rhône</span> (' in body
    assert 'Métropole <span class="nowrap">d&#x27;Aix-Marseille-Provence</span>' in body


def test_the_evidence_page_holds_its_commune_and_campaign_names_whole(client, site) -> None:
    """At 320 px an archived page's heading lines read « Belcastel-sur- » over « Ourne »: the
    commune's and the campaign's names go whole, in its line and in the levels read on it."""
    from barometre.referential.models import Commune

    Commune.objects.filter(code=site.record.commune_id).update(name="Belcastel-sur-Ourne")
    Campaign.objects.filter(pk=site.record.campaign_id).update(name="demo-audit")
    url = reverse("web:evidence", kwargs={"pk": site.record.pk})
    body = client.get(url).content.decode()
    assert '(campagne <span class="nowrap">demo-audit</span>, <a href=' in body
    assert body.count('<span class="nowrap">Belcastel-sur-Ourne</span></a>') >= 2


def test_the_commune_page_holds_its_population_with_its_noun(client, site) -> None:
    """At 390 px Marseille's page ended a line on « 886 040 » and began the next with
    « habitants »: the count and its noun go on one line."""
    from barometre.referential.models import Commune

    Commune.objects.filter(code="44109").update(population=886040)
    page = client.get(reverse("web:commune", args=["44109"]), {"campagne": "apres"})
    assert '<span class="nowrap">886\u00a0040 habitants</span>' in page.content.decode()
