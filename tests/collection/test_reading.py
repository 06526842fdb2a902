"""How much of a page detection reads (`crawler/reading.py`): a page of very many buttons,
fields, forms, frames, headings, links out, options or nested blocks held the audit process for
seconds (20,000 submit inputs: 18 s; 5,000 links out in one paragraph: 16 s; 5,000 nested
blocks with a link each: 57 s; `bench/huge_pages.py`). It is read up to its first element past
a limit; the work done is asserted (what was read), not the time."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.collection.crawler.jobs import PageFetched
from barometre.collection.crawler.links import MAX_LINKS, links_note
from barometre.collection.crawler.reading import (
    MAX_DEPTH,
    MAX_ELEMENTS,
    MAX_INLINE_DEPTH,
    MAX_OPTIONS,
    MAX_TAGS,
    page_part,
    reading_note,
)
from barometre.collection.services.consumer import page_reading
from barometre.detection import analyse_page, load_platforms
from barometre.detection.model import Page
from barometre.referential.catalogue import default_catalogue
from tests.collection.site_server import Route, SiteServer

HOST = "www.valbrune.test"
URL = f"https://{HOST}/demarches"
DEMAND = (
    '<p><a href="https://www.service-public.fr/particuliers/vosdroits/R1406">Faire la demande '
    "d'acte de naissance en ligne</a></p>"
)
ELEMENTS = (MAX_ELEMENTS, "elements")
KINDS: dict[str, tuple[str, int, str]] = {
    "buttons": ("<button>Valider {i}</button>", *ELEMENTS),
    "submit inputs": ('<input type="submit" value="Payer {i}">', *ELEMENTS),
    "forms": ('<form action="/f{i}"></form>', *ELEMENTS),
    "frames": ('<iframe src="https://v{i}.example.org/"></iframe>', *ELEMENTS),
    "headings": ("<h2>Section {i}</h2>", *ELEMENTS),
    "links out": ('<a href="https://p{i}.example.org/d">Faire {i}</a>', *ELEMENTS),
    "links out, protocol-relative": ('<a href="//p{i}.example.org/">P</a>', *ELEMENTS),
    "links out, a quoted >": ('<a title="x" href="https://p{i}.example.org/>">P</a>', *ELEMENTS),
    "links out, a root by an entity": ('<a href="/&#47;p{i}.example.org/">P</a>', *ELEMENTS),
    "links out, by an entity": ("<a href='&#104;ttps://p{i}.example.org/'>P</a>", *ELEMENTS),
    "options": ("<option>Commune {i}</option>", MAX_OPTIONS, "options"),
    # the page's <main> is open too
    "nested blocks": ('<div><a href="/p{i}">P</a>', MAX_DEPTH - 1, "depth"),
    "links within the site": ('<a href="/page-{i}">Page {i}</a>', MAX_LINKS, "links"),
    "nested text elements": ("<span><i>{i}", MAX_INLINE_DEPTH // 2, "inline"),
}


def page(element: str, count: int, after: str = DEMAND) -> bytes:
    items = "".join(element.format(i=i) for i in range(count))
    return (
        "<html><head><title>Démarches</title></head><body><main><p>Les démarches de la commune."
        f"</p>{items}{after}</main></body></html>"
    ).encode()


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_is_read_up_to_its_first_element_past_a_limit(kind: str) -> None:
    element, limit, note = KINDS[kind]
    within = page(element, limit, after="<p>Fin de la page</p>")
    assert page_part(within, HOST).part is None  # no more than the limit: read whole
    huge = page(element, 20 * limit)
    reading = page_part(huge, HOST)
    assert reading.note == note
    assert reading.part is not None and DEMAND.encode() not in reading.part
    # read up to the element past the limit: the limit's worth, not the page's 20 times more
    first = element.format(i=0).encode()[:4]
    assert reading.part.count(first) == limit
    assert huge.startswith(reading.part)


def test_a_page_is_read_up_to_its_100000th_tag() -> None:
    """Any tag counts (every "<"): 500,000 empty lists took detection 0.9 s."""
    assert page_part(b"<br>" * MAX_TAGS, HOST).part is None
    reading = page_part(b"<ul></ul>" * MAX_TAGS, HOST)
    assert reading.note == "tags"
    assert reading.part == b"<ul></ul>" * (MAX_TAGS // 2)


def test_links_within_the_site_and_without_an_address_are_not_elements() -> None:
    """Links to the page's own host (root-relative, relative, absolute) and links to no web
    page (mailto:, tel:, no href) cost detection little: only the 5,000 links' limit holds."""
    links = (
        '<a href="/a{i}">A</a><a href="b{i}.html">B</a><a href="https://www.valbrune.test/c{i}">'
        'C</a><a href="mailto:mairie{i}@valbrune.test">M</a><a name="n{i}">N</a>'
    )  # and SPIP's addresses, whose queries hold entities
    spip = '<a href="spip.php?page=article&amp;id_article={i}">S</a>'
    assert page_part(page(links, MAX_LINKS // 5, after=""), HOST).part is None
    assert page_part(page(spip, MAX_LINKS, after=""), HOST).part is None
    reading = page_part(page(links, MAX_LINKS // 5 + 1), HOST)
    assert reading.note == "links"
    # another host, even a sub-domain of the site, is read as a link out by detection
    assert page_part(page('<a href="https://valbrune.test/{i}">V</a>', MAX_ELEMENTS + 1), HOST).note
    assert page_part(
        page('<a href="https://www.valbrune.test:8443/{i}">V</a>', MAX_ELEMENTS + 1), HOST
    ).note


@pytest.mark.parametrize("kind", ["buttons", "links out", "nested blocks"])
def test_detection_reads_the_part_and_the_record_says_which(kind: str) -> None:
    """What detection makes of the page: the demand past the limit is not read and the record
    says which part was; a page within every limit is analysed as it was (whole)."""
    catalogue, platforms = default_catalogue(), load_platforms()
    element, limit, note = KINDS[kind]
    for count, read_whole in ((limit - 1, True), (4 * limit, False)):
        body = page(element, count)
        event = PageFetched("99101", URL, 200, "text/html", body, "utf-8", 0, False)
        analysis, said = page_reading(event, catalogue, platforms)
        assert said == ("" if read_whole else reading_note(URL, note))
        if read_whole:  # as it was (the page whole)
            assert analysis == analyse_page(Page(URL, html=body), catalogue=catalogue)
        assert bool(analysis.service("actes-etat-civil")) is read_whole


def test_the_notes_say_which_part_was_read() -> None:
    nbsp = "\u00a0"
    assert reading_note(URL, "links") == links_note(URL)
    assert reading_note(URL, "elements") == (
        f"page {URL}{nbsp}: plus de 1{nbsp}000 boutons, champs, formulaires, cadres, titres ou "
        f"liens vers d'autres sites, lue jusqu'au 1{nbsp}000e seulement (archivée en entier)"
    )
    assert reading_note(URL, "options") == (
        f"page {URL}{nbsp}: plus de 2{nbsp}000 choix de listes, lue jusqu'au 2{nbsp}000e "
        "seulement (archivée en entier)"
    )
    assert reading_note(URL, "depth") == (
        f"page {URL}{nbsp}: plus de 250 blocs imbriqués, lue jusqu'au 250e seulement "
        "(archivée en entier)"
    )


def test_unclosed_tags_are_each_counted() -> None:
    """`<a` or `<button` without `>`: each tag's attributes are read up to 2,000 bytes, not
    to the end of the page, and the tags they hold are counted all the same."""
    body = b"<html><body>" + b"<a href=x " * 200_000
    reading = page_part(body, HOST)
    assert reading.note == "elements"  # no ">" within 2,000 bytes: counted as out
    assert reading.part is not None and reading.part.count(b"<a ") == MAX_ELEMENTS
    body = b"<html><body>" + b"<a href=/x <button " * 2000
    reading = page_part(body, HOST)
    assert reading.part is not None
    assert reading.part.count(b"<button") + reading.part.count(b"<a ") == MAX_ELEMENTS


@pytest.mark.django_db
def test_an_audit_reads_a_page_of_too_many_buttons_in_part_and_says_so(
    server: SiteServer, warc_root: Path, tmp_path: Path
) -> None:
    """A live audit on loopback, then the same pages from its archive: the demand past the
    500th button is not read (the service is not found), and the site's record says which part
    of the page was read, once (the page is read twice, both pages past the limit)."""
    from barometre.assessments.models import Assessment, Source
    from barometre.collection.models import SiteAudit
    from barometre.collection.services import campaign_audit_from_warc
    from barometre.referential.models import Campaign, Website
    from tests.factories import CampaignFactory, CommuneFactory

    commune = CommuneFactory(code="99101", name="Valbrune")
    Website.objects.create(
        commune=commune, url=f"https://{HOST}/", host=HOST, confidence="high", source="user",
        is_primary=True,
    )  # fmt: skip
    CampaignFactory(name="boutons", communes=[commune])
    CampaignFactory(name="boutons-archive", communes=[commune])
    buttons = page(KINDS["buttons"][0], 4 * MAX_ELEMENTS)
    server.add(HOST, "/", Route(body=buttons.replace(b"<main>", b"<main><a href=/encore>E</a>")))
    server.add(HOST, "/encore", Route(body=buttons))
    for name in ("boutons", "boutons-archive"):
        campaign = Campaign.objects.get(name=name)
        if name == "boutons":
            call_command(
                "audit", "--campaign", name, "--farm", server.address,
                "--allow-private-addresses", stdout=StringIO(),
            )  # fmt: skip
        else:
            warcs = sorted(warc_root.rglob("*.warc.gz"))
            campaign_audit_from_warc(campaign=campaign, paths=warcs)
        audit = SiteAudit.objects.get(commune=commune, campaign=campaign)
        assert audit.status == "done"
        assert audit.reason == "\u00a0; ".join(
            reading_note(f"https://{HOST}{path}", "elements") for path in ("/", "/encore")
        )
        naissance = Assessment.objects.get(
            campaign=campaign, commune=commune, service__slug="actes-etat-civil",
            source=Source.AUTO,
        )  # fmt: skip
        assert naissance.level == 0


@pytest.mark.django_db
def test_a_page_past_two_limits_has_one_note_in_the_record(
    server: SiteServer, warc_root: Path
) -> None:
    """A page of 1,200 buttons then 5,001 links: the crawl says it read it up to its 5,000th
    link, detection up to its 1,000th button; the record says what detection read, once."""
    from barometre.collection.models import SiteAudit
    from barometre.referential.models import Website
    from tests.factories import CampaignFactory, CommuneFactory

    commune = CommuneFactory(code="99101", name="Valbrune")
    Website.objects.create(
        commune=commune, url=f"https://{HOST}/", host=HOST, confidence="high", source="user",
        is_primary=True,
    )  # fmt: skip
    CampaignFactory(name="deux-limites", communes=[commune])
    links = '<a href="/">Accueil</a>' * (MAX_LINKS + 1)
    server.add(HOST, "/", Route(body=page(KINDS["buttons"][0], MAX_ELEMENTS + 200, links)))
    call_command(
        "audit", "--campaign", "deux-limites", "--farm", server.address,
        "--allow-private-addresses", stdout=StringIO(),
    )  # fmt: skip
    audit = SiteAudit.objects.get(commune=commune)
    assert (audit.status, audit.reason) == ("done", reading_note(f"https://{HOST}/", "elements"))
