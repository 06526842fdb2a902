"""Quasi-sentences: one proposal each, with offsets into the original text."""

from __future__ import annotations

from barometre.programmes.analysis.pipeline import segmentation_tokenizer
from barometre.programmes.analysis.segment import quasi_sentence_spans

TOKENIZER = segmentation_tokenizer()


def segments(text: str) -> list[str]:
    doc = TOKENIZER(text)
    words = [token.text for token in doc]
    return [doc[start:end].text for start, end in quasi_sentence_spans(words)]


def test_sentences_split_at_final_punctuation_before_a_capital() -> None:
    text = "Nous rénoverons l'école. La piscine ouvrira le dimanche ! Et après ?"
    assert segments(text) == [
        "Nous rénoverons l'école.",
        "La piscine ouvrira le dimanche !",
        "Et après ?",
    ]


def test_abbreviations_and_numbers_do_not_end_a_sentence() -> None:
    text = "M. le maire présentera 3.5 millions d'investissements."
    assert segments(text) == [text]


def test_semicolons_separate_proposals() -> None:
    assert segments("créer un parc ; rénover la gare ; planter des arbres.") == [
        "créer un parc ;",
        "rénover la gare ;",
        "planter des arbres.",
    ]


def test_bullets_and_numbered_items_are_proposals_without_their_marker() -> None:
    text = "Nos priorités :\n- la fibre partout\n• le wifi public\n1. un guichet unique\n2) un parc"
    assert segments(text) == [
        "Nos priorités :",
        "la fibre partout",
        "le wifi public",
        "un guichet unique",
        "un parc",
    ]


def test_inline_bullets_split_too() -> None:
    assert segments("Numérique • fibre • wifi") == ["Numérique", "fibre", "wifi"]


def test_two_proposals_joined_by_et_nous_are_split() -> None:
    text = "Nous rénoverons l'école et nous créerons un jardin."
    assert segments(text) == ["Nous rénoverons l'école", "et nous créerons un jardin."]


def test_a_plain_coordination_is_kept_whole() -> None:
    text = "Nous rénoverons l'école et la cantine."
    assert segments(text) == [text]


def test_headings_and_paragraphs_are_separate() -> None:
    text = "Cadre de vie\n\nNous planterons des arbres\ndans chaque rue.\nLe marché sera couvert."
    assert segments(text) == [
        "Cadre de vie",
        "Nous planterons des arbres\ndans chaque rue.",
        "Le marché sera couvert.",
    ]


def test_a_line_ending_with_an_article_continues() -> None:
    text = "Nous installerons le\nWifi dans les parcs."
    assert segments(text) == [text]


def test_blank_and_punctuation_only_pieces_are_dropped() -> None:
    assert segments("\n\n - \n ; \n\n") == []
