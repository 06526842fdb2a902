"""The notes the review writes itself, in the page's language (web.explanations.review_note).

They are stored in French (the CLI's, the exports' and the open data's language) and were shown
in French on English pages: « Proposition acceptée après revue. », « Double codage
concordant. », « Arbitrage du double codage. » and the audit's « Aucun site internet connu pour
cette commune. », with the author « double codage ». An English page now says them in English,
a French page as stored; an auditor's own words are never translated. The review's messages
(a refused accept, a changed cell, a refused evidence address) are in the page's language too.
"""

from __future__ import annotations

import html

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from barometre.accounts.roles import user_create
from barometre.assessments import notes
from barometre.assessments.models import Assessment, Cell
from barometre.assessments.services import AutoValue, NewValue, assessments_record_auto
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import assessment_accept
from barometre.web.explanations import REVIEW_NOTES, review_author, review_note
from tests.web.conftest import PASSWORD

JUSTIFICATION = "Vu sur « Démarches » : paiement en ligne. Proposition acceptée après revue."


def _client(user, language: str = "fr") -> Client:
    client = Client()
    client.force_login(user)
    if language == "en":
        client.cookies["barometre_langue"] = "en"
    return client


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _cell_url(cell: Cell) -> str:
    return reverse("web:review-cell", kwargs={"pk": cell.pk})


def test_an_accepted_proposal_is_said_in_the_page_language(site, users) -> None:
    cell = site.auto_cell
    auditor = _client(users["auditeur"])
    sent = {"action": "accept", "seen": cell.assessment_id}
    assert auditor.post(_cell_url(cell), sent).status_code == 302
    cell.refresh_from_db()
    assert cell.assessment.note == "Proposition acceptée après revue."  # stored French
    commune = reverse("web:commune", kwargs={"code": "44109"})
    french = _page(Client(), commune)
    assert "Proposition acceptée après revue." in french
    anonymous = Client()
    anonymous.cookies["barometre_langue"] = "en"
    coordinator = _client(users["coordinateur"], "en")
    for client, url in ((anonymous, commune), (coordinator, _cell_url(cell))):
        english = _page(client, url)
        assert "Proposal accepted after review." in english
        assert "Proposition acceptée après revue." not in english


def test_agreeing_blind_answers_are_said_in_the_page_language(site, users) -> None:
    cell = site.auto_cell
    coders = [users["auditeur"], users["administrateur"]]
    for assignment in codings_assign(
        cells=[cell], auditors=coders, size=1, seed=1, now=timezone.now()
    ):
        coding = reverse("web:review-coding", kwargs={"pk": assignment.pk})
        assert _client(assignment.auditor).post(coding, {"level": "3"}).status_code == 302
    cell.refresh_from_db()
    assert (cell.assessment.note, cell.assessment.author) == (
        "Double codage concordant.",
        "double codage",
    )
    commune = reverse("web:commune", kwargs={"code": "44109"})
    french = _page(Client(), commune)
    assert "Double codage concordant." in french and "(double codage)" in french
    english = _page(_client(users["coordinateur"], "en"), commune)
    assert "Double coding in agreement." in english and "(double coding)" in english
    assert "Double codage concordant." not in english and "double codage" not in english


def _arbitrate(site, users, sent: dict[str, str]) -> Cell:
    """The auto cell coded 2 and 4 blind, then decided by a third coordinator (in English)."""
    cell = site.auto_cell
    coders = [users["coordinateur"], users["administrateur"]]
    for assignment in codings_assign(
        cells=[cell], auditors=coders, size=1, seed=1, now=timezone.now()
    ):
        level = "2" if assignment.auditor == coders[0] else "4"
        coding = reverse("web:review-coding", kwargs={"pk": assignment.pk})
        assert _client(assignment.auditor).post(coding, {"level": level}).status_code == 302
    arbitrator = user_create(username="arbitre", role="coordinateur", password=PASSWORD)
    cell.refresh_from_db()
    if sent["action"] == "accept":
        # the page no longer offers an accept in arbitration (and refuses one sent by hand):
        # arbitrations recorded so before, whose stored note is still shown, are made directly
        assessment_accept(cell=cell, user=arbitrator, seen=cell.assessment_id, now=timezone.now())
    else:
        client = _client(arbitrator, "en")
        sent = {"seen": cell.assessment_id, **sent}
        assert client.post(_cell_url(cell), sent).status_code == 302
    cell.refresh_from_db()
    return cell


def test_an_arbitration_keeps_the_arbitrator_words_as_written(site, users) -> None:
    sent = {"action": "override", "level": "3", "justification": JUSTIFICATION}
    cell = _arbitrate(site, users, sent)
    assert cell.assessment.note == f"Arbitrage du double codage. {JUSTIFICATION}"  # stored
    commune = reverse("web:commune", kwargs={"code": "44109"})
    english = _page(_client(users["auditeur"], "en"), commune)
    # the review's opening words in English, the arbitrator's words (which end with the words
    # of a system note) exactly as written
    assert f"Double-coding arbitration. {JUSTIFICATION}" in english
    assert "Arbitrage du double codage" not in english
    french = _page(Client(), commune)
    assert f"Arbitrage du double codage. {JUSTIFICATION}" in french


def test_an_accepted_arbitration_is_said_in_the_page_language(site, users) -> None:
    cell = _arbitrate(site, users, {"action": "accept"})
    stored = "Arbitrage du double codage. Proposition acceptée après revue."
    assert cell.assessment.note == stored
    english = _page(_client(users["auditeur"], "en"), _cell_url(cell))
    assert "Double-coding arbitration. Proposal accepted after review." in english
    assert stored not in _page(_client(users["auditeur"], "en"), _cell_url(cell))
    assert stored in _page(_client(users["auditeur"]), _cell_url(cell))


def test_an_auditor_note_is_never_translated(site, users) -> None:
    cell = site.auto_cell
    note = "Double codage concordant. selon moi"  # close to a system note, yet an auditor's
    sent = {"action": "override", "seen": cell.assessment_id, "level": "1", "justification": note}
    assert _client(users["auditeur"], "en").post(_cell_url(cell), sent).status_code == 302
    commune = reverse("web:commune", kwargs={"code": "44109"})
    english = _page(_client(users["auditeur"], "en"), commune)
    assert note in english and "Double coding in agreement" not in english
    with override("en"):
        assert review_note(note) == note
        assert review_note("Arbitrage du double codage.x") == "Arbitrage du double codage.x"
        assert review_author("auditeur-test") == "auditeur-test"


def test_a_commune_without_a_website_is_said_in_the_page_language(site, users) -> None:
    from barometre.referential.models import Service

    service = Service.objects.filter(catalogue=site.after.catalogue).order_by("position")[7]
    value = AutoValue(
        commune="44109", service=service.slug, level=0, confidence=0.5, note=notes.NO_WEBSITE_NOTE
    )
    assessments_record_auto(campaign=site.after, values=[value], now=timezone.now())
    commune = reverse("web:commune", kwargs={"code": "44109"})
    assert "Aucun site internet connu pour cette commune." in _page(Client(), commune)
    english = _page(_client(users["auditeur"], "en"), commune)
    assert "No known website for this municipality." in english
    assert "Aucun site internet connu" not in english


def test_the_notes_listed_are_the_notes_the_code_writes() -> None:
    written = {notes.ACCEPTED_NOTE, notes.AGREED_NOTE, notes.ARBITRATION_NOTE}
    demo = {notes.DEMO_LEVEL_NOTE, notes.DEMO_NOT_APPLICABLE_NOTE}
    assert set(REVIEW_NOTES) == written | {notes.NO_WEBSITE_NOTE} | demo
    # as the catalogue has it; the demonstration grids' notes with a no-break space before « : »
    assert all(key == marked for key, marked in REVIEW_NOTES.items() if key not in demo)
    assert all(REVIEW_NOTES[note] == note.replace(" :", "\u00a0:") for note in demo)
    with override("fr"):
        assert all(review_note(note) == REVIEW_NOTES[note] for note in REVIEW_NOTES)


def test_the_review_refusals_are_said_in_the_page_language(site, users) -> None:
    coordinator = _client(users["coordinateur"], "en")
    imported = Cell.objects.filter(campaign=site.before).first()
    sent = {"action": "accept", "seen": imported.assessment_id}
    refused = html.unescape(coordinator.post(_cell_url(imported), sent).content.decode())
    assert "Only an automatic proposal can be accepted" in refused
    assert "Seule une proposition" not in refused

    cell = site.auto_cell
    sent = {
        "action": "override",
        "seen": cell.assessment_id,
        "level": "2",
        "justification": "vu",
        "evidence_url": "ftp://example.org/page",
    }
    refused = html.unescape(coordinator.post(_cell_url(cell), sent).content.decode())
    assert "The evidence address must start with http:// or https://" in refused
    assert "doit commencer" not in refused

    seen = cell.assessment_id
    assert _client(users["auditeur"]).post(_cell_url(cell), {"action": "accept", "seen": seen})
    sent = {"action": "override", "seen": seen, "level": "0", "justification": "absent"}
    refused = html.unescape(coordinator.post(_cell_url(cell), sent, follow=True).content.decode())
    assert "This cell was changed by “auditeur-test” while you were viewing it." in refused
    assert Assessment.objects.filter(author="coordinateur-test").count() == 0


def test_a_shipped_platform_is_named_in_the_page_language(site, users) -> None:
    """« Plateforme : portail famille. » was French on an English page; a platform a user's
    file adds keeps its name as written."""
    from barometre.referential.models import Service

    services = Service.objects.filter(catalogue=site.after.catalogue).order_by("position")
    providers = ("portail famille", "Guichet Maison")  # shipped, then added by a user's file
    values = [
        NewValue(
            commune="44109",
            service=service.slug,
            level=2,
            evidence_url="https://www.ville.test/famille",
            provider=provider,
        )
        for service, provider in zip(services[7:9], providers, strict=True)
    ]
    assessments_record_auto(campaign=site.after, values=values, now=timezone.now())
    commune = reverse("web:commune", kwargs={"code": "44109"})
    french = _page(Client(), commune)
    assert "Plateforme : portail famille." in french
    english = _page(_client(users["auditeur"], "en"), commune)
    assert "Platform: family portal." in english and "portail famille" not in english
    assert "Platform: Guichet Maison." in english


def test_the_demonstration_grids_notes_are_said_in_the_page_language(site, users) -> None:
    """Every level of the quickstart's demo-2014 and demo-2026 carries the note of the shipped
    grid (« démonstration : niveau inventé », « … service supposé sans objet »): an English
    commune page repeated it in French under each of its 18 services."""
    import csv
    from importlib import resources

    from barometre.assessments.services import assessments_record_many

    shipped = set()
    for name in ("demo-2014", "demo-2026"):
        grid = resources.files("barometre.demo").joinpath(f"data/{name}.csv")
        with grid.open(encoding="utf-8") as handle:
            shipped |= {row["note"] for row in csv.DictReader(handle)}
    assert shipped == {notes.DEMO_LEVEL_NOTE, notes.DEMO_NOT_APPLICABLE_NOTE}
    slugs = list(site.after.catalogue.services.order_by("position").values_list("slug", flat=True))
    values = [
        NewValue(
            commune="35238",
            service=slugs[6],
            level=2,
            evidence_url="https://rennes.demo.test/2026/service",
            note=notes.DEMO_LEVEL_NOTE,
        ),
        NewValue(
            commune="35238",
            service=slugs[7],
            level=None,
            not_applicable=True,
            note=notes.DEMO_NOT_APPLICABLE_NOTE,
        ),
    ]
    assessments_record_many(
        campaign=site.after, values=values, source="import", author="demo", now=timezone.now()
    )
    commune = reverse("web:commune", kwargs={"code": "35238"})
    french = _page(Client(), commune)
    shown = {REVIEW_NOTES[notes.DEMO_LEVEL_NOTE], REVIEW_NOTES[notes.DEMO_NOT_APPLICABLE_NOTE]}
    assert all(note in french for note in shown)
    assert "démonstration :" not in french  # « : » held to its word, not as the grid stores it
    english = _page(_client(users["auditeur"], "en"), commune)
    assert "demonstration: made-up level" in english
    assert "demonstration: service assumed not applicable" in english
    assert "démonstration :" not in english and "démonstration\u00a0:" not in english
