"""`barometre evidence show` says when a page was archived in words, Paris time, and keeps the
WARC-Date as archived (to the second)."""

from __future__ import annotations

import pytest

from barometre.collection.management.commands.evidence import archived_on


def test_a_warc_date_is_said_in_paris_time_with_the_archived_value() -> None:
    said = archived_on("2026-07-14T08:30:05.123456Z")
    assert said == (
        "14 juillet 2026 à 10:30 (heure de Paris, UTC+02:00)\u00a0; "
        "WARC-Date 2026-07-14T08:30:05.123456Z"
    )


@pytest.mark.parametrize("odd", ["2026-07-14T08:30:05", "hier", ""])
def test_a_date_without_zone_or_unreadable_is_shown_as_archived(odd: str) -> None:
    assert archived_on(odd) == odd
