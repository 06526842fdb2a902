"""Public pages on programmes: a commune's promises beside its levels, the programme and election
pages, quoted sentences."""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.core.cache import cache, caches
from django.urls import reverse

from barometre.referential.models import Campaign


def test_commune_page_shows_each_promise_once(client, site) -> None:
    from barometre.programmes.models import Programme, ProgrammeSentence

    programme = Programme.objects.create(
        commune_id="44109",
        election=2026,
        list_name="Liste d'essai",
        source_name="essai.txt",
        format="text",
        file_sha256="0" * 64,
        text="Un guichet en ligne. Un guichet en ligne.",
        status="ok",
        mentions_digital=True,
        themes=["guichet_unique"],
    )
    for index in range(2):
        ProgrammeSentence.objects.create(
            programme=programme,
            index=index,
            start=0,
            end=20,
            text="Un guichet en ligne.",
            themes=["guichet_unique"],
        )
    body = client.get(reverse("web:commune", kwargs={"code": "44109"})).content.decode()
    assert body.count("«\u00a0Un guichet en ligne.\u00a0»") == 1
    assert "Liste d&#x27;essai" in body
    election = client.get(reverse("web:programmes-election", kwargs={"election": 2026}))
    assert election.status_code == 200
    assert "Guichet unique" in election.content.decode()
    assert "Les programmes sont lus automatiquement" in election.content.decode()
    home = client.get(reverse("web:programmes")).content.decode()
    assert "Les programmes sont lus automatiquement" in home


def test_commune_page_sets_the_elected_lists_promises_beside_levels_before_and_after(
    client, site
) -> None:
    """The elected list's promised themes, each beside the mean level of the services it
    relates to in the last campaign measured before the first round (15 March 2026) and in the
    last one after; a defeated list's themes are not set beside anything, and themes that no
    measured service stands for are named apart."""
    from barometre.programmes.models import ProgrammeSentence

    Campaign.objects.filter(name="avant").update(measured_on=date(2025, 6, 1))
    Campaign.objects.filter(name="apres").update(measured_on=date(2026, 6, 1))
    elected = _programme(
        "35238",
        "Rennes demain",
        won=True,
        mentions_digital=True,
        themes=["e_administration", "open_data"],
    )
    ProgrammeSentence.objects.create(
        programme=elected,
        index=0,
        start=0,
        end=30,
        text="Toutes les démarches en ligne.",
        themes=["e_administration"],
    )
    _programme("35238", "Battue", mentions_digital=True, themes=["smart_city"])
    body = client.get(reverse("web:commune", kwargs={"code": "35238"})).content.decode()
    section = body[body.index('id="promesses-2026"') :]
    assert "Promesses de «\u00a0Rennes demain\u00a0», élue en 2026, et niveaux mesurés" in section
    row = section[section.index("Démarches en ligne") :]
    row = row[: row.index("</tr>")]
    assert "«\u00a0Toutes les démarches en ligne.\u00a0»" in row
    before, after = re.findall(r"<strong>([\d,]+)</strong>", row)
    assert (before, after) == ("1,0", "2,0")  # six services at 1 in « avant », at 2 in « apres »
    assert "campagne avant (2025) ; 0 service sur 6 au niveau 3 ou plus" in row
    assert "campagne apres (2026) ; 0 service sur 6 au niveau 3 ou plus" in row
    assert "sans service mesuré sur l'échelle à mettre en regard : Données ouvertes" in section
    assert "Ville intelligente" not in section  # the defeated list's theme

    Campaign.objects.filter(name="avant").update(measured_on=date(2026, 4, 1))  # after, too
    cache.clear()
    caches["scores"].clear()
    body = client.get(reverse("web:commune", kwargs={"code": "35238"})).content.decode()
    row = body[body.index('id="promesses-2026"') :]
    row = row[row.index("Démarches en ligne") :]
    row = row[: row.index("</tr>")]
    assert "aucune campagne" in row and re.findall(r"<strong>([\d,]+)</strong>", row) == ["2,0"]


def test_commune_page_says_why_an_elected_lists_promises_have_no_level_beside_them(
    client, site
) -> None:
    """An elected list of 2014 that promised something digital, with campaigns measured before
    2014 and after 2026 only (the demonstration's case): no campaign measured the commune in the
    term 2014 opened, which the page says, instead of leaving the promises out without a
    word; a campaign measured within the term sets them beside its levels again."""
    Campaign.objects.filter(name="avant").update(measured_on=date(2014, 1, 1))
    Campaign.objects.filter(name="apres").update(measured_on=date(2026, 6, 1))
    _programme(
        "35238",
        "Rennes 2014",
        election=2014,
        won=True,
        mentions_digital=True,
        themes=["e_administration"],
    )
    body = client.get(reverse("web:commune", kwargs={"code": "35238"})).content.decode()
    section = body[body.index('id="promesses-2014"') :]
    assert "Promesses de «\u00a0Rennes 2014\u00a0», élue en 2014<" in section
    # what was promised is named, though nothing is set beside it
    assert "<p>Thèmes promis\u00a0: Démarches en ligne.</p>" in section
    assert (
        "Aucune campagne n&#x27;a mesuré les services de la commune pendant le mandat ouvert par "
        "cette élection (du 24 mars 2014 au 15 mars 2020)\u00a0: ces promesses ne sont mises en "
        "regard d&#x27;aucun niveau." in section
    )

    Campaign.objects.filter(name="apres").update(measured_on=date(2017, 6, 1))  # in the term
    cache.clear()
    caches["scores"].clear()
    body = client.get(reverse("web:commune", kwargs={"code": "35238"})).content.decode()
    section = body[body.index('id="promesses-2014"') :]
    assert "élue en 2014, et niveaux mesurés" in section
    assert "Aucune campagne n&#x27;a mesuré" not in section


def _programme(commune: str, name: str, **fields: object):  # type: ignore[no-untyped-def]
    from barometre.programmes.models import Programme

    values: dict[str, object] = {
        "election": 2026,
        "source_name": f"{name}.txt",
        "format": "text",
        "file_sha256": name,
        "text": "Un texte.",
        "status": "ok",
    }
    values.update(fields)
    return Programme.objects.create(commune_id=commune, list_name=name, **values)


# a figure and its « % » joined by a no-break space (U+00A0): « % » never wraps alone
SHARE = (
    '<td><span class="figure-range">50\u00a0%</span> '
    '<span class="figure-range">[9\u00a0% ; 91\u00a0%]</span></td>'
)


def test_programme_pages_give_the_report_figures_without_the_unread_programmes(
    client, site
) -> None:
    from barometre.programmes.analysis.themes import default_themes
    from barometre.programmes.reports.build import election_summary

    _programme("44109", "Numérique", mentions_digital=True, themes=["guichet_unique"])
    _programme("44109", "Autre")
    _programme("44109", "Scannée", text="", status="no_text", problem="PDF sans couche texte")
    summary = election_summary(2026, default_themes())
    assert (summary.digital.count, summary.digital.n, summary.n_without_text) == (1, 2, 1)

    home = client.get(reverse("web:programmes")).content.decode()
    row = "<td>2</td><td>1</td><td>1</td>" + SHARE
    assert row + "<td>1</td>" in home
    page = client.get(reverse("web:programmes-election", kwargs={"election": 2026}))
    body = page.content.decode()
    assert "<strong>50\u00a0%</strong> des programmes lus parlent de numérique (1 sur 2" in body
    assert "1 programme sans texte lisible" in body
    assert '<th scope="row">Guichet unique</th><td>1</td>' + SHARE in body


PLAIN_SPACE_PERCENT = re.compile(r"\d %")  # « 57 % » with a breakable space


def test_programme_and_methodology_pages_never_let_a_percent_sign_wrap_alone(client, site) -> None:
    _programme("44109", "Numérique", mentions_digital=True, themes=["guichet_unique"])
    _programme("44109", "Autre")
    for url in (
        reverse("web:programmes"),
        reverse("web:programmes-election", kwargs={"election": 2026}),
        reverse("web:methodology", kwargs={"name": "apres"}),
    ):
        body = client.get(url).content.decode()
        assert "\u00a0%" in body, url
        assert not PLAIN_SPACE_PERCENT.findall(body), url
        assert "&nbsp;" not in body and "&amp;nbsp;" not in body and "Â" not in body, url
    election = client.get(reverse("web:programmes-election", kwargs={"election": 2026}))
    assert "IC\u00a095\u00a0%" in election.content.decode()  # the template's own text too


def test_a_quoted_sentence_is_shown_on_one_line_and_stored_as_read(client, site) -> None:
    from barometre.programmes.models import ProgrammeSentence

    text = "Nous ouvrirons la\nMaison des services\nen ligne à Saint-\nDenis."
    programme = _programme(
        "44109", "Numérique", text=text, mentions_digital=True, themes=["guichet_unique"]
    )
    ProgrammeSentence.objects.create(
        programme=programme, index=0, start=0, end=len(text), text=text, themes=["guichet_unique"]
    )
    quoted = "«\u00a0Nous ouvrirons la Maison des services en ligne à Saint-Denis.\u00a0»"
    for url in (
        reverse("web:programmes-election", kwargs={"election": 2026}),
        reverse("web:commune", kwargs={"code": "44109"}),
    ):
        assert quoted in client.get(url).content.decode(), url
    detail = client.get(f"/api/v1/programmes/{programme.pk}").json()
    assert detail["sentences"][0]["text"] == quoted[2:-2]
    stored = ProgrammeSentence.objects.get(programme=programme)
    assert stored.text == programme.text[stored.start : stored.end] == text  # offsets unchanged


def test_the_election_page_says_when_its_programmes_were_read(client, site) -> None:
    import datetime as dt

    read = dt.datetime(2026, 12, 3, 23, 30, tzinfo=dt.UTC)  # 4 December in Paris
    _programme("44109", "Numérique", mentions_digital=True, read_at=read)
    body = client.get(reverse("web:programmes-election", kwargs={"election": 2026})).content
    assert "Programmes lus le 4 décembre 2026 (lecture automatique)." in body.decode()


def test_a_programme_without_text_is_said_unread_on_the_pages(client, site) -> None:
    _programme("44109", "Scannée", text="", status="no_text", problem="PDF sans couche texte")
    unread = "Texte illisible (PDF d'images ou vide) : non lu."
    for url in (
        reverse("web:commune", kwargs={"code": "44109"}),
        reverse("web:programmes-election", kwargs={"election": 2026}),
    ):
        body = client.get(url).content.decode().replace("&#x27;", "'")
        assert unread in body
        assert "Aucune promesse numérique relevée" not in body
        assert "Aucune phrase numérique relevée" not in body


def test_commune_programmes_latest_election_first_with_their_round(client, site) -> None:
    _programme("44109", "Ancienne", election=2020)
    _programme("44109", "Récente", election=2026, round=2, won=True)
    _programme("44109", "Récente", election=2026, file_sha256="r1")

    body = client.get(reverse("web:commune", kwargs={"code": "44109"})).content.decode()

    # « 1er » with its letters raised, as French typography writes it
    first = body.index("2026, 1<sup>er</sup> tour — Récente")
    second = body.index("2026, 2<sup>d</sup> tour — Récente")
    assert first < second < body.index("2020, 1<sup>er</sup> tour — Ancienne")
    page = client.get(reverse("web:programmes-election", kwargs={"election": 2026}))
    assert 'Récente <span class="fr-text--sm">(2<sup>d</sup> tour)</span>' in page.content.decode()


def test_the_commune_page_names_the_head_of_list_as_the_election_page_does(client, site) -> None:
    """The heading stacked two brackets (« Nantes en commun (démonstration) (Personne fictive
    A) »): the head of list read as a second name of the list."""
    _programme("44109", "Nantes en commun", head_of_list="Camille Martin")

    body = client.get(reverse("web:commune", kwargs={"code": "44109"})).content.decode()

    assert "(Camille Martin)" not in body
    assert "Tête de liste\u00a0: Camille Martin." in body
    heading = body.index("1<sup>er</sup> tour — Nantes en commun")
    assert heading < body.index("Tête de liste\u00a0: Camille Martin.")


def test_the_round_reads_1st_round_in_english(client, site) -> None:
    """The markup is the French catalogue's: the English « 1st round » has none."""
    _programme("44109", "Récente", election=2026)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("web:commune", kwargs={"code": "44109"})).content.decode()
    assert "2026, 1st round — Récente" in body and "<sup>" not in body


def test_a_programme_s_file_name_is_held_whole(client, site) -> None:
    """At 390 px the election's page read « programme- » over « 3.txt » under a list's name:
    the file's name goes whole to the next line, on that page and on its commune's."""
    _programme("44109", "programme-3", won=True, mentions_digital=True, themes=["site_web"])
    held = 'Document\u00a0: «\u00a0<span class="nowrap">programme-3.txt</span>\u00a0»'
    for url in ("/programmes/2026/", "/commune/44109/"):
        assert held in client.get(url).content.decode(), url
