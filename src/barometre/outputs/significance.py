"""The sentence that says which domains changed significantly between two campaigns: one
function for the HTML report, the PDF and the campaign page, so that they never disagree."""

from __future__ import annotations

from django.utils.translation import gettext as _

from barometre.core.plural import counted
from barometre.outputs.chart_statuses import EMPTY
from barometre.outputs.data import ReportData
from barometre.outputs.labels import SIGNIFICANCE
from barometre.scoring import MIN_TEST_CITIES, DomainChange


def significance_sentence(data: ReportData) -> str:
    """« Évolution significative (Wilcoxon, p < 0,05) : Famille (en hausse : … ». « Aucun
    domaine n'évolue de façon significative » only when some domain was tested: when none
    could be (each has fewer than MIN_TEST_CITIES communes whose mean changed), the sentence
    says so, never a finding. "" without a comparison or a paired cell."""
    comparison = data.comparison
    if comparison is None or not comparison.overall.cells:
        return ""
    changes = comparison.by_domain.values()
    tested = [c for c in changes if c.test.p_value is not None]
    if not tested:
        return _(
            "Aucun domaine n'a pu être testé (Wilcoxon) : dans chacun, moins de %(least)s "
            "communes ont changé de niveau moyen."
        ) % {"least": MIN_TEST_CITIES}
    found = [
        f"{data.domain_label(domain)} ({wilcoxon_direction(change)})"
        for domain, change in comparison.by_domain.items()
        if change.test.p_value is not None and change.test.p_value < SIGNIFICANCE
    ]
    if found:
        sentence = _("Évolution significative (Wilcoxon, p < 0,05) : %(domains)s.") % {
            "domains": ", ".join(found)
        }
    else:
        sentence = _("Aucun domaine n'évolue de façon significative (Wilcoxon, p < 0,05).")
    untested = len(changes) - len(tested)
    if untested:
        sentence += " " + _(
            "%(domains)s : moins de %(least)s communes y ont changé de niveau moyen."
        ) % {
            "domains": counted(untested, "domaine non testé", "domaines non testés"),
            "least": MIN_TEST_CITIES,
        }
    return sentence


def wilcoxon_direction(change: DomainChange) -> str:
    """The side the test leans to (the signed ranks of the communes' changes, not the
    cell-weighted mean change, which can go the other way), with the communes that rose and
    fell: « en hausse : 7 communes en hausse, 1 en baisse » (the JSON report's
    `test_direction`, `test_communes_rose` and `test_communes_fell`); « — » when the test was
    not run."""
    test = change.test
    if test.p_value is None:
        return EMPTY
    word = _("en hausse") if test.direction > 0 else _("en baisse")
    return _("%(direction)s : %(rose)s en hausse, %(fell)s en baisse") % {
        "direction": word,
        "rose": counted(test.rose, "commune", "communes"),
        "fell": test.fell,
    }
