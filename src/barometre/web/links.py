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


_FORMATS = (("CSV", "csv"), ("XLSX", "xlsx"), ("Parquet", "parquet"))


def _tables() -> list[tuple[str, str]]:
    """(label in the page's language, file name) of each table of a campaign's package."""
    return [
        (_("Cellules"), "cellules"),
        (_("Scores"), "scores"),
        (_("Double codage à l'aveugle"), "codages"),
        (_("Communes"), "communes"),
    ]


def opendata_files(campaign: str) -> list[tuple[str, str]]:
    """(label, path) of each download of a campaign, every file of the package
    (`outputs.opendata.package.opendata_names`), labelled in the page's language (the files
    themselves stay French)."""
    base = f"/donnees/{_seg(campaign)}/"
    files = [
        (f"{label} ({shown})", f"{base}{table}.{extension}")
        for label, table in _tables()
        for shown, extension in _FORMATS
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
    return [("", package)] + [
        (label, [(shown, f"{base}{table}.{extension}") for shown, extension in _FORMATS])
        for label, table in _tables()
    ]


def campaign_pdf(campaign: str) -> str:
    return f"/pdf/campagne/{_seg(campaign)}.pdf"


def commune_pdf(campaign: str, code: str) -> str:
    return f"/pdf/commune/{_seg(campaign)}/{_seg(code)}.pdf"
