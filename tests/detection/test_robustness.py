"""Bad input never raises: broken markup, wrong encodings, huge pages, binary junk."""

from __future__ import annotations

import random

import pytest

from barometre.detection import Page, analyse_page

CASES = [
    "<html><body><main><h1>Crèches<p>Faire la demande <a href='https://x'>en ligne",
    "<<<>>><a href=\"javascript:alert(1)\">x</a><a href='http://[::1'>bad</a><a href='http:///'>",
    "<table><tr><td><form><input type=file><input name=a><button>OK</td></form></table>",
    "",
    "   ",
    "<html><body>" + "<div>" * 5000 + "Encombrants : prenez rendez-vous en ligne" + "</div>" * 10,
    "<main>\x00\x01\x02 État civil \ud800 acte de naissance</main>",
]


@pytest.mark.parametrize("html", CASES)
def test_malformed_html_never_raises(html: str, catalogue, platforms) -> None:
    analysis = analyse_page(
        Page(url="https://www.ville.fr/x", html=html), catalogue=catalogue, platforms=platforms
    )
    assert analysis.url == "https://www.ville.fr/x"


def test_bytes_in_a_legacy_encoding_are_decoded(catalogue, platforms) -> None:
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Crèches</title></head><body><main>'
        "<h1>Pré-inscription en crèche</h1>"
        "<p>Téléchargez le formulaire de pré-inscription (PDF).</p>"
        "</main></body></html>"
    ).encode("iso-8859-1")
    analysis = analyse_page(
        Page(url="https://www.ville.fr/creches", html=html),
        catalogue=catalogue,
        platforms=platforms,
    )
    assert [(m.service, m.level) for m in analysis.services] == [("petite-enfance", 2)]


def test_random_bytes_and_huge_pages_do_not_raise(catalogue, platforms) -> None:
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(20_000))
    analyse_page(
        Page(url="https://www.ville.fr/j", html=junk), catalogue=catalogue, platforms=platforms
    )
    huge = "<html><body><main><h1>Médiathèque</h1>" + "<p>Réservez vos livres.</p>" * 200_000
    analysis = analyse_page(
        Page(url="https://www.ville.fr/m", html=huge), catalogue=catalogue, platforms=platforms
    )
    assert analysis.service("bibliotheque") is not None


def test_a_page_with_neither_html_nor_text_is_about_nothing(catalogue, platforms) -> None:
    analysis = analyse_page(
        Page(url="https://www.ville.fr/vide"), catalogue=catalogue, platforms=platforms
    )
    assert analysis.services == () and analysis.links == ()


def test_a_pdf_response_is_not_analysed_as_a_page(catalogue, platforms) -> None:
    page = Page(
        url="https://www.ville.fr/f.pdf",
        html=b"%PDF-1.4 acte de naissance",
        content_type="application/pdf",
    )
    assert analyse_page(page, catalogue=catalogue, platforms=platforms).services == ()


def test_text_that_looks_like_internal_markers_does_not_break_analysis(
    catalogue, platforms
) -> None:
    html = "<main><h1>Crèches</h1><p>\u27e63\u27e7 Faire la demande en ligne \u27e6</p></main>"
    analysis = analyse_page(
        Page(url="https://www.ville.fr/c", html=html), catalogue=catalogue, platforms=platforms
    )
    assert analysis.service("petite-enfance") is not None


def test_random_tag_soup_never_raises(catalogue, platforms) -> None:
    rng = random.Random(11)
    pieces = [
        '<a href="', "https://www.payfip.gouv.fr/tpa/x", '">', "</a>", "<form>",
        "<input type=file>", "<h2>", "</h2>", "Crèche", " en ligne ", "cerfa n° 12345", "@",
        " : ", "·", "\x00", "<main>",
        "</main>", "<nav>", "<li>", "<script>", "<!--", "<h1>", "Payer", "Faire la demande",
        "http://[", '<a href="mailto:x">', "&#0;", '<meta charset="klingon">', "<h3>À savoir</h3>",
    ]  # fmt: skip
    for _ in range(300):
        soup = "".join(rng.choice(pieces) for _ in range(rng.randrange(60)))
        for page in (
            Page(url="https://www.v.fr/x", html=soup),
            Page(url="https://www.v.fr/x", text=soup),
        ):
            analyse_page(page, catalogue=catalogue, platforms=platforms)
