"""Every channel rule of data/channels.yaml against its own examples and counterexamples.

One parametrised test per pattern example and per counterexample, named after the rule, so a
pattern that no longer fires (or a rule that starts firing where it must not) fails by name.
"""

from __future__ import annotations

import pytest

from barometre.core.errors import ValidationFailed
from barometre.detection.channel_rules import (
    channel_rules,
    channel_rules_parse,
    literal_scan,
    required_literals,
    required_sets,
    rule_may_match,
)
from barometre.detection.phrases import phrase_hits
from barometre.detection.text import fold

EXAMPLES = [
    pytest.param(rule.kind, i, pattern.regex, example, id=f"{rule.kind}-{i}-{n}")
    for rule in channel_rules()
    for i, pattern in enumerate(rule.patterns)
    for n, example in enumerate(pattern.examples)
]
COUNTEREXAMPLES = [
    pytest.param(rule.kind, text, id=f"{rule.kind}-not-{n}")
    for rule in channel_rules()
    for n, text in enumerate(rule.counterexamples)
]


@pytest.mark.parametrize(("kind", "index", "regex", "example"), EXAMPLES)
def test_each_pattern_reads_its_example(kind: str, index: int, regex: object, example: str) -> None:
    folded = fold(example)
    assert regex.search(folded), f"{kind} pattern {index} no longer matches « {example} »"  # type: ignore[attr-defined]
    assert kind in {h.kind for h in phrase_hits(folded)}, f"« {example} » is not read as {kind}"


@pytest.mark.parametrize(("kind", "text"), COUNTEREXAMPLES)
def test_no_rule_fires_on_its_counterexamples(kind: str, text: str) -> None:
    assert kind not in {h.kind for h in phrase_hits(fold(text))}


def test_trigger_words_are_derived_from_the_regexes() -> None:
    assert required_literals(r"\bsur le (?:site|portail)") == frozenset(
        {"sur le site", "sur le portail"}
    )
    assert required_literals(r"\btele(?:service|procedure)\w*") == frozenset(
        {"teleservice", "teleprocedure"}
    )
    assert required_literals(r"\bpayfip\b|\btipi\b") == frozenset({"payfip", "tipi"})
    assert required_literals(r"\w+ (?:a|b)") is None
    assert all(rule.trigger is not None for rule in channel_rules())


@pytest.mark.parametrize(("kind", "index", "regex", "example"), EXAMPLES)
def test_every_example_holds_the_words_its_pattern_requires(
    kind: str, index: int, regex: object, example: str
) -> None:
    folded = fold(example)
    for literals in required_sets(regex.pattern):  # type: ignore[attr-defined]
        assert any(word in folded for word in literals), (kind, index, sorted(literals))


def test_a_misspelt_key_or_an_unknown_fragment_fails() -> None:
    base = (
        "version: 1\nfragments: {}\nrules:\n  - kind: payment\n    level: 4\n    strength: 0.8\n"
        "    detail: paiement\n    counterexamples: [x]\n    patterns:\n"
    )
    with pytest.raises(ValidationFailed):
        channel_rules_parse(base + "      - regex: payer\n        exemples: [payer]\n", source="t")
    with pytest.raises(ValidationFailed) as caught:
        channel_rules_parse(base + "      - regex: <NOPE>\n        examples: [payer]\n", source="t")
    assert any("NOPE" in p for p in caught.value.problems)


def _all_literals() -> list[str]:
    rules = channel_rules()
    found = set().union(*(r.literals for r in rules))
    return sorted(found.union(*(n for r in rules for p in r.patterns for n in p.need_sets)))


def test_the_one_pass_scan_decides_as_each_trigger_and_need_regex() -> None:
    """phrase_hits skips rules and patterns from one scan of the line: it must agree with the
    regexes it replaces, also where literals overlap, nest or share a start."""
    literals = _all_literals()
    lines = [fold(e) for r in channel_rules() for p in r.patterns for e in p.examples]
    lines += [fold(c) for r in channel_rules() for c in r.counterexamples]
    lines += ["", "rien a signaler"] + literals + [a + b for a in literals[:40] for b in literals]
    lines += [" ".join(literals[i::7]) for i in range(7)] + [lit[:-1] for lit in literals]
    for line in lines:
        present = literal_scan().present(line)
        assert present == {lit for lit in literals if lit in line}, line
        for rule in channel_rules():
            expected = rule.trigger is None or rule.trigger.search(line) is not None
            assert rule_may_match(rule, present) == expected, (rule.kind, line)
            for pattern in rule.patterns:
                assert pattern.may_match_in(present) == pattern.may_match(line), (rule.kind, line)
