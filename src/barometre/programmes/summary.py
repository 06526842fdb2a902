"""An election's figures as every reader shows them (the election's web page, its report files,
the API's /elections): `reports.build.election_summary`, kept until the election's programmes
or the themes change."""

from __future__ import annotations

from barometre.core.statecache import cached_for_state
from barometre.programmes.analysis.themes import ShippedThemes
from barometre.programmes.reports.build import election_summary
from barometre.programmes.reports.model import ElectionSummary
from barometre.programmes.selectors import programmes_state


def summary_of(
    election: int, themes: ShippedThemes, *, demo: bool, state: str | None = None
) -> ElectionSummary:
    """The election's figures (`election_summary`), computed again only when its programmes or
    the themes change: they read every programme and theme sentence of the election (seconds
    for a national one, on each page that shows them). `state`: the election's
    `programmes_state`, when the caller has read it already."""
    state = f"{state or programmes_state(election, demo=demo)}|{themes.version}"
    key = f"programmes-summary:{election}:{demo}"
    return cached_for_state(key, state, lambda: election_summary(election, themes, demo=demo))
