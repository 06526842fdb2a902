"""analyse_text / analyse_texts: offsets, long texts, hard negatives, disruption, pre-filter."""

from __future__ import annotations

from pathlib import Path

from barometre.programmes.analysis import analyse_text, analyse_texts, load_themes
from barometre.programmes.analysis.cues import fold
from barometre.programmes.analysis.evaluation import labelled_parse
from barometre.programmes.analysis.pipeline import text_chunks

LABELLED = Path(__file__).parent / "labelled"

PROGRAMME = """Une commune pour tous

Numérique :
- Créer un guichet unique en ligne pour toutes les démarches ;
- Installer le wifi public dans les parcs.
Nous rénoverons la salle des fêtes et nous dématérialiserons nos processus internes.
La filature et sa fibre textile seront mises en valeur. Le numéro vert sera maintenu.
"""


def test_every_quasi_sentence_points_back_into_the_text() -> None:
    result = analyse_text(PROGRAMME)
    assert [s.index for s in result.sentences] == list(range(len(result.sentences)))
    for sentence in result.sentences:
        assert PROGRAMME[sentence.start : sentence.end] == sentence.text
    assert [s.text for s in result.sentences][2:6] == [
        "Créer un guichet unique en ligne pour toutes les démarches ;",
        "Installer le wifi public dans les parcs.",
        "Nous rénoverons la salle des fêtes",
        "et nous dématérialiserons nos processus internes.",
    ]


def test_the_programme_summary_and_its_evidence() -> None:
    result = analyse_text(PROGRAMME)
    assert result.mentions_digital
    assert result.themes == (
        "e_administration",
        "guichet_unique",
        "transformation_interne",
        "tres_haut_debit",
    )
    assert result.disruptive
    evidence = {s.text: (s.themes, s.disruptive) for s in result.evidence}
    assert evidence == {
        "Créer un guichet unique en ligne pour toutes les démarches ;": (
            ("e_administration", "guichet_unique"),
            False,
        ),
        "Installer le wifi public dans les parcs.": (("tres_haut_debit",), False),
        "et nous dématérialiserons nos processus internes.": (
            ("e_administration", "transformation_interne"),
            True,
        ),
    }
    wifi = next(s for s in result.evidence if "wifi" in s.text)
    assert wifi.evidence == ("wifi|wi-fi",)


def test_hard_negatives_carry_no_theme() -> None:
    texts = [
        "Un numéro vert gratuit permettra de joindre la mairie.",
        "La filature deviendra un musée de la fibre textile.",
        "La prise des empreintes digitales se fera en mairie.",
        "Le portail de l'école sera repeint.",
        "Le réseau de bus desservira la zone d'activités.",
        "Les quartiers seront connectés entre eux par des passerelles.",
        "Nous veillerons à l'application de la loi SRU.",
        "Le site industriel sera dépollué.",
        "La plateforme du tramway sera végétalisée.",
        "Les données démographiques montrent que la commune vieillit.",
    ]
    assert [r.themes for r in analyse_texts(texts)] == [()] * len(texts)


def test_equipping_is_routine_and_redesigning_processes_is_disruptive() -> None:
    equip = analyse_text("Nous équiperons les agents d'outils numériques.")
    redesign = analyse_text("Les agents disposeront d'outils numériques pour travailler ensemble.")
    assert equip.themes == redesign.themes == ("transformation_interne",)
    assert not equip.disruptive and redesign.disruptive
    assert analyse_text("Nous dématérialiserons nos processus internes.").disruptive
    assert not analyse_text("Toutes les démarches seront possibles en ligne.").disruptive


def test_typographic_apostrophes_read_like_straight_ones() -> None:
    result = analyse_text("Un audit de sécurité du système d’information sera conduit.")
    assert "cybersecurite" in result.themes


def test_long_texts_are_chunked_at_paragraphs_and_read_like_their_parts() -> None:
    paragraph = (
        "Nous rénoverons la salle des fêtes et agrandirons son parking. "
        "La fibre optique arrivera dans tous les hameaux.\n\n"
    )
    text = paragraph * 2500  # about 280,000 characters
    chunks = list(text_chunks(text))
    assert len(chunks) > 5 and "".join(chunk for _, chunk in chunks) == text
    assert all(chunk.endswith("\n\n") for _, chunk in chunks[:-1])
    result = analyse_text(text)
    assert len(result.sentences) == 5000
    assert len(result.evidence) == 2500
    assert all(text[s.start : s.end] == s.text for s in result.sentences)
    assert result.tokens == 2500 * analyse_text(paragraph).tokens


def test_a_text_without_any_break_is_still_cut() -> None:
    text = "x" * 120_000
    chunks = list(text_chunks(text, size=50_000))
    assert [len(chunk) for _, chunk in chunks] == [50_000, 50_000, 20_000]


def test_the_prefilter_changes_nothing_on_the_labelled_set() -> None:
    files = sorted(LABELLED.glob("*.jsonl"))
    assert len(files) >= 8  # every labelled set, the blind ones included
    items = [item for f in files for item in labelled_parse(f.read_text("utf-8").splitlines())]
    texts = [item.text for item in items]
    texts += [fold(text) for text in texts[::3]]  # and without accents, as some PDFs give it
    themes = load_themes()
    fast = list(analyse_texts(texts, themes=themes))
    full = list(analyse_texts(texts, themes=themes, prefilter=False))
    assert fast == full


def test_empty_and_blank_texts() -> None:
    for text in ("", "   \n\n  "):
        result = analyse_text(text)
        assert result.sentences == () and not result.mentions_digital and result.tokens == 0
