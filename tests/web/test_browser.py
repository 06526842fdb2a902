"""End to end in Debian's chromium (Playwright): the review flow changes the public page, an
archived page's scripts never run; screenshots of the main pages at desktop and phone widths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.web.browser import BROWSER_TESTS, WIDTHS
from tests.web.conftest import PASSWORD

pytestmark = BROWSER_TESTS


def _shots(browser, base: str, pages: dict[str, str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for width_name, (width, height) in WIDTHS.items():
        page = browser.new_page(viewport={"width": width, "height": height})
        for name, path in pages.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(folder / f"{name}-{width_name}.png"), full_page=True)
        page.close()


def test_review_flow_and_safe_archive(transactional_db, live_server, site, users, browser) -> None:
    base = live_server.url
    folder = Path(os.environ.get("BAROMETRE_HOME", "/tmp")) / "screenshots"
    _shots(
        browser,
        base,
        {
            "accueil": "/",
            "campagne": "/campagne/apres/",
            "commune": "/commune/44109/",
            "classement": "/campagne/apres/classement/",
            "chaleur": "/campagne/apres/carte-de-chaleur/",
            "methodologie": "/campagne/apres/methodologie/",
        },
        folder,
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    # An archived page with <script> and onerror= shows, but nothing in it runs.
    page.goto(base + f"/preuve/{site.record.pk}/")
    page.evaluate("window.addEventListener('message', e => { window.__got = e.data; })")
    frame = page.frame_locator("iframe.archive-frame")
    frame.locator("h1").wait_for()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__got === undefined")
    inner = next(f for f in page.frames if f != page.main_frame)
    try:
        title = inner.evaluate("document.title")
    except Exception:  # scripts are off in the sandboxed frame: nothing ran there either
        title = ""
    assert title not in {"SCRIPT-RAN", "ONERROR-RAN"}
    page.screenshot(path=str(folder / "preuve-bureau.png"), full_page=True)
    # Log in, open the queue, override the least sure cell.
    page.goto(base + "/connexion/")
    page.fill("#id_username", "auditeur-test")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_url("**/revue/")
    page.screenshot(path=str(folder / "file-de-revue-bureau.png"), full_page=True)
    page.click("table a:has-text('Nantes')")
    page.wait_for_selector("#bouton-accepter")
    page.screenshot(path=str(folder / "cellule-bureau.png"), full_page=True)
    page.select_option("#id_level", "1")
    page.fill("#id_justification", "La page ne donne qu'une information.")
    page.click("#bouton-corriger")
    page.wait_for_selector("text=Niveau corrigé et enregistré pour")
    assert page.inner_text("#niveau-actuel").strip() == "1"
    # Keyboard: N opens the next cell, A accepts it.
    page.keyboard.press("n")
    page.wait_for_selector("h1:has-text('Inscription')")
    page.keyboard.press("a")
    page.wait_for_selector("text=Proposition acceptée pour")
    # The public commune page shows the reviewed level.
    public = browser.new_page()
    public.goto(base + "/commune/44109/?campagne=apres")
    assert "revu par un auditeur" in public.content()
    public.close()
    page.close()


@pytest.fixture
def linked_archive(transactional_db, site):
    """An archived page linking to a page archived beside it and to one that is not. Made
    before the browser starts: once Playwright runs its event loop, the ORM in this thread
    opens a second connection that nothing closes, and PostgreSQL cannot drop the test
    database while it is open."""
    from django.conf import settings

    from tests.web.conftest import archive_record

    root = settings.WARC_ROOT
    body = (
        b"<html><body><h1>Accueil</h1><p><a href='demarches'>Vos d\xc3\xa9marches</a></p>"
        b"<p><a href='/contact' target='_blank'>Contact</a></p></body></html>"
    )
    record = archive_record(
        root, site.after, "44109", url="http://127.0.0.1:9/mairie/accueil", body=body
    )
    archive_record(
        root,
        site.after,
        "44109",
        url="http://127.0.0.1:9/mairie/demarches",
        body=b"<html><body><h1>Demarches en ligne</h1></body></html>",
    )
    return record


def test_links_in_an_archived_page_open_its_archived_copies(
    transactional_db, live_server, site, linked_archive, browser
) -> None:
    page = browser.new_page()
    page.goto(live_server.url + f"/preuve/{linked_archive.pk}/")
    frame = page.frame_locator("iframe.archive-frame")
    frame.locator("h1:has-text('Accueil')").wait_for()
    frame.locator("a:has-text('Contact')").click()  # not archived: inert, no new window
    assert len(page.context.pages) == 1
    frame.locator("h1:has-text('Accueil')").wait_for()
    frame.locator("a:has-text('Vos démarches')").click()
    frame.locator("h1:has-text('Demarches en ligne')").wait_for()
    page.close()


@pytest.fixture
def outside():
    """A server standing for the commune's site, to see whether the archived page reaches it."""
    from tests.collection.site_server import SiteServer

    running = SiteServer().start()
    yield running
    running.stop()


@pytest.fixture
def styled_archive(transactional_db, site, outside):
    """An archived page with its archived stylesheet, whose rules reach outside (an @import, a
    font, a background image) and a stylesheet that was not archived. Made before the browser
    starts (see linked_archive)."""
    from django.conf import settings

    from tests.web.conftest import archive_record

    root = settings.WARC_ROOT
    there = f"http://{outside.address}"
    css = (
        f"@import url('{there}/importe.css');\n"
        f"@font-face {{ font-family: Ville; src: url('{there}/ville.woff2'); }}\n"
        f"h1 {{ color: rgb(10, 20, 30); font-family: Ville, serif;"
        f" background: url('{there}/fond.png'); }}\n"
    ).encode()
    sheet = archive_record(
        root, site.after, "44109", url=f"{there}/css/site.css", content_type="text/css", body=css
    )
    body = (
        f"<html><head><link rel='stylesheet' href='/css/site.css'>"
        f"<link rel='stylesheet' href='{there}/css/absente.css'></head>"
        f"<body><h1>Accueil</h1></body></html>"
    ).encode()
    page = archive_record(root, site.after, "44109", url=f"{there}/mairie/accueil", body=body)
    return page, sheet


def test_an_archived_page_is_shown_with_its_archived_stylesheet_and_nothing_leaves(
    transactional_db, live_server, site, outside, styled_archive, browser
) -> None:
    record, sheet = styled_archive
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(live_server.url + f"/preuve/{record.pk}/")
    page.wait_for_load_state("networkidle")
    heading = page.frame_locator("iframe.archive-frame").locator("h1")
    heading.wait_for()
    assert heading.evaluate("h => getComputedStyle(h).color") == "rgb(10, 20, 30)"
    assert live_server.url + f"/preuve/{sheet.pk}/style/" in asked
    # the policy stops what the stylesheet asks for elsewhere (Playwright lists the attempts)
    assert not outside.hits
    page.close()


@pytest.fixture
def importing_archive(transactional_db, site):
    """An archived page, and its archived stylesheet, that @import the observatory's own
    stylesheet by a path of this site (made before the browser starts, see linked_archive)."""
    from django.conf import settings

    from tests.web.conftest import archive_record

    root = settings.WARC_ROOT
    sheet = archive_record(
        root,
        site.after,
        "44109",
        url="http://127.0.0.1:9/css/site.css",
        content_type="text/css",
        body=b"@import url('/static/web/web.css');\nh1 { color: rgb(10, 20, 30); }\n",
    )
    body = (
        b"<html><head><link rel='stylesheet' href='/css/site.css'>"
        b"<style>@import '/static/web/tables.css'; @import '/static/web/web.css';</style>"
        b"</head><body><h1>Accueil</h1><p class='lvl-5'>Niveau</p></body></html>"
    )
    page = archive_record(
        root, site.after, "44109", url="http://127.0.0.1:9/mairie/accueil", body=body
    )
    return page, sheet


def test_an_archived_page_cannot_load_the_observatorys_own_styles(
    transactional_db, live_server, site, importing_archive, browser
) -> None:
    record, sheet = importing_archive
    page = browser.new_page()
    answered: list[str] = []
    page.on("response", lambda response: answered.append(response.url))
    page.goto(live_server.url + f"/preuve/{record.pk}/")
    page.wait_for_load_state("networkidle")
    frame = page.frame_locator("iframe.archive-frame")
    frame.locator("h1").wait_for()
    assert frame.locator("h1").evaluate("h => getComputedStyle(h).color") == "rgb(10, 20, 30)"
    assert live_server.url + f"/preuve/{sheet.pk}/style/" in answered
    # web.css would colour the level badge white on blue: the policy refused both imports
    badge = frame.locator("p.lvl-5")
    assert badge.evaluate("p => getComputedStyle(p).color") == "rgb(0, 0, 0)"
    page.close()


UNREACHABLE_SCROLLERS = """() => [...document.querySelectorAll('main *')].filter(el => {
    const overflow = getComputedStyle(el).overflowX;
    const wide = el.scrollWidth > el.clientWidth + 1;
    if (!['auto', 'scroll'].includes(overflow) || !wide) return false;
    return el.tabIndex < 0 && !el.querySelector('a[href], button, input, select, textarea');
}).map(el => el.tagName + '.' + el.className)"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_tables_that_scroll_on_a_phone_are_reachable_by_keyboard(
    transactional_db, live_server, site, browser
) -> None:
    width, height = WIDTHS["telephone"]
    page = browser.new_page(viewport={"width": width, "height": height})
    for path in ("/campagne/apres/", "/campagne/apres/methodologie/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert page.evaluate(UNREACHABLE_SCROLLERS) == [], path
    region = page.locator("[data-scroll-marked]").first
    region.focus()
    named = "el => el.getAttribute('aria-label') || el.querySelector('caption').textContent"
    assert page.evaluate(f"({named})(document.activeElement)").strip()
    before = page.evaluate("document.activeElement.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    assert page.evaluate("document.activeElement.scrollLeft") > before
    page.close()


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_single_key_shortcuts_can_be_turned_off(
    transactional_db, live_server, site, users, browser
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/connexion/")
    page.fill("#id_username", "auditeur-test")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_url("**/revue/")
    page.goto(live_server.url + f"/revue/cellule/{site.auto_cell.pk}/")
    page.locator("label[for=raccourcis-actifs]").click()
    assert not page.is_checked("#raccourcis-actifs")
    page.locator("h1").click()  # the focus leaves the checkbox, as when reading the page
    page.keyboard.press("a")
    page.keyboard.press("n")
    page.wait_for_timeout(500)
    assert page.url.endswith(f"/revue/cellule/{site.auto_cell.pk}/")
    assert page.locator("text=Proposition acceptée pour").count() == 0
    page.reload()
    assert not page.is_checked("#raccourcis-actifs")  # the choice is remembered
    page.close()


FOCUS_SHOWN = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const box = el.getBoundingClientRect();
    const seen = el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
    return seen && box.width > 0 && box.height > 0 ? el.tagName + '#' + el.id : null;
}"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_every_skip_link_leads_to_something_visible(transactional_db, live_server, site, browser):
    """On a phone « Menu » and « Recherche » jumped into the folded header: the focus was lost."""
    for width, height in WIDTHS.values():
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(live_server.url + "/campagne/apres/")
        page.wait_for_load_state("load")
        links = page.locator(".fr-skiplinks a:visible")  # one set per side of the breakpoint
        shown = []
        for index in range(links.count()):
            page.evaluate("window.scrollTo(0, 0)")
            link = links.nth(index)
            link.focus()
            page.keyboard.press("Enter")
            page.wait_for_timeout(200)
            reached = page.evaluate(FOCUS_SHOWN)
            assert reached, (width, link.inner_text())
            shown.append(reached)
            page.keyboard.press("Escape")
        assert len(shown) == 4, (width, shown)
        page.close()


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_a_reader_switches_the_interface_to_english_and_back(
    transactional_db, live_server, site, browser, width_name
) -> None:
    """The header's language selector, at desktop width and in the phone's folded menu."""
    width, height = WIDTHS[width_name]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(live_server.url + "/commune/44109/")
    assert page.locator("html").get_attribute("lang") == "fr"

    def choose(code: str) -> None:
        if width_name == "telephone":
            page.click("#bouton-menu")
        page.locator(".fr-translate__btn:visible").first.click()
        page.locator(f"button.fr-translate__language[value={code}]:visible").first.click()
        page.wait_for_load_state()

    choose("en")
    assert page.url == live_server.url + "/commune/44109/"  # the same page, now in English
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Electoral programs" in page.content()
    page.goto(live_server.url + "/")  # the choice holds on the next pages
    assert page.locator("html").get_attribute("lang") == "en"
    choose("fr")
    assert page.locator("html").get_attribute("lang") == "fr"


def _log_in(page, base: str, username: str = "auditeur-test") -> None:
    page.goto(base + "/connexion/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_url("**/revue/")


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_logout_button_shows_its_words_at_every_width(
    transactional_db, live_server, users, browser
) -> None:
    for width, height in WIDTHS.values():
        page = browser.new_page(viewport={"width": width, "height": height})
        _log_in(page, live_server.url)
        page.goto(live_server.url + "/deconnexion/")
        button = page.locator("main button[type=submit]")
        # a DSFR icon button in a button group is cut to its icon unless the group says
        # its icons sit on the left
        assert button.evaluate("e => e.scrollWidth <= e.clientWidth")
        assert button.bounding_box()["width"] > 100
        page.close()


def test_a_held_key_accepts_one_proposal_only(
    transactional_db, live_server, site, users, browser
) -> None:
    from barometre.assessments.models import Cell, Source

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _log_in(page, live_server.url)
    page.goto(live_server.url + f"/revue/cellule/{site.auto_cell.pk}/")
    page.keyboard.down("a")  # accepts, then opens the next proposal
    page.wait_for_selector("text=Proposition acceptée pour")
    opened = page.url
    page.keyboard.down("a")  # the key still held: the keyboard repeats it on the next cell
    page.wait_for_timeout(700)
    page.keyboard.up("a")
    assert page.url == opened
    assert Cell.objects.filter(campaign=site.after, source=Source.AUTO).count() == 1
    page.close()


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_a_quoted_page_is_in_french_quotation_marks(
    transactional_db, live_server, site, users, browser
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _log_in(page, live_server.url)
    page.goto(live_server.url + f"/revue/cellule/{site.auto_cell.pk}/")
    quote = page.locator("q.evidence-quote")
    marks = quote.evaluate("e => getComputedStyle(e).quotes")  # what ::before, ::after draw
    assert marks.startswith('"\u00ab\u00a0" "\u00a0\u00bb"')
    page.close()


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_a_refused_correction_takes_the_focus_to_its_error_on_a_phone(
    transactional_db, live_server, site, users, browser
) -> None:
    """At 390 px the correction form is below the evidence: a refused correction came back
    with its error out of sight and the focus at the top of the page. The first invalid field
    now has the focus (DSFR), in view."""
    from barometre.assessments.models import Cell

    absent = Cell.objects.get(campaign=site.after, commune_id="44109", source="auto", level=0)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    _log_in(page, live_server.url)
    page.goto(live_server.url + f"/revue/cellule/{absent.pk}/")
    page.select_option("#id_level", "3")  # raised from 0 without an address: refused
    page.fill("#id_justification", "Formulaire en ligne vu.")
    page.click("#bouton-corriger")
    page.wait_for_load_state("load")
    assert page.title().startswith("Erreur")
    focused = page.evaluate("document.activeElement && document.activeElement.id")
    assert focused == "id_evidence_url"
    field = page.locator("#id_evidence_url")
    box = field.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844  # in view
    assert field.get_attribute("aria-describedby") == "id_evidence_url-error"
    page.close()
