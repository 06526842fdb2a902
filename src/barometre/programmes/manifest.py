"""The manifest of a folder import: one CSV row per programme file (see docs/programmes.md).

Pure: text in, rows out. A row whose metadata is wrong becomes a `ManifestRow` with `problem`
set, so that the import reports it and goes on with the others.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from barometre.core.errors import BarometreError
from barometre.programmes.elections import is_election_year
from barometre.referential.codes import commune_code_normalise

# Column -> the names accepted for it (English first, then French).
COLUMNS: dict[str, tuple[str, ...]] = {
    "file": ("file", "fichier"),
    "insee": ("insee", "code_insee", "commune"),
    "election": ("election", "élection", "annee", "année"),
    "list_name": ("list_name", "list", "liste"),
    "head_of_list": ("head_of_list", "head", "tete_de_liste", "tête_de_liste"),
    "round": ("round", "tour"),
    "won": ("won", "elue", "élue", "gagnante"),
}
REQUIRED = ("file", "insee", "election", "list_name")
_TRUE = {"1", "oui", "o", "yes", "y", "true", "vrai", "x"}
_FALSE = {"", "0", "non", "n", "no", "false", "faux"}
_INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


@dataclass(frozen=True, slots=True)
class ProgrammeMeta:
    """What a programme is, whatever file it comes from."""

    commune_code: str
    election: int
    list_name: str
    head_of_list: str = ""
    round: int = 1
    won: bool = False


@dataclass(frozen=True, slots=True)
class ManifestRow:
    line: int  # line number in the CSV (the header is line 1)
    file: str
    meta: ProgrammeMeta | None  # None when `problem` is set
    problem: str = ""


def normalise_insee(raw: str) -> str:
    """Upper-case, and restore the leading zero that spreadsheets drop ("1004" -> "01004")."""
    return commune_code_normalise(raw)


def parse_won(raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"valeur « {raw} » pour élue : attendu oui/non ou 1/0")


def meta_from_values(
    *,
    insee: str,
    election: str | int,
    list_name: str,
    head: str = "",
    round_: str | int = 1,
    won: str | bool = False,
) -> ProgrammeMeta:
    """Validate metadata given as text; raise ValueError with a French message."""
    code = normalise_insee(insee)
    if not _INSEE.match(code):
        raise ValueError(f"code INSEE « {insee} » invalide (5 caractères, ex. 75056 ou 2A004)")
    try:
        year = int(str(election).strip())
    except ValueError:
        raise ValueError(f"année d'élection « {election} » invalide") from None
    if not is_election_year(year):
        raise ValueError(f"année d'élection {year} hors de la plage admise")
    name = " ".join(list_name.split())
    if not name:
        raise ValueError("nom de liste manquant")
    round_text = str(round_).strip() or "1"
    if round_text not in {"1", "2"}:
        raise ValueError(f"tour « {round_} » invalide : 1 ou 2")
    won_value = won if isinstance(won, bool) else parse_won(won)
    return ProgrammeMeta(
        code, year, name[:300], " ".join(head.split())[:200], int(round_text), won_value
    )


def _header_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for position, name in enumerate(header):
        key = name.strip().lower().replace(" ", "_").replace("-", "_")
        for column, aliases in COLUMNS.items():
            if key in aliases and column not in found:
                found[column] = position
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise BarometreError(
            "manifeste incomplet : colonne(s) manquante(s) "
            + ", ".join(missing)
            + " (attendu : file, insee, election, list_name, head_of_list, round, won)"
        )
    return found


def parse_manifest(text: str) -> list[ManifestRow]:
    """Parse the manifest CSV (comma or semicolon separated)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise BarometreError("manifeste vide")
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    columns = _header_map(next(reader))
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue

        def get(column: str, values: list[str] = values) -> str:
            position = columns.get(column)
            return (
                values[position].strip() if position is not None and position < len(values) else ""
            )

        file = get("file")
        try:
            if not file:
                raise ValueError("colonne file vide")
            meta = meta_from_values(
                insee=get("insee"),
                election=get("election"),
                list_name=get("list_name"),
                head=get("head_of_list"),
                round_=get("round") or "1",
                won=get("won"),
            )
        except ValueError as error:
            rows.append(ManifestRow(reader.line_num, file, None, str(error)))
            continue
        rows.append(ManifestRow(reader.line_num, file, meta))
    return rows
