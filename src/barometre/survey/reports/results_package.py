"""A closed survey campaign's published results as an open data package: the results table of
the report (`csv_report`: what the report publishes, nothing on fewer than 5 respondents) in
CSV, XLSX and Parquet, described by a Frictionless data package, with the campaign package's
conventions, writers and cache (`outputs.opendata.package`).

`results_export` writes it to a folder; `results_file` builds it once per state of the answers
(`survey_data_state`) in a cache folder and gives one of its files, for the web
(/donnees/enquete/<campagne>/<fichier>); `results_copy` copies those very files into a folder,
for the command line (`barometre survey opendata`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from barometre.core.errors import BarometreError
from barometre.outputs.opendata.fields import Field
from barometre.outputs.opendata.formats import csv_chunks, table_write, utc_text
from barometre.outputs.opendata.package import (
    DESCRIPTOR,
    FORMATS,
    LICENCES,
    PROFILE,
    SOURCES,
    VALUES,
    built_validators,
    package_copy,
    package_folder,
    package_names,
    package_version,
    package_write,
    prune_others,
    slug,
    table_resource,
    table_schema,
)
from barometre.survey.models import SurveyCampaign
from barometre.survey.reports.csv_report import result_rows
from barometre.survey.reports.data import SurveyReport, survey_report_data
from barometre.survey.reports.results_fields import RESULT_FIELDS
from barometre.survey.scoring import MIN_GROUP
from barometre.survey.selectors import survey_campaigns_public, survey_data_state

TABLE = "resultats"
TITLE = (
    "Résultats publiés de l'enquête\u00a0: scores de chaque collectivité, de ses rôles, axes et "
    "affirmations, comparés à ses pairs et à tous les répondants"
)
# what tells a row from the others: a score of a collectivité (role "" for the whole of it) at a
# level, on an axis, of a statement; empty parts are missing values, which a key may hold
KEY = ["campaign", "collectivite_code", "role", "level", "axis", "statement"]
SURVEY_SOURCE = {
    "title": "barometre\u00a0: enquête de maturité numérique des collectivités (réponses agrégées, "
    "publiées à partir de 5 répondants), Licence Ouverte 2.0"
}


def results_names() -> list[str]:
    """Every file name of a survey campaign's package, as served under
    /donnees/enquete/<campagne>/."""
    return package_names([TABLE])


def published_survey(name: str) -> SurveyCampaign | None:
    """The closed campaign of that name, whose results the public may read; None for an
    unknown one, one in preparation or one still open (its report publishes no figure)."""
    campaigns = survey_campaigns_public().filter(status=SurveyCampaign.Status.CLOSED)
    return campaigns.select_related("questionnaire").filter(name=name).first()


def _fields(report: SurveyReport) -> tuple[Field, ...]:
    """RESULT_FIELDS, the roles and axes constrained to the campaign's questionnaire's."""
    enums = {"role": tuple(report.spec.roles), "axis": tuple(a.id for a in report.spec.axes)}
    return tuple(dataclasses.replace(f, enum=enums.get(f.name, f.enum)) for f in RESULT_FIELDS)


def _sources() -> list[dict[str, str]]:
    """The survey, and the collectivités' codes, names and populations (`package.SOURCES`)."""
    return [SURVEY_SOURCE, *SOURCES[1:2]]


def results_descriptor(report: SurveyReport, *, now: datetime) -> dict[str, Any]:
    """The Frictionless data package of a closed campaign's published results."""
    name, demo = report.campaign.name, report.is_demo
    description = (
        f"Résultats publiés de l'enquête de maturité numérique «\u00a0{name}\u00a0» "
        f"(questionnaire {report.spec.version}), tels que son rapport les publie\u00a0: une "
        f"ligne par score. Aucun chiffre ne décrit moins de {MIN_GROUP} répondants\u00a0: un "
        "score que le rapport ne publie pas est vide, avec sa note («\u00a0pas assez de "
        f"réponses\u00a0»), et une collectivité qui a moins de {MIN_GROUP} répondants n'a que "
        "ses lignes globale et d'axes, comparées. Les fichiers XLSX et Parquet contiennent les "
        "mêmes lignes que le CSV décrit ici\u00a0; dans le CSV, un texte qui commence comme une "
        "formule est précédé d'une apostrophe."
    )
    if demo:
        description = "DONNÉES DE DÉMONSTRATION — pas une enquête réelle. " + description
    fields = _fields(report)
    schema = table_schema(fields, KEY, None)
    return {
        "profile": PROFILE,
        "name": slug(f"barometre-enquete-{name}"),
        "title": f"barometre — enquête {name}" + (" (données de démonstration)" if demo else ""),
        "description": description,
        "version": results_version(report),
        "created": utc_text(now),
        "licenses": LICENCES,
        "sources": _sources(),
        "keywords": ["maturité numérique", "enquête", "collectivités", "communes"],
        "demonstration": demo,
        "campaign": name,
        "questionnaire": report.spec.version,
        "min_respondents": MIN_GROUP,
        "resources": [table_resource(TABLE, fields, TITLE, schema)],
    }


def results_export(*, report: SurveyReport, out: Path, now: datetime) -> list[Path]:
    """Write the package (the results in 3 formats, datapackage.json, donnees.zip) into the
    `out` folder."""
    fields = _fields(report)

    def writer(fmt: str) -> Callable[[Path], Path]:
        return lambda target: table_write(fields, result_rows(report), fmt, target, sheet=TABLE)

    writers = {f"{TABLE}.{fmt}": writer(fmt) for fmt in FORMATS}
    return package_write(out, writers, results_descriptor(report, now=now))


def results_file(*, campaign: SurveyCampaign, name: str, today: date, now: datetime) -> Path:
    """One file of a closed campaign's package (`results_names`), the whole package being
    built once per state of the answers (`survey_data_state`) in the cache folder
    (`package.package_folder`)."""
    if name not in results_names():
        raise BarometreError(f"Fichier inconnu\u00a0: «\u00a0{name}\u00a0».")
    if campaign.status != SurveyCampaign.Status.CLOSED:
        raise BarometreError(f"La campagne «\u00a0{campaign.name}\u00a0» n'est pas close.")

    def export(out: Path) -> list[Path]:
        report = survey_report_data(campaign=campaign, today=today)
        return results_export(report=report, out=out, now=now)

    return package_folder(_version_folder(campaign), export) / name


def results_copy(*, campaign: SurveyCampaign, out: Path, today: date, now: datetime) -> list[Path]:
    """Copy a closed campaign's package, the files the web serves byte for byte
    (`results_file`), into the `out` folder."""
    files = [results_file(campaign=campaign, name=n, today=today, now=now) for n in results_names()]
    return package_copy(out, files)


def results_validators(
    *, campaign: SurveyCampaign, name: str, today: date, now: datetime
) -> tuple[str, datetime]:
    """The strong ETag (unquoted) and the Last-Modified time of a file of the package (built
    first if it is not yet), as a built file of a campaign's package."""
    return built_validators(results_file(campaign=campaign, name=name, today=today, now=now))


def _layout() -> list[Any]:
    """The table's fields and key, the formats and what datapackage.json says beside them."""
    fields = [f.descriptor() for f in RESULT_FIELDS]
    return [fields, KEY, TITLE, FORMATS, VALUES, PROFILE, LICENCES, _sources(), DESCRIPTOR]


def results_version(report: SurveyReport) -> str:
    """The package's version: a digest of what it publishes (the results table, as its CSV
    writes it), of the campaign's name and date and of the layout. The same answers give the
    same version whatever the day the package is built; a changed figure, another."""
    fields = _fields(report)
    table = b"".join(csv_chunks(fields, result_rows(report))).decode("utf-8")
    campaign = report.campaign
    schema = [f.descriptor() for f in fields]
    return package_version(campaign.name, campaign.created_on, table, schema, _layout())


def _version_folder(campaign: SurveyCampaign) -> Path:
    """The cache folder of the state the results are computed from (`survey_data_state`: not
    the day, so that a file keeps its ETag while no answer changes) and of the layout."""
    version = package_version(campaign.pk, campaign.name, survey_data_state(), _layout())
    # "_enquetes": no campaign's folder (a slug, letters, digits and dashes) has this name
    folder = Path(settings.HOME) / "opendata" / "_enquetes" / f"{campaign.pk}" / version
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
        prune_others(folder)
    return folder
