"""classify_excerpts: what `barometre programmes classify` writes, one object per line."""

from __future__ import annotations

import json

import pytest

from barometre.core.errors import ValidationFailed
from barometre.programmes.analysis import classify_excerpts


def test_each_excerpt_gets_its_reading_in_order() -> None:
    records = [
        {"id": "a", "text": "Nous rénoverons le stade."},
        {"id": 7, "text": "Les données publiques seront publiées en open data. Le marché restera."},
    ]
    out = list(classify_excerpts(records))
    assert out[0] == {
        "id": "a",
        "mentions_digital": False,
        "themes": [],
        "disruptive": False,
        "evidence": [],
    }
    assert out[1]["id"] == 7
    assert out[1]["mentions_digital"] and out[1]["disruptive"]
    assert out[1]["themes"] == ["open_data"]
    [evidence] = out[1]["evidence"]
    assert evidence["text"] == "Les données publiques seront publiées en open data."
    assert (evidence["start"], evidence["end"]) == (0, len(evidence["text"]))
    assert evidence["themes"] == ["open_data"] and evidence["disruptive"]
    assert "open data|opendata" in evidence["cues"]
    json.dumps(out)  # JSON-ready


def test_many_excerpts_are_read_in_batches_and_stay_aligned() -> None:
    records = ({"id": n, "text": "Le wifi public." if n % 3 else "Un parc."} for n in range(600))
    out = list(classify_excerpts(records))
    assert [o["id"] for o in out] == list(range(600))
    assert all(o["mentions_digital"] == bool(o["id"] % 3) for o in out)


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ({"text": "x"}, "extrait n° 2 : champ « id » manquant"),
        ({"id": 1}, "extrait n° 2 : champ « text » manquant ou non textuel"),
        ({"id": 1, "text": 3}, "extrait n° 2 : champ « text » manquant ou non textuel"),
        (["id", "text"], "extrait n° 2 : un objet JSON est attendu"),
        (
            {"id": 1, "text": "le wifi\ud800"},
            "extrait n° 2 : champ « text » : caractère U+D800 invalide à la position 8 "
            "(moitié isolée d'une paire de substitution UTF-16, qui n'est pas un caractère)",
        ),
        (
            {"id": 0, "text": "Un autre parc."},
            "extrait n° 2 : identifiant 0 déjà donné à l'extrait n° 1",
        ),
        (
            {"id": "\udfff", "text": "x"},
            "extrait n° 2 : champ « id » : caractère invalide "
            "(moitié isolée d'une paire de substitution UTF-16, qui n'est pas un caractère)",
        ),
    ],
)
def test_invalid_records_are_refused_with_their_position(record: object, problem: str) -> None:
    records = [{"id": 0, "text": "Un parc."}, record]
    with pytest.raises(ValidationFailed) as caught:
        list(classify_excerpts(records))  # type: ignore[arg-type]
    assert caught.value.problems == [problem]


def test_an_id_repeated_in_a_later_batch_is_refused_but_a_string_is_not_a_number() -> None:
    records = [{"id": n, "text": "Un parc."} for n in range(300)] + [{"id": "0", "text": "x"}]
    assert len(list(classify_excerpts(records))) == 301
    with pytest.raises(ValidationFailed) as caught:
        list(classify_excerpts([*records, {"id": 5, "text": "x"}]))
    assert caught.value.problems == ["extrait n° 302 : identifiant 5 déjà donné à l'extrait n° 6"]
