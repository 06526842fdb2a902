"""The English catalogue: complete, compiled from its source, and extracted from today's code.

French is the source language; `make messages` extracts the strings and compiles the catalogue.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "barometre"
LOCALE = PACKAGE / "locale"
PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "messages.py"


def _catalogue(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return read_po(handle, locale="en")


def _messages(path: Path) -> list:  # type: ignore[type-arg]
    return [message for message in _catalogue(path) if message.id]


def test_every_message_is_translated_and_none_is_fuzzy() -> None:
    untranslated, fuzzy = [], []
    for message in _messages(PO):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:3]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}"


def test_the_compiled_catalogue_is_the_source_compiled() -> None:
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for message in _messages(PO):
        context = message.context
        if isinstance(message.id, tuple):
            singular, plural = message.id
            for n, expected in zip((1, 2), message.string, strict=True):
                got = (
                    compiled.npgettext(context, singular, plural, n)
                    if context
                    else compiled.ngettext(singular, plural, n)
                )
                if got != expected:
                    stale.append(singular)
        else:
            got = (
                compiled.pgettext(context, message.id) if context else compiled.gettext(message.id)
            )
            if got != message.string:
                stale.append(message.id)
    assert not stale, f"run `make messages`: {len(stale)} messages differ, e.g. {stale[:3]}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext's tools are not installed")
def test_the_catalogue_holds_exactly_the_strings_of_the_code(tmp_path: Path) -> None:
    """Extracted again from a copy of the package: no string of the code is missing from the
    catalogue (it would show in French on an English page) and none is left over."""
    copy = tmp_path / "barometre"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--package", str(copy), "--no-compile"],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "barometre.settings"},
        timeout=300,
    )
    # a word both counted (plural) and translated alone would lose its lone translation
    assert "used without plural and with plural" not in run.stderr, run.stderr
    extracted = {_key(m) for m in _messages(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")}
    committed = {_key(m) for m in _messages(PO)}
    missing, extra = sorted(extracted - committed), sorted(committed - extracted)
    assert not missing, f"run `make messages`: {len(missing)} new strings, e.g. {missing[:3]}"
    assert not extra, f"run `make messages`: {len(extra)} strings gone, e.g. {extra[:3]}"


def _key(message) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    ident = message.id[0] if isinstance(message.id, tuple) else message.id
    return (message.context or "", ident)


def test_every_noun_counted_with_is_listed_for_extraction() -> None:
    from barometre.web.nouns import COUNT_NOUNS

    used = set()
    pattern = re.compile(r"\|fr_(?:counted|agreed):\"([^\"]*)\"")
    for template in PACKAGE.rglob("*.html"):
        for pair in pattern.findall(template.read_text(encoding="utf-8")):
            singular, _, plural = pair.partition(",")
            used.add((singular, plural or singular))
    for module in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 3:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            nouns = node.args[1:3]
            if name in {"counted", "agreed"} and all(isinstance(n, ast.Constant) for n in nouns):
                used.add((nouns[0].value, nouns[1].value))  # type: ignore[attr-defined]
    assert len(used) > 40, "the scan no longer finds the counts: update this test"
    assert not used - set(COUNT_NOUNS), sorted(used - set(COUNT_NOUNS))


def test_translation_functions_go_by_names_the_extraction_knows() -> None:
    """xgettext finds `_()`, `gettext_lazy()`…; a message wrapped in another alias
    (`gettext_lazy as _lazy`) is never extracted and shows in French on an English page."""
    functions = {"gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}
    functions |= {"pgettext_lazy", "npgettext", "npgettext_lazy", "gettext_noop"}
    aliases = set()
    for module in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                for name in node.names:
                    if name.name in functions and name.asname not in {None, "_"}:
                        aliases.add(f"{module.relative_to(PACKAGE)}: {name.name} as {name.asname}")
    assert not aliases, sorted(aliases)


def test_the_data_labels_listed_are_those_of_the_shipped_files() -> None:
    import yaml

    from barometre.outputs.data_labels import DATA_LABELS
    from barometre.referential.brackets import BRACKETS

    def load(relative: str) -> dict:  # type: ignore[type-arg]
        return yaml.safe_load((PACKAGE / relative).read_text(encoding="utf-8"))

    catalogue = load("referential/data/catalogues/services-2026.1.yaml")
    themes = load("programmes/analysis/data/themes.yaml")["themes"]
    scopes = load("programmes/data/theme_services.yaml")["themes"].values()
    shipped = {b.label for b in BRACKETS} | set(catalogue["domains"].values()) | {catalogue["name"]}
    shipped |= {s["label"] for s in catalogue["services"]} | {t["label"] for t in themes}
    shipped |= {s["scope"] for s in scopes}
    assert set(DATA_LABELS) == shipped, (
        sorted(shipped - set(DATA_LABELS)),
        sorted(set(DATA_LABELS) - shipped),
    )
    assert len(DATA_LABELS) == len(set(DATA_LABELS))


def test_the_questionnaire_words_listed_are_those_of_the_shipped_questionnaire() -> None:
    """What a respondent or a reader reads of the shipped questionnaire is in the catalogue
    (survey/labels.py), no more, no less: its answers, roles, axes' labels and priorities,
    statements and next steps."""
    from barometre.survey.labels import QUESTIONNAIRE_LABELS
    from barometre.survey.questionnaire import default_questionnaire

    spec = default_questionnaire()
    shipped = {*spec.scale, spec.dont_know, *spec.roles.values()}
    shipped |= {w for axis in spec.axes for w in (axis.label, axis.priority)}
    shipped |= {w for s in spec.statements for w in (s.text, s.next_step)}
    assert set(QUESTIONNAIRE_LABELS) == shipped, (
        sorted(shipped - set(QUESTIONNAIRE_LABELS)),
        sorted(set(QUESTIONNAIRE_LABELS) - shipped),
    )
    assert len(QUESTIONNAIRE_LABELS) == len(shipped)
