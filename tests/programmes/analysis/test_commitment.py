"""Commitment: a theme counts where the sentence commits the list, not where it narrates."""

from __future__ import annotations

import pytest

from barometre.core.errors import ValidationFailed
from barometre.programmes.analysis import analyse_text, load_themes, themes_parse
from barometre.programmes.analysis.commitment import (
    FUTURE,
    NARRATED,
    NONE,
    OWN,
    is_known_verb,
    sentence_voice,
    speaks,
    uncommitted,
    verb_lemmas,
)
from barometre.programmes.analysis.lexicon import french_pipeline


def _voice(text: str) -> str:
    return sentence_voice(french_pipeline()(text), load_themes().commitment, is_known_verb)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nous installerons des caméras aux abords du collège.", OWN),
        ("Mettre en place des permanences d'aide aux démarches en ligne.", OWN),
        ("Installer le wifi gratuit dans les parcs.", OWN),
        ("Dès 2027, les familles s'inscriront à la cantine sur un seul espace en ligne.", FUTURE),
        ("Les images des caméras seront regardées par des opérateurs formés.", FUTURE),
        ("Notre commune doit enfin avoir un site digne de ce nom.", FUTURE),
        ("Chaque habitant doit pouvoir faire ses démarches, avec ou sans ordinateur.", FUTURE),
        ("Le portail famille permet aux parents de réserver la cantine en ligne.", NARRATED),
        ("La municipalité a équipé cet hiver ses écoles de tableaux interactifs.", NARRATED),
        ("Un seul guichet, à l'accueil de la mairie, pour toutes les démarches.", NONE),
        ("Une mairie sans papier : tout se remplit à l'écran.", NONE),
        ("Un éclairage public qui baisse quand personne ne passe.", NONE),
        ("Installez l'application de la ville pour signaler les pannes.", FUTURE),
        ("Vous venez d'emménager dans le quartier ?", NONE),
        ("Pour les jeunes familles, le très haut débit est indispensable.", FUTURE),
        ("Dans certains lotissements, le portable ne passe toujours pas.", FUTURE),
        ("Les actes de naissance se demandent sur le portail de la commune.", NONE),
        ("Mise a disposition des jeux de donnees de la ville sur internet.", NONE),
    ],
)
def test_each_quasi_sentence_has_a_voice(text: str, expected: str) -> None:
    assert _voice(text) == expected


def test_a_narrated_sentence_loses_its_theme_unless_the_list_speaks_next_to_it() -> None:
    assert uncommitted({0: NARRATED}, [0]) == {0}
    assert uncommitted({0: NARRATED, 1: OWN}, [0]) == set()
    # a future or a verbless bullet among narration is narration too
    assert uncommitted({0: NARRATED, 1: FUTURE, 2: NONE}, [1, 2]) == {1, 2}
    assert uncommitted({0: NONE, 1: FUTURE}, [0, 1]) == set()
    # the window is two quasi-sentences on each side
    assert uncommitted({0: OWN, 1: NONE, 2: NONE, 3: NARRATED}, [3]) == {3}
    # a text that never speaks as the list keeps only its own quasi-sentences
    assert uncommitted({0: NONE, 1: FUTURE, 2: OWN}, [0, 1, 2], text_speaks=False) == {0, 1}


def test_a_long_text_speaks_as_the_list_when_a_first_person_is_outside_quotes() -> None:
    own = load_themes().commitment.own
    spans = [(0, 1)] * 5
    assert speaks("Nous créerons un portail pour les démarches.", spans, {}, own)
    assert not speaks("« Nous créerons un portail », explique le maire.", spans, {}, own)
    assert not speaks("Déjà abonné ? Je me connecte.", spans, {}, own)  # a page's chrome
    assert speaks("« Nous filmons », dit-il.", [(0, 1)], {}, own)  # a line: benefit of the doubt
    assert speaks("La ville a lancé un portail.", spans, {3: OWN}, own)


def test_news_loses_its_themes_and_a_programme_keeps_them() -> None:
    news = (
        "La commune de Valbrune a équipé ses deux écoles de tableaux interactifs. "
        "Les élèves travaillent désormais sur des tablettes. "
        "Le portail famille permet aussi de payer la cantine en ligne. "
        "Les parents apprécient ce service."
    )
    assert analyse_text(news).themes == ()
    programme = (
        "Nos écoles manquent de matériel. Nous équiperons chaque classe d'un tableau "
        "interactif. Le portail famille permettra de payer la cantine en ligne."
    )
    assert set(analyse_text(programme).themes) >= {"ecole_numerique", "e_administration"}
    record = (
        "Selon le quotidien régional, le maire sortant a installé quarante caméras. "
        "Il a aussi lancé une application pour signaler les pannes. "
        "Son rival juge la mesure trop chère. "
        "Le débat aura lieu jeudi."
    )
    assert analyse_text(record).themes == ()


def test_a_lists_pledge_told_by_the_press_counts_for_the_list() -> None:
    press = (
        "Selon le quotidien régional, le candidat veut doubler le nombre de caméras. "
        "Il promet aussi une application pour signaler les pannes. "
        "Son rival juge la mesure trop chère. "
        "Le débat aura lieu jeudi."
    )
    assert "smart_city" in analyse_text(press).themes
    told = (
        "La liste « Lorval demain » a tenu sa réunion publique mardi soir. "
        "Parmi ses propositions, un portail unique pour toutes les démarches. "
        "La salle était comble. "
        "Le scrutin aura lieu en mars."
    )
    assert "guichet_unique" in analyse_text(told).themes


def test_the_list_recalling_its_own_pledge_keeps_the_theme() -> None:
    recalled = (
        "En 2020, nous avions pris l'engagement de passer les services de la mairie aux "
        "logiciels libres. Cinq ans plus tard, les budgets sont serrés et les éditeurs plus "
        "chers. La dépendance aux licences coûte cher. Ce choix devient indispensable."
    )
    assert "transformation_interne" in analyse_text(recalled).themes


def test_a_recital_is_the_councils_voice() -> None:
    recital = (
        "Considérant que le déploiement de la fibre optique est un enjeu d'attractivité, "
        "le conseil municipal approuve la convention avec l'opérateur."
    )
    assert analyse_text(recital).themes == ()


def test_an_online_participatory_budget_is_participation_not_open_data() -> None:
    text = "Le budget participatif sera ouvert au vote en ligne pour tous les habitants."
    assert analyse_text(text).themes == ("participation",)
    assert analyse_text("Nous mettrons le budget de la ville en ligne.").themes == ("open_data",)


def test_the_commitment_verbs_are_verbs_in_spacys_lemma_tables() -> None:
    verbs = load_themes().commitment.verbs
    assert verbs, "the shipped themes name their bullet-opening verbs"
    unknown = sorted(v for v in verbs if v not in verb_lemmas())
    assert not unknown, f"not a verb in fr_core_news_sm's lemma tables: {unknown}"
    assert {"mettre", "creer", "installer"} <= verb_lemmas()


def test_every_shipped_theme_requires_commitment_and_a_users_file_may_opt_out() -> None:
    assert all(theme.committed for theme in load_themes().themes)
    raw = (
        b"version: '1'\n"
        b"themes:\n"
        b"  - {id: web, label: Web, description: d, disruptive: false, cues: [site internet]}\n"
    )
    own = themes_parse(raw, source="mine.yaml")
    assert not own.themes[0].committed
    assert analyse_text("La ville a ouvert son site internet.", themes=own).themes == ("web",)
    with pytest.raises(ValidationFailed):
        themes_parse(raw.replace(b"false, cues", b"false, commitment: always, cues"), source="x")
