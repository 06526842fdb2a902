"""Promises set beside measures: a programme's themes against the levels measured later.

For each commune, the campaign used is the latest one measured after the election's first round
and before the next general election's (`Campaign.measured_on`, `elections.measured_window`)
that holds cells for the commune; each theme maps to services
(data/theme_services.yaml). A real programme is set beside real campaigns only, a demonstration
one (`Programme.is_demo`) beside demonstration campaigns only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from barometre.assessments.models import Cell
from barometre.core.errors import BarometreError
from barometre.core.plural import counted
from barometre.outputs.labels import date_label, number
from barometre.programmes.elections import measured_window
from barometre.programmes.models import Programme
from barometre.programmes.reports.model import Promise
from barometre.programmes.reports.rows import ReportProgramme
from barometre.programmes.selectors import list_key
from barometre.referential.models import Campaign


@dataclass(frozen=True, slots=True)
class ThemeScope:
    theme: str
    scope: str  # French
    all: bool
    domains: tuple[str, ...]
    services: tuple[str, ...]

    def covers(self, slug: str, domain: str) -> bool:
        return self.all or domain in self.domains or slug in self.services


@cache
def theme_scopes() -> dict[str, ThemeScope]:
    raw = resources.files("barometre.programmes").joinpath("data/theme_services.yaml")
    data: dict[str, Any] = yaml.safe_load(raw.read_text(encoding="utf-8"))
    return {
        theme: ThemeScope(
            theme,
            item["scope"],
            bool(item.get("all", False)),
            tuple(item.get("domains", ())),
            tuple(item.get("services", ())),
        )
        for theme, item in data["themes"].items()
    }


@dataclass(frozen=True, slots=True)
class Measured:
    campaign: str
    year: int
    cells: tuple[tuple[str, str, int], ...]  # (service slug, domain, level), applicable only
    moot: tuple[tuple[str, str], ...] = ()  # (service slug, domain) of the « sans objet »


def latest_measures(
    election: int,
    communes: list[str],
    *,
    before: bool = False,
    demo: bool = False,
    campaign: str | None = None,
) -> dict[str, Measured]:
    """Per commune, the applicable cells (and the services « sans objet ») of the latest
    campaign measured after the election
    (`measured_on` after its first round's day, up to the next general election's), or with
    `before` of the latest measured on or before that day (`elections.measured_window`).
    Campaigns measured the same day are ordered by creation. Real campaigns only, or with
    `demo` demonstration ones only. With `campaign` (a name checked by `campaign_check`), that
    campaign's cells only, instead of the latest one's."""
    rows = _cell_rows(election, communes, before=before, demo=demo, campaign=campaign)
    return _latest_per_commune(rows)


_CellRow = tuple[str, str, dt.date, dt.datetime, str, str, int | None]


def _cell_rows(
    election: int, communes: list[str], *, before: bool, demo: bool, campaign: str | None
) -> Iterator[_CellRow]:
    """The communes' cells measured after `election` (or with `before` on or before its first
    round), of `campaign` when named: commune, campaign, its dates, service, level."""
    last_before, first_after, last_after = measured_window(election)
    when: dict[str, dt.date | tuple[dt.date, dt.date] | str] = (
        {"campaign__measured_on__lte": last_before}
        if before
        else {"campaign__measured_on__range": (first_after, last_after)}
    )
    if campaign is not None:
        when["campaign__name"] = campaign
    return (
        Cell.objects.filter(commune_id__in=communes, campaign__is_demo=demo, **when)
        .values_list(
            "commune_id",
            "campaign__name",
            "campaign__measured_on",
            "campaign__created_at",
            "service__slug",
            "service__domain",
            "level",
        )
        .iterator(chunk_size=5000)
    )


def _latest_per_commune(rows: Iterator[_CellRow]) -> dict[str, Measured]:
    """Each commune's cells of the latest campaign that measured it (latest day, then
    latest created)."""
    grouped: dict[
        str, dict[tuple[dt.date, dt.datetime, str], list[tuple[str, str, int | None]]]
    ] = defaultdict(lambda: defaultdict(list))
    for commune, campaign, measured_on, created, slug, domain, level in rows:
        grouped[commune][(measured_on, created, campaign)].append((slug, domain, level))
    measured = {}
    for commune, campaigns in grouped.items():
        # the latest campaign that holds a cell of the commune, even if all are « sans objet »:
        # an older one would be said the latest measure, its levels since found not to apply
        (measured_on, _created, name), cells = max(campaigns.items())
        measured[commune] = Measured(
            name,
            measured_on.year,
            tuple(sorted((s, d, level) for s, d, level in cells if level is not None)),
            tuple(sorted((s, d) for s, d, level in cells if level is None)),
        )
    return measured


def _known_campaign(name: str, flag: str, *, demo: bool) -> Campaign:
    """The campaign named `name`, a demonstration one exactly when `demo`."""
    campaign = Campaign.objects.filter(name=name).first()
    if campaign is None:
        names = list(
            Campaign.objects.filter(is_demo=demo)
            .order_by("-measured_on")
            .values_list("name", flat=True)[:10]
        )
        listed = ", ".join(names) or "aucune"
        raise BarometreError(f"{flag} : campagne inconnue « {name} » (campagnes : {listed}).")
    if campaign.is_demo and not demo:
        raise BarometreError(
            f"{flag} : « {name} » est une campagne de démonstration ; ses niveaux ne se "
            "mettent qu'en regard des programmes de démonstration (--demo)."
        )
    if demo and not campaign.is_demo:
        raise BarometreError(
            f"{flag} : « {name} » n'est pas une campagne de démonstration ; le rapport --demo "
            "ne met pas de vrais niveaux en regard de programmes inventés."
        )
    return campaign


def campaign_check(name: str, election: int, *, before: bool = False, demo: bool = False) -> str:
    """`name` as the campaign set beside `election`'s programmes: measured after it (within the
    term it opened) or, with `before`, on or before its first round; a demonstration campaign
    only for the demonstration's programmes (`demo`) and the other way round. A French error
    says what is wrong and what to give instead."""
    flag = "--campaign-before" if before else "--campaign"
    campaign = _known_campaign(name, flag, demo=demo)
    last_before, first_after, last_after = measured_window(election)
    measured = date_label(campaign.measured_on)
    if before and campaign.measured_on > last_before:
        raise BarometreError(
            f"--campaign-before : « {name} » a été mesurée le {measured}, après le "
            f"{date_label(last_before)} (premier tour de {election}) ; donnez une campagne "
            "mesurée avant l'élection (« barometre campaign list »)."
        )
    if not before and not first_after <= campaign.measured_on <= last_after:
        raise BarometreError(
            f"--campaign : « {name} » a été mesurée le {measured}, hors du mandat ouvert par "
            f"l'élection de {election} (du {date_label(first_after)} au "
            f"{date_label(last_after)}) ; donnez une campagne mesurée dans ce mandat, ou "
            "celle d'avant l'élection avec --campaign-before."
        )
    return campaign.name


def scope_levels(measured: Measured, theme: str) -> list[int]:
    """The measured levels of the services that `theme` relates to (none for a theme that
    promises nothing measured on the scale)."""
    scope = theme_scopes().get(theme)
    if scope is None:
        return []
    return [level for slug, domain, level in measured.cells if scope.covers(slug, domain)]


def scope_moot(measured: Measured, theme: str) -> int:
    """How many of the services that `theme` relates to are « sans objet » in the commune."""
    scope = theme_scopes().get(theme)
    if scope is None:
        return 0
    return sum(1 for slug, domain in measured.moot if scope.covers(slug, domain))


def _fmt(value: float) -> str:
    return number(value, 1)  # half away from zero, in decimal: 1.25 is « 1,3 »


def _statement(
    programme: ReportProgramme,
    label: str,
    scope: ThemeScope,
    measured: Measured,
    mean: float | None,
    n: int,
    high: int,
    before: Measured | None = None,
) -> str:
    promised = f"« {programme.list_name} » a promis en {programme.election} : {label.lower()}"
    if before is not None:
        promised += _before_clause(before, scope.theme)
    if mean is None and (moot := scope_moot(measured, scope.theme)):
        return (
            f"{promised} ; {measured.year} (campagne {measured.campaign}) : aucun niveau pour "
            f"{scope.scope}, {counted(moot, 'service', 'services')} « sans objet » dans la "
            "commune"
        )
    if mean is None:
        # « pour » and not « de », which would contract with the scope's article (« de les
        # démarches famille », « de le signalement »)
        return (
            f"{promised} ; {measured.year} (campagne {measured.campaign}) : aucun service mesuré "
            f"pour {scope.scope}"
        )
    return (
        f"{promised} ; {measured.year} (campagne {measured.campaign}) : {scope.scope} au niveau "
        f"moyen {_fmt(mean)} sur 5, {counted(high, 'service', 'services')} sur {n} au niveau 3 "
        "ou plus"
    )


def _before_clause(before: Measured, theme: str) -> str:
    """ " ; avant l'élection, 2019 (campagne X) : niveau moyen 2,5 sur 5", or why there is no
    mean then: the theme's services all « sans objet » in the commune, or none measured."""
    when = f" ; avant l'élection, {before.year} (campagne {before.campaign}) : "
    levels = scope_levels(before, theme)
    if levels:
        return f"{when}niveau moyen {_fmt(sum(levels) / len(levels))} sur 5"
    if moot := scope_moot(before, theme):
        return f"{when}aucun niveau, {counted(moot, 'service', 'services')} « sans objet »"
    return f"{when}aucun de ces services mesuré"


def promises(
    programmes: list[ReportProgramme],
    labels: dict[str, str],
    *,
    won_only: bool = False,
    campaign: str | None = None,
    campaign_before: str | None = None,
) -> list[Promise]:
    """Promises of `programmes` (as `rows.report_programmes` reads them) beside the latest
    measures, or those of the campaigns chosen (`campaign` after the election,
    `campaign_before` before)."""
    scopes = theme_scopes()
    by_election: dict[tuple[int, bool], list[ReportProgramme]] = defaultdict(list)
    for programme in programmes:
        if programme.status == Programme.Status.OK and (programme.won or not won_only):
            by_election[(programme.election, programme.is_demo)].append(programme)
    out: list[Promise] = []
    for (election, demo), group in sorted(by_election.items()):
        communes = sorted({p.commune_id for p in group})
        measures = latest_measures(election, communes, demo=demo, campaign=campaign)
        earlier = latest_measures(
            election, communes, before=True, demo=demo, campaign=campaign_before
        )
        for programme in sorted(group, key=lambda p: p.round):
            measured = measures.get(programme.commune_id)
            if measured is not None:
                before = earlier.get(programme.commune_id)
                out.extend(_programme_promises(programme, measured, scopes, labels, before))
    seen: set[tuple[str, str, str]] = set()  # a theme promised in both rounds counts once
    unique = []
    for promise in out:
        key = (promise.commune_code, list_key(promise.list_name), promise.theme)
        if key not in seen:
            seen.add(key)
            unique.append(promise)
    return unique


def _programme_promises(
    programme: ReportProgramme,
    measured: Measured,
    scopes: dict[str, ThemeScope],
    labels: dict[str, str],
    before: Measured | None = None,
) -> list[Promise]:
    return [
        _promise(programme, theme, scopes[theme], measured, labels, before)
        for theme in programme.themes
        if theme in scopes
    ]


def _promise(
    programme: ReportProgramme,
    theme: str,
    scope: ThemeScope,
    measured: Measured,
    labels: dict[str, str],
    before: Measured | None,
) -> Promise:
    """The programme's promise of `theme`, beside the levels of the services it relates to."""
    levels = [level for slug, domain, level in measured.cells if scope.covers(slug, domain)]
    slugs = tuple(slug for slug, domain, _ in measured.cells if scope.covers(slug, domain))
    mean = sum(levels) / len(levels) if levels else None
    high = sum(1 for level in levels if level >= 3)
    label = labels.get(theme, theme)
    sentence = next((s.text for s in programme.sentences if theme in s.themes), "")
    earlier = scope_levels(before, theme) if before is not None else []
    return Promise(
        programme.commune_id,
        programme.commune_name,
        programme.list_name,
        programme.won,
        theme,
        label,
        sentence,
        measured.campaign,
        measured.year,
        scope.scope,
        slugs,
        len(levels),
        mean,
        high,
        _statement(programme, label, scope, measured, mean, len(levels), high, before),
        before.campaign if before is not None else "",
        before.year if before is not None else None,
        len(earlier),
        sum(earlier) / len(earlier) if earlier else None,
        sum(1 for level in earlier if level >= 3),
        scope_moot(measured, theme),
        scope_moot(before, theme) if before is not None else 0,
    )
