"""An archived page built to attack its reader, in Debian's chromium: whatever it holds (a
script, an event handler, a meta refresh, a <base>, a form posting elsewhere, a frame, an SVG
with a script, a javascript: link, an object, an image), nothing runs, nothing is fetched from
elsewhere, and neither the frame nor the observatory's page is navigated away."""

from __future__ import annotations

import pytest

from tests.web.browser import BROWSER_TESTS

pytestmark = BROWSER_TESTS


@pytest.fixture
def outside():
    """A server standing for whoever wrote the page, to see whether the page reaches it."""
    from tests.collection.site_server import SiteServer

    running = SiteServer().start()
    yield running
    running.stop()


def _hostile(there: str) -> bytes:
    return (
        f"<html><head><base href='{there}/base/'>"
        f"<meta http-equiv='refresh' content='0;url={there}/refresh'>"
        f"<meta http-equiv='set-cookie' content='piege=1; path=/'>"
        f"<script>top.location = '{there}/script'</script></head>"
        f"<body onload=\"top.location='{there}/onload'\"><h1>Mairie</h1>"
        f"<img src='{there}/image.png' onerror=\"top.location='{there}/onerror'\">"
        f"<svg><script>top.location = '{there}/svg'</script>"
        f"<image href='{there}/svg.png'/></svg>"
        f"<iframe src='{there}/cadre'></iframe><object data='{there}/objet'></object>"
        f"<form id='f' action='{there}/formulaire' method='post'><input name='q' value='1'>"
        f"<button id='envoyer'>Envoyer</button></form>"
        f"<a id='js' href=\"javascript:top.location='{there}/lien'\">lien</a>"
        f"<a id='ailleurs' href='{there}/ailleurs' target='_top'>ailleurs</a>"
        f"</body></html>"
    ).encode()


@pytest.fixture
def hostile_archive(transactional_db, site, outside):
    """Made before the browser starts (see test_browser.linked_archive)."""
    from django.conf import settings

    from tests.web.conftest import archive_record

    there = f"http://{outside.address}"
    return archive_record(
        settings.WARC_ROOT, site.after, "44109", url=f"{there}/mairie", body=_hostile(there)
    )


def test_a_hostile_archived_page_runs_nothing_loads_nothing_and_stays_in_its_frame(
    transactional_db, live_server, site, outside, hostile_archive, browser
) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    viewer = live_server.url + f"/preuve/{hostile_archive.pk}/"
    page.goto(viewer)
    frame = page.frame_locator("iframe.archive-frame")
    frame.locator("h1").wait_for()
    frame.locator("#js").click()
    frame.locator("#ailleurs").click(force=True)
    frame.locator("#envoyer").click()
    page.wait_for_timeout(1500)
    assert page.url == viewer
    inner = next(f for f in page.frames if f.parent_frame == page.main_frame)
    assert inner.url == viewer + "archive/"
    assert not outside.hits
    assert not dialogs
    assert "piege" not in str(page.context.cookies())
    page.close()


def test_the_archived_page_opened_on_its_own_is_as_inert(
    transactional_db, live_server, site, outside, hostile_archive, browser
) -> None:
    """Its address in the address bar (a link shared, a tab opened from the frame): the
    policy's sandbox applies without the viewer's frame."""
    page = browser.new_page()
    raw = live_server.url + f"/preuve/{hostile_archive.pk}/archive/"
    page.goto(raw)
    page.locator("h1").wait_for()
    page.locator("#js").click()
    page.locator("#envoyer").click()
    page.wait_for_timeout(1500)
    assert page.url == raw
    assert not outside.hits
    assert "piege" not in str(page.context.cookies())
    page.close()
