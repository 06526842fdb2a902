"""A refused decision keeps the level its auditor chose in the select: it fell back to the first
option (« 0 · absent »), which a second send would have recorded without anyone choosing it."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import CodingAssignment
from barometre.assessments.services.draw import codings_assign


def _selected(body: str) -> list[tuple[str, str]]:
    select = re.search(r'<select[^>]*id="id_level".*?</select>', body, re.S)
    assert select is not None
    return re.findall(r'<option value="([^"]*)" selected>([^<]*)</option>', select.group(0))


def test_a_level_above_the_services_maximum_stays_selected(client, site, users) -> None:
    cell = site.auto_cell
    assert cell.service.max_level == 4
    client.force_login(users["auditeur"])
    response = client.post(
        reverse("web:review-cell", kwargs={"pk": cell.pk}),
        {
            "action": "override",
            "seen": cell.assessment_id,
            "level": "5",
            "justification": "Compte citoyen vu.",
            "evidence_url": "https://ville.test/compte",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    [(value, label)] = _selected(body)
    assert value == "5" and "5 · personnalisation" in label and "hors de l" in label
    assert "Ce service va du niveau 0 au niveau 4" in body
    select = body.split('id="id_level"', 1)[1].split("</select>", 1)[0]
    # in the scale's order, before « sans objet »
    assert re.findall(r'<option value="([^"]*)"', select) == ["0", "1", "2", "3", "4", "5", "na"]


def test_a_level_without_evidence_stays_selected(client, site, users) -> None:
    absent = site.after.cells.get(commune_id="44109", source="auto", level=0)
    client.force_login(users["auditeur"])
    response = client.post(
        reverse("web:review-cell", kwargs={"pk": absent.pk}),
        {"action": "override", "seen": absent.assessment_id, "level": "2", "justification": "x"},
    )
    assert response.status_code == 400
    assert [v for v, _ in _selected(response.content.decode())] == ["2"]


def test_an_unknown_level_selects_no_level(client, site, users) -> None:
    cell = site.auto_cell
    client.force_login(users["auditeur"])
    response = client.post(
        reverse("web:review-cell", kwargs={"pk": cell.pk}),
        {"action": "override", "seen": cell.assessment_id, "level": "9", "justification": "x"},
    )
    assert response.status_code == 400
    assert [v for v, _ in _selected(response.content.decode())] == [""]


def test_a_blind_coders_level_above_the_maximum_stays_selected(client, site, users) -> None:
    cell = site.auto_cell
    auditors = [users["auditeur"], users["coordinateur"]]
    codings_assign(cells=[cell], auditors=auditors, size=1, seed=1, now=timezone.now())
    mine = CodingAssignment.objects.get(cell=cell, auditor=users["auditeur"])
    client.force_login(users["auditeur"])
    url = reverse("web:review-coding", kwargs={"pk": mine.pk})
    response = client.post(url, {"level": "5", "justification": "", "evidence_url": ""})
    assert [v for v, _ in _selected(response.content.decode())] == ["5"]
    mine.refresh_from_db()
    assert mine.coded_at is None
