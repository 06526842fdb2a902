"""-v 0 (« silencieux ») silences what a command says it did, on stdout and stderr alike: a
command that writes files or stores data prints nothing; the data of `--out -` still goes out,
and a listing asked for is still printed."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.referential.models import Campaign, Commune
from tests.programmes.conftest import programme

WRITERS = {
    "report": ["report", "--campaign", "2026", "--out", "{tmp}"],
    "report formats": ["report", "--campaign", "2026", "--format", "csv", "--format", "json",
                       "--out", "{tmp}"],
    "pdf": ["pdf", "--campaign", "2026", "--out", "{tmp}/c.pdf"],
    "pdf commune": ["pdf", "--campaign", "2026", "--commune", "90001", "--out", "{tmp}/a.pdf"],
    "opendata export": ["opendata", "export", "--campaign", "2026", "--out", "{tmp}/od"],
    "opendata publish": ["opendata", "publish", "--campaign", "2026"],
    "assessments export": ["assessments", "export", "--campaign", "2026", "--out", "{tmp}/e.csv"],
    "assessments template": ["assessments", "template", "--campaign", "2026",
                             "--out", "{tmp}/t.xlsx"],
    "evidence export-reviewed": ["evidence", "export-reviewed", "--campaign", "2026",
                                 "--out", "{tmp}/r.jsonl"],
    "programmes report": ["programmes", "report", "--election", "2020", "--out", "{tmp}/p.html"],
    "campaign create": ["campaign", "create", "2027", "--communes", "90001,90002"],
    "campaign set-date": ["campaign", "set-date", "2026", "2026-03-01"],
    "campaign delete": ["campaign", "delete", "2026", "--yes"],
}  # fmt: skip


def _run(arguments: list[str]) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*arguments, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("arguments", WRITERS.values(), ids=WRITERS.keys())
def test_a_command_run_with_v0_prints_nothing(
    after: Campaign,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    arguments: list[str],
) -> None:
    monkeypatch.setenv("BAROMETRE_HOME", str(tmp_path / "home"))
    programme(Commune.objects.get(code="90001"), "Ensemble", themes=("services",))
    given = [a.replace("{tmp}", str(tmp_path)) for a in arguments]
    assert _run([*given, "-v", "0"]) == ("", "")
    if given[0] != "campaign":  # a campaign is changed once only
        assert _run(given)[0], "at the default verbosity the command says what it did"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["campaign", "list"], "2026"),
        (["campaign", "show", "2026"], "couverture"),
        (["services", "list"], "actes-etat-civil"),
        (["assessments", "export", "--campaign", "2026", "--out", "-"], "commune_code"),
        (["report", "--campaign", "2026", "--format", "csv", "--out", "-"], "Aville"),
    ],
)
def test_v0_keeps_the_answer_asked_for(
    after: Campaign, arguments: list[str], expected: str
) -> None:
    out, err = _run([*arguments, "-v", "0"])
    assert expected in out
    assert err == ""


def test_v0_still_says_an_error(after: Campaign, capsys: pytest.CaptureFixture[str]) -> None:
    from barometre.outputs.management.commands.pdf import Command

    with pytest.raises(SystemExit):
        Command().run_from_argv(
            ["barometre", "pdf", "--campaign", "2099", "--out", "x.pdf", "-v", "0"]
        )
    assert capsys.readouterr().err.startswith("Erreur\u00a0: ")


def test_v0_still_asks_before_deleting(after: Campaign, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", StringIO("2026\n"))
    out, err = _run(["campaign", "delete", "2026", "-v", "0"])
    assert "sera supprimée" in out
    assert "Tapez le nom de la campagne pour confirmer" in out
    assert not Campaign.objects.filter(name="2026").exists()
