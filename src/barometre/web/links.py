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
    """(label, path) of each download of a campaign, every file of the package
    (`outputs.opendata.package.opendata_names`), labelled in the page's language (the files
    themselves stay French)."""
    base = f"/donnees/{_seg(campaign)}/"
    tables = [
        (_("Cellules"), "cellules"),
        (_("Scores"), "scores"),
        (_("Double codage à l'aveugle"), "codages"),
    ]
    files = [
        (f"{label} ({shown})", f"{base}{table}.{extension}")
        for label, table in tables
        for shown, extension in (("CSV", "csv"), ("XLSX", "xlsx"), ("Parquet", "parquet"))
    ]
    return files + [
        (_("Description (datapackage.json)"), base + "datapackage.json"),
        (_("Tout le paquet (zip)"), base + "donnees.zip"),
    ]


def opendata_groups(campaign: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The same files as `opendata_files`, grouped for a compact list: (label, [(format,
    path)]), the whole package first, then each table in its three formats."""
    base = f"/donnees/{_seg(campaign)}/"
    package = [(_("Tout le paquet (zip)"), base + "donnees.zip")]
    package.append((_("Description (datapackage.json)"), base + "datapackage.json"))
    tables = [
        (_("Cellules"), "cellules"),
        (_("Scores"), "scores"),
        (_("Double codage à l'aveugle"), "codages"),
    ]
    formats = (("CSV", "csv"), ("XLSX", "xlsx"), ("Parquet", "parquet"))
    return [("", package)] + [
        (label, [(shown, f"{base}{table}.{extension}") for shown, extension in formats])
        for label, table in tables
    ]


def campaign_pdf(campaign: str) -> str:
    return f"/pdf/campagne/{_seg(campaign)}.pdf"


def commune_pdf(campaign: str, code: str) -> str:
    return f"/pdf/commune/{_seg(campaign)}/{_seg(code)}.pdf"
