"""THE LABELLED-SET QUALITY GATE: detection scored on pages written for barometre.

tests/detection/labelled/pages.jsonl holds pages in the style of French municipal sites, each
labelled with the services it is about and their true level (docs/detection-rules.md says how).
Floors are pinned in tests/quality_floors.yaml (`detection_labelled:`); a drop fails CI. Run
with `-s` to see the figures and the confusion matrix.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from barometre.detection import PlatformRegistry
from barometre.detection.evaluation import Quality, labelled_cells, quality
from barometre.referential.catalogue import CatalogueSpec

HERE = Path(__file__).resolve().parent
FLOORS = HERE.parent / "quality_floors.yaml"
LABELLED = HERE / "labelled" / "pages.jsonl"
# Batches written after the floors above were set, each gated by its own floors
# (`<group>_exact`, `<group>_kappa`, `<group>_service_found`): `wild` (tuned on after its first
# measurement), `blind2`, `patterns`, `patterns3` and `patterns4` (never tuned on).
LATER_GROUPS = ("wild", "blind2", "patterns", "patterns3", "patterns4")


def _records() -> list[dict[str, object]]:
    with LABELLED.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _report(name: str, result: Quality) -> str:
    return (
        f"{name} : {result.cells} cellules, accord exact {result.exact:.3f}, kappa pondéré "
        f"{result.kappa:.3f}, service trouvé {result.service_found:.3f}, services inventés "
        f"{result.false_services}\n{result.confusion_table()}"
    )


@pytest.mark.slow
def test_detection_quality_on_the_labelled_set_stays_above_its_floors(
    catalogue: CatalogueSpec, platforms: PlatformRegistry
) -> None:
    floors = yaml.safe_load(FLOORS.read_text(encoding="utf-8"))["detection_labelled"]
    records = _records()
    cells = labelled_cells(records, catalogue=catalogue, platforms=platforms)
    later = tuple(f"{group}-" for group in LATER_GROUPS)
    overall = quality([c for c in cells if not c.page.startswith(later)])
    handwritten = quality([c for c in cells if c.page.startswith(("free-", "holdout"))])
    groups = {g: quality([c for c in cells if c.page.startswith(f"{g}-")]) for g in LATER_GROUPS}
    report = "\n".join(
        [
            _report("ensemble (hors lots tardifs)", overall),
            _report("pages libres", handwritten),
            *(_report(f"lot {g}", q) for g, q in groups.items()),
        ]
    )
    print(report)
    for group, result in groups.items():
        assert result.cells > 0, group
        assert result.exact >= floors[f"{group}_exact"], report
        assert result.kappa >= floors[f"{group}_kappa"], report
        assert result.service_found >= floors[f"{group}_service_found"], report
    assert len(records) >= floors["min_pages"]
    assert overall.exact >= floors["exact"], report
    assert overall.kappa >= floors["kappa"], report
    assert overall.service_found >= floors["service_found"], report
    assert handwritten.exact >= floors["handwritten_exact"], report


def test_every_labelled_page_names_catalogue_services_at_possible_levels(
    catalogue: CatalogueSpec,
) -> None:
    max_levels = {s.id: s.max_level for s in catalogue.services}
    for record in _records():
        labels = record["labels"]
        assert isinstance(labels, dict)
        for service, level in labels.items():
            assert service in max_levels, record["id"]
            assert 1 <= level <= max_levels[service], record["id"]
        assert ("html" in record) != ("text" in record), record["id"]


def test_the_labelled_set_covers_every_service_and_level(catalogue: CatalogueSpec) -> None:
    seen: set[tuple[str, int]] = set()
    for record in _records():
        seen.update(record["labels"].items())  # type: ignore[attr-defined]
    for spec in catalogue.services:
        levels = {level for service, level in seen if service == spec.id}
        assert {1, 2, 3} <= levels, spec.id
        assert min(4, spec.max_level) in levels, spec.id


def test_the_labelled_file_is_what_build_py_writes() -> None:
    from tests.detection.labelled.build import build

    written = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    assert written == build(), "run: python tests/detection/labelled/build.py"
