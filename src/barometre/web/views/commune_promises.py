"""The commune page's programmes: each elected list's promises beside the levels measured before
and after its election, and each programme's distinct theme sentences."""

from __future__ import annotations

from django.utils.translation import gettext as _

from barometre.core.plural import counted
from barometre.outputs.data_labels import data_label
from barometre.outputs.labels import date_label, number
from barometre.programmes.analysis.themes import theme_labels
from barometre.programmes.elections import measured_window
from barometre.programmes.models import Programme
from barometre.programmes.reports.model import Promise
from barometre.programmes.reports.promises import latest_measures, promises, theme_scopes
from barometre.programmes.reports.rows import report_programmes

SENTENCES_SHOWN = 8


def _measure(
    campaign: str,
    year: int | None,
    n: int,
    mean: float | None,
    high: int,
    masked: set[str] | frozenset[str] = frozenset(),
    moot: int = 0,
) -> dict[str, str]:
    """The mean level ("2,7") and what it rests on ("campagne X (2026) ; 3 services sur 4 au
    niveau 3 ou plus"), or why there is none (`_no_mean`)."""
    why = _no_mean(campaign, mean, masked, moot)
    if why is not None:
        return {"mean": "", "detail": why}
    # worded as the programme report's statement: « 6 services sur 18 au niveau 3 ou plus »
    detail = str(_("campagne %(campaign)s (%(year)s) ; %(high)s sur %(n)s au niveau 3 ou plus")) % {
        "campaign": campaign,
        "year": year,
        "high": counted(high, "service", "services"),
        "n": n,
    }
    return {"mean": number(mean, 1), "detail": detail}


def _no_mean(
    campaign: str, mean: float | None, masked: set[str] | frozenset[str], moot: int
) -> str | None:
    """Why a measure shows no mean, None when it shows one: no campaign; a campaign in `masked`
    holds a cell its reader codes blind, whose level the mean counts; `moot` of the services
    are « sans objet » in the commune (measured, but no level); none of them measured."""
    if not campaign:
        return str(_("aucune campagne"))
    if campaign in masked:
        return str(
            _("campagne %(campaign)s : masqué, vous codez à l'aveugle un de ses services")
        ) % {"campaign": campaign}
    if mean is None and moot:
        return str(_("aucun niveau : %(services)s « sans objet » (campagne %(campaign)s)")) % {
            "services": counted(moot, "service", "services"),
            "campaign": campaign,
        }
    if mean is None:
        return str(_("aucun de ces services mesuré (campagne %(campaign)s)")) % {
            "campaign": campaign
        }
    return None


def promises_and_measures(
    programmes: list[Programme], masked: set[str] | frozenset[str] = frozenset()
) -> list[dict[str, object]]:
    """Per election, the themes that the elected list promised, each beside the levels of the
    services it relates to, measured in the latest campaign before the election's first round
    and in the latest one after it (programmes/reports/promises.py, as in the programme
    report). Themes that promise nothing measured on the scale (broadband, open data...) are
    named apart. Demonstration programmes make their own group, set beside demonstration
    campaigns only; real ones beside real campaigns only."""
    elected = [p for p in programmes if p.won and p.status == Programme.Status.OK]
    labels = theme_labels()
    scopes = theme_scopes()
    out: list[dict[str, object]] = []
    groups = sorted({(p.election, p.is_demo) for p in elected}, key=lambda k: (-k[0], k[1]))
    for election, demo in groups:
        group = [p for p in elected if p.election == election and p.is_demo == demo]
        # the commune's programmes as the report reads them (its columns, its order)
        read = report_programmes(election=election, commune=group[0].commune_id, demo=demo)
        kept = promises(read, labels, won_only=True)
        if not kept:
            out.extend(_unmeasured_term(election, group, demo=demo))
            continue
        rows = [{"promise": p, "measures": _before_and_after(p, masked)} for p in kept]
        unmeasured = sorted(
            {data_label(labels.get(t, t)) for p in group for t in p.themes if t not in scopes},
            key=str.casefold,
        )
        out.append(
            {
                "election": election,
                "demo": demo,
                "lists": sorted({p.list_name for p in kept}),
                "rows": rows,
                "unmeasured": unmeasured,
            }
        )
    return out


def _before_and_after(promise: Promise, masked: set[str] | frozenset[str]) -> list[dict[str, str]]:
    """The promise's measures in the latest campaign before the election and after it."""
    p = promise
    return [
        _measure(
            p.before_campaign,
            p.before_year,
            p.before_n_cells,
            p.before_mean_level,
            p.before_at_level_3_or_more,
            masked,
            p.before_n_not_applicable,
        ),
        _measure(
            p.campaign,
            p.measured_year,
            p.n_cells,
            p.mean_level,
            p.at_level_3_or_more,
            masked,
            p.n_not_applicable,
        ),
    ]


def _unmeasured_term(
    election: int, group: list[Programme], *, demo: bool
) -> list[dict[str, object]]:
    """The elected lists of `election` that promised something digital, when no campaign (of
    their kind) measured the commune within the term that election opened: said plainly, rather
    than left out as if nothing had been promised (the demonstration's 2014 lists, whose
    campaigns are measured before 2014 and after 2026)."""
    promised = [p for p in group if p.themes]
    communes = sorted({p.commune_id for p in promised})
    if not promised or latest_measures(election, communes, demo=demo):
        return []
    _last_before, first_after, last_after = measured_window(election)
    text = _(
        "Aucune campagne n'a mesuré les services de la commune pendant le mandat ouvert par "
        "cette élection (du %(first)s au %(last)s) : ces promesses ne sont mises en regard "
        "d'aucun niveau."
    ) % {"first": date_label(first_after), "last": date_label(last_after)}
    labels = theme_labels()
    themes = sorted(
        {data_label(labels.get(t, t)) for p in promised for t in p.themes}, key=str.casefold
    )
    return [
        {
            "election": election,
            "demo": demo,
            "lists": sorted({p.list_name for p in promised}),
            "rows": [],
            "unmeasured": [],
            "no_campaign": text,
            "themes": themes,
        }
    ]


def with_sentences(programme: Programme) -> dict[str, object]:
    """A programme with its distinct theme sentences (a repeated promise is shown once)."""
    seen: dict[str, None] = {}
    for sentence in programme.sentences.all():
        seen.setdefault(sentence.quote, None)
    distinct = list(seen)
    return {
        "p": programme,
        "sentences": distinct[:SENTENCES_SHOWN],
        "more": max(0, len(distinct) - SENTENCES_SHOWN),
    }
