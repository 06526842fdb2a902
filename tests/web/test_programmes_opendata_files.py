"""Each file of an election's programmes package is served alone, as a campaign's are under
/donnees/: datapackage.json (so that `frictionless validate URL` runs on it, reading the tables
beside it) and every table in each format, linked from the election's page and the open data
page."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from django.urls import reverse

from barometre.programmes.models import Programme
from tests.api.conftest import read_and_close
from tests.web.test_public_programmes import _programme

BASE = "/programmes/2026/"
TABLES = ("programmes", "phrases", "themes")


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    return read_and_close(response)


def test_every_file_of_the_package_is_served_alone_and_listed(client, site, settings, tmp_path):
    settings.HOME = tmp_path
    _programme("44109", "Numérique", mentions_digital=True, themes=["site_web"])
    names = [f"{t}.{f}" for t in TABLES for f in ("csv", "xlsx", "parquet")]
    names.append("datapackage.json")
    for page in (reverse("web:programmes-election", args=[2026]), reverse("web:open-data")):
        html = client.get(page).content.decode()
        assert all(f'href="{BASE}{name}"' in html for name in names), page
    archive = zipfile.ZipFile(io.BytesIO(_body(client.get(BASE + "donnees.zip"))))
    for name in names:
        response = client.get(BASE + name)
        assert response.status_code == 200, name
        assert response["Access-Control-Allow-Origin"] == "*"
        # the same bytes as the zip's, built once: the descriptor's `created` too
        assert _body(response) == archive.read(name), name
    table = client.get(BASE + "programmes.csv")
    read_and_close(table)
    assert table["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="barometre-programmes-2026-programmes.csv"' in table["Content-Disposition"]
    descriptor = client.get(BASE + "datapackage.json")
    assert "attachment" not in descriptor["Content-Disposition"]  # shown, as a campaign's
    assert json.loads(_body(descriptor))["election"] == 2026


def test_the_descriptor_validates_with_the_tables_beside_it(client, site, settings, tmp_path):
    """What `frictionless validate http://…/programmes/2026/datapackage.json` reads: the
    descriptor, then each resource's path relative to it."""
    from frictionless import Package

    settings.HOME = tmp_path / "home"
    _programme("44109", "Numérique", mentions_digital=True, themes=["site_web"])
    _programme("44109", "Scannée", status="no_text", text="")
    fetched = tmp_path / "fetched"
    fetched.mkdir()
    descriptor = json.loads(_body(client.get(BASE + "datapackage.json")))
    (fetched / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for resource in descriptor["resources"]:
        (fetched / resource["path"]).write_bytes(_body(client.get(BASE + resource["path"])))
    report = Package(str(fetched / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert Path(fetched / "programmes.csv").read_text().count("\n") == 3


def test_an_unknown_file_is_a_plain_404_naming_the_files(client, site, settings, tmp_path):
    settings.HOME = tmp_path
    _programme("44109", "Numérique", mentions_digital=True, themes=["site_web"])
    response = client.get(BASE + "secret.txt")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Fichier inconnu\u00a0: «\u00a0secret.txt\u00a0»" in text
    assert "programmes.csv" in text and "datapackage.json" in text
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "no-store"
    # an election without programmes: the site's 404 page, as its zip
    assert client.get("/programmes/1999/datapackage.json").status_code == 404
    # the report's files keep their route; the demonstration folder its redirect
    assert client.get(BASE + "rapport.csv").status_code == 200
    assert client.get("/programmes/2026/demonstration").status_code == 301


def test_a_file_answers_conditional_requests_as_the_zip(client, site, settings, tmp_path):
    settings.HOME = tmp_path
    _programme("44109", "Numérique", mentions_digital=True, themes=["site_web"])
    first = client.get(BASE + "themes.parquet")
    read_and_close(first)
    etag = first["ETag"]
    assert etag.startswith('"') and first["Cache-Control"] == "public, no-cache"
    again = client.get(BASE + "themes.parquet", headers={"if-none-match": etag})
    assert again.status_code == 304 and again["Access-Control-Allow-Origin"] == "*"
    _programme("44109", "Nouvelle")  # another state of the programmes: another file
    later = client.get(BASE + "themes.parquet", headers={"if-none-match": etag})
    read_and_close(later)
    assert later.status_code == 200 and later["ETag"] != etag


def test_the_demonstration_files_are_apart_and_say_so(client, site, settings, tmp_path):
    settings.HOME = tmp_path
    demo = _programme("44109", "Inventée", mentions_digital=True, themes=["site_web"])
    Programme.objects.filter(pk=demo.pk).update(is_demo=True)
    assert client.get(BASE + "phrases.csv").status_code == 404
    url = BASE + "demonstration/programmes.csv"
    assert f'href="{url}"' in client.get(reverse("web:open-data")).content.decode()
    response = client.get(url)
    assert (
        "barometre-programmes-2026-programmes-demonstration.csv"
        in (response["Content-Disposition"])
    )
    assert b",true\n" in _body(response)
