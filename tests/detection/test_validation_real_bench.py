"""bench/validation_real.py leaves out of blind3/blind4 the pages that reached a tuning file, and
refuses to list the errors of blind4 (issue 7)."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.benches import load_bench


def bench() -> ModuleType:
    return load_bench("validation_real")


def write(path: Path, urls: list[str]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i, url in enumerate(urls):
            line = {"id": f"p{i}", "url": url, "text": "texte", "labels": {}}
            handle.write(json.dumps(line) + "\n")


def test_pages_in_tuning_or_from_a_tuned_commune_site_are_left_out(tmp_path: Path) -> None:
    write(
        tmp_path / "tune3.jsonl",
        [
            "https://www.commune-a.fr/etat-civil/",
            "https://commune-b.fr/cantine",
            "https://app.panneaupocket.com/ville/1-commune-c",
        ],
    )
    records = [
        {"id": "1", "url": "http://commune-a.fr/etat-civil", "labels": {}},  # same page
        {"id": "2", "url": "https://www.commune-b.fr/urbanisme", "labels": {}},  # same site
        {"id": "3", "url": "https://app.panneaupocket.com/ville/2-commune-d", "labels": {}},
        {"id": "4", "url": "https://commune-e.fr/creche", "labels": {}},
    ]
    kept, left = bench().untouched(records, tmp_path)
    assert [r["id"] for r in kept] == ["3", "4"]
    assert [r["id"] for r in left] == ["1", "2"]


def test_nothing_is_left_out_without_a_tuning_file(tmp_path: Path) -> None:
    records = [{"id": "1", "url": "https://commune-a.fr/", "labels": {}}]
    kept, left = bench().untouched(records, tmp_path)
    assert kept == records and left == []


def test_blind4_is_measured_on_untouched_pages_like_blind3() -> None:
    module = bench()
    assert "blind3" in module.UNTOUCHED_SPLITS
    assert "blind4" in module.UNTOUCHED_SPLITS
    assert {"blind5", "untouched-all"} <= set(module.UNTOUCHED_SPLITS)
    assert {"blind5", "untouched-all"} <= set(module.NO_ERRORS_SPLITS)
    assert set(module.POOLED["untouched-all"]) == {"blind", "blind3", "blind4", "blind5"}


def test_errors_are_refused_on_blind4_before_anything_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "blind4.jsonl", ["https://commune-a.fr/etat-civil/"])
    module = bench()
    monkeypatch.setattr(module, "classify", lambda records: pytest.fail("classify was called"))
    argv = ["validation_real.py", "--dir", str(tmp_path), "--split", "blind4", "--errors"]
    monkeypatch.setattr("sys.argv", argv)
    assert module.main() == 2
    assert "refused" in capsys.readouterr().out


def test_a_recovered_page_must_hash_to_the_committed_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = bench()
    labelled = module.digest("Inscription en ligne sur le portail famille.")
    records = [
        {
            "id": "p1",
            "url": "https://a.fr/",
            "text": "Inscription en ligne sur le portail famille.",
        },
        {"id": "p2", "url": "https://b.fr/", "text": "Autre coupe", "locator": {"sha256": "00"}},
        {"id": "p3", "url": "https://c.fr/", "text": "Pas de locator"},
    ]
    assert module.mismatched_texts(records, {"p1": labelled}) == ["p2"]
    assert module.mismatched_texts(records, {"p1": "ff", "p3": labelled}) == ["p1", "p2", "p3"]
    # a split whose committed file has a sha256 column stops before classifying
    write(tmp_path / "blind4.jsonl", ["https://commune-a.fr/etat-civil/"])
    monkeypatch.setattr(module, "committed_digests", lambda split: {"p0": labelled})
    monkeypatch.setattr(module, "classify", lambda records: pytest.fail("classify was called"))
    monkeypatch.setattr(
        "sys.argv", ["validation_real.py", "--dir", str(tmp_path), "--split", "blind4"]
    )
    assert module.main() == 2
    assert "differ from the ones labelled: p0" in capsys.readouterr().out


def test_a_second_coder_is_compared_with_the_first_without_the_detector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = bench()
    records = [
        {"id": "p1", "url": "https://a.fr/", "text": "a", "labels": {"periscolaire": 3}},
        {"id": "p2", "url": "https://b.fr/", "text": "b", "labels": {"urbanisme": 2}},
        {"id": "p3", "url": "https://c.fr/", "text": "c", "labels": {}},
        {"id": "p4", "url": "https://d.fr/", "text": "d", "labels": {"bibliotheque": 1}},
    ]
    with (tmp_path / "blind4.jsonl").open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r) + "\n" for r in records)
    second = tmp_path / "second.csv"
    second.write_text(
        "id,url,service,level\n"
        "p1,https://a.fr/,periscolaire,3\n"
        "p2,https://b.fr/,urbanisme,3\n"
        "p3,https://c.fr/,,0\n",
        encoding="utf-8",
    )
    coded = module.second_coding(second)
    assert coded == {"p1": {"periscolaire": 3}, "p2": {"urbanisme": 3}, "p3": {}}
    monkeypatch.setattr(module, "classify", lambda records: pytest.fail("classify was called"))
    argv = ["validation_real.py", "--dir", str(tmp_path), "--split", "blind4"]
    monkeypatch.setattr("sys.argv", [*argv, "--second-coder", str(second)])
    assert module.main() == 0
    out = capsys.readouterr().out
    assert "1 pages not coded twice" in out
    assert "exact      0.500  (1/2" in out


def test_the_untouched_split_pools_the_blind_samples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = bench()
    for split, url in (
        ("blind", "https://z.fr/"),
        ("blind3", "https://a.fr/"),
        ("blind4", "https://b.fr/"),
    ):
        record = {"id": f"{split}-1", "url": url, "text": "Démarche en ligne", "labels": {}}
        (tmp_path / f"{split}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    seen: list[str] = []

    def classify(records: list[dict[str, object]]) -> dict[str, dict[str, object]]:
        seen.extend(str(r["id"]) for r in records)
        return {str(r["id"]): {"services": []} for r in records}

    monkeypatch.setattr(module, "committed_digests", lambda split: {})
    monkeypatch.setattr(module, "classify", classify)
    monkeypatch.setattr("sys.argv", ["v", "--dir", str(tmp_path), "--split", "untouched"])
    assert module.main() == 0
    assert seen == ["blind-1", "blind3-1", "blind4-1"]
    assert "untouched" in module.NO_ERRORS_SPLITS


def test_a_tune5_file_leaves_its_commune_sites_out_of_the_blind_samples(tmp_path: Path) -> None:
    write(tmp_path / "tune5.jsonl", ["https://www.commune-f.fr/cantine"])
    records = [
        {"id": "1", "url": "https://commune-f.fr/urbanisme", "labels": {}},
        {"id": "2", "url": "https://commune-g.fr/urbanisme", "labels": {}},
    ]
    kept, left = bench().untouched(records, tmp_path)
    assert [r["id"] for r in kept] == ["2"] and [r["id"] for r in left] == ["1"]


def test_tune5_is_a_split_of_the_bench(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = bench()
    argv = ["validation_real.py", "--dir", str(tmp_path), "--split", "tune5"]
    monkeypatch.setattr("sys.argv", argv)
    assert module.main() == 2  # the folder holds no tune5.jsonl: absent, not an unknown split
    assert "tune5.jsonl is absent" in capsys.readouterr().out


def test_the_fifth_blind_sample_is_committed_with_labels_and_locators_but_no_text() -> None:
    import csv

    from barometre.referential.catalogue import default_catalogue

    folder = Path(__file__).resolve().parents[2] / "docs" / "validation"
    with (folder / "detection-heldout-blind5.csv").open(encoding="utf-8") as handle:
        labels = list(csv.DictReader(handle))
    with (folder / "detection-heldout-blind5-locators.csv").open(encoding="utf-8") as handle:
        locators = list(csv.DictReader(handle))
    assert list(locators[0]) == ["id", "url", "query", "rank", "sha256"]
    services = {s.id for s in default_catalogue().services}
    assert {row["service"] for row in labels} <= services | {""}
    assert all(0 <= int(row["level"]) <= 5 for row in labels)
    pages = {row["id"]: row["url"] for row in labels}
    assert pages == {row["id"]: row["url"] for row in locators}
    assert len(pages) == 45
    for row in locators:
        assert row["query"] and int(row["rank"]) >= 1, row["id"]
        assert len(row["sha256"]) == 64 and int(row["sha256"], 16) >= 0, row["id"]
    hosts = [bench().host(url) for url in pages.values()]
    assert len(set(hosts)) == len(hosts), "one page per site"


def test_the_detector_is_read_against_the_second_coder_and_where_both_coders_agree() -> None:
    records = [
        {"id": "a", "url": "https://commune-a.fr/", "labels": {"urbanisme": 3, "cantine": 1}},
        {"id": "b", "url": "https://commune-b.fr/", "labels": {"bibliotheque": 4}},
        {"id": "c", "url": "https://commune-c.fr/", "labels": {"encombrants": 1}},  # coded once
    ]
    results = {
        "a": {
            "services": [{"service": "urbanisme", "level": 3}, {"service": "creche", "level": 1}]
        },
        "b": {"services": [{"service": "bibliotheque", "level": 3}]},
        "c": {"services": []},
    }
    # the second coder says 2 for urbanisme (not agreed), agrees on cantine 1 and bibliotheque 4
    second = {"a": {"urbanisme": 2, "cantine": 1}, "b": {"bibliotheque": 4}}
    text = bench().against_both(records, results, second)
    other, agreed = text.split("barometre classify on the cells both coders agree on")
    # against the second coder: urbanisme 2->3, cantine 1->0, creche 0->1, bibliotheque 4->3
    assert "exact      0.000  (0/4" in other
    # agreed cells: cantine 1->0, creche 0->1 (neither coder), bibliotheque 4->3; urbanisme left
    assert "exact      0.000  (0/3" in agreed and "found      0.500  (1/2" in agreed


def test_ids_read_one_batch_alone_and_an_unknown_prefix_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = bench()
    read: list[list[str]] = []

    def classify(records: list[dict[str, object]]) -> dict[str, dict[str, object]]:
        read.append([str(r["id"]) for r in records])
        return {str(r["id"]): {"services": []} for r in records}

    monkeypatch.setattr(module, "classify", classify)
    monkeypatch.setattr("sys.argv", ["validation_real.py", "--split", "rw-tune", "--ids", "rwR"])
    assert module.main() == 0
    assert read[0] and all(i.startswith("rwR-") for i in read[0]) and len(read[0]) == 25
    monkeypatch.setattr("sys.argv", ["validation_real.py", "--split", "rw-tune", "--ids", "zz"])
    assert module.main() == 2
    assert "no page of rw-tune has an id starting with zz" in capsys.readouterr().out


def test_reviewed_pages_are_compared_on_their_labelled_services_only() -> None:
    module = bench()
    records = [
        {
            "id": "c-1",
            "url": "http://127.0.0.1:9/a",
            "html": "<html><body><script>en ligne</script><p>Demande en ligne</p></body></html>",
            "labels": {"urbanisme": 3},
            "exhaustive": False,
        },
        {"id": "c-2", "url": "http://127.0.0.1:9/b", "text": "au guichet", "labels": {}},
    ]
    results = {
        "c-1": {
            "services": [
                {"service": "urbanisme", "level": 3},
                {"service": "encombrants", "level": 1},
            ]
        },
        "c-2": {"services": [{"service": "encombrants", "level": 1}]},
    }
    cells = module.cells_for(records, results, baseline=False)
    assert {(c.page, c.service, c.truth, c.predicted) for c in cells} == {
        ("c-1", "urbanisme", 3, 3),  # encombrants, decided on another page, is not compared
        ("c-2", "encombrants", 0, 1),  # an exhaustive page: a service found there counts
    }
    assert module.visible_text(records[0]).split() == ["Demande", "en", "ligne"]
    baseline = module.cells_for(records, results, baseline=True)
    assert {(c.page, c.predicted) for c in baseline} == {("c-1", 3), ("c-2", 1)}
