"""Migration 0004 marks the programmes the demonstration loader imported before the flag
existed, and only those."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import CommuneFactory

BEFORE = [("programmes", "0003_programme_read_at")]
AFTER = [("programmes", "0004_programme_is_demo")]


@pytest.fixture
def latest_schema_after():
    """Every app's latest migration once the test is done: the test left the programmes at
    0004, without the columns of 0005 to 0007, and the next test of the session that read a
    programme (the commune page's promises) failed on the missing columns."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_programmes_of_the_demo_loader_are_marked_demo() -> None:
    CommuneFactory(code="44109")
    CommuneFactory(code="33063")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("programmes", "Programme")

    def make(
        name: str, source: str, *, election: int = 2026, fmt: str = "text", code: str = "44109"
    ) -> int:
        return int(
            old.objects.create(
                commune_id=code,
                election=election,
                list_name=name,
                source_name=source,
                format=fmt,
                file_sha256=name + source,
                text="texte",
                status="ok",
            ).pk
        )

    demo = make("Nantes en commun (démonstration)", "programme-0.txt")
    wrong_file = make("Agir pour Nantes (démonstration)", "programme-0.txt")  # it was -1
    real_name = make("Nantes en commun", "programme-0.txt")
    other_year = make("Nantes en commun (démonstration)", "programme-0.txt", election=2020)
    other_format = make(
        "Bordeaux demain (démonstration)", "programme-2.txt", fmt="pdf", code="33063"
    )
    wrong_commune = make("Toulouse ensemble (démonstration)", "programme-3.txt", code="33063")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("programmes", "Programme")

    marked = set(new.objects.filter(is_demo=True).values_list("pk", flat=True))
    assert marked == {demo}
    assert {wrong_file, real_name, other_year, other_format, wrong_commune}.isdisjoint(marked)
