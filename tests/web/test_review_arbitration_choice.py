"""An arbitration is a deliberate choice: the arbiter's form preselects no level (the automatic
proposal, which may be a level neither coder chose, would anchor them) and offers no accept
button; the coders' levels and the proposal are shown beside it; a form sent without a level
is sent back, with a French error and its justification kept."""

from __future__ import annotations

import html
import re

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from barometre.accounts.roles import user_create
from barometre.assessments.models import Cell, Source
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import codings_disputed
from tests.web.conftest import PASSWORD
from tests.web.test_review_arbitration_rights import _disputed


def _arbiter() -> Client:
    client = Client()
    client.force_login(user_create(username="arbitre", role="coordinateur", password=PASSWORD))
    return client


def _arbiter_again() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="arbitre"))
    return client


def _selected(page: str) -> list[str]:
    select = re.search(r'<select[^>]*id="id_level".*?</select>', page, re.S)
    assert select is not None
    return re.findall(r'<option value="([^"]*)" selected>', select.group(0))


def test_the_arbiter_chooses_a_level_nothing_preselected(site, users) -> None:
    cell = _disputed(site, users)  # coded 2 and 4, proposed 3
    page = _arbiter().get(reverse("web:review-cell", kwargs={"pk": cell.pk})).content.decode()
    assert _selected(page) == [""]  # « — choisir — », not the proposal
    assert 'id="bouton-accepter"' not in page  # one key press would take the proposal
    shown = html.unescape(page.split('id="reperes-arbitrage"')[1].split("</dl>")[0])
    # the name quoted: « Codage de alice » read wrong, French elides before a vowel
    levels = dict(
        re.findall(r"<dt>Codage de «\u00a0([^<]+)\u00a0»\u00a0:</dt><dd>niveau (\d)</dd>", shown)
    )
    assert sorted(levels) == ["administrateur-test", "coordinateur-test"]
    assert sorted(levels.values()) == ["2", "4"]
    assert "<dt>Proposition automatique\u00a0:</dt><dd>niveau 3</dd>" in shown
    assert "Enregistrer l'arbitrage" in html.unescape(page)


def test_a_review_still_shows_the_cell_value(site, users) -> None:
    coordinator = Client()
    coordinator.force_login(users["coordinateur"])
    cell = site.auto_cell
    page = coordinator.get(reverse("web:review-cell", kwargs={"pk": cell.pk})).content.decode()
    assert _selected(page) == [str(cell.level)]
    assert 'id="bouton-accepter"' in page and 'id="reperes-arbitrage"' not in page


def test_an_arbitration_without_a_level_keeps_the_justification(site, users) -> None:
    cell = _disputed(site, users)
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    sent = _arbiter().post(
        url,
        {"action": "override", "seen": cell.assessment_id, "level": "", "justification": "vu X"},
    )
    assert sent.status_code == 400
    page = html.unescape(sent.content.decode())
    assert "Choisissez le niveau que retient l'arbitrage\u00a0: aucun n'est présélectionné" in page
    assert ">vu X</textarea>" in page
    assert _selected(sent.content.decode()) == [""]  # not level 0, the first option
    cell.refresh_from_db()
    assert cell.source == Source.AUTO and list(codings_disputed()) == [cell]


def test_a_forged_accept_does_not_arbitrate_at_the_proposal(site, users) -> None:
    """The page offers no accept button in arbitration, but a request sent by hand with
    « action=accept » recorded the automatic proposal as the arbitration, a level neither
    coder may have chosen: the server refuses it and the cell stays disputed."""
    cell = _disputed(site, users)  # coded 2 and 4, proposed 3
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    sent = _arbiter().post(url, {"action": "accept", "seen": cell.assessment_id})
    assert sent.status_code == 400
    assert "Un arbitrage choisit un niveau\u00a0:" in html.unescape(sent.content.decode())
    cell.refresh_from_db()
    assert cell.source == Source.AUTO and list(codings_disputed()) == [cell]


def test_on_a_phone_the_arbiter_is_led_down_to_the_form(site, users) -> None:
    """At 390 pixels the arbitration form comes after the whole evidence column, several
    screens down: a link under the title leads to it (hidden on a wide screen, where the form
    is beside the evidence), and the shortcut's help says arbitration, not correction."""
    cell = _disputed(site, users)
    page = _arbiter().get(reverse("web:review-cell", kwargs={"pk": cell.pk})).content.decode()
    assert 'id="aller-arbitrage" href="#a-arbitrer"' in page
    assert 'id="a-arbitrer"' in page
    assert "aller à l'arbitrage" in html.unescape(page)
    other = Cell.objects.filter(campaign=site.after).exclude(pk=cell.pk).first()
    plain = _arbiter_again().get(reverse("web:review-cell", kwargs={"pk": other.pk}))
    assert 'id="aller-arbitrage"' not in plain.content.decode()  # a review, not arbitration


def test_an_arbitration_retaining_a_coder_level_rests_on_their_address(site, users) -> None:
    """An arbiter retaining the level a coder answered, with no address, kept the evidence of
    the level shown (the automatic proposal's page, of another level): the cell then showed a
    level on a page that does not show it. The coder's address is taken, as for two agreeing
    answers; without one, the evidence of the level shown as before."""
    coders = [users["coordinateur"], users["administrateur"]]
    created = codings_assign(
        cells=[site.auto_cell], auditors=coders, size=1, seed=1, now=timezone.now()
    )
    for assignment, (level, url) in zip(
        created, (("2", ""), ("4", "https://www.ville.test/paiement")), strict=True
    ):
        coder = Client()
        coder.force_login(assignment.auditor)
        coding = reverse("web:review-coding", kwargs={"pk": assignment.pk})
        assert coder.post(coding, {"level": level, "evidence_url": url}).status_code == 302
    cell = site.auto_cell
    client = _arbiter()
    page = client.get(reverse("web:review-cell", kwargs={"pk": cell.pk})).content.decode()
    shown = page.split('id="reperes-arbitrage"')[1].split("</dl>")[0]
    assert 'href="https://www.ville.test/paiement"' in shown
    sent = client.post(
        reverse("web:review-cell", kwargs={"pk": cell.pk}),
        {"action": "override", "seen": cell.assessment_id, "level": "4", "justification": "vu"},
    )
    assert sent.status_code == 302
    cell.refresh_from_db()
    assert cell.level == 4 and cell.assessment.evidence_url == "https://www.ville.test/paiement"
    assert cell.assessment.evidence_record_id is None  # the proposal's page shows level 3
