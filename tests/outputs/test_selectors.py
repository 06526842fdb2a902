"""The database -> grid read that every report starts from."""

from __future__ import annotations

from barometre.assessments.selectors import campaign_grid
from barometre.referential.models import Campaign
from barometre.scoring import NA, UNMEASURED
from tests.factories import CampaignFactory, CommuneFactory, set_cells


def test_grid_rows_columns_and_values(after: Campaign) -> None:
    grid = campaign_grid(after)
    assert grid.codes == ("90001", "90002", "90003")  # largest first, then by code
    assert grid.brackets == ("ge200000", "3500-9999", "3500-9999")
    assert len(grid.service_ids) == 18
    assert grid.service_ids[0] == "actes-etat-civil"
    column = grid.service_ids.index
    assert grid.levels[0, column("inscription-scolaire")] == 5
    assert grid.levels[1, column("stationnement-resident")] == NA
    assert grid.levels[2].tolist() == [UNMEASURED] * 18  # no cell: not measured, not 0
    assert grid.levels[0, column("bibliotheque")] == 0  # a recorded 0
    assert int((grid.levels > 0).sum()) == 4
    assert grid.domain_labels["famille"] == "Famille, école et petite enfance"


def test_cells_of_communes_left_out_of_the_campaign_are_ignored(db) -> None:  # type: ignore[no-untyped-def]
    a = CommuneFactory(code="91001", population=100)
    b = CommuneFactory(code="91002", population=50)
    campaign = CampaignFactory(name="c", communes=[a, b])
    set_cells(campaign, {("91001", "bibliotheque"): 3, ("91002", "bibliotheque"): 2})
    campaign.communes.remove(b)
    grid = campaign_grid(campaign)
    assert grid.codes == ("91001",)
    assert int(grid.levels[grid.measured].sum()) == 3
