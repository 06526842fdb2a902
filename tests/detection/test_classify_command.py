"""`barometre classify`: JSONL in, one JSONL result per valid page out, bad lines reported."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.core.errors import BarometreError, ValidationFailed

PAGES = [
    {
        "id": "a",
        "url": "https://www.ville.fr/creches",
        "text": "Crèches\n\nFaire la demande en ligne.",
    },
    {
        "id": 7,
        "url": "https://www.ville.fr/factures",
        "html": "<h1>Payer vos factures</h1><p>Réglez-les sur "
        '<a href="https://www.payfip.gouv.fr/tpa/paiementws.web">PayFiP</a>.</p>',
    },
    {"id": "c", "url": "https://www.ville.fr/fete", "html": "<h1>Fête de la musique</h1>"},
]


def _classify(source: Path, target: Path, *options: str) -> None:
    call_command(
        "classify", "--input", str(source), "--output", str(target), *options, stdout=StringIO()
    )


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_every_valid_page_gets_one_result_line(tmp_path: Path) -> None:
    source = _write(tmp_path / "in.jsonl", [json.dumps(p, ensure_ascii=False) for p in PAGES])
    target = tmp_path / "out.jsonl"
    out = StringIO()
    call_command("classify", "--input", str(source), "--output", str(target), stdout=out)
    results = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == ["a", 7, "c"]
    assert [(s["service"], s["level"]) for s in results[0]["services"]] == [("petite-enfance", 3)]
    assert [(s["service"], s["level"]) for s in results[1]["services"]] == [("paiement-famille", 4)]
    assert results[2]["services"] == []
    payment = results[1]["services"][0]
    assert {"kind", "detail", "url"} <= set(payment["signals"][0])
    assert 0 < payment["confidence"] <= 1
    assert "3 pages analysées" in out.getvalue()


def test_bad_lines_are_reported_with_their_number_and_the_others_written(tmp_path: Path) -> None:
    lines = [json.dumps(PAGES[0]), "{pas du json", json.dumps({"id": "x", "url": "https://a.fr/"})]
    source = _write(tmp_path / "in.jsonl", lines)
    target = tmp_path / "out.jsonl"
    with pytest.raises(ValidationFailed) as raised:
        call_command("classify", "--input", str(source), "--output", str(target), stdout=StringIO())
    message = str(raised.value)
    assert "ligne 2 : JSON invalide" in message and "ligne 3 :" in message
    assert len(target.read_text(encoding="utf-8").splitlines()) == 1


def test_an_id_given_twice_refuses_the_later_line(tmp_path: Path) -> None:
    second = {**PAGES[1], "id": "a"}
    lines = [json.dumps(PAGES[0]), json.dumps(second), json.dumps({**PAGES[2], "id": 7})]
    source = _write(tmp_path / "in.jsonl", lines)
    target = tmp_path / "out.jsonl"
    out = StringIO()
    with pytest.raises(ValidationFailed) as raised:
        call_command("classify", "--input", str(source), "--output", str(target), stdout=out)
    assert raised.value.problems == [
        "ligne 2 : identifiant « a » déjà donné ligne 1 (chaque page a le sien)"
    ]
    assert [json.loads(line)["id"] for line in target.read_text().splitlines()] == ["a", 7]
    assert "2 pages analysées (1 sur au moins un service), 1 ligne refusée" in out.getvalue()


def test_strict_mode_writes_nothing_when_a_line_is_bad(tmp_path: Path) -> None:
    source = _write(tmp_path / "in.jsonl", [json.dumps(PAGES[0]), "[]"])
    target = tmp_path / "out.jsonl"
    with pytest.raises(ValidationFailed, match="ligne 2"):
        _classify(source, target, "--strict")
    assert not target.exists()


def test_a_badly_encoded_line_is_refused_alone_and_line_separators_split_nothing(
    tmp_path: Path,
) -> None:
    # U+2028 inside a JSON string is valid JSON and common in scraped HTML; str.splitlines()
    # would have cut the record in two
    page = dict(PAGES[0], text="Crèches\u2028\n\nFaire la demande en ligne.")
    good = json.dumps(page, ensure_ascii=False).encode("utf-8")
    assert "\u2028".encode() in good
    bad = b'{"id": "b", "url": "https://www.ville.fr/x", "text": "caf\xe9"}'  # Latin-1 byte
    source = tmp_path / "in.jsonl"
    again = json.dumps(dict(page, id="c"), ensure_ascii=False).encode("utf-8")
    source.write_bytes(b"\xef\xbb\xbf" + good + b"\r\n" + bad + b"\n" + again + b"\n")  # BOM, CRLF
    target = tmp_path / "out.jsonl"
    with pytest.raises(ValidationFailed) as raised:
        _classify(source, target)
    assert raised.value.problems == [
        "ligne 2 : encodage invalide (UTF-8 attendu ; octet illisible à la position 58)"
    ]
    results = [json.loads(line) for line in target.read_bytes().split(b"\n") if line]
    assert [(r["id"], r["services"][0]["level"]) for r in results] == [("a", 3), ("c", 3)]
    assert not list(tmp_path.glob(".*partial"))


def test_a_refused_strict_run_leaves_an_earlier_output_as_it_was(tmp_path: Path) -> None:
    source = _write(tmp_path / "in.jsonl", [json.dumps(PAGES[0]), json.dumps({"id": True})])
    target = tmp_path / "out.jsonl"
    target.write_text("earlier results\n", encoding="utf-8")
    with pytest.raises(ValidationFailed, match="ligne 2 : champ « id »"):
        _classify(source, target, "--strict")
    assert target.read_text(encoding="utf-8") == "earlier results\n"
    assert not list(tmp_path.glob(".*partial"))


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ({"id": "a", "url": 5, "text": "x"}, "champ « url »"),
        ({"id": "a", "url": "https://a.fr/", "text": "x", "status": "200"}, "« status »"),
        ({"id": "a", "url": "https://a.fr/", "text": "x", "status": 10**20}, "« status »"),
        ({"id": "a", "url": "https://a.fr/", "text": "x", "status": True}, "« status »"),
    ],
)
def test_fields_of_the_wrong_type_are_refused_with_the_field_named(
    tmp_path: Path, record: dict[str, object], problem: str
) -> None:
    source = _write(tmp_path / "in.jsonl", [json.dumps(record)])
    with pytest.raises(ValidationFailed) as raised:
        _classify(source, tmp_path / "o.jsonl")
    assert problem in raised.value.problems[0]


def test_a_missing_input_file_is_a_clear_error(tmp_path: Path) -> None:
    from barometre.core.errors import BarometreError

    with pytest.raises(BarometreError, match="Fichier illisible"):
        _classify(tmp_path / "absent.jsonl", tmp_path / "o.jsonl")
    assert not (tmp_path / "o.jsonl").exists()


def test_each_result_says_which_signals_carried_its_level(tmp_path: Path) -> None:
    page = {
        "id": "portail",
        "url": "https://www.ville.fr/enfance/loisirs",
        "text": "Accueil de loisirs\nLes mercredis se réservent en ligne sur le portail famille.\n"
        "Le dossier est aussi à retirer en mairie.",
    }
    source = _write(tmp_path / "in.jsonl", [json.dumps(page, ensure_ascii=False)])
    target = tmp_path / "out.jsonl"
    call_command("classify", "--input", str(source), "--output", str(target), stdout=StringIO())
    (result,) = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    (match,) = [s for s in result["services"] if s["service"] == "accueil-loisirs"]
    assert match["level"] == 3
    kinds = {s["kind"] for s in match["level_signals"]}
    assert kinds and kinds <= {"teleservice", "account"}
    assert "in_person" in {s["kind"] for s in match["signals"]} - kinds
    # each signal says in the page's own words where it was read
    quotes = {s["quote"] for s in match["level_signals"]}
    assert quotes == {"Les mercredis se réservent en ligne sur le portail famille."}


def test_a_line_nested_too_deep_or_not_json_is_refused_in_french(tmp_path: Path) -> None:
    """A line « [[[[… » deeper than Python's stack stopped the command with a RecursionError
    traceback, and the json module's reasons were printed in English (« Expecting value »)."""
    lines = [json.dumps(PAGES[0]), "[" * 100_000 + "]" * 100_000, '{"id": }']
    source = _write(tmp_path / "in.jsonl", lines)
    target = tmp_path / "out.jsonl"
    with pytest.raises(ValidationFailed) as raised:
        _classify(source, target)
    assert raised.value.problems == [
        "ligne 2 : JSON invalide (imbrication trop profonde)",
        "ligne 3 : JSON invalide (colonne 8 : valeur attendue)",
    ]
    assert len(target.read_text(encoding="utf-8").splitlines()) == 1


def test_a_missing_input_is_said_in_french(tmp_path: Path) -> None:
    with pytest.raises(BarometreError) as raised:
        _classify(tmp_path / "absent.jsonl", tmp_path / "out.jsonl")
    assert str(raised.value).endswith("absent.jsonl (fichier ou dossier introuvable)")


@pytest.mark.parametrize("text", ["", "\n\n", "\r\n"])
def test_an_input_with_no_page_is_refused_and_writes_nothing(tmp_path: Path, text: str) -> None:
    """An empty file (the wrong one, or a cut export) is not a run that found nothing."""
    source = tmp_path / "pages.jsonl"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "results.jsonl"
    with pytest.raises(BarometreError, match="aucune page"):
        _classify(source, target)
    assert not target.exists() and not list(tmp_path.glob(".*partial"))


def test_an_output_that_is_the_input_is_refused_and_the_pages_kept(tmp_path: Path) -> None:
    """`--output pages.jsonl` with `--input pages.jsonl` (a slip of the shell history): the
    output was opened first and the pages were replaced by their results."""
    source = _write(tmp_path / "pages.jsonl", [json.dumps(p, ensure_ascii=False) for p in PAGES])
    before = source.read_bytes()
    with pytest.raises(BarometreError, match="désigne le fichier de pages lui-même"):
        _classify(source, source)
    assert source.read_bytes() == before


def test_an_output_that_is_a_folder_is_refused_before_any_work(tmp_path: Path) -> None:
    """`--output results/` (an existing folder): a traceback (IsADirectoryError) after the whole
    run, and a hidden « .results.partial » left beside the folder."""
    source = _write(tmp_path / "in.jsonl", [json.dumps(PAGES[0])])
    folder = tmp_path / "results"
    folder.mkdir()
    with pytest.raises(BarometreError, match="c'est un dossier\u00a0; rien n'a été écrit"):
        _classify(source, folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "results"]
    with pytest.raises(BarometreError, match="n'existe pas\u00a0; rien n'a été écrit"):
        _classify(source, tmp_path / "absent" / "out.jsonl")


def test_a_file_with_no_valid_page_keeps_an_earlier_output(tmp_path: Path) -> None:
    """A run on the wrong file (a binary, a CSV) replaced the earlier results with an empty file
    and printed one error per line of it."""
    target = _write(tmp_path / "results.jsonl", ['{"id": "a", "services": []}'])
    before = target.read_bytes()
    source = _write(tmp_path / "pages.csv", [f"commune,url,{n}" for n in range(120)])
    with pytest.raises(ValidationFailed, match="Aucune page valide") as raised:
        _classify(source, target)
    assert target.read_bytes() == before and not list(tmp_path.glob(".*partial"))
    problems = raised.value.problems
    assert len(problems) == 51 and problems[-1] == "… et 70 autres lignes refusées", problems[-1]
