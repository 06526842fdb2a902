"""French typography of printed figures and quoted sentences (barometre.core.typography)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from barometre.core.typography import decimal, grouped, held_groups, one_line, with_unit


def test_a_figure_stays_with_its_unit_and_its_groups() -> None:
    assert with_unit(57, "%") == "57\u00a0%"
    assert with_unit("17,5", "Mo") == "17,5\u00a0Mo"
    assert grouped(35_000) == "35\u00a0000" and grouped(999) == "999"
    assert decimal(1234.56, 1) == "1\u00a0234,6" and decimal(0.81234, 4) == "0,8123"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("200 000 habitants et plus", "200\u00a0000 habitants et plus"),
        ("3 500 à 9 999 habitants", "3\u00a0500 à 9\u00a0999 habitants"),
        ("5 000 000 d'euros", "5\u00a0000\u00a0000 d'euros"),
        ("en 2026 et 2032", "en 2026 et 2032"),  # a word between two numbers: a space stays
        ("12 1234", "12 1234"),  # four digits after a space are another number
        ("Cellules 12 34", "Cellules 12 34"),
        ("20 000 à 199 999 habitants", "20\u00a0000 à 199\u00a0999 habitants"),
        ("1 234 567 habitants", "1\u00a0234\u00a0567 habitants"),
        ("en 2026 123 réponses", "en 2026 123 réponses"),  # a year and a count: two numbers
    ],
)
def test_a_data_label_s_numbers_are_joined_for_display(stored: str, shown: str) -> None:
    assert held_groups(stored) == shown


@pytest.mark.parametrize(
    ("stored", "quoted"),
    [
        ("Nous ouvrirons la\nMaison du numérique", "Nous ouvrirons la Maison du numérique"),
        ("un budget de\n2 000 euros", "un budget de 2 000 euros"),
        ("à Saint-\nÉtienne", "à Saint-Étienne"),  # the hyphen is kept, no space added
        ("le wi-fi -\nNous", "le wi-fi - Nous"),  # a dash between spaces is no word's hyphen
        ("fin  \n \n  suite", "fin suite"),
        ("50\u00a0% des écoles", "50\u00a0% des écoles"),  # other spaces as they are
        ("une ligne", "une ligne"),
    ],
)
def test_a_quoted_sentence_is_put_on_one_line_word_for_word(stored: str, quoted: str) -> None:
    assert one_line(stored) == quoted


PACKAGE = Path(__file__).resolve().parent.parent / "src" / "barometre"
TEMPLATES = [
    path
    for folder in PACKAGE.rglob("templates")
    for path in sorted(folder.rglob("*"))
    if path.is_file()
]
# « then a breakable space, or a breakable space then »: the line may break inside the quotes
BREAKABLE_QUOTE = re.compile(r"«[^\S\u00a0\u202f]|[^\S\u00a0\u202f]»")


def test_templates_are_found() -> None:
    assert len(TEMPLATES) > 40
    assert any(path.name == "logout.html" for path in TEMPLATES)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_french_quotation_marks_hold_their_words_with_a_no_break_space(path: Path) -> None:
    """A plain space after « or before » lets a narrow screen break the line between the mark
    and its word; the templates write the no-break space itself (the pages forbid &nbsp;)."""
    text = path.read_text(encoding="utf-8")
    found = [
        (text.count("\n", 0, m.start()) + 1, text[max(0, m.start() - 40) : m.end() + 40])
        for m in BREAKABLE_QUOTE.finditer(text)
    ]  # (line, what surrounds the mark)
    assert not found, found


CATALOGUE = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
# The shipped questionnaire's words are its versioned data (questionnaire-2026.1.yaml, whose
# SHA-256 the stored campaigns keep): survey/labels.py lists them as written, quotes included.
VERSIONED_DATA = "survey/labels.py"
DATA_LABELS = "outputs/data_labels.py"


# a breakable space between a number's digit groups (« 199 999 » broke as « 199 » / « 999 »)
BREAKABLE_NUMBER = re.compile(r"\d[^\S\u00a0\u202f]\d{3}\b")


def _catalogue_messages() -> list[tuple[list[str], str]]:
    """(places, msgid) of every entry of the catalogue but the header, the obsolete ones and
    the questionnaire's own words (VERSIONED_DATA)."""
    messages = []
    for entry in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        places = [line for line in entry.split("\n") if line.startswith("#: ")]
        if not places or all(VERSIONED_DATA in line for line in places):
            continue
        msgid, reading = "", False
        for line in entry.split("\n"):
            if line.startswith(("msgid ", "msgid_plural ")):
                reading, line = True, line.split(" ", 1)[1]
            elif not line.startswith('"'):
                reading = False  # msgctxt, msgstr, a comment
            if reading:
                msgid += line.strip('"')
        messages.append((places, msgid))
    return messages


def test_interface_messages_hold_quoted_words_and_numbers_with_no_break_spaces() -> None:
    """Every message of the interface and the reports, from templates and Python alike, is in
    the catalogue: one written in Python (a review conflict, an explanation of a level, an
    error page) breaks a phone's line between « and its word, or a number between its digit
    groups (« 5 000 »), as a template would. The labels of the data (population brackets,
    outputs/data_labels.py) are excepted from the numbers: the CSV, JSON and open data carry
    them as written, with plain spaces."""
    messages = _catalogue_messages()
    found = [
        (places[0], msgid[:80])
        for places, msgid in messages
        if BREAKABLE_QUOTE.search(msgid)
        or (BREAKABLE_NUMBER.search(msgid) and not all(DATA_LABELS in p for p in places))
    ]
    assert len(messages) > 500
    assert not found, found


def test_interface_messages_write_the_apostrophe_one_way() -> None:
    """The commune PDF's last note wrote « personne n’a » among sentences that all write
    « n'a »: one message in the catalogue set apart by its apostrophe."""
    messages = _catalogue_messages()
    assert any("'" in msgid for _, msgid in messages)
    assert not [(places[0], msgid[:80]) for places, msgid in messages if "’" in msgid]


# a breakable space before « : », « ; », « ! » or « ? »: a narrow screen may begin a line with
# the mark
BREAKABLE_PUNCTUATION = re.compile(r"[^\s\u00a0\u202f][^\S\u00a0\u202f][:;!?](?:\s|$)")


def test_interface_messages_hold_a_colon_or_a_semicolon_to_its_word() -> None:
    """French puts a space before « : » and « ; »; a plain one let a phone start a line with
    the mark (« Couverture partielle » / « : 2 cellules… »). Every message writes the no-break
    space itself, as the templates and the Python strings do."""
    messages = _catalogue_messages()
    found = [
        (places[0], msgid[:80]) for places, msgid in messages if BREAKABLE_PUNCTUATION.search(msgid)
    ]
    assert len(messages) > 500
    assert not found, found


# every module but the questionnaire's words, which its versioned file writes (VERSIONED_DATA)
SOURCES = [path for path in sorted(PACKAGE.rglob("*.py")) if not path.match(VERSIONED_DATA)]
# Python strings that keep a plain space beside « or »: Yoast's breadcrumb separator on the
# farm's WordPress pages, no quotation mark
KEPT = {"farm/templates.py": {" » "}}


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of every string of a module: literals, docstrings and the literal parts of
    f-strings (where « {name} » is « , the name, then »)."""
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_python_sources_are_found() -> None:
    assert len(SOURCES) > 300
    assert any(path.name == "cli.py" for path in SOURCES)
    assert not any(path.match(VERSIONED_DATA) for path in SOURCES)


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_python_strings_hold_quoted_words_with_a_no_break_space(path: Path) -> None:
    """The messages that are no gettext message (the command line's, the API's errors, the
    problems of a file read) reach a narrow terminal or screen too: « and » hold their words
    with a no-break space there as in the catalogue, and so do the docstrings that quote them."""
    kept = KEPT.get(str(path.relative_to(PACKAGE)), set())
    found = [
        (line, text[:80])
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8")))
        if BREAKABLE_QUOTE.search(text) and text not in kept
    ]
    assert not found, found


# the labels of the data, which the machine formats carry as written (see DATA_LABELS)
DATA_NUMBERS = {"referential/brackets.py", DATA_LABELS}
MESSAGE_SOURCES = [p for p in SOURCES if str(p.relative_to(PACKAGE)) not in DATA_NUMBERS]


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions."""
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


@pytest.mark.parametrize("path", MESSAGE_SOURCES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_python_messages_hold_a_number_s_digit_groups_together(path: Path) -> None:
    """« 100 000 » in a message of the command line or of an error broke as « 100 » / « 000 »:
    a number a message prints is grouped with a no-break space (`core.typography.grouped`).
    Docstrings, which explain what is printed, and the data's labels are not messages."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    found = [
        (node.lineno, node.value[:80])
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and BREAKABLE_NUMBER.search(node.value)
    ]
    assert not found, found


# French words that English and code hardly write alone: a string with one of them, an accent
# or a guillemet is French text
FRENCH = re.compile(
    r"«|[àâçéèêëîïôûùœÉÀ]|(?<![\w-])(?:de|du|des|la|le|les|une?|et|est|sont|pas|aucune?|pour"
    r"|dans|avec|sans|sur|par|aux?|ou|ne|ce|ces|cette|qui|que)(?![\w-])|(?<!\w)[dlnsjc]'\w",
    re.IGNORECASE,
)
# a regular expression or a script (a Vega expression) is code, whatever words it matches
CODE = re.compile(r"\(\?[:!=<P]|\\[bBdDsSwW]|[=!]==|&&|\|\||=>")
# no space between a word and a mark that ends a clause
GLUED_MARK = re.compile(r"[\w»)\]\"'][:;!?](?=\s|$)")
# The farm writes the pages of invented town halls' websites as real ones are written: plain
# spaces or none (farm/rendering.py's `typography` gives some sites no-break spaces); the detector
# reads them as they are. Its command line (commandline.py, evaluate.py...) is checked.
FARM_PAGES = {
    "outside",
    "phrasing",
    "platforms",
    "quirks",
    "rendering",
    "services",
    "site",
    "templates",
}
# Strings kept as written: a user agent's comment follows the protocol's « (+URL; comment) »; a
# command the user types is quoted as it is typed; the notes the shipped demonstration grids
# store are matched as written (their display, web/explanations.py, has the no-break space).
KEPT_MARKS = {
    "collection/crawler/settings.py": {"barometre/{} (+{}; observatoire de l'e-administration"},
    "settings_production.py": {"'import secrets; print(secrets.token_urlsafe(64))'"},
    "assessments/notes.py": {"démonstration : "},
}
MARK_SOURCES = [
    path for path in SOURCES if not (path.parent.name == "farm" and path.stem in FARM_PAGES)
]


def _texts(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of every string of a module but its docstrings (English prose, which may
    quote a wrong form on purpose): an f-string is one text where each value is « {} »; its
    format specs (« .1f ») are none."""
    parts: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts.update(id(part) for value in node.values for part in ast.walk(value))
    skipped = parts | _docstrings(tree)
    texts = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            texts.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            values = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
            texts.append((node.lineno, "".join(values)))
    return texts


def _clause_marks(text: str) -> list[str]:
    """Where `text` breaks a line before « : », « ; », « ! » or « ? », or glues the mark to its
    word: a plain space is a defect in any text, no space in a French one. A placeholder or an
    object written between braces (« {name} », « {service: {weights}} ») stands for one word."""
    while (braced := re.sub(r"\{[^{}]*\}", "X", text)) != text:
        text = braced
    if CODE.search(text):
        return []
    found = [m.group().rstrip() for m in BREAKABLE_PUNCTUATION.finditer(text)]
    if FRENCH.search(text):
        found += [m.group() for m in GLUED_MARK.finditer(text)]
    return found


def test_python_strings_are_told_french_or_code() -> None:
    """French text is told by its words, accents or guillemets; English text, keys, media
    types, regular expressions and scripts write their marks as their own rules say."""
    assert _clause_marks("URL de départ invalide : {}") == ["e :"]
    assert _clause_marks("{id}: attendu {guess} lu «\u00a0{text}\u00a0»") == ["X:"]
    assert _clause_marks("Une question? Écrivez-nous") == ["n?"]
    assert _clause_marks("« services »\u00a0: objet {service: {intercept}} attendu") == []
    assert _clause_marks("{} : {}") == ["X :"]  # whatever the language, a space before « : »
    for code in ("sha1:", "web:coverage:", "OCR failed: %s: %s", "Note: the {} is wrong"):
        assert _clause_marks(code) == [], code
    assert _clause_marks(r"resultats? (?:de (?:la |votre )?)?recherche") == []
    assert _clause_marks("datum.value === 0 ? '0' : format(datum.value)") == []
    assert _clause_marks("text/csv; charset=utf-8") == _clause_marks("%(name)s: %(message)s") == []
    assert len(MARK_SOURCES) > 300


@pytest.mark.parametrize("path", MARK_SOURCES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_python_messages_hold_a_clause_mark_to_its_word(path: Path) -> None:
    """« URL de départ invalide : » lost its no-break space when a helper moved it to another
    module, and a narrow terminal began a line with « : ». Every string of the Python sources
    (a constant, an f-string, a gettext message) holds « : », « ; », « ! » and « ? » to its word
    with a no-break space; an English or code string (a key, a regex, a log line) has none."""
    kept = KEPT_MARKS.get(str(path.relative_to(PACKAGE)), set())
    found = [
        (line, text[:80], marks)
        for line, text in _texts(ast.parse(path.read_text(encoding="utf-8")))
        if not any(part in text for part in kept) and (marks := _clause_marks(text))
    ]
    assert not found, found


def test_interface_messages_write_a_level_and_its_number_alike() -> None:
    """« niveau 4 » is written with a plain space in every message of the catalogue; two wrote
    a no-break space (the home page's and the campaign page's « aucune cellule applicable
    d'un service qui peut atteindre le niveau 4 »), beside neighbours that did not."""
    spaces = {
        space
        for _places, msgid in _catalogue_messages()
        for space in re.findall(r"\b[Nn]iveaux?([^\S\n])\d", msgid)
    }
    assert spaces == {" "}
