"""French municipal elections: the years barometre accepts and the date of each first round.

Every council is renewed at once every six years (the general elections below, first round
dates from the Interior ministry's results; those of 1983, 1989 and 1995 were checked on
2026-12-05 against encyclopedic pages on each election: 6 March 1983, 12 March 1989 and
11 June 1995, the 1995 elections being held in June after the presidential election). A
council may also be elected in between (élections partielles or complémentaires, after
resignations, a new commune, an annulment), so another year inside the range is accepted as a
by-election and the import warns about it: 2019 is more often a typo for 2020 than a
by-election. A year outside the range (1850, 2999) is refused: lists have published programmes
since the list ballot of 1983, and the range ends at the next general election.

A measurement campaign counts as "before" an election when it was measured on or before the day
of its first round (`Campaign.measured_on`: sites measured that day show the outgoing council's
work), and as "after" it when it was measured later but not after the first round of the next
general election (by then the council is renewed, and what is measured is the next one's term).
The day of a by-election is not known: only the year, so a campaign measured during that year
counts on neither side.
"""

from __future__ import annotations

import datetime as dt

FIRST_ROUND: dict[int, dt.date] = {
    1983: dt.date(1983, 3, 6),
    1989: dt.date(1989, 3, 12),
    1995: dt.date(1995, 6, 11),
    2001: dt.date(2001, 3, 11),
    2008: dt.date(2008, 3, 9),
    2014: dt.date(2014, 3, 23),
    2020: dt.date(2020, 3, 15),
    2026: dt.date(2026, 3, 15),
}
NEXT_GENERAL = 2032  # six years after 2026; its date is not set yet
EARLIEST, LATEST = min(FIRST_ROUND), NEXT_GENERAL


def first_round(year: int) -> dt.date:
    """The first round of `year`'s municipal election (1 January for a by-election year)."""
    return FIRST_ROUND.get(year, dt.date(year, 1, 1))


def measured_window(year: int) -> tuple[dt.date, dt.date, dt.date]:
    """For `year`'s election: the last day a campaign counts as measured before it, then the first
    and last days it counts as measured after it (within the term that election opened)."""
    following = [day for election, day in FIRST_ROUND.items() if election > year]
    last_after = min(following) if following else dt.date(NEXT_GENERAL - 1, 12, 31)
    if year in FIRST_ROUND:
        day = FIRST_ROUND[year]
        return day, day + dt.timedelta(days=1), last_after
    return dt.date(year - 1, 12, 31), dt.date(year + 1, 1, 1), last_after


def is_election_year(year: int) -> bool:
    """A year a municipal election may have been held: general or by-election."""
    return EARLIEST <= year <= LATEST


def is_general_election(year: int) -> bool:
    return year in FIRST_ROUND or year == NEXT_GENERAL


def general_years() -> str:
    """ "1983, 1989, …, 2026, 2032" for messages."""
    return ", ".join(str(year) for year in [*FIRST_ROUND, NEXT_GENERAL])


def by_election_warning(year: int) -> str:
    """A French warning when `year` is no general election year ("" when it is one)."""
    if is_general_election(year):
        return ""
    return (
        f"attention : {year} n'est pas une année d'élections municipales générales "
        f"({general_years()}) ; programme gardé comme élection partielle, vérifiez l'année"
    )
