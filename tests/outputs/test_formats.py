"""CSV, XLSX and HTML reports, and the `barometre report` command."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from barometre.cli import main
from barometre.core.errors import BarometreError
from barometre.outputs.html_report import vendor_js
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory

NOW = datetime(2026, 3, 1, tzinfo=UTC)
RENDER_JS = Path(__file__).with_name("render_charts.js")


def _write(tmp_path: Path, fmt: str, compare: str | None = "2014") -> Path:
    (path,) = report_write(
        campaign="2026", compare=compare, formats=[fmt], out=tmp_path / f"r.{fmt}", now=NOW
    )
    return path


def test_csv_one_row_per_city_with_levels(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    with _write(tmp_path, "csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["commune_code"] for r in rows] == ["90001", "90002", "90003"]
    first, second = rows[0], rows[1]
    assert (first["rank"], first["inscription-scolaire"], first["bibliotheque"]) == ("1", "5", "0")
    assert float(first["mean_level"]) == pytest.approx(13 / 18)
    assert second["stationnement-resident"] == "na"
    assert second["not_applicable_cells"] == "1"
    assert float(first["mean_change"]) == pytest.approx(11 / 18)
    assert first["paired_cells"] == "18"


def test_xlsx_sheets(after: Campaign, before: Campaign, tmp_path: Path) -> None:
    book = load_workbook(_write(tmp_path, "xlsx"), read_only=True)
    assert book.sheetnames == [
        "Synthèse",
        "Communes",
        "Communes × services",
        "Services",
        "Non mesurées",
        "Évolution",
    ]
    cities = list(book["Communes"].iter_rows(values_only=True))
    assert cities[1][:3] == (1, "90001", "Aville")
    grid = list(book["Communes × services"].iter_rows(values_only=True))
    header = list(grid[1])  # under the line that says what a cell holds
    assert grid[3][header.index("Carte de stationnement résident")] == "s.o."
    book.close()


def _specs(html: str) -> dict:  # type: ignore[type-arg]
    found = re.search(
        r'<script id="barometre-chart-specs" type="application/json">(.*?)</script>', html, re.S
    )
    assert found is not None
    return json.loads(found.group(1))


def test_html_is_self_contained_and_french(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    html = _write(tmp_path, "html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    assert vendor_js() in html  # Vega inlined, not fetched
    own = html.replace(vendor_js(), "")
    assert not re.search(r"<script[^>]+src=|<link\b|<img\b|@import|url\(|//cdn", own)
    assert "Données de démonstration" not in html
    assert "{#" not in own and "#}" not in own  # a template comment is never printed
    assert "0,43" in html  # mean level 15/35 in French notation, rounded
    assert "Classement des communes" in html and "Aville" in html
    # every cell was imported: the key figures say so, and the note on automatic cells is left
    # out (tests/outputs/test_origins.py has a campaign with automatic cells)
    assert (
        "propositions automatiques non relues" in html
        and "0\u00a0sur\u00a036 cellules mesurées ; 35 niveaux importés, 1 « sans objet » importé"
        in html
    )
    assert "il retient le bon niveau dans" not in html
    assert set(_specs(html)) == {
        "distribution",
        "domains",
        "change",
        "heatmap",
        "ranking",
        "city-change",
    }


def test_html_without_comparison_has_no_change_charts(after: Campaign, tmp_path: Path) -> None:
    html = _write(tmp_path, "html", compare=None).read_text(encoding="utf-8")
    assert set(_specs(html)) == {"distribution", "domains", "heatmap", "ranking"}
    assert "Évolution" not in html


def test_demo_campaign_carries_the_banner(after: Campaign, tmp_path: Path) -> None:
    Campaign.objects.filter(pk=after.pk).update(is_demo=True)
    html = _write(tmp_path, "html", compare=None).read_text(encoding="utf-8")
    assert "Données de démonstration — pas une mesure réelle" in html
    report = json.loads(_write(tmp_path, "json", compare=None).read_text(encoding="utf-8"))
    assert report["is_demo"] is True


def test_the_demo_banner_is_a_notice_not_an_alert(after: Campaign, tmp_path: Path) -> None:
    """role="alert" is a live region: a screen reader breaks in with it as the page loads. The
    banner is there from the start and stays: a notice (the DSFR's fr-notice, no role), read
    in its place, first in the header."""
    from selectolax.lexbor import LexborHTMLParser

    Campaign.objects.filter(pk=after.pk).update(is_demo=True)
    html = _write(tmp_path, "html", compare=None).read_text(encoding="utf-8")
    tree = LexborHTMLParser(html)
    assert not tree.css('[role="alert"], [role="status"], [aria-live]')
    banner = tree.css_first("header > .fr-notice")
    assert banner is not None and banner.attributes.get("role") is None
    title = banner.css_first(".fr-notice__title").text()
    assert "Données de démonstration — pas une mesure réelle" in title


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Vega")
def test_every_chart_compiles_and_renders_with_the_vendored_vega(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    html = _write(tmp_path, "html").read_text(encoding="utf-8")
    specs = tmp_path / "specs.json"
    specs.write_text(json.dumps(_specs(html)), encoding="utf-8")
    result = subprocess.run(
        ["node", str(RENDER_JS), str(specs)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    rendered = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert set(rendered) == set(_specs(html))
    assert all(problems == "[]" for problems in rendered.values()), rendered


def test_report_command_writes_every_format(
    after: Campaign, before: Campaign, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rapports"
    out.mkdir()
    call_command(
        "report",
        "--campaign",
        "2026",
        "--compare",
        "2014",
        "--format",
        "json",
        "--format",
        "csv",
        "--out",
        str(out),
    )
    assert sorted(p.name for p in out.iterdir()) == ["2026.csv", "2026.json"]
    assert "Rapport écrit" in capsys.readouterr().out


def test_several_formats_into_a_file_name_are_refused(after: Campaign, tmp_path: Path) -> None:
    """`--out rapport.html --format html --format json` made a folder named « rapport.html »
    holding 2026.html and 2026.json: refused, with the folder to give, nothing written."""
    out = tmp_path / "rapport.html"
    with pytest.raises(BarometreError) as refused:
        call_command(
            "report",
            "--campaign",
            "2026",
            "--format",
            "html",
            "--format",
            "json",
            "--out",
            str(out),
        )
    said = str(refused.value)
    assert "--out " + str(out) + " nomme un fichier .html" in said, said
    assert f"«\u00a0--out {tmp_path / 'rapport'}\u00a0»" in said and "Rien n'a été écrit" in said
    assert list(tmp_path.iterdir()) == []


def test_report_command_refuses_an_unknown_campaign(
    after: Campaign, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(BarometreError, match="Campagne inconnue : « 2030 »"):
        call_command("report", "--campaign", "2030", "--out", str(tmp_path / "r.html"))
    with pytest.raises(SystemExit) as exit_info:  # from the console: a French line, exit 1
        main(["report", "--campaign", "2030", "--out", str(tmp_path / "r.html")])
    assert exit_info.value.code == 1
    assert "Erreur : Campagne inconnue : « 2030 ». Campagnes existantes : 2026." in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize("fmt", ["html", "json", "csv", "xlsx"])
def test_a_campaign_without_communes_still_gives_a_report(db, fmt: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    CampaignFactory(name="vide-avant")
    CampaignFactory(name="vide")
    (path,) = report_write(
        campaign="vide", compare="vide-avant", formats=[fmt], out=tmp_path / f"r.{fmt}", now=NOW
    )
    assert path.stat().st_size > 0


def test_report_refuses_a_comparison_with_itself_or_with_a_later_campaign(
    after: Campaign, before: Campaign, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Compared with itself, every change is 0; compared with a campaign measured after it, the
    change runs backwards (2,00 in 2026 « passe » to 1,27 in 2014: a decline that never was).
    Both are typing errors, refused before anything is written."""
    out = tmp_path / "r.json"
    with pytest.raises(BarometreError, match="la campagne du rapport elle-même"):
        report_write(campaign="2026", compare="2026", formats=["json"], out=out, now=NOW)
    before.measured_on, after.measured_on = date(2014, 3, 1), date(2026, 3, 1)
    before.save(update_fields=["measured_on"])
    after.save(update_fields=["measured_on"])
    (path,) = report_write(campaign="2026", compare="2014", formats=["json"], out=out, now=NOW)
    assert json.loads(path.read_text(encoding="utf-8"))["comparison"]["before"] == "2014"
    path.unlink()
    # last: the console closes the database connection when it ends
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--campaign", "2014", "--compare", "2026", "--format", "json",
              "--out", str(out)])  # fmt: skip
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "mesurée le 01/03/2026, après « 2014 » (mesurée le 01/03/2014)" in err
    assert "inversez --campaign et --compare" in err
    assert not out.exists()


def test_csv_numbers_never_print_an_exponent(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    """A tiny figure (a float residue of a change, a share of one cell in millions) is written
    with a dot and at most 6 decimals, as in the open data: never « 1.2e-05 », which a
    spreadsheet in French reads as text; a residue of zero is 0.0, not -0.0."""
    from dataclasses import replace

    from barometre.outputs.csv_report import csv_write
    from barometre.outputs.data import report_data
    from barometre.outputs.published import campaign_by_name

    data = report_data(
        campaign=campaign_by_name("2026"), reference=campaign_by_name("2014"), now=NOW
    )
    first, *others = data.scores.by_city
    tiny = replace(first, share_of_max=1.2e-05, share_fully_online=1e-06)
    change, *rest = data.comparison.by_city
    residue = replace(change, mean_change=-1.1102230246251565e-16)
    data = replace(
        data,
        scores=replace(data.scores, by_city=(tiny, *others)),
        comparison=replace(data.comparison, by_city=(residue, *rest)),
    )
    with csv_write(data, tmp_path / "r.csv").open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert (row["share_of_max"], row["share_fully_online"]) == ("0.000012", "0.000001")
    assert row["mean_change"] == "0.0"


_VILLE = re.compile(r"(?<![\w./-])villes?\b(?!\.test)", re.IGNORECASE)


def test_reports_say_commune_as_the_rest_of_the_product(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    """The web pages, the API and the open data say « commune »: so do the reports (the XLSX's
    « villes testées », « Villes » sheet, the HTML report's tables, captions and charts)."""
    html = _write(tmp_path, "html").read_text("utf-8")
    book = load_workbook(_write(tmp_path, "xlsx"), read_only=True)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    texts = {"html": html, "xlsx": "\n".join([*book.sheetnames, *cells])}
    book.close()
    texts["csv"] = _write(tmp_path, "csv").read_text("utf-8").splitlines()[0]
    found = {name: _VILLE.findall(text) for name, text in texts.items()}
    assert found == {"html": [], "xlsx": [], "csv": []}
    assert "communes testées" in texts["xlsx"] and "Classement des communes" in html


def test_report_takes_its_format_from_out_and_refuses_a_contradiction(
    after: Campaign, tmp_path: Path
) -> None:
    """`--out rapport.json` without --format wrote an HTML page into rapport.json (html is the
    default); now the extension names the format, and one that contradicts --format is
    refused before anything is written."""
    out = tmp_path / "rapport.json"
    call_command("report", "--campaign", "2026", "--out", str(out), stdout=StringIO())
    assert json.loads(out.read_text(encoding="utf-8"))["campaign"] == "2026"
    page = tmp_path / "rapport"  # no extension: html, the default
    call_command("report", "--campaign", "2026", "--out", str(page), stdout=StringIO())
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    wrong = tmp_path / "rapport.csv"
    with pytest.raises(BarometreError, match="fichier CSV, mais le format écrit est json"):
        call_command(
            "report", "--campaign", "2026", "--format", "json", "--out", str(wrong),
            stdout=StringIO(),
        )  # fmt: skip
    assert not wrong.exists()


def test_report_out_folder_writes_campaign_html_and_says_where(
    after: Campaign, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out DOSSIER` (a folder that exists) writes DOSSIER/CAMPAGNE.html; the help of --out
    says so, and the command prints the path it wrote."""
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "dossier existant où écrire CAMPAGNE.FORMAT" in help_text
    assert "(--out /tmp écrit /tmp/2026.html" in help_text
    call_command("report", "--campaign", "2026", "--out", str(tmp_path))
    written = tmp_path / "2026.html"
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert capsys.readouterr().out.strip() == f"Rapport écrit\u00a0: {written.resolve()}"
