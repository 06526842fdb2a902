"""The review, blind-coding and draw forms are checked by the server, not by the browser:
`novalidate`, no `required`, `min`, `max`, `pattern` or `maxlength`, French messages in the
DSFR's error style with the value typed kept, and the fields that must be filled said so to
assistive technologies (`aria-required`) and to the eye (« obligatoire »)."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import CodingAssignment
from barometre.assessments.services.draw import codings_assign

BROWSER_CHECKS = re.compile(r"\s(required|min|max|pattern|maxlength|minlength)(=|\s|>)")


def _forms(body: str) -> list[str]:
    return re.findall(r"<form method=\"post\"[^>]*>.*?</form>", body, re.S)


def _coding(site, users) -> CodingAssignment:  # type: ignore[no-untyped-def]
    coders = [users["auditeur"], users["coordinateur"]]
    codings_assign(cells=[site.auto_cell], auditors=coders, size=1, seed=1, now=timezone.now())
    return CodingAssignment.objects.get(cell=site.auto_cell, auditor=users["auditeur"])


def test_the_forms_leave_checking_to_the_server(client, site, users) -> None:
    """The browser's own bubbles (in its language, not the DSFR's style) stopped the forms."""
    mine = _coding(site, users)
    client.force_login(users["auditeur"])
    other = site.after.cells.exclude(pk=site.auto_cell.pk).first()
    cell = client.get(reverse("web:review-cell", kwargs={"pk": other.pk})).content.decode()
    coding = client.get(reverse("web:review-coding", kwargs={"pk": mine.pk})).content.decode()
    client.force_login(users["coordinateur"])
    draw = client.get(reverse("web:review-arbitration")).content.decode()
    for body, fields in (
        (cell, ("id_level", "id_justification")),
        (coding, ("id_level",)),
        (draw, ("id_size", "id_seed")),
    ):
        forms = [f for f in _forms(body) if 'id="id_' in f]
        assert len(forms) == 1 and "novalidate" in forms[0].split(">", 1)[0]
        assert not BROWSER_CHECKS.search(forms[0]), BROWSER_CHECKS.search(forms[0])
        for field in fields:
            tag = re.search(rf'<(input|select|textarea)[^>]*id="{field}"[^>]*>', forms[0])
            assert tag is not None and 'aria-required="true"' in tag.group(0), field
            label = re.search(rf'<label[^>]*for="{field}">(.*?)</label>', forms[0], re.S)
            assert label is not None and "(obligatoire)" in label.group(1), field
    optional = re.search(r"<textarea[^>]*>", coding)
    assert optional is not None and "aria-required" not in optional.group(0)  # a blind note


@pytest.mark.parametrize(
    ("size", "said"),
    [
        ("0", "Le nombre de cellules à tirer va de 1 à 5\u00a0000."),
        ("12,5", "Le nombre de cellules à tirer est un nombre entier"),
        ("vingt", "Le nombre de cellules à tirer est un nombre entier"),
        ("", "Indiquez combien de cellules tirer, de 1 à 5\u00a0000."),
    ],
)
def test_a_refused_size_is_said_in_french_beside_the_value_typed(
    client, site, users, size: str, said: str
) -> None:
    """Django's « Saisissez un nombre entier » or « Assurez-vous que cette valeur est supérieure
    ou égale à 1 » named neither the field nor its range."""
    client.force_login(users["coordinateur"])
    sent = {"campagne": "apres", "size": size, "seed": "7"}
    response = client.post(reverse("web:review-arbitration"), sent)
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    group = body.split('for="id_size"', 1)[0].rsplit("<div", 1)[1]
    assert "fr-input-group--error" in group
    error = re.search(r'<p class="fr-error-text" id="id_size-error">([^<]*)</p>', body)
    assert error is not None and error.group(1).startswith(said)
    field = re.search(r'<input[^>]*id="id_size"[^>]*>', body)
    assert field is not None and f'value="{size}"' in field.group(0)


def test_thousands_typed_with_a_space_are_a_number(client, site, users) -> None:
    """« 1 000 », as a French reader writes it, was refused as no whole number."""
    client.force_login(users["coordinateur"])
    sent = {"campagne": "apres", "size": "1\u00a0000", "seed": "12 345"}
    response = client.post(reverse("web:review-arbitration"), sent)
    assert response.status_code == 302
    said = " ".join(str(m) for m in response.wsgi_request._messages)
    assert "graine 12345" in said


def test_a_long_evidence_address_is_refused_in_french_and_kept(client, site, users) -> None:
    """The field cut a pasted address at 2,000 characters without a word (maxlength); the
    server's refusal was Django's, « Assurez-vous que cette valeur comporte au plus 2000
    caractères »."""
    client.force_login(users["auditeur"])
    url = "http://127.0.0.1:9/" + "a" * 2100
    cell = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    sent = {
        "action": "override",
        "seen": site.auto_cell.assessment_id,
        "level": "2",
        "justification": "vu",
        "evidence_url": url,
    }
    response = client.post(cell, sent)
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    assert "L'adresse de la preuve dépasse 2\u00a0000 caractères." in body
    assert f'value="{url}"' in body
