"""Raising a level 0 without an evidence address: the refusal is the evidence field's error,
tied to that field, and nothing typed is lost."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Cell
from barometre.assessments.services.record import AutoValue, assessments_record_auto


def test_a_missing_evidence_address_is_the_evidence_fields_error(client, site, users) -> None:
    slug = site.after.catalogue.services.get(position=1).slug
    value = AutoValue(commune="44109", service=slug, level=0, confidence=0.5)
    assessments_record_auto(campaign=site.after, values=[value], now=timezone.now())
    absent = Cell.objects.get(campaign=site.after, commune_id="44109", service__slug=slug)
    client.force_login(users["auditeur"])
    response = client.post(
        reverse("web:review-cell", kwargs={"pk": absent.pk}),
        {
            "action": "override",
            "seen": absent.assessment_id,
            "level": "3",
            "justification": "Formulaire en ligne vu.",
            "evidence_url": "",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    field = re.search(r'<input[^>]*id="id_evidence_url"[^>]*>', body)
    assert field is not None
    assert 'aria-invalid="true"' in field.group(0)
    assert 'aria-describedby="id_evidence_url-error"' in field.group(0)
    error = re.search(r'<p class="fr-error-text" id="id_evidence_url-error">([^<]*)</p>', body)
    assert error is not None and "appuyer sur une preuve" in error.group(1)
    assert '<option value="3" selected>' in body and "Formulaire en ligne vu." in body


def _proposed_absent(site) -> Cell:
    """The site's second service in Nantes, proposed 0 with no page."""
    absent = Cell.objects.filter(
        campaign=site.after, commune_id="44109", source="auto", level=0
    ).get()
    assert absent.assessment.evidence_url == ""
    return absent


def test_a_blind_coders_evidence_address_is_kept_at_level_0(client, site, users) -> None:
    """The address a blind coder gave with a level 0 was dropped without a word: it is kept on
    their answer (shown to them and to the arbitrator) and on the cell when both agree."""
    from barometre.assessments.models import CodingAssignment
    from barometre.assessments.services.draw import codings_assign

    absent = _proposed_absent(site)
    auditors = [users["auditeur"], users["coordinateur"]]
    codings_assign(cells=[absent], auditors=auditors, size=1, seed=1, now=timezone.now())
    address = "https://ville.test/demarches/"
    for user in auditors:
        client.force_login(user)
        mine = CodingAssignment.objects.get(cell=absent, auditor=user)
        url = reverse("web:review-coding", kwargs={"pk": mine.pk})
        answer = {"level": "0", "justification": "", "evidence_url": address}
        assert client.post(url, answer).status_code == 302
        mine.refresh_from_db()
        assert (mine.level, mine.evidence_url) == (0, address)
        assert address in client.get(url).content.decode()  # « Vous avez répondu : … preuve »
    absent.refresh_from_db()
    assert (absent.level, absent.source) == (0, "human")
    assert absent.assessment.evidence_url == address
    client.force_login(users["administrateur"])
    cell_page = client.get(reverse("web:review-cell", kwargs={"pk": absent.pk}))
    assert address in cell_page.content.decode()
