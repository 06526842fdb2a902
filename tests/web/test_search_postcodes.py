"""The search box finds a commune by its postcode as well as by its INSEE code or name: a code
that is both finds both kinds of commune."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from barometre.web.communes import communes_search
from tests.factories import CommuneFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ain() -> None:
    ain = DepartmentFactory(code="01", name="Ain")
    CommuneFactory(code="01400", name="Seillonnaz", department=ain, population=200)
    CommuneFactory(
        code="01093", name="Châtillon-sur-Chalaronne", department=ain, population=5000,
        postcodes="01400",
    )  # fmt: skip
    CommuneFactory(
        code="01001", name="L'Abergement-Clémenciat", department=ain, population=800,
        postcodes="01400 01990",
    )  # fmt: skip
    CommuneFactory(code="01053", name="Bourg-en-Bresse", department=ain, population=41000,
                   postcodes="01000")  # fmt: skip


def test_a_postcode_finds_the_communes_it_serves_and_the_commune_of_that_insee_code(
    ain: None,
) -> None:
    found = [c.code for c in communes_search("01400")]
    assert found == ["01093", "01001", "01400"]  # largest first
    assert [c.code for c in communes_search("01990")] == ["01001"]  # a second postcode
    assert [c.code for c in communes_search("0140")] == ["01400"]  # a prefix is an INSEE prefix


def test_a_postcode_nobody_has_falls_back_to_its_department(ain: None) -> None:
    assert [c.code for c in communes_search("01999")] == ["01053", "01093", "01001", "01400"]


def test_the_search_page_goes_to_the_only_commune_of_a_postcode(client, ain) -> None:
    assert client.get(reverse("web:search"), {"q": "01000"})["Location"] == "/commune/01053/"


def test_the_results_say_which_code_each_commune_answers_to(client, ain) -> None:
    page = client.get(reverse("web:search"), {"q": "01400"}).content.decode()
    body = re.sub(r"</?span[^>]*>", "", page)  # the names' no-wrap spans (held_name_in_text)
    assert "Seillonnaz</a> (01400, Ain) — code INSEE 01400" in body
    assert "Châtillon-sur-Chalaronne</a> (01093, Ain) — code postal 01400" in body


def test_a_code_nobody_has_says_the_department_is_shown_instead(client, ain) -> None:
    body = client.get(reverse("web:search"), {"q": "01999"}).content.decode()
    assert "Aucune commune n'a le code «\u00a001999\u00a0»" in body
    assert "Bourg-en-Bresse" in body and "— code" not in body
