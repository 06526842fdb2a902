"""Blind double coding never given to an auditor who reviewed the cell: they saw its automatic
proposal and decided a level, so their « blind » answer would repeat that decision and inflate
the agreement figures."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from barometre.accounts.roles import user_create, user_set_active
from barometre.assessments.models import Cell, CodingAssignment
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.reassign import codings_reassign
from barometre.assessments.services.review import (
    Decision,
    assessment_override,
)
from barometre.core.errors import BarometreError
from tests.factories import set_cells

PASSWORD = "mot-de-passe-de-test"
NBSP = "\u00a0"


def _cells(campaign, count: int) -> list[Cell]:
    slugs = list(campaign.catalogue.services.order_by("position").values_list("slug", flat=True))
    codes = sorted(campaign.communes.values_list("code", flat=True))
    set_cells(campaign, {(code, slug): 0 for code in codes for slug in slugs[:4]})
    return list(Cell.objects.filter(campaign=campaign).order_by("pk")[:count])


def _review(cell: Cell, user: User) -> None:
    cell.refresh_from_db()
    assessment_override(
        cell=cell,
        user=user,
        seen=cell.assessment_id,
        decision=Decision(level=0, not_applicable=False, justification="Vu sur le site."),
        now=timezone.now(),
    )


def _auditors(*names: str) -> list[User]:
    return [user_create(username=n, role="auditeur", password=PASSWORD) for n in names]


def _coders(cell: Cell) -> list[str]:
    return sorted(
        CodingAssignment.objects.filter(cell=cell).values_list("auditor__username", flat=True)
    )


def test_the_draw_gives_no_cell_to_an_auditor_who_reviewed_it(campaign) -> None:
    auditors = _auditors("ana", "bea", "carl")
    cells = _cells(campaign, 6)
    for cell in cells:  # Ana reviewed every cell, Bea the first
        _review(cell, auditors[0])
    _review(cells[0], auditors[1])
    drawn = codings_assign(cells=cells, auditors=auditors, size=6, seed=3, now=timezone.now())
    # the first cell is left out (only Carl had not reviewed it), the others go to Bea and Carl
    assert drawn.reviewed_out == 1
    assert _coders(cells[0]) == []
    assert [_coders(c) for c in cells[1:]] == [["bea", "carl"]] * 5
    assert len(drawn) == 10


def test_the_draw_with_exclusions_keeps_loads_balanced_and_is_the_same_for_a_seed(
    campaign,
) -> None:
    auditors = _auditors("ana", "bea", "carl", "dan")
    cells = _cells(campaign, 8)
    for cell in cells[::2]:
        _review(cell, auditors[0])

    def draw() -> list[tuple[int, str]]:
        created = codings_assign(cells=cells, auditors=auditors, size=8, seed=5, now=timezone.now())
        return sorted((a.cell_id, a.auditor.username) for a in created)

    first = draw()
    assert "ana" not in {name for pk, name in first if pk in {c.pk for c in cells[::2]}}
    loads = [sum(1 for _pk, name in first if name == a.username) for a in auditors]
    assert max(loads) - min(loads) <= 3 and sum(loads) == 16
    CodingAssignment.objects.all().delete()
    assert draw() == first


@pytest.fixture
def pair(campaign) -> Cell:
    """Ana (leaving) and Bea code one cell; Carl reviewed it, Dan did not review it."""
    ana, bea, carl = _auditors("ana", "bea", "carl")
    cell = _cells(campaign, 1)[0]
    _review(cell, carl)
    CodingAssignment.objects.create(cell=cell, auditor=ana)
    CodingAssignment.objects.create(cell=cell, auditor=bea)
    user_set_active(username="ana", active=False)
    return cell


def test_a_reassigned_coding_never_goes_to_an_auditor_who_reviewed_the_cell(pair) -> None:
    ana = User.objects.get(username="ana")
    done = codings_reassign(from_user=ana)
    assert done.moved == []
    assert [reason for _a, reason in done.stayed] == [
        "les autres auditeurs actifs codent déjà cette cellule ou l'ont revue (qui a vu sa "
        "proposition ne la code pas à l'aveugle)"
    ]
    _auditors("dan")
    assert [user.username for _a, user in codings_reassign(from_user=ana).moved] == ["dan"]


def test_to_an_auditor_who_reviewed_the_cell_is_refused(pair) -> None:
    with pytest.raises(BarometreError, match=f"«{NBSP}carl{NBSP}» a déjà revu 1 cellule"):
        codings_reassign(
            from_user=User.objects.get(username="ana"), to_user=User.objects.get(username="carl")
        )
    assert _coders(pair) == ["ana", "bea"]


def test_a_blind_coder_cannot_review_the_cell_before_answering(campaign) -> None:
    ana, bea = _auditors("ana", "bea")
    cell = _cells(campaign, 1)[0]
    codings_assign(cells=[cell], auditors=[ana, bea], size=1, seed=1, now=timezone.now())
    with pytest.raises(BarometreError, match=f"confiée en double codage{NBSP}:"):
        _review(cell, ana)
    cell.refresh_from_db()
    assert cell.assessment.author == "test"
    assessment = CodingAssignment.objects.get(cell=cell, auditor=ana)
    assessment.level, assessment.coded_at = 0, timezone.now()
    assessment.save()
    _review(cell, ana)  # answered: the review may follow
    cell.refresh_from_db()
    assert cell.assessment.author == "ana"
