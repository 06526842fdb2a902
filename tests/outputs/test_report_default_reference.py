"""`barometre report` compares only with `--compare`, while the campaign PDF, the pages and the
API compare with the previous campaign by default: an analyst who wrote the HTML report and the
PDF of one campaign found the change to 2014 in one and not in the other. Without `--compare`,
the command now says which campaign the PDF and the pages compare with, and how to do the same.
"""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.referential.models import Campaign

pytestmark = pytest.mark.django_db
N = "\u00a0"


def _report(tmp_path: Path, *extra: str) -> str:
    err = StringIO()
    call_command(
        "report", "--campaign", "2026", "--out", str(tmp_path / "r.json"), *extra,
        stdout=StringIO(), stderr=err,
    )  # fmt: skip
    return err.getvalue()


def test_a_report_without_compare_says_what_the_pdf_compares_with(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    before.measured_on = date(2014, 3, 1)
    before.save()
    said = _report(tmp_path)
    assert (
        f"Rapport sans évolution{N}: le PDF et le site comparent «{N}2026{N}» à «{N}2014{N}», "
        f"la campagne précédente{N}; «{N}--compare 2014{N}» donne la même comparaison ici."
    ) in said
    assert "comparent" not in _report(tmp_path, "--compare", "2014")


def test_a_campaign_with_none_before_it_says_nothing(after: Campaign, tmp_path: Path) -> None:
    assert "comparent" not in _report(tmp_path)
