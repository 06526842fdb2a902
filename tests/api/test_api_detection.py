"""The JSON API on how right the detector is: blind checks of a campaign, authors of cells."""

from __future__ import annotations

import pytest

from tests.api.conftest import get

pytestmark = pytest.mark.django_db


def test_campaign_detail_carries_the_detection_measured_by_blind_codings(client, after):
    check = get(client, "/api/v1/campaigns/2026")["detection_check"]
    assert check["codings"] == 0 and check["exact"] is None and check["kappa"] is None
    assert "detection_check" not in get(client, "/api/v1/campaigns")["results"][0]


def test_detection_check_with_blind_answers(client, after):
    from django.utils import timezone

    from barometre.accounts.roles import user_create
    from barometre.assessments.models import Cell
    from barometre.assessments.services.draw import codings_assign
    from barometre.assessments.services.record import AutoValue, assessments_record_auto
    from barometre.assessments.services.review import Decision, coding_answer

    proposed = AutoValue(
        commune="90003",
        service="actes-etat-civil",
        level=3,
        evidence_url="http://127.0.0.1:9/",
        confidence=0.85,
    )
    assessments_record_auto(campaign=after, values=[proposed], now=timezone.now())
    cell = Cell.objects.get(campaign=after, commune_id="90003", service__slug="actes-etat-civil")
    auditors = [user_create(username=f"a{i}", role="auditeur", password="x" * 16) for i in (1, 2)]
    for assignment, level in zip(
        codings_assign(cells=[cell], auditors=auditors, size=1, seed=1, now=timezone.now()),
        (3, 2),
        strict=True,
    ):
        decision = Decision(level=level, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    check = get(client, "/api/v1/campaigns/2026")["detection_check"]
    assert check["codings"] == 2 and check["exact"] == 0.5
    assert 0 < check["exact_low"] < 0.5 < check["exact_high"] < 1
    assert check["mean_confidence"] == 0.85
    assert (check["confident_codings"], check["confident_exact"]) == (2, 0.5)
    assert (check["found_codings"], check["found_exact"]) == (2, 0.5)
    assert (check["not_found_codings"], check["not_found_exact"]) == (0, None)
    [row] = check["by_service"]
    assert (row["service"], row["codings"], row["exact"]) == ("actes-etat-civil", 2, 0.5)


def test_detection_check_counts_the_answers_sans_objet_as_the_methodology_page(client, after):
    """An answer « sans objet » to a proposal of 3 is outside the figures that compare levels:
    the methodology page counted it apart (a disagreement), the API said nothing of it."""
    from barometre.assessments.blind_check import campaign_blind_check
    from tests.api.test_opendata_codings import _two_blind_answers

    _two_blind_answers(after)  # a proposal of 3, answered 3 and « sans objet »
    check = get(client, "/api/v1/campaigns/2026")["detection_check"]
    assert (check["codings"], check["exact"]) == (1, 1.0)
    assert check["not_applicable_codings"] == campaign_blind_check(after).not_applicable == 1


def test_the_author_of_a_cell_is_described_as_it_is(client, after):
    """The schema says what `author` gives for each origin: « barometre » for an automatic
    proposal, « auditeur N » for a review (a pseudonym: never the auditor's user name), and
    `author_kind` the kind of author; it said « ou vide », and no cell has none."""
    from django.utils import timezone

    from barometre.assessments.services import AutoValue, assessments_record_auto
    from tests.factories import review_cell

    proposal = AutoValue(commune="90002", service="bibliotheque", level=0, confidence=0.5)
    assessments_record_auto(campaign=after, values=[proposal], now=timezone.now())
    review_cell(after, "90002", "urbanisme", 2)
    cells = get(client, "/api/v1/cells", campaign="2026", limit="500")["results"]
    described = get(client, "/api/openapi.json")["components"]["schemas"]["Cell"]["properties"]
    text = described["author"]["description"]
    authors = {(c["commune"], c["service"]): (c["author"], c["author_kind"]) for c in cells}
    assert authors["90002", "bibliotheque"] == ("barometre", "auto")
    # « test » reviewed first in the campaign's fixture, then alice
    assert authors["90002", "urbanisme"] == ("auditeur 2", "auditor")
    assert "«\u00a0barometre\u00a0»" in text and "«\u00a0auditeur 1\u00a0»" in text
    assert "nom d'utilisateur" not in text and "vide" not in text
    assert all(c["author"] for c in cells)
    assert described["author_kind"]["enum"] == ["auto", "auditor", "double_coding", "import"]
    assert not {"alice", "test"} & {c["author"] for c in cells}
