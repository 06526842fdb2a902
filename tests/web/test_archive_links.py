"""Links inside an archived page lead to their archived copies, or nowhere (never to this
site's own addresses), and the viewer lists them; the sandbox policy is unchanged."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from django.conf import settings
from django.test import Client

from barometre.collection.models import EvidenceRecord
from barometre.collection.warc import HttpExchange, WarcArchive
from barometre.web.archive_links import LinkedPage, html_charset
from barometre.web.views.commune import ARCHIVE_POLICY
from tests.web.conftest import archive_record

# The test client's requests come from http://testserver.
POLICY = ARCHIVE_POLICY.format(styles="http://testserver/preuve/")

PAGE_URL = "http://127.0.0.1:9/mairie/etat-civil"
PAGE = """<html><head><title>État civil</title></head><body>
<p><a href="#demarches">Aller aux démarches</a></p>
<p><a href="naissance" target="_blank" title="acte">Acte de naissance</a></p>
<p><a href='/mairie/mariage?x=1&amp;y=2#pieces'>Mariage</a></p>
<p><A HREF="http://127.0.0.1:9/contact">Nous écrire</A></p>
<p><a href="http://127.0.0.1:9/mairie/formulaire.pdf">Formulaire</a></p>
<p><a href="javascript:alert(1)">Piège</a> <a href="mailto:mairie@127.0.0.1">Courriel</a></p>
<p><a href="etat-civil#haut">Haut de page</a> <a name="ancre">sans adresse</a></p>
<script>var s = '<a href="/dans-un-script">x</a>';</script>
<h2 id="demarches">Démarches</h2><map><area href="/plan" alt="plan"></map>
</body></html>"""


def _hrefs(body: str) -> dict[str, str | None]:
    """Each link text's href as served (None when the link was made inert)."""
    found = {}
    outside_scripts = re.sub(r"<script.*?</script>", "", body, flags=re.S)
    for attrs, text in re.findall(r"<a\b([^>]*)>([^<]*)</a>", outside_scripts, re.I):
        href = re.search(r'href="([^"]*)"', attrs)
        found[html.unescape(text)] = html.unescape(href.group(1)) if href else None
    return found


def test_links_are_resolved_against_the_pages_own_address() -> None:
    page = LinkedPage(PAGE, page_url=PAGE_URL)
    assert [link.url for link in page.links()] == [
        "http://127.0.0.1:9/mairie/naissance",
        "http://127.0.0.1:9/mairie/mariage?x=1&y=2",
        "http://127.0.0.1:9/contact",
        "http://127.0.0.1:9/mairie/formulaire.pdf",
        "http://127.0.0.1:9/plan",
    ]
    assert page.links()[2].text == "Nous écrire"
    served = page.rewritten(
        archived={
            "http://127.0.0.1:9/mairie/naissance": "/preuve/7/archive/",
            "http://127.0.0.1:9/mairie/mariage?x=1&y=2": "/preuve/8/archive/",
        },
        notice="Lien désactivé :",
        elsewhere="Lien désactivé.",
    )
    hrefs = _hrefs(served)
    assert hrefs["Aller aux démarches"] == "#demarches"
    assert hrefs["Acte de naissance"] == "/preuve/7/archive/"
    assert hrefs["Mariage"] == "/preuve/8/archive/#pieces"
    assert hrefs["Haut de page"] == "#haut"  # the page itself
    for inert in ("Nous écrire", "Formulaire", "Piège", "Courriel"):
        assert hrefs[inert] is None, inert
    assert 'title="Lien d&#233;sactiv&#233; : http://127.0.0.1:9/contact"' in served
    assert 'target="_blank"' not in served  # the sandbox forbids new windows anyway
    assert '<a name="ancre">' in served
    assert "'<a href=\"/dans-un-script\">x</a>'" in served  # a script's text is no link
    assert '<area alt="plan" title="Lien d&#233;sactiv&#233; : http://127.0.0.1:9/plan">' in served
    # everything but the link tags is served as archived
    tags = re.compile(r"<a(rea)?\b[^>]*>", re.I)
    assert tags.sub("", served) == tags.sub("", PAGE)


def test_a_base_address_in_the_page_is_followed_though_the_browser_may_not() -> None:
    source = '<base href="http://127.0.0.1:9/ailleurs/"><a href="page">lien</a>'
    assert (
        LinkedPage(source, page_url=PAGE_URL).links()[0].url == "http://127.0.0.1:9/ailleurs/page"
    )
    hostile = '<base href="javascript:alert(1)//"><a href="page">lien</a>'
    assert LinkedPage(hostile, page_url=PAGE_URL).links()[0].url == "http://127.0.0.1:9/mairie/page"


def test_pages_in_charsets_that_do_not_keep_ascii_are_served_as_archived() -> None:
    assert html_charset("") == "utf-8"
    assert html_charset("iso-8859-1") == "iso8859-1"
    assert html_charset("utf-16") is None and html_charset("klingon") is None


def test_the_frame_leads_to_archived_copies_and_the_page_lists_every_link(client, site) -> None:
    root = settings.WARC_ROOT
    page = archive_record(root, site.after, "44109", url=PAGE_URL, body=PAGE.encode("utf-8"))
    birth = archive_record(
        root, site.after, "44109", url="http://127.0.0.1:9/mairie/naissance", body=b"<p>acte</p>"
    )
    form = archive_record(
        root,
        site.after,
        "44109",
        url="http://127.0.0.1:9/mairie/formulaire.pdf",
        content_type="application/pdf",
        body=b"%PDF-1.4",
    )
    elsewhere = archive_record(  # archived in another campaign: not this archive's copy
        root, site.before, "44109", url="http://127.0.0.1:9/contact", body=b"<p>contact</p>"
    )
    raw = client.get(f"/preuve/{page.pk}/archive/")
    assert raw["Content-Security-Policy"] == POLICY
    assert raw["Content-Type"] == "text/html; charset=utf-8"
    hrefs = _hrefs(raw.content.decode("utf-8"))
    assert hrefs["Acte de naissance"] == f"/preuve/{birth.pk}/archive/"
    assert hrefs["Formulaire"] is None  # a document downloads: from the list, not the frame
    assert (
        "Document archiv&#233;, &#224; t&#233;l&#233;charger depuis la liste"
        in raw.content.decode()
    )
    assert hrefs["Nous écrire"] is None and hrefs["Mariage"] is None
    assert not [h for h in hrefs.values() if h and h.startswith("/") and "/preuve/" not in h]
    viewer = html.unescape(client.get(f"/preuve/{page.pk}/").content.decode())
    assert "5 liens de cette page" in viewer
    assert f'<a href="/preuve/{birth.pk}/">Acte de naissance</a> — copie archivée' in viewer
    assert f'<a href="/preuve/{form.pk}/">Formulaire</a> — copie archivée (document' in viewer
    assert (
        '<a href="http://127.0.0.1:9/contact" rel="noopener noreferrer nofollow" target="_blank"'
        in viewer
    )
    assert f"/preuve/{elsewhere.pk}/" not in viewer
    assert "les autres liens sont désactivés" in viewer


def test_a_page_in_another_charset_keeps_its_bytes(client, site) -> None:
    # 0x81 is no character in windows-1252: served as archived all the same
    body = "<p>Mairie de Brest : <a href='/d%C3%A9marches'>démarches</a> ".encode("cp1252")
    body += b"\x81</p>"
    record = archive_record(
        settings.WARC_ROOT,
        site.after,
        "44109",
        url=PAGE_URL,
        content_type="text/html; charset=windows-1252",
        body=body,
    )
    raw = Client().get(f"/preuve/{record.pk}/archive/")
    assert raw["Content-Type"] == "text/html; charset=windows-1252"
    assert raw.content.startswith(b"<p>Mairie de Brest : <a title=")
    assert raw.content.endswith(">démarches</a> ".encode("cp1252") + b"\x81</p>")


def _archived_redirect(campaign, url: str, location: str) -> EvidenceRecord:
    archive = WarcArchive(settings.WARC_ROOT, campaign.name, max_bytes=10_000_000, software="t")
    place = archive.write(
        HttpExchange(
            url=url,
            method="GET",
            request_headers=(("Host", "127.0.0.1"),),
            status=301,
            response_headers=(("Location", location), ("Content-Type", "text/html")),
            body=b"",
            fetched_at=datetime(2026, 3, 1, tzinfo=UTC),
            site="44109",
        )
    )
    archive.close()
    return EvidenceRecord.objects.create(
        campaign=campaign,
        commune_id="44109",
        url=url,
        status=301,
        content_type="text/html",
        warc_file=place.warc_file,
        offset=place.offset,
        length=place.length,
        digest=place.digest,
    )


def test_a_link_archived_as_a_redirect_opens_where_it_led(client, site) -> None:
    source = b"<p><a href='/contact'>Contact</a> <a href='/boucle'>Boucle</a></p>"
    page = archive_record(settings.WARC_ROOT, site.after, "44109", url=PAGE_URL, body=source)
    _archived_redirect(site.after, "http://127.0.0.1:9/contact", "/contact/")
    target = archive_record(
        settings.WARC_ROOT, site.after, "44109", url="http://127.0.0.1:9/contact/", body=b"<p>c</p>"
    )
    _archived_redirect(site.after, "http://127.0.0.1:9/boucle", "http://127.0.0.1:9/boucle")
    hrefs = _hrefs(client.get(f"/preuve/{page.pk}/archive/").content.decode())
    assert hrefs == {"Contact": f"/preuve/{target.pk}/archive/", "Boucle": None}


STYLED_PAGE = """<html><head><title>Accueil</title>
<link rel="stylesheet" href="/css/site.css" integrity="sha384-abc" crossorigin="anonymous">
<LINK REL="Stylesheet" HREF="theme.css" media="screen" />
<link rel="alternate stylesheet" href="/css/contraste.css" title="Contraste">
<link rel="stylesheet" href="https://cdn.example/absente.css">
<link rel="preload" href="/css/site.css" as="style"><link rel="dns-prefetch" href="//cdn.example">
<link rel="icon" href="/favicon.ico"><link rel="stylesheet">
</head><body><a href="/contact"><link rel="stylesheet" href="/css/site.css">Contact</a>
</body></html>"""


def test_stylesheets_load_from_their_archived_copies_and_other_links_load_nothing() -> None:
    page = LinkedPage(STYLED_PAGE, page_url=PAGE_URL)
    assert page.stylesheets() == [
        "http://127.0.0.1:9/css/site.css",
        "http://127.0.0.1:9/mairie/theme.css",
        "https://cdn.example/absente.css",
    ]
    assert [link.url for link in page.links()] == ["http://127.0.0.1:9/contact"]
    assert page.links()[0].text == "Contact"  # a <link> inside a link keeps its text whole
    served = page.rewritten(
        archived={},
        notice="Lien désactivé :",
        elsewhere="Lien désactivé.",
        styles={
            "http://127.0.0.1:9/css/site.css": "/preuve/5/style/",
            "http://127.0.0.1:9/mairie/theme.css": "/preuve/6/style/",
            "http://127.0.0.1:9/css/contraste.css": "/preuve/7/style/",
        },
    )
    # archived: loaded from the observatory, without integrity or CORS (an opaque origin asks)
    assert '<link rel="stylesheet" href="/preuve/5/style/">' in served
    assert '<link rel="Stylesheet" media="screen" href="/preuve/6/style/">' in served
    # not archived, not applied by default, not a stylesheet: no address left
    assert '<link rel="alternate stylesheet" title="Contraste">' in served
    assert served.count('<link rel="stylesheet">') == 2  # the cdn's, and the one without href
    assert served.count('href="/preuve/5/style/"') == 2  # the one inside the link too
    assert '<link rel="preload" as="style">' in served
    assert '<link rel="dns-prefetch">' in served and '<link rel="icon">' in served
    assert "cdn.example" not in served and "/css/" not in served and "favicon" not in served
    # everything but the link tags is served as archived
    tags = re.compile(r"<(a|link)\b[^>]*>", re.I)
    assert tags.sub("", served) == tags.sub("", STYLED_PAGE)


def test_the_frame_may_load_the_archived_styles_only() -> None:
    directives = dict(d.strip().partition(" ")[::2] for d in POLICY.split(";"))
    assert directives["sandbox"] == ""
    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == "http://testserver/preuve/ 'unsafe-inline'"
    assert directives["script-src"] == "'none'" and directives["font-src"] == "'none'"
    assert directives["img-src"] == "data:" and directives["base-uri"] == "'none'"


def test_an_archived_stylesheet_is_served_as_css_and_nothing_else_is(client, site) -> None:
    root = settings.WARC_ROOT
    css = b"@charset 'utf-8'; h1 { color: rgb(1, 2, 3); background: url(/fond.png); }"
    sheet = archive_record(
        root,
        site.after,
        "44109",
        url="http://127.0.0.1:9/css/site.css",
        content_type="text/css",
        body=css,
    )
    plain = archive_record(
        root,
        site.after,
        "44109",
        url="http://127.0.0.1:9/css/texte.css",
        content_type="text/plain",
        body=b"h1 { color: red; }",
    )
    page = archive_record(
        root,
        site.after,
        "44109",
        url=PAGE_URL,
        body=b'<link rel="stylesheet" href="/css/site.css"><link rel="stylesheet" '
        b'href="/css/texte.css"><h1>Accueil</h1>',
    )
    served = client.get(f"/preuve/{sheet.pk}/style/")
    assert served.status_code == 200 and served.content == css
    assert served["Content-Type"] == "text/css"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == POLICY
    assert served["Referrer-Policy"] == "no-referrer"
    # a stylesheet archived as another type would not be applied by the browser (nosniff)
    assert client.get(f"/preuve/{plain.pk}/style/").status_code == 404
    assert client.get(f"/preuve/{page.pk}/style/").status_code == 404
    framed = client.get(f"/preuve/{page.pk}/archive/")
    assert framed["Content-Security-Policy"] == POLICY
    assert framed.content.decode() == (
        f'<link rel="stylesheet" href="/preuve/{sheet.pk}/style/"><link rel="stylesheet">'
        "<h1>Accueil</h1>"
    )
    # the raw route still hands a stylesheet over as a download
    raw = client.get(f"/preuve/{sheet.pk}/archive/")
    assert raw["Content-Type"] == "application/octet-stream"
