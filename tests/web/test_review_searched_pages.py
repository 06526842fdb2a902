"""A cell proposed at level 0 (service not found) said how many pages were read, and linked
the first one only: an auditor could not judge the absence without the pages searched. The
review page lists them (at most SEARCHED_SHOWN, with their count), each to its archived copy."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Cell
from barometre.assessments.services.record import AutoValue, assessments_record_auto
from barometre.web.evidence import SEARCHED_SHOWN
from tests.web.conftest import absent_cell, archive_record

BASE = "http://127.0.0.1:9"


def _searched(site, pages: list[str], count: int) -> Cell:
    service = site.after.catalogue.services.get(position=4)
    value = AutoValue(
        commune="44109",
        service=service.slug,
        level=0,
        evidence_url=pages[0],
        confidence=0.5,
        note=f"Service recherché sur {count} pages du site, sans résultat.",
        rationale=[
            {
                "kind": "searched",
                "detail": f"{count} pages analysées",
                "code": "searched",
                "params": {"pages": count},
                "url": pages[0],
                "level": 0,
                "pages": pages,
            }
        ],
    )
    assessments_record_auto(campaign=site.after, values=[value], now=timezone.now())
    return Cell.objects.get(campaign=site.after, commune_id="44109", service=service)


def _listed(body: str) -> str:
    return body.split('id="pages-lues"')[1].split("</details>")[0]


def test_a_level_0_lists_the_pages_searched_with_their_archived_copies(
    client, site, users, tmp_path
) -> None:
    pages = [f"{BASE}/page-{n}" for n in range(SEARCHED_SHOWN)]
    copies = {
        url: archive_record(tmp_path, site.after, "44109", url=url, body=b"<p>page</p>").pk
        for url in pages[:3]
    }
    cell = _searched(site, pages, 57)
    client.force_login(users["auditeur"])
    body = client.get(reverse("web:review-cell", kwargs={"pk": cell.pk})).content.decode()
    listed = _listed(body)
    assert "Pages lues sans trouver le service (57)" in listed
    assert f"Les {SEARCHED_SHOWN} premières" in listed
    assert listed.count("<li>") == SEARCHED_SHOWN
    links = re.findall(r'class="searched-archive" href="([^"]+)"', listed)
    assert links == [reverse("web:evidence", kwargs={"pk": copies[url]}) for url in pages[:3]]
    assert listed.count("non archivée") == SEARCHED_SHOWN - 3
    assert f">{BASE}/page-0<" in listed and ">/page-1<" in listed  # after the first: its path


def test_a_level_0_without_its_list_falls_back_on_the_communes_archived_pages(
    client, site, users
) -> None:
    cell = absent_cell(site, position=5)  # a rationale that lists no page
    client.force_login(users["auditeur"])
    body = client.get(reverse("web:review-cell", kwargs={"pk": cell.pk})).content.decode()
    listed = _listed(body)
    assert "Page lue sans trouver le service (1)" in listed
    assert re.findall(r'class="searched-archive" href="([^"]+)"', listed) == [
        reverse("web:evidence", kwargs={"pk": site.record.pk})
    ]


def test_a_level_found_lists_no_pages_searched(client, site, users) -> None:
    client.force_login(users["auditeur"])
    body = client.get(reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})).content
    assert b'id="pages-lues"' not in body
