"""Numbers of the review: a blind answer's level is checked by the service, not only by the form
that sends it (the same check as every recorded value, `level_problem`); the review pages and the
blind check's figures read a NaN or ±inf confidence, stored before writes were checked (or by
hand), as missing: a dash, never a 500."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from barometre.assessments.blind_check import campaign_blind_check
from barometre.assessments.models import Assessment, CodingAssignment
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import Decision, coding_answer
from barometre.core.errors import BarometreError


@pytest.mark.parametrize(
    ("level", "named"),
    [
        (7, "Niveau 7 hors de l'échelle 0–5."),
        (True, "Niveau «\u00a0True\u00a0»\u00a0: un entier de 0 à 5 est attendu."),
        (2.5, "Niveau «\u00a02.5\u00a0»\u00a0: un entier de 0 à 5 est attendu."),
    ],
    ids=["7", "True", "2.5"],
)
def test_a_blind_answer_off_the_scale_is_refused_in_french(site, users, level, named) -> None:
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(
        cells=[site.auto_cell], auditors=auditors, size=1, seed=1, now=timezone.now()
    )
    mine = next(c for c in created if c.auditor == users["auditeur"])
    decision = Decision(level=level, not_applicable=False, justification="")
    with pytest.raises(BarometreError, match="^" + named.replace(".", r"\.") + "$"):
        coding_answer(assignment=mine, user=mine.auditor, decision=decision, now=timezone.now())
    assert CodingAssignment.objects.get(pk=mine.pk).coded_at is None


def test_a_blind_answer_above_the_service_s_maximum_is_refused(site, users) -> None:
    service = site.auto_cell.service
    service.max_level = 3
    service.save(update_fields=["max_level"])
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(
        cells=[site.auto_cell], auditors=auditors, size=1, seed=1, now=timezone.now()
    )
    decision = Decision(level=4, not_applicable=False, justification="")
    with pytest.raises(BarometreError, match="au-dessus du maximum 3 de ce service"):
        coding_answer(
            assignment=created[0], user=created[0].auditor, decision=decision, now=timezone.now()
        )


@pytest.mark.parametrize("number", [float("nan"), float("inf")], ids=repr)
def test_the_blind_check_leaves_out_a_non_finite_confidence(site, users, number) -> None:
    Assessment.objects.filter(pk=site.auto_cell.assessment_id).update(confidence=number)
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(
        cells=[site.auto_cell], auditors=auditors, size=1, seed=1, now=timezone.now()
    )
    for assignment in created:
        decision = Decision(level=3, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    check = campaign_blind_check(site.after)
    assert (check.exact.count, check.exact.n) == (2, 2)
    assert (check.mean_confidence, check.with_confidence) == (None, 0)


@pytest.mark.parametrize("number", [float("nan"), float("inf")], ids=repr)
def test_the_review_pages_show_a_non_finite_confidence_as_a_dash(
    client, site, users, number
) -> None:
    Assessment.objects.filter(pk=site.auto_cell.assessment_id).update(confidence=number)
    client.force_login(users["auditeur"])
    queue = client.get(reverse("web:review-queue"))
    assert queue.status_code == 200
    assert "<tr><td>—</td>" in queue.content.decode()
    cell = client.get(reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk}))
    assert cell.status_code == 200
    assert "niveau 3, confiance —." in cell.content.decode()


@pytest.mark.parametrize(
    ("level", "said"),
    [
        (7, "Level 7 is outside the 0–5 scale."),
        (2.5, "Level “2.5”: a whole number from 0 to 5 is expected."),
        (4, "Level 4 is above this service's maximum of 3."),
    ],
    ids=["7", "2.5", "4"],
)
def test_a_blind_answer_s_refused_level_is_said_in_the_page_s_language(
    site, users, level, said
) -> None:
    """`level_problem`'s words are French (imports, CLI): the coding page, in English, showed
    « Niveau 7 hors de l'échelle 0–5. » as it was."""
    service = site.auto_cell.service
    service.max_level = 3
    service.save(update_fields=["max_level"])
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(
        cells=[site.auto_cell], auditors=auditors, size=1, seed=1, now=timezone.now()
    )
    decision = Decision(level=level, not_applicable=False, justification="")
    with override("en"), pytest.raises(BarometreError) as refused:
        coding_answer(
            assignment=created[0], user=created[0].auditor, decision=decision, now=timezone.now()
        )
    assert str(refused.value) == said
