"""Link extraction resolves every href as urljoin would, only faster (the crawl's hot loop)."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from barometre.collection.crawler.links import MAX_URL_LENGTH, extract_links
from barometre.farm import generate_farm


def reference(body: bytes, base_url: str) -> dict[str, str]:
    """The plain urljoin resolution of every link (what extract_links must agree with)."""
    tree = LexborHTMLParser(body)
    base = base_url
    node = tree.css_first("base[href]")
    if node is not None:
        base = urljoin(base_url, (node.attributes.get("href") or "").strip())
    found: dict[str, str] = {}
    for anchor in tree.css("a[href], area[href]"):
        href = (anchor.attributes.get("href") or "").strip()
        if not href or href.lower().startswith(("javascript:", "mailto:", "tel:", "data:", "#")):
            continue
        try:
            url = urljoin(base, href).split("#", 1)[0]
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            continue
        if url.startswith(("http://", "https://")) and len(url) <= MAX_URL_LENGTH:
            found.setdefault(url, host)
    return found


HREFS = [
    "/etat-civil/",
    "/a/../b",
    "./c",
    "d.html",
    "../e",
    "?page=2",
    "//cdn.ville.test/x",
    "https://www.service-public.fr/particuliers/vosdroits/R1406#top",
    "HTTPS://Ville.test/Maj",
    "http://[::1",
    "https://www.ville.test:99999/x",
    "/f#frag",
    "#seul",
    "mailto:x@ville.test",
    "/g\\\\h",
    "https://www.ville.test/./i",
]


@pytest.mark.parametrize("base", ["https://www.ville.test/vie/pratique/", "https://ville.test"])
def test_every_href_resolves_as_urljoin_would(base: str) -> None:
    body = "".join(f'<a href="{h}">lien {i}</a>' for i, h in enumerate(HREFS)).encode()
    got = {url: host for url, host, _ in extract_links(body, base)}
    assert got == reference(body, base)


def test_link_texts_are_kept_where_the_crawler_needs_them() -> None:
    body = (
        b'<a href="/demarches">Mes demarches</a>'
        b'<a href="https://www.payfip.gouv.fr/tpa/x">Payer en ligne</a>'
    )
    links = {url: text for url, _, text in extract_links(body, "https://www.ville.test/")}
    assert links["https://www.payfip.gouv.fr/tpa/x"] == "Payer en ligne"
    assert links["https://www.ville.test/demarches"] == ""  # a page of the site: text unused
    texts = extract_links(body, "https://www.ville.test/", own_host_texts=True)
    assert {text for _, _, text in texts} == {"Mes demarches", "Payer en ligne"}


def test_farm_pages_give_the_links_of_urljoin() -> None:
    farm = generate_farm(seed=3, sites=4, pages_per_site=15)
    checked = 0
    for host, routes in farm.routes.items():
        for path, resource in list(routes.items())[:40]:
            if not resource.content_type.startswith("text/html") or resource.factory:
                continue
            base = f"https://{host}{path}"
            body = resource.payload()
            got = {url: h for url, h, _ in extract_links(body, base)}
            assert got == reference(body, base), base
            checked += 1
    assert checked > 50
