"""Cue expressions: the small pattern language a user writes in a themes file."""

from __future__ import annotations

import pytest

from barometre.programmes.analysis.cues import (
    CueSyntaxError,
    TokenKeys,
    cue_parse,
    sentence_of,
    verb_guesses,
)


def tokens(*pairs: str) -> object:
    """`"form/lemma"` items, or a bare form when the lemma is the same."""
    keys = []
    for pair in pairs:
        lower, _, lemma = pair.partition("/")
        keys.append(TokenKeys(lower=lower, lemma=lemma or lower))
    return sentence_of(keys)


def test_a_phrase_matches_consecutive_lemmas_or_forms() -> None:
    cue = cue_parse("guichet unique")
    assert cue.matches(tokens("un", "guichet", "unique"))
    assert cue.matches(tokens("les", "guichets/guichet", "uniques/unique"))
    assert not cue.matches(tokens("un", "guichet", "vraiment", "unique"))


def test_alternatives_apply_to_one_word_position() -> None:
    cue = cue_parse("mairie|ville en ligne")
    assert cue.matches(tokens("la", "ville", "en", "ligne"))
    assert cue.matches(tokens("mairie", "en", "ligne"))
    assert not cue.matches(tokens("mairie", "ligne"))


def test_plus_joins_parts_that_must_all_occur_in_any_order() -> None:
    cue = cue_parse("tablette|ordinateur + école|classe")
    assert cue.matches(tokens("des", "tablettes/tablette", "dans", "chaque", "classe"))
    assert cue.matches(tokens("la", "classe", "aura", "un", "ordinateur"))
    assert not cue.matches(tokens("des", "tablettes/tablette", "pour", "les", "seniors/senior"))


def test_a_trailing_star_compares_as_a_prefix() -> None:
    cue = cue_parse("cyber*")
    assert cue.matches(tokens("la", "cybersécurité"))
    assert not cue.matches(tokens("le", "cinéma"))


def test_unless_cancels_the_cue_in_its_context() -> None:
    unless = (cue_parse("textile|tissu"),)
    cue = cue_parse("fibre", unless=unless)
    assert cue.matches(tokens("la", "fibre", "arrive"))
    assert not cue.matches(tokens("la", "fibre", "textile"))


def test_words_are_compared_in_lower_case() -> None:
    assert cue_parse("FranceConnect").matches(tokens("franceconnect"))


@pytest.mark.parametrize("source", ["", "   ", "a||b", "a + ", "*"])
def test_malformed_expressions_are_refused_in_french(source: str) -> None:
    with pytest.raises(CueSyntaxError, match="expression"):
        cue_parse(source)


def test_future_forms_are_matched_to_their_infinitive_even_when_the_lemma_is_wrong() -> None:
    assert verb_guesses("repenserons") == ("repenser", "repensere")
    assert verb_guesses("construirons") == ("construir", "construire")
    assert verb_guesses("vrai") == ()
    cue = cue_parse("repenser + processus")
    misread = TokenKeys("repenserons", "repenseron", verb_guesses("repenserons"))
    assert cue.matches(sentence_of([misread, TokenKeys("processus", "processus")]))
