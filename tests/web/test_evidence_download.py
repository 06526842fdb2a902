"""An archived document that is not a page downloads under a name with its extension."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.web.conftest import archive_record


@pytest.mark.parametrize(
    ("url", "content_type", "name"),
    [
        ("http://127.0.0.1:9/formulaire", "application/pdf", ".pdf"),
        ("http://127.0.0.1:9/docs/demande.ODT", "application/octet-stream", ".odt"),
        ("http://127.0.0.1:9/telecharger?id=3", "application/x-inconnu", ""),
    ],
)
def test_an_archived_document_keeps_its_extension(client, site, url, content_type, name) -> None:
    record = archive_record(
        settings.WARC_ROOT,
        site.after,
        "44109",
        url=url,
        content_type=content_type,
        body=b"%PDF-1.4 document",
    )
    response = client.get(f"/preuve/{record.pk}/archive/")
    assert response.status_code == 200 and response["Content-Type"] == "application/octet-stream"
    expected = f'attachment; filename="preuve-{record.pk}{name}"'
    assert response["Content-Disposition"] == expected
    assert response.content == b"%PDF-1.4 document"
