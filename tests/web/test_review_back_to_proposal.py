"""An auditor who corrected a proposal by mistake and goes back to its level: the value rests on
the proposal's page and its archived copy again, as the proposal did."""

from __future__ import annotations

import pytest
from django.urls import reverse

from barometre.assessments.models import Cell


def _override(client, cell: Cell, level: str, evidence_url: str = "") -> int:
    cell.refresh_from_db()
    response = client.post(
        reverse("web:review-cell", kwargs={"pk": cell.pk}),
        {
            "action": "override",
            "seen": cell.assessment_id,
            "level": level,
            "justification": f"Niveau {level} après relecture.",
            "evidence_url": evidence_url,
        },
    )
    return response.status_code


@pytest.mark.parametrize(
    ("mistake", "mistaken_url"),
    [("0", ""), ("1", "http://127.0.0.1:9/contact")],
    ids=["corrected to 0", "corrected to 1 on another page"],
)
def test_going_back_to_the_proposals_level_keeps_its_evidence(
    client, site, users, mistake: str, mistaken_url: str
) -> None:
    """Before, back from a mistaken 0 the form asked for an address (the value shown has none),
    and once given the archived copy was lost; back from a 1 on another page, the level 3 was
    published on that page, which shows no level 3."""
    cell = site.auto_cell
    proposal = cell.assessment
    client.force_login(users["auditeur"])
    assert _override(client, cell, mistake, mistaken_url) == 302
    assert _override(client, cell, str(proposal.level)) == 302
    cell.refresh_from_db()
    back = cell.assessment
    assert back.source == "human" and back.level == proposal.level
    assert back.evidence_url == proposal.evidence_url
    assert back.evidence_record_id == site.record.pk
    page = client.get(reverse("web:review-cell", kwargs={"pk": cell.pk})).content.decode()
    assert reverse("web:evidence", kwargs={"pk": site.record.pk}) in page


def test_a_level_the_proposal_did_not_give_still_keeps_the_evidence_shown(
    client, site, users
) -> None:
    cell = site.auto_cell
    client.force_login(users["auditeur"])
    assert _override(client, cell, "1", "http://127.0.0.1:9/contact") == 302
    assert _override(client, cell, "2") == 302
    cell.refresh_from_db()
    assert cell.assessment.evidence_url == "http://127.0.0.1:9/contact"
    assert cell.assessment.evidence_record_id is None
