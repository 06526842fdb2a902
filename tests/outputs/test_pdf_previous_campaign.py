"""The commune's PDF, the document a town hall shows its council, says where the commune stood
in the previous campaign, as its page's « Au fil des campagnes » does: its mean level there and
each service's level there."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime

import pytest

from barometre.outputs.pdf.reports import commune_pdf_html, pdf_etag
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, set_cells

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def two_campaigns(db) -> tuple[Campaign, Campaign]:  # type: ignore[no-untyped-def]
    """Hville (20,000 inhabitants): civil status 1 then 3, family bills not applicable then 2,
    identity cards not measured then 2."""
    commune = CommuneFactory(code="90020", name="Hville", population=20_000)
    before = CampaignFactory(name="avant", communes=[commune])
    before.measured_on = date(2020, 3, 1)
    before.save(update_fields=["measured_on"])
    after = CampaignFactory(name="apres", communes=[commune])
    set_cells(before, {("90020", "actes-etat-civil"): 1, ("90020", "paiement-famille"): "na"})
    set_cells(
        after,
        {
            ("90020", "actes-etat-civil"): 3,
            ("90020", "paiement-famille"): 2,
            ("90020", "titres-identite"): 2,
        },
    )
    return before, after


def _text(body: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _row(body: str, service: str) -> list[str]:
    row = next(r for r in html.unescape(body).split("<tr>") if service in r)
    return [_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]


def test_the_commune_pdf_gives_the_previous_campaigns_mean_and_levels(
    two_campaigns: tuple[Campaign, Campaign],
) -> None:
    _, after = two_campaigns
    body = commune_pdf_html(campaign=after, code="90020", now=NOW)
    text = _text(body)
    assert "1,00 niveau moyen en avant campagne précédente, mesurée le 1 er mars 2020" in text, text
    assert "niveau en avant" in text
    # the level now, then the level in « avant »: 3 after 1, 2 after « sans objet », 2 after
    # nothing recorded
    assert _row(body, "Demande d'acte de naissance")[:2] == [
        "3 · interaction bidirectionnelle",
        "1",
    ]
    assert _row(body, "Paiement des factures familles")[:2] == [
        "2 · interaction à sens unique",
        "s.o.",
    ]
    assert _row(body, "Carte d'identité et passeport")[:2] == ["2 · interaction à sens unique", "—"]
    assert (
        "«\u00a0niveau en avant\u00a0»\u00a0: le niveau du service dans la campagne précédente, "
        "avant, mesurée le 1<sup>er</sup> mars 2020"
    ) in html.unescape(body)


def test_the_first_campaign_has_no_previous_column(
    two_campaigns: tuple[Campaign, Campaign],
) -> None:
    before, _ = two_campaigns
    text = _text(commune_pdf_html(campaign=before, code="90020", now=NOW))
    assert "niveau moyen en" not in text and "niveau en" not in text


def test_the_commune_pdfs_etag_changes_with_the_previous_campaign(
    two_campaigns: tuple[Campaign, Campaign],
) -> None:
    """A browser that kept the PDF gets a new one when a level of the previous campaign it
    prints changes."""
    before, after = two_campaigns
    kept = pdf_etag(campaign=after, code="90020")
    set_cells(before, {("90020", "actes-etat-civil"): 2})
    assert pdf_etag(campaign=after, code="90020") != kept


def test_the_previous_mean_says_its_cells_and_the_change_its_pair(db) -> None:  # type: ignore[no-untyped-def]
    # before: 2, 3 and 2 (7/3 = 2,33 over 3 cells); after: 3 and 3 on the first two only. The
    # change is over the 2 cells of both, 2,50 to 3,00: +0,50, not 3,00 - 2,33
    commune = CommuneFactory(code="90021", name="Iville", population=20_000)
    before = CampaignFactory(name="avant", communes=[commune])
    before.measured_on = date(2020, 3, 1)
    before.save(update_fields=["measured_on"])
    after = CampaignFactory(name="apres", communes=[commune])
    first, second, third = "actes-etat-civil", "titres-identite", "paiement-famille"
    set_cells(before, {("90021", first): 2, ("90021", second): 3, ("90021", third): 2})
    set_cells(after, {("90021", first): 3, ("90021", second): 3})
    text = _text(commune_pdf_html(campaign=after, code="90021", now=NOW))
    assert "2,33 niveau moyen en avant" in text
    assert "mesurée le 1 er mars 2020 ; moyenne sur 3 cellules applicables" in text
    assert (
        "+0,50 évolution depuis avant de 2,50 à 3,00 sur 2 cellules comparables (mesurées et "
        "applicables dans les deux campagnes)"
    ) in text
