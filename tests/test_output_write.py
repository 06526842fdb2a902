"""Every report, PDF and export is written through core.files.output_write: a French error
when the place is wrong or the disk full, never a traceback, a half file or a replaced device."""

from __future__ import annotations

import errno
import stat
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.core.errors import BarometreError
from barometre.core.files import output_write


def _text(content: str):  # type: ignore[no-untyped-def]
    return lambda target: target.write_text(content, encoding="utf-8")


def test_a_new_file_appears_whole_in_a_folder_made_for_it(tmp_path: Path) -> None:
    out = tmp_path / "rapports" / "2026" / "r.html"
    assert output_write(out, _text("<p>ok</p>"), what="le rapport") == out
    assert out.read_text(encoding="utf-8") == "<p>ok</p>"
    assert [p.name for p in out.parent.iterdir()] == ["r.html"]


def test_a_failed_write_keeps_the_earlier_file_and_leaves_no_partial(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("avant", encoding="utf-8")

    def full(target: Path) -> None:
        target.write_text("moit", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(BarometreError, match="« .*r.json » : plus de place sur le disque"):
        output_write(out, full, what="le rapport")
    assert out.read_text(encoding="utf-8") == "avant"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("fichier/r.html", "un fichier est là où le chemin demande un dossier"),
        ("fichier/sous/r.html", "un élément du chemin n'est pas un dossier"),
        (".", "c'est un dossier"),
    ],
)
def test_a_wrong_place_is_said_in_french(tmp_path: Path, where: str, reason: str) -> None:
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    with pytest.raises(BarometreError, match=reason):
        output_write(tmp_path / where, _text("x"), what="le rapport")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="Linux's /dev/full")
def test_a_device_is_written_in_place_never_replaced() -> None:
    with pytest.raises(BarometreError, match="plus de place sur le disque"):
        output_write(Path("/dev/full"), _text("x" * 10_000), what="le rapport")
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)
    output_write(Path("/dev/null"), _text("x"), what="le rapport")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert not list(Path("/dev").glob(".*.partiel*"))


@pytest.mark.django_db
def test_the_report_pdf_and_export_commands_say_why_they_cannot_write(tmp_path: Path) -> None:
    from tests.factories import CampaignFactory, CommuneFactory, set_cells

    commune = CommuneFactory(code="44109", name="Nantes", population=320_000)
    campaign = CampaignFactory(name="c", communes=[commune])
    set_cells(campaign, {("44109", "actes-etat-civil"): 2})
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    blocked = str(tmp_path / "fichier" / "sortie")
    for command in (
        ["report", "--campaign", "c", "--format", "json", "--out", blocked + ".json"],
        ["pdf", "--campaign", "c", "--out", blocked + ".pdf"],
        ["assessments", "export", "--campaign", "c", "--out", blocked + ".csv"],
    ):
        with pytest.raises(BarometreError, match="un fichier est là où le chemin demande"):
            call_command(*command)
    with pytest.raises(BarometreError, match="un élément du chemin n'est pas un dossier"):
        call_command("opendata", "export", "--campaign", "c", "--out", blocked)


def test_a_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    # /dev/stdout redirected to a file is such a link: renaming onto it replaced the link
    target = tmp_path / "vrai.txt"
    target.write_text("avant", encoding="utf-8")
    link = tmp_path / "lien.txt"
    link.symlink_to(target)
    output_write(link, _text("après"), what="le rapport")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "après"


def test_an_out_named_for_another_format_is_refused(tmp_path: Path) -> None:
    """`pdf --out rapport.html` wrote a PDF named .html; the reports' format follows --out."""
    from barometre.core.files import output_format

    with pytest.raises(BarometreError, match="fichier HTML, mais le format écrit est pdf"):
        call_command("pdf", "--campaign", "c", "--out", str(tmp_path / "rapport.html"))
    assert not (tmp_path / "rapport.html").exists()
    formats = ("html", "json", "csv")
    assert output_format(tmp_path / "r.json", None, formats, "html") == "json"
    assert output_format(tmp_path / "r.txt", None, formats, "html") == "html"
    assert output_format(tmp_path, "csv", formats, "html") == "csv"  # a folder
    refused = r"donnez un nom en \.html \(formats\u00a0: html, json"
    with pytest.raises(BarometreError, match=refused):
        output_format(tmp_path / "r.xlsx", None, formats, "html")
