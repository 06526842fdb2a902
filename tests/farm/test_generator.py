"""The generator: deterministic, realistic spread of levels, reserved names, valid documents."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pypdf

from barometre.farm import Farm, generate_farm
from barometre.farm.walk import walk_site
from barometre.referential.catalogue import ServiceSpec, default_catalogue


def _fingerprint(farm: Farm) -> str:
    digest = hashlib.sha256()
    for host in farm.hosts:
        for path, resource in sorted(farm.routes[host].items()):
            digest.update(f"{host}{path}{resource.status}".encode())
            digest.update(resource.payload())
    return digest.hexdigest()


def test_same_seed_same_farm_other_seed_other_farm() -> None:
    first = generate_farm(seed=3, sites=8)
    again = generate_farm(seed=3, sites=8)
    other = generate_farm(seed=4, sites=8)
    assert first.truth == again.truth
    assert _fingerprint(first) == _fingerprint(again)
    assert _fingerprint(first) != _fingerprint(other)


def test_every_service_is_online_somewhere_and_levels_respect_ceilings(farm: Farm) -> None:
    catalogue = default_catalogue()
    for spec in catalogue.services:
        levels = [farm.truth[(site.code, spec.id)] for site in farm.sites]
        assert max(levels) >= 1, spec.id
        assert max(levels) <= spec.max_level, spec.id
    counts = Counter(farm.truth.values())
    assert set(counts) == {0, 1, 2, 3, 4, 5}
    # many 1s and 2s, fewer 3-4, rare 5
    assert counts[1] + counts[2] > counts[3] + counts[4] > counts[5]


def test_all_templates_and_quirks_occur(farm: Farm) -> None:
    assert {site.template for site in farm.sites} == {
        "wordpress",
        "drupal",
        "publik",
        "dsfr",
        "table2000",
    }
    quirks = {q.split(":")[0] for site in farm.sites for q in site.quirks}
    assert {
        "charset",
        "malformed",
        "robots-decoy",
        "orphan-decoy",
        "home-redirect",
        "legacy-redirects",
        "broken-links",
        "slow",
        "http-500",
        "reset",
        "large-page",
        "no-robots",
    } <= quirks


def test_codes_and_hosts_are_reserved(farm: Farm) -> None:
    for site in farm.sites:
        assert re.fullmatch(r"9[ZYXWV]\d{3}", site.code)
        assert site.host.endswith(".test")
        assert site.start_url == f"https://{site.host}/"


def test_given_communes_are_used() -> None:
    farm = generate_farm(
        seed=1, sites=2, communes=[("9Z500", "Essai", 1200), ("9Z501", "Autre", 90000)]
    )
    assert [(s.code, s.name, s.population) for s in farm.sites] == [
        ("9Z500", "Essai", 1200),
        ("9Z501", "Autre", 90000),
    ]
    assert {code for code, _ in farm.truth} == {"9Z500", "9Z501"}


def test_csv_exports(farm: Farm, tmp_path: Path) -> None:
    websites_text = farm.write_websites_csv(tmp_path / "w.csv").read_text(encoding="utf-8")
    truth_text = farm.write_truth_csv(tmp_path / "t.csv").read_text(encoding="utf-8")
    communes_text = farm.write_communes_csv(tmp_path / "c.csv").read_text(encoding="utf-8")
    websites = list(csv.DictReader(io.StringIO(websites_text)))
    communes = list(csv.DictReader(io.StringIO(communes_text)))
    truth = list(csv.DictReader(io.StringIO(truth_text)))
    assert len(websites) == len(communes) == 60
    assert websites[0] == {
        "commune_code": farm.sites[0].code,
        "url": farm.sites[0].start_url,
        "primary": "1",
        "note": "site fictif de la ferme locale",
    }
    assert communes[0]["url"] == farm.sites[0].start_url
    assert len(truth) == 60 * len(farm.services)
    row = truth[5]
    assert int(row["level"]) == farm.truth[(row["code_insee"], row["service"])]


def test_downloadable_forms_are_valid_pdf_and_odt(farm: Farm) -> None:
    pdfs = odts = 0
    for site in farm.sites:
        for path, resource in farm.routes[site.host].items():
            if resource.content_type == "application/pdf" and resource.status == 200:
                text = pypdf.PdfReader(io.BytesIO(resource.body)).pages[0].extract_text()
                assert site.name.split("-")[0] in text
                if "13406" in path:
                    assert "Cerfa n° 13406*07" in text
                pdfs += 1
            elif resource.content_type.endswith("opendocument.text"):
                archive = zipfile.ZipFile(io.BytesIO(resource.body))
                assert archive.namelist()[0] == "mimetype"
                assert b"<text:p>" in archive.read("content.xml")
                odts += 1
    assert pdfs > 50 and odts > 5


def test_non_utf8_sites_are_encoded_as_declared(farm: Farm) -> None:
    legacy = [s for s in farm.sites if any(q.startswith("charset:") for q in s.quirks)]
    assert legacy
    for site in legacy:
        home = farm.lookup(site.host, "/")
        while home.location:
            home = farm.fetch_url(home.location)
        charset = next(q.split(":")[1] for q in site.quirks if q.startswith("charset:"))
        body = home.body
        with_meta = f"charset={charset}".encode() in body
        in_header = charset in home.content_type
        assert with_meta or in_header
        body.decode(charset)
        assert b"\xc3\xa9" not in body  # no UTF-8 "é" in a Latin-1 page


def test_a_user_catalogue_with_an_unknown_service_gets_generic_pages() -> None:
    default = default_catalogue()
    extra = ServiceSpec("jardins-familiaux", "Attribution d'un jardin familial", "cadre-de-vie", 3,
                        ("jardin familial", "jardins familiaux"))  # fmt: skip
    catalogue = replace(default, services=(default.service("urbanisme"), extra))
    farm = generate_farm(seed=5, sites=12, catalogue=catalogue)
    assert farm.services == ("urbanisme", "jardins-familiaux")
    levels = [farm.truth[(site.code, "jardins-familiaux")] for site in farm.sites]
    assert max(levels) >= 2 and max(levels) <= 3
    walk_levels = {s.code: walk_site(farm, s).visible_levels() for s in farm.sites}
    assert all(walk_levels[c].get(sv, 0) == lv for (c, sv), lv in farm.truth.items())


def test_documents_carry_no_clock_so_a_seed_always_gives_the_same_bytes() -> None:
    from barometre.farm.documents import odt_bytes

    archive = zipfile.ZipFile(io.BytesIO(odt_bytes("Formulaire", ["ligne"])))
    assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    assert archive.infolist()[0].filename == "mimetype"
    assert archive.infolist()[0].compress_type == zipfile.ZIP_STORED
