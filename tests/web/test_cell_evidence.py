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


def test_a_reviewed_level_says_whose_signals_are_listed_under_it(client, site, users) -> None:
    """Under a level an auditor set to 3, « Indices relevés (1) » listed « Niveau 3 : … » or
    « Niveau 1 : … » as if they were the auditor's grounds: they are the automatic detection's."""
    from django.utils import timezone

    from barometre.assessments.services.review import Decision, assessment_override

    cell = site.auto_cell
    assessment_override(
        cell=cell,
        user=users["auditeur"],
        seen=cell.assessment_id,
        decision=Decision(level=2, not_applicable=False, justification="Formulaire à imprimer."),
        now=timezone.now(),
    )
    page = html.unescape(client.get("/commune/44109/?campagne=apres").content.decode())
    summary = re.search(r"<summary[^>]*>([^<]*Indices[^<]*)</summary>", page)
    assert summary is not None
    assert summary.group(1) == "Indices relevés par la détection automatique (1)"


def test_a_reviewed_level_is_said_reviewed_on_the_service_and_evidence_pages(
    client, site, users
) -> None:
    """The commune page and the reports say « revu par un auditeur »; the service page's column
    « Décidé » and the archived page's « Niveaux lus sur cette page » said « auditeur »."""
    from django.utils import timezone

    from barometre.assessments.services.review import assessment_accept

    cell = site.auto_cell
    assessment_accept(
        cell=cell, user=users["auditeur"], seen=cell.assessment_id, now=timezone.now()
    )
    service = html.unescape(
        client.get(f"/campagne/apres/service/{cell.service.slug}/").content.decode()
    )
    row = re.search(r"<tr><th scope=\"row\"><a href=\"/commune/44109/.*?</tr>", service, re.S)
    assert row is not None
    assert row.group(0).endswith("<td>revu par un auditeur</td></tr>"), row.group(0)
    evidence = html.unescape(client.get(f"/preuve/{site.record.pk}/").content.decode())
    assert f"{cell.service.label}\u00a0: niveau 3 (revu par un auditeur)" in evidence
