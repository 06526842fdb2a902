"""The review's evidence and forms as a reader sees them in Chromium: a value's justification
and evidence line on the commune page (`web/_cell_evidence.html`, the review page's too), the
arbitration form."""

from __future__ import annotations

import pytest
from django.utils import timezone

from barometre.accounts.roles import user_create
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import Decision, assessment_override, coding_answer
from tests.web.browser import BROWSER_TESTS, phone_sweep
from tests.web.conftest import PASSWORD
from tests.web.test_review_arbitration_rights import _disputed

pytestmark = BROWSER_TESTS

JUSTIFICATION = "Formulaire en ligne vérifié.\n\nLe paiement reste au guichet."

# the evidence address's text lengthened a character at a time: on one of these lengths, at
# least, the line ends inside « copie archivée » when any letter may end a line
LINK_ON_ONE_LINE = """() => {
  const address = document.querySelector('.evidence-url a');
  const copy = document.querySelector('.evidence-url .archived-evidence');
  const original = address.textContent;
  const broken = [];
  for (let n = 0; n < 80; n++) {
    address.textContent = original + '/' + 'a'.repeat(n);
    if (copy.getClientRects().length !== 1) broken.push(n);
  }
  address.textContent = original;
  return broken;
}"""


def _reviewed(site, users) -> None:
    """The auditor's level, in two paragraphs, on the proposal's archived evidence (kept)."""
    assessment_override(
        cell=site.auto_cell,
        user=users["auditeur"],
        seen=site.auto_cell.assessment_id,
        decision=Decision(level=3, not_applicable=False, justification=JUSTIFICATION),
        now=timezone.now(),
    )


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_a_justification_keeps_its_paragraphs_and_copie_archivee_is_never_cut(
    transactional_db, live_server, site, users, browser
) -> None:
    """A justification typed in two paragraphs read as one run-on line on the commune page
    (its line breaks collapsed); and the evidence line broke anywhere, the link « copie
    archivée » included (« c / opie archivée » at 1280 px, « copi / e archivée » at 390 px):
    the paragraphs stay, the address alone breaks anywhere."""
    _reviewed(site, users)
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 844})
        page.goto(f"{live_server.url}/commune/44109/?campagne=apres")
        page.click(f"[aria-controls='cellule-{site.auto_cell.pk}']")
        note = page.locator(f"#cellule-{site.auto_cell.pk} .note-valeur")
        note.wait_for()
        assert "vérifié.\n\nLe paiement" in note.inner_text()
        assert page.evaluate(LINK_ON_ONE_LINE) == [], width
        page.close()


GAP = """() => document.querySelector('.kbd-help').getBoundingClientRect().top
  - document.querySelector('#bouton-corriger').getBoundingClientRect().bottom"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_shortcuts_line_stands_apart_from_the_arbitration_button(
    transactional_db, live_server, site, users, browser
) -> None:
    """With no next cell to arbitrate, « Raccourcis clavier : C aller à l'arbitrage. » stood
    right under « Enregistrer l'arbitrage », glued to the button as if it were its caption."""
    cell = _disputed(site, users)
    user_create(username="arbitre", role="coordinateur", password=PASSWORD)
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 844})
        page.goto(f"{live_server.url}/connexion/?next=/revue/cellule/{cell.pk}/")
        page.fill("#id_username", "arbitre")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]:has-text('Se connecter')")
        page.wait_for_selector("#reperes-arbitrage")
        assert page.locator("#lien-suivant").count() == 0
        assert page.evaluate(GAP) >= 16, width
        page.close()


@pytest.mark.engine_independent  # what the browser does with the page
def test_the_review_page_s_public_link_opens_the_cell_on_the_commune_page(
    transactional_db, live_server, site, users, browser
) -> None:
    """« page publique » led to the top of the commune page, its services folded: the auditor
    checking the level they had just decided looked for it among the commune's services. The
    link names the service, whose accordion opens, in view."""
    cell = site.auto_cell
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/connexion/?next=/revue/cellule/{cell.pk}/")
    page.fill("#id_username", "auditeur-test")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_selector("#bouton-accepter")
    page.click("a:has-text('page publique')")
    page.wait_for_load_state("networkidle")
    opened = page.locator(f"#cellule-{cell.pk}")
    opened.wait_for(state="visible", timeout=5000)
    assert page.locator(f"[aria-controls='cellule-{cell.pk}']").get_attribute("aria-expanded") == (
        "true"
    )
    box = opened.bounding_box()
    assert box is not None and box["y"] < 844
    page.close()


# each answer's first line starts beside its label, and its next lines at the entry's left edge
ANSWERS_INLINE = """() => [...document.querySelectorAll('#reperes-arbitrage div')].map(entry => {
  const label = entry.querySelector('dt').getClientRects()[0];
  const lines = [...entry.querySelector('dd').getClientRects()];
  const left = entry.getBoundingClientRect().left;
  return {
    beside: Math.abs(lines[0].top - label.top) < 2 && lines[0].left > label.right,
    indented: lines.slice(1).some(line => line.left > left + 1),
  };
})"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_a_long_coders_answer_runs_on_from_its_label_as_the_others(
    transactional_db, live_server, site, users, browser
) -> None:
    """On the arbitration form, a coder's long answer (a level and its evidence address) wrapped
    whole onto an indented line under its label, while the short ones sat beside theirs."""
    long_url = "https://www.exemple.test/demarches/etat-civil/demande-d-acte/formulaire-en-ligne"
    coders = [users["coordinateur"], users["administrateur"]]
    created = codings_assign(
        cells=[site.auto_cell], auditors=coders, size=1, seed=1, now=timezone.now()
    )
    for assignment, level, url in zip(created, (2, 4), (long_url, ""), strict=True):
        decision = Decision(level=level, not_applicable=False, justification="", evidence_url=url)
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    user_create(username="arbitre", role="coordinateur", password=PASSWORD)
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 844})
        page.goto(f"{live_server.url}/connexion/?next=/revue/cellule/{site.auto_cell.pk}/")
        page.fill("#id_username", "arbitre")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]:has-text('Se connecter')")
        page.wait_for_selector("#reperes-arbitrage")
        entries = page.evaluate(ANSWERS_INLINE)
        assert len(entries) == 3 and all(
            e == {"beside": True, "indented": False} for e in entries
        ), (
            width,
            entries,
        )
        page.close()


# For each word of each command in `where`: on how many lines it is drawn.
_COMMAND_WORD_LINES = r"""(where) => [...document.querySelectorAll(where)].flatMap(code => {
  const text = code.textContent, found = [];
  for (const word of text.split(/\s+/).filter(w => w.startsWith('-'))) {
    const texts = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    while (texts.nextNode()) {
      const node = texts.currentNode, at = node.textContent.indexOf(word);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      found.push([word, new Set([...range.getClientRects()].map(r => Math.round(r.top))).size]);
    }
  }
  return found;
})"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_an_option_of_a_command_to_type_is_never_broken_on_a_phone(
    transactional_db, live_server, site, users, browser, settings
) -> None:
    """On a 390 px phone the archived page's next step for an administrator read « barometre
    evidence show -- » at a line's end and « record 12 » under it: an option no one can type
    as shown. The line breaks between a command's words only, at the widths from 300 to 480
    px that `phone_sweep` looks at."""
    from pathlib import Path

    (Path(settings.WARC_ROOT) / site.record.warc_file).unlink()  # a folder not mounted
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/connexion/?next=/preuve/{site.record.pk}/")
    page.fill("#id_username", "administrateur-test")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_selector("#commandes-archive")
    seen = {}
    for width in phone_sweep(390):  # an option lands at a line's end at some of them
        page.set_viewport_size({"width": width, "height": 844})
        seen[width] = page.evaluate(_COMMAND_WORD_LINES, "#commandes-archive code")
    page.close()
    assert all(len(words) == 2 for words in seen.values()), seen[390]  # --record, --campaign
    broken = {width: words for width, words in seen.items() if any(n != 1 for _, n in words)}
    assert broken == {}, broken


# For each link of the commune's websites: on how many lines it is drawn (its icon with it).
_SITE_LINES = """() => [...document.querySelectorAll('#sites-commune a')]
  .map(a => [a.textContent, new Set([...a.getClientRects()].map(r => Math.round(r.top))).size])"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_a_communes_website_addresses_are_never_broken_on_a_phone(
    transactional_db, live_server, site, users, browser
) -> None:
    """On a 390 px phone the review page's « Sites de la commune » broke an address at its
    hyphen, « mairie- » at a line's end and « marseille6-8.fr » under it, and left a link's
    new-window icon alone at the start of the next line: each address is drawn whole, at
    the widths from 300 to 480 px that `phone_sweep` looks at."""
    from barometre.referential.models import Website

    for host in ("mairie-nantes15-16.fr", "mairie-nantes6-8.fr", "www.ville-de-nantes.test"):
        Website.objects.create(
            commune_id="44109", url=f"https://{host}/", host=host, confidence="high", source="user"
        )
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/connexion/?next=/revue/cellule/{site.auto_cell.pk}/")
    page.fill("#id_username", "auditeur-test")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_selector("#sites-commune")
    seen = {}
    for width in phone_sweep(390):  # an address lands at a line's end at some of them
        page.set_viewport_size({"width": width, "height": 844})
        seen[width] = page.evaluate(_SITE_LINES)
    page.close()
    assert all(len(links) == 3 for links in seen.values()), seen[390]
    broken = {width: links for width, links in seen.items() if any(n != 1 for _, n in links)}
    assert broken == {}, broken
