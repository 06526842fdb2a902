"""The auditors' workspace: roles, accept/override, optimistic concurrency, CSRF, throttling,
blind double coding, agreement."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Cell, CodingAssignment, Source
from barometre.assessments.services.review import Decision, codings_assign, codings_disagree
from barometre.scoring.agreement import agreement, quadratic_kappa
from barometre.web.roles import user_create
from tests.factories import CampaignFactory
from tests.web.conftest import PASSWORD


def _login(client: Client, user: User) -> None:
    client.force_login(user)


def test_anonymous_is_sent_to_login_and_plain_users_are_refused(client, site, db) -> None:
    url = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    assert client.get(url)["Location"].startswith("/connexion/")
    nobody = User.objects.create_user("nobody", password=PASSWORD)
    client.force_login(nobody)
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"action": "accept", "seen": site.auto_cell.assessment_id}).status_code
        == 403
    )
    assert client.get(reverse("web:review-queue")).status_code == 403


@pytest.mark.parametrize("role", ["auditeur", "coordinateur", "administrateur"])
def test_every_role_reviews_only_coordinators_arbitrate(client, site, users, role) -> None:
    _login(client, users[role])
    assert client.get(reverse("web:review-queue")).status_code == 200
    expected = 403 if role == "auditeur" else 200
    assert client.get(reverse("web:review-arbitration")).status_code == expected
    assert client.get("/admin/").status_code == (200 if role == "administrateur" else 302)


def test_queue_lists_lowest_confidence_first(client, site, users) -> None:
    _login(client, users["auditeur"])
    body = client.get(reverse("web:review-queue")).content.decode()
    assert body.index("0,41") < body.index("0,80")


def test_queue_filters_services_found_or_not_found(client, site, users) -> None:
    _login(client, users["auditeur"])
    url = reverse("web:review-queue")
    auto = Cell.objects.filter(source="auto")
    found, absent = auto.filter(level__gte=1).count(), auto.filter(level=0).count()
    assert found and absent  # the fixture holds both kinds
    for value, expected in (("trouve", found), ("absent", absent), ("nimporte", found + absent)):
        response = client.get(url, {"proposition": value})
        assert response.context["page"].paginator.count == expected
    body = client.get(url, {"proposition": "absent"}).content.decode()
    assert '<option value="absent" selected>' in body
    low = auto.filter(assessment__confidence__lte=0.5).count()
    assert 0 < low < found + absent
    assert client.get(url, {"confiance": "0,5"}).context["page"].paginator.count == low
    for nonsense in ("nan", "inf", "-1", "7", "abc"):  # dropped, not a filter that hides all
        response = client.get(url, {"confiance": nonsense})
        assert response.context["page"].paginator.count == found + absent
        assert response.context["filters"]["confiance"] == ""
    listed = list(client.get(url).context["page"].object_list)
    ranks = [c.assessment.confidence for c in listed]
    assert ranks == sorted(ranks) and all(c.review_rank == c.assessment.confidence for c in listed)


def test_queue_shows_each_audited_campaigns_review_progress(client, site, users) -> None:
    _login(client, users["auditeur"])
    url = reverse("web:review-queue")
    progress = client.get(url).context["progress"]
    # "avant" holds imported levels only: nothing of it is to review
    assert progress == [{"name": "apres", "automatic": 2, "reviewed": 0, "percent": 0}]
    cell = site.auto_cell
    review = reverse("web:review-cell", kwargs={"pk": cell.pk})
    assert client.post(review, {"action": "accept", "seen": cell.assessment_id}).status_code == 302
    response = client.get(url)
    assert response.context["progress"] == [
        {"name": "apres", "automatic": 1, "reviewed": 1, "percent": 50}
    ]
    body = response.content.decode()
    assert "Avancement de la revue" in body and "50\u00a0%" in body
    assert '<a href="?campagne=apres">apres</a>' in body


def test_override_changes_the_public_page_and_keeps_history(client, site, users) -> None:
    _login(client, users["auditeur"])
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    response = client.post(
        url,
        {
            "action": "override",
            "seen": cell.assessment_id,
            "level": "1",
            "justification": "Seule une information est donnée.",
            "evidence_url": "",
        },
    )
    assert response.status_code == 302
    cell.refresh_from_db()
    assert (cell.level, cell.source) == (1, "human")
    assert cell.assessment.evidence_url == "http://127.0.0.1:9/etat-civil"  # kept from proposal
    public = Client().get(reverse("web:commune", kwargs={"code": "44109"})).content.decode()
    assert "revu par un auditeur" in public and "auditeur-test" in public
    history = re.findall(r"<li>(\d{1,2} \w+ \d{4} à \d\d:\d\d) — ", public)
    assert len(history) == 2 and all(day.split()[1].islower() for day in history)  # « 5 déc »


def test_forged_decisions_are_refused_and_write_nothing(client, site, users) -> None:
    from barometre.assessments.models import Assessment

    _login(client, users["auditeur"])
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    decision = {"level": "2", "justification": "Un formulaire à imprimer.", "evidence_url": ""}
    before = Assessment.objects.count()
    cases = [
        ({"action": "delete", "seen": cell.assessment_id}, 400, "Action inconnue"),
        ({"seen": cell.assessment_id}, 400, "Action inconnue"),
        ({"action": "override", "seen": "abc"}, 409, "modifiée par"),  # was a 500
        ({"action": "accept", "seen": "\x00"}, 409, "modifiée par"),
        (
            {
                "action": "override",
                "seen": cell.assessment_id,
                "evidence_url": "https://moi:secret@a.test/",
            },
            400,
            "identifiant ou un mot de passe",
        ),
    ]
    for fields, status, message in cases:
        response = client.post(url, {**decision, **fields})
        assert response.status_code == status and message in response.content.decode()
    assert Assessment.objects.count() == before


def test_second_save_on_a_changed_cell_is_refused_in_french(client, site, users) -> None:
    cell = site.auto_cell
    seen = cell.assessment_id
    first, second = Client(), Client()
    first.force_login(users["auditeur"])
    second.force_login(users["coordinateur"])
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    assert first.post(url, {"action": "accept", "seen": seen}).status_code == 302
    response = second.post(
        url,
        {"action": "override", "seen": seen, "level": "0", "justification": "non trouvé"},
        follow=True,
    )
    assert "a été modifiée par «\u00a0auditeur-test\u00a0»" in response.content.decode()
    cell.refresh_from_db()
    assert cell.assessment.author == "auditeur-test"


def test_forms_need_a_csrf_token(site, users) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["auditeur"])
    url = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    assert (
        client.post(url, {"action": "accept", "seen": site.auto_cell.assessment_id}).status_code
        == 403
    )


def test_login_is_throttled_after_repeated_failures(client, users, settings) -> None:
    settings.LOGIN_MAX_FAILURES = 3
    url = reverse("web:login")
    for _ in range(3):
        assert (
            client.post(url, {"username": "auditeur-test", "password": "faux"}).status_code == 200
        )
    blocked = client.post(url, {"username": "auditeur-test", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Trop de tentatives" in blocked.content.decode()


def test_login_then_queue(client, users) -> None:
    response = client.post(
        reverse("web:login"), {"username": "auditeur-test", "password": PASSWORD}
    )
    assert response["Location"] == reverse("web:review-queue")


def test_blind_double_coding_hides_the_proposal_and_the_other_answer(client, site, users) -> None:
    auditors = [users["auditeur"], users["coordinateur"]]
    cells = list(Cell.objects.filter(pk=site.auto_cell.pk))
    created = codings_assign(cells=cells, auditors=auditors, size=1, seed=1, now=timezone.now())
    assert {c.auditor for c in created} == set(auditors)
    mine = next(c for c in created if c.auditor == users["auditeur"])
    other = next(c for c in created if c.auditor != users["auditeur"])
    _login(client, users["auditeur"])
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
    _login(client, coder)
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
    # whatever the campaign's size (one of them looks again at the drawn cells once locked)
    with django_assert_max_num_queries(9):
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


def test_users_command_creates_roles(db, tmp_path) -> None:
    from django.core.management import call_command

    secret = tmp_path / "pw"
    secret.write_text("un-mot-de-passe-long\n")
    call_command("users", "create", "alice", "--role", "auditor", "--password-file", str(secret))
    alice = User.objects.get(username="alice")
    assert alice.has_perm("assessments.review_cell")
    assert not alice.has_perm("assessments.coordinate_review")
    assert alice.check_password("un-mot-de-passe-long")
    with pytest.raises(Exception, match="Rôle inconnu"):
        user_create(username="bob", role="chef", password="x" * 12)


def test_password_files_and_account_fields_are_checked_in_french(db, tmp_path) -> None:
    from django.core.management import call_command

    from barometre.core.errors import BarometreError

    def create(name: str, content: bytes, *extra: str) -> None:
        secret = tmp_path / "pw"
        secret.write_bytes(content)
        call_command(
            "users", "create", name, "--role", "auditeur", "--password-file", str(secret), *extra
        )

    # a byte-order mark and a CRLF line end are no part of the password
    create("carla", "\ufeffmot-de-passe-été\r\nignoré\n".encode())
    assert User.objects.get(username="carla").check_password("mot-de-passe-été")
    refused = {
        "latin1": ("dora", "mot-de-passe-\xe9t\xe9\n".encode("latin-1"), "UTF-8 attendu"),
        "separator": ("eva", "mot-de-passe\u2028long\n".encode(), "caractère de contrôle"),
        "huge": ("fanny", b"x" * 5000, "plus de 4 Ko"),
        "empty first line": ("gina", b"\nmot-de-passe-long\n", "première ligne est vide"),
        "user name": ("a b/<x>", b"mot-de-passe-long\n", "Nom d'utilisateur"),
    }
    for name, content, message in refused.values():
        with pytest.raises(BarometreError, match=message):
            create(name, content)
    with pytest.raises(BarometreError, match="Adresse électronique invalide"):
        create("hana", b"mot-de-passe-long\n", "--email", "pas-une-adresse")
    with pytest.raises(BarometreError, match="Mot de passe illisible dans"):
        call_command(
            "users", "create", "ines", "--role", "auditeur", "--password-file", str(tmp_path)
        )
    assert set(User.objects.values_list("username", flat=True)) == {"carla"}


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


def test_a_proposal_of_level_0_reads_0_and_not_not_applicable(client, site, users) -> None:
    _login(client, users["auditeur"])
    absent = Cell.objects.filter(campaign=site.after, commune_id="44109", level=0).first()
    assert absent is not None
    body = client.get(reverse("web:review-cell", kwargs={"pk": absent.pk})).content.decode()
    assert "Proposition automatique : niveau 0," in " ".join(body.split())
    assert "niveau sans objet" not in body


def test_the_cell_page_quotes_the_words_each_signal_was_read_in_escaped(
    client, site, users
) -> None:
    _login(client, users["auditeur"])
    body = client.get(reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})).content
    text = body.decode()
    assert "Remplissez le &lt;b&gt;formulaire&lt;/b&gt; en ligne." in text
    assert "<b>formulaire</b>" not in text


def test_blind_codings_measure_the_proposals_they_did_not_see(client, site, users) -> None:
    from barometre.assessments.selectors import campaign_blind_check
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


def test_the_cell_page_says_what_the_proposal_confidence_has_meant(client, site, users) -> None:
    from barometre.assessments.services.review import coding_answer
    from barometre.outputs.validity import measured_validity

    _login(client, users["auditeur"])
    band = measured_validity().band_of(0.41)  # the auto cell's proposal: level 3, confidence 0.41
    assert band is not None
    url = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    reading = client.get(url).context["reading"]
    assert f"confiance inférieure à {str(band.high).replace('.', ',')} étaient" in reading
    assert f"({band.right.n} cellules)" in reading and "double codage" not in reading
    other = Cell.objects.get(campaign=site.after, commune_id="44109", service__position=1)
    absent = client.get(reverse("web:review-cell", kwargs={"pk": other.pk})).context["reading"]
    assert absent.startswith("Un service non trouvé porte une confiance fixe de 0,50")
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(
        cells=[site.auto_cell, other], auditors=auditors, size=2, seed=5, now=timezone.now()
    )
    for assignment in created:  # the found cell coded 3 twice, the absent one 0 and 1
        coded_0 = assignment.auditor.username.startswith("auditeur")
        level = 3 if assignment.cell_id == site.auto_cell.pk else (0 if coded_0 else 1)
        decision = Decision(level=level, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    body = client.get(url).content.decode()
    assert (
        "le double codage aveugle retrouve le niveau proposé dans 100\u00a0% des cas (2 réponses)"
        in body
    )
    absent = client.get(reverse("web:review-cell", kwargs={"pk": other.pk})).context["reading"]
    assert "confirme le niveau 0 dans 50\u00a0% des cas (2 réponses)" in absent


def test_a_proposal_made_after_the_blind_answer_is_not_what_it_measures(site, users) -> None:
    from barometre.assessments.selectors import campaign_blind_check
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


def test_reviewed_cells_are_exported_as_labelled_archived_pages(site, users, tmp_path) -> None:
    import io
    import json

    from django.core.management import call_command

    from barometre.assessments.services.review import assessment_accept, assessment_override

    cell = site.auto_cell  # proposed 3 on an archived page
    assessment_accept(
        cell=cell, user=users["auditeur"], seen=cell.assessment_id, now=timezone.now()
    )
    other = Cell.objects.get(campaign=site.after, commune_id="44109", service__position=1)
    decision = Decision(
        level=2, not_applicable=False, justification="vu", evidence_url="https://ville.test/autre"
    )
    assessment_override(  # a level without an archived page: left out, counted
        cell=other,
        user=users["auditeur"],
        seen=other.assessment_id,
        decision=decision,
        now=timezone.now(),
    )
    moot = Cell.objects.filter(campaign=site.after).exclude(commune_id="44109").first()
    assessment_override(  # "sans objet": no level to label, counted apart
        cell=moot,
        user=users["auditeur"],
        seen=moot.assessment_id,
        decision=Decision(level=None, not_applicable=True, justification="pas de crèche"),
        now=timezone.now(),
    )
    out = tmp_path / "revus.jsonl"
    said = io.StringIO()
    call_command(
        "evidence", "export-reviewed", "--campaign", "apres", "--out", str(out), stdout=said
    )
    assert "1 page archivée (1 cellule décidée)" in said.getvalue()
    assert "faute de page archivée" in said.getvalue()
    tail = "1 cellule décidée ; faute de niveau (« sans objet ») : 1 cellule décidée."
    assert said.getvalue().rstrip().endswith(tail)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 1
    page = records[0]
    assert page["labels"] == {cell.service.slug: 3} and page["proposals"] == page["labels"]
    assert page["url"] == site.record.url and page["exhaustive"] is False
    assert page["html"] and page["record"] == site.record.pk
    assert not (tmp_path / "revus.jsonl.partiel").exists()
    with pytest.raises(Exception, match="Campagne inconnue"):
        call_command("evidence", "export-reviewed", "--campaign", "nulle", "--out", str(out))


def test_a_value_cached_by_an_earlier_version_is_computed_again(site) -> None:
    import sys
    import types

    from django.core.cache import cache

    from barometre.web import selectors

    module = types.ModuleType("barometre_gone")
    sys.modules["barometre_gone"] = module

    class Old:  # a class of an earlier version, pickled in the shared cache
        pass

    Old.__module__, Old.__qualname__ = "barometre_gone", "Old"
    module.Old = Old  # type: ignore[attr-defined]
    cache.set("web:test:stale:fr", Old())  # `_cached` keys values by language too
    del module.Old  # the upgrade moved it: unpickling now fails
    selectors._MEMO.clear()
    try:
        assert selectors._cached("web:test:stale", lambda: "neuf") == "neuf"
        assert cache.get("web:test:stale:fr") == "neuf"
    finally:
        del sys.modules["barometre_gone"]


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


def test_a_bad_sample_request_is_said_not_silently_redrawn(client, site, users) -> None:
    _login(client, users["coordinateur"])
    url = reverse("web:review-arbitration")
    for size in ("-1", "abc", "1e20"):
        response = client.post(url, {"campagne": "apres", "size": size, "seed": "1"})
        assert response.status_code == 400 and "fr-error-text" in response.content.decode()
    empty = CampaignFactory(name="vide")
    response = client.post(url, {"campagne": empty.name, "size": "5", "seed": "1"})
    assert "Aucune cellule à tirer" in response.content.decode()
    assert not CodingAssignment.objects.exists()
    # PostgreSQL cannot compare text holding NUL: an unknown campaign, not a server error
    response = client.post(url, {"campagne": "apres\x00", "size": "5", "seed": "1"})
    assert response.status_code == 400 and not CodingAssignment.objects.exists()
    assert "Campagne inconnue" in response.content.decode()


def _absent_cell(site, position: int = 1) -> Cell:
    """A cell proposed 0 ("searched, not found"), with the archived page searched from."""
    from barometre.assessments.services.record import AutoValue, assessments_record_auto

    service = site.after.catalogue.services.get(position=position)
    value = AutoValue(
        commune="44109",
        service=service.slug,
        level=0,
        evidence_url=site.record.url,
        confidence=0.5,
        evidence_record_id=site.record.pk,
    )
    assessments_record_auto(campaign=site.after, values=[value], now=timezone.now())
    return Cell.objects.select_related("assessment").get(
        campaign=site.after, commune_id="44109", service=service
    )


def test_raising_a_level_0_needs_its_own_evidence(client, site, users) -> None:
    from barometre.assessments.services.review import coding_answer

    absent = _absent_cell(site)
    assert absent.level == 0 and absent.assessment.evidence_record_id == site.record.pk
    _login(client, users["auditeur"])
    url = reverse("web:review-cell", kwargs={"pk": absent.pk})
    decision = {"action": "override", "level": "3", "justification": "Formulaire en ligne vu."}
    response = client.post(url, {**decision, "seen": absent.assessment_id, "evidence_url": ""})
    assert response.status_code == 400
    assert "appuyer sur une preuve" in response.content.decode()
    absent.refresh_from_db()
    assert (absent.level, absent.source) == (0, "auto")
    # the page searched without result is no evidence of a level, even named again
    response = client.post(
        url, {**decision, "seen": absent.assessment_id, "evidence_url": site.record.url}
    )
    assert response.status_code == 302
    absent.refresh_from_db()
    assert absent.level == 3 and absent.assessment.evidence_record_id is None
    # blind coders agreeing on a level do not borrow the "not found" evidence either
    other = _absent_cell(site, position=2)
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(cells=[other], auditors=auditors, size=1, seed=3, now=timezone.now())
    for assignment in created:
        coding_answer(
            assignment=assignment,
            user=assignment.auditor,
            decision=Decision(level=2, not_applicable=False, justification=""),
            now=timezone.now(),
        )
    other.refresh_from_db()
    assert (other.level, other.source) == (0, "auto")


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
    _login(client, users["coordinateur"])
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
    absent = _absent_cell(site)  # proposed 0: nothing shows a level
    created = codings_assign(cells=[absent], auditors=auditors, size=1, seed=4, now=timezone.now())
    _code(created, (2, 2))
    absent.refresh_from_db()
    assert absent.source == "auto" and list(codings_disputed()) == [absent]
    _login(client, users["coordinateur"])
    body = client.get(reverse("web:review-arbitration")).content.decode()
    assert "accord (niveau 2) non appliqué" in body
    # the coders' own evidence address is kept, and their level rests on it
    other = _absent_cell(site, position=2)
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
    _login(client, users["auditeur"])
    url = reverse("web:review-coding", kwargs={"pk": mine.pk})
    body = client.get(url).content.decode()
    assert '<option value="" selected>— choisir —</option>' in body
    response = client.post(url, {"level": "", "justification": ""})
    assert response.status_code == 400 and "Choisissez un niveau." in response.content.decode()
    mine.refresh_from_db()
    assert mine.coded_at is None and mine.level is None


def test_only_an_automatic_proposal_can_be_accepted(client, site, users) -> None:
    from barometre.assessments.models import Assessment

    _login(client, users["coordinateur"])
    imported = Cell.objects.filter(campaign=site.before).first()
    assert imported is not None and imported.source == "import"
    url = reverse("web:review-cell", kwargs={"pk": imported.pk})
    body = client.get(url).content.decode()
    assert "bouton-accepter" not in body and "déjà été décidée" in body
    before = Assessment.objects.count()
    response = client.post(url, {"action": "accept", "seen": imported.assessment_id})
    assert response.status_code == 400
    assert "Seule une proposition automatique" in response.content.decode()
    assert Assessment.objects.count() == before
    progress = client.get(reverse("web:review-queue")).context["progress"]
    assert [row["name"] for row in progress] == ["apres"]  # the imported campaign: nothing read


def test_the_queue_filters_follow_the_auditor_from_cell_to_cell(client, site, users) -> None:
    from barometre.assessments.services.record import AutoValue, assessments_record_auto

    services = site.after.catalogue.services
    slug, other = services.get(position=8).slug, services.get(position=9).slug
    values = [  # without the filter, the other service's cell would come next
        AutoValue(commune="44109", service=slug, level=0, confidence=0.3),
        AutoValue(commune="29019", service=other, level=0, confidence=0.35),
        AutoValue(commune="35238", service=slug, level=0, confidence=0.4),
    ]
    assessments_record_auto(campaign=site.after, values=values, now=timezone.now())
    _login(client, users["auditeur"])
    query = f"campagne=apres&service={slug}"
    cell = Cell.objects.get(campaign=site.after, commune_id="44109", service__slug=slug)
    url = reverse("web:review-cell", kwargs={"pk": cell.pk}) + "?" + query
    body = client.get(url).content.decode()
    following = Cell.objects.get(campaign=site.after, commune_id="35238", service__slug=slug)
    next_url = reverse("web:review-cell", kwargs={"pk": following.pk})
    assert f'href="{next_url}?campagne=apres&amp;service={slug}"' in body
    response = client.post(url, {"action": "accept", "seen": cell.assessment_id, "then": "next"})
    assert response["Location"] == f"{next_url}?{query}"


def test_a_stale_or_repeated_accept_leaves_the_correction_form_clean(client, site, users) -> None:
    _login(client, users["auditeur"])
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    seen = cell.assessment_id
    assert client.post(url, {"action": "accept", "seen": seen}).status_code == 302
    response = client.post(url, {"action": "accept", "seen": seen})  # sent twice
    body = response.content.decode()
    assert response.status_code == 409
    assert "Vous avez déjà enregistré une décision" in body and "modifiée par" not in body
    assert "Justifiez la correction" not in body
    assert '<option value="3" selected>' in body  # the level of the current value


def test_one_pair_gives_neither_alpha_nor_kappa() -> None:
    single = agreement([(2, 3)])
    assert single.pairs == 1 and single.alpha is None and single.kappa is None
    assert quadratic_kappa([(2, 3), (3, 3)]) is not None


def test_namesakes_are_told_apart_by_their_insee_code(client, site, users) -> None:
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(
        cells=[site.auto_cell], auditors=auditors, size=1, seed=1, now=timezone.now()
    )
    mine = next(c for c in created if c.auditor == users["auditeur"])
    admin = Client()  # not a coder of the cell: a coder is sent to code it blind first
    admin.force_login(users["administrateur"])
    cell = admin.get(reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})).content
    assert 'Nantes <span class="fr-text--lg">(44109)</span>' in cell.decode()
    _login(client, users["auditeur"])
    listed = client.get(reverse("web:review-codings")).content.decode()
    assert 'Nantes</a> <span class="fr-text--xs">44109</span>' in listed
    coding = client.get(reverse("web:review-coding", kwargs={"pk": mine.pk})).content.decode()
    assert 'Nantes <span class="fr-text--lg">(44109)</span>' in coding


def test_review_counts_agree_in_french_and_the_campaign_chosen_stays(client, site, users):
    _login(client, users["coordinateur"])
    empty = client.get(reverse("web:review-queue"), {"campagne": "avant"}).content.decode()
    assert "0 cellule à revoir" in empty
    url = reverse("web:review-arbitration")
    body = client.get(url).content.decode()
    assert "confondues : 0 cellule en double codage ; 0 à arbitrer" in " ".join(body.split())
    response = client.post(url, {"campagne": "avant", "size": "-1", "seed": "1"})
    assert response.status_code == 400
    assert "<option selected>avant</option>" in response.content.decode()
    response = client.post(url, {"campagne": "apres", "size": "1", "seed": "1"}, follow=True)
    assert "1 cellule attribuée à deux auditeurs." in response.content.decode()


def test_the_cells_still_to_code_come_first_in_the_coders_list(client, site, users) -> None:
    coder = users["auditeur"]
    cells = list(Cell.objects.filter(campaign=site.after).order_by("pk")[:3])
    created = codings_assign(
        cells=cells, auditors=[coder, users["coordinateur"]], size=3, seed=3, now=timezone.now()
    )
    mine = sorted((c for c in created if c.auditor == coder), key=lambda c: c.pk)
    _login(client, coder)
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
    _login(client, coder)
    listed = client.get(reverse("web:review-queue")).context["page"].object_list
    assert site.auto_cell not in list(listed)
    _login(client, users["administrateur"])  # no assignment: the cell is in their queue
    assert site.auto_cell in list(
        client.get(reverse("web:review-queue")).context["page"].object_list
    )


def test_the_queue_says_why_it_holds_fewer_cells_than_the_unread_proposals(
    client, site, users
) -> None:
    coder = users["auditeur"]
    codings_assign(
        cells=[site.auto_cell],
        auditors=[coder, users["coordinateur"]],
        size=1,
        seed=1,
        now=timezone.now(),
    )
    _login(client, coder)
    body = client.get(reverse("web:review-queue")).content.decode()
    progress = re.sub(r"\s+", " ", html.unescape(body))
    assert "y compris les cellules tirées pour le double codage aveugle" in progress
    assert "1 cellule à revoir." in progress  # 2 unread proposals, one held back
    assert (
        "1 cellule tirée pour votre double codage aveugle n'y figure pas : vous la coderez "
        "sans voir la proposition" in progress
    )
    filtered = client.get(reverse("web:review-queue"), {"campagne": "avant"}).content.decode()
    assert "0 cellule à revoir avec ces filtres." in html.unescape(filtered)
    assert "double codage aveugle n'y figure" not in html.unescape(filtered)
    _login(client, users["administrateur"])  # nothing held back: nothing to explain
    other = html.unescape(client.get(reverse("web:review-queue")).content.decode())
    assert "2 cellules à revoir." in other and "n'y figure" not in other
