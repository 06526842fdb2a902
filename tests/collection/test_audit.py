"""End-to-end audits on a small farm: crawl, detect, store; resume; archives; commands."""

import os
import signal
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from warcio.archiveiterator import ArchiveIterator

from barometre.assessments.models import Assessment, Cell, Source
from barometre.assessments.services import assessment_record
from barometre.collection.models import EvidenceRecord, SiteAudit
from barometre.collection.progress import progress_line
from barometre.collection.services import (
    AuditOptions,
    AuditProgress,
    campaign_audit,
    campaign_audit_from_warc,
)
from barometre.collection.warc import read_response
from barometre.detection.version import detector_version
from barometre.farm import Farm, FarmServer, generate_farm, serve_farm
from barometre.referential.models import Campaign, Service, Website
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def farm() -> Farm:
    return generate_farm(
        seed=7, sites=5, pages_per_site=15, slow_delay=0.3, large_page_bytes=400_000
    )


@pytest.fixture(scope="module")
def farm_server(farm: Farm) -> Iterator[FarmServer]:
    server = serve_farm(farm)
    yield server
    server.stop()


def farm_campaign(farm: Farm, name: str) -> Campaign:
    communes = []
    for site in farm.sites:
        communes.append(CommuneFactory(code=site.code, name=site.name, population=site.population))
        Website.objects.get_or_create(
            commune_id=site.code,
            url=site.start_url,
            defaults={
                "host": site.host,
                "confidence": "high",
                "source": "user",
                "is_primary": True,
            },
        )
    return CampaignFactory(name=name, communes=communes)


def options(server: FarmServer, **overrides: object) -> AuditOptions:
    values: dict[str, object] = {
        "farm_address": f"127.0.0.1:{server.port}",
        "allow_private": True,
        "polite": False,
        "timeout": 5.0,
        "page_budget": 60,
    }
    values.update(overrides)
    return AuditOptions(**values)  # type: ignore[arg-type]


def test_audit_stores_auto_levels_with_evidence_and_keeps_human_values(
    farm: Farm, farm_server: FarmServer, warc_root: Path
) -> None:
    campaign = farm_campaign(farm, "ferme-e2e")
    first = farm.sites[0].code
    service = Service.objects.get(catalogue=campaign.catalogue, slug=farm.services[0])
    human = assessment_record(
        campaign=campaign,
        commune=campaign.communes.get(code=first),
        service=service,
        level=1,
        source=Source.HUMAN,
        now=timezone.now(),
        evidence_url="https://exemple.test/vu",
        author="auditrice",
    )
    summary = campaign_audit(campaign=campaign, options=options(farm_server))

    assert summary.sites_done + summary.sites_failed == 5 and summary.sites_unfinished == 0
    assert summary.pages > 50
    assert SiteAudit.objects.filter(campaign=campaign).count() == 5
    done = list(
        SiteAudit.objects.filter(campaign=campaign, status="done").values_list(
            "commune_id", flat=True
        )
    )
    assert len(done) >= 4
    # each site read records the detector that read it (a failed site none)
    audits = SiteAudit.objects.filter(campaign=campaign)
    assert set(audits.filter(status="done").values_list("detector", flat=True)) == {
        detector_version()
    }
    assert set(audits.exclude(status="done").values_list("detector", flat=True)) <= {""}
    services = Service.objects.filter(catalogue=campaign.catalogue).count()
    auto = Assessment.objects.filter(campaign=campaign, source=Source.AUTO)
    assert auto.count() == len(done) * services
    # The human value still counts; the automatic proposal is kept beside it.
    cell = Cell.objects.get(campaign=campaign, commune_id=first, service=service)
    assert (cell.source, cell.assessment_id, cell.level) == (Source.HUMAN, human.pk, 1)
    assert auto.filter(commune_id=first, service=service).exists()
    # Every level above 0 carries evidence that leads to the exact archived bytes.
    evidenced = auto.filter(level__gte=1)
    assert evidenced.exists()
    for assessment in evidenced.exclude(evidence_record=None)[:20]:
        record = assessment.evidence_record
        assert record.url == assessment.evidence_url and record.commune_id == assessment.commune_id
        read = read_response(warc_root / record.warc_file, record.offset)
        assert read.url == record.url and read.computed_digest == record.digest
    assert not evidenced.filter(evidence_url="").exists()
    # Detection agrees with the farm's truth on most cells (the quality gate lives elsewhere).
    exact = sum(1 for a in auto if farm.truth[(a.commune_id, a.service.slug)] == a.level)
    assert exact / auto.count() > 0.5


def test_an_interrupted_audit_resumes_where_it_stopped(
    farm: Farm, farm_server: FarmServer, warc_root: Path
) -> None:
    campaign = farm_campaign(farm, "ferme-reprise")
    stopped = campaign_audit(
        campaign=campaign, options=options(farm_server, close_after_pages=40, concurrent_requests=2)
    )
    assert stopped.interrupted and stopped.close_reason == "closespider_pagecount"
    finished_first = set(
        SiteAudit.objects.filter(campaign=campaign).values_list("commune_id", flat=True)
    )
    assert len(finished_first) < 5
    # Nothing half-stored: only finished sites have evidence rows and assessments.
    with_evidence = set(
        EvidenceRecord.objects.filter(campaign=campaign)
        .exclude(commune=None)
        .values_list("commune_id", flat=True)
    )
    assert with_evidence <= finished_first
    resumed = campaign_audit(campaign=campaign, options=options(farm_server))
    assert resumed.sites_skipped == len(finished_first)
    assert resumed.sites_done + resumed.sites_failed == 5 - len(finished_first)
    assert SiteAudit.objects.filter(campaign=campaign).count() == 5
    per_cell = Assessment.objects.filter(campaign=campaign, source=Source.AUTO).values_list(
        "commune_id", "service_id"
    )
    assert len(per_cell) == len(set(per_cell))  # no site was stored twice


def test_ctrl_c_says_at_once_that_the_audit_is_stopping(
    farm: Farm, farm_server: FarmServer, warc_root: Path
) -> None:
    """The clean stop lets requests in flight finish, which takes a while at polite delays:
    the progress line says so at once, before an impatient second Ctrl-C kills the crawl."""
    campaign = farm_campaign(farm, "ferme-ctrl-c")
    lines: list[str] = []

    def on_progress(progress: AuditProgress) -> None:
        if not lines:  # the first event of the crawl
            os.kill(os.getpid(), signal.SIGINT)  # caught by the audit: the crawl stops cleanly
        lines.append(progress_line(progress))

    summary = campaign_audit(
        campaign=campaign,
        options=options(farm_server, concurrent_requests=2),
        on_progress=on_progress,
    )
    assert summary.close_reason in ("shutdown", "finished")  # the farm answers fast
    assert any("arrêt demandé" in line and "Ctrl-C à nouveau" in line for line in lines)


def test_audit_from_warc_and_evidence_show(
    farm: Farm, farm_server: FarmServer, warc_root: Path, tmp_path: Path
) -> None:
    live = farm_campaign(farm, "ferme-live")
    campaign_audit(campaign=live, options=options(farm_server))
    files = sorted((warc_root / "ferme-live").glob("*.warc.gz"))
    assert files
    with files[0].open("rb") as handle:  # the archive names the detector that read its pages
        info = next(iter(ArchiveIterator(handle)))
        assert info.rec_type == "warcinfo"
        assert f"(detector {detector_version()}, Scrapy" in info.content_stream().read().decode()
    farm_server_down = farm_campaign(farm, "ferme-archive")
    summary = campaign_audit_from_warc(campaign=farm_server_down, paths=files)
    assert summary.sites_done == SiteAudit.objects.filter(campaign=live, status="done").count()

    def levels(campaign: Campaign) -> list[tuple[str, str, int]]:
        auto = Assessment.objects.filter(campaign=campaign, source=Source.AUTO)
        return sorted(auto.values_list("commune_id", "service__slug", "level"))

    assert levels(farm_server_down) == levels(live)  # same bytes, same levels, no network

    record = EvidenceRecord.objects.filter(
        campaign=live, status=200, content_type__contains="html"
    ).first()
    assert record is not None
    out = StringIO()
    call_command("evidence", "show", "--url", record.url, "--campaign", "ferme-live", stdout=out)
    text = out.getvalue()
    assert record.url in text and "conforme" in text and "HTTP/1.1 200" in text
    assert "(heure de Paris, UTC+0" in text and "\xa0; WARC-Date 20" in text  # date in words
    target = tmp_path / "page.html"
    call_command(
        "evidence", "show", "--record", str(record.pk), "--extract", str(target), stdout=StringIO()
    )
    assert read_response(warc_root / record.warc_file, record.offset).body == target.read_bytes()


def test_audit_command_prints_a_summary(
    farm: Farm, farm_server: FarmServer, warc_root: Path
) -> None:
    farm_campaign(farm, "ferme-cli")
    out = StringIO()
    call_command(
        "audit",
        "--campaign",
        "ferme-cli",
        "--farm",
        f"127.0.0.1:{farm_server.port}",
        "--allow-private-addresses",
        "--pages",
        "5",
        "--depth",
        "1",
        stdout=out,
    )
    text = out.getvalue()
    assert "Audit « ferme-cli »" in text and "sites audités" in text
    again = StringIO()
    call_command("audit", "--campaign", "ferme-cli", stdout=again)
    assert "les 5 communes sélectionnées sont déjà auditées" in again.getvalue()


def test_a_service_looked_for_and_not_found_is_a_zero_with_the_pages_searched(
    farm: Farm, farm_server: FarmServer, warc_root: Path
) -> None:
    campaign = farm_campaign(farm, "ferme-zeros")
    campaign_audit(campaign=campaign, options=options(farm_server))
    zeros = Assessment.objects.filter(campaign=campaign, source=Source.AUTO, level=0)
    assert zeros.exists()
    for zero in zeros:
        searched = zero.rationale[0]
        assert searched["kind"] == "searched" and searched["pages"]
        assert zero.evidence_url == searched["pages"][0]
        assert zero.note.startswith("Service recherché sur ")
        # The first page searched is archived: the evidence leads to its exact bytes.
        record = zero.evidence_record
        assert record is not None and record.url == zero.evidence_url
        assert record.commune_id == zero.commune_id and record.status == 200
        pages = int(searched["detail"].split()[0])
        assert pages >= len(searched["pages"]) and pages > 5
        # Every page listed was archived for this commune in this campaign.
        archived = set(
            EvidenceRecord.objects.filter(campaign=campaign, commune=zero.commune).values_list(
                "url", flat=True
            )
        )
        assert set(searched["pages"]) <= archived


def test_the_audit_shows_its_progress_in_a_log(
    farm: Farm, farm_server: FarmServer, warc_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from barometre.collection import progress

    monkeypatch.setattr(progress, "LOG_INTERVAL", 0.0)
    farm_campaign(farm, "ferme-progres")
    err = StringIO()
    call_command(
        "audit",
        "--campaign",
        "ferme-progres",
        "--farm",
        f"127.0.0.1:{farm_server.port}",
        "--allow-private-addresses",
        "--pages",
        "5",
        stdout=StringIO(),
        stderr=err,
    )
    lines = [line for line in err.getvalue().splitlines() if " sur 5 (" in line]
    assert lines, err.getvalue()
    last = lines[-1]
    assert last.startswith("5 sites sur 5 (0 échec) · ") and "pages/s · " in last, last
