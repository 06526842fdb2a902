"""`barometre programmes import | report | classify` end to end."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.core.errors import BarometreError
from barometre.programmes.models import Programme
from tests.programmes.conftest import PLAIN_PAGE

pytestmark = pytest.mark.django_db
Writer = Callable[..., Path]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("programmes", *args, stdout=out)
    return out.getvalue()


def test_import_one_file_then_report_in_every_format(
    communes: object, write_file: Writer, tmp_path: Path
) -> None:
    path = write_file("ensemble.pdf")
    printed = run(
        "import",
        str(path),
        "--commune",
        "69123",
        "--election",
        "2020",
        "--list",
        "Ensemble",
        "--head",
        "Jeanne Martin",
        "--won",
    )
    assert "ensemble.pdf : importé" in printed
    assert Programme.objects.get().won

    for fmt in ("html", "json", "csv"):
        out = tmp_path / f"rapport.{fmt}"
        printed = run("report", "--election", "2020", "--format", fmt, "--out", str(out))
        assert "1 programme sur 1 parle de numérique" in printed
        assert out.stat().st_size > 0
    assert json.loads((tmp_path / "rapport.json").read_text())["summary"]["digital"]["count"] == 1


def test_import_manifest_prints_each_outcome(
    communes: object, write_file: Writer, tmp_path: Path
) -> None:
    write_file("a.txt", [PLAIN_PAGE, PLAIN_PAGE])
    manifest = tmp_path / "manifeste.csv"
    manifest.write_text("fichier;code_insee;annee;liste\na.txt;69123;2020;A\nb.pdf;69123;2020;B\n")

    printed = run("import", "--manifest", str(manifest))

    assert "ligne 2 — a.txt : importé" in printed
    assert "ligne 3 — b.pdf : refusé : fichier introuvable" in printed
    assert "2 fichiers : 1 importé, 1 refusé" in printed


def test_import_errors_are_clean(communes: object, write_file: Writer) -> None:
    with pytest.raises(BarometreError, match="options manquantes : --election, --list"):
        run("import", str(write_file("a.pdf")), "--commune", "69123")
    with pytest.raises(BarometreError, match="aucun fichier importé"):
        run(
            "import",
            str(write_file("vide.pdf", data=b"")),
            "--commune",
            "69123",
            "--election",
            "2020",
            "--list",
            "A",
        )
    with pytest.raises(BarometreError, match="aucun programme importé pour 2020"):
        run("report", "--election", "2020", "--out", "/tmp/nothing.html")


def test_classify_excerpts(tmp_path: Path) -> None:
    source = tmp_path / "extraits.jsonl"
    source.write_text(
        json.dumps(
            {"id": "a", "text": "Nous créerons un guichet unique en ligne pour les démarches."}
        )
        + "\n\n"
        + json.dumps({"id": 2, "text": "Nous planterons cent arbres."})
        + "\n",
        encoding="utf-8",
    )
    output = tmp_path / "sortie.jsonl"

    assert "2 extraits classés" in run("classify", "--input", str(source), "--output", str(output))

    lines = [json.loads(line) for line in output.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", 2]
    assert set(lines[0]) == {"id", "mentions_digital", "themes", "disruptive", "evidence"}
    assert lines[0]["mentions_digital"] and "guichet_unique" in lines[0]["themes"]
    assert lines[0]["evidence"][0]["text"].startswith("Nous créerons un guichet unique")
    assert lines[1] == {
        "id": 2,
        "mentions_digital": False,
        "themes": [],
        "disruptive": False,
        "evidence": [],
    }


def test_classify_bad_line_leaves_no_output(tmp_path: Path) -> None:
    source = tmp_path / "extraits.jsonl"
    source.write_text('{"id": 1, "text": "Un site internet."}\n{pas du json\n', encoding="utf-8")
    output = tmp_path / "sortie.jsonl"

    with pytest.raises(BarometreError, match="ligne 2 : JSON illisible"):
        run("classify", "--input", str(source), "--output", str(output))
    assert not output.exists() and not list(tmp_path.glob("*.partial"))


def test_reanalyse_restores_results_and_evidence(communes: object, write_file: Writer) -> None:
    run(
        "import",
        str(write_file("a.pdf")),
        "--commune",
        "69123",
        "--election",
        "2020",
        "--list",
        "A",
    )
    programme = Programme.objects.get()
    expected = (programme.themes, list(programme.sentences.values_list("text", flat=True)))
    programme.sentences.all().delete()
    Programme.objects.update(themes=[], mentions_digital=False, tokens=0)

    assert "1 programme relu." in run("reanalyse", "--election", "2020")

    programme.refresh_from_db()
    assert programme.mentions_digital and programme.tokens > 0
    assert (programme.themes, list(programme.sentences.values_list("text", flat=True))) == expected


def test_import_summary_agrees_in_number() -> None:
    from barometre.programmes.outcomes import IMPORTED, REFUSED, FileOutcome, ImportReport

    report = ImportReport(
        (*(FileOutcome(f"{i}.txt", IMPORTED) for i in range(3)), FileOutcome("x", REFUSED)), 1.0
    )
    assert report.summary() == "4 fichiers : 3 importés, 1 refusé"
