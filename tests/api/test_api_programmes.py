"""The JSON API's programmes and themes: filters, sentences, identifiers."""

from __future__ import annotations

import json

import pytest

from tests.api.conftest import get

pytestmark = pytest.mark.django_db


def test_programme_ids_are_ascii_digits(client, after):
    assert (
        "identifiant numérique"
        in get(client, "/api/v1/programmes/\u0661\u0662", 404)["error"]["message"]
    )


def test_themes_and_programmes(client, after):
    themes = get(client, "/api/v1/themes")
    assert len(themes["themes"]) >= 10
    assert get(client, "/api/v1/programmes")["count"] == 0
    assert get(client, "/api/v1/programmes/12", 404)["error"]["status"] == 404


@pytest.fixture
def programmes(communes):  # type: ignore[no-untyped-def]
    from barometre.programmes.models import Programme, ProgrammeSentence

    made = []
    for code, name, themes in (
        ("90001", "Aville demain", ["e_administration"]),
        ("90002", "Bville ensemble", []),
    ):
        made.append(
            Programme.objects.create(
                commune_id=code,
                election=2026,
                list_name=name,
                source_name=f"{code}.pdf",
                format="pdf",
                file_sha256=code,
                status="ok",
                text="Nous ouvrirons un portail de démarches en ligne.",
                mentions_digital=bool(themes),
                themes=themes,
            )
        )
    ProgrammeSentence.objects.create(
        programme=made[0],
        index=0,
        start=0,
        end=48,
        text="Nous ouvrirons un portail de démarches en ligne.",
        themes=["e_administration"],
    )
    return made


def test_programmes_digital_false_leaves_out_the_programmes_without_text(client, programmes):
    from barometre.programmes.models import Programme

    Programme.objects.create(
        commune_id="90001",
        election=2026,
        list_name="Liste scannée",
        source_name="scan.pdf",
        format="pdf",
        file_sha256="scan",
        status="no_text",
        problem="PDF sans couche texte (image numérisée)",
    )
    not_digital = get(client, "/api/v1/programmes", digital="false")["results"]
    assert [p["list_name"] for p in not_digital] == ["Bville ensemble"]
    every = get(client, "/api/v1/programmes")["results"]
    assert {p["list_name"]: p["status"] for p in every}["Liste scannée"] == "no_text"


def test_programmes_filters_and_sentences(client, programmes):
    assert get(client, "/api/v1/programmes", election="2026")["count"] == 2
    themed = get(client, "/api/v1/programmes", theme="e_administration")["results"]
    assert [p["list_name"] for p in themed] == ["Aville demain"]
    assert get(client, "/api/v1/programmes", digital="false")["results"][0]["commune"] == "90002"
    one = get(client, f"/api/v1/programmes/{programmes[0].pk}")
    assert one["sentences"][0]["themes"] == ["e_administration"]


def test_programmes_refuse_an_election_that_has_no_programme(client, programmes):
    """An election with no programme at all (a typo, « 2062 ») was a 200 with 0 results, read
    as "no list spoke of digital"; it is a 400 in French naming the elections there are."""
    error = get(client, "/api/v1/programmes", 400, election="2062")["error"]
    assert error["parameter"] == "election"
    assert error["message"] == (
        "«\u00a0election\u00a0»\u00a0: élection inconnue «\u00a02062\u00a0» (aucun programme "
        "importé)\u00a0; élections\u00a0: 2026."
    )
    # an election whose programmes are all real: no demonstration rows, not an error
    assert get(client, "/api/v1/programmes", election="2026", demonstration="true")["count"] == 0


def test_openapi_calls_disruptive_themes_as_the_pages_and_reports_do(client):
    """The method's word is « disruptif » (the election page, the programmes report); the API's
    descriptions said « de rupture », a second name for the same flag. The JSON field stays
    `disruptive`."""
    text = json.dumps(get(client, "/api/openapi.json"), ensure_ascii=False)
    assert "rupture" not in text
    schemas = get(client, "/api/openapi.json")["components"]["schemas"]
    assert (
        "disruptif"
        in schemas["Themes"]["properties"]["themes"]["items"]["properties"]["disruptive"][
            "description"
        ]
    )


def test_an_unread_programme_is_neither_digital_nor_not(client, programmes):
    """The API said `mentions_digital: false` and `disruptive: false` for a programme it could
    not read, where programmes.csv leaves them empty: a reuser averaging the API's field counted
    an unread programme as one that does not mention digital. Both are null now."""
    from barometre.programmes.models import Programme

    Programme.objects.create(
        commune_id="90001",
        election=2026,
        list_name="Liste scannée",
        source_name="scan.pdf",
        format="pdf",
        file_sha256="scan",
        status="no_text",
        problem="PDF sans couche texte (image numérisée)",
    )
    every = {p["list_name"]: p for p in get(client, "/api/v1/programmes")["results"]}
    scanned = every["Liste scannée"]
    assert (scanned["mentions_digital"], scanned["disruptive"], scanned["themes"]) == (
        None,
        None,
        [],
    )
    assert every["Bville ensemble"]["mentions_digital"] is False  # read: a real no
    assert get(client, f"/api/v1/programmes/{scanned['id']}")["mentions_digital"] is None


def test_a_programme_says_where_and_when_its_list_published_it(client, programmes):
    """The source address and publication date of the import's manifest; null when unknown,
    as the open data's programmes.csv leaves them empty."""
    import datetime as dt

    programmes[0].source_url = "https://aville-demain.test/programme.pdf"
    programmes[0].published_on = dt.date(2026, 2, 1)
    programmes[0].save()
    one = get(client, f"/api/v1/programmes/{programmes[0].pk}")
    assert one["source_url"] == "https://aville-demain.test/programme.pdf"
    assert one["published_on"] == "2026-02-01"
    other = get(client, f"/api/v1/programmes/{programmes[1].pk}")
    assert other["source_url"] is None and other["published_on"] is None
    properties = get(client, "/api/openapi.json")["components"]["schemas"]["Programme"][
        "properties"
    ]
    assert properties["published_on"]["format"] == "date"
    assert properties["source_url"]["nullable"] is True


def test_a_programme_names_the_document_it_was_read_in(client, programmes):
    """As its page and the open data's programmes.csv: file name, format, pages, OCR."""
    programmes[0].page_count = 12
    programmes[0].ocr = True
    programmes[0].save()
    one = get(client, f"/api/v1/programmes/{programmes[0].pk}")
    assert (one["file_name"], one["file_format"]) == (
        programmes[0].source_name,
        programmes[0].format,
    )
    assert (one["page_count"], one["ocr"]) == (12, True)
    listed = get(client, "/api/v1/programmes")["results"]
    other = next(p for p in listed if p["id"] == programmes[1].pk)
    assert other["ocr"] is False and "page_count" in other
    properties = get(client, "/api/openapi.json")["components"]["schemas"]["Programme"][
        "properties"
    ]
    assert properties["page_count"]["nullable"] is True
    assert properties["file_format"]["enum"] == ["pdf", "html", "docx", "text"]
