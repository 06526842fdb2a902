"""The campaign report gives the agreement between the two blind coders of each drawn cell,
as the methodology page does: before, the report and the JSON gave only the blind answers
against the automatic proposals, and a reader found the coders' own agreement nowhere but on
the site."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.utils import timezone

from barometre.accounts.roles import user_create
from barometre.assessments.models import Cell
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import Decision, coding_answer
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from barometre.scoring.agreement import agreement
from barometre.web.agreement import campaign_agreement, moot_pairs

NOW = datetime(2026, 3, 1, tzinfo=UTC)
NBSP = "\u00a0"
# the two answers of each drawn cell: None is « sans objet »
ANSWERS = [(1, 1), (2, 2), (0, 3), (3, 2), (None, None), (None, 2)]


def _code(campaign: Campaign) -> None:
    cells = list(Cell.objects.filter(campaign=campaign).order_by("pk")[: len(ANSWERS)])
    auditors = [user_create(username=f"c{i}", role="auditeur", password="x" * 16) for i in (1, 2)]
    created = codings_assign(
        cells=cells, auditors=auditors, size=len(cells), seed=1, now=timezone.now()
    )
    for cell, answers in zip(cells, ANSWERS, strict=True):
        mine = sorted((a for a in created if a.cell_id == cell.pk), key=lambda a: a.pk)
        for assignment, level in zip(mine, answers, strict=True):
            decision = Decision(level=level, not_applicable=level is None, justification="")
            coding_answer(
                assignment=assignment,
                user=assignment.auditor,
                decision=decision,
                now=timezone.now(),
            )


def test_the_reports_give_the_coders_agreement_of_the_methodology_page(
    after: Campaign, tmp_path: Path
) -> None:
    _code(after)
    paths = report_write(
        campaign="2026", compare=None, formats=["json", "html"], out=tmp_path / "r", now=NOW
    )
    report = json.loads(next(p for p in paths if p.suffix == ".json").read_text("utf-8"))
    expected = agreement([(1, 1), (2, 2), (0, 3), (3, 2)])
    assert report["double_coding"] == {
        "pairs": 4,
        "identical": 2,
        "share_identical": 0.5,
        "alpha": pytest.approx(expected.alpha),
        "kappa": pytest.approx(expected.kappa),
        "not_applicable_pairs": 2,
        "not_applicable_both": 1,
    }
    shown = campaign_agreement(after)[0].auditors  # the methodology page's figures
    assert (shown.pairs, shown.identical) == (4, 2)
    assert shown.alpha == pytest.approx(report["double_coding"]["alpha"])
    assert moot_pairs(after).pairs == 2
    page = html.unescape(next(p for p in paths if p.suffix == ".html").read_text("utf-8"))
    alpha = f"{expected.alpha:.2f}".replace(".", ",").replace("-", "\u2212")  # the minus sign
    assert (
        "Entre eux, les deux auditeurs de chaque cellule tirée au double codage donnent le même "
        f"niveau dans 50{NBSP}% des cas (4 paires d'auditeurs{NBSP}; alpha de Krippendorff "
        f"ordinal{NBSP}: {alpha}, kappa pondéré{NBSP}:" in page
    ), alpha
    assert f"2 paires d'auditeurs où au moins un auditeur a répondu «{NBSP}sans objet" in page


def test_without_blind_pairs_the_report_says_nothing_of_them(after: Campaign, tmp_path) -> None:
    paths = report_write(
        campaign="2026", compare=None, formats=["json", "html"], out=tmp_path / "r", now=NOW
    )
    report = json.loads(next(p for p in paths if p.suffix == ".json").read_text("utf-8"))
    assert report["double_coding"]["pairs"] == 0 and report["double_coding"]["alpha"] is None
    page = next(p for p in paths if p.suffix == ".html").read_text("utf-8")
    assert "Entre eux, les deux auditeurs" not in page
