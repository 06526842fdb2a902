"""THE FARM QUALITY GATE: the detector scored on a generated farm, as a polite crawler sees it.

Every page of ~30 generated commune sites is reached the way a polite crawler would reach it
(links within the site, one hop to platforms that the detector recognises, robots.txt obeyed,
dead links passed on), analysed by the detector, and each (site, service) level compared with
the farm's truth. Floors are pinned in tests/quality_floors.yaml (`detection_farm:`): a drop
fails CI. Run with `-s` to see the figures, the confusion matrix and the commonest misses.

The gate runs twice: with the farm's phrasings, and with its held-out phrasings
(src/barometre/farm/data/heldout/, not to be used to tune the detector), whose floors are the
`heldout_*` keys.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from barometre.farm import generate_farm
from barometre.farm.evaluate import FarmQuality, farm_detection_quality

FLOORS = Path(__file__).resolve().parents[1] / "quality_floors.yaml"
SEED, SITES, PAGES = 2026, 30, 30


def _floors() -> dict[str, float]:
    loaded = yaml.safe_load(FLOORS.read_text(encoding="utf-8"))
    section: dict[str, float] = loaded["detection_farm"]
    return section


def _report(result: FarmQuality, floors: dict[str, float], phrasing: str, prefix: str) -> str:
    q = result.quality
    misses = Counter((m.service, m.truth, m.detected) for m in result.misses)
    lines = [
        f"ferme : {SITES} sites, graine {SEED}, phrasé {phrasing}, {result.pages} pages "
        f"analysées, {q.cells} cellules",
        f"accord exact {q.exact:.4f} (plancher {floors[prefix + 'exact']}, cible "
        f"{floors.get('target_exact', '-')})",
        f"service trouvé {q.service_found:.4f} (plancher {floors[prefix + 'service_found']}, "
        f"cible {floors.get('target_service_found', '-')})",
        f"kappa pondéré {q.kappa:.3f}, services inventés {q.false_services}",
        q.confusion_table(),
        "écarts les plus fréquents (service, vrai, détecté) :",
        *(f"  {key} x{count}" for key, count in misses.most_common(12)),
    ]
    return "\n".join(lines)


@pytest.mark.slow
@pytest.mark.parametrize(("phrasing", "prefix"), [("main", ""), ("heldout", "heldout_")])
def test_detection_quality_on_the_farm_stays_above_its_floors(phrasing: str, prefix: str) -> None:
    floors = _floors()
    farm = generate_farm(seed=SEED, sites=SITES, pages_per_site=PAGES, phrasing=phrasing)
    result = farm_detection_quality(farm)
    report = _report(result, floors, phrasing, prefix)
    print(report)
    assert result.quality.cells == SITES * len(farm.services)
    assert result.quality.exact >= floors[prefix + "exact"], report
    assert result.quality.service_found >= floors[prefix + "service_found"], report
