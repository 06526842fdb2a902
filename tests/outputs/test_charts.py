"""Chart specifications: what the reader sees on each axis."""

from __future__ import annotations

from datetime import UTC, datetime

from barometre.outputs.change_charts import change_by_city, change_by_domain
from barometre.outputs.charts import domain_means, heatmap, level_distribution, ranking
from barometre.outputs.data import report_data
from barometre.outputs.pdf.charts import commune_levels
from barometre.referential.models import Campaign
from tests.a11y import chart_type_settings
from tests.factories import CampaignFactory, CommuneFactory, DepartmentFactory, set_cells

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def test_homonym_communes_keep_their_own_column_and_bar(db) -> None:  # type: ignore[no-untyped-def]
    reunion = DepartmentFactory(code="974", name="La Réunion")
    communes = [
        CommuneFactory(code="93066", name="Saint-Denis", population=150_000),
        CommuneFactory(code="97411", name="Saint-Denis", population=155_000, department=reunion),
        CommuneFactory(code="75056", name="Paris", population=2_100_000),
    ]
    for name, level in (("2014", 1), ("2026", 3)):
        campaign = CampaignFactory(name=name, communes=communes)
        set_cells(
            campaign,
            {("93066", "urbanisme"): level, ("97411", "urbanisme"): 4, ("75056", "urbanisme"): 0},
        )
    data = report_data(
        campaign=Campaign.objects.get(name="2026"),
        reference=Campaign.objects.get(name="2014"),
        now=NOW,
        resamples=50,
    )

    columns = {v["city"] for v in heatmap(data)["data"]["values"]}
    assert columns == {"Saint-Denis (93066)", "Saint-Denis (97411)", "Paris"}
    bars = [v["city"] for v in ranking(data)["data"]["values"]]
    assert bars == ["1. Saint-Denis (97411)", "2. Saint-Denis (93066)", "3. Paris"]
    change = change_by_city(data)
    assert change is not None
    assert {v["city"] for v in change["data"]["values"]} >= {"Saint-Denis (93066)"}


def test_the_charts_leave_their_letters_to_whoever_draws_them(
    after: Campaign, before: Campaign
) -> None:
    """The specs chose 11 and 12 px letters in the fonts of the operating system: on the site
    they were smaller than the page's small text and not in its Marianne. They choose neither
    now: the site's charts.js gives every chart the page's, the PDF its printed ones."""
    data = report_data(campaign=after, reference=before, now=NOW, resamples=50)
    specs = [
        level_distribution(data),
        domain_means(data),
        heatmap(data),
        ranking(data),
        change_by_domain(data),
        change_by_city(data),
        commune_levels(data, data.grid.codes[0]),
    ]
    assert [chart_type_settings(spec) for spec in specs] == [[]] * len(specs)
