"""The report's CSV (the command's file and the report page's download) gives the change since a
collectivité's previous campaign, as the JSON does: it had none, so a reader of the open data
could not see the evolution that the JSON, the HTML and the PDF show."""

from __future__ import annotations

import json
from pathlib import Path

from django.test import Client

from barometre.survey.models import SurveyCampaign
from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from barometre.survey.services.reports import survey_report_write
from tests.caches import forget_computed
from tests.factories import CommuneFactory
from tests.survey.conftest import SPEC, TODAY, add_answers, add_response, report_rows


def _closed(name: str, codes: list[str]) -> SurveyCampaign:
    return survey_campaign_create(name=name, collectivites=codes, today=TODAY)


def _two_campaigns() -> None:
    """Villebelle: 6 respondents at 2 and one at 3 (53.6 everywhere), then 7 at 3 (75.0), but
    one of them at 4 to a « gouvernance » statement (75.7 there); Montclair only in the second."""
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90002", name="Montclair", population=2_000)
    before = _closed("avant", ["90001"])
    add_answers(before, "90001", 6, value=2)
    add_answers(before, "90001", 1, value=3)
    survey_campaign_open(name="avant")  # only an open campaign closes
    survey_campaign_close(name="avant")
    after = _closed("apres", ["90001", "90002"])
    add_answers(after, "90001", 6, value=3)
    add_response(after, "90001", {**dict.fromkeys(SPEC.statement_ids, 3), "gouv-elu-delegue": 4})
    add_answers(after, "90002", 6, value=1)
    survey_campaign_open(name="apres")  # only an open campaign closes
    survey_campaign_close(name="apres")


def test_the_csv_gives_the_jsons_change_since_the_previous_campaign(
    db: None, tmp_path: Path
) -> None:
    _two_campaigns()
    report = survey_report_write(campaign="apres", fmt="json", out=tmp_path, today=TODAY)
    units = {u["code"]: u for u in json.loads(report.read_text(encoding="utf-8"))["collectivites"]}
    path = survey_report_write(campaign="apres", fmt="csv", out=tmp_path, today=TODAY)
    rows = report_rows(path.read_text(encoding="utf-8"))
    villebelle = [r for r in rows if r["collectivite_code"] == "90001"]
    whole = [r for r in villebelle if r["role"] == "" and r["level"] != "statement"]
    assert len(whole) == 1 + len(SPEC.axes)
    evolution = units["90001"]["evolution"]
    for row in whole:
        axis = row["axis"]
        expected = evolution["axes"][axis] if axis else evolution["overall"]
        assert row["evolution_since"] == "avant" and row["evolution"] == f"{expected:.1f}", row
    gouvernance = next(r for r in whole if r["axis"] == "gouvernance")
    assert gouvernance["evolution"] == "22.1"  # 75.7 - 53.6, the scores the JSON gives
    others = [r for r in villebelle if r not in whole]
    assert others and all(r["evolution_since"] == r["evolution"] == "" for r in others)
    # no earlier campaign: empty cells, as the JSON's null
    assert units["90002"]["evolution"] is None
    montclair = [r for r in rows if r["collectivite_code"] == "90002"]
    assert montclair and all(r["evolution_since"] == r["evolution"] == "" for r in montclair)


def test_the_report_pages_csv_has_the_change_too(db: None, tmp_path: Path) -> None:
    forget_computed()
    _two_campaigns()
    download = Client().get("/enquete/rapport/apres/csv/").content.decode()
    rows = [r for r in report_rows(download) if r["collectivite_code"] == "90001" and not r["role"]]
    assert rows[0]["level"] == "overall" and rows[0]["evolution_since"] == "avant"
    assert float(rows[0]["evolution"]) > 20
