"""The crawl archives the stylesheets of a site's pages, for the evidence viewer: bounded, polite,
outside the page budget, never analysed as pages; and the viewer serves a crawled page with them."""

import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from barometre.collection.crawler.jobs import (
    Archived,
    CrawlSite,
    FetchFailed,
    PageFetched,
    SiteFinished,
)
from barometre.collection.crawler.links import (
    MAX_LATE_LINK_ELEMENTS,
    MAX_LINKS,
    extract_references,
    late_link_elements,
)
from barometre.collection.models import EvidenceRecord
from barometre.collection.services import AuditOptions, campaign_audit, campaign_audit_from_warc
from barometre.collection.warc import read_response
from barometre.referential.models import Website
from tests.collection.conftest import crawl_events
from tests.collection.site_server import Route, SiteServer
from tests.factories import CampaignFactory, CommuneFactory

A = "www.ville-a.fr"
CSS = "text/css; charset=utf-8"


def page(*, sheets: tuple[str, ...] = (), links: tuple[str, ...] = ()) -> str:
    head = "".join(f'<link rel="stylesheet" href="{s}">' for s in sheets)
    anchors = "".join(f'<a href="{p}">{p}</a> ' for p in links)
    return f"<!doctype html><html><head><title>t</title>{head}</head><body>{anchors}</body></html>"


def build_site(server: SiteServer) -> None:
    server.add(
        A, "/robots.txt", Route(b"User-agent: *\nDisallow: /prive/\n", content_type="text/plain")
    )
    many = tuple(f"/css/s{i}.css" for i in range(10))
    server.add(
        A,
        "/",
        page(
            sheets=(
                "/css/site.css",
                "https://cdn.ailleurs.example/theme.css",  # another host: not fetched
                "/prive/cache.css",  # forbidden by robots.txt
                "/css/gros.css",  # over the stylesheet size cap
                "/css/absente.css",  # 404: no failure of the site
            ),
            links=("/p1", "/p2"),
        ),
    )
    alternate = '<link rel="alternate stylesheet" href="/css/alt.css">'
    server.add(
        A, "/p1", page(sheets=("/css/site.css", *many)).replace("</head>", alternate + "</head>")
    )
    server.add(A, "/p2", page(sheets=("/css/site.css",)))
    server.add(A, "/css/site.css", Route(b"body { color: #123456; }", content_type=CSS))
    server.add(A, "/css/gros.css", Route(b"/*" + b"x" * 5000 + b"*/", content_type=CSS))
    for path in many:
        server.add(A, path, Route(b"p { margin: 0; }", content_type=CSS))


def run(server: SiteServer, root: Path | None, **options: object) -> list[object]:
    return crawl_events(server, root, (CrawlSite("00001", (f"https://{A}/",)),), **options)


def test_a_pages_stylesheets_are_archived_within_their_own_bounds(
    server: SiteServer, tmp_path: Path
) -> None:
    build_site(server)
    events = run(server, tmp_path, page_budget=3, stylesheets_per_site=6, stylesheet_max_size=1000)
    archived = {e.url: e for e in events if isinstance(e, Archived)}  # type: ignore[attr-defined]
    sheet = archived[f"https://{A}/css/site.css"]
    assert sheet.site == "00001" and sheet.content_type == CSS
    read = read_response(tmp_path / sheet.warc_file, sheet.offset)
    assert read.body == b"body { color: #123456; }" and read.role == "stylesheet"
    # the page budget is for pages: 3 pages fetched, stylesheets besides
    pages = [e for e in events if isinstance(e, PageFetched)]
    assert sorted(e.url for e in pages) == [f"https://{A}/", f"https://{A}/p1", f"https://{A}/p2"]
    # a stylesheet is fetched once per site, never from another host, never when robots.txt
    # forbids it, never as an alternate one, and asked for as a stylesheet
    assert server.count(A, "/css/site.css") == 1
    assert server.count("cdn.ailleurs.example") == 0
    assert server.count(A, "/prive/cache.css") == 0 and server.count(A, "/css/alt.css") == 0
    asked = server.request_headers[server.hits.index((A, "/css/site.css"))]
    assert asked["Accept"].startswith("text/css")
    # the size cap: the download is abandoned, nothing is archived
    assert f"https://{A}/css/gros.css" not in archived
    # per site: 6 in all, the one robots.txt forbids included (site.css, cache.css, gros.css,
    # absente.css from the home page, then s0 and s1 from /p1)
    fetched = sorted(p for h, p in server.hits if h == A and p.endswith(".css"))
    assert fetched == [f"/css/{n}.css" for n in ("absente", "gros", "s0", "s1", "site")]
    # a missing or refused stylesheet is no failure of the site and no page of it
    assert not [e for e in events if isinstance(e, FetchFailed)]
    assert not [e for e in pages if e.url.endswith(".css")]
    finished = [e for e in events if isinstance(e, SiteFinished)]
    assert finished == [SiteFinished("00001", "done", "", 3, 0)]


def test_the_per_page_cap(server: SiteServer, tmp_path: Path) -> None:
    build_site(server)
    run(server, tmp_path, page_budget=3, stylesheets_per_site=100)
    fetched = {p for h, p in server.hits if h == A and p.startswith("/css/s") and p[6].isdigit()}
    # /p1 links site.css (already fetched) and s0..s9: the first 8 of its links are taken
    assert fetched == {f"/css/s{i}.css" for i in range(7)}


def test_the_per_page_cap_counts_the_sites_own_stylesheets_only(
    server: SiteServer, tmp_path: Path
) -> None:
    elsewhere = tuple(f"https://cdn{i}.ailleurs.example/s.css" for i in range(8))
    server.add(A, "/", page(sheets=(*elsewhere, "/css/site.css")))
    server.add(A, "/css/site.css", Route(b"body { color: #123456; }", content_type=CSS))
    run(server, tmp_path)
    assert server.count(A, "/css/site.css") == 1


@pytest.mark.parametrize("options", [{"stylesheets": False}, {"archive": False}])
def test_no_stylesheet_is_fetched_when_turned_off_or_not_archived(
    server: SiteServer, tmp_path: Path, options: dict[str, object]
) -> None:
    build_site(server)
    root = None if options.get("archive") is False else tmp_path
    run(server, root, **{k: v for k, v in options.items() if k != "archive"})
    assert not [p for h, p in server.hits if p.endswith(".css")]
    assert server.count(A, "/p2") == 1


def test_stylesheets_are_read_from_the_page_in_one_parse() -> None:
    body = (
        b'<html><head><base href="https://www.ville-a.fr/sous/">'
        b'<link rel="Stylesheet" href="a.css"><link rel="stylesheet" href="a.css">'
        b'<link rel="alternate stylesheet" href="b.css"><link rel="icon" href="i.png">'
        b'<link rel="stylesheet" href="data:text/css,x"><link rel="stylesheet" href="">'
        b'<link rel="stylesheet preload" href="//cdn.example/c.css"></head>'
        b'<body><a href="/p">p</a></body></html>'
    )
    links, sheets = extract_references(body, "https://www.ville-a.fr/", stylesheets=True)
    assert [url for url, _, _ in links] == ["https://www.ville-a.fr/p"]
    assert sheets == [
        ("https://www.ville-a.fr/sous/a.css", "www.ville-a.fr"),
        ("https://cdn.example/c.css", "cdn.example"),
    ]
    assert extract_references(body, "https://www.ville-a.fr/")[1] == []


def test_the_stylesheets_of_a_page_past_its_link_cap_are_archived(
    server: SiteServer, tmp_path: Path
) -> None:
    """A page read for its first MAX_LINKS links only lost the stylesheets it put after them
    (a `<link rel="stylesheet">` in the body, after a long directory): the evidence viewer
    then showed it unstyled. They are read past the cap, still bounded."""
    late = '<a href="/apres">après</a><link rel="stylesheet" href="/css/tard.css">'
    body = page(sheets=("/css/site.css",), links=("/",) * MAX_LINKS)
    server.add(A, "/", body.replace("</body>", late + "</body>"))
    for path in ("/css/site.css", "/css/tard.css"):
        server.add(A, path, Route(b"p { margin: 0; }", content_type=CSS))
    events = run(server, tmp_path)
    archived = {e.url for e in events if isinstance(e, Archived)}  # type: ignore[attr-defined]
    assert {f"https://{A}/css/site.css", f"https://{A}/css/tard.css"} <= archived
    assert server.count(A, "/apres") == 0  # the links past the cap are still not followed
    # bounded: the first MAX_LATE_LINK_ELEMENTS <link> elements past the cap, no more
    rest = b'<link rel="stylesheet" href="/s.css">' * (MAX_LATE_LINK_ELEMENTS + 5)
    assert late_link_elements(b"<a>" + rest, 3).count(b"<link") == MAX_LATE_LINK_ELEMENTS
    assert late_link_elements(b"<p>rien</p>", 0) == b""
    # linear: a hostile page of unclosed <link is not read again from each of them
    started = time.monotonic()
    assert late_link_elements(b"<link " * 200_000, 0) == b""
    assert time.monotonic() - started < 2


@pytest.mark.django_db
def test_an_audited_page_is_shown_with_its_archived_stylesheet(
    server: SiteServer, warc_root: Path
) -> None:
    build_site(server)
    commune = CommuneFactory(code="00001", name="Ville-A")
    Website.objects.create(
        commune=commune,
        url=f"https://{A}/",
        host=A,
        confidence="high",
        source="user",
        is_primary=True,
    )
    campaign = CampaignFactory(name="styles", communes=[commune])
    options = AuditOptions(
        farm_address=server.address, allow_private=True, polite=False, timeout=5.0, page_budget=3
    )
    summary = campaign_audit(campaign=campaign, options=options)
    assert (summary.sites_done, summary.pages) == (1, 3)  # stylesheets are no pages
    home = EvidenceRecord.objects.get(campaign=campaign, url=f"https://{A}/")
    sheet = EvidenceRecord.objects.get(campaign=campaign, url=f"https://{A}/css/site.css")
    assert sheet.commune_id == "00001" and sheet.content_type == CSS

    client = Client()
    framed = client.get(f"/preuve/{home.pk}/archive/").content.decode()
    assert f'<link rel="stylesheet" href="/preuve/{sheet.pk}/style/">' in framed
    # not archived (another host, forbidden, too large, missing): loads nothing
    assert '<link rel="stylesheet">' in framed
    assert "cdn.ailleurs" not in framed and "/css/" not in framed
    style = client.get(f"/preuve/{sheet.pk}/style/")
    assert style.status_code == 200
    assert style["Content-Type"] == "text/css; charset=utf-8"
    assert style["X-Content-Type-Options"] == "nosniff"
    assert style["Content-Security-Policy"].startswith("sandbox; default-src 'none'")
    assert style.content == b"body { color: #123456; }"
    # a page is no stylesheet
    assert client.get(f"/preuve/{home.pk}/style/").status_code == 404

    # audited again from the archive: the same pages, the stylesheets still no pages
    again = CampaignFactory(name="styles-warc", communes=[commune])
    files = sorted(warc_root.rglob("*.warc.gz"))
    from_warc = campaign_audit_from_warc(campaign=again, paths=files)
    assert (from_warc.sites_done, from_warc.pages, from_warc.errors) == (1, 3, 0)


@pytest.mark.django_db
def test_the_audit_command_can_leave_stylesheets_out(server: SiteServer, warc_root: Path) -> None:
    # a small site: the command crawls politely (about a second between requests to a host)
    server.add(A, "/", page(sheets=("/css/site.css",), links=("/p2",)))
    server.add(A, "/p2", page(sheets=("/css/site.css",)))
    server.add(A, "/css/site.css", Route(b"body { color: #123456; }", content_type=CSS))
    commune = CommuneFactory(code="00001", name="Ville-A")
    Website.objects.create(
        commune=commune,
        url=f"https://{A}/",
        host=A,
        confidence="high",
        source="user",
        is_primary=True,
    )
    CampaignFactory(name="legere", communes=[commune])
    command = ["audit", "--campaign", "legere", "--farm", server.address]
    call_command(*command, "--allow-private-addresses", "--no-stylesheets", stdout=StringIO())
    assert server.count(A, "/p2") == 1 and server.count(A, "/css/site.css") == 0
    call_command(*command, "--allow-private-addresses", "--recrawl", stdout=StringIO())
    assert server.count(A, "/p2") == 2 and server.count(A, "/css/site.css") == 1
