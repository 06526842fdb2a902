"""The programme pages on a national election (bench/programmes_web.py): the election page reads
only the programmes it shows, the figures are computed once per state of the programmes, and the
report files (megabytes) are not kept in each server process."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.test_public_programmes import _programme


def _programmes(count: int) -> None:
    from barometre.programmes.models import ProgrammeSentence

    for i in range(count):
        programme = _programme(
            ["44109", "35238", "29019"][i % 3],
            f"Liste {i}",
            mentions_digital=True,
            themes=["site_web"],
            won=i < 3,
        )
        ProgrammeSentence.objects.create(
            programme=programme, index=0, start=0, end=1, text=f"Phrase {i}.", themes=["site_web"]
        )


def _sentence_queries(queries: list[dict[str, str]]) -> list[str]:
    return [q["sql"] for q in queries if 'FROM "programmes_programmesentence"' in q["sql"]]


def test_the_election_page_reads_the_sentences_of_its_shown_programmes_only(client, site) -> None:
    _programmes(45)
    url = reverse("web:programmes-election", kwargs={"election": 2026})
    client.get(url)  # the figures and follow-up, cached

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    (prefetch,) = _sentence_queries(queries.captured_queries)
    # the sentences of the page's 20 programmes, not the election's 45
    assert len(re.findall(r"\d+", prefetch.split(" IN (")[1].split(")")[0])) == 20


def test_the_figures_are_computed_once_per_state_of_the_programmes(client, site) -> None:
    _programmes(6)
    home = reverse("web:programmes")
    client.get(home)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(home).status_code == 200
    # every theme sentence of the election was read again on each visit
    assert not _sentence_queries(queries.captured_queries)

    _programme("44109", "Nouvelle", mentions_digital=True, themes=["open_data"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(home).status_code == 200
    # a new programme: the figures are computed again
    assert _sentence_queries(queries.captured_queries)


def test_the_election_page_keeps_its_queries_whatever_the_number_of_lists(
    client, site, django_assert_max_num_queries
) -> None:
    _programmes(30)
    url = reverse("web:programmes-election", kwargs={"election": 2026})
    client.get(url)

    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_the_elections_are_read_without_reading_every_list(db) -> None:
    from barometre.programmes.selectors import elections

    with CaptureQueriesContext(connection) as queries:
        elections()

    (sql,) = [q["sql"] for q in queries.captured_queries]
    # the model's ordering made the distinct rows every (election, commune, round, list)
    assert "list_name" not in sql, sql


def test_the_state_of_an_election_is_read_from_an_index(db) -> None:
    import pytest

    if connection.vendor != "sqlite":
        pytest.skip("the plan is SQLite's")
    from barometre.programmes.selectors import programmes_state

    with CaptureQueriesContext(connection) as queries:
        programmes_state(2026)
    (sql,) = [q["sql"] for q in queries.captured_queries]  # its parameters inlined
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "COVERING INDEX programme_election_state" in plan, plan


def test_a_large_report_file_is_kept_in_the_cache_not_in_the_process(db) -> None:
    from django.core.cache import cache

    from barometre.core import statecache
    from barometre.web import selectors

    statecache.MEMO.clear()
    cache.clear()
    large = "x" * 2_000_000  # a national election's report: 2 to 18 MB
    calls = []

    def compute() -> str:
        calls.append(1)
        return large

    assert selectors.cached_for_data("programmes-file:test", compute) == large
    assert not any(v is large for v in statecache.MEMO.values())
    assert selectors.cached_for_data("programmes-file:test", compute) == large
    assert len(calls) == 1  # from the cache backend
    small = selectors.cached_for_data("programmes-file:small", lambda: "y")
    assert small in statecache.MEMO.values()


def test_a_report_file_takes_the_figures_the_pages_keep(client, site) -> None:
    _programmes(6)
    client.get(reverse("web:programmes-election", kwargs={"election": 2026}))
    url = reverse("web:programmes-file", kwargs={"election": 2026, "fmt": "csv"})

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200

    # the figures' count of theme sentences (`theme_sentence_counts`), read again for the file
    counts = 'SELECT "programmes_programmesentence"."themes" AS "themes"'
    assert not [q for q in queries.captured_queries if q["sql"].startswith(counts)]
