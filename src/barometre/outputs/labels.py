"""French labels shown in the human-readable reports (HTML and XLSX)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from barometre.core.typography import with_minus, with_unit

if TYPE_CHECKING:
    from barometre.outputs.data import ReportData
    from barometre.scoring import CityChange

LEVEL_NAMES = {
    0: gettext_noop("0 · absent"),
    1: gettext_noop("1 · information"),
    2: gettext_noop("2 · interaction à sens unique"),
    3: gettext_noop("3 · interaction bidirectionnelle"),
    4: gettext_noop("4 · transaction"),
    5: gettext_noop("5 · personnalisation"),
}

# what the resident can do online at each level (docs/method/SCALE.md), for a reader who sees
# « interaction bidirectionnelle » and does not know what it means
LEVEL_MEANINGS = {
    0: gettext_noop("Rien en ligne : le site ne dit rien de la démarche."),
    1: gettext_noop(
        "Le site explique la démarche (conditions, pièces à fournir, horaires, contact), sans "
        "formulaire."
    ),
    2: gettext_noop(
        "Le site donne un formulaire à télécharger, à remplir puis à envoyer ou à déposer."
    ),
    3: gettext_noop(
        "La demande se dépose en ligne (formulaire, rendez-vous, téléservice) ; la réponse "
        "arrive par un autre canal."
    ),
    4: gettext_noop(
        "Toute la démarche se fait en ligne : dépôt, paiement s'il y a lieu, suivi et réponse."
    ),
    5: gettext_noop(
        "En ligne sans ressaisir ce que l'administration sait déjà (FranceConnect, données "
        "préremplies), ou sans même avoir à demander."
    ),
}

DEMO_BANNER = "Données de démonstration — pas une mesure réelle"
PARIS = ZoneInfo("Europe/Paris")  # every time a report prints is in this zone, and says so
FARM_SPEC = "ferme"  # the `spec` of the campaigns made by `audit --demo` on the site farm


def demo_explanation(spec: str) -> str:
    """What the demonstration levels are: detected on the generated farm, or made up."""
    if spec == FARM_SPEC:
        return _(
            "Les niveaux de ce rapport ont été détectés automatiquement sur une ferme de sites "
            "générés pour la démonstration ; ces sites et leurs niveaux ne décrivent aucune "
            "commune réelle."
        )
    return _(
        "Les niveaux de ce rapport sont inventés pour montrer l'outil ; ils ne décrivent "
        "aucune commune réelle."
    )


def reason_label(reason: str | None) -> str:
    labels = {
        "no_paired_cells": _("aucune cellule comparable"),
        "all_differences_zero": _("aucune commune n'a changé dans ce domaine"),
        "too_few_cities": _("trop peu de communes ont changé (moins de 6) pour conclure"),
    }
    return str(labels.get(reason or "", reason or ""))


def mean_header() -> str:
    """The header of a column of mean levels of one campaign only (its domains without a
    comparison, the ranking, the brackets), on the scale `campaign_mean_header` names: a bare
    « niveau moyen » beside « niveau moyen demo-2014 (0 à 5) » elsewhere left the scale out."""
    return _("niveau moyen (0 à 5)")


def campaign_mean_header(campaign: str) -> str:
    """The header of a column of one campaign's mean levels, in every table that compares two
    (HTML, PDF, the campaign page, XLSX): the bare name « demo-2014 » left the reader to find in
    the caption that it was a mean, and on which scale."""
    return _("niveau moyen %(campaign)s (0 à 5)") % {"campaign": campaign}


def comparison_empty(before: str, after: str, why: str | None) -> str | None:
    """Why a comparison shows nothing (`Comparison.why_empty`), in words; None if it shows."""
    names = {"before": before, "after": after}
    if why == "no_common_commune":
        return (
            _(
                "Les campagnes « %(before)s » et « %(after)s » n'ont aucune commune en "
                "commun : rien ne peut être comparé."
            )
            % names
        )
    if why == "no_paired_cell":
        return (
            _(
                "Aucune cellule n'est mesurée dans les deux campagnes (%(before)s et %(after)s, "
                "mêmes communes et mêmes services) : pas d'évolution à donner."
            )
            % names
        )
    return None


# what a cell that holds no level means, in the scale's legend (web `_scale.html`, commune PDF)
NOT_APPLICABLE_MEANING = gettext_noop(
    "la démarche n'existe pas dans la commune, ou ne peut légalement pas se faire en ligne."
)
UNMEASURED_MEANING = gettext_noop("personne n'a encore relevé ce service.")


@dataclass(frozen=True, slots=True)
class ScaleStep:
    """One line of the scale's legend: the mark a table shows, its badge's class, its name and
    what it means for a resident; `abbr` when the mark is an abbreviation of the name."""

    mark: str
    css: str
    name: str
    meaning: str
    abbr: bool = False


def scale_steps() -> list[ScaleStep]:
    """The scale's legend, one text source for the web pages and the commune PDF: the six
    levels, then « sans objet » and « non mesuré » (which are no levels)."""
    steps = [
        ScaleStep(str(level), f"lvl-{level}", name.split(" · ", 1)[-1], level_meanings()[level])
        for level, name in level_names().items()
    ]
    return [
        *steps,
        ScaleStep(_("s.o."), "lvl-na", _("sans objet"), _(NOT_APPLICABLE_MEANING), abbr=True),
        ScaleStep("—", "lvl-none", _("non mesuré"), _(UNMEASURED_MEANING)),
    ]


def level_names() -> dict[int, str]:
    return {level: _(name) for level, name in LEVEL_NAMES.items()}


def level_meanings() -> dict[int, str]:
    return {level: _(meaning) for level, meaning in LEVEL_MEANINGS.items()}


def in_paris(moment: datetime) -> datetime:
    """`moment` (aware) in Europe/Paris; a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(PARIS)


def date_label(day: date) -> str:
    """ "1er mars 2026", "5 décembre 2026": French writes the first of the month « 1er »
    (an ordinal), which Django's "j F Y" does not; other languages read "1 March 2026"."""
    first = "1er" if day.day == 1 and _french() else str(day.day)
    return f"{first} {date_format(day, 'F Y')}"


# "1er" standing alone (not "11er", nor a word that ends so): the French ordinal
_FIRST = re.compile(r"(?<![\w])1er(?!\w)")


def ordinals_html(text: str) -> SafeString:
    """`text` escaped for HTML, "1er" written "1<sup>er</sup>", the ordinal's letters raised as
    French typography writes them ("1<sup>er</sup> mars 2026"): for the pages and the HTML
    reports; the CSV, JSON and the commands keep the plain "1er"."""
    return mark_safe(_FIRST.sub("1<sup>er</sup>", str(escape(text))))  # escaped above


def datetime_label(moment: datetime) -> str:
    """ "1er mars 2026 à 10:00 (heure de Paris, UTC+01:00)": the ordinal of `date_label`"""
    local = in_paris(moment)
    offset = local.strftime("%z")
    return _("%(date)s à %(time)s (heure de Paris, UTC%(offset)s)") % {
        "date": date_label(local),
        "time": local.strftime("%H:%M"),
        "offset": f"{offset[:3]}:{offset[3:]}",
    }


def rounded(value: float, digits: int, *, scale: int = 1) -> Decimal:
    """`value` × `scale` rounded half away from zero to `digits` decimals, as printed
    ("0,695" -> "0,70"; 0.575 with scale 100 -> "58").

    The float goes through its shortest representation, so that 0.695 rounds as the 0,695 a
    reader sees and not as the binary 0.69499999..., and is scaled in decimal: 0.575 * 100 in
    floating point is 57.49999...
    """
    exponent = Decimal(1).scaleb(-digits)
    shown = (Decimal(repr(float(value))) * scale).quantize(exponent, rounding=ROUND_HALF_UP)
    return shown if shown else abs(shown)  # -0.001 is printed "0", never "-0"


def number(value: float | None, digits: int = 2) -> str:
    """A number in French notation, rounded ("2,78" for 2.7778, "−0,15" with the minus sign);
    a dash when there is none."""
    if value is None:
        return "—"
    return with_minus(str(number_format(rounded(value, digits), digits)))


def signed(value: float | None, digits: int = 2, *, scale: int = 1) -> str:
    """ "+0,13", "−2" (the minus sign, U+2212, not a hyphen), "0"; `scale` 100 prints a
    proportion as points ("+13" for 0.125)."""
    if value is None:
        return "—"
    shown = rounded(value, digits, scale=scale)
    return ("+" if shown > 0 else "") + with_minus(str(number_format(shown, digits)))


def shown_change(before: float | None, after: float | None, digits: int = 2) -> float | None:
    """`after` - `before` as a reader computes it from the two printed values: 1.854 and 1.706
    print "1,85" and "1,71", whose difference is 0.14, where the unrounded 0.148 would print
    "+0,15". The open data (JSON, CSV) and the tests keep the unrounded change."""
    if before is None or after is None:
        return None
    return float(rounded(after, digits) - rounded(before, digits))


def signed_change(before: float | None, after: float | None, digits: int = 2) -> str:
    """The change printed beside two values printed with `digits` decimals: "+0,14"."""
    return signed(shown_change(before, after, digits), digits)


def by_printed_change(cities: Iterable[CityChange]) -> list[CityChange]:
    """Largest printed change first, as a reader checks the column: two changes that print
    « +0,45 » and « +0,44 » (differences of printed means) can be in the other order unrounded.
    Equal ones keep their order; cities with no pair last. Every table of communes' changes
    (HTML, PDF, XLSX) runs in this order."""
    indexed = list(enumerate(cities))
    change = {i: shown_change(x.mean_before, x.mean_after) for i, x in indexed}
    return [
        x
        for i, x in sorted(
            indexed, key=lambda pair: (change[pair[0]] is None, -(change[pair[0]] or 0), pair[0])
        )
    ]


def percent(value: float | None, digits: int | None = None) -> str:
    """ "57 %" with a no-break space (U+00A0): the sign never wraps alone onto the next line;
    "57%" in English. A dash for no value, or for one that is no number (NaN, ±inf).

    Without `digits`, a share has the fewest decimals that print a non-zero one above 0 % and
    an incomplete one below 100 % (`share_digits`): 1 cell at level 4 of 300 is `0,3 %`, not
    the `0 %` that reads as none, and 215 of 216 are `99,5 %`, not `100 %`. A true zero stays
    `0 %`, a whole `100 %`."""
    if value is None or not math.isfinite(value):
        return "—"
    if digits is None:
        digits = share_digits(value)
    figure = with_minus(str(number_format(rounded(value, digits, scale=100), digits)))
    return with_unit(figure, "%") if _french() else f"{figure}%"


def as_printed(value: float | None, digits: int) -> float | None:
    """`value` rounded as `number` prints it with `digits` decimals (a share as `percent` does
    with `digits` - 2), for a chart's d3 format, which rounds the binary value: 2.775 is the
    binary 2.77499…, `2.77` where the table beside the chart prints 2,78, and 0.575 × 100 is
    57.4999…, `57 %` beside 58 %. Rounded first, the value is formatted as printed."""
    return None if value is None else float(rounded(value, digits))


def share_digits(value: float | None, most: int = 4) -> int:
    """The fewest decimals (0 to `most`) that print a share neither 0 nor 1 as neither 0 % nor
    100 %: 629,441 cells measured of 629,442 are 99,9998 %, never the 100 % that read as
    complete beside `Couverture partielle`, and 1 of 1,000 is 0,1 %, not 0 %."""
    if value is None or not 0 < value < 1:
        return 0
    for digits in range(most + 1):
        if 0 < rounded(value, digits, scale=100) < 100:
            return digits
    return most


def partial_percent(value: float | None) -> str:
    """A share, `57 %`, with the decimals that keep a partial one below 100 % and a started one
    above 0 % (`share_digits`): a coverage, the cells not yet reviewed, where `100 %` or `0 %`
    would say all or none. Every share printed without explicit decimals follows this rule
    (`percent`)."""
    return percent(value)


def _french() -> bool:
    return (get_language() or "fr").startswith("fr")


def separating_digits(values: Iterable[float | None], *, least: int = 2, most: int = 4) -> int:
    """The fewest decimals (at least `least`) that print distinct values distinctly.

    Used for ranked means, so that two cities of different rank never show the same figure
    (2.0588 and 2.0556 need three decimals: 2,059 and 2,056).
    """
    distinct = sorted({v for v in values if v is not None})
    for digits in range(least, most + 1):
        shown = [rounded(v, digits) for v in distinct]
        if len(set(shown)) == len(shown):
            return digits
    return most


SIGNIFICANCE = 0.05  # a change is « significatif » when its p-value is below it


def p_digits(value: float) -> int:
    """Decimals of a printed p-value: 3, or as many as keep a p-value below 0.05 below it:
    0.0497 is « 0,0497 », never the « 0,050 » that read as not significant beside the
    domain named « significatif (p < 0,05) »."""
    digits = 3
    while value < SIGNIFICANCE and rounded(value, digits) >= Decimal(str(SIGNIFICANCE)):
        digits += 1
    return digits


def p_value(value: float | None) -> str:
    if value is None:
        return "—"
    # below 0.001: « < 0,001 » in French, "< 0.001" in English (the page's language)
    if value < 0.001:
        return "<\u00a0" + str(number_format(0.001, 3))
    digits = p_digits(value)
    return str(number_format(rounded(value, digits), digits))


def p_equals(value: float) -> str:
    """`p = 0,438`, `p < 0,001`: a p-value in a sentence, never `p = 0,000` (a p-value is
    never 0; three decimals wrote 0.00049 so). No-break spaces around the sign, as in
    « p < 0,05 » of the significance sentences: the line never breaks inside."""
    shown = p_value(value)
    return "p\u00a0" + (shown if shown.startswith("<") else "=\u00a0" + shown)


def city_labels(data: ReportData, limit: int | None = None) -> dict[str, str]:
    """A distinct label per commune: its name, with its INSEE code when another has that name.

    Chart axes group by label, so homonyms (Saint-Denis 93066 and 97411) must not share one.
    With `limit`, a label longer than `limit` characters is cut in its name, never in its code
    ("Saint-Martin-de-Bel… (73257)"), and two names cut alike get their code too.
    """
    cities = data.scores.by_city
    counts = Counter(c.name for c in cities)
    labels = {c.code: _label(c.name, c.code if counts[c.name] > 1 else "", limit) for c in cities}
    cut_counts = Counter(labels.values())
    return {
        code: _label(c.name, code, limit) if cut_counts[label] > 1 else label
        for c in cities
        for code, label in [(c.code, labels[c.code])]
    }


def _label(name: str, code: str, limit: int | None) -> str:
    suffix = f" ({code})" if code else ""
    if limit is not None and len(name) + len(suffix) > limit:
        name = name[: max(limit - len(suffix) - 1, 1)].rstrip() + "…"
    return name + suffix
