"""The JSON API's elections: each election's figures, by bracket and theme, and the comparison
between two elections, the same numbers as the JSON report and the web page."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from barometre.programmes.models import Programme
from tests.api.conftest import get

pytestmark = pytest.mark.django_db


def _programme(code: str, year: int, name: str, themes: list[str], **extra):  # type: ignore[no-untyped-def]
    return Programme.objects.create(
        commune_id=code,
        election=year,
        list_name=name,
        source_name=f"{code}-{year}-{name}.pdf",
        format="pdf",
        file_sha256=f"{code}-{year}-{name}",
        status=extra.pop("status", "ok"),
        text="Nous ouvrirons un portail de démarches en ligne.",
        mentions_digital=bool(themes),
        themes=themes,
        disruptive=extra.pop("disruptive", False),
        **extra,
    )


@pytest.fixture
def two_elections(communes):  # type: ignore[no-untyped-def]
    """2020: Aville digital, Bville not; 2026: Aville, Bville and Cville digital (one
    disruptive), a scanned PDF; a made-up 2026 and 2032 of the demonstration."""
    _programme("90001", 2020, "A", ["e_administration"])
    _programme("90002", 2020, "B", [])
    _programme("90001", 2026, "A", ["e_administration", "open_data"], disruptive=True)
    _programme("90002", 2026, "B", ["open_data"])
    _programme("90003", 2026, "C", ["e_administration"])
    _programme("90003", 2026, "scan", [], status="no_text")
    _programme("90001", 2026, "demo", [], is_demo=True)
    _programme("90001", 2032, "demo", ["open_data"], is_demo=True)


def _report(year: int, *, compare_with: int | None = None, demo: bool = False):  # type: ignore[no-untyped-def]
    from barometre.api.core import rounded
    from barometre.programmes.analysis.themes import shipped_themes
    from barometre.programmes.reports.build import programmes_report
    from barometre.programmes.reports.renderers import to_json

    report = programmes_report(
        election=year,
        now=dt.datetime(2026, 12, 6, tzinfo=dt.UTC),
        compare_with=compare_with,
        themes=shipped_themes(),
        demo=demo,
    )
    # the API writes each number with the open data's 6 decimals; the JSON report, unrounded
    return rounded(json.loads(to_json(report)))


def test_elections_lists_each_election_and_kind_with_its_shares(client, two_elections):
    rows = get(client, "/api/v1/elections")["results"]
    assert [(r["election"], r["demonstration"]) for r in rows] == [
        (2032, True),
        (2026, False),
        (2026, True),
        (2020, False),
    ]
    real = rows[1]
    assert real["programmes"] == 3 and real["communes"] == 3
    assert real["digital"]["count"] == 3 and real["digital"]["n"] == 3
    assert real["digital"]["share"] == 1.0 and 0 < real["digital"]["low"] < 1
    assert real["not_read"] == {"no_text": 1, "other_language": 0}
    assert real["disruptive"]["count"] == 1
    assert real["url"] == "/api/v1/elections/2026"
    assert real["page"] == "/programmes/2026/"
    assert real["opendata"] == "/programmes/2026/donnees.zip"
    assert real["datapackage"] == "/programmes/2026/datapackage.json"
    demo = rows[2]
    assert demo["url"] == "/api/v1/elections/2026?demonstration=true"
    assert demo["opendata"] == "/programmes/2026/demonstration/donnees.zip"
    assert demo["datapackage"] == "/programmes/2026/demonstration/datapackage.json"
    assert demo["programmes"] == 1 and demo["digital"]["count"] == 0


def test_demonstration_is_apart(client, two_elections):
    real = get(client, "/api/v1/elections", demonstration="false")["results"]
    assert [r["election"] for r in real] == [2026, 2020]
    made_up = get(client, "/api/v1/elections", demonstration="true")["results"]
    assert [r["election"] for r in made_up] == [2032, 2026]
    assert get(client, "/api/v1/elections/2026", demonstration="true")["programmes"] == 1
    error = get(client, "/api/v1/elections/2032", 404)["error"]
    assert "démonstration" not in error["message"].split(".")[0]
    assert "/api/v1/elections/2032?demonstration=true" in error["message"]


def test_election_figures_are_the_reports(client, two_elections):
    body = get(client, "/api/v1/elections/2026")
    summary = _report(2026)["summary"]
    assert body["by_bracket"] == summary["by_bracket"]
    assert body["themes"] == summary["themes"]
    for name in ("digital", "disruptive", "disruptive_among_digital"):
        assert body[name] == summary[name]
    assert body["digital_sentences"] == summary["digital_sentences"]
    assert body["comparison"] is None


def test_comparison_is_the_reports_and_the_pages(client, two_elections):
    from barometre.programmes.analysis.themes import shipped_themes
    from barometre.programmes.summary import summary_of
    from barometre.web.views.programmes_common import comparison_view

    comparison = get(client, "/api/v1/elections/2026", compare="2020")["comparison"]
    reported = _report(2026, compare_with=2020)["comparison"]
    assert comparison["election"] == 2020
    assert [
        {k: r[k] for k in ("bracket", "label", "current", "other", "change", "few")}
        for r in comparison["by_bracket"]
    ] == reported["rows"]
    every = comparison["by_bracket"][0]
    assert every["bracket"] == "all" and every["other"]["count"] == 1
    assert every["change"]["difference"] == pytest.approx(0.5)
    themes = shipped_themes()
    page = comparison_view(summary_of(2026, themes, demo=False), 2020, themes, demo=False)
    assert [r["significant"] for r in comparison["by_bracket"]] == [
        r["change"]["significant"] for r in page["rows"]
    ]
    assert [r["few"] for r in comparison["by_bracket"]] == [r["few"] for r in page["rows"]]
    by_theme = {t["theme"]: t for t in comparison["themes"]}
    assert by_theme["open_data"]["current"]["count"] == 2
    assert by_theme["open_data"]["other"]["count"] == 0
    assert [(t["theme"], t["other"]["n"]) for t in comparison["themes"]][:3] == [
        (row.theme, before["n"]) for row, _now, before in page["themes"][:3]
    ]


@pytest.mark.parametrize(
    ("url", "params", "status", "words"),
    [
        ("/api/v1/elections/2014", {}, 404, "Aucun programme réel"),
        ("/api/v1/elections/20x6", {}, 404, "une année à 4 chiffres"),
        ("/api/v1/elections/2026", {"compare": "2026"}, 400, "rebours du temps"),
        ("/api/v1/elections/2020", {"compare": "2026"}, 400, "rebours du temps"),
        ("/api/v1/elections/2026", {"compare": "2014"}, 400, "élections antérieures : 2020"),
        # 2020 has real programmes only: no earlier election of the demonstration's 2026
        (
            "/api/v1/elections/2026",
            {"compare": "2020", "demonstration": "true"},
            400,
            "élections antérieures : aucune",
        ),
        ("/api/v1/elections/2026", {"compare": "deux"}, 400, "nombre entier"),
    ],
)
def test_errors(client, two_elections, url, params, status, words):
    error = get(client, url, status, **params)["error"]
    assert error["status"] == status and words in error["message"]
    if status == 400:
        assert error["parameter"] == "compare"


def test_elections_are_listed_and_cached_as_the_other_endpoints(client, two_elections):
    document = get(client, "/api/openapi.json")
    assert {"/api/v1/elections", "/api/v1/elections/{year}"} <= set(document["paths"])
    assert "/api/v1/elections/{year}" in get(client, "/api/v1/")["endpoints"]
    response = client.get("/api/v1/elections/2026", {"compare": "2020"})
    assert response["Cache-Control"] == "public, no-cache"
    again = client.get(
        "/api/v1/elections/2026", {"compare": "2020"}, HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304
    assert client.get("/api/v1/elections/2014")["Cache-Control"] == "no-store"


def _conforms(value, schema, components, where="answer"):  # type: ignore[no-untyped-def]
    """The places where `value` breaks its OpenAPI 3.0 `schema` (types, required and unknown
    properties, nullable), as schemathesis checks them, for answers with programmes."""
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    if value is None:
        return [] if schema.get("nullable") else [f"{where}: null"]
    kinds = {"object": dict, "array": list, "string": str, "boolean": bool}
    kind = schema["type"]
    if kind in ("integer", "number"):
        ok = isinstance(value, int if kind == "integer" else int | float)
        return [] if ok and not isinstance(value, bool) else [f"{where}: not a {kind}"]
    if not isinstance(value, kinds[kind]):
        return [f"{where}: not a {kind}"]
    if kind == "array":
        return [
            e
            for i, v in enumerate(value)
            for e in _conforms(v, schema["items"], components, f"{where}[{i}]")
        ]
    if kind != "object":
        return []
    errors = [f"{where}.{k}: undocumented" for k in set(value) - set(schema["properties"])]
    errors += [f"{where}.{k}: missing" for k in schema["required"] if k not in value]
    for name, prop in schema["properties"].items():
        if name in value:
            errors += _conforms(value[name], prop, components, f"{where}.{name}")
    return errors


def test_answers_match_the_openapi_schema(client, two_elections):
    document = get(client, "/api/openapi.json")
    components = document["components"]["schemas"]
    listed = get(client, "/api/v1/elections")
    assert _conforms(listed, components["ElectionPage"], components) == []
    for params in ({}, {"compare": "2020"}):
        detail = get(client, "/api/v1/elections/2026", **params)
        assert _conforms(detail, components["ElectionDetail"], components) == []
