"""Detection from someone else's WARC: no network, attribution by host, evidence in place."""

from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.assessments.models import Assessment, Source
from barometre.collection.models import EvidenceRecord, SiteAudit
from barometre.collection.warc import HttpExchange, WarcArchive
from barometre.core.errors import BarometreError
from barometre.referential.models import Website
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
    commune = CommuneFactory(code="99101", name="Valbrune")
    Website.objects.create(
        commune=commune,
        url="https://www.valbrune.test/",
        host="www.valbrune.test",
        confidence="high",
        source="user",
        is_primary=True,
    )
    CampaignFactory(name="archives-2025", communes=[commune])
    warc = web_archive(tmp_path / "ailleurs")
    out = StringIO()
    call_command("audit", "--campaign", "archives-2025", "--from-warc", str(warc), stdout=out)
    assert "1 sites audités" in out.getvalue()
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


def test_evidence_show_explains_what_is_missing() -> None:
    with pytest.raises(BarometreError, match="Aucune preuve archivée"):
        call_command("evidence", "show", "--record", "987654", stdout=StringIO())
    with pytest.raises(BarometreError, match="Indiquez --record"):
        call_command("evidence", "show", "--url", "https://x.test/", stdout=StringIO())
