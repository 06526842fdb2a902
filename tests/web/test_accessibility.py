"""What the RGAA asks of the pages, read from the HTML: errors tied to their fields, one title
per page, landmarks told apart, the accessibility statement linked from every page."""

from __future__ import annotations

from django.test import Client
from selectolax.lexbor import LexborHTMLParser
from django.urls import reverse

from tests.a11y import referenced_text


def test_review_form_errors_are_tied_to_their_fields(client: Client, site, users) -> None:
    client.force_login(users["auditeur"])
    cell = site.auto_cell
    page = client.post(
        reverse("web:review-cell", kwargs={"pk": cell.pk}),
        {"action": "override", "seen": cell.assessment_id, "level": "1", "justification": ""},
    ).content.decode()
    assert referenced_text(page, "#id_justification", "aria-describedby") == [
        "Ce champ est obligatoire."
    ]
    assert LexborHTMLParser(page).css_first("#id_justification").attributes["aria-invalid"] == "true"
    assert referenced_text(page, "#id_evidence_url", "aria-describedby") == [""]
