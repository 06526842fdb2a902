"""The open data package of a campaign: cells and scores in CSV, XLSX and Parquet, described by
a Frictionless data package (datapackage.json).

`opendata_export` writes the whole package to a folder (the CLI); `opendata_file` builds one
file of it into a cache folder keyed by the campaign's version, so that the web serves the same
bytes as the CLI writes and builds each file once per version.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from barometre.core.errors import BarometreError
from barometre.core.files import os_reason, output_write
from barometre.core.spreadsheet import decimals
from barometre.core.typography import grouped
from barometre.outputs.json_report import detectors_json
from barometre.outputs.opendata.fields import (
    CELL_FIELDS,
    CODING_FIELDS,
    COMMUNE_FIELDS,
    FOREIGN_KEYS,
    PRIMARY_KEYS,
    SCORE_FIELDS,
    Field,
)
from barometre.outputs.opendata.formats import csv_chunks, table_write, utc_text
from barometre.outputs.opendata.tables import (
    Row,
    cell_rows,
    coding_rows,
    commune_rows,
    score_rows,
)
from barometre.outputs.published import campaign_state, published_report
from barometre.referential.models import Campaign
from barometre.scoring import DEFINITIONS

# The last column of every table, on every row: a file passed around alone (a CSV, a sheet) still
# says it holds made-up data, as datapackage.json's `demonstration` does for the package.
DEMONSTRATION = Field(
    "demonstration",
    "boolean",
    "true : données de démonstration inventées, pas une mesure réelle (toutes les lignes d'une "
    "campagne de démonstration) ; false : campagne réelle",
    required=True,
)
TABLES = {
    name: (*fields, DEMONSTRATION)
    for name, fields in (
        ("cellules", CELL_FIELDS),
        ("scores", SCORE_FIELDS),
        ("codages", CODING_FIELDS),
        ("communes", COMMUNE_FIELDS),
    )
}
FORMATS = ("csv", "xlsx", "parquet")
# How values are written (part of `format_version`): change it whenever the same rows give other
# bytes, so that files cached by an earlier version are built again. 2: the apostrophe that
# protects a formula-like text is in the CSV only (it was in XLSX and Parquet values too). 3: XLSX
# times are shown as the CSV writes them (yyyy-mm-ddThh:mm:ssZ). 4: an auditor is
# « auditeur N », never a user name (outputs.authors), and an import is « import ».
# 5: a NaN number is missing in every format (it was `nan` in CSV and NaN in Parquet).
# 6: so is an infinite one (it was `inf` in CSV).
VALUES = 6
PACKAGE = "datapackage.json"
# Every resource is a table: the package says so by the Data Package 1.0 profile of a tabular
# package (frictionless then checks that each resource is a tabular one), as a catalogue or a
# reuser's tool expects of CSV tables with a Table Schema.
PROFILE = "tabular-data-package"
# How datapackage.json is laid out beyond its tables, its profile, licences and sources (part of
# the layout digest, `descriptor_layout`): raise it when a key is added or changes meaning.
DESCRIPTOR = 3  # 2: `detectors` and `scoring_definitions`; 3: the dialect's lineTerminator
ZIP = "donnees.zip"
LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
# The communes' codes, names, departments, regions, intercommunal bodies and populations come
# from @etalab/decoupage-administratif, under the MIT licence, which asks that its copyright and
# permission notice go with copies: the descriptor carries it too, so that datapackage.json read
# alone (by a catalogue, a script that fetches it and the CSV files) names it, not only the
# notice file of donnees.zip (`NOTICE`).
MIT_LICENCE = {
    "name": "MIT",
    "title": "Licence MIT des codes, noms, départements, régions, intercommunalités et "
    "populations des communes "
    "(@etalab/decoupage-administratif)\u00a0: Copyright (c) 2018-2019 Etalab\u00a0; la notice "
    "entière est le fichier LICENSE-decoupage-administratif.txt de donnees.zip",
    "path": "https://opensource.org/licenses/MIT",
}
LICENCES = [LICENCE, MIT_LICENCE]
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
    "json": "application/json",
    "zip": "application/zip",
}
# What the tables are built from, with the attribution each licence asks for
# (src/barometre/referential/data/SOURCES.md).
SOURCES = [
    # the measurement itself: this package, under its licence (no address of its own: a copy of
    # barometre serves it wherever it is deployed)
    {
        "title": "barometre : mesure, revue et preuves des services en ligne des communes, "
        "Licence Ouverte 2.0"
    },
    {
        "title": "INSEE, Code officiel géographique 2026 et populations municipales (codes, noms, "
        "départements, régions, intercommunalités, populations et tranches des communes), via "
        "@etalab/decoupage-administratif 6.0.0, Etalab, licence MIT",
        "path": "https://github.com/etalab/decoupage-administratif",
    },
    {
        "title": "DINUM / Etalab, noms-de-domaine-organismes-secteur-public, liste de décembre "
        "2022 (sites des communes d'où part la mesure), Licence Ouverte 2.0",
        "path": "https://github.com/etalab/noms-de-domaine-organismes-secteur-public",
    },
]


def sources_note() -> str:
    """The sources of a report's figures, named as their licences ask (commune names,
    populations and brackets from INSEE, the communes' sites from DINUM), for the reports a
    reader gets without the open-data package."""
    return _("Sources : %(sources)s.") % {"sources": " ; ".join(s["title"] for s in SOURCES)}


TABLE_TITLES = {
    "cellules": "Niveau de chaque service dans chaque commune, avec sa preuve et son origine",
    "scores": "Scores de la campagne : ensemble, domaines, services, tranches et communes",
    "codages": "Double codage à l'aveugle : chaque réponse, et la proposition automatique "
    "qu'elle mesure",
    "communes": "Communes de la campagne\u00a0: département, région, intercommunalité, "
    "population et tranche",
}


def table_rows(campaign: Campaign, table: str, *, now: datetime) -> Iterator[Row]:
    """The rows of `table`, each ending with the campaign's demonstration flag."""
    demo = campaign.is_demo
    return ((*row, demo) for row in _rows(campaign, table, now=now))


def _rows(campaign: Campaign, table: str, *, now: datetime) -> Iterator[Row]:
    if table == "cellules":
        return cell_rows(campaign)
    if table == "codages":
        return coding_rows(campaign)
    if table == "communes":
        return commune_rows(campaign)
    return score_rows(published_report(campaign=campaign, now=now))


def package_descriptor(campaign: Campaign, *, now: datetime) -> dict[str, Any]:
    """The Frictionless data package: the tables, their schemas, licence and demo flag."""
    demo = campaign.is_demo
    coverage = coverage_json(campaign, now=now)
    description = package_description(campaign, coverage)
    return {
        "profile": PROFILE,
        "name": slug(f"barometre-{campaign.name}"),
        "title": f"barometre — campagne {campaign.name}"
        + (" (données de démonstration)" if demo else ""),
        "description": description,
        "version": package_state(campaign),
        "created": utc_text(now),
        "licenses": LICENCES,
        "sources": SOURCES,
        "keywords": ["e-administration", "communes", "services en ligne"],
        "demonstration": demo,
        # when the sites were measured (the JSON report's and the API's measured_on), and on
        # which catalogue: `created` is only when this package was built
        "measured_on": campaign.measured_on.isoformat(),
        "catalogue": campaign.catalogue.version,
        "coverage": coverage,
        **instruments_json(campaign, now=now),
        "resources": [_resource(name, fields) for name, fields in TABLES.items()],
    }


def package_description(campaign: Campaign, coverage: dict[str, Any]) -> str:
    """What the package holds and how to read it, in French, with the campaign's coverage."""
    n = {k: grouped(v) for k, v in coverage.items() if isinstance(v, int)}  # "629 442"
    description = (
        f"Mesure barometre de l'e-administration locale, campagne {campaign.name} "
        f"(catalogue {campaign.catalogue.version}), sites mesurés le "
        f"{campaign.measured_on.isoformat()}. Couverture : "
        f"{n['measured_cells']} cellules mesurées sur {n['cells']}, dans "
        f"{n['measured_communes']} communes sur {n['communes']} ; une cellule "
        "non mesurée n'est pas une ligne de cellules.csv et ne compte nulle part (jamais comme "
        "0). Les fichiers XLSX et Parquet contiennent "
        "les mêmes lignes que les CSV décrits ici. Dans les CSV, les textes "
        "commençant par =, +, -, @, une tabulation ou un retour chariot (sauf un simple nombre) "
        "sont précédés d'une apostrophe (protection contre l'exécution de formules) ; les XLSX "
        "les gardent tels quels dans des cellules de type texte, jamais des formules, et les "
        "Parquet tels quels."
    )
    if campaign.is_demo:
        description = "DONNÉES DE DÉMONSTRATION — pas une mesure réelle. " + description
    return description


def instruments_json(campaign: Campaign, *, now: datetime) -> dict[str, Any]:
    """What a reuser comparing two campaigns needs to know of the instruments behind them, as
    datapackage.json and the API's campaign give it: the detector versions that read the sites
    (the JSON report's `detectors`) and the version of the scores' definitions
    (`scoring.DEFINITIONS`, docs/scoring.md)."""
    report = published_report(campaign=campaign, now=now)
    return {
        "detectors": detectors_json(report.campaign.detectors),
        "scoring_definitions": DEFINITIONS,
    }


def coverage_json(campaign: Campaign, *, now: datetime) -> dict[str, Any]:
    """How much of the campaign is measured, as in the JSON report (docs/report-format.md) and
    the API's campaign; its share with the CSV files' decimals, as the API sends it."""
    coverage = published_report(campaign=campaign, now=now).scores.coverage
    return {
        "cells": coverage.cells,
        "measured_cells": coverage.measured_cells,
        "share_of_cells": decimals(coverage.share_of_cells),
        "communes": coverage.communes,
        "measured_communes": coverage.measured_communes,
    }


def _resource(name: str, fields: tuple[Field, ...]) -> dict[str, Any]:
    return table_resource(name, fields, TABLE_TITLES[name], _schema(name, fields))


def table_resource(
    name: str, fields: tuple[Field, ...], title: str, schema: dict[str, Any]
) -> dict[str, Any]:
    """A table of a package: its CSV described by `schema`, its XLSX and Parquet alternates."""
    return {
        "profile": "tabular-data-resource",
        "name": name,
        "path": f"{name}.csv",
        "title": title,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        # the CSV writer's line ends (formats.csv_chunks): the CSV Dialect's default is "\r\n"
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
        "schema": schema,
        "alternates": [{"path": f"{name}.{fmt}", "format": fmt} for fmt in FORMATS[1:]],
    }


def _schema(name: str, fields: tuple[Field, ...]) -> dict[str, Any]:
    return table_schema(fields, PRIMARY_KEYS.get(name), FOREIGN_KEYS.get(name))


def table_schema(
    fields: tuple[Field, ...], primary: list[str] | None, foreign: list[dict[str, Any]] | None
) -> dict[str, Any]:
    """The Table Schema of a table: its fields, missing values and keys."""
    schema: dict[str, Any] = {"fields": [f.descriptor() for f in fields], "missingValues": [""]}
    if primary:
        schema["primaryKey"] = primary
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def slug(text: str) -> str:
    out = "".join(c if c.isalnum() and c.isascii() else "-" for c in text.lower())
    return "-".join(p for p in out.split("-") if p) or "barometre"


def _write_table(campaign: Campaign, table: str, fmt: str, out: Path, now: datetime) -> Path:
    rows = table_rows(campaign, table, now=now)
    return table_write(TABLES[table], rows, fmt, out, sheet=table)


def opendata_export(*, campaign: Campaign, out: Path, now: datetime) -> list[Path]:
    """Write the whole package (4 tables in 3 formats, datapackage.json, donnees.zip) into the
    `out` folder."""
    writers = {
        f"{table}.{fmt}": lambda target, t=table, f=fmt: _write_table(campaign, t, f, target, now)
        for table in TABLES
        for fmt in FORMATS
    }
    return package_write(out, writers, package_descriptor(campaign, now=now))


def package_write(
    out: Path, writers: dict[str, Callable[[Path], Path]], descriptor: dict[str, Any]
) -> list[Path]:
    """Write a package into the `out` folder: each file of `writers` (its name, what writes
    it), datapackage.json, then donnees.zip of them all."""
    _out_folder(out)
    what = "le fichier de données"
    written = [output_write(out / name, write, what=what) for name, write in writers.items()]
    text = json.dumps(descriptor, ensure_ascii=False, indent=2)
    written.append(
        output_write(
            out / PACKAGE,
            lambda target: target.write_text(text + "\n", encoding="utf-8"),
            what=what,
        )
    )
    parts = list(written)
    written.append(output_write(out / ZIP, lambda target: zip_files(target, parts), what=what))
    return written


def package_copy(out: Path, files: list[Path]) -> list[Path]:
    """Copy the built files of a package (`package_folder`'s) into the `out` folder, byte for
    byte, in their order (donnees.zip last)."""
    _out_folder(out)
    what = "le fichier de données"
    return [
        output_write(out / path.name, lambda target, p=path: shutil.copyfile(p, target), what=what)
        for path in files
    ]


def _out_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise BarometreError(f"--out doit être un dossier : {out}")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BarometreError(
            f"Impossible de créer le dossier « {out} » : {os_reason(error)}."
        ) from None


# The MIT licence of @etalab/decoupage-administratif asks that its notice go with copies of a
# substantial part of it: a national campaign's tables name every commune (code, name,
# department) as it gives them, so each zip carries the notice.
NOTICE = "LICENSE-decoupage-administratif.txt"
_NOTICE_SOURCE = ("barometre.referential", "data/territories/LICENSE-decoupage-administratif")


def zip_files(out: Path, files: list[Path]) -> Path:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, arcname=path.name)
        notice = zipfile.ZipInfo(NOTICE, date_time=datetime.now().timetuple()[:6])
        notice.external_attr = 0o100644 << 16  # readable by anyone once unzipped, as the files
        notice.compress_type = zipfile.ZIP_DEFLATED
        package, name = _NOTICE_SOURCE
        archive.writestr(notice, resources.files(package).joinpath(name).read_bytes())
    return out


def descriptor_layout() -> list[Any]:
    """What a campaign's datapackage.json says beside its tables' schemas, and how it is laid
    out: part of the layout digest (an election's package has its own, in `programme_package`),
    so that a descriptor cached before a change of its profile, licences, sources or keys is
    built again."""
    return [PROFILE, LICENCES, SOURCES, DESCRIPTOR]


def format_version() -> str:
    """A short digest of the package's layout (tables, fields, formats, the descriptor's
    own): files built by an earlier version of barometre with another layout are never served
    after an upgrade."""
    layout = [(t, _schema(t, fields), TABLE_TITLES[t]) for t, fields in TABLES.items()]
    text = json.dumps(
        [layout, FORMATS, VALUES, descriptor_layout()], ensure_ascii=False, sort_keys=True
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def package_version(*parts: Any) -> str:
    """A package's `version` (an election's, a survey campaign's): a short digest of `parts`,
    what its tables hold (or the state they are built from) and its layout, so that the same
    data gives the same version whatever the day it is built, and other data another."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def opendata_names() -> list[str]:
    """Every file name of the package, as served under /donnees/<campaign>/."""
    return package_names(TABLES)


def package_names(tables: Iterable[str]) -> list[str]:
    """Every file name of a package of `tables`: each table in each format, datapackage.json,
    donnees.zip (a campaign's, an election's, a survey campaign's)."""
    return [f"{t}.{f}" for t in tables for f in FORMATS] + [PACKAGE, ZIP]


def package_folder(folder: Path, export: Callable[[Path], list[Path]]) -> Path:
    """A whole package built once into its version folder `folder`, in French whatever the
    request's language: `export` writes it into a temporary folder inside (which
    `prune_others` leaves alone), then each file is moved in, donnees.zip last, so that the zip
    being there says every file is. For a package small enough to build at once (an
    election's, a survey campaign's), whose files are then served one by one as a campaign's."""
    if (folder / ZIP).exists():
        return folder
    with (
        translation.override(settings.LANGUAGE_CODE),
        tempfile.TemporaryDirectory(dir=folder, prefix=".tmp-") as tmp,
    ):
        for path in export(Path(tmp)):  # package_write's order: the zip is the last
            atomic_write(folder / path.name, lambda target, p=path: shutil.copyfile(p, target))
    return folder


def csv_stream(campaign: Campaign, table: str, *, now: datetime) -> Iterator[bytes]:
    """The CSV of a table, streamed straight from the database (no file written)."""
    return csv_chunks(TABLES[table], table_rows(campaign, table, now=now))


def opendata_file(*, campaign: Campaign, name: str, now: datetime) -> Path:
    """One file of the package, built once per campaign version in the cache folder, in French
    whatever the request's language (the files are shared by every reader)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _opendata_file(campaign=campaign, name=name, now=now)


def _opendata_file(*, campaign: Campaign, name: str, now: datetime) -> Path:
    if name not in opendata_names():
        raise BarometreError(f"Fichier inconnu : « {name} ».")
    path = _version_folder(campaign) / name
    if path.exists():
        return path
    if name == PACKAGE:
        text = json.dumps(package_descriptor(campaign, now=now), ensure_ascii=False, indent=2)
        return atomic_write(path, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
    if name == ZIP:
        parts = [opendata_file(campaign=campaign, name=n, now=now) for n in opendata_names()[:-1]]
        return atomic_write(path, lambda tmp: zip_files(tmp, parts))
    table, fmt = name.rsplit(".", 1)
    return atomic_write(path, lambda tmp: _write_table(campaign, table, fmt, tmp, now))


def streamed(name: str) -> bool:
    """Whether /donnees/ streams the file from the database (a table's CSV) rather than serving
    a file built in the cache folder."""
    stem, _dot, extension = name.partition(".")
    return extension == "csv" and stem in TABLES


def opendata_validators(*, campaign: Campaign, name: str, now: datetime) -> tuple[str, datetime]:
    """The strong ETag (unquoted) and the Last-Modified time of a file of the package, for
    conditional requests (docs/opendata.md).

    A streamed CSV is the same bytes for as long as the campaign's state is (its rows are read
    from what `campaign_state` keys): its tag is that state and the layout, and its time is when
    this server first served that state, which no recorded timestamp would give (the admin's
    edits of a campaign and of its communes record none). A built file is tagged by its own
    modification time and size as well, since building it again gives other bytes (the time of
    `created`, of the zip entries and of the workbook's properties): its time is that of the
    file.
    """
    folder = _version_folder(campaign)
    if streamed(name):
        return folder.name, _since(folder)
    return built_validators(opendata_file(campaign=campaign, name=name, now=now))


def built_validators(path: Path) -> tuple[str, datetime]:
    """The strong ETag (unquoted) and the Last-Modified time of a file built in a version
    folder: the folder's name (the state it was built from), and the file's own modification
    time and size, since building it again gives other bytes."""
    stat = path.stat()
    modified = datetime.fromtimestamp(stat.st_mtime, tz=UTC)
    return f"{path.parent.name}-{stat.st_mtime_ns:x}-{stat.st_size:x}", modified


def package_state(campaign: Campaign) -> str:
    """The package's `version` and the name of its cache folder: the campaign's state
    (`campaign_state`: its values, and what the files show of the campaign and the referential)
    and the layout's digest, so that a reuser is given another version whenever a file would
    read otherwise (a commune renamed, the measurement date corrected), and the same one
    whatever the day the package is built."""
    return f"{campaign_state(campaign)}-{format_version()}"


def _version_folder(campaign: Campaign) -> Path:
    """The cache folder of the campaign's current state and of this layout; creating it removes
    the folders of the earlier states."""
    version = package_state(campaign)
    folder = Path(settings.HOME) / "opendata" / slug(campaign.name) / version
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
        prune_others(folder)
    return folder


def _since(folder: Path) -> datetime:
    """When the state of `folder` was first seen: the time of a stamp written then (never
    touched again, so that the time does not move)."""
    stamp = folder / ".since"
    with contextlib.suppress(FileExistsError):
        stamp.touch(exist_ok=False)
    return datetime.fromtimestamp(stamp.stat().st_mtime, tz=UTC)


def prune_others(folder: Path) -> None:
    """Remove the files built for the campaign's earlier versions (a national campaign's are
    about 100 MB, and every new value makes a version): the folders beside `folder`, but not one
    where a file is being written (a `.tmp-` file in it)."""
    for other in folder.parent.iterdir():
        if other != folder and other.is_dir() and not any(other.glob(".tmp-*")):
            shutil.rmtree(other, ignore_errors=True)


def atomic_write(path: Path, write: Callable[[Path], object]) -> Path:
    """Write through a temporary file in the same folder, then rename: readers never see half."""
    handle, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        # readable by all, as `opendata export` writes them: mkstemp's 0600 went into
        # donnees.zip, whose files a reader then unzipped readable by their owner alone
        tmp.chmod(0o644)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
