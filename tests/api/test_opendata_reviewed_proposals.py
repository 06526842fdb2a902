"""A reviewed level keeps the automatic value beside it (docs/method/SCALE.md): the open data and
the API give the proposal its auditor saw, as the cell's review page does."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from barometre.assessments.models import Cell
from barometre.assessments.services import AutoValue, assessments_record_auto
from barometre.assessments.services.review import Decision, assessment_override
from barometre.outputs.opendata.package import opendata_export
from tests.api.conftest import get

pytestmark = pytest.mark.django_db

PROPOSED = ("proposed_level", "proposed_not_applicable", "proposed_confidence")


def _proposal(campaign, level: int, confidence: float, now) -> None:  # type: ignore[no-untyped-def]
    value = AutoValue(
        commune="90003",
        service="paiement-famille",
        level=level,
        confidence=confidence,
        evidence_url="https://ville.test/90003/paiement",
    )
    assessments_record_auto(campaign=campaign, values=[value], now=now)


def test_a_reviewed_cell_gives_the_proposal_its_auditor_saw(after, client, tmp_path) -> None:
    """Before, a reviewed cell's row said `reviewed` and its level, with no trace of the
    automatic level the auditor corrected: a reuser could not count how often reviews change
    the detector's levels, which the review page and the methodology show."""
    now = timezone.now() - timedelta(hours=1)
    _proposal(after, 2, 0.7, now)
    cell = Cell.objects.get(campaign=after, commune_id="90003", service__slug="paiement-famille")
    auditor = User.objects.create_user("relectrice")
    decision = Decision(level=1, not_applicable=False, justification="Une page d'information.")
    assessment_override(
        cell=cell,
        user=auditor,
        seen=cell.assessment_id,
        decision=decision,
        now=now + timedelta(minutes=5),
    )
    _proposal(after, 3, 0.9, now + timedelta(minutes=10))  # a crawl run again, after the review
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    text = (tmp_path / "cellules.csv").read_text(encoding="utf-8")
    rows = {(r["commune_code"], r["service_id"]): r for r in csv.DictReader(io.StringIO(text))}
    reviewed = rows[("90003", "paiement-famille")]
    assert (reviewed["level"], reviewed["source"]) == ("1", "reviewed")
    assert [reviewed[k] for k in PROPOSED] == ["2", "false", "0.7"]
    # no proposal behind it (set as reviewed), or the value is the proposal or an import
    for key in (("90001", "paiement-famille"), ("90001", "actes-etat-civil")):
        assert [rows[key][k] for k in PROPOSED] == ["", "", ""]
    api = get(client, "/api/v1/cells", campaign=after.name, commune="90003")["results"]
    given = next(c for c in api if c["service"] == "paiement-famille")
    assert [given[k] for k in PROPOSED] == [2, False, 0.7]
