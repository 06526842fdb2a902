"""The respondent form in a real browser at phone width (Debian's chromium, driven by Playwright).

The database is prepared before the browser starts and read after it stops: Playwright's sync API
runs an event loop, inside which Django refuses ORM calls.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from django.conf import settings

from barometre.survey.models import SurveyResponse
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.services import (
    survey_campaign_create,
    survey_campaign_open,
    survey_tokens_create,
)
from barometre.survey.services.demo import DEMO_SURVEY, DEMO_SURVEY_UNITS, survey_demo_load
from tests.factories import CommuneFactory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 375, "height": 740}
QUIET = [
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]

pytestmark = pytest.mark.skipif(
    shutil.which("chromium") is None, reason="Debian's chromium is not installed (.ci/run does)"
)


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.django_db(transaction=True)
def test_phone_width_form_with_a_one_time_link(live_server) -> None:
    from playwright.sync_api import sync_playwright

    CommuneFactory(code="90011", name="Petiteville")
    survey_campaign_create(name="mobile", collectivites=["90011"], today=date(2026, 12, 3))
    campaign = survey_campaign_open(name="mobile")
    (token,) = survey_tokens_create(campaign=campaign, count=1)
    spec = default_questionnaire()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
        page.goto(f"{live_server.url}/enquete/j/{token}/")
        page.locator("label", has_text="Agent").first.click()  # DSFR draws the radio in the label
        page.get_by_role("button", name="Commencer").click()
        for step, axis in enumerate(spec.axes, start=1):
            assert page.locator("h1").inner_text().startswith(axis.label)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"page {step} scrolls sideways ({width}px)"
            if step == 1:  # a page sent incomplete comes back with its error
                page.get_by_role("button", name="Page suivante").click()
                assert page.get_by_text("Choisissez une réponse.").first.is_visible()
            for fieldset in page.locator("fieldset").all():
                fieldset.locator("label", has_text="Plutôt vrai").click()
            button = "Envoyer mes réponses" if step == len(spec.axes) else "Page suivante"
            page.get_by_role("button", name=button).click()
        assert page.get_by_text("Vos réponses ont été enregistrées").is_visible()
        page.goto(f"{live_server.url}/enquete/j/{token}/")
        assert "déjà servi" in page.content()
        browser.close()

    response = SurveyResponse.objects.get()
    assert response.role == "agent"
    assert set(response.answers.values()) == {3}


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.django_db(transaction=True)
def test_the_radars_fit_a_phone_screen(live_server) -> None:
    from playwright.sync_api import sync_playwright

    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=20_000 * (i + 1))
    survey_demo_load(today=date(2026, 12, 3))

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
        for path in (f"/enquete/rapport/{DEMO_SURVEY}/", f"/commune/{DEMO_SURVEY_UNITS[0]}/"):
            page.goto(live_server.url + path)
            page.wait_for_selector(".radar svg")
            rights = page.evaluate(
                "[...document.querySelectorAll('.radar svg')]"
                ".map(s => s.getBoundingClientRect().right)"
            )
            width = page.evaluate("document.documentElement.scrollWidth")
            assert rights and max(rights) <= PHONE["width"], (path, rights)
            assert width <= PHONE["width"], f"{path} scrolls sideways ({width}px)"
            names = page.evaluate(  # Vega would label each "Vega visualization"
                "[...document.querySelectorAll('.radar')]"
                ".map(el => [el.getAttribute('role'), el.getAttribute('aria-label')])"
            )
            assert all(role == "img" and "tableau qui suit" in label for role, label in names)
        browser.close()


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_radars_are_drawn_to_their_box_in_letters_as_large_as_the_small_text(
    live_server, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The survey report page and the commune page drew their radars 375 px wide (survey/radar.js)
    and a phone's CSS shrank them to 278 and 358 px: the axes' names in 7 and 9 px letters. They
    are drawn by the site's charts.js as in the report file, square and no wider than their box
    (`usermeta.square`), at full size, their letters no smaller than the page's small text
    (14 px), their legend in HTML under them on a phone."""
    from tests.a11y import chart_letters_on, charts_past_their_box_on, drawn_page, radar_places_on

    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=20_000 * (i + 1))
    survey_demo_load(today=date(2026, 12, 3))
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    for path, radars in (
        (f"/enquete/rapport/{DEMO_SURVEY}/", len(DEMO_SURVEY_UNITS)),
        (f"/commune/{DEMO_SURVEY_UNITS[0]}/", 1),
    ):
        with drawn_page(live_server.url + path, ".radar", width) as page:
            past, scroll, legends = charts_past_their_box_on(page, ".radar")
            smallest, small, fonts = chart_letters_on(page, ".radar")
            places = radar_places_on(page, ".radar")  # square, in the middle of its box
        assert past == [] and scroll == width, (path, past, scroll)
        assert legends == (radars if width < 600 else 0), path
        assert small >= 14 and smallest >= small, (path, smallest, small)
        assert fonts == ["Marianne, arial, sans-serif"], (path, fonts)  # the page's, as DSFR's
        assert places and all(abs(o) <= 4 and abs(r - 2 / 3**0.5) < 0.02 for o, r in places)


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.django_db(transaction=True)
def test_the_radars_legend_is_whole_in_english_on_a_desktop(live_server) -> None:
    """In 14 px letters the peers' name on the English commune page, « Other local authorities in
    the bracket 10,000 to 49,999 inhabitants », ran past the legend's 400 px limit for a label
    and ended in « … »: the limit is now 560 px (a phone's legend is written in HTML)."""
    from playwright.sync_api import sync_playwright

    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=20_000 * (i + 1))
    survey_demo_load(today=date(2026, 12, 3))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(f"{live_server.url}/commune/{DEMO_SURVEY_UNITS[0]}/")
        page.wait_for_selector(".radar svg")
        texts = page.evaluate(
            "[...document.querySelectorAll('.radar svg text')].map(t => t.textContent)"
        )
        browser.close()
    assert any(t.startswith("Other local authorities in the bracket") for t in texts), texts
    assert not [t for t in texts if t.endswith("…")], texts


# the lines the campaign's name in the page's heading stands on (distinct tops of its boxes)
NAME_LINES = """name => {
    const walk = document.createTreeWalker(document.querySelector('h1'), NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
        const at = node.data.indexOf(name);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + name.length);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    }
    return 0;
}"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.django_db
@pytest.mark.parametrize("width", [375, 390, 1280])
def test_the_report_file_s_heading_holds_the_campaign_s_name_whole(tmp_path, width: int) -> None:
    """The report file's heading broke « demo-enquete-2026 » at its last hyphen on a phone,
    « demo-enquete- » over « 2026 », where the site's report page holds it whole (held_name)."""
    from playwright.sync_api import sync_playwright

    from barometre.survey.models import SurveyCampaign
    from barometre.survey.reports.data import survey_report_data
    from barometre.survey.reports.html_report import html_render

    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=20_000 * (i + 1))
    survey_demo_load(today=date(2026, 12, 3))
    campaign = SurveyCampaign.objects.get(name=DEMO_SURVEY)
    report = tmp_path / "rapport.html"
    report.write_text(
        html_render(survey_report_data(campaign=campaign, today=date(2026, 12, 3))),
        encoding="utf-8",
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        page = browser.new_page(viewport={"width": width, "height": 740})
        page.goto(report.as_uri())
        lines = page.evaluate(NAME_LINES, DEMO_SURVEY)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        browser.close()
    assert lines == 1, f"« {DEMO_SURVEY} » stands on {lines} lines at {width} px"
    assert scroll <= width


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.django_db(transaction=True)
def test_an_error_link_shows_the_statement_it_is_about(live_server) -> None:
    """On a phone, a link of the error summary scrolled its statement's first answer to the top
    of the screen: the statement itself, the legend above it, was out of sight. It now shows
    the legend at the top, the focus on the answer the link names."""
    from playwright.sync_api import sync_playwright

    CommuneFactory(code="90011", name="Petiteville")
    survey_campaign_create(name="mobile", collectivites=["90011"], today=date(2026, 12, 3))
    campaign = survey_campaign_open(name="mobile")
    first = default_questionnaire().axes[0].statements[0]

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
        page.goto(f"{live_server.url}/enquete/c/{campaign.shared_key}/")
        page.locator("label", has_text="Agent").first.click()
        page.get_by_role("button", name="Commencer").click()
        page.locator(f"#f-{first.id} label", has_text="Plutôt vrai").click()
        page.get_by_role("button", name="Page suivante").click()
        page.locator("#erreur-formulaire a").first.click()
        focused = page.evaluate("document.activeElement.id")
        missing = page.evaluate("document.activeElement.closest('fieldset').id")
        top = page.evaluate(
            f"document.querySelector('#{missing}-legend').getBoundingClientRect().top"
        )
        browser.close()
    assert missing != f"f-{first.id}" and focused.endswith("_0")
    assert 0 <= top < PHONE["height"] / 2, top


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.django_db(transaction=True)
def test_the_coordination_buttons_do_not_touch_on_a_phone(live_server) -> None:
    """« Ouvrir la campagne » and « Clore la campagne » were two bare buttons: on a phone they
    wrapped one on the other with no space between, where a thumb meant to open could close.
    A draft now offers only to open it; once open, « Clore la campagne » stands apart from the
    button above it."""
    from playwright.sync_api import sync_playwright

    CommuneFactory(code="90011", name="Petiteville")
    survey_campaign_create(
        name="mobile", collectivites=["90011"], today=date(2026, 12, 3), coordinator_key="cle"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
        page.goto(f"{live_server.url}/enquete/coordination/cle/")
        assert page.get_by_role("button", name="Clore la campagne").count() == 0
        page.get_by_role("button", name="Ouvrir la campagne").click()
        page.wait_for_load_state()
        above = page.get_by_role("button", name="Télécharger les liens (CSV)").bounding_box()
        closing = page.get_by_role("button", name="Clore la campagne").bounding_box()
        browser.close()
    assert above and closing
    gap = closing["y"] - (above["y"] + above["height"])
    beside = closing["x"] - (above["x"] + above["width"])
    assert gap >= 8 or beside >= 8, (gap, beside)


# For each table of changes between campaigns: the right edge of its change column's cells, the
# visible right edge of the box it scrolls in (before any scroll), and its column headers.
_CHANGE_COLUMN = """() => [...document.querySelectorAll('table')]
  .filter(t => t.caption && t.caption.textContent.includes('variation en points'))
  .map(t => {
    const box = t.parentElement.getBoundingClientRect();
    const heads = [...t.querySelectorAll('thead th')];
    const at = heads.findIndex(th => th.textContent.trim() === 'Variation');
    const rights = [...t.querySelectorAll('tr')]
      .map(row => row.children[at].getBoundingClientRect().right);
    return [Math.max(...rights), Math.min(box.right, window.innerWidth),
            heads.map(th => th.getAttribute('scope'))];
  })"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.django_db(transaction=True)
def test_the_change_since_the_last_campaign_is_read_without_scrolling_on_a_phone(
    live_server, tmp_path
) -> None:
    """On a 390 px phone the table « Score de chaque campagne (0 à 100) et variation en
    points » showed the axis and the first campaign's score: the change and its reading, in the
    4th and 5th columns behind two campaign names that never wrap (« demo-enquete-2024 »), were
    past the screen's edge. The change comes second, its reading under it; the scores follow,
    scrolled to in the table's box. On the site's pages and in the report file."""
    from playwright.sync_api import sync_playwright

    from barometre.survey.models import SurveyCampaign
    from barometre.survey.reports.data import survey_report_data
    from barometre.survey.reports.html_report import html_render

    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=20_000 * (i + 1))
    survey_demo_load(today=date(2026, 12, 3))
    report = tmp_path / "rapport.html"
    campaign = SurveyCampaign.objects.get(name=DEMO_SURVEY)
    data = survey_report_data(campaign=campaign, today=date(2026, 12, 3))
    report.write_text(html_render(data), encoding="utf-8")
    addresses = (
        f"{live_server.url}/enquete/rapport/{DEMO_SURVEY}/c/{DEMO_SURVEY_UNITS[0]}/",
        f"{live_server.url}/enquete/rapport/{DEMO_SURVEY}/",
        report.as_uri(),
    )
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        for address in addresses:
            page.goto(address)
            page.wait_for_timeout(300)
            seen[address] = page.evaluate(_CHANGE_COLUMN)
        browser.close()
    for address, tables in seen.items():
        assert tables, address
        for right, visible, scopes in tables:
            assert right <= visible, (address, right, visible)
            assert set(scopes) == {"col"}, (address, scopes)


# Each line of each label of the radar's HTML legend (a phone's): how far from the page's left
# edge it starts; a label over two lines started its second under the swatch
LEGEND_LINES = """() => [...document.querySelectorAll('.chart-legend li')].map(item => {
    const range = document.createRange();
    range.selectNodeContents(item.lastChild);
    return [...range.getClientRects()].map(r => Math.round(r.left));
})"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.django_db(transaction=True)
def test_a_legend_label_over_two_lines_stays_beside_its_swatch(live_server) -> None:
    """« Autres collectivités de la tranche 100 000 à 199 999 habitants » wraps on a phone: its
    second line started at the swatch's left, under it, as if it were a new entry."""
    from playwright.sync_api import sync_playwright

    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=150_000)
    survey_demo_load(today=date(2026, 12, 3))

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{live_server.url}/enquete/rapport/{DEMO_SURVEY}/c/{DEMO_SURVEY_UNITS[0]}/")
        page.wait_for_selector(".chart-legend li")
        lines = page.evaluate(LEGEND_LINES)
        browser.close()
    assert any(len(label) > 1 for label in lines), lines  # a label does wrap
    assert all(len(set(label)) == 1 for label in lines), lines
