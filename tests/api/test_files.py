"""Downloads under /donnees/ and PDF under /pdf/: content, demo flag, safe links."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.utils import timezone
from pypdf import PdfReader

from barometre.assessments.models import Source
from barometre.outputs.pdf.render import safe_href
from barometre.outputs.pdf.reports import commune_pdf
from tests.factories import set_cells

pytestmark = pytest.mark.django_db


def body(response) -> bytes:  # type: ignore[no-untyped-def]
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def test_csv_is_streamed_and_neutralised(client, after):
    response = client.get("/donnees/2026/cellules.csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = body(response).decode("utf-8")
    assert text.startswith("campaign,commune_code,")
    assert ",'=Cville," in text


@pytest.mark.parametrize("name", ["cellules.xlsx", "cellules.parquet", "scores.parquet"])
def test_binary_files_are_served(client, after, name):
    response = client.get(f"/donnees/2026/{name}")
    assert response.status_code == 200
    content = body(response)
    assert content[:4] in (b"PK\x03\x04", b"PAR1")


def test_datapackage_and_zip(client, after):
    package = json.loads(body(client.get("/donnees/2026/datapackage.json")))
    assert package["demonstration"] is True
    assert [r["name"] for r in package["resources"]] == [
        "cellules",
        "scores",
        "codages",
        "communes",
    ]
    real = json.loads(body(client.get("/donnees/2014/datapackage.json")))
    assert real["demonstration"] is False and "DÉMONSTRATION" not in real["description"]
    with zipfile.ZipFile(io.BytesIO(body(client.get("/donnees/2026/donnees.zip")))) as archive:
        assert "cellules.parquet" in archive.namelist()


def test_the_zip_carries_the_mit_notice_of_the_commune_names(client, after):
    """The tables name the communes as @etalab/decoupage-administratif gives them, under the
    MIT licence, whose notice must go with copies: the zip had none."""
    with zipfile.ZipFile(io.BytesIO(body(client.get("/donnees/2026/donnees.zip")))) as archive:
        notice = archive.read("LICENSE-decoupage-administratif.txt").decode("utf-8")
    assert notice.startswith("MIT License") and "Copyright (c) 2018-2019 Etalab" in notice
    assert "Permission is hereby granted" in notice


def test_the_served_zip_unpacks_into_files_anyone_can_read(client, after):
    """The files built for /donnees/ were mkstemp's 0600, and donnees.zip kept that mode: on a
    shared machine, its files unzipped readable by their owner alone (the CLI's are 0644)."""
    with zipfile.ZipFile(io.BytesIO(body(client.get("/donnees/2026/donnees.zip")))) as archive:
        modes = {i.filename: oct(i.external_attr >> 16 & 0o777) for i in archive.infolist()}
    assert set(modes.values()) == {"0o644"}, modes


def test_unknown_file_or_campaign_is_404(client, after):
    assert client.get("/donnees/2026/secret.txt").status_code == 404
    assert client.get("/donnees/1999/cellules.csv").status_code == 404
    assert client.post("/donnees/2026/cellules.csv").status_code == 405


def test_a_new_value_gives_new_files(client, after):
    first = body(client.get("/donnees/2026/cellules.parquet"))
    set_cells(after, {("90003", "actes-etat-civil"): 3}, source=Source.HUMAN)
    assert body(client.get("/donnees/2026/cellules.parquet")) != first


def test_files_of_an_earlier_version_are_removed(client, after, settings, tmp_path):
    """Every new value makes a version; the files built for the earlier ones are not kept (a
    national campaign's files are about 100 MB), except a folder being written."""
    settings.HOME = tmp_path
    body(client.get("/donnees/2026/scores.xlsx"))
    campaign = tmp_path / "opendata" / "2026"
    (busy := campaign / "en-cours").mkdir()
    (busy / ".tmp-x.xlsx").write_bytes(b"")
    set_cells(after, {("90003", "actes-etat-civil"): 3}, source=Source.HUMAN)
    body(client.get("/donnees/2026/scores.xlsx"))
    folders = [p.name for p in campaign.iterdir()]
    assert len(folders) == 2 and "en-cours" in folders
    body(client.get("/donnees/2026/scores.parquet"))  # same version: nothing removed
    assert len(list(campaign.iterdir())) == 2


def _pdf_text_and_links(content: bytes) -> tuple[str, list[str]]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    links = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                links.append(str(action["/URI"]))
    return text, links


def test_commune_pdf_shows_levels_evidence_and_demo_banner(client, after):
    response = client.get("/pdf/commune/2026/90001.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text, links = _pdf_text_and_links(response.content)
    assert "Aville" in text and "démonstration" in text
    assert "https://ville.test/90001/paiement-famille" in links


def test_javascript_evidence_is_never_a_link_in_the_pdf(after):
    set_cells(after, {("90002", "paiement-famille"): 3}, source=Source.HUMAN)
    from barometre.assessments.models import Assessment

    Assessment.objects.filter(campaign=after, commune_id="90002", level=3).update(
        evidence_url="javascript:alert(1)"
    )
    content = commune_pdf(campaign=after, code="90002", now=timezone.now())
    text, links = _pdf_text_and_links(content)
    assert "javascript:alert(1)" in text  # shown as text, for the record
    assert not [u for u in links if not u.startswith(("http://", "https://"))]


def test_campaign_pdf_has_the_report_charts(client, after):
    response = client.get("/pdf/campagne/2014.pdf")
    assert response.status_code == 200
    text, _ = _pdf_text_and_links(response.content)
    assert "Répartition des niveaux" in text and "Classement des communes" in text
    assert "démonstration" not in text
    flat = " ".join(text.split())
    # imported levels only: the origins figure says so, and no note on automatic levels
    # (tests/outputs/test_origins.py renders a campaign with automatic cells)
    assert (
        "0 sur 2 cellules mesurées ; 2 niveaux importés" in flat
        and "il retient le bon niveau" not in flat
    )


def test_pdf_of_a_commune_outside_the_campaign_is_404(client, after):
    assert client.get("/pdf/commune/2026/99999.pdf").status_code == 404
    assert client.get("/pdf/campagne/1999.pdf").status_code == 404


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://ville.test/a", "https://ville.test/a"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("http:///nohost", None),
        ("", None),
    ],
)
def test_safe_href(url, expected):
    assert safe_href(url) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("demo-2026", "demo-2026"),
        ('a"b', "a\\22 b"),
        ("</style><script>", "\\3C /style\\3E \\3C script\\3E "),
        ("a\\b\nc", "a\\5C b\\A c"),
    ],
)
def test_css_text_cannot_leave_its_string(text, expected):
    from barometre.outputs.pdf.render import css_text

    assert css_text(text) == expected


def test_footer_shows_the_campaign_name(client, after):
    text, _ = _pdf_text_and_links(client.get("/pdf/campagne/2026.pdf").content)
    assert "barometre — 2026" in text


@pytest.mark.parametrize(
    ("method", "url", "status", "says"),
    [
        ("get", "/donnees/1999/cellules.csv", 404, "Campagne inconnue : « 1999 »."),
        ("get", "/donnees/2026/secret.txt", 404, "Fichier inconnu : « secret.txt »."),
        (
            "get",
            "/donnees/2026/",
            404,
            "Adresse inconnue : « /donnees/2026/ ». Les fichiers d'une campagne sont à "
            "/donnees/<campagne>/<fichier>, <fichier> étant l'un de : cellules.csv, "
            "cellules.xlsx, cellules.parquet, scores.csv, scores.xlsx, scores.parquet, "
            "codages.csv, codages.xlsx, codages.parquet, communes.csv, communes.xlsx, "
            "communes.parquet, datapackage.json, donnees.zip. Ceux des résultats d'une enquête "
            "close sont à /donnees/enquete/<campagne>/<fichier>, <fichier> étant l'un de\u00a0: "
            "resultats.csv, resultats.xlsx, resultats.parquet, datapackage.json, donnees.zip.",
        ),
        (
            "get",
            "/donnees/enquete/x/",
            404,
            "Adresse inconnue\u00a0: «\u00a0/donnees/enquete/x/\u00a0»",
        ),
        ("get", "/donnees/2026", 404, "Adresse inconnue : « /donnees/2026 »"),
        ("get", "/donnees/2026/a/cellules.csv", 404, "Adresse inconnue : « /donnees/2026/a/"),
        ("post", "/donnees/", 405, "Méthode non permise : les fichiers se lisent par GET ou HEAD."),
        (
            "post",
            "/donnees/2026/cellules.csv",
            405,
            "Méthode non permise : les fichiers se lisent par GET ou HEAD.",
        ),
    ],
)
def test_open_data_errors_carry_the_headers_of_the_downloads(
    client, after, method, url, status, says
):
    """A script of another site that can read a file can also read why one is missing."""
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text == says + "\n" if says.endswith(".") else text.startswith(says)
