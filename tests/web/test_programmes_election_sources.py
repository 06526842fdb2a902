"""An election's programme page listed each list's sentences without saying who led the list,
which document they were read in, nor why a second-round programme shown on the page was not
among the programmes counted: a reader could not trace a quote to its source, nor reconcile
the lists shown with the sample size of the figures."""

from __future__ import annotations

import datetime as dt
import html
import re

from django.urls import reverse

from tests.web.test_public_programmes import _programme


def _sources(client) -> list[str]:  # type: ignore[no-untyped-def]
    url = reverse("web:programmes-election", kwargs={"election": 2026})
    body = html.unescape(client.get(url).content.decode())
    found = re.findall(r'<p class="[^"]*programme-source">(.*?)</p>', body, flags=re.S)
    return [re.sub(r"<[^>]+>", "", text) for text in found]


def test_each_list_says_its_head_and_the_document_it_was_read_in(client, site) -> None:
    _programme(
        "44109",
        "Nantes demain",
        head_of_list="Jeanne Martin",
        source_name="nantes-demain.pdf",
        format="pdf",
        page_count=24,
        ocr=True,
        imported_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC),
    )
    (source,) = _sources(client)
    assert "Tête de liste\u00a0: Jeanne Martin." in source
    assert "Document\u00a0: «\u00a0nantes-demain.pdf\u00a0» (PDF, 24 pages)" in source
    assert "importé le 2 mars 2026" in source
    assert "OCR" in source


def test_a_second_round_programme_says_it_is_not_counted(client, site) -> None:
    _programme("44109", "Nantes demain")
    _programme("44109", "nantes  Demain", round=2, file_sha256="second")
    _programme("44109", "Fusion", round=2)  # no first round: counted
    sources = _sources(client)
    assert len(sources) == 3
    not_counted = [s for s in sources if "Non compté dans les chiffres" in s]
    assert len(not_counted) == 1
    assert "nantes  Demain.txt" in not_counted[0]


def test_the_page_says_what_counts_as_speaking_of_digital(client, site) -> None:
    """« 100 % des programmes lus parlent de numérique » rested on an undefined notion: what
    a sentence must say to count (a promise of the list, not news or a rival's record)."""
    _programme("44109", "Nantes demain", mentions_digital=True, themes=["site_web"])
    url = reverse("web:programmes-election", kwargs={"election": 2026})
    body = html.unescape(client.get(url).content.decode())
    (definition,) = re.findall(r'<p class="fr-text--sm" id="promesse">(.*?)</p>', body)
    assert "au moins une de ses phrases porte un thème numérique" in definition
    assert "une promesse de la liste pour la commune" in definition
    assert "bilan d'un adversaire n'est pas une promesse" in definition


def test_the_commune_page_says_the_document_each_list_was_read_in(client, site) -> None:
    _programme(
        "44109",
        "Nantes demain",
        mentions_digital=True,
        source_name="nantes-demain.html",
        format="html",
        imported_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC),
    )
    body = html.unescape(client.get("/commune/44109/").content.decode())
    (source,) = re.findall(r'<p class="[^"]*programme-source">(.*?)</p>', body, flags=re.S)
    said = "Document\u00a0: «\u00a0nantes-demain.html\u00a0» (HTML), importé le 2 mars 2026."
    assert said in re.sub(r"<[^>]+>", "", source)  # the file's name in its no-wrap span


def test_the_english_page_names_the_brackets_and_file_groups_in_english(client, site) -> None:
    """The bracket table printed its labels in French on the English page (the comparison's
    table translated them), and the open data groups kept the French « : »."""
    _programme("44109", "Nantes demain", mentions_digital=True, themes=["site_web"])
    client.cookies["barometre_langue"] = "en"
    url = reverse("web:programmes-election", kwargs={"election": 2026})
    body = html.unescape(client.get(url).content.decode())
    table = body.split("<caption>By population bracket</caption>")[1].split("</table>")[0]
    assert "moins de" not in table and "habitants et plus" not in table
    assert "inhabitants and over" in table
    assert "Programs: " in body and "Programs\u00a0:" not in body


def test_a_programme_says_when_and_where_its_list_published_it(client, site) -> None:
    """A 2014 programme said « importé le 7 décembre 2026 »: the date its list published it,
    and a link to where, when the manifest gave them; the import date otherwise."""
    _programme(
        "44109",
        "Nantes demain",
        election=2014,
        source_name="nantes-demain.pdf",
        format="pdf",
        page_count=24,
        source_url="https://nantes-demain.test/programme.pdf",
        published_on=dt.date(2014, 2, 15),
        imported_at=dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC),
    )
    _programme(
        "44109",
        "Nantes autrement",
        election=2014,
        published_on=dt.date(2014, 3, 1),
        imported_at=dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC),
    )
    _programme(
        "44109",
        "Nantes encore",
        election=2014,
        imported_at=dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC),
    )
    url = reverse("web:programmes-election", kwargs={"election": 2014})
    body = html.unescape(client.get(url).content.decode())
    found = re.findall(r'<p class="[^"]*programme-source">(.*?)</p>', body, flags=re.S)
    names = [re.search(r"«\u00a0(.*?)\u00a0»", re.sub(r"<[^>]+>", "", t))[1] for t in found]  # type: ignore[index]
    shown = dict(zip(names, found, strict=True))  # each file's name read out of its no-wrap span
    linked = shown["nantes-demain.pdf"]
    assert (
        "Document\u00a0: «\u00a0nantes-demain.pdf\u00a0» (PDF, 24 pages), publié le 15 février "
        "2014 (" in re.sub(r"<[^>]+>", "", linked)
    )
    assert "importé" not in linked
    (link,) = re.findall(r"<a [^>]*>.*?</a>", linked)
    assert 'href="https://nantes-demain.test/programme.pdf"' in link
    assert 'rel="noopener noreferrer nofollow"' in link and 'target="_blank"' in link
    assert ">source<" in link and "nouvelle fenêtre" in link
    assert "publié le 1<sup>er</sup> mars 2014." in shown["Nantes autrement.txt"]
    assert "<a " not in shown["Nantes autrement.txt"]
    assert "importé le 7 décembre 2026." in shown["Nantes encore.txt"]
    commune = html.unescape(client.get("/commune/44109/").content.decode())
    assert 'href="https://nantes-demain.test/programme.pdf"' in commune
    assert "publié le 15 février 2014" in commune
