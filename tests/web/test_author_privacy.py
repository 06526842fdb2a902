"""An auditor's user name is personal data: no public output shows it (outputs.authors).

Jeanne Dupont reviews a cell, Paul Martin another after her, both code a third blind and agree,
and Marie Curie's file is imported: the open data (every format, the package, the zip), the
reports (JSON, HTML, CSV, XLSX, the PDFs' HTML), the API and the public pages name none of them,
and say « auditeur 1 », « auditeur 2 », « double codage » and « import » instead.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from barometre.accounts.roles import user_create
from barometre.assessments.models import Cell, Source
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.record import NewValue, assessments_record_many
from barometre.assessments.services.review import Decision, coding_answer
from tests.web.conftest import Site

pytestmark = pytest.mark.django_db

NAMES = ("jeanne.dupont", "paul.martin", "marie.curie", "Jeanne", "Dupont")


def _review(site: Site, slug: str, author: str) -> None:
    value = NewValue("44109", slug, 2, False, f"https://ville.test/{slug}", "", "")
    assessments_record_many(
        campaign=site.after, values=[value], source=Source.HUMAN, author=author,
        now=timezone.now(),
    )  # fmt: skip


def _people(site: Site) -> None:
    slugs = list(site.after.catalogue.services.order_by("position").values_list("slug", flat=True))
    _review(site, slugs[2], "jeanne.dupont")
    _review(site, slugs[3], "paul.martin")
    value = NewValue("44109", slugs[4], 2, False, "https://ville.test/import", "", "")
    assessments_record_many(
        campaign=site.after, values=[value], source=Source.IMPORT, author="marie.curie",
        now=timezone.now(),
    )  # fmt: skip
    coders = [
        user_create(username=name, role="auditeur", password="x" * 16)
        for name in ("jeanne.dupont", "paul.martin")
    ]
    cell = Cell.objects.get(campaign=site.after, commune_id="44109", service__slug=slugs[1])
    for assignment in codings_assign(
        cells=[cell], auditors=coders, size=1, seed=1, now=timezone.now()
    ):
        decision = Decision(level=0, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )


def _no_name(text: str, where: str) -> None:
    for name in NAMES:
        assert name not in text, f"{name} in {where}"


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row
    )


def _file_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        return _xlsx_text(path.read_bytes())
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return json.dumps(pq.read_table(path).to_pylist(), default=str, ensure_ascii=False)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return "\n".join(
                _file_text(_unzipped(path.parent / "z", n, archive.read(n)))
                for n in archive.namelist()
            )
    return path.read_text(encoding="utf-8")


def _unzipped(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def test_the_open_data_names_no_auditor_in_any_format(site, tmp_path):
    import csv

    from barometre.outputs.opendata.package import opendata_export

    _people(site)
    paths = opendata_export(campaign=site.after, out=tmp_path, now=timezone.now())
    for path in paths:
        _no_name(_file_text(path), path.name)
    rows = csv.DictReader(io.StringIO((tmp_path / "cellules.csv").read_text(encoding="utf-8")))
    authors = {(r["author"], r["author_kind"]) for r in rows if r["commune_code"] == "44109"}
    assert {
        ("auditeur 1", "auditor"),
        ("auditeur 2", "auditor"),
        ("double codage", "double_coding"),
        ("import", "import"),
        ("barometre", "auto"),
    } <= authors


def test_the_reports_name_no_auditor(site, tmp_path):
    from barometre.outputs.pdf.reports import campaign_pdf_html, commune_pdf_html
    from barometre.outputs.services import report_write

    _people(site)
    now = timezone.now()
    for path in report_write(
        campaign="apres", formats=["json", "html", "csv", "xlsx"], out=tmp_path, now=now
    ):
        _no_name(_file_text(path), path.name)
    commune = commune_pdf_html(campaign=site.after, code="44109", now=now)
    _no_name(commune, "the commune's PDF")
    assert "auditeur 1" in commune and "auditeur 2" in commune
    _no_name(campaign_pdf_html(campaign=site.after, now=now), "the campaign's PDF")


def test_the_api_and_the_public_pages_name_no_auditor(site):
    _people(site)
    public = Client()
    cells = public.get("/api/v1/cells", {"campaign": "apres", "limit": "500"}).json()["results"]
    assert {"auditeur 1", "auditeur 2", "double codage", "import"} <= {c["author"] for c in cells}
    addresses = [
        "/api/v1/cells?campaign=apres&limit=500",
        "/api/v1/campaigns/apres",
        "/api/openapi.json",
        *(f"/donnees/apres/{name}" for name in ("cellules.csv", "codages.csv", "datapackage.json")),
        reverse("web:commune", kwargs={"code": "44109"}),
        reverse("web:evidence", kwargs={"pk": site.record.pk}),
        reverse("web:overview", kwargs={"name": "apres"}),
        reverse("web:methodology", kwargs={"name": "apres"}),
    ]
    for address in addresses:
        response = public.get(address)
        assert response.status_code == 200, address
        _no_name(b"".join(response).decode("utf-8") if response.streaming else
                 response.content.decode("utf-8"), address)  # fmt: skip
    page = public.get(reverse("web:commune", kwargs={"code": "44109"})).content.decode()
    assert "(auditeur 1)" in page and "(auditeur 2)" in page and "(double codage)" in page


def test_the_auditors_workspace_still_names_who_decided(site, client):
    _people(site)
    coordinator = user_create(username="coord", role="coordinateur", password="x" * 16)
    client.force_login(coordinator)
    cell = Cell.objects.get(
        campaign=site.after, commune_id="44109", assessment__author="jeanne.dupont"
    )
    page = client.get(reverse("web:review-cell", kwargs={"pk": cell.pk})).content.decode()
    assert "jeanne.dupont" in page
