"""Layout in Debian's chromium (Playwright) at a phone's width (320 px, WCAG 1.4.10's) and a
desktop's: every column of every data table is reachable, the page itself never scrolls
sideways (tests/a11y.py `reflow`)."""

from __future__ import annotations

import pytest

from barometre.referential.models import Campaign
from tests.a11y import reflow, reflow_problems
from tests.factories import set_cells
from tests.web.browser import BROWSER_TESTS, phone_sweep

pytestmark = BROWSER_TESTS

WIDTHS = (320, 1280)


def _seen(browser, base: str, paths: list[str]) -> dict[tuple[int, str], dict]:
    seen = {}
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 844})
        for path in paths:
            page.goto(f"{base}{path}")
            page.wait_for_timeout(300)  # web/tables.js marks the tables that scroll on load
            seen[width, path] = reflow(page)
        page.close()
    return seen


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_ranking_and_a_service_keep_every_column_on_a_phone(
    transactional_db, live_server, site, browser
) -> None:
    """The ranking hid « Part du maximum » and « Transactionnels » below 48em, a service's page
    « Décidé »: on a phone the table keeps them and scrolls sideways in its box."""
    catalogue = Campaign.objects.get(name="apres").catalogue
    service = catalogue.services.order_by("position").first()
    paths = ["/campagne/apres/classement/", f"/campagne/apres/service/{service.slug}/"]
    seen = _seen(browser, live_server.url, paths)
    assert {key: reflow_problems(s) for key, s in seen.items() if reflow_problems(s)} == {}
    ranking = seen[320, paths[0]]["tables"]
    assert len(ranking) == 1 and ranking[0]["past"] > 0 and ranking[0]["keyboard"], ranking
    assert all(
        not t["past"] for (width, _), s in seen.items() if width == 1280 for t in s["tables"]
    )


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_programmes_tables_keep_every_column_on_a_phone(
    transactional_db, live_server, browser
) -> None:
    """The elections' table hid four columns on a phone, an election's themes one and its
    follow-up two: each now scrolls in its box, the page does not. The cue stood above the
    themes' caption « Thèmes », a gap under it: it stands under the caption, over the rows."""
    from tests.programmes.test_report_phone import election_with_follow_up

    election_with_follow_up()
    seen = _seen(browser, live_server.url, ["/programmes/", "/programmes/2020/"])
    assert {key: reflow_problems(s) for key, s in seen.items() if reflow_problems(s)} == {}
    phone = [t for (width, _), s in seen.items() if width == 320 for t in s["tables"]]
    # the elections, the brackets, the themes, the comparison with 2014 (brackets, themes) and
    # the follow-up
    assert len(phone) == 6, phone
    assert any(t["past"] for t in phone), phone  # at least one scrolls: the check saw it


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_comparison_between_elections_is_read_whole_on_a_390_px_phone(
    transactional_db, live_server, browser
) -> None:
    """A column « Écart significatif ? » of its own and columns kept 6.5rem wide pushed the
    change and its verdict out of a 390 px phone (520 px in a 358 px box): the verdict stands
    under the change, and the table is read without scrolling."""
    from tests.programmes.test_report_phone import election_with_follow_up

    election_with_follow_up()
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/programmes/2020/")
    page.wait_for_timeout(300)
    seen = reflow(page)
    page.close()
    tables = {t["caption"]: t for t in seen["tables"]}
    for caption in ("Parlent de numérique, 2020 et 2014", "Thèmes cités, 2020 et 2014"):
        assert tables[caption]["past"] == 0, tables


BADGES = """() => [...document.querySelectorAll('.fr-accordion__btn .lvl')].map(el =>
    [el.textContent.trim(), el.getBoundingClientRect().height])"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_a_level_badge_stays_on_one_line_beside_a_long_service_name(
    transactional_db, live_server, site, browser
) -> None:
    """On a phone the badge « s.o. » of a service whose name takes two lines broke into « s.o »
    over « . »: the button's flex layout shrank it below its text."""
    from tests.factories import set_cells

    slug = site.after.catalogue.services.order_by("position").values_list("slug", flat=True)[0]
    set_cells(site.after, {("35238", slug): "na"})
    page = browser.new_page(viewport={"width": 375, "height": 844})
    page.goto(f"{live_server.url}/commune/35238/?campagne=apres")
    badges = page.evaluate(BADGES)
    page.close()
    assert badges[0][0] == "s.o." and len(badges) > 1, badges
    heights = {round(height) for _, height in badges}
    assert len(heights) == 1, badges  # one line each, as high as a level's


# The lines each cell of a column of the commune's history is drawn on (its text's line tops).
_HISTORY_LINES = """(column) => [...document.querySelectorAll('table')]
  .filter(t => t.caption && t.caption.textContent.trim() === 'Niveau moyen par campagne')
  .flatMap(t => [...t.querySelectorAll('tbody tr')]).map(row => {
  const range = document.createRange();
  range.selectNodeContents(row.children[column]);
  return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
})"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_commune_history_keeps_its_counts_and_dates_on_one_line_on_a_phone(
    transactional_db, live_server, site, browser
) -> None:
    """« 17 sur 18 » was broken after « sur » in the history table on a 375 px phone, the date
    over three lines: each stays on one line, the table scrolls in its box if it must."""
    Campaign.objects.update(is_demo=True)  # « (démonstration) » widens the first column
    slugs = site.after.catalogue.services.order_by("position").values_list("slug", flat=True)
    set_cells(site.after, {("35238", slug): 1 for slug in slugs[:17]})  # « 17 sur 18 »
    for width in (320, 375):
        page = browser.new_page(viewport={"width": width, "height": 844}, is_mobile=True)
        page.goto(f"{live_server.url}/commune/35238/")
        page.wait_for_timeout(300)
        services, day = page.evaluate(_HISTORY_LINES, 3), page.evaluate(_HISTORY_LINES, 1)
        assert services == [1, 1] and day == [1, 1], (width, services, day)
        assert reflow_problems(reflow(page)) == []
        page.close()


FIELDS = """() => [...document.querySelectorAll(
    'form[aria-label="Filtrer les communes"] .fr-label'
  )].map(label => {
    const box = label.getBoundingClientRect();
    const form = label.closest('form').getBoundingClientRect();
    return [label.textContent.trim(), Math.round(box.left - form.left),
            Math.round(form.right - box.right)];
})"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_on_a_phone_the_filters_stand_one_under_another(
    transactional_db, live_server, site, browser
) -> None:
    """At 320 px the four filters stood two by two, and « Intercommunalité (SIREN) » broke
    inside its word (« Intercommunalit / é »): each now takes the form's width."""
    page = browser.new_page(viewport={"width": 320, "height": 844})
    page.goto(f"{live_server.url}/campagne/apres/classement/")
    fields = page.evaluate(FIELDS)
    page.close()
    assert len(fields) == 4, fields
    assert all(left <= 16 and right <= 16 for _, left, right in fields), fields


# For each campaign name in the elements `where` names (a table's headers by default): the
# number of lines its letters are drawn on.
_NAME_LINES = r"""([name, where]) => [...document.querySelectorAll(where)].flatMap(th => {
  const texts = document.createTreeWalker(th, NodeFilter.SHOW_TEXT), found = [];
  while (texts.nextNode()) {
    const node = texts.currentNode, at = node.textContent.indexOf(name);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + name.length);
    found.push(new Set([...range.getClientRects()].map(r => Math.round(r.top))).size);
  }
  return found;
})"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_a_campaign_name_is_never_broken_at_its_hyphen_in_a_narrow_header(
    transactional_db, live_server, site, browser
) -> None:
    """At 320 and 375 px the campaign page's tables broke « demo-2014 » at its hyphen,
    « demo- » over « 2014 », in « Évolution par commune » and « Évolution par domaine »."""
    Campaign.objects.filter(pk=site.before.pk).update(name="demo-2014")
    for width in (320, 375):
        page = browser.new_page(viewport={"width": width, "height": 844})
        page.goto(f"{live_server.url}/campagne/apres/")
        page.wait_for_timeout(300)
        lines = page.evaluate(_NAME_LINES, ["demo-2014", "thead th"])
        seen = reflow(page)
        page.close()
        assert len(lines) >= 3 and set(lines) == {1}, (width, lines)
        assert reflow_problems(seen) == [], (width, seen)


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_a_campaign_name_is_never_broken_at_its_hyphen_in_a_heading(
    transactional_db, live_server, site, browser
) -> None:
    """On a phone the campaign page's « Évolution depuis demo-2014 » read « demo- » over
    « 2014 », its title « Campagne demo-2026 » likewise on a narrow one: the name goes to the
    next line whole."""
    Campaign.objects.filter(pk=site.before.pk).update(name="demo-2014")
    Campaign.objects.filter(pk=site.after.pk).update(name="demo-2026")
    page = browser.new_page(viewport={"width": 320, "height": 844})
    seen = []
    for path in ("/", "/campagne/demo-2026/", "/campagne/demo-2026/classement/"):
        page.goto(f"{live_server.url}{path}")
        for name in ("demo-2014", "demo-2026"):
            seen += [(path, name, n) for n in page.evaluate(_NAME_LINES, [name, "h1, h2"])]
    page.close()
    assert len(seen) == 4 and all(n == 1 for *_, n in seen), seen


# The height of the tallest row of each chart's data table.
_ROW_HEIGHTS = """() => [...document.querySelectorAll('section .fr-table table')].map(table =>
  Math.max(...[...table.querySelectorAll('tbody tr')]
    .map(row => row.getBoundingClientRect().height)))"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_a_remark_in_a_chart_table_does_not_stretch_its_rows_on_a_phone(
    transactional_db, live_server, site, browser
) -> None:
    """On a 390 px phone « trop peu de communes ont changé (moins de 6) pour conclure », in the
    last column of « Évolution par domaine — données », was squeezed to a word a line: its
    rows were nine lines tall, empty on the screen. The column keeps a reading width; the
    table scrolls in its box."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/campagne/apres/")
    page.wait_for_timeout(300)
    heights = page.evaluate(_ROW_HEIGHTS)
    seen = reflow(page)
    page.close()
    assert heights and max(heights) < 150, heights
    assert reflow_problems(seen) == [], seen


# The scroll cues of the page and the tables they describe.
_HINTS = """() => [...document.querySelectorAll('.scroll-hint')].map(h => h.textContent.trim())
  .concat([...document.querySelectorAll('table[aria-describedby]')]
    .map(el => el.getAttribute('aria-describedby')))"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_scroll_cue_follows_the_window_width(
    transactional_db, live_server, site, browser
) -> None:
    """The cue « Faites défiler le tableau horizontalement » is over the ranking while it
    scrolls on a phone, goes when the window is widened and the table fits, comes back once when
    narrowed."""
    page = browser.new_page(viewport={"width": 320, "height": 844})
    page.goto(f"{live_server.url}/campagne/apres/classement/")
    page.wait_for_timeout(300)
    seen = [page.evaluate(_HINTS)]
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 844})
        page.wait_for_timeout(600)  # web/tables.js looks again 200 ms after the last resize
        seen.append(page.evaluate(_HINTS))
    page.close()
    cue = "↔ Faites défiler le tableau horizontalement"
    assert seen[0][0] == cue and seen[1] == [] and seen[2][0] == cue, seen
    assert len(seen[2]) == len(seen[0]) == 2, seen  # the cue and the table it describes


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_elections_table_header_stays_short_on_a_phone(
    transactional_db, live_server, browser
) -> None:
    """On a 390 px phone the elections' columns were squeezed: « Non lus (sans texte
    lisible) » stood one word a line, a header five lines (146 px) tall. Its columns keep room
    for a few words a line; the table scrolls in its box."""
    from tests.programmes.test_report_phone import election_with_follow_up

    election_with_follow_up()
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/programmes/")
    page.wait_for_timeout(300)
    header = page.evaluate("() => document.querySelector('.fr-table thead').offsetHeight")
    seen = reflow(page)
    page.close()
    assert header < 100, header
    assert reflow_problems(seen) == [], seen


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_a_campaign_name_is_never_broken_at_its_hyphen_on_the_programme_pages(
    transactional_db, live_server, browser
) -> None:
    """On a phone the election page's follow-up (« avant : campagne demo-2019 », at 301
    and 475 px) and the report's promises and follow-up (at 320 px and more) read « demo- » at
    a line's end and « 2019 » on the next: every name in their sentences is drawn on one line,
    at the widths from 300 to 480 px that `phone_sweep` looks at (held as in the benchmark
    pages' headings)."""
    from tests.programmes.test_report_phone import election_with_follow_up

    election_with_follow_up()
    Campaign.objects.filter(name="avant").update(name="demo-2019")
    Campaign.objects.filter(name="apres").update(name="demo-2021")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    seen = {}
    paths = ("/programmes/2020/", "/programmes/2020/rapport.html?comparer=2014")
    for path in paths:
        url = f"{live_server.url}{path}"
        if "rapport" in path:  # a file to download: drawn from its text
            page.set_content(page.request.get(url).text())
        else:
            page.goto(url)
        for width in phone_sweep(301, 320, 390, 475):  # a name ends a line at some of them
            page.set_viewport_size({"width": width, "height": 844})
            for name in ("demo-2019", "demo-2021"):
                seen[path, width, name] = page.evaluate(_NAME_LINES, [name, "p, li"])
    page.close()
    broken = {key: lines for key, lines in seen.items() if set(lines) != {1}}
    assert broken == {}, broken
    assert all(seen[path, 390, name] for path in paths for name in ("demo-2019", "demo-2021"))


SELECTION = "75056,13055,69123,31555,06088,44109,67482,33063,76351,51454,42218,49007"


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_methodology_never_breaks_a_commune_code_of_the_selection(
    transactional_db, live_server, site, browser
) -> None:
    """The methodology page gave the campaign's selection as written, « 75056,13055,…,67482 »,
    no space to break at: a 390 px phone broke it inside a code, « 6 » at a line's end and
    « 7482 » under it, two codes no commune has. Each code is drawn on one line, at the
    widths from 300 to 480 px that `phone_sweep` looks at."""
    Campaign.objects.filter(pk=site.after.pk).update(spec=SELECTION)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/campagne/apres/methodologie/")
    broken = {}
    for width in phone_sweep(390):
        page.set_viewport_size({"width": width, "height": 844})
        for code in SELECTION.split(","):
            lines = page.evaluate(_NAME_LINES, [code, "p code"])
            if lines != [1]:
                broken[width, code] = lines
    page.close()
    assert broken == {}, broken


def _sideways(browser, base: str, paths: list[str]) -> dict[str, list[str]]:
    """What `reflow_problems` finds on each page at a 390 px phone's width, where not []."""
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    found = {}
    for path in paths:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        page.wait_for_timeout(300)  # web/tables.js marks the tables that scroll on load
        problems = reflow_problems(reflow(page))
        if page.evaluate("() => document.documentElement.scrollWidth") > 390 or problems:
            found[path] = problems
    page.close()
    return found


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_no_public_page_of_a_campaign_scrolls_sideways_on_a_390_px_phone(
    transactional_db, live_server, site, browser
) -> None:
    """Every public page a journalist opens from a campaign, at a 390 px phone's width: the
    page never scrolls sideways, a wide table scrolls in its box under its cue (guard: each
    page measured on 7 December 2026, none did)."""
    service = site.after.catalogue.services.order_by("position").first()
    paths = [
        "/",
        "/campagne/apres/",
        "/campagne/apres/classement/",
        "/campagne/apres/classement/?tranche=ge200000",
        "/campagne/apres/carte-de-chaleur/",
        "/campagne/apres/carte-de-chaleur/?tranche=ge200000",
        f"/campagne/apres/domaine/{service.domain}/",
        f"/campagne/apres/service/{service.slug}/",
        "/commune/44109/?campagne=apres",
        f"/preuve/{site.record.pk}/",
        "/campagne/apres/methodologie/",
        "/donnees-ouvertes/",
        "/recherche/?q=Nan",
        "/accessibilite/",
    ]
    assert _sideways(browser, live_server.url, paths) == {}


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_no_programmes_or_survey_report_page_scrolls_sideways_on_a_390_px_phone(
    transactional_db, live_server, browser
) -> None:
    """The programmes' pages (an election, compared with an earlier one) and the survey's
    report (whole, and a collectivité's) at a 390 px phone's width (guard, as above)."""
    import datetime as dt

    from barometre.survey.services.demo import DEMO_SURVEY, DEMO_SURVEY_UNITS, survey_demo_load
    from tests.factories import CommuneFactory
    from tests.programmes.test_report_phone import election_with_follow_up

    election_with_follow_up()
    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=20_000 * (i + 1))
    survey_demo_load(today=dt.date(2026, 12, 3))
    paths = [
        "/programmes/",
        "/programmes/2020/",
        "/programmes/2020/?comparer=2014",
        f"/enquete/rapport/{DEMO_SURVEY}/",
        f"/enquete/rapport/{DEMO_SURVEY}/c/{DEMO_SURVEY_UNITS[0]}/",
    ]
    assert _sideways(browser, live_server.url, paths) == {}


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_open_data_page_folds_its_columns_on_a_phone(
    transactional_db, live_server, site, browser
) -> None:
    """The page described every column of its five tables one under another: about 19,000 px
    on a 390 px phone (7 December 2026). Each table's columns are now a DSFR accordion, closed
    until asked for; a link to a table (#table-scores) opens it, at any width."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/donnees-ouvertes/")
    page.wait_for_timeout(300)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 8000, height
    buttons = page.locator("#contenu .fr-accordion__btn")
    assert buttons.count() >= 4
    described = page.locator("#colonnes-cellules dd").first
    assert not described.is_visible()
    page.locator('[aria-controls="colonnes-cellules"]').click()
    described.wait_for(state="visible")
    assert reflow_problems(reflow(page)) == []
    page.close()
    page = browser.new_page(viewport={"width": 1280, "height": 844})
    page.goto(f"{live_server.url}/donnees-ouvertes/#table-scores")
    page.locator("#colonnes-scores dd").first.wait_for(state="visible")
    assert page.get_attribute('[aria-controls="colonnes-scores"]', "aria-expanded") == "true"
    assert not page.locator("#colonnes-cellules dd").first.is_visible()
    page.close()


_PHONES = (320, 360, 375)  # where the names and the tagline broke


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_a_campaign_name_is_never_broken_at_its_hyphen_in_a_sentence(
    transactional_db, live_server, site, browser
) -> None:
    """At 360 px the campaign page's chart captions read « demo- » over « 2014 », the commune
    page « (demo- » over « audit) », and at 375 px the header « l'e- » over « administration »:
    a name in a sentence, a heading or a table's first column goes to the next line whole. A
    name too long for a phone's line is left free to break: the page never scrolls sideways."""
    Campaign.objects.filter(pk=site.before.pk).update(name="demo-2014")
    Campaign.objects.filter(pk=site.after.pk).update(name="demo-2026")
    domain = site.after.catalogue.services.order_by("position").first().domain
    paths = [
        "/",
        "/campagne/demo-2026/",
        f"/campagne/demo-2026/domaine/{domain}/",
        "/commune/35238/?campagne=demo-2026",
        "/commune/35238/?campagne=inconnue-2020",
        "/donnees-ouvertes/",
    ]
    where = "main p, main h2, main h3, main th, main td, main li"
    broken = []
    for width in _PHONES:
        page = browser.new_page(viewport={"width": width, "height": 844})
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            for name in ("demo-2014", "demo-2026"):
                lines = page.evaluate(_NAME_LINES, [name, where])
                broken += [(width, path, name) for n in lines if n > 1]
            lines = page.evaluate(_NAME_LINES, ["l'e-administration", "header"])
            broken += [(width, path, "tagline") for n in lines if n > 1]
        page.close()
    assert broken == [], broken
    long = "observatoire-regional-des-services-en-ligne-des-communes-2014"
    Campaign.objects.filter(pk=site.before.pk).update(name=long)
    seen = _seen(browser, live_server.url, [p.replace("demo-2014", long) for p in paths])
    assert {key: reflow_problems(s) for key, s in seen.items() if reflow_problems(s)} == {}
