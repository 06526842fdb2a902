"""The methodology page's agreement between coders: each double-coded cell is one pair, read
from the same two answers (its first two coders, A and B as in codages.csv) by the figures and
by the count of pairs « sans objet »."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from barometre.assessments.models import CodingAssignment
from barometre.web.agreement import campaign_agreement, moot_pairs


def _answer(cell, user, level, *, minutes: int):  # type: ignore[no-untyped-def]
    at = timezone.now() + timedelta(minutes=minutes)
    return CodingAssignment.objects.create(
        cell=cell,
        auditor=user,
        level=level,
        not_applicable=level is None,
        assigned_at=at,
        coded_at=at,
    )


def test_a_cell_is_one_pair_in_the_figures_or_among_the_pairs_sans_objet(site, users) -> None:
    """A third answer (a cell drawn again by a concurrent draw, or coded by hand) made the cell
    a pair of levels once its « sans objet » was filtered out, and a pair « sans objet » too:
    counted twice, by two different pairs of coders."""
    cell = site.auto_cell
    _answer(cell, users["auditeur"], None, minutes=0)
    _answer(cell, users["coordinateur"], 2, minutes=1)
    _answer(cell, users["administrateur"], 3, minutes=2)
    figures = campaign_agreement(site.after)[0].auditors
    moot = moot_pairs(site.after)
    assert (figures.pairs, moot.pairs, moot.disagreements) == (0, 1, 1)


def test_who_was_assigned_first_changes_no_figure(site, users) -> None:
    cells = list(site.after.cells.filter(commune_id__in=["35238", "29019"]).order_by("pk")[:6])
    levels = [(0, 1), (2, 2), (3, 5), (4, 4), (1, 3), (2, 0)]
    seen = []
    for order in ((0, 1), (1, 0)):
        CodingAssignment.objects.all().delete()
        for cell, pair in zip(cells, levels, strict=True):
            _answer(cell, users["auditeur"], pair[order[0]], minutes=0)
            _answer(cell, users["coordinateur"], pair[order[1]], minutes=1)
        row = campaign_agreement(site.after)[0].auditors
        alpha, kappa = round(row.alpha or 0, 12), round(row.kappa or 0, 12)
        seen.append((row.pairs, row.identical, alpha, kappa))
    assert seen[0] == seen[1] and seen[0][0] == 6


def test_the_methodology_page_gives_the_auditors_share_of_identical_pairs(
    client, site, users
) -> None:
    """The table's one « Identiques » column was the automatic proposals' against the final
    level: the raw agreement between the two blind auditors was nowhere."""
    cells = list(site.after.cells.filter(commune_id__in=["35238", "29019"]).order_by("pk")[:4])
    for cell, (a, b) in zip(cells, [(0, 1), (2, 2), (3, 5), (4, 4)], strict=True):
        _answer(cell, users["auditeur"], a, minutes=0)
        _answer(cell, users["coordinateur"], b, minutes=1)
    body = client.get(f"/campagne/{site.after.name}/methodologie/").content.decode()
    table = body.split("Accord par service</caption>", 1)[1].split("</table>", 1)[0]
    assert "Deux auditeurs, à l'aveugle" in table
    row = table.split("Ensemble des services</th>", 1)[1].split("</tr>", 1)[0]
    assert row.startswith("<td>4</td><td>50\u00a0%</td>")
