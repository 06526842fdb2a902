"""An auditor who opened an archived page from a cell under review found, under « Niveaux lus
sur cette page », links to the public commune pages only: each level read there now leads back
to its review, for an auditor; a visitor sees no such link."""

from __future__ import annotations

import html

import pytest

pytestmark = pytest.mark.database


def test_an_auditor_goes_from_an_archived_page_back_to_the_cells_read_on_it(
    client, site, users
) -> None:
    url = f"/preuve/{site.record.pk}/"
    review = f'href="/revue/cellule/{site.auto_cell.pk}/">Revoir'
    assert review not in client.get(url).content.decode()
    client.force_login(users["auditeur"])
    page = client.get(url).content.decode()
    assert review in page
    assert " — Nantes (44109)</span>" in html.unescape(page)


def test_an_archived_page_names_its_commune_with_its_insee_code(client, site) -> None:
    """Two communes of the same name (the demo farm's two « Montferrand-le-Vieux ») could not
    be told apart on an archived page: the commune is named with its INSEE code, as elsewhere."""
    page = html.unescape(client.get(f"/preuve/{site.record.pk}/").content.decode())
    code = site.record.commune.code
    assert f">{site.record.commune.name}</a>, code INSEE {code}) · " in page
    assert f">{site.auto_cell.commune.name}</a> ({site.auto_cell.commune.code}) — " in page
