"""`--out -` is the standard output where a command writes text (a report in HTML, JSON or CSV);
a binary format, several files or a command that writes only files refuse it in French, and no
file named « - » is ever written."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign


def test_report_out_dash_prints_the_report(
    after: Campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out, err = StringIO(), StringIO()
    call_command(
        "report", "--campaign", "2026", "--format", "json", "--out", "-", stdout=out, stderr=err
    )
    assert json.loads(out.getvalue())["campaign"] == "2026"
    assert err.getvalue().strip() == "Rapport JSON écrit sur la sortie standard."
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["report", "--campaign", "2026", "--format", "xlsx"], "le format xlsx \\(binaire\\)"),
        (
            ["report", "--campaign", "2026", "--format", "csv", "--format", "json"],
            "pour plusieurs formats, donnez un dossier",
        ),
        (["pdf", "--campaign", "2026"], "--out - \\(la sortie standard\\) n'est pas pris en"),
        (["opendata", "export", "--campaign", "2026"], "--out - \\(la sortie standard\\) n'est"),
    ],
)
def test_out_dash_is_refused_where_it_cannot_be_text_on_the_standard_output(
    after: Campaign,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    arguments: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    out = StringIO()
    with pytest.raises(BarometreError, match=message):
        call_command(*arguments, "--out", "-", stdout=out, stderr=StringIO())
    assert out.getvalue() == ""
    assert list(tmp_path.iterdir()) == []
