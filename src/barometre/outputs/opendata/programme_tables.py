"""The open data tables of an election's programmes: programmes, their theme sentences and the
report's figures; their Table Schema and their rows (the package is in `programme_package`).

Every programme of the election is a row, both rounds and those not read; `counted` says which
ones the figures count (one per list, the first round's: `programmes.selectors.one_per_list`).
A theme is a boolean column of `programmes` (`theme_<id>`), not a list in one text: a pandas or
R user filters and averages it as it is (`df.theme_open_data.mean()`), with no string to split.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, Q

from barometre.core.proportions import Share
from barometre.outputs.opendata.fields import (
    AT_THE_SECOND,
    BRACKET_VALUES,
    DEPARTMENT_CODE,
    DEPARTMENT_PATTERN,
    INSEE_CODE,
    Field,
)
from barometre.outputs.opendata.tables import Row
from barometre.outputs.queries import INSEE_CODE as INSEE_PATTERN
from barometre.programmes.models import Programme, ProgrammeSentence, unread_note
from barometre.programmes.reports.model import ElectionSummary
from barometre.programmes.selectors import election_programmes
from barometre.referential.brackets import BRACKET_IDS

ELECTION = Field(
    "election", "integer", "Année de l'élection municipale", required=True, title="Élection"
)
PROGRAMME_ID = Field(
    "programme_id",
    "integer",
    "Numéro du programme dans l'observatoire (clé de programmes.csv, reprise dans phrases.csv)",
    required=True,
    minimum=1,
    title="Numéro du programme",
)
STATUSES = ("ok", "no_text", "foreign")


UNREAD = "Vide pour un programme non lu (read = false) : il n'a pas été lu, pas « non »"
# the columns of programmes.csv before the themes'
PROGRAMME_FIELDS = (
    ELECTION,
    PROGRAMME_ID,
    # the commune's columns, constrained as in a campaign's cellules.csv (patterns of the
    # codes, the brackets' values), so that a code saved back as a number is refused there too
    Field("commune_code", "string", INSEE_CODE, required=True, pattern=INSEE_PATTERN),
    Field("commune_name", "string", "Nom de la commune", required=True),
    Field("department_code", "string", DEPARTMENT_CODE, required=True, pattern=DEPARTMENT_PATTERN),
    Field(
        "bracket",
        "string",
        "Tranche de population de la commune (population municipale INSEE)\u00a0: "
        + BRACKET_VALUES,
        enum=BRACKET_IDS,
        required=True,
    ),
    Field("list_name", "string", "Nom de la liste", required=True, title="Liste"),
    Field("head_of_list", "string", "Tête de liste, si elle est connue", title="Tête de liste"),
    Field(
        "round", "integer", "Tour (1 ou 2)", required=True, minimum=1, maximum=2, title="Tour"
    ),  # fmt: skip
    Field("won", "boolean", "La liste a été élue", required=True, title="Liste élue"),
    Field(
        "counted",
        "boolean",
        "Le programme compte dans les chiffres (themes.csv) : un par liste, celui du premier "
        "tour s'il existe, et seulement s'il a été lu",
        required=True,
        title="Compté dans les chiffres",
    ),
    Field(
        "status",
        "string",
        "État de la lecture : ok (lu), no_text (texte illisible : PDF d'images ou vide), "
        "foreign (dans une autre langue que le français)",
        enum=STATUSES,
        required=True,
        title="État de la lecture",
    ),
    Field("read", "boolean", "Le programme a été lu (status = ok)", required=True, title="Lu"),
    Field(
        "unread_reason",
        "string",
        "Pourquoi le programme n'a pas été lu, tel que les pages le disent ; vide s'il l'a été",
        title="Raison de la non-lecture",
    ),
    Field(
        "mentions_digital",
        "boolean",
        f"Le programme parle de numérique (au moins une phrase d'un thème). {UNREAD}",
        title="Parle de numérique",
    ),
    Field(
        "digital_sentences",
        "integer",
        "Nombre de phrases du programme qui portent au moins un thème (phrases.csv)",
        required=True,
        minimum=0,
        title="Phrases numériques",
    ),
    Field(
        "disruptive",
        "boolean",
        f"Au moins une proposition disruptive. {UNREAD}",
        title="Proposition disruptive",
    ),
    Field(
        "disruptive_sentences",
        "integer",
        "Nombre de phrases disruptives du programme",
        required=True,
        minimum=0,
        title="Phrases disruptives",
    ),
)

# where and when the list published its programme, when the import's manifest said so
SOURCE_FIELDS = (
    Field(
        "source_url",
        "string",
        "Adresse (http ou https) où la liste a publié son programme, telle que le manifeste "
        "d'import la donne ; vide si elle n'est pas connue",
        title="Adresse source",
    ),
    Field(
        "published_on",
        "date",
        "Date de publication du programme par la liste (AAAA-MM-JJ), telle que le manifeste "
        "d'import la donne ; vide si elle n'est pas connue (la date d'import n'en tient pas lieu)",
        title="Publié le",
    ),
)
FORMATS = tuple(Programme.Format.values)
# the document the programme was read in, as its page shows it (`_programme_document.html`):
# added after the source's columns, so that a reader going by position finds the earlier ones
# where they were (`demonstration` stays last, as in every table)
DOCUMENT_FIELDS = (
    Field(
        "file_name",
        "string",
        "Nom du fichier importé dans lequel le programme a été lu (sans son dossier)",
        required=True,
        title="Fichier",
    ),
    Field(
        "file_format",
        "string",
        "Format du fichier : pdf, html, docx ou text (texte brut)",
        enum=FORMATS,
        required=True,
        title="Format",
    ),
    Field(
        "page_count",
        "integer",
        "Nombre de pages du document ; vide quand le format n'en a pas (HTML, DOCX, texte)",
        minimum=0,
        title="Pages",
    ),
    Field(
        "ocr",
        "boolean",
        "Le texte a été lu par OCR (reconnaissance de caractères) dans un PDF d'images : "
        "une phrase citée peut différer du document",
        required=True,
        title="Lu par OCR",
    ),
)


def programme_fields(themes: dict[str, str]) -> tuple[Field, ...]:
    """The columns of programmes.csv, one `theme_<id>` per theme of `themes` (id: label)."""
    return (
        *PROGRAMME_FIELDS,
        *(
            Field(
                f"theme_{theme}",
                "boolean",
                f"Le programme cite le thème « {label} » ({theme}). {UNREAD}",
                title=f"Thème : {label}",
            )
            for theme, label in themes.items()
        ),
        Field("read_at", "datetime", f"Date et heure de la lecture{AT_THE_SECOND}", title="Lu le"),
        *SOURCE_FIELDS,
        *DOCUMENT_FIELDS,
    )


SENTENCE_FIELDS = (
    ELECTION,
    PROGRAMME_ID,
    Field(
        "sentence_index",
        "integer",
        "Position de la phrase dans le programme (0 pour la première)",
        required=True,
        minimum=0,
        title="Position de la phrase",
    ),
    Field("theme_id", "string", "Identifiant du thème", required=True, title="Thème (identifiant)"),
    Field("theme_label", "string", "Libellé du thème", title="Thème"),
    Field(
        "disruptive",
        "boolean",
        "La phrase est une proposition disruptive",
        required=True,
        title="Proposition disruptive",
    ),  # fmt: skip
    Field(
        "sentence",
        "string",
        "La phrase, citée comme sur les pages de l'observatoire",
        required=True,
        title="Phrase",
    ),  # fmt: skip
)

GROUPS = ("all", "bracket", "theme", "disruptive")
FIGURE_FIELDS = (
    ELECTION,
    Field(
        "group",
        "string",
        "Ce que mesure la ligne : all (part des programmes qui parlent de numérique, toutes "
        "communes), bracket (la même dans une tranche), theme (part qui cite un thème), "
        "disruptive (part avec une proposition disruptive) ; voir aussi key",
        enum=GROUPS,
        required=True,
        title="Groupe",
    ),
    Field(
        "key",
        "string",
        "Tranche ou identifiant du thème ; all pour l'ensemble. Avec le groupe all, "
        "without_video_protection : sans compter les programmes dont le seul numérique est la "
        "vidéoprotection ; avec le groupe disruptive, digital : part parmi les seuls programmes "
        "qui parlent de numérique (le dénominateur)",
        required=True,
        title="Identifiant",
    ),  # fmt: skip
    Field("label", "string", "Libellé de la tranche ou du thème", title="Libellé"),
    Field(
        "programmes",
        "integer",
        "Programmes comptés (dénominateur)",
        required=True,
        minimum=0,
        title="Programmes",
    ),  # fmt: skip
    Field(
        "count",
        "integer",
        "Programmes concernés (numérateur)",
        required=True,
        minimum=0,
        title="Programmes concernés",
    ),  # fmt: skip
    *(
        Field(name, "number", text, minimum=0, maximum=1, title=title)
        for name, title, text in (
            ("share", "Part", "Part : count / programmes ; vide sans programme"),
            ("share_low", "Borne basse", "Borne basse de l'intervalle de Wilson à 95 %"),
            ("share_high", "Borne haute", "Borne haute de l'intervalle de Wilson à 95 %"),
        )
    ),
)


def programme_rows(election: int, themes: dict[str, str], *, demo: bool) -> Iterator[Row]:
    """Every programme of the election, by commune code, round and list."""
    counted = {p.id for p in election_programmes(election, demo=demo)}
    programmes = (
        Programme.objects.filter(election=election, is_demo=demo)
        .select_related("commune")
        .defer("text")
        .annotate(
            n_sentences=Count("sentences"),
            n_disruptive=Count("sentences", filter=Q(sentences__disruptive=True)),
        )
        .order_by("commune_id", "round", "list_name", "id")
    )
    for p in programmes.iterator(chunk_size=2000):
        read = p.status == Programme.Status.OK
        known = (lambda value: value) if read else (lambda value: None)
        commune = p.commune
        yield (
            election, p.pk, commune.pk, commune.name, commune.department_id, commune.bracket,
            p.list_name, p.head_of_list, p.round, p.won, read and p.pk in counted, p.status,
            read, unread_note(p.status), known(p.mentions_digital), p.n_sentences,
            known(p.disruptive), p.n_disruptive,
            *(known(theme in p.themes) for theme in themes),
            p.read_at, p.source_url, p.published_on,
            p.source_name, p.format, p.page_count, p.ocr,
        )  # fmt: skip


def sentence_rows(election: int, themes: dict[str, str], *, demo: bool) -> Iterator[Row]:
    """Each theme of each sentence, by programme, sentence and theme."""
    sentences = ProgrammeSentence.objects.filter(
        programme__election=election, programme__is_demo=demo
    ).order_by("programme_id", "index")
    for s in sentences.iterator(chunk_size=2000):
        for theme in s.themes:
            label = themes.get(theme, theme)
            yield (election, s.programme_id, s.index, theme, label, s.disruptive, s.quote)


def figure_rows(summary: ElectionSummary) -> Iterator[Row]:
    """The report's figures (`election_summary`), as the election's page shows them: digital
    overall (and without the programmes whose only digital is video protection) and per
    bracket, each theme, disruptive proposals (of all programmes, and of those that speak of
    digital)."""

    def row(group: str, key: str, label: str, value: Share) -> Row:
        return (summary.election, group, key, label, value.n, value.count, value.share,
                value.low, value.high)  # fmt: skip

    yield row("all", "all", "Toutes les communes", summary.digital)
    yield row(
        "all",
        "without_video_protection",
        "Sans les programmes dont le seul numérique est la vidéoprotection",
        summary.digital_without_video_protection,
    )
    for b in summary.by_bracket:
        yield row("bracket", b.bracket, b.label, b.digital)
    for t in summary.themes:
        yield row("theme", t.theme, t.label, t.programmes)
    yield row("disruptive", "all", "Proposition disruptive", summary.disruptive)
    yield row(
        "disruptive",
        "digital",
        "Proposition disruptive, parmi les programmes qui parlent de numérique",
        summary.disruptive_among_digital,
    )
