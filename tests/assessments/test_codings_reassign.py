"""`codings_reassign` and `barometre assessments codings-reassign`: the unanswered blind codings
of an account switched off stayed with it, nobody could answer them and their cells never got
their second answer."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from barometre.accounts.roles import user_create, user_set_active
from barometre.assessments.models import Cell, CodingAssignment
from barometre.assessments.services.reassign import codings_reassign
from barometre.core.errors import BarometreError
from tests.factories import CampaignFactory, set_cells

PASSWORD = "mot-de-passe-de-test"
NBSP = "\u00a0"


def _cells(campaign, count: int) -> list[Cell]:
    slugs = list(campaign.catalogue.services.order_by("position").values_list("slug", flat=True))
    codes = sorted(campaign.communes.values_list("code", flat=True))
    set_cells(campaign, {(code, slug): 1 for code in codes for slug in slugs[:4]})
    return list(Cell.objects.filter(campaign=campaign).order_by("pk")[:count])


def _code(cell: Cell, auditor: User, *, answered: bool = False) -> CodingAssignment:
    when = timezone.now() if answered else None
    return CodingAssignment.objects.create(
        cell=cell, auditor=auditor, level=1 if answered else None, coded_at=when
    )


@pytest.fixture
def team(campaign) -> dict[str, object]:
    """Ana leaves: four cells she shares with Bea unanswered, one she answered with Carl; Dan
    holds one unanswered cell; Eve is switched off, Fred has no role."""
    people = {
        name: user_create(username=name, role="auditeur", password=PASSWORD)
        for name in ("ana", "bea", "carl", "dan", "eve")
    }
    people["fred"] = User.objects.create_user("fred", password=PASSWORD)
    cells = _cells(campaign, 6)
    for cell in cells[:4]:
        _code(cell, people["ana"])
        _code(cell, people["bea"])
    _code(cells[4], people["ana"], answered=True)
    _code(cells[4], people["carl"])
    _code(cells[5], people["dan"])
    _code(cells[5], people["bea"], answered=True)
    user_set_active(username="ana", active=False)
    user_set_active(username="eve", active=False)
    return {**people, "cells": cells}


def _coders(cell: Cell) -> list[str]:
    return sorted(
        CodingAssignment.objects.filter(cell=cell).values_list("auditor__username", flat=True)
    )


def test_unanswered_codings_go_to_the_least_loaded_never_to_the_other_coder(team) -> None:
    ana = User.objects.get(username="ana")
    done = codings_reassign(from_user=ana)
    cells = team["cells"]
    # Bea codes the four cells already (and holds four): Carl and Dan, one each, by name
    given = [user.username for _a, user in done.moved]
    assert given == ["carl", "dan", "carl", "dan"]
    assert [_coders(c) for c in cells[:4]] == [
        ["bea", "carl"],
        ["bea", "dan"],
        ["bea", "carl"],
        ["bea", "dan"],
    ]
    assert done.moved_to() == {"carl": 2, "dan": 2}
    assert done.stayed == []
    # the answered coding keeps its author
    assert _coders(cells[4]) == ["ana", "carl"]
    assert CodingAssignment.objects.get(cell=cells[4], auditor=ana).level == 1
    assert codings_reassign(from_user=ana).moved == []  # nothing left to move


@pytest.fixture
def pair(campaign) -> Cell:
    """Ana and Bea, the only auditors, both code one cell."""
    ana, bea = (
        user_create(username=name, role="auditeur", password=PASSWORD) for name in ("ana", "bea")
    )
    cell = _cells(campaign, 1)[0]
    _code(cell, ana)
    _code(cell, bea)
    return cell


def test_a_cell_whose_other_active_auditors_all_code_it_stays(pair) -> None:
    ana, cell = User.objects.get(username="ana"), pair
    done = codings_reassign(from_user=ana)
    assert done.moved == []
    assert [reason for _a, reason in done.stayed] == [
        "les autres auditeurs actifs codent déjà cette cellule"
    ]
    assert _coders(cell) == ["ana", "bea"]
    User.objects.filter(username="bea").update(is_active=False)
    assert [r for _a, r in codings_reassign(from_user=ana).stayed] == ["aucun autre auditeur actif"]


@pytest.mark.parametrize(
    ("target", "refusal"),
    [
        ("eve", f"Le compte «{NBSP}eve{NBSP}» est désactivé"),
        ("fred", f"Le compte «{NBSP}fred{NBSP}» n'a pas de rôle d'auditeur"),
        ("bea", f"«{NBSP}bea{NBSP}» code déjà 4 cellules à réattribuer"),
        ("ana", f"--to nomme le compte dont les codages sont repris{NBSP}:"),
    ],
)
def test_to_a_coder_who_may_not_receive_them_is_refused_and_nothing_moves(
    team, target: str, refusal: str
) -> None:
    with pytest.raises(BarometreError, match=refusal):
        codings_reassign(
            from_user=User.objects.get(username="ana"),
            to_user=User.objects.get(username=target),
        )
    assert CodingAssignment.objects.filter(auditor__username="ana").count() == 5


def test_to_one_coder_gives_them_all(team) -> None:
    done = codings_reassign(
        from_user=User.objects.get(username="ana"), to_user=User.objects.get(username="dan")
    )
    assert done.moved_to() == {"dan": 4}
    assert [_coders(c) for c in team["cells"][:4]] == [["bea", "dan"]] * 4


def _reassign(*args: str) -> str:
    out = io.StringIO()
    call_command("assessments", "codings-reassign", *args, stdout=out)
    return out.getvalue()


def test_the_command_says_what_moved_to_whom_and_what_stayed(team, campaign) -> None:
    other = CampaignFactory(name="autre", communes=list(campaign.communes.all()))
    elsewhere = _cells(other, 1)[0]
    _code(elsewhere, User.objects.get(username="ana"))
    said = _reassign("--from", "ana", "--campaign", "2026")
    assert said == (
        f"4 codages sans réponse de «{NBSP}ana{NBSP}» dans la campagne «{NBSP}2026{NBSP}» "
        f"réattribués{NBSP}: carl (2 codages), dan (2 codages).\n"
    )
    assert _coders(elsewhere) == ["ana"]  # another campaign's cell stays
    said = _reassign("--from", "ana", "--campaign", "2026")
    assert "n'a aucun codage sans réponse dans la campagne" in said
    # the other campaign's cell, Ana its only coder: Carl and Dan hold 3 now, Bea 4
    assert _reassign("--from", "ana") == (
        f"1 codage sans réponse de «{NBSP}ana{NBSP}» réattribué{NBSP}: carl (1 codage).\n"
    )


def test_the_command_says_what_stayed_and_why(pair) -> None:
    assert _reassign("--from", "ana") == (
        f"1 codage sans réponse reste à «{NBSP}ana{NBSP}»{NBSP}: les autres auditeurs "
        "actifs codent déjà cette cellule.\n"
    )
    with pytest.raises(BarometreError, match=f"Aucun compte «{NBSP}zoe{NBSP}»"):
        _reassign("--from", "zoe")
