"""Matching intercommunal host names to EPCI by name (pure, hand-written cases)."""

import pytest

from barometre.referential.epci_matching import EpciName, epci_keys, host_keys, match_hosts

EPCIS = (
    EpciName("200000001", "CC du Pays de Lure", "CC"),
    EpciName("200000002", "CC des Terres du Val de Loire", "CC"),
    EpciName("200000003", "CA du Grand Annecy", "CA"),
    EpciName("200000004", "CC Faucigny - Glières", "CC"),
    EpciName("200000005", "Toulouse Métropole", "METRO"),
    EpciName("200000006", "CC de la Veyle", "CC"),
    EpciName("200000007", "CC le Dourdannais en Hurepoix (CCDH)", "CC"),
    EpciName("200000008", "CA Portes de France-Thionville", "CA"),
    EpciName("200000009", "CC de l'Est Lyonnais (CCEL)", "CC"),
    EpciName("200000010", "CA Alès Agglomération", "CA"),
    EpciName("200000011", "CC du Val de Sarthe", "CC"),
    EpciName("200000012", "CC Sarthe Val d'Huisne", "CC"),
    EpciName("200000013", "CC du Pays de Château-Gontier", "CC"),
    EpciName("200000014", "CC Vallée de la Marne", "CC"),
    EpciName("200000015", "CC Vallée de la Marne Moyenne", "CC"),
    EpciName("200000016", "Métropole de Lyon", "MET69"),
    EpciName("200000017", "CU Le Mans Métropole", "CU"),
)


def matched(*hosts: str, towns: tuple[str, ...] = ()) -> dict[str, tuple[str, str]]:
    matches, _ = match_hosts(hosts, EPCIS, towns=towns)
    return {m.host: (m.siren, m.confidence) for m in matches}


@pytest.mark.parametrize(
    ("host", "siren", "confidence"),
    [
        ("www.cc-pays-de-lure.fr", "200000001", "high"),  # hyphenated, "cc" prefix
        ("ccpaysdelure.fr", "200000001", "high"),  # glued prefix
        ("www.cc-lure.fr", "200000001", "high"),  # "pays de" dropped by the body itself
        ("ccterresduvaldeloire.fr", "200000002", "high"),  # articles kept, all glued
        ("terres-val-loire.fr", "200000002", "high"),  # articles dropped, bare but long
        ("www.grandannecy.fr", "200000003", "high"),
        ("agglo-grand-annecy.fr", "200000003", "high"),
        ("faucigny-glieres.fr", "200000004", "high"),  # accents and " - " in the name
        ("www.toulouse-metropole.fr", "200000005", "high"),  # kind as a suffix
        ("cc-laveyle.fr", "200000006", "high"),  # "de la" glued after the prefix
        ("ccdourdannais-hurepoix.fr", "200000007", "high"),  # leading article "le" dropped
        ("ccdh.fr", "200000007", "medium"),  # the acronym given in brackets
        ("www.ccel.fr", "200000009", "medium"),
        ("agglo-thionville.fr", "200000008", "medium"),  # part of the name, marked host
        ("www.ales.fr", "200000010", "medium"),  # short bare key: may be the town's site
        ("www.grandlyon.com", "200000016", "medium"),  # "grand" added by the body
        ("lemans.fr", "200000017", "medium"),  # the article kept
        ("le-mans-metropole.fr", "200000017", "high"),
    ],
)
def test_hosts_match_their_epci(host: str, siren: str, confidence: str) -> None:
    assert matched(host) == {host: (siren, confidence)}


def test_a_bare_host_named_like_a_town_is_only_medium() -> None:
    assert matched("chateau-gontier.fr") == {"chateau-gontier.fr": ("200000013", "high")}
    got = matched("chateau-gontier.fr", towns=("Château-Gontier",))
    assert got == {"chateau-gontier.fr": ("200000013", "medium")}


def test_ambiguous_and_unrelated_hosts_are_left_out() -> None:
    # "valleedelamarne" is exactly one EPCI's name: the longer name only contains it.
    assert matched("cc-vallee-de-la-marne.fr") == {
        "cc-vallee-de-la-marne.fr": ("200000014", "high")
    }
    # "sarthe" is part of two names: ambiguous, no match; so is a computed acronym.
    hosts = ("cc-sarthe.fr", "ccpl.fr", "ville-lure.fr", "mairie.annecy.fr", "mon.site.fr")
    matches, ambiguous = match_hosts(hosts, EPCIS)
    assert matches == [] and ambiguous == 1


def test_keys() -> None:
    keys = epci_keys("CC du Pays de l'Huisne Sarthoise (CCPHS)")
    assert keys["paysdelhuisnesarthoise"] == "name"
    assert keys["huisnesarthoise"] == "name"  # "pays de l'" removed
    assert keys["ccphs"] == "acronym"
    assert keys["sarthoise"] == "part"
    assert host_keys("www.comcom-crozon.bzh") == {"comcomcrozon": False, "crozon": True}
    assert host_keys("sub.domain.example.fr") == {}


def test_the_key_noted_for_a_match_does_not_depend_on_the_hash_seed() -> None:
    """« cc-laseptaine » matches « La Septaine » by two keys of the same confidence; which one
    the shipped file noted changed from one build to the next (the order of a set)."""
    import os
    import subprocess
    import sys

    code = (
        "from barometre.referential.epci_matching import EpciName, match_hosts\n"
        "m, _ = match_hosts(['cc-laseptaine.fr'],"
        " [EpciName('241800374', 'CC La Septaine')])\n"
        "print(m[0].key)\n"
    )
    keys = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        keys.add(run.stdout.strip())
    assert keys == {"laseptaine"}
