"""A cell's evidence as its pages show it (`web/_cell_evidence.html`)."""

from __future__ import annotations

import html
import re

from django.urls import reverse


def test_the_evidence_and_its_archived_copy_are_one_line_not_two(client, site, users) -> None:
    """« Preuve : <address> » and, on the next line, « Voir la page archivée », the archived
    copy of that very address, read as two pieces of evidence."""
    cell, record = site.auto_cell, site.record
    assert cell.assessment.evidence_url == record.url
    client.force_login(users["auditeur"])
    for address in (
        reverse("web:review-cell", kwargs={"pk": cell.pk}),
        "/commune/44109/?campagne=apres",
    ):
        page = html.unescape(client.get(address).content.decode())
        assert "Voir la page archivée" not in page, address
        line = re.search(r'<p class="[^"]*evidence-url">.*?</p>', page, re.S)
        assert line is not None, address
        assert "127.0.0.1:9/etat-civil" in line.group(0)
        assert f'href="/preuve/{record.pk}/">copie archivée' in line.group(0), address
