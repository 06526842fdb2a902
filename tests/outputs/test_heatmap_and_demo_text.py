"""The heatmap's table holds the heatmap's values; homonym labels keep their code when cut; the
farm demonstration says its levels were detected, not invented."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from barometre.outputs.charts import heatmap, ranking
from barometre.outputs.data import report_data
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, DepartmentFactory, set_cells

NOW = datetime(2026, 3, 1, tzinfo=UTC)
LONG = "Saint-Martin-de-la-Grande-Belleville-sur-Mer"


def _table(html: str, section: str) -> list[list[str]]:
    part = html.split(f'id="section-{section}"')[1].split("</section>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", part, re.S)
    return [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S) for r in rows]


def test_heatmap_table_is_city_by_service(after: Campaign, tmp_path: Path) -> None:
    (path,) = report_write(campaign="2026", formats=["html"], out=tmp_path / "r.html", now=NOW)
    header, *rows = _table(path.read_text("utf-8"), "heatmap")
    assert header[:3] == [
        "commune",
        "code",
        "Demande d&#x27;acte de naissance, de mariage ou de décès",
    ]
    assert len(header) == 2 + 18
    assert [r[:2] for r in rows] == [["Aville", "90001"], ["Bville", "90002"]]
    assert rows[0][2] == "4"  # Aville, actes-etat-civil: the cell, not a service mean
    bville = dict(zip(header, rows[1], strict=True))
    assert '<abbr title="sans objet">s.o.</abbr>' in bville.values() and bville["code"] == "90002"


def test_cut_homonym_labels_keep_their_code(db) -> None:  # type: ignore[no-untyped-def]
    other = DepartmentFactory(code="974", name="La Réunion")
    communes = [
        CommuneFactory(code="73257", name=LONG, population=2000),
        CommuneFactory(code="97499", name=LONG, population=1000, department=other),
    ]
    campaign = CampaignFactory(name="h", communes=communes)
    set_cells(campaign, {("73257", "urbanisme"): 3, ("97499", "urbanisme"): 2})
    data = report_data(campaign=Campaign.objects.get(name="h"), now=NOW, resamples=10)
    cities = {v["city"] for v in heatmap(data)["data"]["values"]}
    assert len(cities) == 2
    for city, code in zip(sorted(cities), ("73257", "97499"), strict=True):
        assert city.endswith(f"… ({code})") and len(city) <= 24
    bars = [v["city"] for v in ranking(data)["data"]["values"]]
    assert bars[0].endswith("(73257)") and bars[1].endswith("(97499)")


def test_farm_demo_report_says_levels_were_detected(after: Campaign, tmp_path: Path) -> None:
    Campaign.objects.filter(pk=after.pk).update(is_demo=True, spec="ferme")
    (path,) = report_write(campaign="2026", formats=["html"], out=tmp_path / "r.html", now=NOW)
    html = path.read_text("utf-8")
    assert "détectés automatiquement sur une ferme de sites générés" in html
    assert "inventés" not in html
    Campaign.objects.filter(pk=after.pk).update(spec="demo")
    (path,) = report_write(campaign="2026", formats=["html"], out=tmp_path / "r.html", now=NOW)
    assert "inventés pour montrer l" in path.read_text("utf-8")


def test_resample_count_has_a_french_thousands_separator(after: Campaign, tmp_path: Path) -> None:
    (path,) = report_write(campaign="2026", formats=["html"], out=tmp_path / "r.html", now=NOW)
    html = path.read_text("utf-8")
    assert "(1\u00a0000 tirages des communes avec remise, graine 2026)" in html
