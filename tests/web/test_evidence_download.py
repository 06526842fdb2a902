"""An archived document that is not a page downloads under a name with its extension."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.conf import settings

from barometre.collection.models import EvidenceRecord
from barometre.collection.warc import HttpExchange, WarcArchive


def _record(site, url: str, content_type: str) -> EvidenceRecord:
    archive = WarcArchive(settings.WARC_ROOT, "apres", max_bytes=10**6, software="t")
    location = archive.write(
        HttpExchange(
            url=url,
            method="GET",
            request_headers=(("Host", "127.0.0.1"),),
            status=200,
            response_headers=(("Content-Type", content_type),),
            body=b"%PDF-1.4 document",
            fetched_at=datetime(2026, 3, 1, tzinfo=UTC),
            site="44109",
        )
    )
    archive.close()
    return EvidenceRecord.objects.create(
        campaign=site.after,
        commune_id="44109",
        url=url,
        status=200,
        content_type=content_type,
        warc_file=location.warc_file,
        offset=location.offset,
        length=location.length,
        digest=location.digest,
    )


@pytest.mark.parametrize(
    ("url", "content_type", "name"),
    [
        ("http://127.0.0.1:9/formulaire", "application/pdf", ".pdf"),
        ("http://127.0.0.1:9/docs/demande.ODT", "application/octet-stream", ".odt"),
        ("http://127.0.0.1:9/telecharger?id=3", "application/x-inconnu", ""),
    ],
)
def test_an_archived_document_keeps_its_extension(client, site, url, content_type, name) -> None:
    record = _record(site, url, content_type)
    response = client.get(f"/preuve/{record.pk}/archive/")
    assert response.status_code == 200 and response["Content-Type"] == "application/octet-stream"
    expected = f'attachment; filename="preuve-{record.pk}{name}"'
    assert response["Content-Disposition"] == expected
    assert response.content == b"%PDF-1.4 document"
