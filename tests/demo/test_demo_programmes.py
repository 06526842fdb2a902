"""The demonstration's programmes are flagged as such, and never take a real programme's list."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from barometre.core.errors import BarometreError
from barometre.demo.programmes import DEMO_ELECTION, DEMO_LISTS, demo_programmes_load
from barometre.programmes.models import Programme, ProgrammeSentence
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_communes() -> None:
    for code in sorted({code for code, *_ in DEMO_LISTS}):
        CommuneFactory(code=code)


def test_demo_programmes_are_flagged_and_loaded_once(demo_communes: None) -> None:
    assert demo_programmes_load() == len(DEMO_LISTS)
    assert demo_programmes_load() == 0

    stored = Programme.objects.filter(election=DEMO_ELECTION)
    assert stored.count() == len(DEMO_LISTS)
    assert all(p.is_demo for p in stored)


def test_a_real_programme_of_a_demo_list_is_neither_replaced_nor_relabelled(
    demo_communes: None,
) -> None:
    code, name, _head, _won = DEMO_LISTS[2]
    real = Programme.objects.create(
        commune_id=code,
        election=DEMO_ELECTION,
        list_name=name,
        source_name="vrai.pdf",
        format="pdf",
        file_sha256="1" * 64,
        text="Un vrai texte.",
        status="ok",
    )

    with pytest.raises(BarometreError, match=re.escape(f"programme réel de la liste « {name} »")):
        demo_programmes_load()

    assert list(Programme.objects.all()) == [real]  # nothing written, before or after it
    real.refresh_from_db()
    assert (real.is_demo, real.source_name, real.text) == (False, "vrai.pdf", "Un vrai texte.")


def test_a_demo_programme_never_says_the_same_sentence_twice(demo_communes: None) -> None:
    """Each programme's sentences and lines are all different (its list of promises gave « Un
    réseau wifi public et gratuit… » five times), and the same from one load to the next."""
    demo_programmes_load()
    texts = {}
    for stored in Programme.objects.filter(election=DEMO_ELECTION, is_demo=True):
        sentences = ProgrammeSentence.objects.filter(programme=stored).values_list(
            "text", flat=True
        )
        said = Counter(sentences)
        lines = Counter(line for line in stored.text.splitlines() if line.strip())
        assert said and max(said.values()) == 1, [s for s, n in said.items() if n > 1]
        assert max(lines.values()) == 1, [line for line, n in lines.items() if n > 1]
        assert stored.mentions_digital  # each still promises something digital
        texts[stored.list_name] = stored.text
    Programme.objects.all().delete()
    demo_programmes_load()
    again = {p.list_name: p.text for p in Programme.objects.filter(election=DEMO_ELECTION)}
    assert again == texts  # deterministic
