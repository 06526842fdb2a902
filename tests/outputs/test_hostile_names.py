"""Names that someone else wrote (a commune's, a service's label) built to attack the report's
reader: in the standalone HTML report they are text, in its charts' JSON too (a `</script>` in
a label cannot close the element), and in the CSV and XLSX reports they are not formulas."""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook

from barometre.outputs.services import report_write
from barometre.referential.models import Campaign, Commune, Service

NOW = datetime(2026, 3, 1, tzinfo=UTC)
HOSTILE = '=HYPERLINK("x")</script><script>alert(1)</script><img src=x onerror=alert(2)>'


def _hostile(after: Campaign) -> str:
    Commune.objects.filter(code="90001").update(name=HOSTILE)
    service = Service.objects.filter(catalogue=after.catalogue).order_by("slug").first()
    assert service is not None
    Service.objects.filter(pk=service.pk).update(label="@" + HOSTILE)
    return service.slug


def _write(tmp_path: Path, fmt: str) -> Path:
    (path,) = report_write(
        campaign="2026", compare="2014", formats=[fmt], out=tmp_path / f"r.{fmt}", now=NOW
    )
    return path


def test_hostile_names_are_text_in_the_html_report_and_its_charts(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    _hostile(after)
    html = _write(tmp_path, "html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    specs = re.search(r'id="barometre-chart-specs" type="application/json">(.*?)</script>', html)
    assert specs is not None and "\\u003C/script\\u003E" in specs.group(1)


def test_hostile_names_are_no_formulas_in_the_csv_and_xlsx_reports(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    _hostile(after)
    with _write(tmp_path, "csv").open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert "'" + HOSTILE in cells
    assert not [c for c in cells if c and c[0] in "=@"]
    book = load_workbook(_write(tmp_path, "xlsx"))
    typed = [
        (cell.value, cell.data_type)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and "HYPERLINK" in cell.value
    ]
    assert (HOSTILE, "s") in typed and ("@" + HOSTILE, "s") in typed
    assert all(kind == "s" for _, kind in typed)
