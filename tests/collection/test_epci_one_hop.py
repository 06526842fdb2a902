"""An audit follows links to the commune's EPCI website one hop, known from the referential."""

from pathlib import Path

import pytest

from barometre.collection.models import EvidenceRecord, SiteAudit
from barometre.collection.services import AuditOptions, campaign_audit
from barometre.referential.models import Epci, EpciWebsite, Website
from tests.collection.site_server import SiteServer
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db

EPCI_HOST = "www.cc-vallee.test"


def home(*links: tuple[str, str]) -> str:
    anchors = " ".join(f'<a href="{href}">{text}</a>' for href, text in links)
    return f"<html><head><title>Mairie</title></head><body>{anchors}</body></html>"


def test_links_to_the_epcis_site_are_followed_one_hop(server: SiteServer, warc_root: Path) -> None:
    # Amont belongs to an EPCI whose website is known; Aval's EPCI has none. Both home pages
    # link to the same outside host with a text that does not name an intercommunality.
    with_site = Epci.objects.create(siren="200000001", name="CC de la Vallée", kind="CC")
    without = Epci.objects.create(siren="200000002", name="CC du Plateau", kind="CC")
    EpciWebsite.objects.create(
        epci=with_site,
        url=f"https://{EPCI_HOST}/",
        host=EPCI_HOST,
        confidence="high",
        source=Website.Source.ETALAB_2022,
        is_primary=True,
    )
    amont = CommuneFactory(code="90001", name="Amont", epci=with_site)
    aval = CommuneFactory(code="90002", name="Aval", epci=without)
    for commune, host in ((amont, "www.amont.test"), (aval, "www.aval.test")):
        Website.objects.create(
            commune=commune,
            url=f"https://{host}/",
            host=host,
            confidence="high",
            source=Website.Source.USER,
            is_primary=True,
        )
    server.add(
        "www.amont.test",
        "/",
        home(
            ("https://cc-vallee.test/encombrants", "Collecte des encombrants"),  # bare host
            ("https://www.ailleurs.test/", "Un autre site"),
        ),
    )
    server.add("www.aval.test", "/", home(("https://www.cc-vallee.test/urbanisme", "Urbanisme")))
    server.add(
        "cc-vallee.test",
        "/encombrants",
        home(("https://cc-vallee.test/encombrants/rendez-vous", "Prendre rendez-vous")),
    )
    campaign = CampaignFactory(name="epci-hop", communes=[amont, aval])
    options = AuditOptions(
        farm_address=server.address, allow_private=True, polite=False, timeout=5.0
    )

    summary = campaign_audit(campaign=campaign, options=options)

    assert summary.sites_done == 2
    assert server.count("cc-vallee.test", "/encombrants") == 1  # followed, one hop
    assert server.count("cc-vallee.test", "/encombrants/rendez-vous") == 0  # and no further
    assert server.count("www.cc-vallee.test", "/urbanisme") == 0  # not Aval's EPCI
    assert server.count("www.ailleurs.test") == 0
    record = EvidenceRecord.objects.get(url="https://cc-vallee.test/encombrants")
    assert (record.commune_id, record.status) == ("90001", 200)
    assert SiteAudit.objects.get(campaign=campaign, commune=amont).status == "done"
