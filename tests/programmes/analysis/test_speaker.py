"""Who is speaking: a window that is not the list's voice carries no theme; the list's keeps it."""

from __future__ import annotations

import pytest

from barometre.core.errors import ValidationFailed
from barometre.programmes.analysis import analyse_text, load_themes, themes_parse
from barometre.programmes.analysis.speaker import Speakers, not_the_list, speaker_rule, voice

SPEAKERS = Speakers(
    beyond=(speaker_rule(r"partout en France"),),
    reported=(speaker_rule(r"\bexplique le maire\b"), speaker_rule(r"\ba lancé\b")),
    own=(speaker_rule(r"\b[Nn]ous (?:le )?\w+rons\b"),),
)


def test_a_reported_window_without_the_lists_voice_is_not_the_list() -> None:
    assert voice("La ville a lancé un portail.", SPEAKERS) == r"\ba lancé\b"
    assert voice("La ville a lancé un portail ; nous le refondrons.", SPEAKERS) is None
    assert voice("Un portail pour toutes les démarches.", SPEAKERS) is None


def test_quoted_first_person_is_reported_speech() -> None:
    window = "« Nous diffuserons les séances », explique le maire."
    assert voice(window, SPEAKERS) == r"\bexplique le maire\b"


def test_the_countrys_scope_wins_over_the_first_person() -> None:
    assert voice("Nous installerons la fibre partout en France.", SPEAKERS) is not None


def test_the_window_stops_at_the_paragraph_and_after_two_neighbours() -> None:
    text = "La ville a lancé un portail.\n\nUn portail pour tout.\nUn.\nDeux.\nTrois.\nUne appli."
    starts = [0, 30, 52, 56, 62, 69]
    spans = [(s, text.index(".", s) + 1) for s in starts]
    assert [text[a:b] for a, b in spans][-1] == "Une appli."
    # the news sentence is silenced; the next paragraph is not, whatever its distance
    assert not_the_list(text, spans, [0, 1, 5], SPEAKERS) == {0}
    one = "La ville a lancé un portail. Un. Deux. Trois. Une appli."
    spans = [(0, 28), (29, 32), (33, 38), (39, 45), (46, 56)]
    assert not_the_list(one, spans, [1, 2, 4], SPEAKERS) == {1, 2}


def test_the_shipped_rules_read_real_registers() -> None:
    news = (
        "La commune de Saint-Aubin-des-Prés s'est dotée d'une application pour signaler "
        "les pannes d'éclairage."
    )
    assert analyse_text(news).themes == ()
    programme = (
        "La commune de Saint-Aubin-des-Prés s'est dotée d'une application en 2019. "
        "Nous la remplacerons par un portail unique pour toutes les démarches en ligne."
    )
    assert analyse_text(programme).mentions_digital
    quoted = "« Nous filmons chaque conseil municipal », explique le maire, Paul Durand."
    assert analyse_text(quoted).themes == ()
    bullets = "Nos engagements\n\n- Créer une application pour signaler les pannes.\n"
    assert analyse_text(bullets).themes == ("site_web",)


def test_a_programme_keeps_its_promises_next_to_a_news_paragraph() -> None:
    text = (
        "La Ville de Montbrison a lancé un portail famille l'an dernier, explique le maire.\n\n"
        "Nos propositions :\n"
        "- Mettre toutes les démarches en ligne.\n"
        "- Diffuser les séances du conseil municipal en direct.\n"
    )
    reading = analyse_text(text)
    assert [s.text for s in reading.evidence] == [
        "Mettre toutes les démarches en ligne.",
        "Diffuser les séances du conseil municipal en direct.",
    ]


def test_the_shipped_file_has_speaker_rules_with_examples() -> None:
    themes = load_themes()
    assert themes.speakers.beyond and themes.speakers.reported and themes.speakers.own
    sources = {rule.source for rule in themes.speakers.reported + themes.speakers.beyond}
    assert any(example.cue in sources for example in themes.examples)


def test_a_pattern_that_is_no_regular_expression_is_refused_by_name() -> None:
    raw = b"""
version: "t"
speakers:
  reported: ['(unclosed']
themes:
  - {id: a, label: A, description: a, disruptive: false, cues: [wifi]}
"""
    with pytest.raises(ValidationFailed) as caught:
        themes_parse(raw, source="t")
    assert any("speakers/reported/0" in problem for problem in caught.value.problems)


def test_a_programme_that_speaks_of_its_team_or_town_in_the_future_keeps_its_theme() -> None:
    timeline = (
        "En 2023, la commune a lancé une étude sur la vidéoprotection. En 2026, la nouvelle "
        "équipe lancera les travaux d'installation des caméras."
    )
    assert analyse_text(timeline).themes == ("smart_city",)
    bullets = "Nos priorités :\n• créer un portail citoyen\n• installer la fibre dans les hameaux"
    assert analyse_text(bullets).themes == ("guichet_unique", "tres_haut_debit")
    dated = (
        "Cette semaine, la page officielle de la commune a été créée. La commune y partagera "
        "les informations du site internet."
    )
    assert analyse_text(dated).themes == ()


def test_a_candidate_rule_reads_its_context_before_the_pledge_and_ends_in_the_sentence() -> None:
    from barometre.programmes.analysis.speaker import candidate_voiced

    rule = speaker_rule(r"\bIl (?:veut|promet)\b", r"\bcandidat\b")
    told = "Le candidat tenait meeting hier. La salle était pleine. Il promet des caméras."
    spans = [(0, 32), (33, 55), (56, len(told))]
    assert candidate_voiced(told, spans, [rule]) == frozenset({2})
    untold = "Le maire tenait conseil hier. La salle était pleine. Il promet des caméras."
    spans = [(0, 29), (30, 52), (53, len(untold))]
    assert candidate_voiced(untold, spans, [rule]) == frozenset()
    quoted = "« Le candidat est là », dit-elle. Il promet des caméras."
    assert candidate_voiced(quoted, [(0, 33), (34, len(quoted))], [rule]) == frozenset()


def test_a_candidate_rule_may_read_the_candidacy_after_the_pledge_within_its_reach() -> None:
    from barometre.programmes.analysis.speaker import LOOKAHEAD, candidate_voiced

    rule = speaker_rule(r"\bPaul Girard veut\b", r"\bcandidat\b", r"\bbrigue\b")
    told = "Paul Girard veut des caméras. Il brigue la mairie."
    assert candidate_voiced(told, [(0, 29), (30, len(told))], [rule]) == frozenset({0})
    far = (
        "Paul Girard veut des caméras." + " Il parle." * (LOOKAHEAD // 10) + " Il brigue la mairie."
    )
    assert candidate_voiced(far, [(0, 29), (30, len(far))], [rule]) == frozenset()
    # the before-context only: "candidat" after the pledge does not do
    before_only = speaker_rule(r"\bPaul Girard veut\b", r"\bcandidat\b")
    named_after = "Paul Girard veut des caméras. Il est candidat."
    assert candidate_voiced(named_after, [(0, 29), (30, len(named_after))], [before_only]) == (
        frozenset()
    )


def test_a_candidate_context_that_is_no_regular_expression_is_refused_by_name() -> None:
    raw = b"""
version: "t"
speakers:
  candidate:
    - {pattern: 'Il veut', context: '(unclosed'}
themes:
  - {id: a, label: A, description: a, disruptive: false, cues: [wifi]}
"""
    with pytest.raises(ValidationFailed) as caught:
        themes_parse(raw, source="t")
    assert any("speakers/candidate/0" in problem for problem in caught.value.problems)
