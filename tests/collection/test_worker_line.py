"""The worker's last line, as an operator reads it in a log: its figures add up to what it
stored."""

from __future__ import annotations

import resource
from io import StringIO

import pytest
from django.core.management import call_command

from barometre.collection.audit_text import error_kind_lines
from barometre.collection.failure_kinds import ErrorKind
from barometre.collection.management.commands.worker import _summary_line
from barometre.collection.services import AuditSummary
from tests.factories import CampaignFactory


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


def test_the_worker_names_its_errors_by_kind_as_the_audit_does() -> None:
    """« 3 erreurs » said nothing of what they were: the worker's log now lists them by kind,
    as `barometre audit`'s summary does, and nothing when there were none."""
    kinds = (ErrorKind("HTTP 404", 3, 2), ErrorKind("délai dépassé", 1, 1))
    assert error_kind_lines(_summary(errors=4, error_kinds=kinds).error_kinds) == [
        "Erreurs par motif (pages non obtenues)\u00a0:",
        "  HTTP 404\u00a0: 3 erreurs sur 2 sites",
        "  délai dépassé\u00a0: 1 erreur sur 1 site",
    ]
    assert error_kind_lines(_summary(errors=0).error_kinds) == []


@pytest.mark.django_db
def test_the_worker_command_prints_its_errors_by_kind_after_its_last_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The command writes the kinds under its last line (the run itself is the distributed
    tests'; here only what the command prints of a run's summary)."""
    from barometre.collection.management.commands import worker

    CampaignFactory(name="motifs")
    kinds = (ErrorKind("HTTP 500", 2, 1),)
    monkeypatch.setattr(worker, "board_for", lambda name: None)
    monkeypatch.setattr(worker, "worker_run", lambda **kw: _summary(errors=2, error_kinds=kinds))
    out = StringIO()
    call_command("worker", "--campaign", "motifs", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Robot\u00a0: 2 sites audités"), lines
    assert lines[1:3] == [
        "Erreurs par motif (pages non obtenues)\u00a0:",
        "  HTTP 500\u00a0: 2 erreurs sur 1 site",
    ], lines
