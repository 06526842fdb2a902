"""The worker's last line, as an operator reads it in a log: its figures add up to what it
stored."""

from __future__ import annotations

import resource

from barometre.collection.management.commands.worker import _summary_line
from barometre.collection.services import AuditSummary


def _summary(**values: object) -> AuditSummary:
    figures: dict[str, object] = {
        "campaign": "essai",
        "sites_total": 0,
        "sites_skipped": 0,
        "sites_done": 2,
        "sites_failed": 0,
        "sites_no_website": 0,
        "sites_unfinished": 0,
        "pages": 36,
        "errors": 1,
        "assessments": 36,
        "elapsed": 12.0,
        "close_reason": "finished",
        "detection_ms_per_page": 1.0,
        "reused": 2,
    }
    figures.update(values)
    return AuditSummary(**figures)  # type: ignore[arg-type]


def test_the_last_line_names_a_site_crawled_again_and_its_pages_not_stored() -> None:
    """A worker taken for dead while it still crawled (frozen longer than its sign of life) has
    its site crawled again by another; the one that stores second stores nothing: its line said
    « 36 pages » and nothing else, so the workers' pages no longer added up to those stored."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    line = _summary_line(_summary(duplicates=1, duplicate_pages=12), usage)
    assert line.startswith("Robot\u00a0: 2 sites audités, 0 en échec, 36 pages ("), line
    assert (
        "1 erreur, 2 pages de plateformes reprises d'une autre commune sans nouvelle requête, "
        "1 site exploré en double, déjà enregistré par un autre robot (12 pages non "
        "enregistrées)\u00a0; CPU "
    ) in line, line
    plain = _summary_line(_summary(), usage)
    assert "en double" not in plain and "sans nouvelle requête\u00a0; CPU" in plain, plain
