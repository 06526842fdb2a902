"""An election's programme page as a reader checks it: every sentence behind a theme's count is
quoted, the shares by size bracket and the disruptive share are those of the report, and
« disruptif » is explained where it is used."""

from __future__ import annotations

import html

from django.urls import reverse

from tests.web.test_public_programmes import _programme


def _page(client) -> str:  # type: ignore[no-untyped-def]
    url = reverse("web:programmes-election", kwargs={"election": 2026})
    return html.unescape(client.get(url).content.decode())


def test_every_sentence_of_a_long_programme_is_quoted_on_the_election_page(client, site) -> None:
    from barometre.programmes.models import ProgrammeSentence

    programme = _programme("44109", "Bavarde", mentions_digital=True, themes=["site_web"])
    texts = [f"Nous ouvrirons le service en ligne numéro {i}." for i in range(1, 9)]
    for index, text in enumerate(texts):
        ProgrammeSentence.objects.create(
            programme=programme, index=index, start=0, end=1, text=text, themes=["site_web"]
        )

    page = _page(client)

    # the theme's row counts 8 sentences: the reader finds the 8, not the first 5
    assert '<th scope="row">Site internet, application, réseaux sociaux</th>' in page
    for text in texts:
        assert f"«\u00a0{text}\u00a0»" in page, text
    assert "Autres phrases de ce programme (3)" in page


def test_the_election_page_gives_the_report_shares_by_bracket_and_disruptive(client, site) -> None:
    from barometre.programmes.analysis.themes import shipped_themes
    from barometre.programmes.models import ProgrammeSentence
    from barometre.programmes.reports.build import election_summary
    from barometre.web.templatetags.web_tags import fr_groups

    open_data = _programme(
        "44109", "Ouverte", mentions_digital=True, themes=["open_data"], disruptive=True
    )
    ProgrammeSentence.objects.create(
        programme=open_data,
        index=0,
        start=0,
        end=1,
        text="Les données de la ville seront publiées.",
        themes=["open_data"],
        disruptive=True,
    )
    _programme("44109", "Câblée", mentions_digital=True, themes=["tres_haut_debit"])
    _programme("44109", "Muette")
    summary = election_summary(2026, shipped_themes())
    (bracket,) = [row for row in summary.by_bracket if row.digital.n]

    page = _page(client)

    assert "<caption>Par tranche de population</caption>" in page
    label = fr_groups(bracket.label)  # « 200 000 » held whole
    row = page[page.index(f'<th scope="row">{label}</th>') :]
    row = row[: row.index("</tr>")]
    assert "<td>1</td><td>3</td><td>2</td>" in row and "67\u00a0%" in row
    assert (summary.disruptive.count, summary.disruptive.n) == (1, 3)
    # each share says over what it is counted, and its interval is named as the others
    assert (
        "proposition disruptive\u00a0: <strong>33\u00a0%</strong> des programmes lus (1 sur 3"
        "\u00a0; IC\u00a095\u00a0% [" in page
    )
    assert (
        "parmi ceux qui parlent de numérique\u00a0: <strong>50\u00a0%</strong> (1 sur 2"
        "\u00a0; IC\u00a095\u00a0% [" in page
    )
    # the share without video-protection has its base too (« 2 sur 3 »), as in the report
    assert (
        "est la vidéoprotection\u00a0: <strong>67\u00a0%</strong> (2 sur 3\u00a0; IC\u00a095"
        in page
    )
    # the themes' count is not the brackets' « Programmes » (their base): it names what it
    # counts, and the caption the base
    assert "<caption>Thèmes cités, sur 3 programmes lus</caption>" in page
    themes = page[page.index("<caption>Thèmes cités") :]
    assert '<th scope="col">Programmes qui le citent</th>' in themes[: themes.index("</thead>")]
    # the word is explained, the theme and the sentence are marked
    assert "Une proposition est dite disruptive quand elle change le fonctionnement" in page
    assert "Données ouvertes et transparence <span" in page
    assert "Les données de la ville seront publiées.\u00a0» <span" in page
    assert page.count("proposition disruptive</span>") == 1


def test_the_election_page_links_the_report_files_with_its_own_figures(client, site) -> None:
    import csv
    import io
    import json

    _programme("44109", "Numérique", mentions_digital=True, themes=["site_web"])
    _programme("44109", "Autre")
    page = _page(client)

    files = {}
    for fmt in ("csv", "json", "html"):
        url = reverse("web:programmes-file", kwargs={"election": 2026, "fmt": fmt})
        assert f'href="{url}"' in page, fmt
        response = client.get(url)
        assert response.status_code == 200, fmt
        assert f'filename="programmes-2026.{fmt}"' in response["Content-Disposition"]
        files[fmt] = response.content.decode()

    # the page's « 50 % … (1 sur 2 » is the files' figure
    assert "<strong>50\u00a0%</strong> des programmes lus parlent de numérique (1 sur 2" in page
    rows = list(csv.DictReader(io.StringIO(files["csv"])))
    digital = next(r for r in rows if r["section"] == "digital" and r["key"] == "all")
    assert (digital["count"], digital["n"], digital["share"]) == ("1", "2", "0.5")
    summary = json.loads(files["json"])["summary"]
    assert (summary["digital"]["count"], summary["digital"]["n"]) == (1, 2)
    assert "Numérique" in files["html"]


def test_a_report_file_in_an_unknown_format_or_election_is_a_french_404(client, site) -> None:
    _programme("44109", "Numérique", mentions_digital=True, themes=["site_web"])

    unknown = client.get("/programmes/2026/rapport.xls")
    assert unknown.status_code == 404
    assert "pas en «\u00a0xls\u00a0»" in html.unescape(unknown.content.decode())
    assert client.get("/programmes/2019/rapport.csv").status_code == 404
    demo = client.get("/programmes/2026/demonstration/rapport.csv")
    assert demo.status_code == 404  # no demonstration programme: never the real ones
    assert "Aucun programme de démonstration" in html.unescape(demo.content.decode())
