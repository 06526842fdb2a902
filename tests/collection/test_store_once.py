"""A site is stored once per run: a second worker that crawled it too is ignored."""

from __future__ import annotations

import pytest

from barometre.assessments.models import Assessment, Source
from barometre.collection.crawler.jobs import CrawlClosed, PageFetched, SiteFinished
from barometre.collection.models import SiteAudit
from barometre.collection.services.audit import catalogue_spec
from barometre.collection.services.consumer import AuditConsumer, AuditProgress
from barometre.detection import load_platforms
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db

PAGE = b"<html><body><h1>Etat civil</h1><p>Demander un acte de naissance.</p></body></html>"


def store(campaign: object, run: str) -> AuditProgress:
    progress = AuditProgress(sites_total=1)
    consumer = AuditConsumer(
        campaign=campaign,  # type: ignore[arg-type]
        catalogue=catalogue_spec(campaign),  # type: ignore[arg-type]
        platforms=load_platforms(),
        progress=progress,
        run=run,
    )
    url = "https://www.ville.test/"
    consumer.handle(PageFetched("03001", url, 200, "text/html", PAGE, "utf-8", 0, False))
    consumer.handle(SiteFinished("03001", "done", "", 1, 0))
    consumer.handle(CrawlClosed("finished"))
    return progress


def test_a_site_stored_twice_in_one_run_is_stored_once() -> None:
    campaign = CampaignFactory(name="une-fois", communes=[CommuneFactory(code="03001")])
    first, second = store(campaign, "run-1"), store(campaign, "run-1")
    assert (first.sites_done, first.duplicates) == (1, 0)
    assert (second.sites_done, second.duplicates) == (0, 1)
    auto = Assessment.objects.filter(campaign=campaign, source=Source.AUTO)
    services = campaign.catalogue.services.count()
    assert auto.count() == services
    # Another run (--recrawl) records new values beside the old ones.
    third = store(campaign, "run-2")
    assert third.sites_done == 1 and auto.count() == 2 * services
    assert SiteAudit.objects.get(campaign=campaign).run == "run-2"
