"""Detection from someone else's WARC: no network, attribution by host, evidence in place."""

import gzip
import os
import subprocess
import sys
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.assessments.models import Assessment, Source
from barometre.collection.models import AuditLock, EvidenceRecord, SiteAudit
from barometre.collection.services import campaign_audit_from_warc
from barometre.collection.services.lock import _host, audit_lock
from barometre.collection.warc import HttpExchange, WarcArchive
from barometre.core.errors import BarometreError, ValidationFailed
from barometre.referential.models import Campaign, Commune, Website
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db

ETAT_CIVIL = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Demander un acte de naissance - Mairie de Valbrune</title></head><body><main>
<h1>Acte de naissance</h1>
<p>Vous pouvez demander une copie intégrale ou un extrait d'acte de naissance.</p>
<p><a href="https://www.service-public.fr/particuliers/vosdroits/R1406">Faire la demande
d'acte de naissance en ligne</a></p></main></body></html>"""


def web_archive(path: Path) -> Path:
    """A WARC as a web archive would hold it: no barometre header, another folder."""
    archive = WarcArchive(path, "archive-web", max_bytes=10**9, software="autre-robot/1.0")
    for url, body, status in [
        (
            "https://www.valbrune.test/",
            b'<html><body><a href="/etat-civil">Etat civil</a></body></html>',
            200,
        ),
        ("https://www.valbrune.test/etat-civil", ETAT_CIVIL.encode(), 200),
        ("https://www.valbrune.test/ancienne-page", b"introuvable", 404),
        ("https://www.sans-rapport.test/", b"<html>autre</html>", 200),
    ]:
        archive.write(
            HttpExchange(
                url=url,
                method="GET",
                request_headers=(),
                status=status,
                response_headers=(("Content-Type", "text/html; charset=utf-8"),),
                body=body,
                fetched_at=datetime(2025, 6, 1, tzinfo=UTC),
            )
        )
    archive.close()
    return next((path / "archive-web").glob("*.warc.gz"))


def test_audit_from_a_foreign_warc(tmp_path: Path, warc_root: Path) -> None:
    commune = valbrune("archives-2025")
    warc = web_archive(tmp_path / "ailleurs")
    out = StringIO()
    call_command("audit", "--campaign", "archives-2025", "--from-warc", str(warc), stdout=out)
    assert "1 site audité," in out.getvalue()
    audit = SiteAudit.objects.get(commune=commune)
    assert (audit.status, audit.source, audit.pages, audit.errors) == ("done", "warc", 3, 1)
    records = EvidenceRecord.objects.filter(campaign__name="archives-2025")
    assert records.count() == 4
    assert records.get(url="https://www.sans-rapport.test/").commune is None  # not attributed
    assert all(r.warc_file == str(warc.resolve()) for r in records)  # outside WARC_ROOT: absolute
    naissance = Assessment.objects.get(
        commune=commune, service__slug="actes-etat-civil", source=Source.AUTO
    )
    assert naissance.level >= 1
    assert naissance.evidence_url == "https://www.valbrune.test/etat-civil"
    assert naissance.evidence_record.url == naissance.evidence_url


def test_an_audit_from_warc_cannot_be_distributed(tmp_path: Path, warc_root: Path) -> None:
    valbrune("archives-2025")
    warc = web_archive(tmp_path / "ailleurs")
    command = ["audit", "--campaign", "archives-2025", "--from-warc", str(warc)]
    with pytest.raises(BarometreError, match="--from-warc et --distributed ne vont pas ensemble"):
        call_command(*command, "--distributed", stdout=StringIO())
    assert not SiteAudit.objects.exists() and not EvidenceRecord.objects.exists()


def valbrune(name: str) -> Commune:
    """Valbrune, its website, and a campaign `name` over it."""
    commune = CommuneFactory(code="99101", name="Valbrune")
    Website.objects.create(
        commune=commune,
        url="https://www.valbrune.test/",
        host="www.valbrune.test",
        confidence="high",
        source="user",
        is_primary=True,
    )
    CampaignFactory(name=name, communes=[commune])
    return commune


def test_an_archive_read_again_stores_its_evidence_once(tmp_path: Path, warc_root: Path) -> None:
    """Reading a WARC again (newer rules) adds a new proposal, not a second copy of each page."""
    valbrune("relue")
    warc = web_archive(tmp_path / "ailleurs")
    for _ in range(2):
        call_command("audit", "--campaign", "relue", "--from-warc", str(warc), stdout=StringIO())
    assert EvidenceRecord.objects.filter(campaign__name="relue").count() == 4
    proposals = Assessment.objects.filter(
        campaign__name="relue", service__slug="actes-etat-civil", source=Source.AUTO
    )
    assert proposals.count() == 2
    assert len({a.evidence_record_id for a in proposals}) == 1


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda raw: b"hello\n", "ce n'est pas une archive WARC"),
        (lambda raw: raw[: len(raw) * 2 // 3], "archive compressée incomplète"),
        (lambda raw: raw + b"garbage trailing data\n", "archive compressée illisible"),
        (lambda raw: gzip.decompress(raw)[:-40], "archive incomplète"),  # not compressed
        (lambda raw: b"", "aucune réponse HTTP archivée"),
    ],
)
def test_a_damaged_archive_is_refused_before_any_campaign_or_level_is_stored(
    tmp_path: Path, warc_root: Path, damage, reason: str
) -> None:
    valbrune("existante")
    good = web_archive(tmp_path / "ailleurs")
    bad = tmp_path / "abimee.warc.gz"
    bad.write_bytes(damage(good.read_bytes()))
    for campaign in ("existante", "nouvelle"):
        with pytest.raises(ValidationFailed) as caught:
            call_command(
                "audit",
                "--campaign",
                campaign,
                "--from-warc",
                str(good),
                str(bad),
                "--communes",
                "99101",
                stdout=StringIO(),
            )
        assert str(caught.value).startswith("Archives WARC refusées, rien n'a été lu")
        (problem,) = caught.value.problems
        assert problem.startswith(f"{bad} : ") and reason in problem
    assert list(Campaign.objects.values_list("name", flat=True)) == ["existante"]
    assert not EvidenceRecord.objects.exists() and not Assessment.objects.exists()


def test_a_bad_platforms_file_is_refused_before_a_campaign_is_created(
    tmp_path: Path, warc_root: Path
) -> None:
    valbrune("existante")
    warc = web_archive(tmp_path / "ailleurs")
    platforms = tmp_path / "plateformes.yaml"
    platforms.write_text("version: 1\nplatforms: {}\n", encoding="utf-8")
    for source in (["--from-warc", str(warc)], []):
        with pytest.raises(ValidationFailed, match="Fichier de plateformes invalide"):
            call_command(
                "audit",
                "--campaign",
                "nouvelle",
                "--communes",
                "99101",
                "--platforms",
                str(platforms),
                *source,
                stdout=StringIO(),
            )
    assert list(Campaign.objects.values_list("name", flat=True)) == ["existante"]


def test_a_site_archived_without_any_page_keeps_its_evidence(
    tmp_path: Path, warc_root: Path
) -> None:
    """A site whose robots.txt forbade everything (or that only redirected) left only those
    responses in the archive: they are evidence records all the same, and the site is failed."""
    commune = valbrune("interdite")
    archive = WarcArchive(tmp_path / "ailleurs", "live", max_bytes=10**9, software="barometre")
    for url, body, status in [
        ("https://www.valbrune.test/robots.txt", b"User-agent: *\nDisallow: /\n", 200),
        ("https://www.valbrune.test/", b"", 301),
    ]:
        archive.write(
            HttpExchange(
                url=url,
                method="GET",
                request_headers=(),
                status=status,
                response_headers=(("Content-Type", "text/plain"),),
                body=body,
                fetched_at=datetime(2025, 6, 1, tzinfo=UTC),
                site="99101",
            )
        )
    archive.close()
    warc = next((tmp_path / "ailleurs" / "live").glob("*.warc.gz"))
    with pytest.raises(BarometreError) as error:
        call_command(
            "audit", "--campaign", "interdite", "--from-warc", str(warc), stdout=StringIO()
        )
    assert str(error.value) == (  # nothing was measured; no crawl advice for an archive
        "Aucune commune mesurée : la commune sélectionnée est en échec (motifs ci-dessus), la "
        "campagne « interdite » n'a aucune valeur pour elle."
    )
    records = EvidenceRecord.objects.filter(campaign__name="interdite")
    assert sorted(records.values_list("url", "commune_id")) == [
        ("https://www.valbrune.test/", "99101"),
        ("https://www.valbrune.test/robots.txt", "99101"),
    ]
    audit = SiteAudit.objects.get(commune=commune, campaign__name="interdite")
    assert audit.status == "failed" and "aucune page HTML" in audit.reason


def test_an_audit_from_warc_is_refused_while_another_audit_of_the_campaign_runs(
    tmp_path: Path, warc_root: Path
) -> None:
    """An audit from archives took no lock: beside a live audit of the same campaign it stored
    the same sites again, a second automatic value in each of their cells, and raced the live
    audit on the unique cell and site rows."""
    valbrune("verrou-warc")
    warc = web_archive(tmp_path / "ailleurs")
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        campaign = Campaign.objects.get(name="verrou-warc")
        AuditLock.objects.create(campaign=campaign, token="a", host=_host(), pid=running.pid)
        with pytest.raises(BarometreError) as refused:
            call_command(
                "audit", "--campaign", "verrou-warc", "--from-warc", str(warc), stdout=StringIO()
            )
    finally:
        running.kill()
        running.wait()
    message = str(refused.value)
    assert message.startswith(
        f"Un audit de la campagne « verrou-warc » est déjà en cours (processus {running.pid} "
    )
    assert "n'explore aucun site, mais il enregistrerait une seconde valeur automatique" in message
    assert not SiteAudit.objects.exists() and not EvidenceRecord.objects.exists()
    assert not Assessment.objects.exists()
    assert AuditLock.objects.get().pid == running.pid  # the running one keeps its lock


def test_a_live_audit_is_refused_while_an_audit_from_warc_runs(
    tmp_path: Path, warc_root: Path
) -> None:
    valbrune("pendant-warc")
    campaign = Campaign.objects.get(name="pendant-warc")
    warc = web_archive(tmp_path / "ailleurs")
    refusals: list[str] = []

    def meanwhile(progress: object) -> None:  # called while the archive is being stored
        if not refusals:  # what a live audit takes first, before it crawls anything
            with pytest.raises(BarometreError) as refused, audit_lock(campaign):
                pass
            refusals.append(str(refused.value))

    summary = campaign_audit_from_warc(campaign=campaign, paths=[warc], on_progress=meanwhile)
    assert summary.sites_done == 1
    assert refusals and refusals[0].startswith(
        f"Un audit de la campagne « pendant-warc » est déjà en cours (processus {os.getpid()} "
    )
    assert not AuditLock.objects.exists()  # released at the end
    assert SiteAudit.objects.get().source == "warc"  # stored once, by the audit from archives


def test_from_warc_reads_only_the_communes_selected(tmp_path: Path, warc_root: Path) -> None:
    """`--communes` with `--from-warc` keeps to those communes, as a live audit does: an archive
    that also holds another commune's site records nothing for it (it was ignored: every
    commune of the archive got automatic values and evidence)."""
    chosen = valbrune("selection-2025")
    autre = CommuneFactory(code="99102", name="Autreville")
    Website.objects.create(
        commune=autre,
        url="https://www.sans-rapport.test/",
        host="www.sans-rapport.test",
        confidence="high",
        source="user",
        is_primary=True,
    )
    Campaign.objects.get(name="selection-2025").communes.add(autre)
    warc = web_archive(tmp_path / "ailleurs")
    out = StringIO()
    call_command(
        "audit",
        "--campaign",
        "selection-2025",
        "--communes",
        "99101",
        "--from-warc",
        str(warc),
        stdout=out,
    )
    assert "1 site audité," in out.getvalue()
    assert list(SiteAudit.objects.values_list("commune_id", flat=True)) == [chosen.code]
    assert not Assessment.objects.filter(commune=autre).exists()
    assert not EvidenceRecord.objects.filter(url="https://www.sans-rapport.test/").exists()
    CommuneFactory(code="99103", name="Horsville")
    with pytest.raises(BarometreError, match="Aucune commune de la campagne"):
        call_command(
            "audit", "--campaign", "selection-2025", "--communes", "99103", "--from-warc", str(warc)
        )
    # without a selection, the other commune is read too
    call_command("audit", "--campaign", "selection-2025", "--from-warc", str(warc), stdout=out)
    assert SiteAudit.objects.filter(commune=autre).exists()


def test_from_warc_names_the_communes_selected_that_the_archive_does_not_hold(
    tmp_path: Path, warc_root: Path
) -> None:
    """`--communes` asks for communes: those the archive does not hold are named (a warning when
    some others are there, an error that stores nothing when none is)."""
    valbrune("absentes-2025")
    campaign = Campaign.objects.get(name="absentes-2025")
    for code, name in (("99104", "Sansarchive"), ("99105", "Nullepart")):
        campaign.communes.add(CommuneFactory(code=code, name=name))
    warc = web_archive(tmp_path / "ailleurs")
    out, err = StringIO(), StringIO()
    call_command(
        "audit",
        "--campaign",
        "absentes-2025",
        "--communes",
        "99101,99104",
        "--from-warc",
        str(warc),
        stdout=out,
        stderr=err,
    )
    assert "1 site audité," in out.getvalue()
    assert (
        "Attention : 1 commune sélectionnée n'est pas dans les archives, donc pas auditée "
        "(99104)." in err.getvalue()
    )
    with pytest.raises(BarometreError) as error:
        call_command(
            "audit",
            "--campaign",
            "absentes-2025",
            "--communes",
            "99104,99105",
            "--from-warc",
            str(warc),
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert str(error.value).startswith(
        "Aucune des communes sélectionnées n'est dans les archives (99104, 99105) : rien n'a été "
        "enregistré."
    )
    # the archive's response of no commune was not stored either, with a selection
    assert not EvidenceRecord.objects.filter(url="https://www.sans-rapport.test/").exists()
    assert set(SiteAudit.objects.values_list("commune_id", flat=True)) == {"99101"}


DEMAND = (
    '<p><a href="https://www.service-public.fr/particuliers/vosdroits/R1406">Faire la demande '
    "d'acte de naissance en ligne</a></p>"
)


def many_links(count: int, after: str = "") -> bytes:
    """A page of `count` links to pages of the site, then `after`."""
    anchors = "".join(f'<li><a href="/page-{i}">Page {i}</a></li>' for i in range(count))
    return (
        f"<html><head><title>Plan</title></head><body><main><ul>{anchors}</ul>{after}"
        "</main></body></html>"
    ).encode()


def test_detection_reads_a_page_up_to_its_5000th_link() -> None:
    """A page of 100,000 links was analysed whole (0.3 to 2.5 s, `bench/huge_pages.py`, where
    a typical page takes a few ms): it is read up to its 5,000th link, as the crawler reads its
    links; a page of no more links is read whole, as before."""
    from barometre.collection.crawler.jobs import PageFetched
    from barometre.collection.crawler.links import MAX_LINKS
    from barometre.collection.services.consumer import page_reading
    from barometre.detection import analyse_page, load_platforms
    from barometre.detection.model import Page
    from barometre.referential.catalogue import default_catalogue

    catalogue, platforms = default_catalogue(), load_platforms()
    url = "https://www.valbrune.test/plan"
    huge = PageFetched("99101", url, 200, "text/html", many_links(100_000), "utf-8", 0, False)
    analysis, note = page_reading(huge, catalogue, platforms)
    assert note and len(analysis.links) == MAX_LINKS
    for count, read_whole in ((MAX_LINKS - 1, True), (MAX_LINKS, False)):
        body = many_links(count, DEMAND)
        event = PageFetched("99101", url, 200, "text/html", body, "utf-8", 0, False)
        analysis, note = page_reading(event, catalogue, platforms)
        assert bool(note) is not read_whole
        whole = analyse_page(Page(url, html=body), catalogue=catalogue, platforms=platforms)
        assert (analysis == whole) is read_whole
        assert bool(analysis.service("actes-etat-civil")) is read_whole


def test_an_archived_page_of_too_many_links_is_noted_in_the_site_record(
    tmp_path: Path, warc_root: Path
) -> None:
    """Read from an archive, a page of too many links is analysed in part as in a live crawl
    (a demand past its 5,000th link is not read), and the site's record says so (a live
    crawl's record already did: the note is not repeated)."""
    from barometre.collection.crawler.links import MAX_LINKS, links_note

    commune = valbrune("archives-liens")
    archive = WarcArchive(tmp_path / "ailleurs", "archive-web", max_bytes=10**9, software="x/1")
    archive.write(
        HttpExchange(
            url="https://www.valbrune.test/",
            method="GET",
            request_headers=(),
            status=200,
            response_headers=(("Content-Type", "text/html; charset=utf-8"),),
            body=many_links(MAX_LINKS + 1, DEMAND),
            fetched_at=datetime(2025, 6, 1, tzinfo=UTC),
        )
    )
    archive.close()
    warc = next((tmp_path / "ailleurs" / "archive-web").glob("*.warc.gz"))
    campaign_audit_from_warc(campaign=Campaign.objects.get(name="archives-liens"), paths=[warc])
    audit = SiteAudit.objects.get(commune=commune)
    assert (audit.status, audit.reason) == ("done", links_note("https://www.valbrune.test/"))
    assert audit.reason == (
        "page https://www.valbrune.test/\u00a0: plus de 5\u00a0000 liens, lue jusqu'au "
        "5\u00a0000e seulement (archivée en entier)"
    )
    naissance = Assessment.objects.get(
        commune=commune, service__slug="actes-etat-civil", source=Source.AUTO
    )
    assert naissance.level == 0
