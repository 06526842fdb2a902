"""A value's justification and evidence line as a reader sees them in Chromium, on the commune
page and the review page (both `web/_cell_evidence.html`)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from barometre.assessments.services.review import Decision, assessment_override
from tests.web.browser import BROWSER_TESTS

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
