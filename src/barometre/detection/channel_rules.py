"""The channel wording rules of `data/channels.yaml`: validated, compiled, indexed (pure).

Each rule is a signal kind with its level, strength and regexes on folded text. The words a
line must contain for a rule to be worth trying (its triggers) are derived here from the
regexes themselves: the literal runs that every match of a pattern must contain (for an
alternation, the union of what each branch must contain). Nothing is kept by hand beside the
rules, so a new pattern is indexed as soon as it is written.
"""

from __future__ import annotations

import json
import re
import re._parser as sre  # the standard library's own regex parser
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from barometre.core.errors import ValidationFailed
from barometre.core.yamlfile import schema_problems, yaml_read
from barometre.detection.text import trie_pattern

MIN_TRIGGER = 3  # shorter literals would let almost every line through
# Words of nearly every municipal page: a set of literals holding one of them is chosen as a
# trigger only when a pattern offers nothing rarer (this is a cost model, not rule knowledge).
COMMON_WORDS = frozenset(
    [
        "demande",
        "demandes",
        "dossier",
        "dossiers",
        "service",
        "services",
        "famille",
        "familles",
        "parent",
        "parents",
        "habitant",
        "habitants",
        "inscription",
        "inscriptions",
        "compte",
        "espace",
        "site",
        "sur",
        "par",
        "avec",
        "vous",
        "votre",
        "vos",
    ]
)
_FRAGMENT = re.compile(r"<([A-Z][A-Z_]*)>")


@dataclass(frozen=True, slots=True)
class Pattern:
    regex: re.Pattern[str]
    examples: tuple[str, ...]
    needs: tuple[re.Pattern[str], ...] = ()  # each must find a word before the regex is tried
    need_sets: tuple[frozenset[str], ...] = ()  # the literals each of `needs` looks for

    def may_match(self, folded: str) -> bool:
        return all(need.search(folded) for need in self.needs)

    def may_match_in(self, present: frozenset[str]) -> bool:
        """`may_match` given the literals the line contains (`LiteralScan.present`)."""
        return all(_any_present(need, present) for need in self.need_sets)


@dataclass(frozen=True, slots=True)
class ChannelRule:
    kind: str
    level: int
    strength: float
    detail: str
    pattern: re.Pattern[str]  # every pattern of the rule, as one alternation
    patterns: tuple[Pattern, ...]
    trigger: re.Pattern[str] | None  # None: no literal is required, always try the rule
    literals: frozenset[str]  # what the trigger looks for
    negation: bool
    veto_in_match: tuple[re.Pattern[str], ...]
    veto_in_clause: tuple[re.Pattern[str], ...]
    counterexamples: tuple[str, ...]


def required_literals(regex: str) -> frozenset[str] | None:
    """Literals one of which every match of `regex` contains, or None when there are none."""
    found = _candidates(sre.parse(regex))
    return found[0] if found else None


def required_sets(regex: str, most: int = 2) -> list[frozenset[str]]:
    """The `most` most telling sets of literals a match of `regex` must contain (one of each)."""
    return _candidates(sre.parse(regex))[:most]


def _needs(items: Iterable[Any]) -> frozenset[str] | None:
    found = _candidates(items)
    return found[0] if found else None


def _candidates(items: Iterable[Any]) -> list[frozenset[str]]:
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
            continue
        if name == "AT":
            continue  # zero-width (\b, ^): the literal run goes on
        if run:
            joined = "".join(run)
            candidates.append(frozenset([joined]))
            # the parser factors common prefixes out: "tele(?:service|procedure)" is one
            # literal then a branch; the run and each branch's own leading literal go together
            heads = _heads(name, arg)
            if heads:
                candidates.append(frozenset(joined + head for head in heads))
            run = []
        found: frozenset[str] | None = None
        if name == "SUBPATTERN":
            found = _needs(arg[-1])
        elif name == "BRANCH":
            branches = [_needs(branch) for branch in arg[1]]
            if all(b is not None for b in branches):
                found = frozenset().union(*(b for b in branches if b is not None))
        elif name in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"} and arg[0] >= 1:
            found = _needs(arg[2])
        if found is not None:
            candidates.append(found)
    if run:
        candidates.append(frozenset(["".join(run)]))
    usable = [c for c in candidates if _shortest(c) >= MIN_TRIGGER]
    # the most telling first: the longest shortest word, then the fewest words
    return sorted(usable, key=lambda c: (_common(c), -_shortest(c), len(c), sorted(c)))


def _common(literals: frozenset[str]) -> bool:
    """Whether one of the literals is a common word or the start of one ("inscri")."""
    return any(
        w.startswith(s.strip()) for s in literals if " " not in s.strip() for w in COMMON_WORDS
    )


def _shortest(literals: frozenset[str]) -> int:
    """The length of the shortest literal, spaces aside (" parent" tells no more than "parent")."""
    return min(len(s.strip()) for s in literals)


def _prefix(items: Iterable[Any]) -> str:
    """The literal text every match of `items` starts with."""
    out: list[str] = []
    for op, arg in items:
        if str(op) == "LITERAL":
            out.append(chr(arg))
        elif str(op) != "AT":
            break
    return "".join(out)


def _heads(name: str, arg: Any) -> list[str]:
    """The leading literal of each alternative of a branch (or of a group holding one)."""
    if name == "BRANCH":
        return [_prefix(branch) for branch in arg[1]]
    if name == "SUBPATTERN":
        items = list(arg[-1])
        if len(items) == 1 and str(items[0][0]) == "BRANCH":
            return _heads("BRANCH", items[0][1])
        return [_prefix(items)]
    return []


def _expand(regex: str, fragments: dict[str, str], source: str) -> str:
    def replace(found: re.Match[str]) -> str:
        if found.group(1) not in fragments:
            raise ValidationFailed(
                f"Règles de canaux invalides : {source}", [f"fragment inconnu <{found.group(1)}>"]
            )
        return fragments[found.group(1)]

    return _FRAGMENT.sub(replace, regex)


def _pattern(regex: str, entry: dict[str, Any]) -> Pattern:
    sets = tuple(required_sets(regex))
    needs = tuple(re.compile(trie_pattern(sorted(c))) for c in sets)
    return Pattern(re.compile(regex), tuple(entry["examples"]), needs, sets)


def _compile_rule(entry: dict[str, Any], fragments: dict[str, str], source: str) -> ChannelRule:
    patterns = tuple(_pattern(_expand(p["regex"], fragments, source), p) for p in entry["patterns"])
    needs = [required_literals(p.regex.pattern) for p in patterns]
    literals: frozenset[str] = frozenset().union(*(n for n in needs if n is not None))
    trigger = re.compile(trie_pattern(sorted(literals))) if None not in needs else None
    return ChannelRule(
        kind=entry["kind"],
        level=entry["level"],
        strength=float(entry["strength"]),
        detail=entry["detail"],
        pattern=re.compile("|".join(f"(?:{p.regex.pattern})" for p in patterns)),
        patterns=patterns,
        trigger=trigger,
        literals=literals,
        negation=entry.get("negation", True),
        veto_in_match=tuple(re.compile(v) for v in entry.get("veto_in_match", [])),
        veto_in_clause=tuple(re.compile(v) for v in entry.get("veto_in_clause", [])),
        counterexamples=tuple(entry["counterexamples"]),
    )


def channel_rules_parse(raw: str, *, source: str) -> tuple[ChannelRule, ...]:
    """Parse, validate and compile a channel rules file; every problem is listed."""
    data = yaml_read(raw, source=source, unreadable="Règles de canaux illisibles")
    problems = schema_problems(_schema(), data)
    if problems:
        raise ValidationFailed(f"Règles de canaux invalides : {source}", problems)
    rules: list[ChannelRule] = []
    for index, entry in enumerate(data["rules"]):
        try:
            rules.append(_compile_rule(entry, data["fragments"], source))
        except re.error as error:
            problems.append(f"rules/{index} ({entry['kind']}) : expression invalide ({error})")
    if problems:
        raise ValidationFailed(f"Règles de canaux invalides : {source}", problems)
    return tuple(rules)


def _any_present(literals: frozenset[str], present: frozenset[str]) -> bool:
    """Whether `re.compile(trie_pattern(literals)).search(line)` finds something, given the
    literals the line contains (an empty set gives the empty regex, which always matches)."""
    return not literals or not literals.isdisjoint(present)


def rule_may_match(rule: ChannelRule, present: frozenset[str]) -> bool:
    """`rule.trigger is None or rule.trigger.search(line)`, given the literals of the line."""
    return rule.trigger is None or _any_present(rule.literals, present)


@dataclass(frozen=True, slots=True)
class LiteralScan:
    """Every literal that the rules' triggers and needs look for, found in one pass of a line.

    Why this is equivalent to searching each trigger and need regex: those regexes are
    `trie_pattern` alternations of plain literals, so one finds a match exactly when the line
    contains one of its literals. `finder` is the trie of all of them inside a lookahead: it is
    tried at every position, and at each it returns the longest literal that starts there (the
    branches of a trie node start with distinct characters and its optional tails are greedy).
    Every other literal starting at that position is a prefix of that longest one, so the
    literals of the line are exactly the `prefixes` of what `finder` returns.
    """

    finder: re.Pattern[str]
    prefixes: dict[str, frozenset[str]]

    def present(self, folded: str) -> frozenset[str]:
        found = set(self.finder.findall(folded))
        return frozenset().union(*(self.prefixes[literal] for literal in found))


@cache
def literal_scan() -> LiteralScan:
    """The `LiteralScan` of the shipped rules' triggers and needs."""
    literals: set[str] = set()
    for rule in channel_rules():
        literals |= rule.literals
        for pattern in rule.patterns:
            literals = literals.union(*pattern.need_sets)
    literals.discard("")  # trie_pattern leaves empty phrases out too
    prefixes = {a: frozenset(b for b in literals if a.startswith(b)) for a in literals}
    return LiteralScan(re.compile(f"(?=({trie_pattern(sorted(literals))}))"), prefixes)


@cache
def _schema() -> dict[str, Any]:
    ref = resources.files("barometre.detection").joinpath("data/channels.schema.json")
    loaded: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return loaded


@cache
def channel_rules() -> tuple[ChannelRule, ...]:
    """The rules shipped with barometre (`data/channels.yaml`)."""
    ref = resources.files("barometre.detection").joinpath("data/channels.yaml")
    return channel_rules_parse(ref.read_text(encoding="utf-8"), source="data/channels.yaml")
