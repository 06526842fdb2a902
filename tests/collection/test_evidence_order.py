"""A service's evidence does not depend on the order in which its pages arrived: two pages of
equal level and confidence gave the one that came first, so that a distributed audit (another
worker, other delays) or a second audit of the same site chose another evidence URL."""

from __future__ import annotations

import pytest

from barometre.assessments.models import Assessment, Source
from barometre.collection.crawler.jobs import CrawlClosed, PageFetched, SiteFinished
from barometre.collection.services.audit import catalogue_spec
from barometre.collection.services.consumer import AuditConsumer, AuditProgress
from barometre.detection import load_platforms
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db

PAGE = (
    b"<html><body><h1>Etat civil</h1><p>Demande d'acte de naissance en ligne</p>"
    b'<a href="https://www.service-public.fr/particuliers/vosdroits/R1406">Demander un acte '
    b"de naissance en ligne</a></body></html>"
)
DEEP = "https://www.ville.test/services/etat-civil"
SHALLOW = "https://www.ville.test/etat-civil"


def evidence(name: str, urls: tuple[str, ...]) -> dict[str, str]:
    """The evidence URL of each service found, once the pages `urls` arrived in that order."""
    campaign = CampaignFactory(name=name, communes=[CommuneFactory()])
    code = campaign.communes.get().code
    consumer = AuditConsumer(
        campaign=campaign,
        catalogue=catalogue_spec(campaign),
        platforms=load_platforms(),
        progress=AuditProgress(sites_total=1),
        run="run-1",
    )
    for url in urls:
        consumer.handle(PageFetched(code, url, 200, "text/html", PAGE, "utf-8", 1, False))
    consumer.handle(SiteFinished(code, "done", "", len(urls), 0))
    consumer.handle(CrawlClosed("finished"))
    found = Assessment.objects.filter(campaign=campaign, source=Source.AUTO, level__gt=0)
    return dict(found.values_list("service__slug", "evidence_url"))


def test_the_evidence_of_equal_pages_does_not_depend_on_their_arrival() -> None:
    first = evidence("arrivee-1", (DEEP, SHALLOW))
    second = evidence("arrivee-2", (SHALLOW, DEEP))
    assert first and first == second
    assert set(first.values()) == {SHALLOW}  # the fewest path segments first
