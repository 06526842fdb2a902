"""The published validity of the automatic readers: read from its data file, intervals computed
from the counts, and a broken file refused in French with what is wrong."""

from __future__ import annotations

import pytest

from barometre.core.errors import ValidationFailed
from barometre.outputs.validity import measured_validity, validity_parse

GOOD = """
measured: "2026-01-01"
detection:
  command: bench
  pages: 10
  exact: {right: 6, of: 12}
  found: {right: 9, of: 10}
  precision: {right: 9, of: 9}
  kappa: {value: 0.5, low: 0.2, high: 0.7}
  second_coder_exact: {right: 10, of: 12}
  confident: {right: 3, of: 4}
  proposed: {right: 7, of: 9, mean_confidence: 0.75}
  bands:
    - {from: 0, to: 0.7, right: 3, of: 5}
    - {from: 0.7, to: 1, right: 4, of: 4}
  by_domain:
    etat-civil: {right: 2, of: 5}
    famille: {right: 4, of: 7}
programmes:
  command: bench
  passages: 20
  digital: {tp: 4, fp: 2, fn: 2, low: 0.3, high: 0.9}
  themes: {tp: 3, fp: 1, fn: 3, low: 0.2, high: 0.8}
  second_coder_digital_f1: {value: 0.9, low: 0.7, high: 1.0}
"""


def test_shares_get_their_wilson_interval_and_f1_comes_from_the_counts() -> None:
    validity = validity_parse(GOOD, source="t.yaml")
    assert validity.exact.value == 0.5 and validity.exact.n == 12
    assert 0.25 < validity.exact.low < 0.5 < validity.exact.high < 0.75
    assert validity.precision.high == 1.0
    assert validity.confident.value == 0.75 and validity.confident.n == 4
    assert validity.proposed.n == 9 and validity.mean_confidence == 0.75
    assert validity.digital_f1.value == pytest.approx(8 / 12)
    assert validity.digital_passages == 6
    assert validity.themes_f1.value == pytest.approx(6 / 10)
    assert validity.digital_precision == pytest.approx(4 / 6)  # tp 4, fp 2
    assert validity.digital_recall == pytest.approx(4 / 6)  # tp 4, fn 2
    assert [(d, f.n) for d, f in validity.by_domain] == [("etat-civil", 5), ("famille", 7)]
    assert validity.by_domain[0][1].value == 0.4
    low, high = validity.bands
    assert validity.band_of(0.69) == low and validity.band_of(0.7) == high
    assert validity.band_of(1.0) == high and high.right.n == 4
    without = validity_parse(
        GOOD.split("  by_domain:")[0] + "programmes:" + GOOD.split("programmes:")[1],
        source="t.yaml",
    )
    assert without.by_domain == ()


@pytest.mark.parametrize(
    ("broken", "said"),
    [
        ("exact: {right: 6, of: 12}", "exact: {right: 13, of: 12}"),
        ("kappa: {value: 0.5, low: 0.2, high: 0.7}", "kappa: {value: 0.9, low: 0.2, high: 0.7}"),
        ("  passages: 20\n", ""),
        ("mean_confidence: 0.75", "mean_confidence: 1.5"),
        ("famille: {right: 4, of: 7}", "famille: {right: 4, of: 6}"),  # not the exact cells
        ("famille: {right: 4, of: 7}", "famille: {right: 3, of: 7}"),
        ("{from: 0.7, to: 1, right: 4, of: 4}", "{from: 0.8, to: 1, right: 4, of: 4}"),  # a gap
        ("{from: 0.7, to: 1, right: 4, of: 4}", "{from: 0.7, to: 0.9, right: 4, of: 4}"),
        ("{from: 0.7, to: 1, right: 4, of: 4}", "{from: 0.7, to: 1, right: 3, of: 4}"),
    ],
)
def test_a_broken_file_is_refused_in_french_with_its_name(broken: str, said: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        validity_parse(GOOD.replace(broken, said), source="t.yaml")
    assert "Fichier de validité invalide : t.yaml" in str(caught.value)


def test_the_shipped_file_reads() -> None:
    validity = measured_validity()
    assert validity.pages > 100 and validity.passages > 50
    assert validity.second_coder_exact.value > validity.exact.value


def test_the_html_report_says_what_the_blind_codings_found() -> None:
    from types import SimpleNamespace

    from barometre.assessments.blind_check import BlindCheck
    from barometre.core.proportions import share
    from barometre.outputs.html_report import blind_note

    check = BlindCheck(
        exact=share(1, 1), kappa=None, confident=share(0, 0), mean_confidence=0.7,
        with_confidence=1,
    )  # fmt: skip
    said = blind_note(SimpleNamespace(detection_check=check))  # type: ignore[arg-type]
    assert "(1 réponse d'auditeurs" in said and "100\u00a0%" in said
    assert "trouvé sur le site" not in said  # only one kind of proposal was coded
    both = BlindCheck(
        exact=share(3, 4), kappa=None, confident=share(0, 0), mean_confidence=0.7,
        with_confidence=4, found=share(1, 2), not_found=share(2, 2),
    )  # fmt: skip
    said = blind_note(SimpleNamespace(detection_check=both))  # type: ignore[arg-type]
    assert "retrouvé dans 50\u00a0% des cas (2 réponses)" in said
    assert "code aussi 0 dans 100\u00a0% des cas (2 réponses)" in said
    none = BlindCheck(share(0, 0), None, share(0, 0), None, 0)
    assert blind_note(SimpleNamespace(detection_check=none)) == ""  # type: ignore[arg-type]
    assert blind_note(SimpleNamespace(detection_check=None)) == ""  # type: ignore[arg-type]


def test_the_html_report_counts_the_answers_sans_objet_as_the_methodology_page() -> None:
    """The report's note gave the share of the blind codings and said nothing of the answers
    « sans objet » left out of it, which the methodology page and the API count."""
    from types import SimpleNamespace

    from barometre.assessments.blind_check import BlindCheck
    from barometre.core.proportions import share
    from barometre.outputs.html_report import blind_note

    check = BlindCheck(
        exact=share(3, 4), kappa=None, confident=share(0, 0), mean_confidence=0.7,
        with_confidence=4, not_applicable=2,
    )  # fmt: skip
    said = blind_note(SimpleNamespace(detection_check=check))  # type: ignore[arg-type]
    assert said.startswith("Sur cette campagne, le double codage aveugle (4 réponses")
    assert (
        "2 réponses «\u00a0sans objet\u00a0» à une proposition automatique ne sont pas comptées "
        "dans ces figures" in said
    )
    only = BlindCheck(share(0, 0), None, share(0, 0), None, 0, not_applicable=1)
    said = blind_note(SimpleNamespace(detection_check=only))  # type: ignore[arg-type]
    assert said.startswith("1 réponse «\u00a0sans objet\u00a0» à une proposition automatique n'est")
