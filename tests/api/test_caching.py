"""Conditional requests on the API and /donnees/: a script that polls every night sends back
the ETag (If-None-Match) or Last-Modified (If-Modified-Since) it got and gets 304 with no body
while nothing changed; errors are kept by no cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from barometre.assessments.models import Cell, CodingAssignment, Source
from barometre.referential.models import Service
from barometre.referential.services import territories_load
from tests.api.conftest import read_and_close
from tests.factories import set_cells

pytestmark = pytest.mark.django_db

API = [
    "/api/v1/cells?campaign=2026",
    "/api/v1/scores?campaign=2026&scope=all",
    "/api/v1/comparisons?campaign=2026&reference=2014",
    "/api/v1/campaigns/2026",
    "/api/v1/communes",
    "/api/openapi.json",
]
FILES = ["/donnees/2026/cellules.csv", "/donnees/2026/scores.xlsx", "/donnees/2026/donnees.zip"]


@pytest.mark.parametrize("url", API + FILES)
def test_an_unchanged_answer_is_a_304_with_no_body(client, after, url):
    first = client.get(url)
    read_and_close(first)
    etag = first["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")  # strong
    assert first["Cache-Control"] == "public, no-cache"
    for method in (client.get, client.head):
        again = method(url, headers={"if-none-match": etag})
        assert again.status_code == 304
        assert read_and_close(again) == b""
        assert again["ETag"] == etag
        assert again["Cache-Control"] == "public, no-cache"
        assert again["Access-Control-Allow-Origin"] == "*"  # a script of another site reads it
    head = client.head(url)
    read_and_close(head)
    assert head.status_code == 200 and head["ETag"] == etag
    other = client.get(url, headers={"if-none-match": '"other"'})
    assert other.status_code == 200 and read_and_close(other)


@pytest.mark.parametrize("url", API[:4] + FILES)
def test_a_new_value_gives_a_new_etag(client, after, url):
    first = client.get(url)
    read_and_close(first)
    set_cells(after, {("90001", "actes-etat-civil"): 3}, source=Source.HUMAN)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert read_and_close(again)


@pytest.mark.parametrize("url", FILES)
def test_files_say_when_they_last_changed(client, after, url, settings, tmp_path):
    """`wget -N` or `curl -z` compare times: a file answers If-Modified-Since with 304 until
    the campaign changes."""
    settings.HOME = tmp_path
    read_and_close(client.get(url))
    yesterday = os.stat(tmp_path).st_mtime - 86_400  # HTTP times count whole seconds
    for built in Path(tmp_path, "opendata").rglob("*"):
        os.utime(built, (yesterday, yesterday))
    first = client.get(url)
    read_and_close(first)
    modified = first["Last-Modified"]
    again = client.get(url, headers={"if-modified-since": modified})
    assert again.status_code == 304 and again["Last-Modified"] == modified
    set_cells(after, {("90001", "actes-etat-civil"): 3}, source=Source.HUMAN)
    later = client.get(url, headers={"if-modified-since": modified})
    assert later.status_code == 200
    read_and_close(later)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/cells?campaign=1999"),
        ("get", "/api/v1/cells?campaign=2026&limit=0"),
        ("post", "/api/v1/communes"),
        ("get", "/donnees/1999/cellules.csv"),
        ("get", "/donnees/2026/secret.txt"),
        ("post", "/donnees/2026/cellules.csv"),
        ("get", "/pdf/campagne/1999.pdf"),
        ("get", "/pdf/commune/2026/99999.pdf"),
        ("post", "/pdf/campagne/2026.pdf"),
    ],
)
def test_errors_are_kept_by_no_cache(client, after, method, url):
    """A campaign created tomorrow must be found tomorrow, not read as a 404 kept by a cache."""
    response = getattr(client, method)(url)
    assert response.status_code in (400, 404, 405)
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response and "Last-Modified" not in response


def test_answers_are_the_same_for_a_signed_in_blind_coder(client, after):
    """Public caching holds because nothing here depends on the reader: an auditor with a blind
    coding to do gets the same bytes and tag as anyone (only HTML pages mask), no Vary: Cookie,
    in French whatever language they chose."""
    url = "/api/v1/cells?campaign=2026&commune=90003"
    anonymous = client.get(url)
    coder = User.objects.create_user("auditrice")
    cell = Cell.objects.get(campaign=after, commune_id="90003", service__slug="actes-etat-civil")
    CodingAssignment.objects.create(cell=cell, auditor=coder)
    client.force_login(coder)
    client.cookies["django_language"] = "en"
    signed_in = client.get(url)
    assert signed_in.content == anonymous.content
    assert signed_in["ETag"] == anonymous["ETag"]
    assert signed_in["Cache-Control"] == "public, no-cache"
    assert "Cookie" not in signed_in.get("Vary", "")
    assert signed_in["Content-Language"] == "fr"


def test_the_schema_documents_the_tag_and_the_304(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path, item in paths.items():
        responses = item["get"]["responses"]
        assert "ETag" in responses["200"]["headers"] and "304" in responses, path


# the commune names of the open data, and the scores that carry them
NAMED = ["/donnees/2026/cellules.csv", "/api/v1/scores?campaign=2026&scope=commune"]


@pytest.mark.parametrize("url", NAMED)
def test_reloading_the_territories_gives_a_new_etag(client, after, url):
    """`barometre init --force` renames the made-up « Aville » 90001 as the COG names it: a
    reuser who sends back yesterday's tag gets the new name, not a 304 over the old one."""
    first = client.get(url)
    assert "Aville" in read_and_close(first).decode("utf-8")
    territories_load(now=timezone.now(), force=True)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Andelnans" in read_and_close(again).decode("utf-8")


@pytest.mark.parametrize("url", NAMED[:1] + ["/api/v1/scores?campaign=2026&scope=service"])
def test_an_edit_in_the_admin_gives_a_new_etag(admin_client, after, url):
    """A service's label (or a commune's name) corrected in the admin shows at once."""
    first = admin_client.get(url)
    read_and_close(first)
    service = Service.objects.get(catalogue=after.catalogue, slug="actes-etat-civil")
    form = {
        "catalogue": service.catalogue_id,
        "slug": service.slug,
        "label": "Actes d'état civil (corrigé)",
        "domain": service.domain,
        "max_level": service.max_level,
        "cues": json.dumps(service.cues),
        "position": service.position,
    }
    saved = admin_client.post(f"/admin/referential/service/{service.pk}/change/", form)
    assert saved.status_code == 302
    again = admin_client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert "(corrigé)" in read_and_close(again).decode("utf-8")


@pytest.mark.parametrize("url", ["/pdf/commune/2026/90001.pdf", "/pdf/campagne/2026.pdf"])
def test_a_pdf_is_a_304_while_its_campaign_is_unchanged(client, after, url):
    """Laid out again on each request (a second or more for a commune), so a reader's cache
    asks first; the tag is weak, since each PDF prints and records when it was made."""
    first = client.get(url)
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    etag = first["ETag"]
    assert etag.startswith('W/"')
    assert first["Cache-Control"] == "public, no-cache"
    for method in (client.get, client.head):
        again = method(url, headers={"if-none-match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == etag and again["Cache-Control"] == "public, no-cache"
    set_cells(after, {("90001", "actes-etat-civil"): 3}, source=Source.HUMAN)
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed.content.startswith(b"%PDF")
    assert changed["ETag"] != etag


def test_a_commune_outside_the_campaign_is_never_a_304(client, after):
    etag = client.head("/pdf/commune/2026/90001.pdf")["ETag"]
    response = client.get("/pdf/commune/2026/99999.pdf", headers={"if-none-match": etag})
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store" and "ETag" not in response
