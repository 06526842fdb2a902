"""The open data package's blind codings (codages.csv): what each answer did not see, the
detection check they give again, and the keys that tie them to their cells."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.utils import timezone

from barometre.outputs.opendata.package import opendata_export

pytestmark = pytest.mark.django_db


def _two_blind_answers(after) -> None:  # type: ignore[no-untyped-def]
    """A proposal of 3 for =Cville's actes-etat-civil, then two blind answers: 3 and na."""
    from barometre.accounts.roles import user_create
    from barometre.assessments.models import Cell
    from barometre.assessments.services.draw import codings_assign
    from barometre.assessments.services.record import AutoValue, assessments_record_auto
    from barometre.assessments.services.review import Decision, coding_answer

    proposed = AutoValue(
        commune="90003", service="actes-etat-civil", level=3,
        evidence_url="http://127.0.0.1:9/", confidence=0.7,
    )  # fmt: skip
    assessments_record_auto(campaign=after, values=[proposed], now=timezone.now())
    cell = Cell.objects.get(campaign=after, commune_id="90003", service__slug="actes-etat-civil")
    auditors = [user_create(username=f"c{i}", role="auditeur", password="x" * 16) for i in (1, 2)]
    created = codings_assign(cells=[cell], auditors=auditors, size=1, seed=1, now=timezone.now())
    answers = [Decision(level=3, not_applicable=False, justification=""),
               Decision(level=None, not_applicable=True, justification="")]  # fmt: skip
    for assignment, decision in zip(created, answers, strict=True):
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )


def test_blind_codings_carry_the_proposal_each_answer_did_not_see(after, tmp_path):
    from frictionless import Package

    _two_blind_answers(after)
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    text = (tmp_path / "codages.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["coder"], r["level"], r["not_applicable"]) for r in rows] == [
        ("A", "3", "false"),
        ("B", "", "true"),
    ]
    assert {(r["proposed_level"], r["proposed_confidence"]) for r in rows} == {("3", "0.7")}
    assert rows[0]["coded_at"].endswith("Z") and rows[0]["commune_code"] == "90003"
    assert "c1" not in text and "c2" not in text  # no auditor is named
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_codages_recompute_the_detection_check_with_the_documented_rule(after, tmp_path):
    """docs/opendata.md: the rows left out of `detection_check` are those whose answer or
    proposal is « sans objet » (or without a proposal); the others give its figures again."""
    from barometre.assessments.blind_check import campaign_blind_check

    _two_blind_answers(after)  # a proposal of 3, answered 3 and « sans objet »
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    rows = list(csv.DictReader(io.StringIO((tmp_path / "codages.csv").read_text("utf-8"))))
    kept = [
        r
        for r in rows
        if r["not_applicable"] == "false"
        and r["proposed_not_applicable"] != "true"
        and r["proposed_level"] != ""
    ]
    check = campaign_blind_check(after)
    assert (len(rows), len(kept)) == (2, check.codings) == (2, 1)
    exact = sum(r["level"] == r["proposed_level"] for r in kept) / len(kept)
    assert exact == check.exact.share


def test_every_table_has_a_primary_key_and_the_codings_their_cells(after, tmp_path):
    """The keys are declared and hold; frictionless checks them (a broken key is reported)."""
    from frictionless import Package

    _two_blind_answers(after)
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    assert schemas["cellules"]["primaryKey"] == ["campaign", "commune_code", "service_id"]
    assert schemas["scores"]["primaryKey"] == ["campaign", "scope", "key"]
    assert schemas["codages"]["primaryKey"][-1] == "coder"
    reference = schemas["codages"]["foreignKeys"][0]["reference"]
    assert reference["resource"] == "cellules"
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

    codings = tmp_path / "codages.csv"
    lines = codings.read_text(encoding="utf-8").splitlines()
    orphan = lines[1].replace("actes-etat-civil", "bibliotheque")  # a cell with no value
    codings.write_text("\n".join([*lines, orphan]) + "\n", encoding="utf-8")
    cells = tmp_path / "cellules.csv"
    lines = cells.read_text(encoding="utf-8").splitlines()
    cells.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    errors = Package(str(tmp_path / "datapackage.json")).validate().flatten(["type"])
    assert ["foreign-key"] in errors and ["primary-key"] in errors
