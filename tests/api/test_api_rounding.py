"""The 6 decimals of the CSV files, the open data and the API round half away from zero, on the
digits the JSON report writes, as every printed figure does: a share of 1/128, 0.0078125, is
0.007813 in each, never the 0.007812 of round()'s half to even."""

from __future__ import annotations

import csv

import pytest
from django.utils import timezone

from barometre.outputs.json_report import report_dict
from barometre.outputs.opendata.package import opendata_export
from barometre.outputs.published import campaign_by_name, published_report
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db

# services that can reach level 4 at most: 4 communes × 8 of them, 128 levels attainable
SERVICES = (
    "actes-etat-civil",
    "listes-electorales",
    "recensement-citoyen",
    "paiement-famille",
    "petite-enfance",
    "urbanisme",
    "signalement",
    "encombrants",
)


@pytest.fixture
def one_in_128(db):  # type: ignore[no-untyped-def]
    communes = [CommuneFactory(code=f"9100{i}", name=f"Ville {i}") for i in range(4)]
    campaign = CampaignFactory(name="2026", communes=communes)
    levels: dict[tuple[str, str], int | str] = {(c.code, s): 0 for c in communes for s in SERVICES}
    set_cells(campaign, levels | {("91000", "actes-etat-civil"): 1})
    return campaign


def test_a_half_at_the_seventh_decimal_rounds_up_in_the_api_and_the_open_data(
    client, one_in_128, tmp_path
):  # type: ignore[no-untyped-def]
    data = published_report(campaign=campaign_by_name("2026"), now=timezone.now())
    assert report_dict(data)["share_of_max"] == 0.0078125  # the JSON report's, unrounded
    api = client.get("/api/v1/scores", {"campaign": "2026", "scope": "all"}).json()["results"]
    assert api[0]["share_of_max"] == 0.007813
    opendata_export(campaign=one_in_128, out=tmp_path, now=timezone.now())
    with (tmp_path / "scores.csv").open(encoding="utf-8") as handle:
        overall = next(r for r in csv.DictReader(handle) if r["scope"] == "all")
    assert overall["share_of_max"] == "0.007813"


def test_every_writer_rounds_alike() -> None:
    from barometre.api.core import rounded
    from barometre.core.spreadsheet import csv_decimal, decimals
    from barometre.outputs.opendata.fields import Field
    from barometre.outputs.opendata.formats import plain

    number = Field("x", "number", "")
    # a half to even before; 0.0000125 is the binary 0.0000124999…, which round() cut
    for value, six in ((2.0078125, 2.007813), (-0.0078125, -0.007813), (0.0000125, 0.000013)):
        assert decimals(value) == rounded(value) == plain(value, number) == six
        assert csv_decimal(value) == f"{six:.6f}"
    assert decimals(-1e-7) == 0.0 and str(decimals(-1e-7)) == "0.0"  # never -0.0
    assert rounded(float("nan")) != rounded(float("nan"))  # left to `finite`
