"""An evidence record whose WARC file is not on the server (a shared folder not mounted, archives
not restored) tells the visitor so, and the operator in the log: the page alone left the operator
unaware that every piece of evidence was missing."""

from __future__ import annotations

import html
import logging
from pathlib import Path

import pytest
from django.conf import settings

from tests.web.conftest import archive_record, commands_plain

pytestmark = pytest.mark.database


def test_a_missing_archive_is_said_on_the_page_and_in_the_log(client, site, caplog) -> None:
    record = archive_record(settings.WARC_ROOT, site.after, "44109", url="http://127.0.0.1:9/a")
    (Path(settings.WARC_ROOT) / record.warc_file).unlink()  # as if the folder were not mounted
    with caplog.at_level(logging.WARNING, logger="barometre.web.evidence"):
        page = client.get(f"/preuve/{record.pk}/")
        raw = client.get(f"/preuve/{record.pk}/archive/")
    assert page.status_code == 200 and raw.status_code == 404
    assert "pas disponible sur ce serveur" in page.content.decode()
    lines = [r.getMessage() for r in caplog.records if r.name == "barometre.web.evidence"]
    assert lines and all(f"Evidence {record.pk}: no WARC file" in line for line in lines), lines
    assert record.warc_file in lines[0]


def test_a_record_naming_a_file_outside_the_warc_folder_is_not_read(client, site, settings) -> None:
    """The WARC folder bounds what the viewer reads: a record whose file name climbs out of it
    (`../`), or is absolute, is an archive missing here, even when the file exists."""
    inside = Path(settings.WARC_ROOT) / "archives"
    record = archive_record(inside, site.after, "44109", url="http://127.0.0.1:9/a")
    for name in (f"../{inside.name}/{record.warc_file}", str(inside / record.warc_file)):
        settings.WARC_ROOT = str(inside / "autre")
        (inside / "autre").mkdir(exist_ok=True)
        record.warc_file = name
        record.save(update_fields=["warc_file"])
        assert client.get(f"/preuve/{record.pk}/archive/").status_code == 404, name
    settings.WARC_ROOT = str(inside)
    record.warc_file = str(Path(name).relative_to(inside))
    record.save(update_fields=["warc_file"])
    assert client.get(f"/preuve/{record.pk}/archive/").status_code == 200


def _warc_removed(record) -> None:
    (Path(settings.WARC_ROOT) / record.warc_file).unlink()  # a folder not mounted, not restored


def test_a_missing_archive_is_said_on_the_cells_review_page_with_the_step(
    client, site, users
) -> None:
    """The review page linked the « copie archivée » of a cell whose archive file was missing,
    with no hint until it was opened: it says so, and what to do: whom to ask, or for an
    administrator the commands that show it (docs/deployment.md)."""
    url = f"/revue/cellule/{site.auto_cell.pk}/"
    client.force_login(users["auditeur"])
    assert 'id="archive-manquante"' not in client.get(url).content.decode()
    _warc_removed(site.record)
    page = " ".join(html.unescape(client.get(url).content.decode()).split())
    assert 'id="archive-manquante"' in page
    assert "Le fichier d'archive de la page archivée de cette cellule manque sur ce serveur" in page
    assert "Signalez-le à un administrateur du site" in page and "<code>" not in page
    client.force_login(users["administrateur"])
    page = commands_plain(" ".join(html.unescape(client.get(url).content.decode()).split()))
    assert f"<code>barometre evidence show --record {site.record.pk}</code>" in page
    assert f"<code>barometre audit status --campaign {site.after.name}</code>" in page


def test_the_archived_pages_warning_gives_the_next_step(client, site, users) -> None:
    """« Le fichier d'archive de cette page n'est pas disponible sur ce serveur » said no next
    step: whom to ask, and for an administrator the commands."""
    _warc_removed(site.record)
    url = f"/preuve/{site.record.pk}/"
    page = " ".join(html.unescape(client.get(url).content.decode()).split())
    assert "Signalez-le à un administrateur du site" in page and "evidence show" not in page
    client.force_login(users["administrateur"])
    page = commands_plain(" ".join(html.unescape(client.get(url).content.decode()).split()))
    assert f"<code>barometre evidence show --record {site.record.pk}</code>" in page
    assert f"<code>barometre audit status --campaign {site.after.name}</code>" in page
