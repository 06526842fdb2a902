"""What the review pages say when a decision is refused or recorded elsewhere than on the page
shown: refused evidence addresses and levels, accepts that open the next cell, cells changed
meanwhile, blind answers « sans objet » and cells a coordinator may not arbitrate."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from selectolax.lexbor import LexborHTMLParser

from barometre.accounts.roles import user_create
from barometre.assessments.models import Cell
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import Decision
from tests.web.conftest import PASSWORD

NBSP = "\u00a0"


def _login(client: Client, user: User) -> None:
    client.force_login(user)


@pytest.mark.parametrize(
    "url",
    [
        "https://exemple.test:99999/page",  # a port out of range
        "https://exemple.test/mon\u00a0document",  # a no-break space pasted from a document
        "https://:8080/page",  # a port without a host
        "javascript:alert(1)",  # no web address: « http:// ou https:// » under the field
    ],
)
def test_an_evidence_url_the_record_refuses_is_said_under_its_field(
    client, site, users, url
) -> None:
    """The form checks the address as the record does: refused there, the auditor got a
    message in the record's words above the form (« Valeurs refusées … 9Z001/… »)."""
    _login(client, users["auditeur"])
    cell = site.auto_cell
    response = client.post(
        reverse("web:review-cell", kwargs={"pk": cell.pk}),
        {
            "action": "override",
            "seen": cell.assessment_id,
            "level": "2",
            "justification": "x",
            "evidence_url": url,
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Valeurs refusées" not in body
    assert 'id="id_evidence_url-error"' in body


def test_an_accept_says_which_cell_it_accepted(client, site, users) -> None:
    """An accept opens the queue's next cell: « Proposition acceptée. » above it read as if
    that cell, still automatic, had been accepted."""
    _login(client, users["auditeur"])
    cell = site.auto_cell
    response = client.post(
        reverse("web:review-cell", kwargs={"pk": cell.pk}),
        {"action": "accept", "seen": cell.assessment_id, "then": "next"},
        follow=True,
    )
    said = f"Proposition acceptée pour {cell.commune.name} ({cell.commune_id}), "
    assert said + cell.service.label + "." in html.unescape(response.content.decode())


def test_a_blind_answer_not_applicable_is_counted_beside_the_detection_figures(
    client, site, users
) -> None:
    """An auditor who codes « sans objet » where detection proposed a level disagrees with it;
    left out of the figures, which compare levels, the answer vanished from the page."""
    from barometre.assessments.blind_check import campaign_blind_check
    from barometre.assessments.services.review import coding_answer

    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(
        cells=[site.auto_cell], auditors=auditors, size=1, seed=5, now=timezone.now()
    )
    for assignment, level in zip(created, [3, None], strict=True):
        decision = Decision(level=level, not_applicable=level is None, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    check = campaign_blind_check(site.after)
    assert (check.exact.count, check.exact.n, check.not_applicable) == (1, 1, 1)
    body = client.get(reverse("web:methodology", kwargs={"name": "apres"})).content.decode()
    said = " ".join(html.unescape(body).split())
    assert "1 réponse « sans objet » à une proposition automatique n'est pas comptée" in said


def test_a_level_above_the_service_maximum_is_refused_saying_the_maximum(
    client, site, users
) -> None:
    _login(client, users["auditeur"])
    cell = site.auto_cell
    top = cell.service.max_level
    response = client.post(
        reverse("web:review-cell", kwargs={"pk": cell.pk}),
        {
            "action": "override",
            "seen": cell.assessment_id,
            "level": str(top + 1),
            "justification": "Relevé sur le site",
        },
    )
    assert response.status_code == 400
    said = " ".join(html.unescape(response.content.decode()).split())
    assert f"Ce service va du niveau 0 au niveau {top}, ou « sans objet » :" in said
    assert "Relevé sur le site" in said  # the justification is not lost


def test_each_blind_coding_page_has_a_title_of_its_own(client, site, users) -> None:
    """Two cells of one commune to code blind had the same title (the commune only)."""
    auditors = [users["auditeur"], users["coordinateur"]]
    cells = list(Cell.objects.filter(campaign=site.after, commune_id="44109")[:2])
    assert len(cells) == 2
    created = codings_assign(cells=cells, auditors=auditors, size=2, seed=5, now=timezone.now())
    _login(client, users["auditeur"])
    titles = set()
    for assignment in created:
        if assignment.auditor == users["auditeur"]:
            body = client.get(reverse("web:review-coding", kwargs={"pk": assignment.pk}))
            title = re.search(r"<title>(.*?)</title>", body.content.decode(), re.S)
            assert title is not None
            assert assignment.cell.service.label in html.unescape(title.group(1))
            titles.add(title.group(1))
    assert len(titles) == 2


def test_the_arbitration_list_says_which_cells_the_coordinator_coded(client, site, users) -> None:
    """A coordinator who coded a disputed cell may not decide it: the list showed it like any
    other, and with one coordinator (the quickstart's) it waited for no one to say why."""
    from barometre.assessments.services.review import coding_answer

    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(
        cells=[site.auto_cell], auditors=auditors, size=1, seed=5, now=timezone.now()
    )
    for assignment, level in zip(created, [1, 2], strict=True):
        decision = Decision(level=level, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    said = "vous l'avez codée à l'aveugle\u00a0: la décision revient à un autre coordinateur"
    _login(client, users["coordinateur"])
    body = html.unescape(client.get(reverse("web:review-arbitration")).content.decode())
    assert "1 à arbitrer" in " ".join(body.split()) and said in body
    other = User.objects.create_user("coordinateur-bis", password=PASSWORD)
    other.groups.add(*users["coordinateur"].groups.all())
    _login(client, other)
    body = html.unescape(client.get(reverse("web:review-arbitration")).content.decode())
    assert said not in body


def test_a_refused_save_on_a_changed_cell_says_the_new_value_is_shown(client, site, users) -> None:
    """The refusal said « rechargez la cellule » over a page that already showed the new value
    and kept the correction typed: a reload re-sends the form, or loses it."""
    cell = site.auto_cell
    seen = cell.assessment_id
    first = Client()
    first.force_login(users["auditeur"])
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    assert first.post(url, {"action": "accept", "seen": seen}).status_code == 302
    client.force_login(users["coordinateur"])
    typed = {"action": "override", "level": "0", "justification": "Non trouvé sur le site"}
    response = client.post(url, {**typed, "seen": seen})
    assert response.status_code == 409
    said = " ".join(html.unescape(response.content.decode()).split())
    assert "rechargez" not in said
    assert "sa nouvelle valeur est affichée ci-dessous" in said
    assert "Non trouvé sur le site</textarea>" in said  # the correction is kept
    kept = re.findall(r'name="seen" value="(\d+)"', said)[-1]
    assert client.post(url, {**typed, "seen": kept}).status_code == 302  # sent again as it is
    cell.refresh_from_db()
    assert cell.assessment.author == "coordinateur-test"


def test_the_evidence_field_says_when_an_address_is_needed(client, site, users) -> None:
    """The review form's evidence field read « facultative » while a level of 1 or more with no
    evidence is refused; blind, it is optional, but agreeing levels of 1 or more without it may
    wait for arbitration (it read « Facultative. » alone)."""
    _login(client, users["auditeur"])
    review = client.get(reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk}))
    said = " ".join(html.unescape(review.content.decode()).split())
    assert "facultative" not in said.lower()
    assert "Laissée vide, la preuve du niveau affiché est gardée, ou celle de la" in said
    assert "si vous revenez à son niveau ; un niveau de 1" in said
    cells = list(Cell.objects.filter(campaign=site.after, commune_id="44109")[:1])
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(cells=cells, auditors=auditors, size=1, seed=5, now=timezone.now())
    mine = next(a for a in created if a.auditor == users["auditeur"])
    blind = client.get(reverse("web:review-coding", kwargs={"pk": mine.pk}))
    hint = re.search(
        r'for="id_evidence_url">[^<]*<span class="fr-hint-text">([^<]*)</span>',
        blind.content.decode(),
    )
    # optional, but agreeing levels of 1 or more without it may wait for arbitration
    assert hint is not None and hint.group(1).startswith("Facultative, mais recommandée")
    assert "attendre un arbitrage" in hint.group(1)


def test_a_commune_with_several_websites_names_each_by_its_host(client, site, users) -> None:
    """Paris has 19 sites (its district town halls): the review and blind coding pages showed
    19 links all reading « site de la commune »; each now reads its host, the primary first."""
    from barometre.referential.models import Website

    for host, primary in (("nantes.fr", True), ("mairie-quartier.nantes.fr", False)):
        Website.objects.create(
            commune_id="44109", url=f"https://{host}", host=host, confidence="high",
            source=Website.Source.CURATED, is_primary=primary,
        )  # fmt: skip
    _login(client, users["coordinateur"])
    page = client.get(reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk}))
    text = re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", "", page.content.decode())))
    assert "Sites de la commune (2)\u00a0: nantes.fr (principal), mairie-quartier.nantes.fr" in text
    assert "site de la commune" not in text
    cells = list(Cell.objects.filter(campaign=site.after, commune_id="44109")[:1])
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(cells=cells, auditors=auditors, size=1, seed=1, now=timezone.now())
    mine = next(a for a in created if a.auditor == users["auditeur"])
    _login(client, users["auditeur"])
    blind = client.get(reverse("web:review-coding", kwargs={"pk": mine.pk}))
    said = re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", "", blind.content.decode())))
    assert "nantes.fr (principal), mairie-quartier.nantes.fr" in said


@pytest.mark.parametrize("role", ["coordinateur", "administrateur"])
def test_a_coordinator_alone_is_told_how_to_get_another_for_the_cells_they_coded(
    client, site, role: str
) -> None:
    """With one coordinator (the quickstart's), the cells they coded blind « reviennent à un
    autre coordinateur » who does not exist: the list and the cell page now say so, and how
    to create or name one: an administrator by the commands, typed on the server; a
    coordinator, who cannot reach it, by asking an administrator (the commands were shown to
    them too)."""
    from barometre.assessments.services.review import coding_answer

    alone = user_create(username="seule", role=role, password=PASSWORD)
    coder = user_create(username="codeur", role="auditeur", password=PASSWORD)
    created = codings_assign(
        cells=[site.auto_cell], auditors=[coder, alone], size=1, seed=5, now=timezone.now()
    )
    for assignment, level in zip(created, [1, 2], strict=True):
        decision = Decision(level=level, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    way_out = "Aucun autre compte actif n'a le rôle de coordinateur."
    # the commands to type, each in <code> (copyable as is: « -- » in running text reads as a
    # dash), beside the sentence rather than inside it
    commands = [
        "barometre users create NOM --role coordinateur",
        "barometre users role NOM coordinateur",
    ]
    cell_url = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    _login(client, alone)
    for url in (reverse("web:review-arbitration"), cell_url):
        page = client.get(url).content.decode()
        body = re.sub(r"[ \n]+", " ", html.unescape(page))
        assert way_out in body, url
        box = LexborHTMLParser(page).css_first("#commandes-coordinateur")
        if role == "coordinateur":
            assert box is None and "barometre users" not in body, url
            asked = LexborHTMLParser(page).css_first("#demander-coordinateur").text()
            assert asked.endswith(
                "Demandez à un administrateur du site d'en créer un, ou de donner ce rôle à un "
                "compte existant."
            ), url
            continue
        assert [code.text() for code in box.css("li > code")] == commands, url
        assert [item.text() for item in box.css("li")] == [
            f"{commands[0]} crée un compte coordinateur{NBSP};",
            f"{commands[1]} donne ce rôle à un compte existant.",
        ]
        assert f"Pour en ajouter un, sur le serveur{NBSP}:" in body
    user_create(username="second", role="coordinateur", password=PASSWORD)
    for url in (reverse("web:review-arbitration"), cell_url):
        body = re.sub(r"[ \n]+", " ", html.unescape(client.get(url).content.decode()))
        assert "commandes-coordinateur" not in body, url
        assert way_out not in body and "autre coordinateur" in body, url


def test_a_blind_coder_is_told_what_the_justification_is_for(client, site, users) -> None:
    """The blind coding form said « Justification », neither « (obligatoire) » nor what became
    of it: coders wrote none, or wrote for the public page; it is optional, read by the
    arbitrating coordinator, never published."""
    created = codings_assign(
        cells=[site.auto_cell],
        auditors=[users["auditeur"], users["coordinateur"]],
        size=1,
        seed=5,
        now=timezone.now(),
    )
    mine = next(a for a in created if a.auditor == users["auditeur"])
    _login(client, users["auditeur"])
    page = client.get(reverse("web:review-coding", kwargs={"pk": mine.pk})).content.decode()
    hint = LexborHTMLParser(page).css_first("label[for=id_justification] .fr-hint-text")
    assert hint.text() == (
        f"Facultative{NBSP}: le coordinateur qui arbitre la cellule la lit si les deux réponses "
        f"diffèrent{NBSP}; elle n'est pas publiée."
    )
    # the review form keeps its own hint: the note is published there
    cell = client.get(reverse("web:review-cell", kwargs={"pk": site.after.cells.first().pk}))
    label = LexborHTMLParser(cell.content.decode()).css_first("label[for=id_justification]")
    assert "Publiée à côté du niveau" in label.text() and "Facultative" not in label.text()


@pytest.mark.parametrize("typed", [5001, 12345])
def test_a_justification_too_long_says_how_many_characters_were_typed(
    client, site, users, typed
) -> None:
    """« La justification dépasse 5 000 caractères » said neither how many were typed nor how
    many to cut: both are said, grouped with a no-break space as elsewhere."""
    client.force_login(users["auditeur"])
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    sent = {"action": "override", "seen": cell.assessment_id, "level": "0"}
    response = client.post(url, {**sent, "justification": "x" * typed})
    said = html.unescape(response.content.decode())
    assert response.status_code == 400
    shown = f"{typed:,}".replace(",", NBSP)
    over = typed - 5000
    cut = f"{over:,}".replace(",", NBSP) + (" caractère" if over == 1 else " caractères")
    assert f"La justification compte {shown} caractères, au-delà de la limite de 5{NBSP}000" in said
    assert f"raccourcissez-la de {cut} au moins" in said
    assert "x" * typed + "</textarea>" in said  # the text typed is kept to be cut


def test_a_justification_s_line_breaks_count_one_character_each(client, site, users) -> None:
    """A browser sends a line break as CR LF: 5,000 characters in the auditor's editor, in
    paragraphs, were refused as over the limit, each break counted twice."""
    client.force_login(users["auditeur"])
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    paragraphs = "\r\n".join(["x" * 99] * 50) + "y"  # 4,951 letters, 49 breaks: 5,000
    sent = {"action": "override", "seen": cell.assessment_id, "level": "0"}
    response = client.post(url, {**sent, "justification": paragraphs})
    assert response.status_code == 302, html.unescape(response.content.decode())[-2000:]
    cell.refresh_from_db()
    stored = cell.assessment.note
    assert "\r" not in stored and stored.count("\n") == 49 and len(stored) == 5000


def test_a_justification_too_long_is_counted_in_the_decision_service(site, users) -> None:
    """The service says the count too (a caller other than the form)."""
    from barometre.assessments.services.review import assessment_override
    from barometre.core.errors import BarometreError

    cell = site.auto_cell
    decision = Decision(level=0, not_applicable=False, justification="é" * 6000)
    with pytest.raises(BarometreError, match=f"compte 6{NBSP}000 caractères"):
        assessment_override(
            cell=cell,
            user=users["auditeur"],
            seen=cell.assessment_id,
            decision=decision,
            now=timezone.now(),
        )
