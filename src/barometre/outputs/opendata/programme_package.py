"""The open data package of an election's programmes: programmes, their theme sentences and
the report's figures in CSV, XLSX and Parquet, described by a Frictionless data package, with the
campaign package's conventions and writers (`package`, `formats`).

`programmes_export` writes it to a folder (the CLI); `programmes_file` builds it once per state
of the election's programmes (`programmes_state`) and of the themes, in a cache folder, and
gives one of its files, for the web.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from barometre.core.errors import BarometreError
from barometre.outputs.opendata.fields import Field
from barometre.outputs.opendata.formats import table_write, utc_text
from barometre.outputs.opendata.package import (
    DESCRIPTOR,
    FORMATS,
    LICENCES,
    PROFILE,
    SOURCES,
    VALUES,
    ZIP,
    built_validators,
    package_folder,
    package_names,
    package_version,
    package_write,
    prune_others,
    slug,
    table_resource,
    table_schema,
)
from barometre.outputs.opendata.programme_tables import (
    FIGURE_FIELDS,
    SENTENCE_FIELDS,
    figure_rows,
    programme_fields,
    programme_rows,
    sentence_rows,
)
from barometre.outputs.opendata.tables import Row
from barometre.programmes.analysis.themes import ShippedThemes, shipped_themes
from barometre.programmes.models import Programme
from barometre.programmes.report_files import report_files_prebuild
from barometre.programmes.reports.build import election_missing, election_summary
from barometre.programmes.selectors import elections, programmes_state, reading_versions

PROGRAMMES_SOURCE = {
    "title": "barometre : lecture automatique des programmes électoraux municipaux (thèmes du "
    "numérique et phrases qui les portent), Licence Ouverte 2.0"
}
# The last column of every table, as a campaign's (`package.DEMONSTRATION`), worded for
# programmes: an election is no campaign.
DEMONSTRATION = Field(
    "demonstration",
    "boolean",
    "true\u00a0: programmes de démonstration inventés, pas de vrais programmes (toutes les "
    "lignes du paquet de démonstration d'une élection)\u00a0; false\u00a0: programmes réels",
    required=True,
)
# the fixed columns of the tables, those after programmes.csv's themes too (it adds one per theme,
# keyed by the themes file's version): part of the layout digest, so that a column added there
# (`source_url`, `file_name`…) builds the package anew after an upgrade
PROGRAMME_TABLES = (programme_fields({}), SENTENCE_FIELDS, FIGURE_FIELDS, (DEMONSTRATION,))
_TITLES = {
    "programmes": "Programmes de l'élection : liste, commune, lecture et thèmes numériques",
    "phrases": "Phrases des programmes qui portent un thème : la preuve de chaque thème",
    "themes": "Chiffres du rapport : part des programmes qui parlent de numérique (ensemble et "
    "tranches), de chaque thème et des propositions disruptives",
}
_KEYS: dict[str, tuple[list[str], list[dict[str, Any]] | None]] = {
    "programmes": (["programme_id"], None),
    "phrases": (
        ["programme_id", "sentence_index", "theme_id"],
        [
            {
                "fields": ["programme_id"],
                "reference": {"resource": "programmes", "fields": ["programme_id"]},
            }
        ],
    ),
    "themes": (["election", "group", "key"], None),
}


def theme_columns(election: int, themes: ShippedThemes, *, demo: bool) -> dict[str, str]:
    """The themes that get a column, id to label: the themes file's, then those an older file
    gave some programme of the election (its id for a label), as the report's figures list
    them (`reports.build`)."""
    columns = {t.id: t.label for t in themes.themes}
    cited = Programme.objects.filter(election=election, is_demo=demo).values_list("themes")
    older = {theme for (ids,) in cited.iterator(chunk_size=5000) for theme in ids} - set(columns)
    return columns | {theme: theme for theme in sorted(older)}


def _tables(columns: dict[str, str]) -> dict[str, tuple[Field, ...]]:
    fields = {
        "programmes": programme_fields(columns),
        "phrases": SENTENCE_FIELDS,
        "themes": FIGURE_FIELDS,
    }
    return {name: (*f, DEMONSTRATION) for name, f in fields.items()}


def _rows(
    election: int, table: str, themes: ShippedThemes, columns: dict[str, str], *, demo: bool
) -> Iterator[Row]:
    if table == "programmes":
        rows = programme_rows(election, columns, demo=demo)
    elif table == "phrases":
        rows = sentence_rows(election, columns, demo=demo)
    else:
        rows = figure_rows(election_summary(election, themes, demo=demo))
    return ((*row, demo) for row in rows)


def programmes_descriptor(
    election: int, themes: ShippedThemes, *, demo: bool, now: datetime
) -> dict[str, Any]:
    """The Frictionless data package of the election's programmes."""
    tables = _tables(theme_columns(election, themes, demo=demo))
    read_with = ", ".join(reading_versions(election, demo=demo)) or "aucun"
    description = (
        f"Programmes électoraux des élections municipales de {election} lus par barometre : "
        "un programme par ligne (les deux tours, y compris ceux qui n'ont pas pu être lus), "
        "les phrases qui portent chaque thème numérique, et les chiffres du rapport « barometre "
        f"programmes report » (thèmes lus avec le fichier {read_with}). Les fichiers XLSX et "
        "Parquet contiennent les mêmes lignes que les CSV décrits ici ; dans les CSV, un texte "
        "qui commence comme une formule est précédé d'une apostrophe."
    )
    if demo:
        description = "DONNÉES DE DÉMONSTRATION — pas une mesure réelle. " + description
    resources = []
    for name, fields in tables.items():
        schema = table_schema(fields, *_KEYS[name])
        resources.append(table_resource(name, fields, _TITLES[name], schema))
    return {
        "profile": PROFILE,
        "name": slug(f"barometre-programmes-{election}" + ("-demonstration" if demo else "")),
        "title": f"barometre — programmes de l'élection de {election}"
        + (" (données de démonstration)" if demo else ""),
        "description": description,
        "version": programmes_version(election, demo=demo),
        "created": utc_text(now),
        "licenses": LICENCES,
        "sources": _sources(),
        "keywords": ["programmes électoraux", "élections municipales", "numérique", "communes"],
        "demonstration": demo,
        "election": election,
        "themes_version": themes.version,
        "resources": resources,
    }


def programmes_export(*, election: int, out: Path, now: datetime, demo: bool = False) -> list[Path]:
    """Write the election's package (3 tables in 3 formats, datapackage.json, donnees.zip)
    into the `out` folder."""
    if missing := election_missing(election, demo=demo):
        raise BarometreError(missing)
    themes = shipped_themes()
    columns = theme_columns(election, themes, demo=demo)
    tables = _tables(columns)

    def writer(table: str, fmt: str) -> Callable[[Path], Path]:
        rows = lambda: _rows(election, table, themes, columns, demo=demo)  # noqa: E731
        return lambda target: table_write(tables[table], rows(), fmt, target, sheet=table)

    writers = {f"{t}.{f}": writer(t, f) for t in tables for f in FORMATS}
    descriptor = programmes_descriptor(election, themes, demo=demo, now=now)
    return package_write(out, writers, descriptor)


def programmes_names() -> list[str]:
    """Every file name of an election's package, as served under /programmes/<year>/."""
    return package_names(_TITLES)


def programmes_file(*, election: int, demo: bool, name: str, now: datetime) -> Path:
    """One file of the election's package (`programmes_names`), the whole package being built
    once per state of its programmes and of the themes file in the cache folder
    (`package.package_folder`), in French whatever the request's language."""
    if name not in programmes_names():
        raise BarometreError(f"Fichier inconnu\u00a0: «\u00a0{name}\u00a0».")
    folder = _version_folder(election, demo=demo)
    export = lambda out: programmes_export(election=election, out=out, now=now, demo=demo)  # noqa: E731
    return package_folder(folder, export) / name


def programmes_zip(*, election: int, demo: bool, now: datetime) -> Path:
    """The election's donnees.zip (`programmes_file`)."""
    return programmes_file(election=election, demo=demo, name=ZIP, now=now)


def programmes_publish(
    *, now: datetime, election: int | None = None
) -> list[tuple[int, bool, Path]]:
    """Build ahead of time the donnees.zip the web serves (`programmes_zip`) and the report
    files its election page links to (`report_files_prebuild`), so that no reader waits for
    them: of every election with programmes, real and demonstration, or of `election` alone
    (both, where it has them). Returns (election, demonstration, path of the zip) of each."""
    if election is not None and (missing := election_missing(election, demo=None)):
        raise BarometreError(missing)
    built = []
    for demo in (False, True):
        for year in elections(demo=demo):
            if election in (None, year):
                built.append((year, demo, programmes_zip(election=year, demo=demo, now=now)))
                report_files_prebuild(year, demo=demo)
    return built


def programmes_validators(
    *, election: int, demo: bool, name: str = ZIP, now: datetime
) -> tuple[str, datetime]:
    """The ETag (unquoted) and Last-Modified time of a file of the election's package (built
    first if it is not yet), for conditional requests, as a built file of a campaign's
    package."""
    return built_validators(programmes_file(election=election, demo=demo, name=name, now=now))


def _sources() -> list[dict[str, str]]:
    """The programmes' reading, and the communes' codes and names (`package.SOURCES`)."""
    return [PROGRAMMES_SOURCE, *SOURCES[1:2]]


def _descriptor_layout() -> list[Any]:
    """What datapackage.json says beside its tables (as `package.descriptor_layout`)."""
    return [PROFILE, LICENCES, _sources(), DESCRIPTOR]


def programmes_version(election: int, *, demo: bool) -> str:
    """The version of the election's package: a digest of its programmes' state, of the
    themes file's version and of the layout. datapackage.json gives it (`version`, as a
    campaign's package gives its own), and the zip is built once per version."""
    themes = shipped_themes()
    fields = [[f.descriptor() for f in table] for table in PROGRAMME_TABLES]
    layout = [_KEYS, _TITLES, fields, FORMATS, VALUES, _descriptor_layout(), themes.version]
    return package_version(programmes_state(election, demo=demo), layout)


def _version_folder(election: int, *, demo: bool) -> Path:
    version = programmes_version(election, demo=demo)
    name = f"programmes-{election}" + ("-demonstration" if demo else "")
    # "_programmes": no campaign's folder (a slug, letters, digits and dashes) has this name
    folder = Path(settings.HOME) / "opendata" / "_programmes" / name / version
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
        prune_others(folder)
    return folder
