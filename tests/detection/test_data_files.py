"""The detection data files and URL helpers: validated, and read the way browsers read them."""

from __future__ import annotations

from importlib import resources

import pytest

from barometre.core.errors import ValidationFailed
from barometre.detection.cues import cues_parse
from barometre.detection.urls import absolute, decode_html


def test_the_shipped_cues_file_is_valid() -> None:
    raw = resources.files("barometre.detection").joinpath("data/cues.yaml").read_text("utf-8")
    assert "urbanisme" in cues_parse(raw, source="cues.yaml")["services"]


def test_a_misspelt_key_in_a_cues_file_fails_by_name() -> None:
    raw = "version: 1\nservices:\n  urbanisme:\n    exra: [permis d'aménager]\n"
    with pytest.raises(ValidationFailed) as caught:
        cues_parse(raw, source="mes-indices.yaml")
    assert any("exra" in problem for problem in caught.value.problems)


def test_a_bad_regex_in_a_cues_file_fails_by_service() -> None:
    raw = "version: 1\nservices:\n  signalement:\n    negative: ['(sans fin']\n"
    with pytest.raises(ValidationFailed) as caught:
        cues_parse(raw, source="mes-indices.yaml")
    assert any("signalement" in problem for problem in caught.value.problems)


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://www.Ville.fr?page=2", "https://www.ville.fr/?page=2"),
        ("https://www.ville.fr/etat-civil#haut", "https://www.ville.fr/etat-civil"),
        (
            "/demarches/acte de naissance.pdf",
            "https://mairie.fr/demarches/acte%20de%20naissance.pdf",
        ),
        ("../école/inscription", "https://mairie.fr/%C3%A9cole/inscription"),
        ("  //cdn.Mairie.fr/f.pdf ", "https://cdn.mairie.fr/f.pdf"),
        ("mailto:etat-civil@mairie.fr", None),
        ("JavaScript:void(0)", None),
    ],
)
def test_absolute_links(href: str, expected: str | None) -> None:
    assert absolute("https://mairie.fr/vie/page", href) == expected


def test_a_page_declared_latin1_is_read_as_browsers_read_it() -> None:
    raw = '<meta charset="iso-8859-1"><p>Tarif : 5 \x80</p>'.encode("latin-1")
    assert "5 €" in decode_html(raw)


def test_a_byte_order_mark_wins_over_the_guess() -> None:
    assert "crèche" in decode_html("<p>crèche</p>".encode("utf-16"))
