"""Write a campaign report in one of the formats (HTML, JSON, CSV, XLSX)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from barometre.assessments.campaigns import campaign_get
from barometre.core.errors import BarometreError
from barometre.core.files import output_format, output_write
from barometre.outputs.csv_report import csv_write
from barometre.outputs.data import DEFAULT_SEED, ReportData, report_data
from barometre.outputs.evidence import EVIDENCE_CITIES
from barometre.outputs.html_report import html_write
from barometre.outputs.json_report import json_write
from barometre.outputs.labels import comparison_empty
from barometre.outputs.published import reference_problem
from barometre.outputs.xlsx_report import xlsx_write
from barometre.referential.models import Campaign
from barometre.scoring import DEFAULT_RESAMPLES

WRITERS: dict[str, Callable[[ReportData, Path], Path]] = {  # one per FORMATS
    "html": html_write,
    "json": json_write,
    "csv": csv_write,
    "xlsx": xlsx_write,
}


def report_write(
    *,
    campaign: str,
    compare: str | None = None,
    formats: list[str],
    out: Path,
    now: datetime,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    notice: Callable[[str], object] = lambda message: None,
) -> list[Path]:
    """Score `campaign` (compared with the `compare` campaign) and write one file per format.

    With one format, `out` is the file; with several, `out` is a folder that receives
    `<campaign>.<format>` files. `notice` is told, in French, why a comparison shows nothing
    (no commune in common, no cell measured in both), as the reports themselves say it.
    """
    _check_formats(formats)
    after = campaign_get(campaign)
    before = campaign_get(compare) if compare else None
    if before is not None:
        _check_reference(after, before)
    targets = _targets(formats, out, campaign)  # refused before the scores are computed
    data = report_data(
        campaign=after,
        reference=before,
        now=now,
        seed=seed,
        resamples=resamples,
        evidence_cities=EVIDENCE_CITIES if "html" in formats else 0,
    )
    c = data.comparison
    if c is not None and (empty := comparison_empty(c.before, c.after, c.why_empty)):
        notice(empty)
    return [
        output_write(path, partial(WRITERS[fmt], data), what="le rapport")
        for fmt, path in targets.items()
    ]


def _check_formats(formats: list[str]) -> None:
    unknown = [f for f in formats if f not in WRITERS]
    if unknown or not formats:
        raise BarometreError(
            f"Format inconnu : {', '.join(unknown) or '(aucun)'} ; formats : {', '.join(WRITERS)}."
        )


def _check_reference(campaign: Campaign, reference: Campaign) -> None:
    if problem := reference_problem(campaign, reference):
        raise BarometreError(
            f"--compare {reference.name} : {problem}. Donnez la campagne de référence, mesurée "
            "avant : inversez --campaign et --compare, ou corrigez une date avec « barometre "
            "campaign set-date »."
        )


def _targets(formats: list[str], out: Path, campaign: str) -> dict[str, Path]:
    if len(formats) == 1:
        if out.is_dir():
            return {formats[0]: out / f"{campaign}.{formats[0]}"}
        output_format(out, formats[0], tuple(WRITERS), "html")
        return {formats[0]: out}
    if out.exists() and not out.is_dir():
        raise BarometreError(f"Plusieurs formats demandés : --out doit être un dossier ({out}).")
    if not out.exists() and out.suffix.lower().lstrip(".") in WRITERS:
        # `--out rapport.html --format html --format json` made a folder named "rapport.html"
        raise BarometreError(
            f"Plusieurs formats demandés : --out {out} nomme un fichier .{out.suffix[1:]}, "
            f"or chaque format s'écrit dans un dossier (CAMPAGNE.FORMAT) ; donnez un "
            f"dossier (« --out {out.with_suffix('')} ») ou lancez une commande par "
            "format. Rien n'a été écrit."
        )
    return {fmt: out / f"{campaign}.{fmt}" for fmt in dict.fromkeys(formats)}
