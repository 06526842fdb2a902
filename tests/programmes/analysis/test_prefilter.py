"""The surface pre-filter: cheap, and never hides a quasi-sentence a cue would match."""

from __future__ import annotations

import pytest

from barometre.programmes.analysis import analyse_texts, load_themes, themes_parse
from barometre.programmes.analysis.cues import Alternative, cue_parse
from barometre.programmes.analysis.lexicon import lemma_forms
from barometre.programmes.analysis.prefilter import (
    alternative_stems,
    cue_words,
    prefilter_build,
    surface_stem,
)


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


def test_a_stem_with_an_apostrophe_does_not_hide_the_next_word() -> None:
    prefilter = prefilter_build([cue_parse("pas d' ordinateur"), cue_parse("algorithme")])
    assert prefilter.admits("pas d'algorithme de décision")
    assert prefilter.admits("pas d'ordinateur")


def test_articles_do_not_count_but_a_cue_of_short_words_still_does() -> None:
    prefilter = prefilter_build([cue_parse("point d' entrée unique"), cue_parse("ia")])
    assert prefilter.admits("un point d'entrée unique")
    assert prefilter.admits("l'ia au service des habitants")
    assert not prefilter.admits("la piscine")


def test_accents_are_ignored_on_both_sides() -> None:
    prefilter = prefilter_build([cue_parse("démarche + numérique"), cue_parse("accès internet")])
    assert prefilter.admits("vos demarches numeriques")
    assert prefilter.admits("acces internet pour tous".lower())
    assert prefilter.admits("ACCÈS INTERNET".lower())


def test_irregular_forms_the_lemmatizer_knows_bring_their_own_stems() -> None:
    cue = cue_parse("mettre en_ligne")
    assert not prefilter_build([cue]).admits("les actes seront mis en ligne")
    prefilter = prefilter_build([cue], forms=lemma_forms)
    assert prefilter.admits("les actes seront mis en ligne")
    assert prefilter.admits("nous mettrons en ligne les actes")
    assert not prefilter.admits("les actes seront affichés")
    assert {"mis", "mit", "met"} <= alternative_stems(
        Alternative(("mettre",), False), lemma_forms(["mettre"])
    )


def test_every_form_read_as_a_cue_word_passes_the_prefilter() -> None:
    """The guarantee, on the shipped themes: each surface form spaCy's lemmatizer reads as a
    cue word (irregular ones included) is found by the pre-filter's pattern as that word."""
    themes = load_themes()
    cues = [cue for theme in themes.themes for cue in theme.cues]
    forms = lemma_forms(cue_words(cues))
    checked = 0
    for word, surface_forms in forms.items():
        for form in surface_forms:
            if not form.isalpha():
                continue
            found = [m.group(1) for m in themes.prefilter.pattern.finditer(form)]
            assert form in found, (word, form)
            assert any(form.startswith(stem) for stem in themes.prefilter.stems), (word, form)
            checked += 1
    assert checked > 1000


def test_an_irregular_verb_form_is_read_with_and_without_the_prefilter() -> None:
    themes = themes_parse(
        b"""
version: t
themes:
  - id: pay
    label: Paiement
    description: Paiement en ligne.
    disruptive: false
    cues: [payer + internet, mettre + en_ligne]
""",
        source="test",
    )
    texts = ["La cantine se paie sur internet.", "Les comptes rendus seront mis en ligne."]
    fast = list(analyse_texts(texts, themes=themes))
    assert [r.themes for r in fast] == [("pay",), ("pay",)]
    assert fast == list(analyse_texts(texts, themes=themes, prefilter=False))


def test_stems_sharing_a_prefix_are_all_found() -> None:
    prefilter = prefilter_build(
        [cue_parse("payer + internet"), cue_parse("paiement + guichet"), cue_parse("e-service")]
    )
    assert prefilter.admits("payez sur internet")
    assert prefilter.admits("le paiement au guichet")
    assert prefilter.admits("nos e-services")
    assert not prefilter.admits("le paiement sur place")
