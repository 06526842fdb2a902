"""A draw replaces the cells it leaves out (every auditor but one reviewed them, so no two blind
coders remain) by other undrawn cells of the campaign, drawn by the same seeded generator, until
the sample asked is full or no cell is left; the web page and the CLI say exactly what happened.
Before, the sample was simply smaller than asked and nothing topped it up."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from barometre.accounts.roles import user_create
from barometre.assessments.models import Cell, CodingAssignment
from barometre.assessments.services.draw import codings_assign, codings_draw, drawn_said
from barometre.assessments.services.review import Decision, assessment_override
from barometre.core.errors import BarometreError
from tests.factories import set_cells

PASSWORD = "mot-de-passe-de-test"
NBSP = "\u00a0"


@pytest.fixture
def reviewed(campaign) -> tuple[list, list[Cell]]:
    """Three auditors and eight cells; Ana and Bea reviewed the first four, which only Carl
    could code blind: four cells may be drawn."""
    auditors = [user_create(username=n, role="auditeur", password=PASSWORD) for n in "abc"]
    slugs = list(campaign.catalogue.services.order_by("position").values_list("slug", flat=True))
    codes = sorted(campaign.communes.values_list("code", flat=True))
    set_cells(campaign, {(code, slug): 0 for code in codes for slug in slugs[:4]})
    cells = list(Cell.objects.filter(campaign=campaign).order_by("pk"))
    assert len(cells) == 8
    for cell in cells[:4]:
        for auditor in auditors[:2]:
            cell.refresh_from_db()
            assessment_override(
                cell=cell,
                user=auditor,
                seen=cell.assessment_id,
                decision=Decision(level=0, not_applicable=False, justification="Vu."),
                now=timezone.now(),
            )
    return auditors, cells


def _draw(cells, auditors, size: int, seed: int = 7):
    return codings_assign(cells=cells, auditors=auditors, size=size, seed=seed, now=timezone.now())


def test_cells_left_out_are_replaced_until_the_sample_is_full(reviewed) -> None:
    auditors, cells = reviewed
    drawn = _draw(cells, auditors, 4)
    assert CodingAssignment.objects.values("cell_id").distinct().count() == 4
    # three of the first four drawn had been reviewed: three others took their place
    assert (drawn.cells, drawn.reviewed_out, drawn.examined, drawn.replaced) == (4, 3, 3, 3)
    coded = set(CodingAssignment.objects.values_list("cell_id", flat=True))
    assert coded == {c.pk for c in cells[4:]}
    assert drawn_said(drawn, campaign="2026", seed=7) == (
        f"Tirage de la campagne «{NBSP}2026{NBSP}» (graine 7){NBSP}: 4 cellules attribuées à "
        f"deux auditeurs sur 4 cellules demandées. 3 cellules tirées écartées{NBSP}: pour "
        "chacune, tous les auditeurs sauf un au plus l'avaient déjà revue (qui a vu la "
        f"proposition d'une cellule ne la code pas à l'aveugle). Pour les remplacer{NBSP}: 3 "
        "autres cellules jamais tirées examinées (dans un ordre tiré au hasard avec la même "
        "graine), dont 3 retenues."
        f" Codages à l'aveugle attribués{NBSP}: a (3), b (2), c (3){NBSP}; chacun les trouve "
        f"dans «{NBSP}Double codage{NBSP}» de l'espace auditeurs."
    )


def test_with_no_cell_left_to_replace_them_the_draw_says_so(reviewed) -> None:
    auditors, cells = reviewed
    drawn = _draw(cells, auditors, 6)
    # the first six drawn held the four reviewed cells; two replacements, then none left
    assert (drawn.cells, drawn.reviewed_out, drawn.examined, drawn.replaced) == (4, 4, 2, 2)
    assert drawn_said(drawn, campaign="2026", seed=7) == (
        f"Tirage de la campagne «{NBSP}2026{NBSP}» (graine 7){NBSP}: 4 cellules attribuées à "
        f"deux auditeurs sur 6 cellules demandées. 4 cellules tirées écartées{NBSP}: pour "
        "chacune, tous les auditeurs sauf un au plus l'avaient déjà revue (qui a vu la "
        f"proposition d'une cellule ne la code pas à l'aveugle). Pour les remplacer{NBSP}: 2 "
        "autres cellules jamais tirées examinées (dans un ordre tiré au hasard avec la même "
        "graine), dont 2 retenues. Aucune autre cellule jamais tirée ne restait dans la "
        f"campagne{NBSP}: l'échantillon est plus petit que demandé."
        f" Codages à l'aveugle attribués{NBSP}: a (3), b (2), c (3){NBSP}; chacun les trouve "
        f"dans «{NBSP}Double codage{NBSP}» de l'espace auditeurs."
    )


def test_the_cells_examined_to_replace_are_told_apart_from_those_left_out(reviewed) -> None:
    """One cell asked, a reviewed one drawn first: the message said « 3 cellules tirées
    écartées » for 1 asked, counting every cell looked at to replace it. It now says the one
    cell of the draw left out, then the cells examined to replace it and the one kept."""
    auditors, cells = reviewed
    drawn = _draw(cells, auditors, 1, seed=10)
    assert (drawn.cells, drawn.reviewed_out, drawn.examined, drawn.replaced) == (1, 1, 3, 1)
    assert drawn_said(drawn, campaign="2026", seed=10) == (
        f"Tirage de la campagne «{NBSP}2026{NBSP}» (graine 10){NBSP}: 1 cellule attribuée à "
        f"deux auditeurs sur 1 cellule demandée. 1 cellule tirée écartée{NBSP}: tous les "
        "auditeurs sauf un au plus l'avaient déjà revue (qui a vu la proposition d'une cellule "
        f"ne la code pas à l'aveugle). Pour la remplacer{NBSP}: 3 autres cellules jamais tirées "
        "examinées (dans un ordre tiré au hasard avec la même graine), dont 1 retenue."
        f" Codages à l'aveugle attribués{NBSP}: a (1), b (1){NBSP}; chacun les trouve "
        f"dans «{NBSP}Double codage{NBSP}» de l'espace auditeurs."
    )
    CodingAssignment.objects.all().delete()
    drawn = _draw(cells, auditors, 2, seed=18)  # two left out, four examined, two kept
    assert (drawn.cells, drawn.reviewed_out, drawn.examined, drawn.replaced) == (2, 2, 4, 2)
    assert (
        f"2 cellules tirées écartées{NBSP}: pour chacune, tous les auditeurs sauf un au plus "
        "l'avaient déjà revue (qui a vu la proposition d'une cellule ne la code pas à "
        f"l'aveugle). Pour les remplacer{NBSP}: 4 autres cellules jamais tirées examinées (dans "
        "un ordre tiré au hasard avec la même graine), dont 2 retenues. Codages"
    ) in drawn_said(drawn, campaign="2026", seed=18)


def test_when_every_replacement_was_reviewed_none_is_kept(reviewed) -> None:
    auditors, cells = reviewed
    drawn = _draw(cells[:4], auditors, 1)  # only reviewed cells: none can be coded blind
    assert (drawn.cells, drawn.reviewed_out, drawn.examined, drawn.replaced) == (0, 1, 3, 0)
    assert drawn_said(drawn, campaign="2026", seed=7) == (
        f"Tirage de la campagne «{NBSP}2026{NBSP}» (graine 7){NBSP}: 0 cellule attribuée à "
        f"deux auditeurs sur 1 cellule demandée. 1 cellule tirée écartée{NBSP}: tous les "
        "auditeurs sauf un au plus l'avaient déjà revue (qui a vu la proposition d'une cellule "
        f"ne la code pas à l'aveugle). Pour la remplacer{NBSP}: 3 autres cellules jamais tirées "
        "examinées (dans un ordre tiré au hasard avec la même graine), dont aucune retenue. "
        f"Aucune autre cellule jamais tirée ne restait dans la campagne{NBSP}: l'échantillon "
        "est plus petit que demandé."
    )


def test_the_replacements_are_the_same_for_a_seed(reviewed) -> None:
    auditors, cells = reviewed

    def draw(seed: int) -> list[tuple[int, str]]:
        created = _draw(cells, auditors, 3, seed)
        found = sorted((a.cell_id, a.auditor.username) for a in created)
        CodingAssignment.objects.all().delete()
        return found

    runs = {seed: draw(seed) for seed in range(1, 9)}
    assert all(draw(seed) == found for seed, found in runs.items())
    assert len({tuple(found) for found in runs.values()}) > 1  # the seed does choose
    assert all(len(found) == 6 for found in runs.values())


def test_a_pool_smaller_than_asked_is_said(reviewed) -> None:
    auditors, cells = reviewed
    drawn = _draw(cells[4:6], auditors, 5)
    assert (drawn.cells, drawn.reviewed_out) == (2, 0)
    assert (
        f"sur 5 cellules demandées. La campagne n'avait plus que 2 cellules jamais tirées{NBSP}: "
        "l'échantillon est plus petit que demandé. Codages à l'aveugle attribués"
    ) in drawn_said(drawn, campaign="2026", seed=7)


def test_the_command_draws_and_says_what_happened(reviewed, campaign) -> None:
    out, err = io.StringIO(), io.StringIO()
    args = ["codings-draw", "--campaign", "2026", "--size", "6", "--seed", "7"]
    call_command("assessments", *args, stdout=out, stderr=err)
    assert CodingAssignment.objects.values("cell_id").distinct().count() == 4
    said = out.getvalue()
    assert said.startswith(
        f"Tirage de la campagne «{NBSP}2026{NBSP}» (graine 7){NBSP}: 4 cellules attribuées à "
        "deux auditeurs sur 6 cellules demandées. 4 cellules tirées écartées"
    ), said
    assert f"Pour les remplacer{NBSP}: 2 autres cellules jamais tirées examinées" in said
    assert "plus petit que demandé" in err.getvalue()
    again = io.StringIO()
    call_command("assessments", "codings-draw", "--campaign", "2026", "--size", "2", stdout=again)
    # drawn before: the four cells left are the reviewed ones, with no seed one is chosen
    assert "4 cellules écartées du tirage" in again.getvalue()
    assert "(graine " in again.getvalue()


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--size", "0", "--size doit valoir au moins 1"),
        ("--size", "5001", "--size vaut au plus 5000"),
        ("--seed", "-1", "--seed doit valoir"),
    ],
)
def test_the_command_refuses_a_bad_size_or_seed(reviewed, option, value, said) -> None:
    size = [] if option == "--size" else ["--size", "3"]  # an option is given once
    args = ["codings-draw", "--campaign", "2026", *size, option, value]
    with pytest.raises(BarometreError, match=said):
        call_command("assessments", *args, stdout=io.StringIO())
    assert not CodingAssignment.objects.exists()


def test_codings_draw_counts_the_campaign_cells_drawn_before(reviewed, campaign) -> None:
    auditors, cells = reviewed
    _draw(cells[4:5], auditors, 1)
    drawn = codings_draw(campaign=campaign, size=1, seed=1, now=timezone.now())
    assert drawn.already == 1 and drawn.cells == 1
