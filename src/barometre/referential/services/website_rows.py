"""A user's CSV of websites, read and checked row by row before anything is stored
(`barometre websites import`): size, encoding, delimiter, columns, codes, URLs and flags, every
problem reported at once, in French."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from barometre.core.errors import ValidationFailed
from barometre.core.files import os_reason
from barometre.core.problems import Problems
from barometre.core.spreadsheet import (
    UTF8_ADVICE,
    binary_workbook,
    csv_delimiter,
    csv_reason,
    spreadsheet_unquote,
    wrong_separator,
)
from barometre.referential.codes import commune_code_normalise
from barometre.referential.hostnames import bare_host, host_defect

_TRUE = {"1", "true", "vrai", "oui", "yes", "x"}
_FALSE = {"0", "false", "faux", "non", "no", ""}

URL_MAX = 500  # Website.url max_length, enforced here so that every database agrees
NOTE_MAX = 300  # Website.note max_length
MAX_BYTES = 64 * 2**20  # a websites file: the national registry is under 5 MB


def url_host(url: str) -> str:
    """Return the lower-case host of an http(s) URL, or raise ValueError with a French reason."""
    url = url.strip()
    if not url:
        raise ValueError("URL vide")
    if len(url) > URL_MAX:
        raise ValueError(f"URL de {len(url)} caractères (au plus {URL_MAX})")
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise ValueError(f"URL avec une espace ou un caractère de contrôle : « {url[:80]} »")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range, e.g. 99999)
    except ValueError:
        raise ValueError(f"URL invalide (port ou adresse hors norme) : « {url[:80]} »") from None
    if parts.scheme not in {"http", "https"}:
        raise ValueError(_scheme_reason(url))
    if "@" in parts.netloc:
        raise ValueError(f"URL avec un identifiant ou un mot de passe refusée : « {url[:80]} »")
    if parts.port == 0:
        raise ValueError(f"URL invalide (port 0) : « {url[:80]} »")
    host = (parts.hostname or "").lower()
    if "." not in host or not _host_valid(host):
        raise ValueError(f"URL sans nom d'hôte valide : « {url} »")
    return host


# a host, a port at most, then a path: what is left of a URL written without its scheme
_SCHEMELESS = re.compile(r"[^:/@?#]+(?::[0-9]+)?(?:[/?#].*)?")


def _scheme_reason(url: str) -> str:
    """Why a URL that is not http(s) is refused; a host written without its scheme, as a
    spreadsheet often holds it ("www.mairie.fr"), is given back with the form to type."""
    try:
        host = urlsplit(f"https://{url}").hostname or ""
    except ValueError:
        host = ""
    if _SCHEMELESS.fullmatch(url) and "." in host and _host_valid(host.lower()):
        return (
            f"URL sans http:// ni https:// : « {url[:80]} » (écrivez "
            f"« https://{url[:80]} », ou http:// si le site n'a pas de https)"
        )
    return f"URL non http(s) : « {url[:80]} »"


_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


def _host_valid(host: str) -> bool:
    """A DNS name (labels of letters, digits and inner hyphens; accented names as IDNA) or an
    IPv4 address."""
    if _IPV4.fullmatch(host):
        return all(int(part) <= 255 for part in host.split("."))
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.removesuffix(".").split(".")
    return len(labels) >= 2 and all(_LABEL.fullmatch(label) for label in labels)


def url_canonical(url: str) -> str:
    """A valid URL as stored and compared: its scheme and host in lower case (HTTPS://WWW.PARIS.FR
    is https://www.paris.fr, the registry's spelling), without a fragment (#haut names a place
    in a page, no other site); an import added each spelling as another site."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def same_site(url: str) -> list[str]:
    """`url` and its spelling with or without the slash of an empty path."""
    parts = urlsplit(url)
    if parts.path in ("", "/") and not parts.query and not parts.fragment:
        bare = f"{parts.scheme}://{parts.netloc}"
        return [bare, bare + "/"]
    return [url]


def read_rows(path: Path) -> tuple[set[str], list[dict]]:
    text = _read_text(path)
    if not text.split("\n", 1)[0].strip(" \t\r,;"):
        raise ValidationFailed(
            f"Import refusé, rien n'a été écrit ({path})",
            [
                "ligne 1 : fichier vide ou sans en-tête (la première ligne doit nommer les "
                "colonnes : commune_code ou siren, url)"
            ],
        )
    reader = csv.DictReader(
        io.StringIO(text, newline=""),
        delimiter=csv_delimiter(text.split("\n", 1)[0]),
        strict=True,
    )
    try:
        fieldnames, rows, header = _dict_rows(reader)
    except csv.Error as error:
        raise ValidationFailed(
            f"Import refusé, rien n'a été écrit ({path})",
            [f"ligne {reader.line_num + 1} : CSV mal formé ({csv_reason(error)})"],
        ) from error
    if wrong := wrong_separator(header):  # it said « Colonnes manquantes », not why
        raise ValidationFailed(f"Import refusé, rien n'a été écrit ({path})", [wrong])
    _require_columns(path, fieldnames)
    _check_header(path, header)
    if not rows:  # as every other import: a header alone is a file cut short, not a success
        raise ValidationFailed(
            f"Import refusé, rien n'a été écrit ({path})",
            ["ligne 1 : en-tête seul, aucune ligne de sites"],
        )
    return fieldnames, rows


def _read_text(path: Path) -> str:
    """The file's text, UTF-8 (with or without BOM), refused when too large."""
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise ValidationFailed(
                f"Fichier refusé : {path}",
                [f"plus de {MAX_BYTES // 2**20} Mo pour une liste de sites"],
            )
        raw = Path(path).read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as error:
        raise ValidationFailed(f"Fichier illisible : {path}", [os_reason(error)]) from None
    except UnicodeDecodeError as error:
        if workbook := binary_workbook(raw[:128], reads_xlsx=False):
            raise ValidationFailed(
                f"Import refusé, rien n'a été écrit ({path})", [workbook]
            ) from None
        line = raw[: error.start].count(b"\n") + 1
        raise ValidationFailed(
            f"Fichier non UTF-8 : {path}",
            [f"ligne {line} : encodage invalide (UTF-8 attendu) ; {UTF8_ADVICE}"],
        ) from None
    return text


_COLUMNS = ("commune_code", "siren", "url", "primary", "active", "note")


def _check_header(path: Path, header: list[str]) -> None:
    """Columns named twice or unknown are refused: a misspelt `primary` would be ignored."""
    problems = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(f"ligne 1 : colonne « {name[:40]} » en double")
        elif name and name not in _COLUMNS:
            problems.append(
                f"ligne 1 : colonne inconnue « {name[:40]} » (colonnes permises : "
                f"{', '.join(_COLUMNS)})"
            )
        seen.add(name)
    if problems:
        raise ValidationFailed(f"Import refusé, rien n'a été écrit ({path})", problems)


def _dict_rows(reader: csv.DictReader) -> tuple[set[str], list[dict], list[str]]:
    header = [name.strip() for name in reader.fieldnames or []]
    fieldnames = set(header)
    rows = []
    for raw in reader:
        row = {(k or "").strip(): v for k, v in raw.items() if k is not None}
        if raw.get(None):  # type: ignore[call-overload]
            row["__extra__"] = raw[None]  # type: ignore[index]
        # the file's line where the row starts: blank lines are skipped, and a quoted field
        # may hold line breaks
        values = [*row.values(), *row.get("__extra__", [])]
        row["__line__"] = reader.line_num - sum(v.count("\n") for v in values if isinstance(v, str))
        rows.append(row)
    return fieldnames, rows, header


def _require_columns(path: Path, fieldnames: set[str]) -> set[str]:
    missing = [c for c in ("url",) if c not in fieldnames]
    if not fieldnames & {"commune_code", "siren"}:
        missing.insert(0, "commune_code (ou siren pour un EPCI)")
    if missing:
        raise ValidationFailed(f"Colonnes manquantes dans {path}", [", ".join(missing)])
    return fieldnames


def checked_rows(
    path: Path,
    raws: list[dict],
    column: str,
    known: set[str],
    unknown: Callable[[str], str],
    hosts: Collection[str] = frozenset(),
) -> list[dict]:
    """The file's rows, checked; `hosts` are the registries' hosts without "www." (with the
    file's own, they tell a host glued to another)."""
    rows, problems = [], Problems()
    hosts = {*hosts, *_file_hosts(raws)}
    primaries: dict[str, int] = {}  # key -> line of its primary site in this file
    sites: dict[tuple[str, str], int] = {}  # (key, url without its empty path) -> first line
    kind = "unknown_commune" if column == "commune_code" else "unknown_epci"
    for raw in raws:
        line = raw["__line__"]
        key = (raw.get(column) or "").strip()
        key = commune_code_normalise(key) if column == "commune_code" else key
        if key not in known:
            problems.add(line, unknown(key[:40]), kind=kind, subject=key[:40])
            continue
        row, problem = _website_row(raw, hosts)
        problem = problem or _repeated(key, row, line, sites, primaries)
        if problem:
            problems.add(line, problem)
        else:
            rows.append({**row, "key": key, "line": line})
    if problems:
        raise ValidationFailed(f"Import refusé, rien n'a été écrit ({path})", problems.render())
    return rows


def _repeated(
    key: str,
    row: dict,
    line: int,
    sites: dict[tuple[str, str], int],
    primaries: dict[str, int],
) -> str:
    """What is wrong with a site given again for its key, or a second primary site, or "";
    notes the row's site and primary site."""
    same = (key, same_site(row["url"])[0])
    if same in sites:  # its note or its flags would be those of the last row: refuse
        return f"site « {row['url'][:80]} » déjà donné ligne {sites[same]} pour « {key} »"
    sites[same] = line
    if chooses_primary(row):
        if key in primaries:  # which one would win is the order of the rows: refuse
            return f"deuxième site principal pour « {key} » (déjà à la ligne {primaries[key]})"
        primaries[key] = line
    return ""


def _file_hosts(raws: list[dict]) -> set[str]:
    """The hosts (without "www.") of the file's valid URLs."""
    found = set()
    for raw in raws:
        try:
            found.add(bare_host(url_host(raw.get("url") or "")))
        except ValueError:
            continue
    return found


def _website_row(raw: dict, hosts: Collection[str]) -> tuple[dict, str | None]:
    if extra := [v for v in raw.get("__extra__", []) if v.strip()]:
        shown = ", ".join(f"« {v.strip()[:40]} »" for v in extra[:3])
        return {}, f"valeurs hors colonnes refusées ({shown})"
    url = (raw.get("url") or "").strip()
    try:
        host = url_host(url)
    except ValueError as error:
        return {}, str(error)
    if defect := host_defect(host, hosts):
        return {}, defect
    # a column the file does not have is no key of the row: the site keeps that field as it is
    # (an empty cell of a column the file has is a value: false, true for `active`, no note)
    fields: dict[str, object] = {}
    for column, default in (("primary", False), ("active", True)):
        value = (raw.get(column) or "").strip().lower()
        if value and value not in _TRUE | _FALSE:
            return {}, f"valeur « {value} » invalide pour {column} (true/false)"
        if column in raw:
            fields[column] = value in _TRUE if value else default
    note = spreadsheet_unquote((raw.get("note") or "").strip())  # as `websites export` wrote it
    if len(note) > NOTE_MAX or "\x00" in note:
        return {}, f"note de {len(note)} caractères ou avec un caractère NUL (au plus {NOTE_MAX})"
    if "note" in raw:
        fields["note"] = note
    return {"url": url_canonical(url), "host": host, **fields}, None


def chooses_primary(row: dict) -> bool:
    """Whether a checked row makes its site the owner's primary one: marked `primary`, and not
    `active=false` (a row without an `active` column leaves the site active or makes it so)."""
    return bool(row.get("primary")) and row.get("active", True) is not False
