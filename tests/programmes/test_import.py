"""Importing programmes: per-file transactions, import report, duplicates, replacement."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from barometre.programmes import services as services_module
from barometre.programmes.analysis import load_themes
from barometre.programmes.ingestion import Limits
from barometre.programmes.manifest import ProgrammeMeta
from barometre.programmes.models import Programme, ProgrammeSentence
from barometre.programmes.outcomes import ALREADY, DUPLICATE, IMPORTED, NO_TEXT, REFUSED, REPLACED
from barometre.programmes.services import programme_import_file, programmes_import_folder
from barometre.programmes.synthetic import pdf_bytes
from tests.programmes.conftest import DIGITAL_PAGE, PLAIN_PAGE

pytestmark = pytest.mark.django_db

Writer = Callable[..., Path]
META = ProgrammeMeta("69123", 2020, "Ensemble", "Jeanne Martin", 1, True)


def test_a_file_is_imported_with_its_analysis_and_evidence(
    communes: object, write_file: Writer
) -> None:
    outcome = programme_import_file(path=write_file("ensemble.pdf"), meta=META)

    assert outcome.status == IMPORTED
    programme = Programme.objects.get(pk=outcome.programme_id)
    assert (programme.commune_id, programme.election, programme.list_name) == (
        "69123",
        2020,
        "Ensemble",
    )
    assert programme.won and programme.head_of_list == "Jeanne Martin"
    assert programme.format == "pdf" and programme.page_count == 1
    assert programme.mentions_digital and "guichet_unique" in programme.themes
    assert programme.tokens > 30 and len(programme.text_sha256) == 64
    evidence = list(programme.sentences.all())
    assert evidence and all(s.themes for s in evidence)
    assert any("guichet unique" in s.text for s in evidence)
    assert all(programme.text[s.start : s.end] == s.text for s in evidence)
    assert not any("navette" in s.text for s in evidence)


def test_a_programme_without_digital_is_stored_without_evidence(
    communes: object, write_file: Writer
) -> None:
    outcome = programme_import_file(
        path=write_file("plain.txt", [PLAIN_PAGE, PLAIN_PAGE]), meta=META
    )

    programme = Programme.objects.get(pk=outcome.programme_id)
    assert not programme.mentions_digital and programme.themes == []
    assert not ProgrammeSentence.objects.exists()


def _manifest(folder: Path, rows: list[str]) -> Path:
    path = folder / "manifeste.csv"
    path.write_text(
        "file,insee,election,list_name,head_of_list,round,won\n" + "\n".join(rows) + "\n"
    )
    return path


def test_manifest_import_goes_on_past_bad_rows_and_files(
    communes: object, write_file: Writer, tmp_path: Path
) -> None:
    write_file("a.pdf")
    write_file("b.html", [PLAIN_PAGE, DIGITAL_PAGE])
    write_file("c.docx", [PLAIN_PAGE, PLAIN_PAGE])
    write_file("scan.pdf", data=pdf_bytes([DIGITAL_PAGE], image_only=True))
    write_file("chiffre.pdf", data=b"%PDF-1.4 garbage")
    write_file("vide.txt", data=b"")
    manifest = _manifest(
        tmp_path,
        [
            "a.pdf,69123,2020,Liste A,,1,1",
            "b.html,69123,2020,Liste B",
            "chiffre.pdf,69123,2020,Liste C",
            "absent.pdf,69123,2020,Liste D",
            "c.docx,38185,2020,Liste E",
            "vide.txt,38185,2020,Liste F",
            "a.pdf,99999,2020,Liste G",
            "a.pdf,ABC,2020,Liste H",
            "scan.pdf,01004,2020,Liste I",
        ],
    )

    report = programmes_import_folder(manifest=manifest)

    statuses = {o.line: o.status for o in report.outcomes}
    assert statuses == {
        2: IMPORTED,
        3: IMPORTED,
        4: REFUSED,
        5: REFUSED,
        6: IMPORTED,
        7: REFUSED,
        8: REFUSED,
        9: REFUSED,
        10: NO_TEXT,
    }
    messages = {o.line: o.message for o in report.outcomes}
    assert "PDF illisible" in messages[4]
    assert "introuvable" in messages[5]
    assert "vide" in messages[7]
    assert "commune 99999 inconnue" in messages[8]
    assert "code INSEE" in messages[9]
    assert "PDF sans couche texte" in messages[10]
    assert set(Programme.objects.values_list("list_name", flat=True)) == {
        "Liste A",
        "Liste B",
        "Liste E",
        "Liste I",
    }
    scan = Programme.objects.get(list_name="Liste I")
    assert scan.status == "no_text" and scan.page_count == 1 and scan.text == ""
    assert "4 refusé" not in report.summary() and "5 refusé" in report.summary()


def test_a_later_bad_import_loses_nothing(
    communes: object, write_file: Writer, tmp_path: Path
) -> None:
    write_file("a.pdf")
    programmes_import_folder(manifest=_manifest(tmp_path, ["a.pdf,69123,2020,Liste A"]))
    write_file("bombe.docx", data=b"PK\x03\x04" + b"\x00" * 100)
    write_file("b.txt", [PLAIN_PAGE])

    report = programmes_import_folder(
        manifest=_manifest(tmp_path, ["bombe.docx,69123,2020,Liste B", "b.txt,69123,2020,Liste C"])
    )

    assert [o.status for o in report.outcomes] == [REFUSED, IMPORTED]
    assert set(Programme.objects.values_list("list_name", flat=True)) == {"Liste A", "Liste C"}
    assert ProgrammeSentence.objects.filter(programme__list_name="Liste A").exists()


def test_duplicates_are_detected(communes: object, write_file: Writer) -> None:
    first = programme_import_file(path=write_file("a.pdf"), meta=META)
    again = programme_import_file(path=write_file("a.pdf"), meta=META)
    same_text_as_docx = programme_import_file(
        path=write_file("a.docx"), meta=ProgrammeMeta("69123", 2020, "Autre liste")
    )
    elsewhere = programme_import_file(
        path=write_file("a.txt"), meta=ProgrammeMeta("38185", 2020, "Liste voisine")
    )

    assert again.status == ALREADY and again.programme_id == first.programme_id
    assert same_text_as_docx.status == DUPLICATE and "Ensemble" in same_text_as_docx.message
    assert elsewhere.status == IMPORTED and "texte identique" in elsewhere.message
    assert Programme.objects.get(pk=elsewhere.programme_id).duplicate_of_id == first.programme_id
    assert Programme.objects.count() == 2


def test_another_text_for_the_same_list_needs_replace(communes: object, write_file: Writer) -> None:
    first = programme_import_file(path=write_file("a.pdf"), meta=META)
    other = write_file("b.pdf", [PLAIN_PAGE, PLAIN_PAGE])

    refused = programme_import_file(path=other, meta=META)
    assert refused.status == REFUSED and "--replace" in refused.message
    assert Programme.objects.get().pk == first.programme_id

    replaced = programme_import_file(path=other, meta=META, replace=True)
    assert replaced.status == REPLACED
    programme = Programme.objects.get()
    assert programme.source_name == "b.pdf" and not programme.mentions_digital
    assert not ProgrammeSentence.objects.exists()
    # the same number: /api/v1/programmes/<id> links made before the replacement still hold
    assert replaced.programme_id == first.programme_id == programme.pk
    assert programme.themes == [] and programme.tokens > 0 and not programme.disruptive


def test_a_list_is_known_whatever_its_capitals_and_spaces_when_imported_again(
    communes: object, write_file: Writer
) -> None:
    """The reports count « Ensemble » and « ENSEMBLE » as one list: another text imported under
    the name written otherwise is another text for the same list, not a second list."""
    first = programme_import_file(path=write_file("a.pdf"), meta=META)
    other = write_file("b.pdf", [PLAIN_PAGE, PLAIN_PAGE])
    shouted = dataclasses.replace(META, list_name="ENSEMBLE ")

    refused = programme_import_file(path=other, meta=shouted)
    assert refused.status == REFUSED and "--replace" in refused.message
    assert Programme.objects.get().pk == first.programme_id
    again = programme_import_file(path=write_file("a.pdf"), meta=shouted)
    assert again.status == ALREADY and again.programme_id == first.programme_id


def test_page_cap_is_passed_to_ingestion(communes: object, write_file: Writer) -> None:
    path = write_file("long.pdf", [PLAIN_PAGE] * 4)
    outcome = programme_import_file(path=path, meta=META, limits=Limits(max_pages=3))
    assert outcome.status == REFUSED and "4 pages" in outcome.message
    assert not Programme.objects.exists()


def test_files_read_in_a_helper_process_give_the_same_outcomes(
    communes: object, write_file: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("barometre.programmes.services.CHUNK_FILES", 2)  # three batches
    write_file("a.pdf")
    write_file("b.txt", [PLAIN_PAGE, PLAIN_PAGE])
    write_file("c.html", [PLAIN_PAGE, DIGITAL_PAGE])
    write_file("d.pdf", data=b"%PDF-1.4 garbage")
    write_file("e.docx", [DIGITAL_PAGE, PLAIN_PAGE])
    manifest = _manifest(
        tmp_path,
        [
            "a.pdf,69123,2020,A",
            "b.txt,69123,2020,B",
            "c.html,69123,2020,C",
            "d.pdf,69123,2020,D",
            "e.docx,38185,2020,E",
        ],
    )

    report = programmes_import_folder(manifest=manifest, workers=1)

    assert [o.status for o in report.outcomes] == [IMPORTED, IMPORTED, IMPORTED, REFUSED, IMPORTED]
    assert "PDF illisible" in report.outcomes[3].message
    assert Programme.objects.get(list_name="C").mentions_digital


def test_running_an_interrupted_import_again_skips_what_is_stored(
    communes: object, write_file: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_file("a.pdf")
    write_file("b.txt", [PLAIN_PAGE, PLAIN_PAGE])
    manifest = _manifest(tmp_path, ["a.pdf,69123,2020,A", "b.txt,69123,2020,B"])
    programmes_import_folder(manifest=manifest)
    read: list[Path] = []
    real = services_module.BatchReader.submit

    def spy(self: object, paths: list[Path]) -> object:
        read.extend(paths)
        return real(self, paths)  # type: ignore[arg-type]

    monkeypatch.setattr(services_module.BatchReader, "submit", spy)
    report = programmes_import_folder(manifest=manifest)

    assert [o.status for o in report.outcomes] == [ALREADY, ALREADY]
    assert read == []  # neither file was read again
    assert Programme.objects.count() == 2


def test_importing_the_same_file_again_takes_corrected_metadata(
    communes: object, write_file: Writer
) -> None:
    path = write_file("a.pdf")
    first = programme_import_file(path=path, meta=META)
    corrected = ProgrammeMeta("69123", 2020, "Ensemble", "Jeanne Martin-Durand", 1, False)

    again = programme_import_file(path=path, meta=corrected)

    assert again.status == ALREADY and again.programme_id == first.programme_id
    # from what to what: « élue » alone did not say whether the list now won or lost
    assert again.message == (
        "mis à jour : tête de liste (« Jeanne Martin » → « Jeanne Martin-Durand »), "
        "élue (oui → non)"
    )
    programme = Programme.objects.get()
    assert (programme.head_of_list, programme.won) == ("Jeanne Martin-Durand", False)


def test_a_manifest_without_optional_columns_leaves_stored_values_alone(
    communes: object, write_file: Writer, tmp_path: Path
) -> None:
    write_file("a.pdf")
    programme_import_file(path=tmp_path / "a.pdf", meta=META)  # head and won given
    bare = _manifest(tmp_path, ["a.pdf,69123,2020,Ensemble"])
    bare.write_text("file,insee,election,list_name\na.pdf,69123,2020,Ensemble\n", "utf-8")

    again = programmes_import_folder(manifest=bare).outcomes[0]

    assert again.status == ALREADY and again.message == ""
    programme = Programme.objects.get()
    assert (programme.head_of_list, programme.won) == ("Jeanne Martin", True)
    write_file("a.pdf", [PLAIN_PAGE, PLAIN_PAGE])  # another text, --replace
    replaced = programmes_import_folder(manifest=bare, replace=True).outcomes[0]
    assert replaced.status == REPLACED
    programme = Programme.objects.get()
    assert (programme.head_of_list, programme.won) == ("Jeanne Martin", True)


def test_two_lists_marked_won_are_imported_with_a_warning(
    communes: object, write_file: Writer
) -> None:
    programme_import_file(path=write_file("a.pdf"), meta=META)
    other = ProgrammeMeta("69123", 2020, "Autre liste", "", 1, True)

    outcome = programme_import_file(path=write_file("b.txt", [PLAIN_PAGE]), meta=other)

    assert outcome.status == IMPORTED
    assert "« Ensemble » est aussi marquée élue" in outcome.message
    round_2 = ProgrammeMeta("69123", 2020, "ensemble", "", 2, True)  # the same list, round 2
    outcome = programme_import_file(
        path=write_file("c.txt", [PLAIN_PAGE, DIGITAL_PAGE]), meta=round_2
    )
    assert "« Autre liste »" in outcome.message and "« Ensemble »" not in outcome.message


def test_a_year_of_no_general_election_is_imported_as_a_by_election_with_a_warning(
    communes: object, write_file: Writer
) -> None:
    by_election = ProgrammeMeta("69123", 2019, "Ensemble", "", 1, False)

    outcome = programme_import_file(path=write_file("a.pdf"), meta=by_election)

    assert outcome.status == IMPORTED and Programme.objects.get().election == 2019
    assert "2019 n'est pas une année d'élections municipales générales" in outcome.message
    assert "2014, 2020, 2026, 2032) ; programme gardé comme élection partielle" in outcome.message
    general = ProgrammeMeta("69123", 2020, "Ensemble", "", 1, False)
    outcome = programme_import_file(path=write_file("b.pdf"), meta=general)
    assert outcome.status == IMPORTED and "élection partielle" not in outcome.message


def test_a_text_the_analysis_breaks_on_is_refused_in_french(
    communes: object, write_file: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    """The refusal read « analyse en échec (AttributeError : 'NoneType' object has no attribute
    'verbs') »: Python's English. No themes file the import reads can break the analysis (every
    file is validated first), so a theme set with one part missing stands for the bug."""
    broken = dataclasses.replace(load_themes(), commitment=None)

    outcome = programme_import_file(path=write_file("ensemble.pdf"), meta=META, themes=broken)

    assert outcome.status == REFUSED
    assert outcome.message.startswith("le texte a été lu mais son analyse automatique a échoué")
    assert "rien n'est enregistré pour ce fichier" in outcome.message
    assert "AttributeError" not in outcome.message and "NoneType" not in outcome.message
    assert not Programme.objects.exists()
    assert "AttributeError" in caplog.text and "ensemble.pdf" in caplog.text  # the detail
