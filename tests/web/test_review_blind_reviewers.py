"""An auditor who reviewed a cell (saw its proposal) is not drawn to code it blind, and a
blind coder cannot review the cell before answering: the page says both."""

from __future__ import annotations

import html
import random
import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Cell, CodingAssignment
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import Decision, assessment_override

NBSP = "\u00a0"


def _review(cell: Cell, user) -> None:
    cell.refresh_from_db()
    decision = Decision(level=0, not_applicable=False, justification="Vu sur le site.")
    assessment_override(
        cell=cell, user=user, seen=cell.assessment_id, decision=decision, now=timezone.now()
    )


def test_the_draw_says_how_many_cells_it_left_out_as_reviewed(site, users) -> None:
    for role in ("auditeur", "administrateur"):  # two of the three reviewing accounts
        _review(site.auto_cell, users[role])
    coordinator = Client()
    coordinator.force_login(users["coordinateur"])
    url = reverse("web:review-arbitration")
    total = Cell.objects.filter(campaign=site.after).count()
    sent = coordinator.post(url, {"campagne": "apres", "size": total, "seed": 1}, follow=True)
    said = re.sub(r"[ \n]+", " ", html.unescape(sent.content.decode()))
    # a smaller sample than asked is a warning, not a success
    assert 'fr-alert--warning fr-alert--sm fr-mb-3w" role="alert"><p>' in said
    assert "fr-alert--success" not in said
    assert (
        f"{total - 1} cellules attribuées à deux auditeurs sur {total} cellules demandées. "
        f"1 cellule tirée écartée{NBSP}: tous les auditeurs sauf un au plus l'avaient déjà "
        "revue (qui a vu la proposition d'une cellule ne la code pas à l'aveugle). Aucune "
        "autre cellule jamais tirée ne restait dans la campagne pour la remplacer" in said
    ), said
    assert not CodingAssignment.objects.filter(cell=site.auto_cell).exists()


def test_a_blind_coder_posting_a_review_of_the_cell_records_nothing(client, site, users) -> None:
    coder = users["auditeur"]
    created = codings_assign(
        cells=[site.auto_cell],
        auditors=[coder, users["coordinateur"]],
        size=1,
        seed=1,
        now=timezone.now(),
    )
    mine = next(c for c in created if c.auditor == coder)
    client.force_login(coder)
    seen = site.auto_cell.assessment_id
    cell_url = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    for action in ("accept", "override"):
        sent = client.post(cell_url, {"action": action, "seen": seen, "level": "0"})
        assert sent["Location"] == reverse("web:review-coding", kwargs={"pk": mine.pk})
    site.auto_cell.refresh_from_db()
    assert site.auto_cell.assessment_id == seen


def test_the_draw_replaces_a_reviewed_cell_and_says_so(site, users) -> None:
    """A drawn cell left out as reviewed is replaced by another undrawn cell of the campaign:
    the sample is the size asked, and the page says what happened. Before, the sample was one
    cell short and nothing topped it up."""
    for role in ("auditeur", "administrateur"):
        _review(site.auto_cell, users[role])
    pool = list(
        Cell.objects.filter(campaign=site.after).order_by("pk").values_list("pk", flat=True)
    )
    size = len(pool) - 1
    # a seed whose first batch (`random.Random(seed).sample`, as the draw does) holds the cell
    seed = next(s for s in range(100) if site.auto_cell.pk in random.Random(s).sample(pool, size))
    coordinator = Client()
    coordinator.force_login(users["coordinateur"])
    url = reverse("web:review-arbitration")
    sent = coordinator.post(url, {"campagne": "apres", "size": size, "seed": seed}, follow=True)
    said = re.sub(r"[ \n]+", " ", html.unescape(sent.content.decode()))
    assert CodingAssignment.objects.values("cell_id").distinct().count() == size
    assert not CodingAssignment.objects.filter(cell=site.auto_cell).exists()
    assert "fr-alert--success" in said and "fr-alert--warning" not in said
    assert (
        f"Tirage de la campagne «{NBSP}apres{NBSP}» (graine {seed}){NBSP}: {size} cellules "
        f"attribuées à deux auditeurs sur {size} cellules demandées. 1 cellule tirée "
        f"écartée{NBSP}: tous les auditeurs sauf un au plus l'avaient déjà revue (qui a vu la "
        f"proposition d'une cellule ne la code pas à l'aveugle). Pour la remplacer{NBSP}: 1 "
        "autre cellule jamais tirée examinée (dans un ordre tiré au hasard avec la même "
        "graine), dont 1 retenue." in said
    ), said


def test_a_reviewer_is_told_a_cell_awaiting_blind_answers_will_go_to_arbitration(
    site, users
) -> None:
    """A third auditor accepted, from the queue, a cell two others were still coding blind:
    nothing said that a value decided since the draw keeps even two agreeing answers from
    settling the cell, which then waits for a coordinator's arbitration."""
    from barometre.assessments.services.review import codings_disputed

    cell = site.auto_cell
    codings_assign(
        cells=[cell],
        auditors=[users["auditeur"], users["coordinateur"]],
        size=1,
        seed=1,
        now=timezone.now(),
    )
    reviewer = Client()
    reviewer.force_login(users["administrateur"])
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    page = html.unescape(reviewer.get(url).content.decode())
    assert 'id="double-codage-en-cours"' in page
    assert "l'enverra à l'arbitrage" in page
    reviewer.post(url, {"action": "accept", "seen": str(cell.assessment_id)})
    for assignment in CodingAssignment.objects.filter(cell=cell):
        coder = Client()
        coder.force_login(assignment.auditor)
        target = reverse("web:review-coding", kwargs={"pk": assignment.pk})
        coder.post(target, {"level": str(cell.level), "evidence_url": "https://127.0.0.1/a"})
    assert list(codings_disputed()) == [cell]  # as the notice said, although they agree
    page = html.unescape(reviewer.get(url).content.decode())
    assert 'id="double-codage-en-cours"' not in page  # every answer is in
