"""The HTML report's evidence tables: per city and service, the level, its source and its proof.

A city's officer reading the report can see why a level is what it is: the page that shows it
and whether it was detected automatically, reviewed by an auditor or imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from barometre.outputs.data import ReportData
from barometre.scoring import NA, UNMEASURED

EVIDENCE_CITIES = 100  # cities whose evidence the HTML report lists (the ranking's first)


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    service: str
    level: str
    source: str
    url: str
    is_link: bool  # http(s) only: any other text is shown, never linked


@dataclass(frozen=True, slots=True)
class CityEvidence:
    name: str
    code: str
    rows: list[EvidenceRow]


def source_labels() -> dict[str, str]:
    """The origins a level can have, as the evidence tables' « origine » column names them."""
    return {"auto": _("automatique"), "human": _("revu par un auditeur"), "import": _("importé")}


def source_label(source: str) -> str:
    return str(source_labels().get(source, source))


def evidence_caption() -> str:
    """What the evidence tables give, each origin named as their « origine » column writes it
    (the caption said « détection automatique », an origin no row shows)."""
    *first, last = (f"« {label} »" for label in source_labels().values())
    caption: str = _(
        "Pour chaque commune et chaque service : le niveau retenu, son origine (%(origins)s) "
        "et la page qui le montre."
    ) % {"origins": _("%(first)s ou %(last)s") % {"first": ", ".join(first), "last": last}}
    return caption


def evidence_tables(data: ReportData) -> list[CityEvidence]:
    grid = data.grid
    row_of = {code: i for i, code in enumerate(grid.codes)}
    shown = {NA: _("sans objet"), UNMEASURED: _("non mesuré")}
    tables = []
    for city in data.scores.by_city[:EVIDENCE_CITIES]:
        levels = grid.levels[row_of[city.code]].tolist()
        rows = []
        for j, service in enumerate(grid.service_ids):
            found = data.evidence.get((city.code, service))
            url = found.url if found else ""
            rows.append(
                EvidenceRow(
                    service=grid.label_of_service(j),
                    level=shown.get(levels[j], str(levels[j])),
                    source=source_label(found.source) if found else "—",
                    url=url,
                    is_link=url.lower().startswith(("http://", "https://")),
                )
            )
        tables.append(CityEvidence(city.name, city.code, rows))
    return tables
