"""The addresses an automatic proposal's explanation names (the pages its level was read on)
are links on the cell review page: to the page archived in the campaign, with the live page as
a second, external link (DSFR: new window said in its title), else to the live page. An address
that is not http(s), a javascript: or data: one read on a crawled page, never becomes a link."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from barometre.assessments.models import Assessment

ARCHIVED = "http://127.0.0.1:9/etat-civil"  # the fixture's archived page (site.record)
LIVE_ONLY = "https://www.ville.test/demarches/formulaire?id=1&x=2"
HOSTILE = ("javascript:alert(1)", "data:text/html,<script>alert(2)</script>")


def _page(site, users) -> str:
    urls = [ARCHIVED, LIVE_ONLY, *HOSTILE]
    Assessment.objects.filter(pk=site.auto_cell.assessment_id).update(
        note="Niveau 3 : " + " ; ".join(f"indice ({url})" for url in urls),
        rationale=[{"kind": "formulaire", "detail": "indice", "url": u, "level": 3} for u in urls],
    )
    client = Client()
    client.force_login(users["coordinateur"])
    page = client.get(reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk}))
    return page.content.decode()


def _note(page: str) -> str:
    found = re.search(r'<p class="[^"]*note-valeur">(.*?)</p>', page, re.S)
    assert found is not None
    return found.group(1)


def test_the_explanation_links_to_the_archived_and_live_pages(site, users) -> None:
    note = _note(_page(site, users))
    archive = reverse("web:evidence", args=[site.record.pk])
    assert f'<a class="note-archive" href="{archive}"' in note
    live = re.findall(r'<a href="([^"]*)" rel="noopener noreferrer nofollow" target="_blank"', note)
    assert live == [ARCHIVED, LIVE_ONLY.replace("&", "&amp;")]  # second link, then the only one
    assert "nouvelle fenêtre" in note


def test_a_javascript_or_data_address_stays_text(site, users) -> None:
    page = _page(site, users)
    note = _note(page)
    assert "(javascript:alert(1))" in note  # shown, as text
    assert "data:text/html,&lt;script&gt;alert(2)&lt;/script&gt;" in note
    assert "<script>alert(2)" not in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert not [h for h in hrefs if h.lower().lstrip().startswith(("javascript:", "data:"))]
