"""The auditors' workspace: roles, the queue, accept/override, optimistic concurrency, CSRF,
throttling."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Cell, CodingAssignment
from barometre.assessments.services.draw import codings_assign
from tests.factories import CampaignFactory
from tests.web.conftest import PASSWORD


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
    client.force_login(users[role])
    assert client.get(reverse("web:review-queue")).status_code == 200
    expected = 403 if role == "auditeur" else 200
    assert client.get(reverse("web:review-arbitration")).status_code == expected
    assert client.get("/admin/").status_code == (200 if role == "administrateur" else 302)


def test_queue_lists_lowest_confidence_first(client, site, users) -> None:
    client.force_login(users["auditeur"])
    body = client.get(reverse("web:review-queue")).content.decode()
    assert body.index("0,41") < body.index("0,80")


def test_queue_filters_services_found_or_not_found(client, site, users) -> None:
    client.force_login(users["auditeur"])
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
    client.force_login(users["auditeur"])
    url = reverse("web:review-queue")
    progress = client.get(url).context["progress"]
    # "avant" holds imported levels only: nothing of it is to review
    assert progress == [
        {"name": "apres", "automatic": 2, "reviewed": 0, "percent": 0, "share": "0\u00a0%"}
    ]
    cell = site.auto_cell
    review = reverse("web:review-cell", kwargs={"pk": cell.pk})
    assert client.post(review, {"action": "accept", "seen": cell.assessment_id}).status_code == 302
    response = client.get(url)
    assert response.context["progress"] == [
        {"name": "apres", "automatic": 1, "reviewed": 1, "percent": 50, "share": "50\u00a0%"}
    ]
    body = response.content.decode()
    assert "Avancement de la revue" in body and "50\u00a0%" in body
    assert '<a href="?campagne=apres">apres</a>' in body


@pytest.mark.parametrize(("reviewed", "shown"), [(1, "0,3\u00a0%"), (299, "99,7\u00a0%")])
def test_a_started_or_nearly_done_review_reads_as_neither_none_nor_done(
    client, site, users, monkeypatch, reviewed: int, shown: str
) -> None:
    """1 cell reviewed of 300 read « 0 % », as if none were; 299 read « 99 % » while the bar
    stays short of full (its value is floored)."""
    from barometre.assessments.selectors import Origins
    from barometre.web.views import review_queue

    apres = site.auto_cell.campaign
    counts = {apres.pk: Origins(automatic=300 - reviewed, reviewed=reviewed)}
    monkeypatch.setattr(review_queue, "cached_for_codings", lambda key, compute: counts)
    client.force_login(users["auditeur"])
    response = client.get(reverse("web:review-queue"))
    (row,) = response.context["progress"]
    assert (row["percent"], row["share"]) == (reviewed * 100 // 300, shown)
    assert f"</progress> {shown}</td>" in response.content.decode()


def test_override_changes_the_public_page_and_keeps_history(client, site, users) -> None:
    client.force_login(users["auditeur"])
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
    # the public page names the auditor by a pseudonym, never by a user name (outputs.authors)
    assert "revu par un auditeur" in public and "(auditeur 1)" in public
    assert "auditeur-test" not in public
    # the auditors' workspace still names who decided
    assert "auditeur-test" in client.get(url).content.decode()
    history = re.findall(r"<li>(\d{1,2} \w+ \d{4} à \d\d:\d\d) — ", public)
    assert len(history) == 2 and all(day.split()[1].islower() for day in history)  # « 5 déc »


def test_forged_decisions_are_refused_and_write_nothing(client, site, users) -> None:
    from barometre.assessments.models import Assessment

    client.force_login(users["auditeur"])
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    decision = {"level": "2", "justification": "Un formulaire à imprimer.", "evidence_url": ""}
    before = Assessment.objects.count()
    cases = [
        ({"action": "delete", "seen": cell.assessment_id}, 400, "Action inconnue"),
        ({"seen": cell.assessment_id}, 400, "Action inconnue"),
        ({"action": "override", "seen": "abc"}, 409, "périmé ou incomplet"),  # was a 500
        ({"action": "accept", "seen": "\x00"}, 409, "périmé ou incomplet"),
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


@pytest.mark.parametrize("seen", [None, "", "abc", "999999"])
def test_a_form_without_its_version_says_so_and_keeps_the_typed_text(
    client, site, users, seen
) -> None:
    """A form sent without `seen`, or with one naming no value of the cell, was said to have
    been « modifiée par « barometre » » meanwhile: untrue. It is said out of date, and the
    justification typed is kept, with the cell's current version to send it again."""
    client.force_login(users["auditeur"])
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    typed = {"action": "override", "level": "2", "justification": "Un formulaire à imprimer."}
    if seen is not None:
        typed["seen"] = seen
    response = client.post(url, typed)
    body = html.unescape(response.content.decode())
    assert response.status_code == 409
    assert "modifiée par" not in body and "périmé ou incomplet" in body
    assert "rien n'a été enregistré" in body and "Un formulaire à imprimer." in body
    assert f'name="seen" value="{cell.assessment_id}"' in body
    typed["seen"] = str(cell.assessment_id)
    assert client.post(url, typed).status_code == 302  # sent again as it is


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


def test_a_bad_sample_request_is_said_not_silently_redrawn(client, site, users) -> None:
    client.force_login(users["coordinateur"])
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


def test_only_an_automatic_proposal_can_be_accepted(client, site, users) -> None:
    from barometre.assessments.models import Assessment

    client.force_login(users["coordinateur"])
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
    client.force_login(users["auditeur"])
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
    client.force_login(users["auditeur"])
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
    client.force_login(users["auditeur"])
    listed = client.get(reverse("web:review-codings")).content.decode()
    assert 'Nantes <span class="fr-text--xs">44109</span><span class="fr-sr-only">, ' in listed
    coding = client.get(reverse("web:review-coding", kwargs={"pk": mine.pk})).content.decode()
    assert 'Nantes <span class="fr-text--lg">(44109)</span>' in coding


def test_review_counts_agree_in_french_and_the_campaign_chosen_stays(client, site, users):
    client.force_login(users["coordinateur"])
    empty = client.get(reverse("web:review-queue"), {"campagne": "avant"}).content.decode()
    assert "0 cellule à revoir" in empty
    url = reverse("web:review-arbitration")
    body = client.get(url).content.decode()
    assert "confondues : 0 cellule en double codage ; 0 à arbitrer" in " ".join(body.split())
    response = client.post(url, {"campagne": "avant", "size": "-1", "seed": "1"})
    assert response.status_code == 400
    assert "<option selected>avant</option>" in response.content.decode()
    response = client.post(url, {"campagne": "apres", "size": "1", "seed": "1"}, follow=True)
    said = response.content.decode()
    assert "1 cellule attribuée à deux auditeurs sur 1 cellule demandée." in said


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
    client.force_login(coder)
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
    client.force_login(users["administrateur"])  # nothing held back: nothing to explain
    other = html.unescape(client.get(reverse("web:review-queue")).content.decode())
    assert "2 cellules à revoir." in other and "n'y figure" not in other


def test_the_reviewer_is_told_the_justification_is_published(client, site, users) -> None:
    """The justification shows beside the level on the commune's public page: the form says
    so, lest an auditor name a clerk who answered the phone."""
    client.force_login(users["auditeur"])
    url = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    page = client.get(url).content.decode()
    assert "Publiée à côté du niveau sur la page de la commune\u00a0: n'y nommez personne" in page
