"""Public pages say what the reports say: the direction of a change, ranks with ties, counts of
the cells a figure is over, shares named for what they count."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from barometre.referential.models import Campaign
from barometre.web.views.common import _neutral
from tests.caches import forget_computed
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    """The page's words, tags removed and spaces collapsed."""
    return _text_of(response.content.decode())


def _text_of(body: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    forget_computed()


def _slugs(campaign: Campaign, domain: str | None = None) -> list[str]:
    services = campaign.catalogue.services.order_by("position")
    if domain:
        services = services.filter(domain=domain)
    return list(services.values_list("slug", flat=True))


def _earlier(campaign: Campaign) -> None:
    long_ago = timezone.now() - timezone.timedelta(days=400)
    Campaign.objects.filter(pk=campaign.pk).update(
        created_at=long_ago, measured_on=timezone.localdate(long_ago)
    )


def test_overview_says_a_significant_fall_is_a_fall(client) -> None:
    communes = [CommuneFactory(code=f"{10001 + i}", population=5000 + i) for i in range(8)]
    before = CampaignFactory(name="avant", communes=communes)
    after = CampaignFactory(name="apres", communes=communes)
    _earlier(before)
    family = _slugs(after, "famille")
    others = [s for s in _slugs(after) if s not in family][:3]
    set_cells(before, {(c.code, s): 3 for c in communes for s in family + others})
    set_cells(after, {(c.code, s): 1 for c in communes for s in family})
    set_cells(after, {(c.code, s): 3 for c in communes for s in others})
    text = _text(client.get(reverse("web:overview", kwargs={"name": "apres"})))
    assert "Progression" not in text
    assert "Évolution significative (Wilcoxon, p < 0,05) : Famille" in text
    # the direction of the communes' changes the test is run on, with their counts
    assert "(en baisse : 0 commune en hausse, 8 en baisse)" in text


def test_rank_in_the_bracket_shares_a_tie(client) -> None:
    # three communes of one bracket: the two largest tie at 2, the third is below
    communes = [CommuneFactory(code=f"{20001 + i}", population=60_000 - i) for i in range(3)]
    campaign = CampaignFactory(name="c", communes=communes)
    slugs = _slugs(campaign)[:2]
    levels = {"20001": 2, "20002": 2, "20003": 1}
    set_cells(campaign, {(code, s): level for code, level in levels.items() for s in slugs})
    positions = {}
    for code in levels:
        text = _text(client.get(reverse("web:commune", kwargs={"code": code})))
        positions[code] = re.search(r"(\d+)\s+sur\s+3 parmi les communes", text).group(1)
    assert positions == {"20001": "1", "20002": "1", "20003": "3"}


def test_chart_csv_writes_signed_changes_as_plain_numbers_and_neutralises_formulas(client) -> None:
    communes = [CommuneFactory(code=f"{30001 + i}", population=5000 + i) for i in range(2)]
    before = CampaignFactory(name="avant", communes=communes)
    after = CampaignFactory(name="apres", communes=communes)
    _earlier(before)
    slugs = _slugs(after)[:2]
    set_cells(before, {(c.code, s): 1 for c in communes for s in slugs})
    set_cells(after, {(c.code, s): 2 for c in communes for s in slugs})
    url = reverse("web:chart-table", kwargs={"name": "apres", "chart": "change"})
    body = client.get(url).content.decode()
    assert ";1,00;" in body  # shown « +1,00 » on the page: no cell starts with « + »
    assert ";+" not in body and "'+" not in body
    assert _neutral("+0,08") == "0,08"
    assert _neutral("+x") == "'+x"
    assert _neutral("=1+1") == "'=1+1"
    assert _neutral("-0,25") == "-0,25"
    assert _neutral("-x") == "'-x"


def test_ranking_prints_different_means_of_different_ranks_differently(client) -> None:
    # 35/17 = 2,0588 and 37/18 = 2,0556 both round to 2,06: three decimals tell them apart
    first, second = CommuneFactory(code="40001", population=9), CommuneFactory(code="40002")
    campaign = CampaignFactory(name="c", communes=[first, second])
    slugs = _slugs(campaign)
    first_levels = [3] * 1 + [2] * 16  # 17 services, sum 35
    second_levels = [3] * 1 + [2] * 17  # 18 services, sum 37
    set_cells(campaign, {("40001", s): v for s, v in zip(slugs, first_levels, strict=False)})
    set_cells(campaign, {("40002", s): v for s, v in zip(slugs, second_levels, strict=True)})
    text = _text(client.get(reverse("web:ranking", kwargs={"name": "c"})))
    assert "2,059" in text
    assert "2,056" in text
    home = _text(client.get(reverse("web:home")))
    assert "2,059" in home
    assert "2,056" in home


def _day(days_ago: int) -> str:
    """The date the page prints for a campaign measured `days_ago` days ago ("5 décembre 2026",
    "1er novembre 2025": Django's "j F Y" said « 1 novembre » and failed on such a day)."""
    from barometre.outputs.labels import date_label

    return date_label(timezone.localdate(timezone.now() - timezone.timedelta(days=days_ago)))


def _history(client, code: str) -> list[list[str]]:
    body = client.get(reverse("web:commune", kwargs={"code": code})).content.decode()
    table = body[body.index("Au fil des campagnes") :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def test_commune_history_gives_the_scores_figures(client) -> None:
    commune = CommuneFactory(code="50001", population=9000)
    before = CampaignFactory(name="avant", communes=[commune])
    after = CampaignFactory(name="apres", communes=[commune])
    _earlier(before)
    slugs = _slugs(after)
    set_cells(before, {("50001", s): "na" for s in slugs[:3]})
    set_cells(after, {("50001", s): 2 for s in slugs[:17]} | {("50001", slugs[17]): "na"})
    # the services the mean is over, out of the applicable ones, the « sans objet » apart (it
    # said « Cellules mesurées 3, dont sans objet 3 » of a campaign that measured none of them)
    assert _history(client, "50001") == [
        [
            "Campagne",
            "Mesurée le",
            "Niveau moyen (0 à 5)",
            "Services mesurés",
            "Sans objet",
        ],
        ["avant", _day(400), "—", "0 sur 15", "3"],
        ["apres", _day(0), "2,00", "17 sur 17", "1"],
    ]


def test_commune_history_says_no_service_applies_rather_than_a_count(client) -> None:
    commune = CommuneFactory(code="50002", population=9000)
    campaign = CampaignFactory(name="seule", communes=[commune])
    set_cells(campaign, {("50002", s): "na" for s in _slugs(campaign)})
    assert _history(client, "50002")[1] == ["seule", _day(0), "—", "aucun applicable", "18"]


def test_commune_page_says_why_a_campaign_shows_nothing_of_it(client) -> None:
    commune, other = CommuneFactory(code="60001"), CommuneFactory(code="60002")
    measured = CampaignFactory(name="mesuree", communes=[commune])
    empty = CampaignFactory(name="vide", communes=[commune, other])
    CampaignFactory(name="ailleurs", communes=[other])
    set_cells(measured, {("60001", s): 2 for s in _slugs(measured)})
    set_cells(empty, {("60002", s): 2 for s in _slugs(empty)[:1]})
    url = reverse("web:commune", kwargs={"code": "60001"})
    never = "n'a encore été mesurée dans aucune campagne"
    text = _text(client.get(url, {"campagne": "vide"}))
    assert never not in text
    assert "Aucun service de cette commune n'est encore mesuré dans la campagne « vide »" in text
    assert "Les campagnes où elle est mesurée sont ci-dessous." in text
    assert f"mesuree {_day(0)} 2,00 18 sur 18 0" in text
    text = _text(client.get(url, {"campagne": "ailleurs"}))
    assert "Cette commune ne fait pas partie de la campagne « ailleurs »." in text
    # a name no campaign has is a 404 (tests/web/test_commune_unknown_campaign.py)
    assert client.get(url, {"campagne": "inconnue"}).status_code == 404
    text = _text(
        client.get(reverse("web:commune", kwargs={"code": "60002"}), {"campagne": "mesuree"})
    )
    assert "Elle n'a encore été mesurée dans aucune campagne." not in text  # measured in « vide »
    assert never in _text(
        client.get(reverse("web:commune", kwargs={"code": CommuneFactory().code}))
    )


def test_domain_page_counts_the_cells_its_mean_is_over(client) -> None:
    communes = [CommuneFactory(code=f"{70001 + i}", population=5000 + i) for i in range(2)]
    campaign = CampaignFactory(name="c", communes=communes)
    family = _slugs(campaign, "famille")
    set_cells(campaign, {(c.code, s): 2 for c in communes for s in family})
    set_cells(campaign, {("70001", family[0]): "na"})
    n = 2 * len(family)
    text = _text(client.get(reverse("web:domain", kwargs={"name": "c", "domain": "famille"})))
    # « <strong>2,00</strong>, sur » : the tags removed leave a space before the comma
    assert f"2,00 , sur {n - 1} cellules applicables (sans compter 1 cellule sans objet) ;" in text
    other = _slugs(campaign, "etat-civil")
    set_cells(campaign, {(c.code, s): 1 for c in communes for s in other})
    text = _text(client.get(reverse("web:domain", kwargs={"name": "c", "domain": "etat-civil"})))
    assert f"1,00 , sur {2 * len(other)} cellules applicables ; part du maximum" in text


def test_shares_are_named_for_what_they_count(client) -> None:
    communes = [CommuneFactory(code=f"{80001 + i}", population=5000 + i) for i in range(4)]
    campaign = CampaignFactory(name="c", communes=communes)
    service = campaign.catalogue.services.get(slug="titres-identite")
    assert service.max_level == 3
    set_cells(campaign, {(c.code, service.slug): 2 for c in communes[1:]})
    set_cells(campaign, {(communes[0].code, service.slug): 3})
    url = reverse("web:service", kwargs={"name": "c", "slug": service.slug})
    text = _text(client.get(url))
    assert "réalisable" not in text
    assert "entièrement en ligne (au niveau maximal du service) : 25 %." in text
    assert "transactionnels" not in text  # no level 4 for this service
    home = _text(client.get(reverse("web:home")))
    assert "réalisable" not in home
    # its cells are no failed transaction: the share has no cell to be over, not « 0 % »
    assert "0 % des cellules" not in home
    assert "— des cellules au niveau 4 ou plus" in home  # the tile: no share, not 0 %
    assert "Niveau 4 ou plus : aucune cellule applicable d'un service qui peut atteindre" in home
    url = reverse("web:domain", kwargs={"name": "c", "domain": service.domain})
    domain = _text(client.get(url))
    assert "Carte d'identité et passeport 2,25 75 % — (niveau maximal 3)" in domain


def test_the_campaign_page_names_its_shares_of_cells(client) -> None:
    """« services entièrement en ligne » and « services transactionnels » counted cells
    (commune × service), not services: 2 communes × 1 service at level 4 are 2 cells."""
    communes = [CommuneFactory(code=f"{81001 + i}", population=5000 + i) for i in range(2)]
    CampaignFactory(name="c", communes=communes)
    set_cells(Campaign.objects.get(name="c"), {(c.code, "urbanisme"): 4 for c in communes})
    text = _text(client.get(reverse("web:overview", kwargs={"name": "c"})))
    assert "services entièrement en ligne" not in text
    assert "services transactionnels" not in text
    assert (
        "part des cellules au niveau 4 ou plus (démarche menée jusqu'au bout en ligne) 100 % "
        "2 sur 2 cellules applicables au niveau 4 ou plus"
    ) in text, text
    assert "part des cellules au niveau maximal du service (entièrement en ligne)" in text


def test_heatmap_lists_a_commune_whose_cells_are_all_not_applicable(client) -> None:
    ranked, none = CommuneFactory(code="90001", population=9), CommuneFactory(code="90002")
    unmeasured = CommuneFactory(code="90003")
    campaign = CampaignFactory(name="c", communes=[ranked, none, unmeasured])
    slugs = _slugs(campaign)[:2]
    set_cells(campaign, {("90001", s): 2 for s in slugs} | {("90002", s): "na" for s in slugs})
    body = client.get(reverse("web:heatmap", kwargs={"name": "c"})).content.decode()
    assert "2 au total" in _text_of(body)
    assert "/commune/90002/" in body
    assert "/commune/90003/" not in body  # nothing measured: left out, as in the reports
    assert body.index("/commune/90001/") < body.index("/commune/90002/")


def test_an_imported_level_is_said_importe_on_every_page(client) -> None:
    commune = CommuneFactory(code="91001")
    campaign = CampaignFactory(name="c", communes=[commune])
    slug = _slugs(campaign)[0]
    set_cells(campaign, {("91001", slug): 2})
    service = _text(client.get(reverse("web:service", kwargs={"name": "c", "slug": slug})))
    assert re.search(r"Commune \d+ \(91001\) 2 importé", service)
    method = _text(client.get(reverse("web:methodology", kwargs={"name": "c"})))
    assert "Origine des valeurs : 1 niveau importé." in method
    assert "« import »" not in method
    assert "importé" in _text(client.get(reverse("web:commune", kwargs={"code": "91001"})))


def test_counts_agree_with_their_noun(client) -> None:
    # French takes the singular for 0 and 1
    commune = CommuneFactory(code="92001", population=1)
    before = CampaignFactory(name="avant", communes=[commune])
    after = CampaignFactory(name="apres", communes=[commune])
    _earlier(before)
    slug = _slugs(after)[0]
    set_cells(before, {("92001", slug): 1})
    set_cells(after, {("92001", slug): 1})
    overview = _text(client.get(reverse("web:overview", kwargs={"name": "apres"})))
    assert "Sur 1 cellule comparable, le niveau moyen passe de" in overview
    assert "0 en baisse, 1 inchangée." in overview
    home = _text(client.get(reverse("web:home")))
    assert "sur 1 cellule comparable." in home
    assert "apres — 1 cellule" in home
    ranking = _text(client.get(reverse("web:ranking", kwargs={"name": "apres"})))
    assert "1 commune classée." in ranking
    assert "0 commune classée." in _text(
        client.get(reverse("web:ranking", kwargs={"name": "apres"}), {"tranche": "ge200000"})
    )
    page = _text(client.get(reverse("web:commune", kwargs={"code": "92001"})))
    assert "1 habitant" in page, page[:600]
    method = _text(client.get(reverse("web:methodology", kwargs={"name": "apres"})))
    assert "1 niveau importé." in method
    found = re.search(r"\b[01] (cellules|codages|services|extraits)\b", method)
    assert not found, method[found.start() - 80 : found.end() + 40]
    search = _text(client.get(reverse("web:search"), {"q": "Commune"}))
    assert not re.search(r"\b[01] communes trouvées", search)


def test_ranking_lists_last_without_rank_the_communes_whose_cells_are_all_not_applicable(
    client,
) -> None:
    """The page left out, without a word, a commune whose every cell is « sans objet », while
    the reports list it last with no rank: the page and its CSV now do as the reports do."""
    ranked, apart = CommuneFactory(code="50001", population=9), CommuneFactory(code="50002")
    campaign = CampaignFactory(name="c", communes=[ranked, apart])
    slugs = _slugs(campaign)[:2]
    set_cells(campaign, {("50001", s): 2 for s in slugs})
    set_cells(campaign, {("50002", s): "na" for s in slugs})
    url = reverse("web:ranking", kwargs={"name": "c"})
    text = _text(client.get(url))
    assert "1 commune classée." in text
    assert (
        "1 commune dont toutes les cellules mesurées sont « sans objet » n'est pas classée ; "
        "elle figure en dernier, sans rang." in text
    )  # « toutes les cellules » said so of a commune whose 16 other services are unmeasured
    rows = re.findall(
        r"<tr><td>(.*?)</td><th scope=\"row\"><a [^>]*>(<span[^>]*>[^<]*</span>)</a> <span[^>]*>"
        r"\((\d+)\)",
        client.get(url).content.decode(),
    )
    assert [(rank, code) for rank, _name, code in rows] == [("1", "50001"), ("—", "50002")]
    lines = client.get(url, {"format": "csv"}).content.decode("utf-8-sig").splitlines()
    assert [line.split(";")[:2] for line in lines[1:]] == [["1", "50001"], ["", "50002"]]
    # no « — », which the level-4 column used for another case: empty, and the status says why
    assert lines[2].split(";")[3:7] == ["", "", "", "2"]
    assert lines[2].split(";")[7].startswith("non classée : toutes ses cellules mesurées sont")
    assert lines[1].split(";")[7] == "classée"


def test_the_ranking_says_why_a_commune_has_no_share_at_level_4(client) -> None:
    """A commune measured on its identity cards alone (maximum 3) showed « — » at level 4 with
    nothing to say why: a marker, its words for a screen reader, and a note under the table."""
    communes = [CommuneFactory(code=f"{82001 + i}", population=5000 - i) for i in range(2)]
    campaign = CampaignFactory(name="c", communes=communes)
    set_cells(campaign, {("82001", "urbanisme"): 4, ("82002", "titres-identite"): 3})
    body = client.get(reverse("web:ranking", kwargs={"name": "c"})).content.decode()
    text = _text_of(body)
    assert "Transactionnels" not in text
    assert (
        "Niveau 4 ou plus : part des cellules applicables au niveau 4 ou plus, parmi celles des "
        "services qui peuvent l'atteindre"
    ) in text
    said = "aucun des services mesurés et applicables de la commune ne peut atteindre le niveau 4"
    row = body[body.index("/commune/82002/") :]
    row = _text_of(row[: row.index("</tr>")])
    assert row.endswith(f"3,00 100 % — * ({said})"), row
    assert body.count(said) == 1  # the other commune's 100 % is no « — »
    assert "* Aucun des services mesurés et applicables de la commune ne peut atteindre" in text
    set_cells(campaign, {("82002", "urbanisme"): 2})
    forget_computed()
    text = _text(client.get(reverse("web:ranking", kwargs={"name": "c"})))
    assert "Aucun des services mesurés" not in text and "— *" not in text


def test_the_ranking_csv_gives_the_share_at_level_4_as_the_page_does(client) -> None:
    """The page's « Niveau 4 ou plus » column was missing from its CSV (« Classement complet »
    on the campaign page). A commune whose measured applicable services all stop below level 4
    has an empty cell there, never « 0 % », its status saying why."""
    communes = [CommuneFactory(code=f"{83001 + i}", population=5000 - i) for i in range(2)]
    campaign = CampaignFactory(name="c", communes=communes)
    set_cells(campaign, {("83001", "urbanisme"): 4, ("83002", "titres-identite"): 3})
    url = reverse("web:ranking", kwargs={"name": "c"})
    header, *rows = client.get(url, {"format": "csv"}).content.decode("utf-8-sig").splitlines()
    names = header.split(";")
    assert names[4:] == [
        "part du maximum atteignable",
        "part des cellules au niveau 4 ou plus",
        "cellules",
        "statut",
    ]
    level_4 = {row.split(";")[1]: row.split(";")[5] for row in rows}
    assert level_4 == {"83001": "100\u00a0%", "83002": ""}  # empty, never « — » nor « 0 % »
    status = {row.split(";")[1]: row.split(";")[7] for row in rows}
    assert status["83001"] == "classée"
    assert status["83002"].startswith("classée, niveau 4 ou plus vide : aucun de ses services")


def test_the_domain_sentence_gives_the_share_at_level_4_as_the_services_do(client) -> None:
    """The domain's sentence gave its mean, its share of the maximum and « entièrement en
    ligne » but not « Niveau 4 ou plus », which its services' table and pages give; a domain
    whose services cannot reach level 4 says so rather than « 0 % » or « — »."""
    communes = [CommuneFactory(code=f"{84001 + i}", population=5000 - i) for i in range(2)]
    campaign = CampaignFactory(name="c", communes=communes)
    set_cells(campaign, {("84001", "urbanisme"): 4, ("84002", "urbanisme"): 2})
    set_cells(campaign, {("84001", "titres-identite"): 3})
    url = reverse("web:domain", kwargs={"name": "c", "domain": "cadre-de-vie"})
    assert (
        "entièrement en ligne (au niveau maximal du service) : 50 % ; niveau 4 "
        "ou plus (démarche menée jusqu'au bout en ligne) : 50 %."
    ) in _text(client.get(url))
    url = reverse("web:domain", kwargs={"name": "c", "domain": "citoyennete"})
    assert (
        "niveau 4 ou plus (démarche menée jusqu'au bout en ligne) : aucune cellule "
        "applicable d'un service qui peut atteindre le niveau 4."
    ) in _text(client.get(url))


def test_the_methodology_page_words_its_intervals_as_every_other_page(client):
    """The commune page and the reports write an interval « 51 % à 65 % »; the methodology page
    wrote « 51 % – 65 % » in its tables."""
    campaign = CampaignFactory(name="2026", communes=[CommuneFactory(code="90001")])
    set_cells(campaign, {("90001", "actes-etat-civil"): 2})
    body = client.get(reverse("web:methodology", kwargs={"name": "2026"})).content.decode()
    ranges = re.findall(r'<td class="figure-range">([^<]*)</td>', body)
    assert any(" à " in r for r in ranges), ranges
    assert not any(" – " in r for r in ranges), ranges


def test_the_domain_page_counts_the_unchanged_cells(client) -> None:
    # famille: 93001 has two cells up and two the same, 93002 three the same
    communes = [CommuneFactory(code=code) for code in ("93001", "93002")]
    before = CampaignFactory(name="avant", communes=communes)
    after = CampaignFactory(name="apres", communes=communes)
    _earlier(before)
    family = _slugs(after, "famille")[:4]
    levels = {("93001", s): 2 for s in family} | {("93002", s): 1 for s in family[:3]}
    set_cells(before, levels)
    set_cells(after, levels | {("93001", family[0]): 3, ("93001", family[1]): 4})
    page = client.get(reverse("web:domain", kwargs={"name": "apres", "domain": "famille"}))
    assert "(2 cellules en hausse, 0 en baisse, 5 inchangées)" in _text(page)


def test_the_methodology_page_says_the_origins_as_the_other_pages(client) -> None:
    # a level and a « sans objet », both imported: two counts, as on the home page, never
    # « 2 cellules d'origine importé »
    commune = CommuneFactory(code="94001")
    campaign = CampaignFactory(name="c", communes=[commune])
    first, second = _slugs(campaign)[:2]
    set_cells(campaign, {("94001", first): 2, ("94001", second): "na"})
    said = "Origine des valeurs : 1 niveau importé, 1 « sans objet » importé."
    assert said in _text(client.get(reverse("web:home")))
    method = _text(client.get(reverse("web:methodology", kwargs={"name": "c"})))
    assert said in method
    assert "d'origine « importé »" not in method
