"""The archived-page viewer showed the page as archived, with nothing to find the words the
detector kept (its signals' quotes) in a long page. The viewer lists the quotes and the frame
highlights them in `<mark>`: the page's own text written back escaped, never the quote as
markup, the frame's sandbox policy unchanged."""

from __future__ import annotations

import html
import re

from django.utils import timezone

from barometre.assessments.services.record import AutoValue, assessments_record_auto
from barometre.web.archive_links import MARK_PREFIX, LinkedPage
from barometre.web.views.commune import ARCHIVE_POLICY
from tests.web.conftest import archive_record

PAGE_URL = "http://127.0.0.1:9/mairie/recensement"
PAGE = """<html><head><title>Télécharger le dossier</title>
<script>var s = "Télécharger le dossier";</script></head><body>
<p>Vous trouverez le formulaire ici&nbsp;: <a href="/docs/f.pdf">Télécharger
  le dossier</a>. Il peut aussi être demandé par courrier.</p>
<p>Écrivez à &lt;mairie&gt; &amp; venez&nbsp;! <textarea>Télécharger le dossier</textarea></p>
</body></html>"""
QUOTES = [
    "Vous trouverez le formulaire ici : Télécharger le dossier. Il peut aussi être demandé "
    "par courrier.",
    "Télécharger le dossier",
    "Écrivez à <mairie> & venez !",
]


def _served(quotes: list[str]) -> str:
    page = LinkedPage(PAGE, page_url=PAGE_URL)
    return page.rewritten(archived={}, notice="n", elsewhere="e", marks=quotes)


def _marked(body: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<mark [^>]*>(.*?)</mark>", body, re.S)]


def test_the_quoted_words_are_marked_where_the_page_holds_them() -> None:
    body = _served(QUOTES)
    marked = _marked(body)
    # the link's text (a quote of its own); the paragraph, which spans the link, by its pieces
    assert "Télécharger\n  le dossier" in marked
    assert "Vous trouverez le formulaire ici\u00a0:" in marked
    assert ". Il peut aussi être demandé par courrier." in marked
    # the page's own escaped text, marked: no "<mairie>" tag appears
    assert "Écrivez à <mairie> & venez\u00a0!" in marked
    assert "<mairie>" not in body and "&lt;mairie&gt;" in body
    # neither the title, the script nor a form's field
    assert "<title>Télécharger le dossier</title>" in body
    assert 'var s = "Télécharger le dossier";' in body
    assert "<textarea>Télécharger le dossier</textarea>" in body
    ids = re.findall(r'<mark id="([^"]+)"', body)
    assert ids == [f"{MARK_PREFIX}{n}" for n in range(1, len(ids) + 1)]


def test_only_the_place_that_holds_the_whole_quote_is_marked() -> None:
    """A quote that spans a link is found across the page's tags, a word cut by a tag too;
    its pieces are not marked where they stand alone."""
    page = (
        "<p>Et du texte.</p><p>Un <a href='/f'>lien</a> et du texte.</p><p>Un lien</p>"
        "<p><b>T</b>éléphonez en mairie.</p>"
    )
    body = LinkedPage(page, page_url=PAGE_URL).rewritten(
        archived={}, notice="n", elsewhere="e", marks=["Un lien et du texte.", "Téléphonez en"]
    )
    assert _marked(body) == ["Un", "lien", "et du texte.", "T", "éléphonez en"]
    assert body.startswith("<p>Et du texte.</p>") and body.endswith(" mairie.</p>")


def test_without_quotes_the_page_is_served_as_before() -> None:
    assert _served([]) == LinkedPage(PAGE, page_url=PAGE_URL).rewritten(
        archived={}, notice="n", elsewhere="e"
    )
    assert "<mark" not in _served(["<script>alert(1)</script>", "ab"])  # not in the page


def test_a_quote_is_never_inserted_as_markup() -> None:
    page = "<p>Payer en ligne</p>"
    hostile = '<img src=x onerror="alert(1)">Payer en ligne'
    body = LinkedPage(page, page_url=PAGE_URL).rewritten(
        archived={}, notice="n", elsewhere="e", marks=[hostile, "Payer en ligne"]
    )
    assert body.startswith("<p><mark ") and "onerror" not in body and "<img" not in body


def test_the_viewer_lists_the_quotes_and_the_frame_marks_them(client, site, tmp_path) -> None:
    record = archive_record(tmp_path, site.after, "44109", url=PAGE_URL, body=PAGE.encode())
    slug = site.after.catalogue.services.get(position=3).slug
    rationale = [
        {"kind": "lien", "detail": "formulaire", "url": PAGE_URL, "level": 2, "quote": q}
        for q in [*QUOTES, "<script>alert('quote')</script>"]
    ]
    value = AutoValue(
        commune="44109",
        service=slug,
        level=2,
        evidence_url=PAGE_URL,
        confidence=0.6,
        evidence_record_id=record.pk,
        rationale=rationale,
    )
    assessments_record_auto(campaign=site.after, values=[value], now=timezone.now())
    viewer = client.get(f"/preuve/{record.pk}/").content.decode()
    listed = viewer.split('id="passages-releves"')[1].split("</div>")[0]
    assert listed.count('<mark class="evidence-quote">') == 4
    assert "&lt;script&gt;alert(&#x27;quote&#x27;)&lt;/script&gt;" in listed
    assert "<script>alert" not in viewer
    assert f'src="/preuve/{record.pk}/archive/#{MARK_PREFIX}1"' in viewer
    raw = client.get(f"/preuve/{record.pk}/archive/")
    assert raw["Content-Security-Policy"] == ARCHIVE_POLICY.format(
        styles="http://testserver/preuve/"
    )
    body = raw.content.decode()
    assert "T&#233;l&#233;charger\n  le dossier</mark>" in body
    assert "alert('quote')" not in body


def test_a_quote_not_on_the_page_is_listed_escaped_and_marks_nothing(client, site) -> None:
    # the site's record: its value's quote is not on the page, and the page holds no mark
    viewer = client.get(f"/preuve/{site.record.pk}/").content.decode()
    assert "Remplissez le &lt;b&gt;formulaire&lt;/b&gt; en ligne." in viewer
    assert "<b>formulaire</b>" not in viewer
    raw = client.get(f"/preuve/{site.record.pk}/archive/").content.decode()
    assert "<mark" not in raw


def test_a_blind_coder_reads_the_frame_without_the_detectors_marks(site, users, tmp_path) -> None:
    """The marks show where the detector read the proposal: a coder who codes the cell blind
    reads the archived page without them (it answered 403 to them before)."""
    from django.test import Client

    from barometre.assessments.models import Cell
    from barometre.assessments.services.draw import codings_assign

    record = archive_record(tmp_path, site.after, "44109", url=PAGE_URL, body=PAGE.encode())
    service = site.after.catalogue.services.get(position=3)
    value = AutoValue(
        commune="44109",
        service=service.slug,
        level=2,
        evidence_url=PAGE_URL,
        confidence=0.6,
        evidence_record_id=record.pk,
        rationale=[
            {"kind": "lien", "detail": "f", "url": PAGE_URL, "level": 2, "quote": QUOTES[1]}
        ],
    )
    assessments_record_auto(campaign=site.after, values=[value], now=timezone.now())
    cell = Cell.objects.get(campaign=site.after, commune_id="44109", service=service)
    codings_assign(
        cells=[cell],
        auditors=[users["auditeur"], users["coordinateur"]],
        size=1,
        seed=1,
        now=timezone.now(),
    )
    everybody, coder = Client(), Client()
    coder.force_login(users["auditeur"])
    assert "</mark>" in everybody.get(f"/preuve/{record.pk}/archive/").content.decode()
    framed = coder.get(f"/preuve/{record.pk}/archive/")
    assert framed.status_code == 200 and "no-store" in framed["Cache-Control"]
    assert "<mark" not in framed.content.decode()
    assert "Télécharger\n  le dossier" in html.unescape(framed.content.decode())
