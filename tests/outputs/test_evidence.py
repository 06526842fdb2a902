"""The HTML report lists, per city and service, the evidence URL and the source of the level."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path

from barometre.assessments.models import Source
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from tests.factories import set_cells

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _city(html: str, name: str) -> str:
    found = re.search(rf"<summary>{name} \(\d+\)</summary>(.*?)</details>", html, re.S)
    assert found is not None, name
    return found.group(1)


def test_html_lists_evidence_and_source_per_city_and_service(
    after: Campaign, tmp_path: Path
) -> None:
    set_cells(after, {("90003", "bibliotheque"): 3}, source=Source.AUTO)
    (path,) = report_write(campaign="2026", formats=["html"], out=tmp_path / "r.html", now=NOW)
    html = path.read_text("utf-8")
    assert "Preuves par commune et par service" in html
    aville = _city(html, "Aville")
    row = re.search(r'<tr><th scope="row">Inscription scolaire[^<]*</th>(.*?)</tr>', aville, re.S)
    assert row is not None
    assert '<td class="n">5</td><td>importé</td>' in row.group(1)
    assert '<a href="https://ville.test/90001/inscription-scolaire"' in row.group(1)
    assert "sans objet" in _city(html, "Bville")
    cville = _city(html, "Cville")
    assert "automatique" in cville and "https://ville.test/90003/bibliotheque" in cville
    assert "non mesuré" in cville


def test_a_citys_evidence_table_never_reads_de_before_its_name(
    after: Campaign, tmp_path: Path
) -> None:
    """French elides « de » before a vowel (« d'Aville ») and contracts « de Le Havre » into
    « du Havre »: the caption names the city first, « Aville (90001) : preuves », so that no
    name reads « Preuves de Aville »."""
    (path,) = report_write(campaign="2026", formats=["html"], out=tmp_path / "r.html", now=NOW)
    captions = re.findall(r'<caption class="caption">([^<]*)</caption>', path.read_text("utf-8"))
    assert "Aville (90001) : preuves, service par service" in captions, captions
    assert not any(re.search(r"\bde [AEIOUYÉH]", caption) for caption in captions), captions


def test_the_evidence_caption_names_each_origin_as_the_tables_write_it(
    after: Campaign, tmp_path: Path
) -> None:
    """The caption said « détection automatique, revue par un auditeur ou import » while the
    « origine » column, the PDF and the XLSX say « automatique », « revu par un auditeur »,
    « importé »: a reader looked for origins no row gives."""
    set_cells(after, {("90003", "bibliotheque"): 3}, source=Source.AUTO)
    (path,) = report_write(campaign="2026", formats=["html"], out=tmp_path / "r.html", now=NOW)
    page = path.read_text("utf-8")
    caption = page[page.index('id="evidence"') :]
    caption = caption[caption.index('<p class="caption">') : caption.index("</p>")]
    assert "détection" not in caption
    origins = (
        "«\u00a0automatique\u00a0», «\u00a0revu par un auditeur\u00a0» ou «\u00a0importé\u00a0»"
    )
    assert f"son origine ({origins})" in html.unescape(caption)
    rows = re.findall(r'<td class="n">[^<]*</td><td>([^<]*)</td>', page)
    assert {"automatique", "importé"} <= set(rows)
