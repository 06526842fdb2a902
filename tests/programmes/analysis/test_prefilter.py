"""The surface pre-filter: cheap, and never hides a quasi-sentence a cue would match."""

from __future__ import annotations

import pytest

from barometre.programmes.analysis.cues import Alternative, cue_parse
from barometre.programmes.analysis.prefilter import prefilter_build, surface_stem


@pytest.mark.parametrize(
    ("word", "stem", "forms"),
    [
        ("tablette", "tablet", ["tablettes"]),
        ("numérique", "numériq", ["numériques"]),
        ("municipal", "municip", ["municipaux", "municipale"]),
        ("dématérialiser", "dématérial", ["dématérialiserons", "dématérialisées"]),
        ("compléter", "compl", ["complète"]),
        ("ouvrir", "ouv", ["ouvert", "ouvrirons"]),
        ("inscrire", "inscr", ["inscrit"]),
        ("créer", "cré", ["créons", "créé"]),
        ("wifi", "wifi", ["wifi"]),
    ],
)
def test_inflected_forms_keep_the_stem(word: str, stem: str, forms: list[str]) -> None:
    assert surface_stem(Alternative((word,), prefix=False)) == stem
    assert all(form.startswith(stem) for form in forms)


def test_every_word_of_a_cue_must_show() -> None:
    prefilter = prefilter_build([cue_parse("guichet unique"), cue_parse("wifi + parc")])
    assert prefilter.admits("un guichet unique en mairie")
    assert not prefilter.admits("un guichet de la poste")
    assert prefilter.admits("le wifi dans les parcs")
    assert not prefilter.admits("le wifi à la médiathèque")


def test_articles_do_not_count_but_a_cue_of_short_words_still_does() -> None:
    prefilter = prefilter_build([cue_parse("point d' entrée unique"), cue_parse("ia")])
    assert prefilter.admits("un point d'entrée unique")
    assert prefilter.admits("l'ia au service des habitants")
    assert not prefilter.admits("la piscine")
