"""The demonstration's programmes are flagged as such, never take a real programme's list, and
come in two elections (2014 and 2026) that the programme pages compare."""

from __future__ import annotations

import html
import importlib
import re
from collections import Counter

import pytest
from django.urls import reverse

from barometre.core.errors import BarometreError
from barometre.demo.programmes import DEMO_ELECTIONS, demo_programmes_load
from barometre.programmes.models import Programme, ProgrammeSentence
from barometre.programmes.synthetic import digital_theme_ids
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db

LISTS = [(election.year, item) for election in DEMO_ELECTIONS for item in election.lists]


@pytest.fixture
def demo_communes() -> None:
    for code in sorted({item.commune for _year, item in LISTS}):
        CommuneFactory(code=code)


def test_the_demo_has_programmes_of_2014_and_2026() -> None:
    """Both elections, for the same communes, each with one elected list per commune; made-up
    list names and heads of list (« Personne fictive A »); the themes named are the
    sentence bank's."""
    assert [election.year for election in DEMO_ELECTIONS] == [2014, 2026]
    themes = set(digital_theme_ids())
    communes = {}
    for election in DEMO_ELECTIONS:
        communes[election.year] = {item.commune for item in election.lists}
        won = Counter(item.commune for item in election.lists if item.won)
        assert won == Counter(communes[election.year]), election.year  # one winner each
        for item in election.lists:
            assert item.name.endswith(" (démonstration)"), item.name
            # a made-up person, named as such: « Liste A » read as another list
            assert item.head.startswith("Personne fictive "), item.head
            assert set(item.themes) <= themes, item.name
    assert communes[2014] == communes[2026]
    assert len({(year, item.commune, item.name) for year, item in LISTS}) == len(LISTS)


def test_demo_programmes_are_flagged_and_loaded_once(demo_communes: None) -> None:
    assert demo_programmes_load() == len(LISTS)
    assert demo_programmes_load() == 0

    for election in DEMO_ELECTIONS:
        stored = Programme.objects.filter(election=election.year)
        assert stored.count() == len(election.lists)
        assert all(p.is_demo for p in stored)

    Programme.objects.filter(election=2014, won=False).first().delete()
    assert demo_programmes_load() == 1  # only the missing one is added again
    assert Programme.objects.count() == len(LISTS)


@pytest.mark.parametrize("year", [2014, 2026])
def test_a_real_programme_of_a_demo_list_is_neither_replaced_nor_relabelled(
    demo_communes: None, year: int
) -> None:
    item = next(item for election, item in LISTS if election == year)
    real = Programme.objects.create(
        commune_id=item.commune,
        election=year,
        list_name=item.name,
        source_name="vrai.pdf",
        format="pdf",
        file_sha256="1" * 64,
        text="Un vrai texte.",
        status="ok",
    )

    message = f"programme réel de la liste « {item.name} » ({item.commune}, {year})"
    with pytest.raises(BarometreError, match=re.escape(message)):
        demo_programmes_load()

    assert list(Programme.objects.all()) == [real]  # nothing written, before or after it
    real.refresh_from_db()
    assert (real.is_demo, real.source_name, real.text) == (False, "vrai.pdf", "Un vrai texte.")


def test_a_real_list_of_a_demo_name_in_another_election_is_no_obstacle(
    demo_communes: None,
) -> None:
    """The refusal is per election: a real 2020 list that a demo list of 2014 is named like
    holds no demo list, and stays as it was."""
    _year, item = LISTS[0]
    Programme.objects.create(
        commune_id=item.commune,
        election=2020,
        list_name=item.name,
        source_name="vrai.pdf",
        format="pdf",
        file_sha256="2" * 64,
        text="Un vrai texte.",
        status="ok",
    )
    assert demo_programmes_load() == len(LISTS)
    assert not Programme.objects.get(election=2020).is_demo


def test_a_demo_programme_never_says_the_same_sentence_twice(demo_communes: None) -> None:
    """Each programme's sentences and lines are all different (its list of promises gave « Un
    réseau wifi public et gratuit… » five times), and the same from one load to the next."""
    demo_programmes_load()
    themed = {(year, item.name): bool(item.themes) for year, item in LISTS}
    texts = {}
    for stored in Programme.objects.filter(is_demo=True):
        sentences = ProgrammeSentence.objects.filter(programme=stored).values_list(
            "text", flat=True
        )
        said = Counter(sentences)
        lines = Counter(line for line in stored.text.splitlines() if line.strip())
        assert not said or max(said.values()) == 1, [s for s, n in said.items() if n > 1]
        assert max(lines.values()) == 1, [line for line, n in lines.items() if n > 1]
        # digital when its list names digital themes, and only then
        assert stored.mentions_digital == themed[(stored.election, stored.list_name)]
        texts[(stored.election, stored.list_name)] = stored.text
    Programme.objects.all().delete()
    demo_programmes_load()
    again = {(p.election, p.list_name): p.text for p in Programme.objects.all()}
    assert again == texts  # deterministic


def test_the_2014_programmes_speak_less_of_digital(demo_communes: None) -> None:
    """As the 2014 study found, fewer programmes spoke of digital then: fewer lists and fewer
    sentences, at least one list without any, and each elected list fewer than its commune's
    elected list of 2026."""
    demo_programmes_load()
    digital = Counter()
    lists = Counter()
    winners = {}
    for stored in Programme.objects.filter(is_demo=True):
        n = ProgrammeSentence.objects.filter(programme=stored).count()
        digital[stored.election] += n
        lists[stored.election] += stored.mentions_digital
        if stored.won:
            winners[(stored.election, stored.commune_id)] = n
    assert 0 < digital[2014] < digital[2026]
    assert 0 < lists[2014] < lists[2026] == Programme.objects.filter(election=2026).count()
    for (year, code), n in winners.items():
        if year == 2014:
            assert 0 < n < winners[(2026, code)], code


def test_the_demo_programme_page_of_2026_compares_it_with_2014(demo_communes: None, client) -> None:
    demo_programmes_load()
    home = client.get(reverse("web:programmes")).content.decode()
    for year in (2014, 2026):
        assert reverse("web:programmes-election-demo", args=[year]) in home
    page = html.unescape(
        client.get(reverse("web:programmes-election-demo", args=[2026])).content.decode()
    )
    assert "Comparaison avec l'élection de 2014" in page
    assert "Nantes autrement (démonstration)" not in page  # 2014's lists are not 2026's


def test_the_2026_demo_programmes_are_those_migration_0004_recognises(
    demo_communes: None,
) -> None:
    """The migration marked the 2026 demo programmes by commune, list name, election and the
    file name the loader gave; the loader still gives them so."""
    migration = importlib.import_module("barometre.programmes.migrations.0004_programme_is_demo")
    demo_programmes_load()
    stored = Programme.objects.filter(election=2026).order_by("source_name")
    assert [(p.commune_id, p.list_name, p.source_name, p.round, p.format) for p in stored] == [
        (code, name, f"programme-{n}.txt", 1, "text")
        for n, (code, name) in enumerate(migration.DEMO_LISTS)
    ]
