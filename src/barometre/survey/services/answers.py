"""Record answers: one respondent from the form, or many from a file (all or nothing)."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import IntegrityError, transaction

from barometre.assessments.tabular import DEFAULT_TABLE_LIMITS, Table, TableLimits, table_open
from barometre.core.errors import BarometreError, ValidationFailed
from barometre.core.files import file_sha256, os_reason, output_check
from barometre.core.plural import counted
from barometre.core.spreadsheet import wrong_separator
from barometre.core.surrogates import surrogate_shown
from barometre.core.typography import grouped
from barometre.referential.codes import commune_code_normalise
from barometre.survey.models import (
    SurveyCampaign,
    SurveyImport,
    SurveyResponse,
    SurveyToken,
    SurveyUnit,
)
from barometre.survey.questionnaire import SCALE_MAX, QuestionnaireSpec
from barometre.survey.services.links import links_csv, site_base, token_link
from barometre.survey.services.questionnaires import questionnaire_spec

DONT_KNOW_VALUES = {"", "nsp", "je ne sais pas", "ne sait pas", "ns"}
UNIT_COLUMN = "collectivite"
# The columns a questionnaire tool writes before the answers (LimeSurvey's export with question
# codes as headings): read in any case, never stored. `ipaddr` (and `token`, a participant's
# invitation) are personal data; `submitdate` empty marks a response not finished in the tool.
TOOL_COLUMNS = (
    "id",
    "submitdate",
    "lastpage",
    "startlanguage",
    "seed",
    "token",
    "startdate",
    "datestamp",
    "ipaddr",
    "refurl",
    "interviewtime",
)
# LimeSurvey's timings (a survey that saves them): `interviewtime`, the whole response in
# seconds (above), then one column a page, `groupTime<group id>`, and one a question, its code
# followed by `Time` (`roleTime`): durations, no answers; ignored as the columns above, marked
# by this prefix once named (a file's `roleTime` was refused as an unknown statement)
TIMING = "timing:"
_GROUP_TIME = re.compile(r"grouptime[0-9]+", re.IGNORECASE)
SUBMITTED = "submitdate"
RESPONSE_ID = "id"  # the tool's response number: read to catch a response exported twice
_SCALE = {str(n): n for n in range(SCALE_MAX + 1)}
Answers = dict[str, int | None]


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


MAX_TOKENS = 100_000  # one-time tokens made at once


def survey_tokens_create(
    *, campaign: SurveyCampaign, count: int, unit: str | None = None
) -> list[str]:
    """Make `count` one-time tokens; only their hashes are stored, the tokens are returned once."""
    if not 1 <= count <= MAX_TOKENS:
        raise BarometreError(f"Le nombre de jetons doit être entre 1 et {grouped(MAX_TOKENS)}.")
    if campaign.status == SurveyCampaign.Status.CLOSED:
        raise BarometreError(f"La campagne « {campaign.name} » est close.")
    bound = _unit(campaign, unit) if unit else None
    tokens = [secrets.token_urlsafe(16) for _ in range(count)]
    SurveyToken.objects.bulk_create(
        SurveyToken(campaign=campaign, unit=bound, digest=token_digest(t)) for t in tokens
    )
    return tokens


def survey_tokens_write(
    *, campaign: SurveyCampaign, count: int, out: Path, base_url: str, unit: str | None = None
) -> list[str]:
    """Make tokens and write them with their links to a CSV file (`links_csv`, as the
    coordination page's download), all or nothing.

    The tokens are stored in a transaction that commits only once the file is complete: it is
    written beside the target and renamed at the end (a link, a device or a pipe is written
    through). If the file cannot be written, no token is stored.
    """
    out = Path(out)
    direct = _tokens_target(out, base_url)
    partial = out if direct else out.with_name(f".{out.name}.partial")
    base = site_base(base_url, nothing_done="aucun jeton n'a été créé")
    try:
        with transaction.atomic():
            tokens = survey_tokens_create(campaign=campaign, count=count, unit=unit)
            with partial.open("w", encoding="utf-8", newline="") as handle:
                handle.write(links_csv((t, token_link(base, t)) for t in tokens))
            if not direct:
                partial.replace(out)
    except OSError as error:
        raise BarometreError(
            f"Impossible d'écrire le fichier de jetons « {out} » ({os_reason(error)}) ; "
            "aucun jeton n'a été créé."
        ) from error
    finally:
        if not direct:
            partial.unlink(missing_ok=True)
    return tokens


def _tokens_target(out: Path, base_url: str) -> bool:
    """Refuse a tokens file or a site address the links cannot go to (no token is made);
    True when `out` is written through (a link, a device or a pipe)."""
    try:
        output_check(out, what="le fichier de jetons")
    except BarometreError as error:
        raise BarometreError(f"{error} Aucun jeton n'a été créé.") from None
    # A link (/dev/stdout), a device or a pipe is written through, never renamed over.
    direct = out.is_symlink() or (out.exists() and not out.is_file())
    if out.is_file() and not direct:  # only hashes are stored: the links in it would be lost
        raise BarometreError(
            f"Le fichier de jetons « {out} » existe déjà : les liens qu'il contient seraient "
            "perdus (seule leur empreinte est conservée). Choisissez un autre nom ; aucun jeton "
            "n'a été créé."
        )
    site_base(base_url, nothing_done="aucun jeton n'a été créé")
    return direct


def survey_token_find(*, token: str) -> SurveyToken | None:
    """The unused token of an open campaign, or None (it is not spent by looking)."""
    return (
        SurveyToken.objects.select_related("campaign", "unit")
        .filter(digest=token_digest(token), campaign__status="open")
        .first()
    )


def survey_token_campaign(*, token: str) -> SurveyCampaign | None:
    """The campaign of an unused token, whatever its state (a used token is deleted: None)."""
    found = SurveyToken.objects.select_related("campaign").filter(digest=token_digest(token))
    return next((t.campaign for t in found[:1]), None)


def _unit(campaign: SurveyCampaign, code: str) -> SurveyUnit:
    code = commune_code_normalise(code)
    # PostgreSQL cannot compare text holding NUL: such a code is no unit's
    found = (
        None if "\x00" in code else SurveyUnit.objects.filter(campaign=campaign, code=code).first()
    )
    if found is None:
        raise BarometreError(
            f"La collectivité « {code.replace(chr(0), '')} » ne fait pas partie de "
            f"« {campaign.name} »."
        )
    return found


NOTHING_SCORED = (
    "aucune réponse notée : « je ne sais pas » à chaque affirmation ne donne aucun score ; "
    "répondez de 0 à 4 à au moins une affirmation"
)


def scored(spec: QuestionnaireSpec, answers: Mapping[str, object]) -> bool:
    """Whether at least one statement has an answer on the scale (not "je ne sais pas")."""
    return any(answers.get(statement) is not None for statement in spec.statement_ids)


def answers_problems(
    spec: QuestionnaireSpec, role: str, answers: Mapping[str, object]
) -> list[str]:
    """What is wrong with one respondent's answers, in French (empty when all is well)."""
    problems = []
    if not role.strip():  # « rôle «  » absent », empty quotes, said nothing
        *first, last = spec.roles
        roles = f"{', '.join(first)} ou {last}" if first else last
        problems.append(f"rôle vide : indiquez {roles} (ou leur libellé)")
    elif role not in spec.roles:
        problems.append(f"rôle « {role} » absent du questionnaire ({', '.join(spec.roles)})")
    known = set(spec.statement_ids)
    for statement, value in answers.items():
        if statement not in known:
            problems.append(f"affirmation inconnue « {statement} »")
        elif value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= SCALE_MAX
        ):
            problems.append(f"« {statement} » : réponse « {value} » hors de l'échelle 0 à 4")
    return problems


@transaction.atomic
def survey_answer_submit(
    *,
    campaign: SurveyCampaign,
    unit: str,
    role: str,
    answers: Answers,
    today: date,
    token: str | None = None,
    digest: str | None = None,
) -> SurveyResponse:
    """Store one respondent's answers; a token is spent by one conditional DELETE, once.

    The token is given as such (`token`) or by its SHA-256 (`digest`, what the web form keeps in
    the respondent's session: the token itself is never stored).
    """
    if token is not None:
        digest = token_digest(token)
    if digest is not None:
        _token_spend(campaign, digest)
    spec = _answers_accepted(campaign, role, answers)
    return SurveyResponse.objects.create(
        campaign=campaign,
        unit=_unit(campaign, unit),
        role=role,
        answers={s: answers.get(s) for s in spec.statement_ids},
        submitted_on=today,
        channel=SurveyResponse.Channel.WEB,
    )


def _token_spend(campaign: SurveyCampaign, digest: str) -> None:
    """Delete the campaign's token of this digest, or refuse when there is none. Deleted, not
    marked used: an updated row would carry this transaction's id (PostgreSQL's `xmin`), the
    same as the answers' row, and tie the answers to the token (`SurveyToken`)."""
    # First statement of the transaction: the row lock decides between simultaneous requests.
    spent = SurveyToken.objects.filter(digest=digest, campaign=campaign).delete()[0]
    if spent != 1:
        raise BarometreError("Ce lien a déjà servi ou n'est pas valable.")


def _answers_accepted(campaign: SurveyCampaign, role: str, answers: Answers) -> QuestionnaireSpec:
    """The campaign's questionnaire, once the campaign is open and the answers fit it."""
    if not SurveyCampaign.objects.filter(pk=campaign.pk, status="open").exists():
        raise BarometreError("Cette enquête n'est pas ouverte : aucune réponse n'est acceptée.")
    spec = questionnaire_spec(campaign.questionnaire)
    problems = answers_problems(spec, role, answers)
    if not problems and not scored(spec, answers):
        # as the import skips such a row: it would add a respondent to every count, no score
        problems = [NOTHING_SCORED]
    if problems:
        raise ValidationFailed("Réponse refusée, rien n'a été enregistré", problems)
    return spec


@dataclass(frozen=True, slots=True)
class ImportSummary:
    campaign: str
    respondents: int
    skipped: tuple[int, ...] = ()  # lines with no scored answer ("nsp" everywhere), not counted
    ignored: tuple[str, ...] = ()  # the questionnaire tool's columns, as the file names them
    unfinished: tuple[int, ...] = ()  # lines the tool records as not finished (submitdate empty)
    tool_ids: tuple[int, int] | None = None  # the lowest and highest tool id imported (not stored)


def survey_answers_import(
    *,
    campaign: SurveyCampaign,
    path: Path,
    today: date,
    limits: TableLimits = DEFAULT_TABLE_LIMITS,
) -> ImportSummary:
    """Load a CSV/XLSX, one row per respondent; any problem refuses the whole file.

    A row with no scored answer ("nsp" everywhere) is skipped and its line reported: nobody can
    tell it from an empty row, and it would add a respondent to every count without a score.
    The file's SHA-256 is recorded, so the same file is refused if imported again.
    """
    if campaign.status == SurveyCampaign.Status.CLOSED:
        raise BarometreError(f"La campagne « {campaign.name} » est close : import refusé.")
    spec = questionnaire_spec(campaign.questionnaire)
    table = table_open(path, limits=limits)
    digest = file_sha256(table.path)
    previous = SurveyImport.objects.filter(campaign=campaign, sha256=digest).first()
    if previous is not None:
        raise BarometreError(_already(previous, campaign))
    units = {u.code: u for u in campaign.units.all()}
    names = _column_names(table.header, spec)
    header = [names.get(h, h) for h in table.header]
    problems = _header_problems(header, spec, several=len(units) > 1)
    read = _Read()
    if not problems:
        _responses(campaign, spec, table, units, problems, today, names, read)
    if not problems and not read.rows:
        problems.append(_nothing_left(read))
    if problems:
        raise ValidationFailed(f"Import refusé, rien n'a été écrit ({path})", problems[:200])
    if file_sha256(table.path) != digest:
        raise BarometreError(f"Le fichier {path} a changé pendant l'import ; relancez-le.")
    _store(campaign, table.path, digest, read.rows, today)
    return _summary(campaign, table, names, read)


def _summary(
    campaign: SurveyCampaign, table: Table, names: dict[str, str], read: _Read
) -> ImportSummary:
    """What an import stored, and what of the file it left out."""
    ignored = tuple(h for h in table.header if _tool_column(names.get(h, "")))
    return ImportSummary(
        campaign.name,
        len(read.rows),
        tuple(read.skipped),
        ignored,
        tuple(read.unfinished),
        _id_range(read.kept_ids),
    )


@dataclass
class _Read:
    """What the rows of a file gave: the responses to store, and the lines left out."""

    rows: list[SurveyResponse] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # no scored answer
    unfinished: list[int] = field(default_factory=list)  # submitdate empty
    ids: dict[str, int] = field(default_factory=dict)  # the tool's response id -> first line
    kept_ids: list[str] = field(default_factory=list)  # the tool's ids of the rows kept


def _id_range(ids: list[str]) -> tuple[int, int] | None:
    """The lowest and highest of the tool's response ids imported, when each is a number."""
    if not ids or not all(i.isascii() and i.isdigit() and len(i) < 19 for i in ids):
        return None
    return min(map(int, ids)), max(map(int, ids))


def _left_out(row: Mapping[str, str], line: int, read: _Read, problems: list[str]) -> bool:
    """Whether the tool's columns leave the line out: a response id met on an earlier line
    (the same response exported twice: refused), or a response the tool records as not
    finished (skipped)."""
    number = row.get(RESPONSE_ID, "").strip()
    first = read.ids.setdefault(number, line) if number else line
    if first != line:
        problems.append(
            f"ligne {line} : réponse d'identifiant (id) « {number[:40]} » déjà présente ligne "
            f"{first} : la même réponse de l'outil, exportée deux fois, ne compte qu'une fois ; "
            "retirez l'une des deux lignes"
        )
        return True
    if not row.get(SUBMITTED, "x").strip():
        read.unfinished.append(line)
        return True
    return False


def _nothing_left(read: _Read) -> str:
    """Why a file whose lines were all left out gives no respondent."""
    if read.unfinished and not read.skipped:
        return (
            f"aucune réponse terminée : chaque ligne a une {SUBMITTED} vide (réponse non "
            "terminée dans l'outil de questionnaire)"
        )
    if read.skipped:
        return "aucune réponse notée : chaque ligne n'a que « nsp »"
    return "aucune ligne de réponses"


def _responses(
    campaign: SurveyCampaign,
    spec: QuestionnaireSpec,
    table: Table,
    units: dict[str, SurveyUnit],
    problems: list[str],
    today: date,
    names: dict[str, str],
    read: _Read,
) -> None:
    """The file's responses into `read`, with the lines with no scored answer (skipped) and
    those the tool records as unfinished; each problem of a line is added to `problems`, with
    its number. The tool's columns are read for `submitdate` only and kept nowhere."""
    for line, row in table.rows():
        if isinstance(row, str):  # a line the reader could not split (quote, extra values...)
            problems.append(f"ligne {line} : {row}")
            continue
        row = {names.get(name, name): value for name, value in row.items()}
        if _left_out(row, line, read, problems):
            continue
        code = commune_code_normalise(row.get(UNIT_COLUMN, "")) or (
            next(iter(units)) if len(units) == 1 else ""
        )
        answers, found = _parse_row(row, spec)
        role = _role(row.get("role", ""), spec)
        found += answers_problems(spec, role, answers)
        if code not in units:
            found.append(f"collectivité « {code} » absente de la campagne")
        problems += [f"ligne {line} : {p}" for p in found]
        if not found and all(v is None for v in answers.values()):
            read.skipped.append(line)
        elif not found:
            read.rows.append(_response(campaign, units[code], role, answers, today))
            read.kept_ids.append(row.get(RESPONSE_ID, "").strip())


def _role(text: str, spec: QuestionnaireSpec) -> str:
    """The role id a cell names: the id in any case (« Agent »), or the role's label as the
    questionnaire prints it (« Élu ou élue »); else the cell, refused as an unknown role."""
    wanted = text.strip().casefold()
    return next(
        (role for role, label in spec.roles.items() if wanted in {role, label.casefold()}),
        text,
    )


def _store(
    campaign: SurveyCampaign, path: Path, digest: str, rows: list[SurveyResponse], today: date
) -> None:
    """The import and its responses, in one transaction."""
    try:
        with transaction.atomic():
            SurveyImport.objects.create(
                campaign=campaign,
                file_name=surrogate_shown(path.name)[:255],
                sha256=digest,
                respondents=len(rows),
                imported_on=today,
            )
            SurveyResponse.objects.bulk_create(rows, batch_size=2000)
    except IntegrityError as error:  # the same file, imported by another process meanwhile
        raise BarometreError(
            f"Ce fichier vient d'être importé dans « {campaign.name} » par un autre import ; "
            "rien n'a été écrit."
        ) from error


def _already(previous: SurveyImport, campaign: SurveyCampaign) -> str:
    respondents = counted(previous.respondents, "répondant", "répondants")
    return (
        f"Ce fichier a déjà été importé dans la campagne « {campaign.name} » le "
        f"{previous.imported_on:%d/%m/%Y} ({respondents}, fichier « {previous.file_name} ») ; "
        "rien n'a été écrit, pour ne pas compter deux fois les mêmes répondants."
    )


def _column_names(header: list[str], spec: QuestionnaireSpec) -> dict[str, str]:
    """The file's column names written in another case (« Role », « Collectivite », a statement
    in capitals, as a spreadsheet's header often has them) and the name each stands for: they
    were refused as unknown statements, with « role » said missing beside them. A name written
    twice in two cases is refused by the reader (`tabular`)."""
    answers = (*spec.statement_ids, "role", UNIT_COLUMN)
    timings = {f"{name}time".casefold(): f"{TIMING}{name}" for name in answers}
    allowed = timings | {name.casefold(): name for name in (*answers, *TOOL_COLUMNS)}
    names = {h: allowed[h.casefold()] for h in header if h.casefold() in allowed}
    return names | {h: f"{TIMING}{h}" for h in header if _GROUP_TIME.fullmatch(h)}


def _tool_column(name: str) -> bool:
    """Whether a column, as `_column_names` names it, is the questionnaire tool's."""
    return name in TOOL_COLUMNS or name.startswith(TIMING)


def _header_problems(header: list[str], spec: QuestionnaireSpec, *, several: bool) -> list[str]:
    wrong = wrong_separator(header)
    if wrong:  # one column named after the whole line: every other problem would follow from it
        return [wrong]
    allowed = {*spec.statement_ids, "role", UNIT_COLUMN, *TOOL_COLUMNS}
    # a column without a name (a spreadsheet's empty columns at the end of the header) is no
    # statement: the reader refuses a value under it, on its line
    unknown = [h for h in header if h and h not in allowed and not _tool_column(h)]
    problems = [_unknown_columns(unknown, spec)] if unknown else []
    problems += [
        f"en-tête : colonne « {h} » présente {n} fois (une seule est permise)"
        for h, n in Counter(h for h in header if h).items()
        if n > 1
    ]
    if "role" not in header:
        problems.append("en-tête : colonne « role » manquante")
    if several and UNIT_COLUMN not in header:
        problems.append(f"en-tête : colonne « {UNIT_COLUMN} » manquante (plusieurs collectivités)")
    missing = [s for s in spec.statement_ids if s not in header]
    if missing:
        problems.append(f"en-tête : affirmations manquantes : {', '.join(missing)}")
    return problems


def _unknown_columns(unknown: list[str], spec: QuestionnaireSpec) -> str:
    """The columns that are neither answers nor the tool's, named once (a tool's export with
    other question codes gave one problem a column)."""
    named = ", ".join(f"« {h[:40]} »" for h in unknown[:10])
    named += "…" if len(unknown) > 10 else ""
    if len(unknown) == 1:
        return (
            f"en-tête : colonne inconnue {named} : ni une affirmation du questionnaire "
            f"{spec.version}, ni « role » ou « {UNIT_COLUMN} », ni une colonne connue d'un "
            "outil de questionnaire (id, submitdate…) ; renommez-la ou retirez-la du fichier"
        )
    return (
        f"en-tête : colonnes inconnues {named} : ni des affirmations du questionnaire "
        f"{spec.version}, ni « role » ou « {UNIT_COLUMN} », ni des colonnes connues d'un "
        "outil de questionnaire (id, submitdate…) ; renommez-les ou retirez-les du fichier"
    )


def _parse_row(row: Mapping[str, str], spec: QuestionnaireSpec) -> tuple[Answers, list[str]]:
    answers: Answers = {}
    problems = []
    if "__extra__" in row:
        problems.append("valeurs en trop au-delà des colonnes de l'en-tête")
    wrong: dict[str, list[str]] = {}  # a value out of the scale -> the statements given it
    # the questionnaire's own labels (« Plutôt vrai »), as a tool exporting texts writes them
    labels = {_label_key(label): value for value, label in enumerate(spec.scale)}
    dont_know = {*DONT_KNOW_VALUES, _label_key(spec.dont_know)}
    for statement in spec.statement_ids:
        text = row.get(statement, "").strip()
        # "3,0" or "3.0": a whole number as a spreadsheet's number column writes it
        whole = _ZERO_DECIMALS.sub("", text)
        if _label_key(text) in dont_know:
            answers[statement] = None
        elif whole in _SCALE:  # ASCII digits only: "²".isdigit() is true, int("²") fails
            answers[statement] = _SCALE[whole]
        elif _label_key(text) in labels:
            answers[statement] = labels[_label_key(text)]
        else:
            wrong.setdefault(text[:40], []).append(statement)
    return answers, problems + [_out_of_scale(text, found) for text, found in wrong.items()]


_ZERO_DECIMALS = re.compile(r"(?<=^[0-9])[.,]0+$")


def _label_key(text: str) -> str:
    """A label as compared: any case, spaces (non-breaking too) and apostrophes made one."""
    return " ".join(text.replace("\u2019", "'").casefold().split())


def _out_of_scale(text: str, statements: list[str]) -> str:
    """A value out of the scale, once for the statements of a line that were given it (a
    column of « 3,5 » or of words gave 19 problems a line, 200 lines of them for a file)."""
    if len(statements) == 1:
        return f"« {statements[0]} » : réponse « {text} » hors de l'échelle 0 à 4 ou nsp"
    named = ", ".join(statements[:3]) + ("…" if len(statements) > 3 else "")
    return (
        f"réponse « {text} » hors de l'échelle 0 à 4 ou nsp pour {len(statements)} "
        f"affirmations ({named})"
    )


def _response(
    campaign: SurveyCampaign, unit: SurveyUnit, role: str, answers: Answers, today: date
) -> SurveyResponse:
    return SurveyResponse(
        campaign=campaign,
        unit=unit,
        role=role,
        answers=answers,
        submitted_on=today,
        channel=SurveyResponse.Channel.IMPORT,
    )
