"""Themes as data: the default file, a user's file, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from barometre.core.errors import ValidationFailed
from barometre.programmes.analysis import analyse_text, load_themes, themes_parse

SPEC_THEMES = {
    "guichet_unique": False,
    "site_web": False,
    "ecole_numerique": False,
    "tres_haut_debit": False,
    "e_administration": False,
    "open_data": True,
    "participation": True,
    "inclusion_numerique": False,
    "smart_city": False,
    "transformation_interne": True,
    "cybersecurite": False,
    "donnees_ia": True,
    "sobriete_numerique": False,
}

USER_THEMES = """
version: "test-1"
themes:
  - id: velo
    label: Vélo
    description: Pistes et stationnement vélo.
    disruptive: false
    cues:
      - piste|pistes cyclable|cyclables
      - cue: vélo|vélos
        unless: [vélo-école]
    exclude:
      - vélo d' appartement
"""


def test_the_default_file_has_the_thirteen_themes_of_the_spec_with_their_defaults() -> None:
    themes = load_themes()
    assert {theme.id: theme.disruptive for theme in themes.themes} == SPEC_THEMES
    assert all(theme.label and theme.description and theme.cues for theme in themes.themes)
    assert themes.sha256 and themes.version


def test_a_user_file_replaces_the_default_themes(tmp_path: Path) -> None:
    path = tmp_path / "velo.yaml"
    path.write_text(USER_THEMES, encoding="utf-8")
    themes = load_themes(path)
    assert themes.ids == ("velo",)
    result = analyse_text("Nous créerons des pistes cyclables. Le wifi sera public.", themes=themes)
    assert [s.themes for s in result.sentences] == [("velo",), ()]
    assert result.themes_version == "test-1"


def test_a_missing_file_is_reported_in_french(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed, match="Fichier de thèmes illisible") as caught:
        load_themes(tmp_path / "absent.yaml")
    assert caught.value.problems == ["fichier ou dossier introuvable"]


def test_every_schema_problem_is_listed() -> None:
    raw = b"""
version: 1
themes:
  - id: Mauvais-Id
    label: X
    description: X
    cues: []
  - id: autre
    label: Y
    description: Y
    disruptive: "oui"
    cues: [a]
"""
    with pytest.raises(ValidationFailed) as caught:
        themes_parse(raw, source="essai.yaml")
    problems = "\n".join(caught.value.problems)
    assert "themes/0" in problems and "disruptive" in problems and "themes/1/disruptive" in problems
    assert str(caught.value).startswith("Fichier de thèmes invalide : essai.yaml")


def test_duplicate_ids_and_bad_cues_are_refused() -> None:
    theme = "  - {id: a, label: A, description: A, disruptive: false, cues: [%s]}\n"
    with pytest.raises(ValidationFailed, match="invalide"):
        themes_parse(("version: 1\nthemes:\n" + theme % "x" + theme % "y").encode(), source="d")
    with pytest.raises(ValidationFailed) as caught:
        themes_parse(("version: 1\nthemes:\n" + theme % '"a||b"').encode(), source="c")
    assert "a||b" in caught.value.problems[0]


def test_unreadable_yaml_is_refused() -> None:
    with pytest.raises(ValidationFailed, match="illisible"):
        themes_parse(b"themes: [unclosed", source="cassé.yaml")


def test_vocabulary_lists_expand_and_unknown_names_are_refused() -> None:
    head = "version: 1\nvocabulary:\n  web: internet|en_ligne\nthemes:\n"
    theme = "  - {id: a, label: A, description: A, disruptive: false, cues: ['%s']}\n"
    themes = themes_parse((head + theme % "paiement + @web").encode(), source="v")
    result = analyse_text("Le paiement en ligne.", themes=themes)
    assert result.themes == ("a",)
    assert result.sentences[0].evidence == ("paiement + @web",)
    with pytest.raises(ValidationFailed) as caught:
        themes_parse((head + theme % "paiement + @absent").encode(), source="v")
    assert "@absent" in caught.value.problems[0]
