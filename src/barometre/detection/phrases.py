"""The wording that real pages use for each channel: the rules of `data/channels.yaml`, applied.

Each rule gives a signal kind, the level it evidences and how sure it is. A clause that carries
a negation ("n'est pas encore disponible en ligne", "aucun paiement en ligne") cancels the rules
that matched in it. "Sur rendez-vous en mairie" and other in-person channels are recorded as
`in_person` (level 1): they explain why a page stays at information.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from barometre.detection.channel_rules import (
    ChannelRule,
    channel_rules,
    literal_scan,
    rule_may_match,
)
from barometre.detection.text import trie_pattern

# the number may carry a thousands space ("cerfa n° 12 156*05")
_CERFA = re.compile(r"\bcerfa\W{0,3}(?:n\W{0,2}o?\W{0,2})?(\d{2}\s?\d{3})(?!\d)(?:\s?\*\s?\d{2})?")
_CERFA_DOWNLOAD = re.compile(
    r"telecharg|imprim|\bpdf\b|disponible sur|en ligne|ci-dessous|ci-contre|sur le site"
    r"|service-public|en bas de (?:cette |la )?page"
)
# "ne ... plus que" / "ne ... pas que" restricts ("on ne peut plus régler que par carte, en
# ligne": only online now): no negation
_NEGATION = re.compile(
    r"\b(?:ne|n')\s?(?:\w+\s){0,2}?\w*\s?(?:pas|plus|jamais)\b(?!\s(?:[\w-]+\s){0,3}?qu(?:e\b|'))"
    r"|\bn'\w+ (?:pas|plus|jamais)\b(?!\s(?:[\w-]+\s){0,3}?qu(?:e\b|'))"
    r"|\bpas (?:encore|de|d'|possible|disponible)\b|\baucun\w*\b|\bimpossible\b|\bprochainement\b"
    r"|\bbientot\b|\bindisponible\b|\bhors service\b|\bsuspendu\w*\b|\binterrompu\w*\b"
    r"|\bne sont plus\b|\bfin du service\b|\bsans objet\b|\bplus possible\b"
)
# A title or heading that names online procedures in general: a portal's page
PORTAL = re.compile(
    r"\b(?:espace|portail|kiosque|guichet) (?:des |de la )?(?:familles?|citoyens?|numerique"
    r"|en ligne|usagers?|demarches)\b|\bmes demarches\b|\bdemarches en ligne\b"
)
# a stop inside an address ("maprocuration.gouv.fr", "https://") ends no clause
_CLAUSE = re.compile(r"[;!?]|\.(?!\w)|:(?!//)|,\s(?:mais|et|ou|sinon|puis)\s|\s(?:mais|sinon)\s")


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    level: int
    strength: float
    detail: str
    code: str = "wording"  # the detail's code and parameters (model.DETAIL_CODES)
    params: tuple[tuple[str, str], ...] = ()


def _clause_around(folded: str, start: int, end: int) -> str:
    left = 0
    for found in _CLAUSE.finditer(folded, 0, start):
        left = found.end()
    right_match = _CLAUSE.search(folded, end)
    right = right_match.start() if right_match else len(folded)
    return folded[left:right]


@cache
def _any_trigger() -> re.Pattern[str] | None:
    """Literals one of which a line must contain to be worth reading (derived from the rules).

    Only the shortest forms are kept: a literal that contains another one (" compte famille"
    holds "compte") and the spaces around a literal add nothing to this test but its cost.
    """
    rules = channel_rules()
    if any(rule.trigger is None for rule in rules):
        return None
    literals = {"cerfa"}.union(*(r.literals for r in rules))
    stripped = {lit.strip() for lit in literals} - {""}
    minimal = sorted(a for a in stripped if not any(b != a and b in a for b in stripped))
    return re.compile(trie_pattern(minimal))


def worth_reading(lines: list[str]) -> list[bool]:
    """For each folded line, whether it holds a word some rule needs (one scan of the page)."""
    trigger = _any_trigger()
    if trigger is None:
        return [True] * len(lines)
    text = "\n".join(lines)
    out = [False] * len(lines)
    starts = [0] * len(lines)
    position = 0
    for number, line in enumerate(lines):
        starts[number] = position
        position += len(line) + 1
    number, position = 0, 0
    while (found := trigger.search(text, position)) is not None:
        number = bisect_right(starts, found.start(), number) - 1
        out[number] = True
        if number + 1 >= len(lines):
            break
        position = starts[number + 1]
    return out


def _holds(rule: ChannelRule, regex: re.Pattern[str], folded: str) -> bool:
    """Whether `regex` matches `folded` somewhere that no negation or veto cancels."""
    for found in regex.finditer(folded):
        clause = _clause_around(folded, found.start(), found.end())
        if rule.negation and _NEGATION.search(_outside_condition(clause, found.group(0))):
            continue
        if any(v.search(found.group(0)) for v in rule.veto_in_match):
            continue  # "the form, to download on service-public.fr": a download, not a request
        if any(v.search(clause) for v in rule.veto_in_clause):
            continue  # "vérifiez votre inscription", "pour vos questions, écrivez-nous"
        return True
    return False


# "si vous ne pouvez pas vous déplacer, ...": a negation inside an if-clause is a condition on
# the reader, not a channel that does not exist
_IF_CLAUSE = re.compile(r"^\s*si (?:vous|l'on|on|votre|vos)\b[^,]*,")


# "prolongez vos prêts s'ils ne sont pas réservés, depuis votre compte", "tant qu'ils ne sont
# pas en retard, vos prêts se prolongent en ligne": a negated condition inside the clause, on
# the thing asked for, not on the channel
_INNER_CONDITION = re.compile(
    r"\b(?:s'ils?|s'elles?|sauf si|a condition qu(?:e|')|pourvu qu(?:e|')|tant qu(?:e|'))\s?"
    r"(?:\w+\s){0,3}?(?:ne|n')\s?\w+\s(?:pas|plus)\b(?:\s(?:deja\s)?\w+)?"
)


def _outside_condition(clause: str, matched: str) -> str:
    """The clause without a leading if-clause or an inner negated condition, unless the channel
    wording is inside it."""
    found = _IF_CLAUSE.search(clause)
    if found is not None and matched not in found.group(0):
        clause = clause[found.end() :]
    inner = _INNER_CONDITION.search(clause)
    if inner is not None and matched not in inner.group(0):
        clause = clause[: inner.start()] + " " + clause[inner.end() :]
    return clause


# a bullet at the head of a line ("• en ligne : ...", folded to "| "; "* ", "- "): the option's
# wording starts after it, where the rules' `^` expects it
_LEADING_BULLET = re.compile(r"^\s*(?:\||[*-](?=\s))\s*")


def phrase_hits(folded: str, *, screened: bool = False) -> list[Hit]:
    """The channel phrases of one folded line, negated clauses left out (`screened`: the line
    already passed `worth_reading`)."""
    folded = _LEADING_BULLET.sub("", folded, count=1)
    hits: list[Hit] = []
    trigger = None if screened else _any_trigger()
    if trigger is not None and not trigger.search(folded):
        return hits
    # one scan finds the literals of every trigger and need (see `LiteralScan`)
    present = literal_scan().present(folded)
    for rule in channel_rules():
        if not rule_may_match(rule, present):
            continue
        if any(
            _holds(rule, pattern.regex, folded)
            for pattern in rule.patterns
            if pattern.may_match_in(present)
        ):
            hits.append(
                Hit(
                    rule.kind, rule.level, rule.strength, rule.detail, params=(("kind", rule.kind),)
                )
            )
    for found in _CERFA.finditer(folded):
        number = found.group(1).replace(" ", "")
        clause = _clause_around(folded, found.start(), found.end())
        if _CERFA_DOWNLOAD.search(folded) and not _NEGATION.search(clause):
            detail = f"formulaire cerfa n° {number}"
            hits.append(Hit("cerfa", 2, 0.85, detail, "cerfa_form", (("number", number),)))
        else:
            detail = f"cerfa n° {number} cité"
            hits.append(
                Hit("cerfa_mention", 1, 0.6, detail, "cerfa_mention", (("number", number),))
            )
        break
    return hits


_ONLINE_WORDS = re.compile(r"en ligne|teleservice|internet|dematerialis|portail|plateforme")


def negates_online(folded: str) -> bool:
    """Whether a line says that the online channel is not (or no longer) available."""
    found = _ONLINE_WORDS.search(folded)
    return (
        found is not None
        and _NEGATION.search(_clause_around(folded, found.start(), found.end())) is not None
    )
