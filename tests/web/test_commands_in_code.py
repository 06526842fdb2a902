"""A barometre command the pages tell a reader to type was written in running text, between
guillemets (« barometre programmes report »), where the site's letters draw « -- » as a dash:
each is now in <code>, copyable exactly, and never inside a translatable string (the sentence
names it as a value, so that a translation cannot alter it)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from selectolax.lexbor import LexborHTMLParser

from tests.web.test_programmes_comparison import _elections

REPORT = "barometre programmes report"


def _codes(page: str) -> list[str]:
    return [node.text() for node in LexborHTMLParser(page).css("main code")]


def _said(page: str) -> str:
    return LexborHTMLParser(page).css_first("main").text()


def test_the_programme_pages_give_the_report_command_in_code(client: Client, site) -> None:
    _elections()
    home = client.get(reverse("web:programmes")).content.decode()
    assert _codes(home) == [REPORT] and f"«\u00a0{REPORT}" not in home
    assert f"Mêmes chiffres que le rapport {REPORT}." in _said(home)
    url = reverse("web:programmes-election", kwargs={"election": 2026}) + "?comparer=2014"
    election = client.get(url).content.decode()
    assert _codes(election) == [REPORT, REPORT, f"{REPORT} --compare 2014"]
    assert f"(le rapport de {REPORT})\u00a0:" in _said(election)
    assert f"Mêmes chiffres que {REPORT} --compare 2014." in _said(election)


def test_in_english_the_commands_stay_as_typed(client: Client, site) -> None:
    _elections()
    client.post(reverse("set_language"), {"language": "en", "next": reverse("web:programmes")})
    page = client.get(reverse("web:programmes")).content.decode()
    assert _codes(page) == [REPORT]
    assert f"The same figures as the report written by {REPORT}." in _said(page)


def test_the_empty_home_page_gives_quickstart_in_code(db: None, client: Client) -> None:
    page = client.get(reverse("web:home")).content.decode()
    assert "barometre quickstart" in _codes(page)
    assert "Lancez barometre quickstart pour une démonstration." in _said(page)
