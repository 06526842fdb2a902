"""Themes, exclusions and the disruptive flag, on a small themes file written for the test."""

from __future__ import annotations

from barometre.programmes.analysis import analyse_text, themes_parse

THEMES = themes_parse(
    """
version: t
vocabulary:
  web: internet|en_ligne
disruption:
  disruptive: [repenser + processus]
  routine: [installer]
themes:
  - id: outils
    label: Outils
    description: Outils des agents.
    disruptive: true
    cues: [logiciel + agent|agents]
    routine_if: [acheter]
  - id: demarches
    label: Démarches
    description: Démarches à distance.
    disruptive: false
    cues: [démarche|démarches + @web]
    exclude: [accompagner]
    disruptive_if: [zéro papier]
""".encode(),
    source="test",
)


def read(text: str) -> tuple[tuple[str, ...], bool]:
    result = analyse_text(text, themes=THEMES)
    return result.themes, result.disruptive


def test_theme_defaults_apply_when_no_cue_says_otherwise() -> None:
    assert read("Un logiciel commun pour les agents.") == (("outils",), True)
    assert read("Toutes les démarches sur internet.") == (("demarches",), False)


def test_a_routine_cue_of_the_theme_or_the_file_makes_it_routine() -> None:
    assert read("Nous achèterons un logiciel pour les agents.") == (("outils",), False)
    assert read("Nous installerons un logiciel pour les agents.") == (("outils",), False)


def test_a_disruptive_cue_wins_over_routine() -> None:
    text = "Nous installerons un logiciel pour les agents et repenserons les processus."
    assert read(text) == (("outils",), True)
    assert read("Les démarches en ligne, pour aller vers le zéro papier.") == (("demarches",), True)


def test_an_exclusion_context_removes_the_theme() -> None:
    assert read("Nous accompagnerons les démarches en ligne.") == ((), False)


def test_the_evidence_names_the_cues_as_written() -> None:
    result = analyse_text("Les démarches en ligne et un logiciel pour les agents.", themes=THEMES)
    [sentence] = result.evidence
    assert sentence.evidence == ("démarche|démarches + @web", "logiciel + agent|agents")
    assert sentence.themes == ("demarches", "outils")


def test_accents_are_ignored_in_texts_and_cues() -> None:
    assert read("Toutes les demarches sur internet.") == (("demarches",), False)
    assert read("TOUTES LES DÉMARCHES SUR INTERNET") == (("demarches",), False)
    assert read("Les demarches en ligne, vers le zero papier.") == (("demarches",), True)
    result = analyse_text("Les demarches en ligne.", themes=THEMES)
    assert result.evidence[0].evidence == ("démarche|démarches + @web",)  # as written
