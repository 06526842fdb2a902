"""Which campaign a campaign is compared with by default (web pages, PDF and API alike), and what
a report says when the two campaigns have no cell in common."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from barometre.outputs.data import report_data
from barometre.outputs.html_report import html_render
from barometre.outputs.published import campaign_previous
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, set_cells

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _campaign(name: str, communes, cells, *, days: int, demo: bool = False) -> Campaign:  # type: ignore[no-untyped-def]
    campaign = CampaignFactory(name=name, communes=communes)
    Campaign.objects.filter(pk=campaign.pk).update(
        created_at=NOW + timedelta(days=days), is_demo=demo
    )
    campaign.refresh_from_db()
    if cells:
        set_cells(campaign, cells)
    return campaign


def test_previous_shares_communes_catalogue_and_demo_flag(db) -> None:  # type: ignore[no-untyped-def]
    a, b = CommuneFactory(code="91001"), CommuneFactory(code="91002")
    real = _campaign("2014", [a], {("91001", "urbanisme"): 2}, days=0)
    _campaign("ailleurs", [b], {("91002", "urbanisme"): 1}, days=1)  # other communes
    _campaign("demo", [a], {("91001", "urbanisme"): 3}, days=2, demo=True)
    _campaign("vide", [a], {}, days=3)  # nothing measured
    after = _campaign("2026", [a], {("91001", "urbanisme"): 4}, days=4)
    assert campaign_previous(after) == real
    assert campaign_previous(real) is None


def test_a_demonstration_is_never_the_reference_of_a_real_campaign(client, db) -> None:  # type: ignore[no-untyped-def]
    a = CommuneFactory(code="91003")
    _campaign("demo-avant", [a], {("91003", "urbanisme"): 1}, days=0, demo=True)
    _campaign("reelle", [a], {("91003", "urbanisme"): 3}, days=1)
    page = client.get("/campagne/reelle/").content.decode()
    assert "Données de démonstration" not in page and "Évolution depuis" not in page
    assert client.get("/api/v1/comparisons", {"campaign": "reelle"}).status_code == 404


def test_no_cell_in_common_says_so_and_draws_no_change(db) -> None:  # type: ignore[no-untyped-def]
    a = CommuneFactory(code="91004")
    before = _campaign("avant", [a], {("91004", "urbanisme"): 1}, days=0)
    after = _campaign("apres", [a], {("91004", "bibliotheque"): 3}, days=1)
    data = report_data(campaign=after, reference=before, now=NOW, resamples=20)
    html = html_render(data)
    assert "Aucune cellule n'est mesurée dans les deux campagnes (avant et apres" in html
    assert "Sur les 0 cellules" not in html
    specs = re.search(r'id="barometre-chart-specs" type="application/json">(.*?)</script>', html)
    assert specs is not None and '"change"' not in specs.group(1)


def test_previous_follows_the_measurement_date_not_the_creation(db) -> None:  # type: ignore[no-untyped-def]
    """A past study imported after the current campaign (created later, measured earlier) is the
    current campaign's reference, and has none itself."""
    a = CommuneFactory(code="91005")
    current = _campaign("2026", [a], {("91005", "urbanisme"): 4}, days=0)
    past = _campaign("2014", [a], {("91005", "urbanisme"): 1}, days=1)
    Campaign.objects.filter(pk=past.pk).update(measured_on=datetime(2014, 3, 1).date())
    past.refresh_from_db()
    assert campaign_previous(current) == past
    assert campaign_previous(past) is None
    html = html_render(report_data(campaign=current, reference=past, now=NOW, resamples=20))
    assert "comparée à <strong>2014</strong> (mesurée le 1<sup>er</sup> mars 2014)" in html
