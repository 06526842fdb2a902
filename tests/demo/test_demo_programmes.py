"""The demonstration's programmes are flagged as such, and never take a real programme's list."""

from __future__ import annotations

import re

import pytest

from barometre.core.errors import BarometreError
from barometre.demo.programmes import DEMO_ELECTION, DEMO_LISTS, demo_programmes_load
from barometre.programmes.models import Programme
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

    with pytest.raises(BarometreError, match=re.escape(f"programme réel de la liste « {name} »")):
        demo_programmes_load()

    assert list(Programme.objects.all()) == [real]  # nothing written, before or after it
    real.refresh_from_db()
    assert (real.is_demo, real.source_name, real.text) == (False, "vrai.pdf", "Un vrai texte.")
