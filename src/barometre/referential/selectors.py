"""Reads of the referential."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from django.db.models import QuerySet

from barometre.core.errors import BarometreError, ValidationFailed
from barometre.core.files import os_reason
from barometre.referential.brackets import BRACKET_IDS
from barometre.referential.codes import commune_code_normalise, is_commune_code
from barometre.referential.models import Commune, DatasetLoad, EpciWebsite, Website

SPEC_HELP = (
    "top:N (les N plus peuplées), codes INSEE séparés par des virgules sans espace "
    "(75056,69123), un fichier de codes, "
    f"une tranche ({', '.join(BRACKET_IDS)}), dep:CODE, region:CODE, epci:SIREN ou all"
)


def communes_from_spec(spec: str) -> QuerySet[Commune]:
    """Resolve a selection of communes; raise a clear error for anything unknown."""
    spec = _keyword_lowered(spec.strip())
    communes = Commune.objects.all()
    if spec == "all":
        return communes
    if spec.startswith("top:"):
        count = spec[4:]
        if not count.isdigit() or int(count) < 1:
            raise BarometreError(f"« {spec} » : top:N attend un entier positif.")
        # past the number of communes, all of them: a LIMIT past 2**63 crashed the database
        limit = min(int(count), communes.count())
        codes = list(
            communes.order_by("-population", "code").values_list("code", flat=True)[:limit]
        )
        return communes.filter(code__in=codes)
    if spec in BRACKET_IDS or spec.startswith("bracket:"):
        return _non_empty(communes.filter(bracket=spec.removeprefix("bracket:")), spec)
    for prefix, field in _AREAS:
        if spec.startswith(prefix):
            code = _area_code(prefix, spec[len(prefix) :])
            return _non_empty(communes.filter(**{field: code}), spec)
    path = Path(spec)
    if path.is_file():
        return communes_from_codes(_codes_in_file(path), origin=str(path))
    codes = [commune_code_normalise(c) for c in spec.split(",") if c.strip()]
    if codes and all(is_commune_code(c) for c in codes):
        return communes_from_codes(codes, origin="la liste")
    if path.is_dir() or "/" in spec or path.suffix.lower() in {".txt", ".csv"}:
        # meant as a file of codes: say that it is not there, not that the form is unknown
        reason = "c'est un dossier" if path.is_dir() else "fichier introuvable"
        raise BarometreError(f"Fichier de communes illisible : {spec} ({reason})")
    raise BarometreError(_not_understood(spec))


_FORM = re.compile(r"all|ferme|(?:top|bracket|dep|region|epci):[0-9A-Za-z_-]{1,20}", re.IGNORECASE)


def selection_public(spec: str, codes: Callable[[], Iterable[str]]) -> str:
    """A campaign's selection of communes (`Campaign.spec`) as its pages and the API give it:
    the form typed (all, top:25, dep:69, a bracket, codes separated by commas; « ferme » for the
    demonstration's farm), but for a file of codes, named by a path on the coordinator's
    machine (private, and meaningless to a reader), the campaign's codes (`codes()`), separated
    by commas, a selection that `campaign create --communes` reads."""
    text = spec.strip()
    if not text:
        return ""
    listed = [commune_code_normalise(c) for c in text.split(",") if c.strip()]
    if _FORM.fullmatch(text) or text.lower() in BRACKET_IDS:
        return text
    if listed and all(is_commune_code(code) for code in listed):
        return text
    return ",".join(sorted(codes()))


_AREAS = (("dep:", "department_id"), ("region:", "region_id"), ("epci:", "epci_id"))
_KEYWORD = re.compile(r"all$|top:|bracket:|dep:|region:|epci:", re.IGNORECASE)


def _keyword_lowered(spec: str) -> str:
    """ "ALL", "Dep:69", "GE200000" as the lower-case forms they mean (a file of that name is
    read as a file)."""
    if Path(spec).is_file():
        return spec
    if _KEYWORD.match(spec) or spec.lower() in BRACKET_IDS:
        prefix, colon, rest = spec.partition(":")
        return f"{prefix.lower()}{colon}{rest}" if colon else spec.lower()
    return spec


def _area_code(prefix: str, code: str) -> str:
    """A département or region code as stored: "1" is "01" (a spreadsheet drops the zero, as
    in commune codes), "2a" is "2A"."""
    code = code.strip().upper()
    if prefix != "epci:" and code.isascii() and code.isdigit() and len(code) == 1:
        return code.zfill(2)
    return code


def _not_understood(spec: str) -> str:
    """Why a selection is not understood; codes separated by semicolons or spaces are given
    back separated by commas."""
    pieces = [commune_code_normalise(p) for p in re.split(r"[;\s]+", spec) if p]
    if len(pieces) > 1 and all(is_commune_code(p) for p in pieces):
        return (
            f"Codes INSEE séparés par « ; » ou par des espaces : « {spec} » ; "
            f"séparez-les par des virgules sans espace : « {','.join(pieces)} »."
        )
    if hint := commune_name_hint(spec, option="--communes"):
        return f"{hint}."
    return f"Sélection de communes non comprise : « {spec} ». Formes admises : {SPEC_HELP}."


def commune_name_hint(text: str, *, option: str = "--commune") -> str | None:
    """What to type when a commune's name was given where its INSEE code goes (`--commune
    Paris`): its code, or the codes of the communes of that name with their département; None
    when `text` is no commune's name."""
    if is_commune_code(commune_code_normalise(text)):
        return None
    named = list(
        Commune.objects.filter(name__iexact=text.strip())
        .select_related("department")
        .order_by("code")[:6]
    )
    if not named:
        return None
    if len(named) == 1:
        return (
            f"{option} attend un code INSEE, pas un nom : « {named[0].name} » a le code "
            f"{named[0].code} (« {option} {named[0].code} »)"
        )
    listed = ", ".join(f"{c.code} ({c.department.name})" for c in named[:5])
    return (
        f"{option} attend un code INSEE, pas un nom ; plusieurs communes s'appellent "
        f"« {named[0].name} » : {listed}{' …' if len(named) > 5 else ''}"
    )


def communes_from_codes(codes: list[str], *, origin: str) -> QuerySet[Commune]:
    found = set(Commune.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationFailed(f"Codes INSEE inconnus dans {origin}", unknown[:50])
    return Commune.objects.filter(code__in=codes)


_HEADER = re.compile(r"code|insee|commune", re.IGNORECASE)


def _codes_in_file(path: Path) -> list[str]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise BarometreError(
            f"Fichier de communes illisible : {path} ({os_reason(error)})"
        ) from None
    try:
        lines = raw.decode("utf-8-sig").split("\n")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise BarometreError(
            f"Fichier de communes illisible : {path} (ligne {line} : encodage invalide, "
            "UTF-8 attendu)"
        ) from None
    codes, problems = _file_codes(lines)
    if problems:
        shown = problems[:50] + (
            [f"… et {len(problems) - 50} autres"] if len(problems) > 50 else []
        )
        raise ValidationFailed(f"Fichier de communes refusé : {path}", shown)
    if not codes:
        raise BarometreError(f"Aucun code INSEE trouvé dans {path}.")
    return codes


def _file_codes(lines: list[str]) -> tuple[list[str], list[str]]:
    """The codes of a file's lines (the first column of each, a first line may be a header)
    and what is wrong with its other lines. In a file without a header, a line of several
    codes (« 75056,13055 », the form of `--communes` written to a file) is refused: only its
    first code was read, and the others dropped without a word."""
    codes, problems = [], []
    header = False
    for number, line in enumerate(lines, start=1):
        fields = [f.strip().strip('"') for f in re.split(r"[,;\t]", line.strip())]
        first = fields[0]
        if not first or first.startswith("#"):
            continue  # blank lines and comments
        code = commune_code_normalise(first)
        if not is_commune_code(code):
            if number == 1 and _HEADER.search(first):
                header = True  # a first line may be a header
            else:
                problems.append(f"ligne {number} : « {first[:40]} » n'est pas un code INSEE")
            continue
        listed = [commune_code_normalise(f) for f in fields]
        if not header and len(listed) > 1 and all(map(is_commune_code, listed)):
            problems.append(
                f"ligne {number} : plusieurs codes sur une ligne (« {line.strip()[:40]} ») ; "
                f"un code par ligne, ou donnez-les directement : --communes {','.join(listed)}"
            )
        codes.append(code)
    return codes, problems


def _non_empty(queryset: QuerySet[Commune], spec: str) -> QuerySet[Commune]:
    if not queryset.exists():
        raise BarometreError(f"Aucune commune ne correspond à « {spec} ».")
    return queryset


def primary_websites(communes: QuerySet[Commune]) -> dict[str, list[str]]:
    """Map each commune code to its active website URLs, primary first."""
    sites: dict[str, list[str]] = {}
    rows = (
        Website.objects.filter(commune__in=communes, active=True)
        .order_by("commune_id", "-is_primary", "url")
        .values_list("commune_id", "url")
    )
    for code, url in rows:
        sites.setdefault(code, []).append(url)
    return sites


_CONFIDENCES = ("high", "medium", "low")


def epci_website_hosts(
    communes: QuerySet[Commune], *, min_confidence: str = "medium"
) -> dict[str, str]:
    """Map each commune code to the host of its EPCI's primary website.

    Only active sites at least as confident as `min_confidence` count: a low-confidence name
    match would let the crawler take another body's pages for the EPCI's. A user's import is
    of high confidence. Communes without EPCI or whose EPCI has no such site are left out.
    """
    if min_confidence not in _CONFIDENCES:
        raise ValueError(f"unknown confidence {min_confidence!r}")
    allowed = _CONFIDENCES[: _CONFIDENCES.index(min_confidence) + 1]
    members = [(code, epci) for code, epci in communes.values_list("code", "epci_id") if epci]
    hosts = dict(
        EpciWebsite.objects.filter(
            epci__in={epci for _, epci in members},
            active=True,
            is_primary=True,
            confidence__in=allowed,
        ).values_list("epci_id", "host")
    )
    return {code: hosts[epci] for code, epci in members if epci in hosts}


# What the published outputs show of the referential: the territories (commune names,
# departments, brackets) and any edit in the admin (a service's label). Websites are not shown.
_SHOWN_LOADS = ("territories", DatasetLoad.ADMIN_EDIT)


def referential_version() -> str:
    """A short digest that changes whenever the referential the outputs show is loaded again
    (`init`, `init --force`: names, brackets) or edited in the admin (names, labels): one
    query on a table of a few rows."""
    rows = (
        DatasetLoad.objects.filter(name__in=_SHOWN_LOADS)
        .order_by("name")
        .values_list("name", "sha256", "loaded_at")
    )
    text = "|".join(f"{name}:{sha}:{when.isoformat()}" for name, sha, when in rows)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
