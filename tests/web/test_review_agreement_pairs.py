"""The methodology page's agreement between coders: each double-coded cell is one pair, read
from the same two answers (its first two coders, A and B as in codages.csv) by the figures and
by the count of pairs « sans objet »."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from barometre.assessments.models import CodingAssignment, Source
from barometre.assessments.services.record import NewValue, assessments_record_many
from barometre.assessments.services.review import Decision, coding_answer
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


def _value(cell, level: int | None) -> NewValue:  # type: ignore[no-untyped-def]
    return NewValue(
        commune=cell.commune_id,
        service=cell.service.slug,
        level=level,
        not_applicable=level is None,
        evidence_url="" if not level else "http://127.0.0.1:9/etat-civil",
    )


def test_a_proposal_made_after_the_decision_is_not_the_one_compared(site) -> None:
    """The auditor accepted the proposal 3; a crawl run again later proposed 1, which no
    auditor saw: the comparison took it and counted a disagreement the auditor never made."""
    cell, now = site.auto_cell, timezone.now()
    reviewed = {"source": Source.HUMAN, "author": "auditeur"}
    later = {"source": Source.AUTO, "author": "barometre"}
    soon = now + timedelta(minutes=1)
    assessments_record_many(campaign=site.after, values=[_value(cell, 3)], now=soon, **reviewed)
    soon += timedelta(minutes=1)
    assessments_record_many(campaign=site.after, values=[_value(cell, 1)], now=soon, **later)
    row = campaign_agreement(site.after)[0].automatic
    assert (row.pairs, row.identical) == (1, 1)


def test_a_proposal_sans_objet_seen_leaves_the_cell_out(site) -> None:
    """The auditor saw the later proposal « sans objet », not the earlier level 3."""
    cell, now = site.auto_cell, timezone.now()
    moot = {"source": Source.AUTO, "author": "barometre"}
    soon = now + timedelta(minutes=1)
    assessments_record_many(campaign=site.after, values=[_value(cell, None)], now=soon, **moot)
    soon += timedelta(minutes=1)
    reviewed = {"source": Source.HUMAN, "author": "auditeur"}
    assessments_record_many(campaign=site.after, values=[_value(cell, 2)], now=soon, **reviewed)
    assert campaign_agreement(site.after)[0].automatic.pairs == 0


def test_a_dash_says_it_may_come_from_identical_levels(client, site, users) -> None:
    """Two pairs at the same level have no alpha (no variation): the page showed « — » and
    said only « pas assez de paires pour calculer », which two pairs are not."""
    import html

    from django.urls import reverse

    for index, cell in enumerate(site.after.cells.order_by("pk")[:2]):
        _answer(cell, users["auditeur"], 1, minutes=2 * index)
        _answer(cell, users["coordinateur"], 1, minutes=2 * index + 1)
    figures = campaign_agreement(site.after)[0].auditors
    assert (figures.pairs, figures.alpha) == (2, None)
    url = reverse("web:methodology", kwargs={"name": site.after.name})
    page = html.unescape(client.get(url).content.decode())
    assert (
        "«\u00a0—\u00a0»\u00a0: pas assez de paires, ou aucun écart entre les niveaux, pour "
        "calculer." in page
    )


def test_a_cell_settled_by_agreeing_blind_answers_is_no_reviewed_pair(site, users) -> None:
    """Two blind coders who agree settle the cell (author « double codage »): neither saw the
    proposal, so the cell is not one whose auditor « avait sous les yeux » the proposal, as the
    page defines the comparison; it counted there as a reviewer agreeing with the proposal,
    beside its own pair in the blind figures."""
    cell = site.auto_cell
    now = timezone.now()
    for index, role in enumerate(("auditeur", "coordinateur")):
        at = now + timedelta(minutes=index)
        assignment = CodingAssignment.objects.create(
            cell=cell, auditor=users[role], assigned_at=now
        )
        decision = Decision(level=cell.level, not_applicable=False, justification="")
        coding_answer(assignment=assignment, user=users[role], decision=decision, now=at)
    cell.refresh_from_db()
    assert (cell.source, cell.assessment.author) == (Source.HUMAN, "double codage")
    row = campaign_agreement(site.after)[0]
    assert (row.auditors.pairs, row.automatic.pairs) == (1, 0)
