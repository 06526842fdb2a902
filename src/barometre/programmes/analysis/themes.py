"""Digital themes as data: load a themes YAML file, validate it against its schema, compile cues.

The default file is ``data/themes.yaml`` (the 13 themes of the programme observatory); a user can
pass their own file with the same format (``data/themes.schema.json``). See
docs/programmes-analysis.md (in short) and docs/programmes-rules.md (every field) for the
format and how to extend it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from barometre.core.errors import ValidationFailed
from barometre.core.yamlfile import yaml_checked, yaml_file, yaml_read
from barometre.programmes.analysis.commitment import Commitment
from barometre.programmes.analysis.cues import Cue, CueSyntaxError, Split, cue_parse, fold
from barometre.programmes.analysis.lexicon import lemma_forms
from barometre.programmes.analysis.prefilter import Forms, Prefilter, prefilter_build
from barometre.programmes.analysis.speaker import SpeakerRule, Speakers, speaker_rule

DEFAULT_THEMES = "themes.yaml"
_PACKAGE = "barometre.programmes.analysis"


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    label: str
    description: str
    disruptive: bool
    cues: tuple[Cue, ...]
    exclude: tuple[Cue, ...] = ()
    disruptive_if: tuple[Cue, ...] = ()
    routine_if: tuple[Cue, ...] = ()
    committed: bool = False  # `commitment: required`: dropped where the sentence narrates


@dataclass(frozen=True, slots=True)
class RuleExample:
    """A text a rule of the themes file must (or must not) read: run by one parametrised test.

    `theme` is the theme a cue belongs to, or None for a `not_promises` cue or a `speakers`
    pattern; with a theme, `expected` says whether the theme must appear; without one, whether
    the text must end without any theme (True for the examples of a `not_promises`, `beyond` or
    `reported` rule, False for those of a `candidate` rule, the reverse for counter-examples).
    """

    theme: str | None
    cue: str
    text: str
    expected: bool


@dataclass(frozen=True, slots=True, eq=False)
class ThemeSet:
    """A validated, compiled themes file."""

    version: str
    themes: tuple[Theme, ...]
    disruptive_cues: tuple[Cue, ...]
    routine_cues: tuple[Cue, ...]
    not_promises: tuple[Cue, ...]
    source: str
    sha256: str
    prefilter: Prefilter = field(repr=False)
    index: dict[str, tuple[tuple[Theme, Cue], ...]] = field(repr=False)
    prefix_cues: tuple[tuple[Theme, Cue], ...] = field(repr=False)
    examples: tuple[RuleExample, ...] = field(default=(), repr=False)
    aspects: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    speakers: Speakers = field(default_factory=Speakers, repr=False)
    commitment: Commitment = field(default_factory=Commitment, repr=False)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(theme.id for theme in self.themes)

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)


@cache
def _schema() -> dict[str, Any]:
    text = resources.files(_PACKAGE).joinpath("data/themes.schema.json")
    loaded: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return loaded


def themes_parse(
    raw: bytes, *, source: str, split: Split | None = None, forms: Forms | None = None
) -> ThemeSet:
    """Parse, validate and compile a themes file; every problem is listed in the error.

    `forms` gives the surface forms the lemmatizer reads as a word (default: spaCy's tables),
    so the pre-filter never drops what the lemma matcher would catch.
    """
    data = _validated(raw, source)
    compile_cue = _compiler(split or spacy_split(), data.get("vocabulary", {}))
    themes, disruptive, routine, not_promises = _compiled(data, compile_cue, source)
    speakers = _speakers(data.get("speakers", {}), source)
    commitment = Commitment(
        own=speakers.own,
        verbs=frozenset(fold(v.lower()) for v in data.get("commitment", {}).get("verbs", [])),
    )
    index, prefix_cues = _cue_index(themes)
    return ThemeSet(
        version=str(data["version"]),
        themes=themes,
        disruptive_cues=disruptive,
        routine_cues=routine,
        not_promises=not_promises,
        source=source,
        sha256=hashlib.sha256(raw).hexdigest(),
        prefilter=prefilter_build(
            (cue for theme in themes for cue in theme.cues), forms or lemma_forms
        ),
        index=index,
        prefix_cues=prefix_cues,
        examples=_examples(data),
        aspects=_aspects(data),
        speakers=speakers,
        commitment=commitment,
    )


def _validated(raw: bytes, source: str) -> dict[str, Any]:
    """The themes file read and checked against its schema; every problem is listed."""
    data = yaml_checked(
        raw,
        source=source,
        schema=_schema(),
        unreadable="Fichier de thèmes illisible",
        invalid="Fichier de thèmes invalide",
        more=_duplicate_ids,
    )
    return dict(data)


def _compiled(
    data: dict[str, Any], compile_cue: CompileCue, source: str
) -> tuple[tuple[Theme, ...], tuple[Cue, ...], tuple[Cue, ...], tuple[Cue, ...]]:
    """The themes, the disruptive and routine cues and the not-promise cues, compiled."""
    try:
        themes = tuple(_theme(item, compile_cue) for item in data["themes"])
        disruption = data.get("disruption", {})
        disruptive = tuple(compile_cue(c) for c in disruption.get("disruptive", []))
        routine = tuple(compile_cue(c) for c in disruption.get("routine", []))
        not_promises = tuple(compile_cue(c) for c in data.get("not_promises", []))
    except CueSyntaxError as error:
        raise ValidationFailed(f"Fichier de thèmes invalide : {source}", [str(error)]) from error
    return themes, disruptive, routine, not_promises


def _pattern(item: Any) -> str:
    return str(item["pattern"] if isinstance(item, dict) else item)


def _speakers(data: dict[str, Any], source: str) -> Speakers:
    """Compile the `speakers` patterns; every pattern that is no regular expression is listed."""
    compiled: dict[str, list[SpeakerRule]] = {
        "beyond": [],
        "reported": [],
        "own": [],
        "candidate": [],
    }
    problems = []
    for kind, rules in compiled.items():
        for position, item in enumerate(data.get(kind, [])):
            try:
                context = item.get("context") if isinstance(item, dict) else None
                after = item.get("context_after") if isinstance(item, dict) else None
                rules.append(speaker_rule(_pattern(item), context, after))
            except re.error as error:
                problems.append(f"speakers/{kind}/{position} : {error}")
    if problems:
        raise ValidationFailed(f"Fichier de thèmes invalide : {source}", problems)
    return Speakers(**{kind: tuple(rules) for kind, rules in compiled.items()})


def _cue_items(data: dict[str, Any]) -> list[tuple[str | None, Any]]:
    """(theme id or None for not_promises, cue item) for every cue that can carry examples."""
    items: list[tuple[str | None, Any]] = [(None, c) for c in data.get("not_promises", [])]
    items += [(theme["id"], c) for theme in data["themes"] for c in theme["cues"]]
    return items


def _examples(data: dict[str, Any]) -> tuple[RuleExample, ...]:
    found = []
    # beyond and reported examples end without any theme; a candidate pattern's examples (a
    # list's pledge told by the press) keep theirs, its counter-examples end without any.
    for kind, silences in (("beyond", True), ("reported", True), ("candidate", False)):
        for item in data.get("speakers", {}).get(kind, []):
            if isinstance(item, dict):
                for key, expected in (("examples", silences), ("counter_examples", not silences)):
                    found += [
                        RuleExample(None, item["pattern"], t, expected) for t in item.get(key, [])
                    ]
    for theme, item in _cue_items(data):
        if isinstance(item, dict):
            for key, expected in (("examples", True), ("counter_examples", False)):
                found += [RuleExample(theme, item["cue"], t, expected) for t in item.get(key, [])]
    return tuple(found)


def _aspects(data: dict[str, Any]) -> dict[str, frozenset[str]]:
    """Aspect name -> the sources (as written) of the cues that carry it."""
    aspects: dict[str, set[str]] = {}
    for theme, item in _cue_items(data):
        if theme is not None and isinstance(item, dict) and "aspect" in item:
            aspects.setdefault(item["aspect"], set()).add(item["cue"])
    return {name: frozenset(sources) for name, sources in aspects.items()}


def _duplicate_ids(data: dict[str, Any]) -> list[str]:
    seen: set[str] = set()
    problems = []
    for position, theme in enumerate(data["themes"]):
        if theme["id"] in seen:
            problems.append(f"themes/{position} : identifiant en double « {theme['id']} »")
        seen.add(theme["id"])
    return problems


CompileCue = Callable[[Any], Cue]


def _compiler(split: Split, vocabulary: dict[str, str]) -> CompileCue:
    def expand(expression: str) -> str:
        """Replace each ``@name`` with the alternatives the file's vocabulary gives it."""

        def word_list(match: re.Match[str]) -> str:
            if match.group(1) not in vocabulary:
                raise CueSyntaxError(
                    f"vocabulaire inconnu « @{match.group(1)} » : « {expression} »"
                )
            return vocabulary[match.group(1)].strip()

        return _VOCABULARY_REFERENCE.sub(word_list, expression)

    def compile_cue(item: Any) -> Cue:
        if isinstance(item, str):
            return cue_parse(expand(item), split=split, source=item)
        unless = tuple(cue_parse(expand(u), split=split, source=u) for u in item.get("unless", []))
        return cue_parse(expand(item["cue"]), split=split, unless=unless, source=item["cue"])

    return compile_cue


_VOCABULARY_REFERENCE = re.compile(r"@(\w+)")


def _theme(item: dict[str, Any], compile_cue: CompileCue) -> Theme:
    def cues(key: str) -> tuple[Cue, ...]:
        return tuple(compile_cue(c) for c in item.get(key, []))

    return Theme(
        id=item["id"],
        label=item["label"],
        description=item["description"],
        disruptive=item["disruptive"],
        cues=cues("cues"),
        exclude=cues("exclude"),
        disruptive_if=cues("disruptive_if"),
        routine_if=cues("routine_if"),
        committed=item.get("commitment", "none") == "required",
    )


def _cue_index(
    themes: tuple[Theme, ...],
) -> tuple[dict[str, tuple[tuple[Theme, Cue], ...]], tuple[tuple[Theme, Cue], ...]]:
    """Cues by the exact words of their anchor, so a quasi-sentence only tries plausible cues."""
    index: dict[str, list[tuple[Theme, Cue]]] = {}
    prefix_cues: list[tuple[Theme, Cue]] = []
    for theme in themes:
        for cue in theme.cues:
            anchor = cue.anchor()
            if any(alt.prefix for alt in anchor):
                prefix_cues.append((theme, cue))
                continue
            for alt in anchor:
                index.setdefault(max(alt.words, key=len), []).append((theme, cue))
    return {key: tuple(value) for key, value in index.items()}, tuple(prefix_cues)


@cache
def spacy_split() -> Split:
    """Tokenise cue words with spaCy's French tokenizer, as the texts are."""
    import spacy

    tokenizer = spacy.blank("fr").tokenizer

    def split(text: str) -> tuple[str, ...]:
        if text.endswith(("'", ".")):
            return (text,)  # an elided article or an abbreviation, as the tokenizer reads them
        return tuple(token.text for token in tokenizer(text) if not token.is_space)

    return split


def themes_read(path: Path) -> ThemeSet:
    """Read a user's themes file."""
    return themes_parse(yaml_file(path, what="Fichier de thèmes"), source=str(path))


@cache
def default_themes() -> ThemeSet:
    """The themes shipped with barometre."""
    ref = resources.files(_PACKAGE).joinpath(f"data/{DEFAULT_THEMES}")
    return themes_parse(ref.read_bytes(), source=f"barometre:{DEFAULT_THEMES}")


@dataclass(frozen=True, slots=True)
class ThemeLabel:
    id: str
    label: str
    description: str
    disruptive: bool


@dataclass(frozen=True, slots=True, eq=False)
class ShippedThemes:
    """What pages show of the shipped themes file, read without compiling a cue: a page that
    shows stored analyses needs no spaCy (its French pipeline takes seconds to load). The same
    attributes as a ThemeSet's, for `programmes.reports.build.election_summary`."""

    version: str
    themes: tuple[ThemeLabel, ...]
    aspects: dict[str, frozenset[str]]


@cache
def shipped_themes() -> ShippedThemes:
    ref = resources.files(_PACKAGE).joinpath(f"data/{DEFAULT_THEMES}")
    data = yaml_read(ref.read_bytes(), source=DEFAULT_THEMES, unreadable="Thèmes illisibles")
    themes = tuple(
        ThemeLabel(item["id"], item["label"], item["description"], item["disruptive"])
        for item in data["themes"]
    )
    return ShippedThemes(str(data["version"]), themes, _aspects(data))


def theme_labels() -> dict[str, str]:
    """The shipped themes' labels by id (without spaCy, as `shipped_themes`)."""
    return {theme.id: theme.label for theme in shipped_themes().themes}


def load_themes(path: Path | str | None = None) -> ThemeSet:
    """The default themes, or a user's themes file when `path` is given."""
    return default_themes() if path is None else themes_read(Path(path))
