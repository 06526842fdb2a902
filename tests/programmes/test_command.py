"""`barometre programmes import | report | classify` end to end."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.core.errors import BarometreError, ValidationFailed
from barometre.programmes.management.commands.programmes import Command
from barometre.programmes.models import Programme
from tests.programmes.conftest import PLAIN_PAGE

pytestmark = pytest.mark.django_db
Writer = Callable[..., Path]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("programmes", *args, stdout=out)
    return out.getvalue()


def import_args(path: Path, list_name: str = "A") -> list[str]:
    """`programmes import` of one file, a list of Lyon's 2020 election."""
    return ["import", str(path), "--commune", "69123", "--election", "2020", "--list", list_name]


def write_excerpts(tmp_path: Path, data: str | bytes) -> Path:
    """The excerpts file `programmes classify` reads (text written as UTF-8)."""
    source = tmp_path / "extraits.jsonl"
    if isinstance(data, str):
        source.write_text(data, encoding="utf-8")
    else:
        source.write_bytes(data)
    return source


@pytest.fixture
def no_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading spaCy fails the test: what it checks must be told before."""
    monkeypatch.setattr(Command, "_load_spacy", lambda self: pytest.fail("spaCy loaded first"))


def test_import_one_file_then_report_in_every_format(
    communes: object, write_file: Writer, tmp_path: Path
) -> None:
    path = write_file("ensemble.pdf")
    printed = run(*import_args(path, "Ensemble"), "--head", "Jeanne Martin", "--won")
    assert "ensemble.pdf : importé" in printed
    assert Programme.objects.get().won

    for fmt in ("html", "json", "csv"):
        out = tmp_path / f"rapport.{fmt}"
        printed = run("report", "--election", "2020", "--format", fmt, "--out", str(out))
        assert "1 programme sur 1 parle de numérique" in printed
        assert out.stat().st_size > 0
    assert json.loads((tmp_path / "rapport.json").read_text())["summary"]["digital"]["count"] == 1
    # without --format, the extension names the format (rapport.json held an HTML page)
    (tmp_path / "rapport.json").unlink()
    run("report", "--election", "2020", "--out", str(tmp_path / "rapport.json"))
    assert json.loads((tmp_path / "rapport.json").read_text())["election"] == 2020
    with pytest.raises(BarometreError, match="annonce un fichier JSON, mais le format écrit"):
        run("report", "--election", "2020", "--format", "csv", "--out", str(tmp_path / "r.json"))
    assert not (tmp_path / "r.json").exists()
    # « --out - »: the report on the standard output, the sentence on the error output
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "programmes", "report", "--election", "2020", "--format", "json", "--out", "-",
        stdout=out, stderr=err,
    )  # fmt: skip
    assert json.loads(out.getvalue())["election"] == 2020
    assert "écrit sur la sortie standard : 1 programme sur 1" in err.getvalue()
    # limited to one commune: the figure printed is the whole election's, and says so
    commune = tmp_path / "r-69123.html"
    printed = run("report", "--election", "2020", "--commune", "69123", "--out", str(commune))
    assert printed.endswith(
        "1 programme sur 1 parle de numérique (toute l'élection ; détail de la seule commune "
        "69123).\n"
    )
    assert commune.exists()
    assert not Path("-").exists()


def test_import_manifest_prints_each_outcome(
    communes: object, write_file: Writer, tmp_path: Path
) -> None:
    write_file("a.txt", [PLAIN_PAGE, PLAIN_PAGE])
    manifest = tmp_path / "manifeste.csv"
    manifest.write_text("fichier;code_insee;annee;liste\na.txt;69123;2020;A\nb.pdf;69123;2020;B\n")

    out = io.StringIO()
    refused = r"^1 fichier refusé \(voir ci-dessus\)\u00a0; les autres"
    with pytest.raises(BarometreError, match=refused):
        call_command("programmes", "import", "--manifest", str(manifest), stdout=out)
    printed = out.getvalue()

    assert Programme.objects.get().list_name == "A"  # the refused file cost the other nothing
    assert "ligne 2 — a.txt : importé" in printed
    assert "ligne 3 — b.pdf : refusé : fichier introuvable" in printed
    assert "2 fichiers : 1 importé, 1 refusé" in printed
    assert re.search(r"1 refusé en \d+,\d\u00a0s", printed)  # « s » never wraps alone


def test_a_manifest_line_naming_a_file_too_long_for_the_system_is_refused_alone(
    communes: object, write_file: Writer, tmp_path: Path
) -> None:
    """A file name over the system's limit (a pasted cell, found by fuzzing) raised OSError
    ENAMETOOLONG through the whole import: a trace, and nothing imported. It is one refused
    line, its name cut short."""
    write_file("a.txt", [PLAIN_PAGE, PLAIN_PAGE])
    manifest = tmp_path / "manifeste.csv"
    long_name = "b" * 5000 + ".txt"
    manifest.write_text(
        f"fichier;code_insee;annee;liste\na.txt;69123;2020;A\n{long_name};69123;2020;B\n"
    )
    out = io.StringIO()
    with pytest.raises(BarometreError, match="1 fichier refusé"):
        call_command("programmes", "import", "--manifest", str(manifest), stdout=out)
    printed = out.getvalue()
    assert Programme.objects.get().list_name == "A"
    assert "refusé\u00a0: fichier illisible (nom de fichier trop long)\u00a0: " in printed
    assert len(max(printed.splitlines(), key=len)) < 600  # the 5,000 characters are not repeated


def test_import_errors_are_clean(communes: object, write_file: Writer) -> None:
    with pytest.raises(BarometreError, match="options manquantes : --election, --list"):
        run("import", str(write_file("a.pdf")), "--commune", "69123")
    with pytest.raises(BarometreError, match="aucun fichier importé"):
        run(*import_args(write_file("vide.pdf", data=b"")))
    with pytest.raises(BarometreError, match="aucun programme importé pour 2020"):
        run("report", "--election", "2020", "--out", "/tmp/nothing.html")


DAMAGED_PDF = b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "data", "told"),
    [
        ("abime.pdf", DAMAGED_PDF, "PDF illisible : fichier corrompu"),
        ("abime.docx", None, "DOCX illisible : document Word corrompu"),
        ("menteur.docx", DAMAGED_PDF, "PDF illisible : fichier corrompu"),
        ("vide.docx", b"", "fichier vide"),
    ],
)
def test_a_damaged_file_is_refused_in_french_naming_it_and_nothing_is_stored(
    communes: object,
    write_file: Writer,
    capfd: pytest.CaptureFixture[str],
    name: str,
    data: bytes | None,
    told: str,
) -> None:
    """The import printed « PDF illisible (fichier corrompu ou tronqué : PdfReadError) », pypdf's
    English warnings, or a traceback (AttributeError) for a DOCX whose body is not Word XML."""
    if data is None:  # a DOCX whose main part has another root than <w:document>
        good = write_file("bon.docx").read_bytes()
        with zipfile.ZipFile(io.BytesIO(good)) as source:
            parts = {info.filename: source.read(info) for info in source.infolist()}
        parts["word/document.xml"] = b"<?xml version='1.0'?><autre/>"
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for part, content in parts.items():
                archive.writestr(part, content)
        data = out.getvalue()
    path = write_file(name, data=data)
    printed = io.StringIO()
    with pytest.raises(BarometreError, match="^aucun fichier importé$"):
        call_command("programmes", *import_args(path), stdout=printed)
    assert printed.getvalue().startswith(f"{path} : refusé : {told}")
    errors = capfd.readouterr().err
    assert "pypdf" not in errors and "Error" not in errors and "Traceback" not in errors
    assert not Programme.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("dossier", None, "est un dossier : donnez le fichier CSV du manifeste"),
        ("absent.csv", None, "manifeste introuvable"),
        ("latin.csv", b"file,insee,election,list_name\na.txt,69123,2020,Caf\xe9\n", "(ligne 2)"),
    ],
)
@pytest.mark.usefixtures("no_spacy")
def test_a_bad_manifest_is_told_before_spacy_loads(
    tmp_path: Path, name: str, data: bytes | None, message: str
) -> None:
    (tmp_path / "dossier").mkdir()
    if data is not None:
        (tmp_path / name).write_bytes(data)
    with pytest.raises(BarometreError, match=re.escape(message)):
        run("import", "--manifest", str(tmp_path / name))


@pytest.mark.usefixtures("no_spacy")
def test_a_manifest_whose_every_row_is_refused_never_loads_spacy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No programme to analyse: no « Chargement du modèle spaCy », no themes (which load the
    model too), five seconds saved; each row is still told, and the run fails."""
    from barometre.programmes import services

    monkeypatch.setattr(services, "load_themes", lambda: pytest.fail("themes loaded"))
    manifest = tmp_path / "manifeste.csv"
    manifest.write_text(
        "file,insee,election,list_name\na.pdf,99999x,2014,A\nb.pdf,69123,1800,B\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    with pytest.raises(BarometreError, match="aucun fichier importé"):
        call_command("programmes", "import", "--manifest", str(manifest), stdout=out)
    printed = out.getvalue()
    assert "ligne 2 — a.pdf : refusé" in printed.replace("\u00a0", " ")
    assert "ligne 3 — b.pdf : refusé" in printed.replace("\u00a0", " ")
    assert "2 refusés" in printed


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "donnez un fichier"),
        (["prog.txt", "--commune", "69123"], "options manquantes : --election, --list"),
        (["prog.txt", "--commune", "69123", "--election", "1800", "--list", "L"], "1800"),
    ],
)
@pytest.mark.usefixtures("no_spacy")
def test_a_bad_single_file_import_is_told_before_spacy_loads(argv: list[str], message: str) -> None:
    """A file, an option or a year missing was said after three seconds of « Chargement du
    modèle spaCy »."""
    with pytest.raises(BarometreError, match=re.escape(message)):
        run("import", *argv)


def test_classify_excerpts(tmp_path: Path) -> None:
    source = write_excerpts(
        tmp_path,
        json.dumps(
            {"id": "a", "text": "Nous créerons un guichet unique en ligne pour les démarches."}
        )
        + "\n\n"
        + json.dumps({"id": 2, "text": "Nous planterons cent arbres."})
        + "\n",
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
    source = write_excerpts(tmp_path, '{"id": 1, "text": "Un site internet."}\n{pas du json\n')
    output = tmp_path / "sortie.jsonl"

    with pytest.raises(BarometreError, match="ligne 2 : JSON invalide"):
        run("classify", "--input", str(source), "--output", str(output))
    assert not output.exists() and not list(tmp_path.glob("*.partial"))


def test_reanalyse_restores_results_and_evidence(communes: object, write_file: Writer) -> None:
    run(*import_args(write_file("a.pdf")))
    programme = Programme.objects.get()
    assert programme.read_at is not None  # the reading's date, for the report
    expected = (programme.themes, list(programme.sentences.values_list("text", flat=True)))
    programme.sentences.all().delete()
    long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    Programme.objects.update(themes=[], mentions_digital=False, tokens=0, read_at=long_ago)

    assert "1 programme relu." in run("reanalyse", "--election", "2020")

    programme.refresh_from_db()
    assert programme.mentions_digital and programme.tokens > 0
    assert programme.read_at is not None and programme.read_at > long_ago
    assert (programme.themes, list(programme.sentences.values_list("text", flat=True))) == expected


def test_import_summary_agrees_in_number() -> None:
    from barometre.programmes.outcomes import ALREADY, IMPORTED, REFUSED, FileOutcome, ImportReport

    report = ImportReport(
        (*(FileOutcome(f"{i}.txt", IMPORTED) for i in range(3)), FileOutcome("x", REFUSED)), 1.0
    )
    assert report.summary() == "4 fichiers : 3 importés, 1 refusé"
    # files already imported whose metadata the manifest changed are counted (« élue » fixed)
    again = ImportReport(
        (
            FileOutcome("a.pdf", ALREADY, "mis à jour\u00a0: élue (non → oui)"),
            FileOutcome("b.pdf", ALREADY, ""),
        ),
        0.5,
    )
    assert again.summary() == "2 fichiers\u00a0: 2 déjà importés (dont 1 mis à jour)"


def _classify_lines(tmp_path: Path, data: bytes) -> str:
    source = write_excerpts(tmp_path, data)
    output = tmp_path / "sortie.jsonl"
    with pytest.raises(ValidationFailed) as raised:
        run("classify", "--input", str(source), "--output", str(output))
    assert not output.exists()
    return str(raised.value)


def test_classify_names_the_file_line_in_french(tmp_path: Path) -> None:
    good = b'{"id": 1, "text": "Un site internet."}\n'
    assert "ligne 4 : JSON invalide (colonne 2 : nom de champ entre guillemets attendu)" in (
        _classify_lines(tmp_path, good + b"\n\n{id: 2}\n")
    )
    assert "ligne 4 : champ « text » manquant" in _classify_lines(
        tmp_path, good + b"\n  \n" + b'{"id": 2}\n'
    )
    assert "ligne 2 : encodage invalide (UTF-8 attendu" in _classify_lines(
        tmp_path, good + '{"id": 2, "text": "café"}\n'.encode("latin-1")
    )


@pytest.mark.parametrize("data", [b"", b"\n  \n"])
def test_classify_refuses_a_file_without_excerpts(tmp_path: Path, data: bytes) -> None:
    """An empty excerpts file wrote an empty output and said « 0 extrait classé »."""
    source = write_excerpts(tmp_path, data)
    output = tmp_path / "sortie.jsonl"
    with pytest.raises(BarometreError, match="fichier d'extraits sans aucun extrait") as raised:
        run("classify", "--input", str(source), "--output", str(output))
    assert "aucun résultat écrit" in str(raised.value)
    assert not output.exists() and not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize(
    ("data", "said"),
    [(b"", "sans aucun extrait"), (b"{id: 1}\n", "ligne 1\u00a0: JSON invalide")],
)
def test_classify_says_an_empty_or_bad_file_before_compiling_the_themes(
    tmp_path: Path, data: bytes, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty excerpts file, or one whose first line is not JSON, was said after the themes
    were compiled: 8 s of spaCy and patterns before « sans aucun extrait »."""

    def compiled() -> None:
        raise AssertionError("themes compiled before the first excerpt was read")

    monkeypatch.setattr("barometre.programmes.analysis.classify.load_themes", compiled)
    source = write_excerpts(tmp_path, data)
    with pytest.raises(BarometreError) as raised:  # ValidationFailed for a bad line
        run("classify", "--input", str(source), "--output", str(tmp_path / "sortie.jsonl"))
    assert said in str(raised.value)


def test_classify_says_a_folder_is_a_folder(tmp_path: Path) -> None:
    """A folder given as --input was « fichier d'extraits introuvable »."""
    with pytest.raises(BarometreError, match="est un dossier\u00a0: donnez le fichier d'extraits"):
        run("classify", "--input", str(tmp_path), "--output", str(tmp_path / "sortie.jsonl"))


def test_classify_refuses_a_lone_surrogate_with_its_line(tmp_path: Path) -> None:
    message = _classify_lines(tmp_path, b'\n{"id": 1, "text": "\\ud800 wifi"}\n')
    assert "ligne 2 : champ « text » : caractère U+D800 invalide à la position 1" in message


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("absent/sortie.jsonl", "dossier de sortie introuvable"),
        (".", "est un dossier : donnez un fichier de sortie"),
        ("./extraits.jsonl", "désigne le fichier d'extraits lui-même"),
        ("lien.jsonl", "désigne le fichier d'extraits lui-même"),
    ],
)
def test_classify_refuses_an_output_it_cannot_or_must_not_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    source = write_excerpts(tmp_path, '{"id": 1, "text": "Un site internet."}\n')
    (tmp_path / "lien.jsonl").symlink_to(source)
    with pytest.raises(BarometreError, match=re.escape(message)):
        run("classify", "--input", str(source), "--output", output)
    assert source.read_text(encoding="utf-8") == '{"id": 1, "text": "Un site internet."}\n'


def test_list_and_reanalyse_of_an_election_with_no_programme_name_those_there_are(
    communes: object, write_file: Writer
) -> None:
    run(*import_args(write_file("a.pdf")))
    # as the report says it: not « Aucun programme importé. » nor « 0 programme relu »
    told = "aucun programme importé pour 1999 \\(élections\u00a0: 2020\\)"
    with pytest.raises(BarometreError, match=told):
        run("list", "--election", "1999")
    with pytest.raises(BarometreError, match=told):
        run("reanalyse", "--election", "1999")
    assert "69123" in run("list", "--election", "2020")


def test_one_file_takes_its_source_and_publication_date_and_keeps_them_when_not_given(
    communes: object, write_file: Writer
) -> None:
    path = write_file("a.pdf")
    url = "https://liste-a.test/programme.pdf"
    run(*import_args(path), "--source-url", url, "--published-on", "15/02/2020")
    stored = Programme.objects.get()
    assert (stored.source_url, stored.published_on) == (url, dt.date(2020, 2, 15))
    run(*import_args(path))  # the same file without them: kept
    stored.refresh_from_db()
    assert (stored.source_url, stored.published_on) == (url, dt.date(2020, 2, 15))
    with pytest.raises(BarometreError, match="dans le futur"):
        run(*import_args(path), "--published-on", "2999-01-01")
    with pytest.raises(BarometreError, match="http:// ou https://"):
        run(*import_args(path), "--source-url", "ftp://liste-a.test/")


@pytest.mark.usefixtures("no_spacy")
def test_a_manifest_over_its_row_or_size_cap_is_refused(tmp_path: Path) -> None:
    """The manifest was read whole with no cap on its size or rows, unlike every other table
    an import reads: `--max-rows` and `--max-mb` bound it as they bound those."""
    manifest = tmp_path / "manifeste.csv"
    rows = "".join(f"{n}.pdf,99999x,2014,L{n}\n" for n in range(3))
    manifest.write_text(f"file,insee,election,list_name\n{rows}", encoding="utf-8")
    with pytest.raises(BarometreError) as error:
        run("import", "--manifest", str(manifest), "--max-rows", "2")
    assert str(error.value) == (
        f"manifeste refusé\u00a0: {manifest} a plus de 2 lignes de fichiers (--max-rows "
        "pour relever le plafond)"
    )
    manifest.write_bytes(manifest.read_bytes() + b"#" * 2**21)
    with pytest.raises(BarometreError) as error:
        run("import", "--manifest", str(manifest), "--max-mb", "1")
    assert str(error.value) == (
        f"manifeste refusé\u00a0: {manifest} fait 2\u00a0Mo, au-delà du plafond de 1\u00a0Mo "
        "(--max-mb pour le relever)"
    )
