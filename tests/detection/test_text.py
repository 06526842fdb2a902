from barometre.detection.text import cue_form, cue_forms, fold, fold_many, trie_pattern


def test_fold_removes_accents_case_and_typographic_apostrophes() -> None:
    assert fold("  État  CIVIL : l\u2019acte\u00a0de décès ") == "etat civil : l'acte de deces"


def test_cue_form_reads_plurals_urls_and_elisions_alike() -> None:
    assert cue_form("Listes électorales") == cue_form("liste-electorale") == " list electoral "
    assert cue_form("Carte d\u2019identité") == cue_form("/carte-identite") == " cart identit "
    assert cue_form("Crèches") == cue_form("crèche")


def test_bulk_forms_equal_one_by_one_forms() -> None:
    lines = ["Demande d'acte de naissance", "", "Les CRÈCHES · le relais", "16 ans"]
    assert fold_many(lines) == [fold(line) for line in lines]
    assert cue_forms(fold_many(lines))[0] == cue_form(lines[0])
    assert cue_forms(fold_many(lines))[3] == cue_form(lines[3])


def test_trie_pattern_prefers_the_longest_phrase() -> None:
    import re

    pattern = re.compile(" (" + trie_pattern(["acte", "acte naissance", "list"]) + ")(?= )")
    assert pattern.findall(" acte naissance list acte ") == ["acte naissance", "list", "acte"]
