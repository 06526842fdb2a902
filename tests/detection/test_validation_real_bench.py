"""bench/validation_real.py leaves out of blind3/blind4 the pages that reached a tuning file, and
refuses to list the errors of blind4 (issue 7)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "validation_real.py"


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("validation_real", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
