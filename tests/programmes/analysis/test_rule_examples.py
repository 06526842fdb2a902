"""Every rule of the shipped themes file that carries examples reads them as it says.

A theme's cue with `examples` must make its theme appear in each example and, with
`counter_examples`, must not; a `not_promises` cue must leave each example without any theme and
each counter-example with at least one. One parametrised test, so a rule that stops firing fails
by name.
"""

from __future__ import annotations

import pytest

from barometre.programmes.analysis import analyse_text, load_themes
from barometre.programmes.analysis.themes import RuleExample

EXAMPLES = load_themes().examples


def _name(example: RuleExample) -> str:
    kind = "ex" if example.expected else "contre"
    return f"{example.theme or 'not_promises'}:{kind}:{example.text[:40]}"


def test_the_shipped_file_carries_examples_for_its_new_rules() -> None:
    assert any(example.theme is None for example in EXAMPLES)
    assert any(example.theme == "smart_city" for example in EXAMPLES)
    assert any(not example.expected for example in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=[_name(e) for e in EXAMPLES])
def test_a_rule_reads_its_examples_and_not_its_counter_examples(example: RuleExample) -> None:
    themes = analyse_text(example.text).themes
    if example.theme is None:
        assert (not themes) == example.expected, f"{example.cue!r} -> {themes}"
    else:
        assert (example.theme in themes) == example.expected, f"{example.cue!r} -> {themes}"


def test_video_protection_cues_are_named_as_an_aspect() -> None:
    sources = load_themes().aspects["video_protection"]
    assert "caméra|caméras" in sources
    reading = analyse_text("Nous installerons des caméras aux entrées de la ville.")
    assert reading.themes == ("smart_city",)
    assert set(reading.evidence[0].evidence) <= sources
