"""`barometre quickstart`: the demonstration end to end, and its made-up grid."""

from __future__ import annotations

import csv
import json
import re
import socket
from datetime import datetime
from importlib import resources
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Max
from django.utils import timezone

from barometre.assessments.models import Assessment, Cell
from barometre.core.errors import BarometreError
from barometre.demo.accounts import DEMO_AUDITOR
from barometre.demo.services import (
    DEMO_CAMPAIGNS,
    DEMO_COMMUNES,
    DEMO_MEASURED_ON,
    _demo_campaign,
)
from barometre.programmes.models import Programme
from barometre.referential.catalogue import default_catalogue
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("barometre.demo").joinpath(f"data/{name}.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@pytest.mark.parametrize("name", DEMO_CAMPAIGNS)
def test_demo_grid_is_complete_and_clearly_made_up(name: str) -> None:
    rows = _rows(name)
    catalogue = default_catalogue()
    assert {r["commune_code"] for r in rows} == set(DEMO_COMMUNES.split(","))
    assert len(rows) == 12 * len(catalogue.services)
    for row in rows:
        assert row["note"].startswith("démonstration")
        if row["level"] in ("na", "0"):
            assert row["evidence_url"] == ""
            continue
        assert 1 <= int(row["level"]) <= catalogue.service(row["service_id"]).max_level
        assert ".demo.test/" in row["evidence_url"]


def _expected_mean(name: str) -> float:
    levels = [int(r["level"]) for r in _rows(name) if r["level"] != "na"]
    return sum(levels) / len(levels)


def _rounded(value: object) -> object:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def _assert_documented_example(report: dict[str, object]) -> None:
    """docs/report-format.md's example is this report: rounded, lists cut, the same figures."""
    doc = (Path(__file__).parents[2] / "docs" / "report-format.md").read_text(encoding="utf-8")
    example = json.loads(doc.split("```json\n", 1)[1].split("```", 1)[0])
    shown = _rounded(report)
    assert isinstance(shown, dict)
    for key in ("coverage", "mean_level", "level_counts", "bootstrap", "origins", "double_coding"):
        assert example[key] == shown[key], key
    check = {k: v for k, v in shown["detection_check"].items() if k != "by_service"}
    assert {k: v for k, v in example["detection_check"].items() if k != "by_service"} == check
    compared = {k: v for k, v in shown["comparison"].items() if not k.startswith("by_")}
    assert {k: v for k, v in example["comparison"].items() if not k.startswith("by_")} == compared


def _assert_decided_after_creation() -> None:
    """No demonstration cell, nor its import, is dated before its campaign was created (the
    decision time was taken once at the start of quickstart, before the campaigns existed);
    the campaign's measurement date is kept."""
    for campaign in Campaign.objects.filter(is_demo=True):
        early = Cell.objects.filter(
            campaign=campaign, assessment__created_at__lt=campaign.created_at
        )
        assert not early.exists(), (campaign.name, campaign.created_at, early.first())
        assert not campaign.imports.filter(created_at__lt=campaign.created_at).exists()
        assert campaign.cells.exists(), campaign.name
    assert Campaign.objects.get(name="demo-2014").measured_on == DEMO_MEASURED_ON["demo-2014"]


def _assert_stamped_after_its_cells(out: Path) -> None:
    """Each report is stamped when it was produced, after the newest value of the campaigns it
    reports on: both were stamped with the time taken at the start of quickstart, before the
    demonstration grids were imported and the farm audited (seconds later)."""
    for name in ("demo-2026", "demo-audit"):
        report = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        stamped = datetime.fromisoformat(report["generated_at"])
        shown = [
            report["campaign"],
            *([report["comparison"]["before"]] if name == "demo-2026" else []),
        ]
        newest = Assessment.objects.filter(campaign__name__in=shown).aggregate(t=Max("created_at"))
        # generated_at is to the second (UTC, as the open data): the cells' times too
        assert stamped >= newest["t"].replace(microsecond=0), (name, stamped, newest["t"])


@pytest.mark.django_db(transaction=True)
def test_quickstart_runs_end_to_end_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], settings
) -> None:
    call_command("quickstart", "--out", str(tmp_path), "--no-serve")
    first = capsys.readouterr().out
    assert "demo-2014 : 216 cellules importées" in first
    # a first run audits every site of the farm: no « 0 déjà audités » to read as a failure
    assert re.search(r"demo-audit : ferme de 6 sites fictifs, \d+ pages explorées ; ", first)
    assert f"Rapport écrit : {tmp_path / 'demo-2026.html'}" in first
    assert "Données de démonstration — pas une mesure réelle." in first

    report = json.loads((tmp_path / "demo-2026.json").read_text(encoding="utf-8"))
    assert report["is_demo"] is True
    assert report["campaign"] == "demo-2026"
    assert (report["communes"], report["cells"], report["not_applicable_cells"]) == (12, 216, 3)
    assert report["mean_level"] == pytest.approx(_expected_mean("demo-2026"))
    assert report["comparison"]["mean_before"] == pytest.approx(_expected_mean("demo-2014"))
    assert report["comparison"]["by_domain"]["famille"]["p_value"] < 0.05
    _assert_documented_example(report)
    _assert_decided_after_creation()
    _assert_stamped_after_its_cells(tmp_path)
    html = (tmp_path / "demo-2026.html").read_text(encoding="utf-8")
    assert "Données de démonstration — pas une mesure réelle" in html
    assert "Site non servi (--no-serve)" in first
    # the survey's report as CSV beside the others, and where its PDF and CSV are: quickstart
    # said nothing of them (the PDF is not written: five seconds of layout)
    survey_csv = tmp_path / "enquete-demo-enquete-2026.csv"
    assert f"Rapport écrit\u00a0: {survey_csv}" in first and survey_csv.read_text(encoding="utf-8")
    assert (
        "rapport PDF et résultats CSV\u00a0: liens en haut de la page "
        "http://127.0.0.1:8000/enquete/rapport/demo-enquete-2026/\u00a0; le PDF en ligne de "
        "commande\u00a0: «\u00a0barometre survey report --campaign demo-enquete-2026 --format "
        f"pdf --out {tmp_path.resolve()}\u00a0»."
    ) in first
    # and where the programmes are: quickstart imported them and said nothing of where to read them
    assert (
        "Programmes électoraux de démonstration (2026 comparé à 2014)\u00a0: page "
        "http://127.0.0.1:8000/programmes/2026/demonstration/\u00a0; le rapport en ligne de "
        "commande\u00a0: «\u00a0barometre programmes report --election 2026 --compare 2014 "
        f"--demo --out {tmp_path.resolve() / 'programmes-demo-2026.html'}\u00a0»."
    ) in first
    assert "identifiant « coordinateur-demo »" in first
    # the demonstration's programmes of two elections, so that the pages compare them
    for election in (2014, 2026):
        assert Programme.objects.filter(election=election, is_demo=True).count() == 5
        assert Programme.objects.filter(election=election, mentions_digital=True).exists()

    call_command(
        "quickstart", "--out", str(tmp_path), "--no-serve"
    )  # idempotent: nothing imported twice
    again = capsys.readouterr().out
    assert "demo-2014 : déjà importée" in again
    assert "coordinateur-demo" not in again  # the password is shown once
    report = json.loads((tmp_path / "demo-2026.json").read_text(encoding="utf-8"))
    assert report["cells"] == 216
    assert Programme.objects.count() == 10

    # production settings: only when asked, and no account (its password would land in a log)
    User.objects.filter(username=DEMO_AUDITOR).delete()
    settings.PRODUCTION = True
    call_command("quickstart", "--out", str(tmp_path), "--no-serve", "--production")
    production = capsys.readouterr().out
    assert "Données de démonstration — pas une mesure réelle." in production
    assert "mot de passe «" not in production
    assert "pas de compte de démonstration en production" in production
    assert not User.objects.filter(username=DEMO_AUDITOR).exists()


@pytest.mark.django_db
def test_quickstart_with_production_settings_refuses_unless_asked(settings, tmp_path: Path) -> None:
    settings.PRODUCTION = True
    with pytest.raises(BarometreError, match="relancez avec --production"):
        call_command("quickstart", "--out", str(tmp_path), "--no-serve")
    assert not Campaign.objects.exists() and not User.objects.exists()


@pytest.mark.django_db
def test_quickstart_never_writes_into_a_real_campaign_of_the_same_name() -> None:
    communes = [CommuneFactory(code=code) for code in DEMO_COMMUNES.split(",")]
    CampaignFactory(name="demo-2014", communes=communes, spec=DEMO_COMMUNES)
    with pytest.raises(BarometreError, match="ne contient pas de données de démonstration"):
        _demo_campaign("demo-2014", now=timezone.now())


@pytest.mark.django_db
def test_quickstart_refuses_a_port_already_taken_before_loading_anything(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(BarometreError, match=f"Le port {port} est déjà utilisé"):
            call_command("quickstart", "--out", str(tmp_path), "--port", str(port))
    assert not Campaign.objects.exists() and not list(tmp_path.iterdir())


@pytest.mark.django_db
def test_quickstart_refuses_an_out_that_is_a_file_in_french(tmp_path: Path) -> None:
    """`--out rapport.html` (a file, not a folder): a traceback (FileExistsError), and the file
    is left as it was."""
    report = tmp_path / "rapport.html"
    report.write_text("<p>mon rapport</p>", encoding="utf-8")
    with pytest.raises(BarometreError, match="c'est un fichier\u00a0; donnez un autre dossier"):
        call_command("quickstart", "--out", str(report), "--no-serve")
    assert report.read_text(encoding="utf-8") == "<p>mon rapport</p>"
    assert not Campaign.objects.exists()
