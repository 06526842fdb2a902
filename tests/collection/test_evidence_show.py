"""`barometre evidence show`: what it says of missing or damaged archives and of bad selectors;
bodies decoded as a browser does."""

from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.collection.models import EvidenceRecord
from barometre.collection.warc import HttpExchange, WarcArchive
from barometre.core.errors import BarometreError
from tests.collection.test_from_warc import valbrune, web_archive
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

Headers = tuple[tuple[str, str], ...]


def test_evidence_show_explains_what_is_missing() -> None:
    with pytest.raises(BarometreError, match="Aucune preuve archivée"):
        call_command("evidence", "show", "--record", "987654", stdout=StringIO())
    with pytest.raises(BarometreError, match="Indiquez --record"):
        call_command("evidence", "show", stdout=StringIO())
    with pytest.raises(BarometreError, match="aucune campagne n'a archivé la page https://x"):
        call_command("evidence", "show", "--url", "https://x.test/", stdout=StringIO())


def test_an_address_without_its_campaign_names_the_campaigns_that_archived_it() -> None:
    """`evidence show --url ADDRESS` without --campaign said only « Indiquez --record ID, ou
    --url URL avec --campaign CAMPAGNE »: the campaigns that archived the page are named."""
    for name in ("2026", "2020"):
        EvidenceRecord.objects.create(
            campaign=CampaignFactory(name=name),
            url="https://www.ville.test/etat-civil/",
            status=200,
            warc_file="absent.warc.gz",
            offset=0,
            length=10,
            digest="sha1:AAAA",
        )
    with pytest.raises(BarometreError) as raised:
        call_command("evidence", "show", "--url", "https://www.ville.test/etat-civil")
    said = str(raised.value)
    assert "les campagnes «\u00a02020\u00a0», «\u00a02026\u00a0» l'ont archivée" in said, said
    assert "--url https://www.ville.test/etat-civil --campaign 2020\u00a0»" in said


def test_evidence_show_refuses_two_selectors_and_a_bad_extract_path(tmp_path: Path) -> None:
    with pytest.raises(BarometreError, match="pas les deux"):
        call_command(
            "evidence", "show", "--record", "1", "--url", "https://x.test/", stdout=StringIO()
        )
    for target, reason in (
        (tmp_path, "c'est un dossier"),
        (tmp_path / "absent" / "p.html", "n'existe pas"),
    ):
        with pytest.raises(BarometreError, match=reason):
            call_command(
                "evidence", "show", "--record", "1", "--extract", str(target), stdout=StringIO()
            )
    CampaignFactory(name="revue")
    with pytest.raises(BarometreError, match="c'est un dossier"):
        call_command(
            "evidence",
            "export-reviewed",
            "--campaign",
            "revue",
            "--out",
            str(tmp_path),
            stdout=StringIO(),
        )


def test_evidence_show_says_when_its_archive_was_damaged_since(
    tmp_path: Path, warc_root: Path
) -> None:
    valbrune("abimee")
    warc = web_archive(tmp_path / "ailleurs")
    call_command("audit", "--campaign", "abimee", "--from-warc", str(warc), stdout=StringIO())
    record = EvidenceRecord.objects.get(url="https://www.valbrune.test/etat-civil")
    raw = bytearray(warc.read_bytes())
    raw[record.offset : record.offset + 40] = b"\x00" * 40  # the record's gzip header
    warc.write_bytes(bytes(raw))
    with pytest.raises(
        BarometreError,
        match="Enregistrement WARC illisible .* : aucun enregistrement WARC à cet endroit",
    ):
        call_command("evidence", "show", "--record", str(record.pk), stdout=StringIO())


def _audited(tmp_path: Path, campaign: str, pages: list[tuple[str, bytes, Headers]]) -> None:
    """Valbrune's campaign `campaign`, audited from a WARC of `pages` (address, body, response
    headers) fetched live."""
    valbrune(campaign)
    archive = WarcArchive(tmp_path / "ailleurs", "live", max_bytes=10**9, software="barometre")
    for url, body, headers in pages:
        archive.write(
            HttpExchange(
                url=url,
                method="GET",
                request_headers=(),
                status=200,
                response_headers=headers,
                body=body,
                fetched_at=datetime(2025, 6, 1, tzinfo=UTC),
            )
        )
    archive.close()
    warc = next((tmp_path / "ailleurs" / "live").glob("*.warc.gz"))
    call_command("audit", "--campaign", campaign, "--from-warc", str(warc), stdout=StringIO())


def _shown(url: str, campaign: str) -> str:
    """What `barometre evidence show --url URL --campaign CAMPAIGN` prints."""
    shown = StringIO()
    call_command("evidence", "show", "--url", url, "--campaign", campaign, stdout=shown)
    return shown.getvalue()


def test_evidence_show_decodes_as_a_browser_and_does_not_print_binary_bodies(
    tmp_path: Path, warc_root: Path
) -> None:
    """A page whose charset is only in its <meta> is shown in its own encoding; a PDF is
    described, not printed to the terminal."""
    page = (
        '<html><head><meta charset="windows-1252"><title>Cimetière</title></head>'
        "<body><p>Réservez une concession « en mairie ».</p></body></html>"
    ).encode("cp1252")
    pdf = b"%PDF-1.4\n\x00\x01\x02 binaire\n%%EOF\n"
    _audited(
        tmp_path,
        "affichage",
        [
            ("https://www.valbrune.test/", page, (("Content-Type", "text/html"),)),
            (
                "https://www.valbrune.test/formulaire.pdf",
                pdf,
                (("Content-Type", "application/pdf"),),
            ),
        ],
    )
    shown = _shown("https://www.valbrune.test/", "affichage")
    assert "Réservez une concession « en mairie »." in shown
    # the home page as an analyst types it, without the final "/"
    typed = _shown("https://www.valbrune.test", "affichage")
    assert "Preuve n° " in typed and "— https://www.valbrune.test/\n" in typed
    text = _shown("https://www.valbrune.test/formulaire.pdf", "affichage")
    assert "%PDF" not in text and "\x00" not in text
    assert "[contenu binaire (application/pdf, 27 octets)\u00a0: --extract FICHIER" in text


def test_an_address_archived_under_another_spelling_is_said_with_what_to_do() -> None:
    """« Aucune preuve archivée ne correspond. » for an address typed without the archived
    page's final « / », and nothing on what to do: the command now names the address and the
    campaign, says how many pages of that host the campaign archived, and where the exact
    addresses are; a final « / » typed or left out finds the page."""
    campaign = CampaignFactory(name="revue")
    EvidenceRecord.objects.create(
        campaign=campaign,
        url="https://www.ville.test/etat-civil/",
        status=200,
        warc_file="absent.warc.gz",
        offset=0,
        length=10,
        digest="sha1:AAAA",
    )
    with pytest.raises(BarometreError, match="Fichier WARC introuvable"):  # found, unreadable
        call_command(
            "evidence", "show", "--campaign", "revue", "--url", "https://www.ville.test/etat-civil"
        )
    with pytest.raises(BarometreError) as raised:
        call_command(
            "evidence", "show", "--campaign", "revue", "--url", "https://www.ville.test/urbanisme"
        )
    message = str(raised.value)
    assert "https://www.ville.test/urbanisme" in message
    assert "campagne\u00a0«\u00a0revue\u00a0»" in message
    assert "1 page archivée de www.ville.test" in message
    assert "barometre assessments export --campaign revue --out -" in message


def test_evidence_show_never_sends_the_page_s_terminal_commands(
    tmp_path: Path, warc_root: Path
) -> None:
    """A page (or a header) holding terminal escapes, which would set the window's title,
    write the clipboard or clear the screen of whoever reads the evidence: shown, not sent."""
    page = (
        "<html><body><p>Mairie\x1b]0;titre\x07 de Valbrune\x1b]52;c;cm0gLXJmIH4=\x07"
        "\x1b[2J\r\n<p>Horaires\rFaux\x9b31m</p></body></html>"
    ).encode()
    headers = (("Content-Type", "text/html; charset=utf-8"), ("X-Mairie", "a\x1b]0;entete\x07b"))
    _audited(tmp_path, "terminal", [("https://www.valbrune.test/", page, headers)])
    text = _shown("https://www.valbrune.test/", "terminal")
    assert not [c for c in text if (ord(c) < 32 and c not in "\n\t") or 127 <= ord(c) < 160]
    assert "Mairie\\x1b]0;titre\\x07 de Valbrune\\x1b]52;c;cm0gLXJmIH4=\\x07\\x1b[2J\n" in text
    assert "Horaires\\x0dFaux\\x9b31m" in text
    assert "X-Mairie: a\\x1b]0;entete\\x07b" in text


def test_a_missing_archive_file_is_said_with_its_folder_and_what_to_do(settings, tmp_path) -> None:
    """The evidence page sends an administrator to « barometre evidence show --record N »,
    which « dit le fichier d'archive cherché et le dossier où il manque »: it said « Fichier
    WARC introuvable : /srv/…/x.warc.gz » and no more, neither the folder (nor that it is
    BAROMETRE_WARC_ROOT) nor what to do."""
    settings.WARC_ROOT = str(tmp_path / "warc")
    campaign = CampaignFactory(name="partage")
    record = EvidenceRecord.objects.create(
        campaign=campaign,
        url="https://www.ville.test/etat-civil/",
        status=200,
        warc_file="partage/partage-1.warc.gz",
        offset=0,
        length=10,
        digest="sha1:AAAA",
    )
    with pytest.raises(BarometreError) as raised:
        call_command("evidence", "show", "--record", str(record.pk))
    message = str(raised.value)
    assert message.startswith(f"Fichier WARC introuvable\u00a0: {tmp_path}/warc/partage/"), message
    assert f"dossier des archives «\u00a0{tmp_path}/warc\u00a0» (" in message, message
    assert "BAROMETRE_WARC_ROOT" in message and "non monté" in message, message
    assert "«\u00a0barometre audit status --campaign partage\u00a0»" in message, message
