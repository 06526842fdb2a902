"""The manifest of a folder import: one CSV row per programme file (see docs/programmes.md).

Pure: text in, rows out. A row whose metadata is wrong becomes a `ManifestRow` with `problem`
set, so that the import reports it and goes on with the others. A manifest whose structure is
wrong (unknown or repeated column, a field running over several lines, which an unclosed quote
causes) is refused whole: its later rows cannot be trusted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass

from barometre.core.errors import BarometreError
from barometre.core.plural import counted
from barometre.core.spreadsheet import csv_delimiter
from barometre.programmes.elections import EARLIEST, LATEST, is_election_year
from barometre.programmes.provenance import published_on_checked, source_url_checked
from barometre.referential.codes import commune_code_normalise

# Column -> the names accepted for it (English first, then French).
COLUMNS: dict[str, tuple[str, ...]] = {
    "file": ("file", "fichier"),
    "insee": ("insee", "code_insee", "commune"),
    "election": ("election", "élection", "annee", "année"),
    "list_name": ("list_name", "list", "liste", "nom_de_liste", "nom_de_la_liste", "nom_liste"),
    "head_of_list": ("head_of_list", "head", "tete_de_liste", "tête_de_liste"),
    "round": ("round", "tour"),
    "won": ("won", "elue", "élue", "gagnante"),
    "source_url": ("source_url", "url", "source", "url_source", "lien"),
    "published_on": (
        "published_on",
        "publication",
        "date_publication",
        "date_de_publication",
        "publie_le",
        "publié_le",
    ),
}
# The optional columns whose absence leaves a stored value alone when a list comes again.
OPTIONAL = ("head_of_list", "won", "source_url", "published_on")
REQUIRED = ("file", "insee", "election", "list_name")
# a won column's cell may say so in words: « élue » under « élue » reads yes
_TRUE = {"1", "oui", "o", "yes", "y", "true", "vrai", "x", "élue", "élu", "elue", "elu"}
_FALSE = {"", "0", "non", "n", "no", "false", "faux"}
_YEAR = re.compile(r"[0-9]{4}")
_INSEE = re.compile(r"^([0-9]{5}|2[AB][0-9]{3})$")  # ASCII: \d takes any digit
# Control characters (tab aside) and Unicode line separators: never part of a name or a path.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class ProgrammeMeta:
    """What a programme is, whatever file it comes from."""

    commune_code: str
    election: int
    list_name: str
    head_of_list: str = ""
    round: int = 1
    won: bool = False
    # The optional fields the source gave: a manifest without a head-of-list or won column
    # leaves the stored values alone when a list is imported again.
    given: frozenset[str] = frozenset({"head_of_list", "won"})
    source_url: str = ""  # where the list published it (http or https), "" when unknown
    published_on: dt.date | None = None  # when the list published it, None when unknown


@dataclass(frozen=True, slots=True)
class ManifestRow:
    line: int  # line number in the CSV (the header is line 1)
    file: str
    meta: ProgrammeMeta | None  # None when `problem` is set
    problem: str = ""


def list_key(name: str) -> str:
    """A list's name as compared across rounds and imports: case folded, spaces collapsed."""
    return " ".join(name.split()).casefold()


def normalise_insee(raw: str) -> str:
    """Upper-case, and restore the leading zero that spreadsheets drop ("1004" -> "01004")."""
    return commune_code_normalise(raw)


def parse_won(raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"valeur « {raw} » pour élue : attendu oui/non ou 1/0")


def meta_from_values(
    *,
    insee: str,
    election: str | int,
    list_name: str,
    head: str = "",
    round_: str | int = 1,
    won: str | bool = False,
    given: frozenset[str] = frozenset({"head_of_list", "won"}),
    source_url: str = "",
    published_on: str = "",
    today: dt.date | None = None,
) -> ProgrammeMeta:
    """Validate metadata given as text; raise ValueError with a French message."""
    for label, value in (("nom de liste", list_name), ("tête de liste", head)):
        if match := _CONTROL.search(value):
            raise ValueError(f"{label} : {_control_name(match.group())} refusé")
    code = normalise_insee(insee)
    if not _INSEE.match(code):
        raise ValueError(f"code INSEE « {insee} » invalide (5 caractères, ex. 75056 ou 2A004)")
    year = _election_year(election)
    name = " ".join(list_name.split())
    if not name:
        raise ValueError("nom de liste manquant")
    round_text = str(round_).strip() or "1"
    if round_text not in {"1", "2"}:
        raise ValueError(f"tour « {round_} » invalide : 1 ou 2")
    won_value = won if isinstance(won, bool) else parse_won(won)
    published = published_on_checked(published_on, today or dt.date.today())
    head = " ".join(head.split())[:200]
    url = source_url_checked(source_url)
    return ProgrammeMeta(
        code, year, name[:300], head, int(round_text), won_value, given, url, published
    )


def _election_year(election: str | int) -> int:
    """The election year given as text, checked; ValueError with a French message."""
    text = str(election).strip()
    if not text:
        raise ValueError("année d'élection manquante")
    if not _YEAR.fullmatch(text):  # ASCII digits only: int() takes "2_020" and "٢٠٢٠"
        raise ValueError(f"année d'élection « {text[:40]} » invalide (4 chiffres, ex. 2026)")
    year = int(text)
    if not is_election_year(year):
        raise ValueError(
            f"année d'élection {year} hors de la plage admise ({EARLIEST} à {LATEST} : "
            "élections municipales générales et partielles)"
        )
    return year


def _control_name(char: str) -> str:
    return f"caractère de contrôle U+{ord(char):04X}"


# each column with a French name it is read by, as a refusal names them (« ou leurs noms
# français » named none: « Nom de la liste » was refused with no word of « liste »)
_FRENCH_NAME = {
    "file": "fichier",
    "insee": "code_insee",
    "election": "année",
    "list_name": "liste",
    "head_of_list": "tête_de_liste",
    "round": "tour",
    "won": "élue",
    "source_url": "url_source",
    "published_on": "date_de_publication",
}
_ADMITTED = ", ".join(f"{column} ou {_FRENCH_NAME[column]}" for column in COLUMNS)


def _header_map(header: list[str]) -> dict[str, int]:
    """Column -> position; `header` loses its empty trailing names (spreadsheets export them)."""
    while header and not header[-1].strip():
        header.pop()
    found: dict[str, int] = {}
    for position, name in enumerate(header):
        key = name.strip().lower().replace(" ", "_").replace("-", "_")
        column = next((c for c, aliases in COLUMNS.items() if key in aliases), None)
        if column is None:
            raise BarometreError(
                f"manifeste refusé : colonne {position + 1} "
                + (f"« {name.strip()} » inconnue" if key else "sans nom")
                + f" (colonnes admises, avec leur nom français : {_ADMITTED})"
            )
        if column in found:
            raise BarometreError(
                f"manifeste refusé : colonne {column} en double "
                f"(colonnes {found[column] + 1} et {position + 1})"
            )
        found[column] = position
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise BarometreError(
            "manifeste incomplet : colonne(s) manquante(s) "
            + ", ".join(missing)
            + " (attendu : file, insee, election, list_name, head_of_list, round, won, "
            "source_url, published_on)"
        )
    return found


MAX_FIELD = 131_072  # characters in one field (the csv module's default limit)


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """The CSV records with their line numbers; a field that runs over several lines (an
    unclosed quote swallows the next lines) or that the CSV reader refuses stops the reading."""
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    line = 1
    while True:
        previous = csv.field_size_limit(MAX_FIELD)  # a process-wide setting: set, then restored
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            reason = (
                f"champ de plus de {counted(MAX_FIELD, 'caractère', 'caractères')}"
                if "field limit" in str(error)
                else "CSV illisible"
            )
            raise BarometreError(f"manifeste refusé, ligne {line} : {reason}") from None
        finally:
            csv.field_size_limit(previous)
        if reader.line_num > line:
            raise BarometreError(
                f"manifeste refusé, ligne {line} : un champ s'étend sur plusieurs lignes "
                "(guillemet non fermé ?) ; chaque champ doit tenir sur une ligne"
            )
        yield line, values
        line = reader.line_num + 1


def _row_problem(values: list[str], header: list[str], columns: dict[str, int]) -> str:
    """What is wrong with a row's shape or characters, or ""."""
    extra = [v for v in values[len(header) :] if v.strip()]
    if extra:
        return (
            f"{len(values)} valeurs pour {len(header)} colonnes (« {extra[0].strip()} » en "
            "trop ; une valeur qui contient le séparateur doit être entre guillemets)"
        )
    names = {position: column for column, position in columns.items()}
    for position, value in enumerate(values[: len(header)]):
        if match := _CONTROL.search(value):
            return f"colonne {names[position]} : {_control_name(match.group())} refusé"
    return ""


def parse_manifest(text: str) -> list[ManifestRow]:
    """Parse the manifest CSV (comma, semicolon or tab separated)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise BarometreError("manifeste vide")
    first = text.splitlines()[0]
    delimiter = csv_delimiter(first)
    records = _records(text, delimiter)
    header = next(records)[1]
    columns = _header_map(header)
    rows = []
    for line, values in records:
        if not any(v.strip() for v in values):
            continue

        rows.append(_manifest_row(line, values, header, columns))
    if not rows:
        raise BarometreError(
            "manifeste sans programme : il n'a que sa ligne d'en-tête ; ajoutez une ligne par "
            "fichier (voir docs/programmes.md)"
        )
    return _without_repeated_lists(_without_repeated_files(rows))


def _manifest_row(
    line: int, values: list[str], header: list[str], columns: dict[str, int]
) -> ManifestRow:
    """One line of the manifest: its file and metadata, or what is wrong with it."""

    def get(column: str) -> str:
        position = columns.get(column)
        return values[position].strip() if position is not None and position < len(values) else ""

    file = get("file")
    try:
        if problem := _row_problem(values, header, columns):
            raise ValueError(problem)
        if not file:
            raise ValueError("colonne file vide")
        meta = meta_from_values(
            insee=get("insee"),
            election=get("election"),
            list_name=get("list_name"),
            head=get("head_of_list"),
            round_=get("round") or "1",
            won=get("won"),
            given=frozenset(c for c in OPTIONAL if c in columns),
            source_url=get("source_url"),
            published_on=get("published_on"),
        )
    except ValueError as error:
        return ManifestRow(line, _CONTROL.sub("?", file), None, str(error))
    return ManifestRow(line, file, meta)


def _without_repeated_files(rows: list[ManifestRow]) -> list[ManifestRow]:
    """Refuse every row of a file listed more than once for one commune and election: which row
    is right cannot be told (the same file for other communes or elections, a party's template,
    is imported; see docs/programmes.md)."""

    def key(row: ManifestRow, meta: ProgrammeMeta) -> Hashable:
        return posixpath.normpath(row.file), meta.commune_code, meta.election

    def reason(row: ManifestRow, meta: ProgrammeMeta, listed: str) -> str:
        return (
            f"fichier listé plusieurs fois pour la commune {meta.commune_code} et "
            f"l'élection {meta.election} (lignes {listed})\u00a0: gardez une seule ligne"
        )

    return _refuse_repeated(rows, key, reason)


def _without_repeated_lists(rows: list[ManifestRow]) -> list[ManifestRow]:
    """Refuse every row of a list given more than once (other files) for one commune, election
    and round: a list has one programme per round, and which file is its programme cannot be
    told (the import would keep the first and refuse or, with --replace, swap in the next)."""

    def key(row: ManifestRow, meta: ProgrammeMeta) -> Hashable:
        return meta.commune_code, meta.election, meta.round, list_key(meta.list_name)

    def reason(row: ManifestRow, meta: ProgrammeMeta, listed: str) -> str:
        return (
            f"liste «\u00a0{meta.list_name}\u00a0» donnée plusieurs fois pour la commune "
            f"{meta.commune_code}, l'élection {meta.election} et le tour "
            f"{meta.round} (lignes {listed})\u00a0: un programme par liste\u00a0; gardez une "
            "seule ligne"
        )

    return _refuse_repeated(rows, key, reason)


def _refuse_repeated(
    rows: list[ManifestRow],
    key: Callable[[ManifestRow, ProgrammeMeta], Hashable],
    reason: Callable[[ManifestRow, ProgrammeMeta, str], str],
) -> list[ManifestRow]:
    """Every row whose `key` another read row shares, refused with `reason` (given the lines
    that share it, « 3, 5 et 9 »); the rows refused already, and the others, as they were."""
    lines: dict[Hashable, list[int]] = {}
    for row in rows:
        if row.meta is not None:
            lines.setdefault(key(row, row.meta), []).append(row.line)
    checked = []
    for row in rows:
        repeated = lines[key(row, row.meta)] if row.meta is not None else []
        if row.meta is not None and len(repeated) > 1:
            listed = ", ".join(map(str, repeated[:-1])) + f" et {repeated[-1]}"
            row = ManifestRow(row.line, row.file, None, reason(row, row.meta, listed))
        checked.append(row)
    return checked
