"""French municipal elections: the years barometre knows and the date of each first round.

A measurement campaign counts as "after" an election when it was created after the first round.
"""

from __future__ import annotations

import datetime as dt

FIRST_ROUND: dict[int, dt.date] = {
    2001: dt.date(2001, 3, 11),
    2008: dt.date(2008, 3, 9),
    2014: dt.date(2014, 3, 23),
    2020: dt.date(2020, 3, 15),
    2026: dt.date(2026, 3, 15),
}
EARLIEST, LATEST = 1983, 2100


def first_round(year: int) -> dt.date:
    """The first round of `year`'s municipal election (1 January for a by-election year)."""
    return FIRST_ROUND.get(year, dt.date(year, 1, 1))


def is_election_year(year: int) -> bool:
    return EARLIEST <= year <= LATEST
