"""Blind double coding in the auditors' workspace: draws, hidden proposals, concordant answers,
arbitration, agreement."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Cell, CodingAssignment, Source
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import Decision, codings_disagree
from barometre.scoring.agreement import agreement, quadratic_kappa
from tests.web.conftest import PASSWORD, absent_cell


def test_blind_double_coding_hides_the_proposal_and_the_other_answer(client, site, users) -> None:
    auditors = [users["auditeur"], users["coordinateur"]]
    cells = list(Cell.objects.filter(pk=site.auto_cell.pk))
    created = codings_assign(cells=cells, auditors=auditors, size=1, seed=1, now=timezone.now())
    assert {c.auditor for c in created} == set(auditors)
    mine = next(c for c in created if c.auditor == users["auditeur"])
    other = next(c for c in created if c.auditor != users["auditeur"])
    client.force_login(users["auditeur"])
    page = client.get(reverse("web:review-coding", kwargs={"pk": mine.pk})).content.decode()
    assert "0,41" not in page and "Proposition" not in page
    assert client.get(reverse("web:review-coding", kwargs={"pk": other.pk})).status_code == 404
    client.post(reverse("web:review-coding", kwargs={"pk": mine.pk}), {"level": "2"})
    other_client = Client()
    other_client.force_login(users["coordinateur"])
    other_client.post(reverse("web:review-coding", kwargs={"pk": other.pk}), {"level": "4"})
    assert CodingAssignment.objects.filter(coded_at__isnull=False).count() == 2
    body = other_client.get(reverse("web:review-arbitration")).content.decode()
    assert "1 à arbitrer" in body and "désaccord : niveau" in body
    from barometre.assessments.services.review import codings_disputed

    assert list(codings_disputed()) == [site.auto_cell] and codings_disagree(site.auto_cell)
    method = client.get(reverse("web:methodology", kwargs={"name": "apres"})).content.decode()
    assert "Accord par service" in method


def test_a_blind_coder_reaches_neither_the_proposal_nor_their_own_arbitration(
    client, site, users
) -> None:
    coder, coordinator = users["auditeur"], users["coordinateur"]
    cell_url = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    created = codings_assign(
        cells=[site.auto_cell], auditors=[coder, coordinator], size=1, seed=1, now=timezone.now()
    )
    mine = next(c for c in created if c.auditor == coder)
    client.force_login(coder)
    queue = client.get(reverse("web:review-queue")).content.decode()
    assert cell_url not in queue  # the queue shows the proposed level
    sent = client.get(cell_url)
    assert sent["Location"] == reverse("web:review-coding", kwargs={"pk": mine.pk})
    client.post(reverse("web:review-coding", kwargs={"pk": mine.pk}), {"level": "2"})
    assert client.get(cell_url).status_code == 200  # answered: the cell may be seen
    other = Client()
    other.force_login(coordinator)
    theirs = next(c for c in created if c.auditor == coordinator)
    other.post(reverse("web:review-coding", kwargs={"pk": theirs.pk}), {"level": "4"})
    page = other.get(cell_url).content.decode()
    assert 'id="arbitrage-par-un-autre"' in page and 'id="bouton-corriger"' not in page
    refused = other.post(
        cell_url,
        {
            "action": "override",
            "seen": site.auto_cell.assessment_id,
            "level": "4",
            "justification": "je tranche pour moi",
        },
    )
    assert refused.status_code == 403
    site.auto_cell.refresh_from_db()
    assert site.auto_cell.source == Source.AUTO  # nothing recorded
    admin = Client()
    admin.force_login(users["administrateur"])
    decided = admin.post(
        cell_url,
        {
            "action": "override",
            "seen": site.auto_cell.assessment_id,
            "level": "3",
            "justification": "arbitrage",
        },
    )
    assert decided.status_code == 302


def test_a_draw_reads_the_campaign_in_a_few_queries_and_never_draws_a_cell_twice(
    site, users, django_assert_max_num_queries
) -> None:
    from barometre.assessments.services.review import codings_disputed

    auditors = [users["auditeur"], users["coordinateur"]]
    cells = Cell.objects.filter(campaign=site.after)
    total = cells.count()
    assert total > 10  # drawing cell by cell would take more queries than allowed below
    # whatever the campaign's size (one of them looks again at the drawn cells once locked,
    # one reads who reviewed them: a reviewer is not drawn to code a cell blind)
    with django_assert_max_num_queries(10):
        first = codings_assign(cells=cells, auditors=auditors, size=3, seed=7, now=timezone.now())
    drawn = {a.cell_id for a in first}
    assert len(drawn) == 3 and len(first) == 6
    rest = codings_assign(
        cells=list(cells.order_by("pk")), auditors=auditors, size=total, seed=7, now=timezone.now()
    )
    assert not drawn & {a.cell_id for a in rest}  # the cells drawn before are not drawn again
    assert len({a.cell_id for a in rest}) == total - 3
    CodingAssignment.objects.all().delete()
    again = codings_assign(
        cells=list(cells.order_by("pk")), auditors=auditors, size=3, seed=7, now=timezone.now()
    )
    assert {a.cell_id for a in again} == drawn  # a list in key order draws as the queryset
    assert not codings_disputed().exists()


def test_agreement_figures() -> None:
    assert quadratic_kappa([(1, 1), (2, 2), (3, 3)]) == pytest.approx(1.0)
    found = agreement([(0, 0), (1, 1), (2, 3), (4, 4), (5, 5)])
    assert found.pairs == 5 and found.identical == 4
    assert 0.8 < (found.alpha or 0) < 1.0
    assert 0.8 < (found.kappa or 0) < 1.0
    assert agreement([]).alpha is None


def test_decision_dataclass_is_keyword_friendly() -> None:
    assert Decision(level=2, not_applicable=False, justification="ok").evidence_url == ""


def test_concordant_blind_answers_become_the_reviewed_value(site, users) -> None:
    from barometre.assessments.services.review import coding_answer

    auditors = [users["auditeur"], users["coordinateur"]]
    cell = site.auto_cell
    created = codings_assign(cells=[cell], auditors=auditors, size=1, seed=3, now=timezone.now())
    for assignment in created:
        decision = Decision(level=2, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    cell.refresh_from_db()
    assert (cell.level, cell.source) == (2, "human")
    assert cell.assessment.author == "double codage"  # coders stay anonymous once published
    assert not codings_disagree(cell)


def test_blind_codings_measure_the_proposals_they_did_not_see(client, site, users) -> None:
    from barometre.assessments.blind_check import campaign_blind_check
    from barometre.assessments.services.review import coding_answer

    method = reverse("web:methodology", kwargs={"name": "apres"})
    # visited first: the figures are cached, and must not stay so after the blind answers
    assert "pas encore mesurée sur cette campagne" in client.get(method).content.decode()
    auditors = [users["auditeur"], users["coordinateur"]]
    other = Cell.objects.get(campaign=site.after, commune_id="44109", service__position=1)
    cells = [site.auto_cell, other]  # proposed 3 (confidence 0.41) and 0 (confidence 0.8)
    created = codings_assign(cells=cells, auditors=auditors, size=2, seed=5, now=timezone.now())
    answers = {(site.auto_cell.pk, "auditeur"): 3, (site.auto_cell.pk, "coordinateur"): 2}
    answers |= {(other.pk, "auditeur"): 1, (other.pk, "coordinateur"): 4}
    for assignment in created:  # every answer differs from the other: no assessment recorded
        level = answers[(assignment.cell_id, assignment.auditor.username.split("-")[0])]
        decision = Decision(level=level, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    check = campaign_blind_check(site.after)
    assert (check.exact.count, check.exact.n) == (1, 4)
    assert (check.confident.count, check.confident.n) == (0, 2)
    assert check.mean_confidence == pytest.approx((0.41 * 2 + 0.8 * 2) / 4)
    assert check.exact.low is not None and check.exact.low < 0.25 < (check.exact.high or 0)
    assert (check.found.count, check.found.n) == (1, 2)  # proposed 3: coded 3 and 2
    assert (check.not_found.count, check.not_found.n) == (0, 2)  # proposed 0: coded 1 and 4
    by_service = {row.service: (row.exact.count, row.exact.n) for row in check.by_service}
    assert by_service == {site.auto_cell.service.slug: (1, 2), other.service.slug: (0, 2)}
    in_order = sorted([site.auto_cell.service, other.service], key=lambda s: s.position)
    assert [row.service for row in check.by_service] == [s.slug for s in in_order]
    assert check.as_json()["by_service"][0]["codings"] == 2
    response = client.get(method)
    body = response.content.decode()
    assert response.context["agreement"][0].auditors.pairs == 2  # not the figures cached before
    assert "pas encore mesurée" not in body
    assert "Propositions automatiques face aux codages aveugles" in body
    assert "25\u00a0%" in body and "4 codages" in body
    assert "Service non trouvé (niveau 0 proposé)" in body
    assert 'href="/donnees/apres/codages.csv"' in body
    assert client.get("/donnees/apres/codages.csv").status_code == 200
    assert f'<th scope="row">{other.service.label}</th>' in body  # the table by service


def test_a_proposal_made_after_the_blind_answer_is_not_what_it_measures(site, users) -> None:
    from barometre.assessments.blind_check import campaign_blind_check
    from barometre.assessments.services.record import AutoValue, assessments_record_auto
    from barometre.assessments.services.review import coding_answer

    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(
        cells=[site.auto_cell], auditors=auditors, size=1, seed=2, now=timezone.now()
    )
    for assignment in created:
        decision = Decision(level=3, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    later = timezone.now() + timezone.timedelta(days=1)
    slug = site.auto_cell.service.slug
    value = AutoValue(
        commune="44109", service=slug, level=1, evidence_url="http://127.0.0.1:9/", confidence=0.9
    )
    assessments_record_auto(campaign=site.after, values=[value], now=later)
    check = campaign_blind_check(site.after)
    assert (check.exact.count, check.exact.n) == (2, 2)  # the level 3 proposal they did not see


def test_the_published_report_follows_blind_answers_that_differ(site, users) -> None:
    from barometre.assessments.services.review import coding_answer
    from barometre.outputs.published import published_report

    def codings() -> int:
        check = published_report(campaign=site.after, now=timezone.now()).detection_check
        assert check is not None
        return check.codings

    assert codings() == 0
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(
        cells=[site.auto_cell], auditors=auditors, size=1, seed=4, now=timezone.now()
    )
    for assignment, level in zip(created, (1, 4), strict=True):
        decision = Decision(level=level, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    assert codings() == 2  # no assessment was recorded, the report was scored again


def _code(assignments, levels, url: str = "") -> None:
    from barometre.assessments.services.review import coding_answer

    for assignment, level in zip(assignments, levels, strict=True):
        decision = Decision(level=level, not_applicable=False, justification="", evidence_url=url)
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )


def test_an_arbitrated_cell_leaves_the_list_and_says_it_was_arbitrated(client, site, users):
    from barometre.assessments.services.review import codings_disputed

    cell = site.auto_cell
    auditors = [users["auditeur"], users["administrateur"]]
    created = codings_assign(cells=[cell], auditors=auditors, size=1, seed=4, now=timezone.now())
    _code(created, (1, 4))
    client.force_login(users["coordinateur"])
    url = reverse("web:review-arbitration")
    body = client.get(url).content.decode()
    assert "1 à arbitrer" in body and "désaccord : niveau 1 / niveau 4" in body
    cell.refresh_from_db()
    decision = {"action": "override", "seen": cell.assessment_id, "level": "2"}
    review = reverse("web:review-cell", kwargs={"pk": cell.pk})
    response = client.post(review, {**decision, "justification": "Formulaire à imprimer."})
    assert response.status_code == 302
    assert not codings_disputed().exists()
    assert "0 à arbitrer" in client.get(url).content.decode()
    cell.refresh_from_db()
    assert cell.assessment.note == "Arbitrage du double codage. Formulaire à imprimer."


def test_agreeing_codings_without_evidence_wait_for_arbitration(client, site, users) -> None:
    from barometre.assessments.services.review import codings_disputed

    auditors = [users["auditeur"], users["administrateur"]]
    absent = absent_cell(site)  # proposed 0: nothing shows a level
    created = codings_assign(cells=[absent], auditors=auditors, size=1, seed=4, now=timezone.now())
    _code(created, (2, 2))
    absent.refresh_from_db()
    assert absent.source == "auto" and list(codings_disputed()) == [absent]
    client.force_login(users["coordinateur"])
    body = client.get(reverse("web:review-arbitration")).content.decode()
    assert "accord (niveau 2) non appliqué" in body
    # the coders' own evidence address is kept, and their level rests on it
    other = absent_cell(site, position=2)
    created = codings_assign(cells=[other], auditors=auditors, size=1, seed=4, now=timezone.now())
    _code(created, (2, 2), url="https://ville.test/formulaire.pdf")
    assert {a.evidence_url for a in created if a.refresh_from_db() is None} == {
        "https://ville.test/formulaire.pdf"
    }
    other.refresh_from_db()
    assert (other.level, other.source) == (2, "human")
    assert other.assessment.evidence_url == "https://ville.test/formulaire.pdf"
    assert other.assessment.evidence_record_id is None
    assert list(codings_disputed()) == [absent]


def test_agreeing_codings_do_not_overwrite_a_later_review(site, users) -> None:
    from barometre.assessments.services.review import assessment_override, codings_disputed

    cell = site.auto_cell
    auditors = [users["auditeur"], users["administrateur"]]
    created = codings_assign(cells=[cell], auditors=auditors, size=1, seed=4, now=timezone.now())
    decision = Decision(level=1, not_applicable=False, justification="Une page d'information.")
    assessment_override(
        cell=cell,
        user=users["coordinateur"],
        seen=cell.assessment_id,
        decision=decision,
        now=timezone.now(),
    )
    _code(created, (3, 3))
    cell.refresh_from_db()
    assert (cell.level, cell.assessment.author) == (1, "coordinateur-test")
    assert list(codings_disputed()) == [cell]


def test_a_blind_coder_who_picks_nothing_records_nothing(client, site, users) -> None:
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(
        cells=[site.auto_cell], auditors=auditors, size=1, seed=1, now=timezone.now()
    )
    mine = next(c for c in created if c.auditor == users["auditeur"])
    client.force_login(users["auditeur"])
    url = reverse("web:review-coding", kwargs={"pk": mine.pk})
    body = client.get(url).content.decode()
    assert '<option value="" selected>— choisir —</option>' in body
    response = client.post(url, {"level": "", "justification": ""})
    assert response.status_code == 400 and "Choisissez un niveau." in response.content.decode()
    mine.refresh_from_db()
    assert mine.coded_at is None and mine.level is None


def test_one_pair_gives_neither_alpha_nor_kappa() -> None:
    single = agreement([(2, 3)])
    assert single.pairs == 1 and single.alpha is None and single.kappa is None
    assert quadratic_kappa([(2, 3), (3, 3)]) is not None


def test_the_cells_still_to_code_come_first_in_the_coders_list(client, site, users) -> None:
    coder = users["auditeur"]
    cells = list(Cell.objects.filter(campaign=site.after).order_by("pk")[:3])
    created = codings_assign(
        cells=cells, auditors=[coder, users["coordinateur"]], size=3, seed=3, now=timezone.now()
    )
    mine = sorted((c for c in created if c.auditor == coder), key=lambda c: c.pk)
    client.force_login(coder)
    client.post(reverse("web:review-coding", kwargs={"pk": mine[0].pk}), {"level": "1"})
    listed = list(client.get(reverse("web:review-codings")).context["page"].object_list)
    assert [a.coded_at is None for a in listed] == [True] * (len(mine) - 1) + [False]


def test_the_methodology_says_how_many_pairs_sans_objet_left_out(client, site, users) -> None:
    from barometre.assessments.services.review import coding_answer

    created = codings_assign(
        cells=[site.auto_cell],
        auditors=[users["auditeur"], users["coordinateur"]],
        size=1,
        seed=1,
        now=timezone.now(),
    )
    for assignment, moot in zip(created, (True, False), strict=True):
        decision = Decision(level=None if moot else 2, not_applicable=moot, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    page = client.get(reverse("web:methodology", kwargs={"name": "apres"})).content.decode()
    said = " ".join(html.unescape(page).split())
    assert (
        "1 paire d'auditeurs où au moins un auditeur a répondu « sans objet » ne compte ni dans "
        "l'alpha"  # it said « 1 paire … ne comptent », the plural verb whatever the count
    ) in said
    assert "dans 0, l'un seulement dans 1 (un désaccord)" in said


def test_a_draw_shares_the_answers_evenly_and_varies_the_pairs(site, users) -> None:
    from collections import Counter

    from django.contrib.auth.models import User as Auditor

    auditors = [users["auditeur"], users["coordinateur"], users["administrateur"]]
    auditors.append(Auditor.objects.create_user("quatrieme", password=PASSWORD))
    cells = Cell.objects.filter(campaign=site.after)
    created = codings_assign(cells=cells, auditors=auditors, size=12, seed=2, now=timezone.now())
    loads = Counter(a.auditor.username for a in created)
    assert sorted(loads.values()) == [6, 6, 6, 6]  # a random second coder gave 8 and 4
    pairs = {}
    for a in created:
        pairs.setdefault(a.cell_id, set()).add(a.auditor_id)
    assert all(len(p) == 2 for p in pairs.values())
    assert len({frozenset(p) for p in pairs.values()}) == 6  # every pair of the four


@pytest.mark.parametrize("listed_ids", [5000, 0])  # ids read first, or NOT EXISTS past the cap
def test_a_blind_coders_open_cells_leave_their_queue_either_way(
    client, site, users, monkeypatch, listed_ids
) -> None:
    from barometre.web.views import review_queue

    monkeypatch.setattr(review_queue, "_BLIND_IDS_MAX", listed_ids)
    coder = users["auditeur"]
    codings_assign(
        cells=[site.auto_cell],
        auditors=[coder, users["coordinateur"]],
        size=1,
        seed=1,
        now=timezone.now(),
    )
    client.force_login(coder)
    listed = client.get(reverse("web:review-queue")).context["page"].object_list
    assert site.auto_cell not in list(listed)
    client.force_login(users["administrateur"])  # no assignment: the cell is in their queue
    assert site.auto_cell in list(
        client.get(reverse("web:review-queue")).context["page"].object_list
    )


def test_the_coders_list_is_sorted_by_campaign_commune_and_service(client, site, users) -> None:
    """Drawn at random, the cells were listed in the draw's order: the auditor could not find
    a commune's cells together."""
    coder = users["auditeur"]
    cells = Cell.objects.filter(campaign__in=[site.before, site.after])
    codings_assign(
        cells=cells,
        auditors=[coder, users["coordinateur"]],
        size=cells.count(),
        seed=5,
        now=timezone.now(),
    )
    client.force_login(coder)
    listed = list(client.get(reverse("web:review-codings")).context["page"].object_list)
    keys = [
        (a.cell.campaign.name != "apres", a.cell.commune.code, a.cell.service.position)
        for a in listed
    ]
    assert len(keys) == cells.count() and keys == sorted(keys)


def test_the_answer_s_confirmation_names_its_cell(client, site, users) -> None:
    """« Réponse enregistrée. » said which cell, as the accept message does."""
    cells = list(Cell.objects.filter(pk=site.auto_cell.pk))
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(cells=cells, auditors=auditors, size=1, seed=1, now=timezone.now())
    mine = next(c for c in created if c.auditor == users["auditeur"])
    client.force_login(users["auditeur"])
    went = client.post(
        reverse("web:review-coding", kwargs={"pk": mine.pk}), {"level": "2"}, follow=True
    )
    cell = site.auto_cell
    named = f"Réponse enregistrée pour {cell.commune.name} ({cell.commune_id}), "
    assert named + f"{cell.service.label}." in html.unescape(went.content.decode())


def test_an_answer_leads_to_the_next_cell_to_code_then_to_the_list(client, site, users) -> None:
    """Each answer went back to the list: one more click per cell, and the auditor looked for
    the next cell to code among those answered."""
    coder = users["auditeur"]
    cells = list(Cell.objects.filter(campaign=site.after).order_by("pk")[:2])
    codings_assign(
        cells=cells, auditors=[coder, users["coordinateur"]], size=2, seed=3, now=timezone.now()
    )
    client.force_login(coder)
    listed = list(client.get(reverse("web:review-codings")).context["page"].object_list)
    first, second = (reverse("web:review-coding", kwargs={"pk": a.pk}) for a in listed)
    went = client.post(first, {"level": "0"}, follow=True)
    assert went.redirect_chain == [(second, 302)]
    said = html.unescape(went.content.decode())
    assert "Voici la cellule suivante à coder." in said and "Enregistrer ma réponse" in said
    went = client.post(second, {"level": "0"})
    assert went["Location"] == reverse("web:review-codings")
