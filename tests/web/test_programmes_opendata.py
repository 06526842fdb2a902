"""An election's page links its programmes' open data package, served as `barometre opendata
export --election` writes it, built once per state of the election's programmes."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from barometre.core.errors import BarometreError
from barometre.programmes.models import Programme
from tests.api.conftest import read_and_close
from tests.web.test_public_programmes import _programme


def _zip(response) -> zipfile.ZipFile:  # type: ignore[no-untyped-def]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _programmes(archive: zipfile.ZipFile) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read("programmes.csv").decode())))


def test_the_election_page_links_its_open_data_package(client, site, settings, tmp_path) -> None:
    settings.HOME = tmp_path
    _programme("44109", "Numérique", mentions_digital=True, themes=["site_web"])
    _programme("44109", "Scannée", status="no_text", text="")
    page = client.get(reverse("web:programmes-election", args=[2026])).content.decode()
    url = reverse("web:programmes-opendata", args=[2026])
    assert url == "/programmes/2026/donnees.zip" and f'href="{url}"' in page

    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert 'filename="barometre-programmes-2026-donnees.zip"' in response["Content-Disposition"]
    archive = _zip(response)
    assert json.loads(archive.read("datapackage.json"))["demonstration"] is False
    rows = {r["list_name"]: r for r in _programmes(archive)}
    assert rows["Numérique"]["theme_site_web"] == "true"
    assert rows["Scannée"]["read"] == "false"

    # built again when the programmes change, not served from the earlier state
    _programme("44109", "Nouvelle")
    assert len(_programmes(_zip(client.get(url)))) == 3


def test_the_demonstration_package_is_apart(client, site, settings, tmp_path) -> None:
    settings.HOME = tmp_path
    demo = _programme("44109", "Inventée", mentions_digital=True, themes=["site_web"])
    Programme.objects.filter(pk=demo.pk).update(is_demo=True)
    assert client.get(reverse("web:programmes-opendata", args=[2026])).status_code == 404
    url = reverse("web:programmes-opendata-demo", args=[2026])
    page = client.get(reverse("web:programmes-election-demo", args=[2026])).content.decode()
    assert f'href="{url}"' in page
    response = client.get(url)
    assert "-donnees-demonstration.zip" in response["Content-Disposition"]
    assert {r["demonstration"] for r in _programmes(_zip(response))} == {"true"}


def test_the_package_is_served_as_the_campaign_files(client, site, settings, tmp_path) -> None:
    """CORS, validators and Cache-Control as /donnees/ (tests/api/test_caching.py): a script
    that polls every night gets 304 with no body while the programmes are unchanged."""
    settings.HOME = tmp_path
    _programme("44109", "Numérique", mentions_digital=True, themes=["site_web"])
    url = reverse("web:programmes-opendata", args=[2026])
    first = client.get(url)
    assert _zip(first).namelist()
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and first["Cache-Control"] == "public, no-cache"
    assert first["Access-Control-Allow-Origin"] == "*"
    assert "Content-Disposition" in first["Access-Control-Expose-Headers"]
    for method in (client.get, client.head):
        again = method(url, headers={"if-none-match": etag})
        assert again.status_code == 304 and again["ETag"] == etag
        assert again["Access-Control-Allow-Origin"] == "*"
        assert again["Cache-Control"] == "public, no-cache"
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    head = client.head(url)
    assert head.status_code == 200 and head["ETag"] == etag
    assert read_and_close(head) == b""
    client.cookies["barometre_langue"] = "en"  # the same French file for every reader
    english = client.head(url)
    read_and_close(english)
    assert english["Content-Language"] == "fr" and "Vary" not in english
    assert client.options(url)["Access-Control-Allow-Headers"].startswith("If-None-Match")
    assert client.post(url).status_code == 405

    _programme("44109", "Nouvelle")  # another state of the programmes: another file
    later = client.get(url, headers={"if-none-match": etag})
    assert later.status_code == 200 and later["ETag"] != etag and _zip(later).namelist()


def test_a_missing_package_is_kept_by_no_cache(client, site, settings, tmp_path) -> None:
    settings.HOME = tmp_path
    response = client.get(reverse("web:programmes-opendata-demo", args=[2026]))
    assert response.status_code == 404 and response["Cache-Control"] == "no-store"
    assert response["Access-Control-Allow-Origin"] == "*"


def _publish(*args: str) -> str:
    out = io.StringIO()
    call_command("opendata", "publish", *args, stdout=out)
    return out.getvalue()


def test_publish_builds_every_election_package_ahead(client, site, settings, tmp_path) -> None:
    """`opendata publish` without --campaign builds the zip of every election with programmes,
    real and demonstration, where the web then finds it: no reader waits for it."""
    settings.HOME = tmp_path
    assert "Aucune élection" in _publish()
    _programme("44109", "Réelle", mentions_digital=True, themes=["site_web"])
    demo = _programme("44109", "Inventée")
    Programme.objects.filter(pk=demo.pk).update(is_demo=True)
    said = _publish()
    assert "Programmes de 2026, paquet prêt\u00a0: " in said
    assert "Programmes de 2026 (démonstration), paquet prêt" in said
    built = {p.parent.parent.name: p for p in tmp_path.rglob("donnees.zip")}
    assert set(built) == {"programmes-2026", "programmes-2026-demonstration"}
    stamps = {name: p.stat().st_mtime_ns for name, p in built.items()}
    for name, view in (
        ("programmes-2026", "web:programmes-opendata"),
        ("programmes-2026-demonstration", "web:programmes-opendata-demo"),
    ):
        served = b"".join(client.get(reverse(view, args=[2026])).streaming_content)
        assert served == built[name].read_bytes()
    assert {name: p.stat().st_mtime_ns for name, p in built.items()} == stamps  # not rebuilt

    assert _publish("--election", "2026").count("paquet prêt") == 2
    with pytest.raises(BarometreError, match="1999"):
        _publish("--election", "1999")


def test_a_package_cached_before_a_change_of_its_layout_is_built_again(
    site, settings, tmp_path, monkeypatch
) -> None:
    """The programmes' layout digest held neither the tables' fields nor what the descriptor
    says beside them: a zip built before an upgrade that changed a column's schema, the profile
    or the licences was served after it."""
    from django.utils import timezone

    from barometre.outputs.opendata import programme_package
    from barometre.outputs.opendata.fields import Field

    settings.HOME = tmp_path
    _programme("44109", "Numérique", mentions_digital=True, themes=["site_web"])
    first = programme_package.programmes_zip(election=2026, demo=False, now=timezone.now())
    monkeypatch.setattr(programme_package, "PROFILE", "data-package")
    second = programme_package.programmes_zip(election=2026, demo=False, now=timezone.now())
    assert second != first
    package = json.loads(zipfile.ZipFile(second).read("datapackage.json"))
    assert package["profile"] == "data-package"
    essai = (Field("essai", "string", "Essai", title="Essai"),)
    monkeypatch.setattr(
        programme_package, "PROGRAMME_TABLES", (*programme_package.PROGRAMME_TABLES, essai)
    )
    third = programme_package.programmes_zip(election=2026, demo=False, now=timezone.now())
    assert third not in (first, second)


def test_the_layout_digest_holds_every_fixed_column_of_the_programmes_table() -> None:
    """The digest held the programmes' columns before the themes' only: `read_at`,
    `source_url`, `published_on` and the document's columns (`file_name`…) came after them,
    so that a package built before an upgrade that added one was served after it, without
    the column, until the programmes changed."""
    from barometre.outputs.opendata import programme_package
    from barometre.outputs.opendata.programme_tables import programme_fields

    held = {field.name for table in programme_package.PROGRAMME_TABLES for field in table}
    fixed = {field.name for field in programme_fields({"site_web": "Site web"})}
    assert fixed - {"theme_site_web"} <= held
    assert {"read_at", "source_url", "published_on", "file_name", "ocr"} <= held
