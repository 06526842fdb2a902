"""A blind coder changes their own answer until the cell is settled, each change kept (who,
when, before and after); once settled, the answer stays and the page says why."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Cell, CodingAssignment, CodingChange
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import codings_disputed
from barometre.web.views.arbitration import arbitration_reasons


def _pair(site, users) -> tuple[CodingAssignment, CodingAssignment]:  # type: ignore[no-untyped-def]
    """The automatic cell coded blind by the auditor and the administrator."""
    coders = [users["auditeur"], users["administrateur"]]
    codings_assign(cells=[site.auto_cell], auditors=coders, size=1, seed=1, now=timezone.now())
    mine = CodingAssignment.objects.get(cell=site.auto_cell, auditor=users["auditeur"])
    other = CodingAssignment.objects.get(cell=site.auto_cell, auditor=users["administrateur"])
    return mine, other


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _url(coding: CodingAssignment) -> str:
    return reverse("web:review-coding", kwargs={"pk": coding.pk})


def _change(client: Client, coding: CodingAssignment, level: str, seen: int = 0, **more: str):  # type: ignore[no-untyped-def]
    return client.post(
        _url(coding), {"action": "change", "seen": str(seen), "level": level, **more}
    )


def test_a_mis_click_is_changed_with_its_trace_and_the_cell_settles_on_the_new_answer(
    site, users
) -> None:
    """A blind answer was final: « Vous avez déjà répondu pour cette cellule »."""
    mine, other = _pair(site, users)
    coder = _client(users["auditeur"])
    assert coder.post(_url(mine), {"level": "na"}).status_code == 302  # meant 0
    page = html.unescape(coder.get(_url(mine)).content.decode())
    assert "Modifier ma réponse" in page and 'name="seen" value="0"' in page
    assert _change(coder, mine, "0", justification="Aucun formulaire.").status_code == 302
    mine.refresh_from_db()
    assert (mine.level, mine.not_applicable, mine.note) == (0, False, "Aucun formulaire.")
    change = CodingChange.objects.get(coding=mine)
    assert change.changed_by == users["auditeur"] and change.changed_at >= mine.coded_at
    assert (change.old_level, change.old_not_applicable) == (None, True)
    assert (change.new_level, change.new_not_applicable) == (0, False)
    assert not change.after_other_answers
    page = html.unescape(coder.get(_url(mine)).content.decode())
    assert "Modifications de votre réponse" in page and "sans objet → niveau 0" in page
    # the other coder answers 0 too: the cell settles on the changed answer
    assert _client(users["administrateur"]).post(_url(other), {"level": "0"}).status_code == 302
    cell = Cell.objects.get(pk=site.auto_cell.pk)
    assert (cell.level, cell.source) == (0, "human") and not codings_disputed().exists()


def test_once_settled_the_answer_stays_and_the_page_says_why(site, users) -> None:
    mine, other = _pair(site, users)
    coder = _client(users["auditeur"])
    assert coder.post(_url(mine), {"level": "0"}).status_code == 302
    assert _client(users["administrateur"]).post(_url(other), {"level": "0"}).status_code == 302
    page = html.unescape(coder.get(_url(mine)).content.decode())
    assert "Modifier ma réponse" not in page
    assert (
        "Les réponses à l'aveugle concordaient et sont devenues la valeur de la cellule\u00a0: "
        "votre réponse ne peut plus être modifiée." in page
    )
    refused = _change(coder, mine, "na")  # a form opened before the settlement
    assert refused.status_code == 400
    assert "ne peut plus être modifiée. Rien n'a été enregistré." in html.unescape(
        refused.content.decode()
    )
    mine.refresh_from_db()
    assert mine.level == 0 and not CodingChange.objects.exists()


def test_after_arbitration_the_answer_stays(site, users) -> None:
    mine, other = _pair(site, users)
    coder = _client(users["auditeur"])
    assert coder.post(_url(mine), {"level": "0"}).status_code == 302
    assert _client(users["administrateur"]).post(_url(other), {"level": "na"}).status_code == 302
    cell = Cell.objects.get(pk=site.auto_cell.pk)
    arbiter = _client(users["coordinateur"])
    decided = arbiter.post(
        reverse("web:review-cell", kwargs={"pk": cell.pk}),
        {"action": "override", "seen": cell.assessment_id, "level": "0", "justification": "vu"},
    )
    assert decided.status_code == 302
    refused = _change(coder, mine, "1", evidence_url="http://127.0.0.1:9/etat-civil")
    assert refused.status_code == 400
    body = html.unescape(refused.content.decode())
    assert "La cellule a été arbitrée ou décidée après les réponses à l'aveugle" in body
    assert not CodingChange.objects.exists()


def test_agreeing_by_a_change_after_the_other_answer_waits_for_a_coordinator(site, users) -> None:
    """Told that the answers differ (a coordinator sees them), a coder could fall in line and
    settle the cell without an arbiter: the change is kept, the cell waits, and the reason
    and the trace are on the list and on the cell."""
    mine, other = _pair(site, users)
    coder = _client(users["auditeur"])
    assert coder.post(_url(mine), {"level": "na"}).status_code == 302
    assert _client(users["administrateur"]).post(_url(other), {"level": "0"}).status_code == 302
    assert list(codings_disputed()) == [site.auto_cell]
    assert _change(coder, mine, "0").status_code == 302
    assert CodingChange.objects.get().after_other_answers
    assert list(codings_disputed()) == [site.auto_cell]  # not settled by the change
    reason = arbitration_reasons([Cell.objects.get(pk=site.auto_cell.pk)])[site.auto_cell.pk]
    assert reason.startswith("accord (niveau 0) obtenu par une réponse modifiée")
    cell = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    page = html.unescape(_client(users["coordinateur"]).get(cell).content.decode())
    assert "réponse modifiée le" in page and "avant\u00a0: sans objet" in page


def test_a_stale_or_unchanged_form_changes_nothing(site, users) -> None:
    mine, _other = _pair(site, users)
    coder = _client(users["auditeur"])
    assert coder.post(_url(mine), {"level": "0"}).status_code == 302
    same = _change(coder, mine, "0")
    assert same.status_code == 400
    assert "celle déjà enregistrée" in html.unescape(same.content.decode())
    assert _change(coder, mine, "na").status_code == 302
    stale = _change(coder, mine, "1", seen=0, evidence_url="http://127.0.0.1:9/x")
    assert stale.status_code == 400
    assert "depuis l'ouverture de ce formulaire" in html.unescape(stale.content.decode())
    assert CodingChange.objects.count() == 1


def test_the_database_refuses_a_second_coding_of_a_cell_by_one_coder(site, users) -> None:
    """One answer per coder and cell is the database's rule (`coding_unique_auditor`, since
    migration 0003, on SQLite and PostgreSQL): a change updates that answer, never adds one."""
    from django.db import IntegrityError, transaction

    mine, _other = _pair(site, users)
    with transaction.atomic(), pytest.raises(IntegrityError):
        CodingAssignment.objects.create(cell=site.auto_cell, auditor=users["auditeur"])
    coder = _client(users["auditeur"])
    assert coder.post(_url(mine), {"level": "0"}).status_code == 302
    assert _change(coder, mine, "na").status_code == 302
    assert CodingAssignment.objects.filter(cell=site.auto_cell).count() == 2


def test_the_list_says_which_answers_may_still_change(site, users) -> None:
    """Every answered cell said « répondu »: the coder who clicked wrong did not know which
    answers they could still fix."""
    mine, other = _pair(site, users)
    coder = _client(users["auditeur"])
    listed = reverse("web:review-codings")
    assert coder.post(_url(mine), {"level": "0"}).status_code == 302
    assert "<td>répondu, modifiable</td>" in coder.get(listed).content.decode()
    assert _client(users["administrateur"]).post(_url(other), {"level": "0"}).status_code == 302
    page = coder.get(listed).content.decode()
    assert "<td>répondu, réglée</td>" in page and "modifiable</td>" not in page


def test_the_agreement_figures_and_the_open_data_read_the_first_answer_given_blind(
    site, users
) -> None:
    """Once they have answered, a coder may see the proposal and be told the answers differ: a
    changed answer is no longer blind. The figures read each coder's first answer (reliability
    is measured on independent codings); the answer as it stands decides the cell."""
    from barometre.assessments.blind_check import campaign_blind_check, campaign_blind_codings
    from barometre.assessments.coders import campaign_blind_pairs, campaign_coders_agreement
    from barometre.outputs.opendata.tables import coding_rows

    mine, other = _pair(site, users)
    coder = _client(users["auditeur"])
    assert coder.post(_url(mine), {"level": "na"}).status_code == 302
    page = html.unescape(coder.get(_url(mine)).content.decode())
    assert "retiennent votre première réponse, donnée à l'aveugle" in page  # the coder is told
    assert _client(users["administrateur"]).post(_url(other), {"level": "0"}).status_code == 302
    assert _change(coder, mine, "0").status_code == 302
    campaign = site.auto_cell.campaign
    assert list(campaign_blind_pairs(campaign).values()) == [
        (site.auto_cell.service.slug, [None, 0])
    ]
    agreement = campaign_coders_agreement(campaign)
    assert (agreement.agreement.pairs, agreement.moot, agreement.moot_both) == (0, 1, 0)
    first = [c for c in campaign_blind_codings(campaign) if c.coder == "A"]
    assert [(c.level, c.not_applicable) for c in first] == [(None, True)]
    assert [row[4:6] for row in coding_rows(campaign) if row[3] == "A"] == [(None, True)]
    assert campaign_blind_check(campaign).not_applicable == 1
    mine.refresh_from_db()
    assert (mine.level, mine.not_applicable) == (0, False)  # the answer that counts
