"""Match host names of intercommunal websites to EPCI by name. Pure: strings in, tuples out.

The State's directory lists host names of intercommunal bodies without any identifier, so the
maintainer script (`scripts/build_referential.py`) matches each host to an EPCI SIREN by
comparing the host's label with the EPCI's name, both reduced to "keys": lower-case ASCII
letters and digits, with the usual prefixes and abbreviations (cc, communauté de communes,
ca, agglo, cu, métropole…) removed, and with or without "pays", articles and prepositions.

A key shared by exactly one EPCI is a match; its confidence says how much was stripped to get
there (docs/crawler.md). A key shared by several EPCI is ambiguous and gives no match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

HIGH, MEDIUM, LOW, NONE = "high", "medium", "low", "none"
RANK = {HIGH: 0, MEDIUM: 1, LOW: 2, NONE: 3}

# Words of an EPCI's name that only say what kind of body it is.
_KIND_PHRASES = (
    "communaute de communes",
    "communaute d agglomeration",
    "communaute urbaine",
    "communaute de l agglomeration",
    "communaute d agglo",
    "metropole",
    "eurometropole",
    "agglomeration",
    "agglo",
    "communaute",
    "intercom",
    "interco",
    "cc",
    "ca",
    "cu",
)
_STOPWORDS = frozenset(
    [
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "et",
        "en",
        "sur",
        "sous",
        "a",
        "au",
        "aux",
        "the",
    ]
)
# The same, as they appear glued at the start or end of a host label ("ccdupays", "agglo-").
_HOST_PREFIXES = (
    "communautedecommunes",
    "communautedagglomeration",
    "communauteurbaine",
    "communaute",
    "comdecom",
    "comcom",
    "cdcom",
    "cdc",
    "cc",
    "ca",
    "cu",
    "agglomeration",
    "agglo",
    "metropole",
    "intercom",
    "interco",
)
_HOST_SUFFIXES = (
    "communaute",
    "agglomeration",
    "agglo",
    "metropole",
    "intercom",
    "interco",
)
_GLUED_ARTICLES = ("du", "des", "de", "la", "le", "les")
_MIN_BARE = 8  # a shorter bare key ("ales", "brest") may be the town's own site


@dataclass(frozen=True, slots=True)
class EpciName:
    siren: str
    name: str
    kind: str = ""


@dataclass(frozen=True, slots=True)
class HostMatch:
    host: str
    siren: str
    confidence: str  # high, medium, low
    key: str  # the key that matched, for the note


def ascii_words(text: str) -> list[str]:
    """Lower-case ASCII words of `text` (accents removed, any punctuation a separator)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", plain.lower())


def _strip_kind(words: list[str]) -> list[str]:
    text = " " + " ".join(words) + " "
    for phrase in _KIND_PHRASES:
        text = text.replace(f" {phrase} ", " ")
    return text.split()


def _without_pays(words: list[str]) -> list[str]:
    """Words with "pays" (and the article after it) removed."""
    out: list[str] = []
    skip = False
    for word in words:
        if word == "pays":
            skip = True
            continue
        if skip and word in _STOPWORDS:
            continue
        skip = False
        out.append(word)
    return out


def epci_keys(name: str) -> dict[str, str]:
    """The keys of an EPCI's name: "name" keys (its words) and "acronym" keys (in brackets)."""
    acronyms = re.findall(r"\(([^)]*)\)", name)
    words = _strip_kind(ascii_words(re.sub(r"\([^)]*\)", " ", name)))
    keys: dict[str, str] = {}
    if words and words[0] in {"le", "la", "les", "l"}:  # "CU Le Mans Métropole": "lemans"
        keys["".join(words)] = "name"
    while words and words[0] in _STOPWORDS:  # "CC de la Veyle": hosts drop "de la"
        words = words[1:]
    variants = [words]
    if "pays" in words:
        variants.append(_without_pays(words))
    for variant in variants:
        keys["".join(variant)] = "name"
        keys["".join(w for w in variant if w not in _STOPWORDS)] = "name"
    for acronym in acronyms:
        keys.setdefault("".join(ascii_words(acronym)), "acronym")
    for variant in variants:  # "Portes de France-Thionville" also answers to "thionville"
        content = [w for w in variant if w not in _STOPWORDS]
        for start in range(len(content)):
            for end in range(start + 1, len(content) + 1):
                keys.setdefault("".join(content[start:end]), "part")
    return {k: v for k, v in keys.items() if len(k) >= 3}


def host_label(host: str) -> str:
    """The part of a host name that carries the body's name: no "www.", no top-level domain."""
    labels = host.lower().rstrip(".").split(".")
    if labels and labels[0] == "www":
        labels = labels[1:]
    return ".".join(labels[:-1])


def host_keys(host: str) -> dict[str, bool]:
    """The keys a host name may stand for, each saying whether a kind marker was removed.

    "cc-pays-de-lure" gives "paysdelure" and "lure" (marked: it said "cc"), "kochersberg"
    gives itself (unmarked).
    """
    label = host_label(host)
    if not label or "." in label:  # a subdomain of another body's site: not a name
        return {}
    squashed = label.replace("-", "")
    keys = {squashed: False}
    if squashed.startswith("grand") and len(squashed) > 8:  # "grandlyon": "Métropole de Lyon"
        keys[squashed[5:]] = False
    for prefix in _HOST_PREFIXES:
        if squashed.startswith(prefix) and len(squashed) > len(prefix) + 2:
            rest = squashed[len(prefix) :]
            keys.update(dict.fromkeys({rest} | _unglued(rest), True))
    for key in list(keys):
        for suffix in _HOST_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                keys[key[: -len(suffix)]] = True
                keys.update(dict.fromkeys(_unglued(key[: -len(suffix)]), True))
    hyphenated = [w for w in label.split("-") if w]
    if len(hyphenated) > 1:
        words = _strip_kind(hyphenated)
        marked = len(words) < len(hyphenated)
        for variant in (words, _without_pays(words)):
            content = "".join(w for w in variant if w not in _STOPWORDS)
            keys[content] = keys.get(content, False) or marked
    return {k: v for k, v in keys.items() if len(k) >= 3}


def _unglued(rest: str) -> set[str]:
    """ "dupaysdelure" after "cc": also "paysdelure" (an article glued to the prefix)."""
    found = {
        rest[len(article) :]
        for article in _GLUED_ARTICLES
        if rest.startswith(article) and len(rest) > len(article) + 3
    }
    if rest[:1] in {"l", "d"} and rest[1:2] in set("aeiouhy"):  # "lestlyonnais", "darmagnac"
        found.add(rest[1:])
    return found


def _confidence(kind: str, key: str, marked: bool, towns: frozenset[str]) -> str:
    """How sure a match is: a name key on a host that says "cc"/"agglo"… or a long key is high.

    A bare host that is also a town's name ("chateaugontier") may be the town's own site.
    """
    if kind == "name":
        return HIGH if marked or (len(key) >= _MIN_BARE and key not in towns) else MEDIUM
    if kind == "part":  # "agglo-thionville" for "CA Portes de France-Thionville"
        if len(key) < 5:
            return NONE
        return MEDIUM if marked else LOW
    return MEDIUM if marked or len(key) >= 4 else LOW


def _better(confidence: str, key: str, than_confidence: str, than_key: str) -> bool:
    """Whether a match by `key` beats one by `than_key`: the better confidence, then the longer
    key (the more of the name it holds), then the first in alphabetical order, so that the
    note does not depend on the order of a set (the build gives the same file on every run)."""
    return (RANK[confidence], -len(key), key) < (RANK[than_confidence], -len(than_key), than_key)


def match_hosts(
    hosts: Iterable[str], epcis: Iterable[EpciName], *, towns: Iterable[str] = ()
) -> tuple[list[HostMatch], int]:
    """Match each host to at most one EPCI; return the matches and the number of ambiguous hosts.

    `towns` are commune names: a bare host named like a town is at most of medium confidence.
    A host matches when one of its keys is a key of an EPCI's name. The best confidence wins;
    when several EPCI share the best confidence for a host, the host is left out as ambiguous.
    """
    town_keys = frozenset("".join(ascii_words(t)) for t in towns)
    index: dict[str, dict[str, str]] = {}
    for epci in epcis:
        for key, kind in epci_keys(epci.name).items():
            index.setdefault(key, {})[epci.siren] = kind
    matches: list[HostMatch] = []
    ambiguous = 0
    for host in hosts:
        found: dict[str, tuple[str, str]] = {}  # siren -> (confidence, key)
        for key, marked in host_keys(host).items():
            for siren, kind in index.get(key, {}).items():
                confidence = _confidence(kind, key, marked, town_keys)
                if confidence == NONE:
                    continue
                if siren not in found or _better(confidence, key, *found[siren]):
                    found[siren] = (confidence, key)
        if not found:
            continue
        best = min(RANK[c] for c, _ in found.values())
        top = [s for s, (c, _) in found.items() if RANK[c] == best]
        if len(top) > 1:
            ambiguous += 1
            continue
        confidence, key = found[top[0]]
        matches.append(HostMatch(host, top[0], confidence, key))
    return matches, ambiguous
