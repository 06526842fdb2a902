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


FORMATS = (("CSV", "csv"), ("XLSX", "xlsx"), ("Parquet", "parquet"))


def _campaign_tables() -> list[tuple[str, str]]:
    """(label, name) of each table of a campaign's package (`outputs.opendata.package.TABLES`),
    labelled in the page's language (the files themselves stay French)."""
    return [
        (_("Cellules"), "cellules"),
        (_("Scores"), "scores"),
        (_("Double codage à l'aveugle"), "codages"),
        (_("Communes"), "communes"),
    ]


def opendata_files(campaign: str) -> list[tuple[str, str]]:
    """(label, path) of each download of a campaign, every file of the package
    (`outputs.opendata.package.opendata_names`)."""
    base = f"/donnees/{_seg(campaign)}/"
    files = [
        (f"{label} ({shown})", f"{base}{table}.{extension}")
        for label, table in _campaign_tables()
        for shown, extension in FORMATS
    ]
    return files + [
        (_("Description (datapackage.json)"), base + "datapackage.json"),
        (_("Tout le paquet (zip)"), base + "donnees.zip"),
    ]


Groups = list[tuple[str, list[tuple[str, str]]]]


def opendata_groups(campaign: str) -> Groups:
    """The same files as `opendata_files`, grouped for a compact list (`package_groups`)."""
    return package_groups(f"/donnees/{_seg(campaign)}/", _campaign_tables())


def package_groups(base: str, tables: list[tuple[str, str]]) -> Groups:
    """The files of a package under `base` (a campaign's, an election's, a survey campaign's),
    grouped for a compact list: (label, [(format, path)]), the whole package first, then each
    of `tables` (label, name) in its three formats."""
    package = [(_("Tout le paquet (zip)"), base + "donnees.zip")]
    package.append((_("Description (datapackage.json)"), base + "datapackage.json"))
    return [("", package)] + [
        (label, [(shown, f"{base}{table}.{extension}") for shown, extension in FORMATS])
        for label, table in tables
    ]


def programmes_groups(base: str) -> Groups:
    """The files of an election's package (`outputs.opendata.programme_package`) under `base`,
    the election's folder (`/programmes/2026/`, or its demonstration's)."""
    tables = [
        (_("Programmes"), "programmes"),
        (_("Phrases des thèmes"), "phrases"),
        (_("Chiffres du rapport"), "themes"),
    ]
    return package_groups(base, tables)


def survey_groups(campaign: str) -> Groups:
    """The files of a closed survey campaign's results package
    (`survey.reports.results_package`)."""
    return package_groups(f"/donnees/enquete/{_seg(campaign)}/", [(_("Résultats"), "resultats")])


def campaign_pdf(campaign: str) -> str:
    return f"/pdf/campagne/{_seg(campaign)}.pdf"


def commune_pdf(campaign: str, code: str) -> str:
    return f"/pdf/commune/{_seg(campaign)}/{_seg(code)}.pdf"
