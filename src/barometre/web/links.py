"""Addresses of the open data, API and PDF pages (package barometre.api), by path.

They are built here, in one place, so that the pages link to them without importing that
package; if its routes change, only this module changes.
"""

from __future__ import annotations

from urllib.parse import quote

from django.utils.translation import gettext as _


def _seg(value: str) -> str:
    return quote(value, safe="")


def api_root() -> str:
    return "/api/v1/"


def api_schema() -> str:
    return "/api/openapi.json"


def opendata_files(campaign: str) -> list[tuple[str, str]]:
    """(label, path) of each download of a campaign, labelled in the page's language (the files
    themselves stay French)."""
    base = f"/donnees/{_seg(campaign)}/"
    return [
        (_("Cellules (CSV)"), base + "cellules.csv"),
        (_("Cellules (XLSX)"), base + "cellules.xlsx"),
        (_("Cellules (Parquet)"), base + "cellules.parquet"),
        (_("Scores (CSV)"), base + "scores.csv"),
        (_("Scores (XLSX)"), base + "scores.xlsx"),
        (_("Double codage à l'aveugle (CSV)"), base + "codages.csv"),
        (_("Description (datapackage.json)"), base + "datapackage.json"),
        (_("Tout le paquet (zip)"), base + "donnees.zip"),
    ]


def campaign_pdf(campaign: str) -> str:
    return f"/pdf/campagne/{_seg(campaign)}.pdf"


def commune_pdf(campaign: str, code: str) -> str:
    return f"/pdf/commune/{_seg(campaign)}/{_seg(code)}.pdf"
