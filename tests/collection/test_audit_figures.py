"""What the audit commands print: the figures stored, and what to do next."""

from __future__ import annotations

from dataclasses import replace
from io import StringIO

import pytest
from django.core.management import call_command

from barometre.assessments.models import Assessment
from barometre.collection.audit_text import render_enqueued, render_unfinished
from barometre.collection.services import AuditOptions, AuditSummary, campaign_audit
from barometre.collection.services.distributed import EnqueueSummary
from barometre.collection.version import collection_version
from barometre.detection.version import detector_version
from barometre.referential.models import Service
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db


def test_the_level_0_of_communes_without_a_website_is_counted_in_the_values_recorded() -> None:
    """A commune without a known website gets level 0 for every service: those values are
    recorded, so the summary counts them (it printed « valeurs automatiques enregistrées : 0 »
    beside 36 stored values)."""
    communes = [CommuneFactory(code="99101"), CommuneFactory(code="99102")]
    campaign = CampaignFactory(name="sans-site", communes=communes)
    summary = campaign_audit(campaign=campaign, options=AuditOptions())
    stored = Assessment.objects.filter(campaign=campaign, source="auto").count()
    assert stored == 2 * Service.objects.count() > 0  # every service of both communes
    assert summary.sites_no_website == 2
    assert summary.assessments == stored
    out = StringIO()
    call_command("audit", "--campaign", "sans-site", "--recrawl", stdout=out)
    assert f"valeurs automatiques enregistrées\u00a0: {stored}." in out.getvalue()


def test_a_distributed_launch_with_no_site_to_crawl_asks_for_no_worker() -> None:
    """Every site already done (or no commune with a website): nothing is queued, so the
    command does not send the operator to start workers that would find an empty queue."""
    nothing = EnqueueSummary(
        campaign="vide",
        sites_total=2,
        sites_skipped=0,
        sites_no_website=2,
        sites_added=0,
        sites_already_queued=0,
        run="r",
    )
    text = render_enqueued(nothing)
    assert "Lancez" not in text
    assert text.endswith(
        "Aucun site à explorer\u00a0: aucun robot «\u00a0barometre worker\u00a0» n'est nécessaire."
    )
    queued = replace(nothing, sites_added=1)
    assert "Lancez «\u00a0barometre worker --campaign vide\u00a0»" in render_enqueued(queued)
    assert (  # every worker's version must be this machine's (it refuses otherwise)
        f"machines, chacune à la version de celle-ci (détecteur {detector_version()}, collecte "
        f"{collection_version()}\u00a0: «\u00a0barometre --version\u00a0»)\u00a0; suivez"
    ) in render_enqueued(queued)


@pytest.mark.parametrize(
    ("failed", "unfinished", "error"),
    [
        (0, 8, "8 sites non terminés."),  # after a Ctrl-C: no « 0 site en échec »
        (2, 0, "2 sites en échec."),
        (1, 3, "1 site en échec, 3 non terminés."),
        (0, 1, "1 site non terminé."),
    ],
)
def test_the_error_of_a_run_left_unfinished_names_only_what_happened(
    failed: int, unfinished: int, error: str
) -> None:
    summary = AuditSummary(
        campaign="c",
        sites_total=10,
        sites_skipped=0,
        sites_done=10 - failed - unfinished,
        sites_failed=failed,
        sites_no_website=0,
        sites_unfinished=unfinished,
        pages=10,
        errors=0,
        assessments=4,
        elapsed=2.0,
        close_reason="shutdown",
        detection_ms_per_page=1.0,
    )
    assert render_unfinished(summary) == error
