"""Each signal on the review page leads to the archived copy of the page it was read on, when
the campaign archived it: the live address may have changed since, or be gone."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Cell
from barometre.assessments.services.record import AutoValue, assessments_record_auto
from tests.web.conftest import archive_record


def test_a_signal_read_on_an_archived_document_links_to_its_copy(
    client, site, users, tmp_path
) -> None:
    form = archive_record(
        tmp_path,
        site.after,
        "44109",
        url="http://127.0.0.1:9/docs/formulaire.pdf",
        content_type="application/pdf",
        body=b"%PDF-1.4 formulaire",
    )
    slug = site.after.catalogue.services.get(position=3).slug
    value = AutoValue(
        commune="44109",
        service=slug,
        level=2,
        evidence_url=site.record.url,
        confidence=0.6,
        evidence_record_id=site.record.pk,
        rationale=[
            {"kind": "page", "detail": "page du service", "url": site.record.url, "level": 1},
            {"kind": "pdf", "detail": "formulaire à télécharger", "url": form.url, "level": 2},
            {"kind": "lien", "detail": "lien", "url": "http://127.0.0.1:9/jamais-vue", "level": 1},
        ],
    )
    assessments_record_auto(campaign=site.after, values=[value], now=timezone.now())
    cell = Cell.objects.get(campaign=site.after, commune_id="44109", service__slug=slug)
    client.force_login(users["auditeur"])
    body = client.get(reverse("web:review-cell", kwargs={"pk": cell.pk})).content.decode()
    copies = re.findall(r'class="signal-archive" href="([^"]+)"', body)
    assert copies == [
        reverse("web:evidence", kwargs={"pk": site.record.pk}),
        reverse("web:evidence", kwargs={"pk": form.pk}),
    ]  # the address never archived has none
    assert client.get(copies[1]).status_code == 200
