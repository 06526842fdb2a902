"""-v 0 in the survey commands: nothing said of what was done, but the coordination page's
address, shown only once, is never silenced."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command

from barometre.survey.models import SurveyCampaign
from tests.factories import CommuneFactory


def _run(*arguments: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*arguments, "-v", "0", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_v0_keeps_only_the_secret_shown_once(db: None) -> None:
    CommuneFactory(code="90001")
    out, err = _run("survey", "campaign", "create", "calme", "--collectivites", "90001")
    assert out.startswith("Page de coordination") and "/enquete/coordination/" in out
    assert len(out.splitlines()) == 1
    assert err == ""


def test_v0_survey_commands_that_write_files_print_nothing(
    campaign: SurveyCampaign, tmp_path: Path
) -> None:
    tokens = str(tmp_path / "jetons.csv")
    assert _run("survey", "tokens", "--campaign", "essai", "--count", "2", "--out", tokens) == (
        "",
        "",
    )
    call_command("survey", "campaign", "close", "essai", stdout=StringIO())
    report = str(tmp_path / "r.json")
    assert _run("survey", "report", "--campaign", "essai", "--out", report) == ("", "")
    assert Path(tokens).exists() and Path(report).exists()
