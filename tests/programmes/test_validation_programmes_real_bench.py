"""bench/validation_programmes_real.py keeps heldout4 untouched: no --errors, and passages whose
page or site reached a tuning file are left out (issue 7)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.benches import load_bench

BENCH = Path(__file__).resolve().parents[2] / "bench" / "validation_programmes_real.py"


def bench() -> ModuleType:
    return load_bench("validation_programmes_real")


def write(path: Path, urls: list[str]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i, url in enumerate(urls):
            line = {"id": f"t{i}", "url": url, "year": "2026", "text": "texte", "themes": []}
            handle.write(json.dumps(line) + "\n")


def test_passages_from_a_tuned_page_or_site_are_left_out(tmp_path: Path) -> None:
    write(tmp_path / "tuning5.jsonl", ["https://www.liste-a.fr/programme/", "http://liste-b.fr/"])
    records: list[dict[str, object]] = [
        {"id": "1", "url": "http://liste-a.fr/programme", "themes": []},  # same page
        {"id": "2", "url": "https://www.liste-b.fr/numerique", "themes": []},  # same site
        {"id": "3", "url": "https://liste-c.fr/securite", "themes": []},
    ]
    kept, left = bench().untouched(records, tmp_path)
    assert [r["id"] for r in kept] == ["3"]
    assert [r["id"] for r in left] == ["1", "2"]


def test_nothing_is_left_out_without_a_tuning_file(tmp_path: Path) -> None:
    write(tmp_path / "heldout4.jsonl", ["https://liste-a.fr/"])
    records: list[dict[str, object]] = [{"id": "1", "url": "https://liste-a.fr/", "themes": []}]
    kept, left = bench().untouched(records, tmp_path)
    assert kept == records and left == []


@pytest.mark.parametrize("sample", ["heldout3", "heldout4", "heldout5"])
def test_errors_are_refused_on_the_untouched_samples(tmp_path: Path, sample: str) -> None:
    run = subprocess.run(
        [sys.executable, str(BENCH), "--sample", sample, "--errors", "--folder", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0
    assert f"--errors is refused for {sample}" in run.stderr


def test_a_recovered_passage_must_hash_to_its_committed_locator() -> None:
    module = bench()
    good = hashlib.sha256("le texte étiqueté".encode()).hexdigest()
    committed: list[dict[str, object]] = [
        {"id": "a", "url": "https://liste-a.fr/", "themes": [], "locator": {"sha256": good}},
        {"id": "b", "url": "https://liste-b.fr/", "themes": []},  # no locator: not checked
    ]
    same = [{"id": "a", "text": "le texte étiqueté"}, {"id": "b", "text": "autre"}]
    module._check_texts(same, committed)
    other = [{"id": "a", "text": "le texte étiqueté, autre coupe"}, {"id": "b", "text": "x"}]
    with pytest.raises(SystemExit, match="differ from the ones labelled for: a"):
        module._check_texts(other, committed)
    # a private record's own locator is checked too
    own = [{"id": "b", "text": "x", "locator": {"sha256": good}}]
    with pytest.raises(SystemExit, match="for: b"):
        module._check_texts(own, committed)


def test_a_passage_not_recovered_is_counted_but_a_moved_label_stops(
    capsys: pytest.CaptureFixture[str],
) -> None:
    module = bench()
    committed: list[dict[str, object]] = [
        {"id": "a", "url": "https://liste-a.fr/", "themes": ["e_administration"]},
        {"id": "b", "url": "https://liste-b.fr/", "themes": []},
    ]
    module._check_labels(
        [{"id": "a", "url": "https://liste-a.fr/", "themes": ["e_administration"]}], committed
    )
    assert "1 committed passages have no private copy: b" in capsys.readouterr().out
    moved = [{"id": "a", "url": "https://liste-a.fr/", "themes": []}]
    with pytest.raises(SystemExit, match="labels differ from the committed ones for: a"):
        module._check_labels(moved, committed)
    unknown = [{"id": "z", "url": "https://liste-z.fr/", "themes": []}]
    with pytest.raises(SystemExit, match="for: z"):
        module._check_labels(unknown, committed)


@pytest.mark.parametrize(("sample", "count"), [("tuning5", 71), ("tuning6", 16)])
def test_the_tuning_samples_are_committed_without_their_texts_but_with_locators(
    sample: str, count: int
) -> None:
    committed = (
        Path(__file__).resolve().parents[2] / f"docs/validation/programmes-real-{sample}.jsonl"
    )
    rows = [json.loads(line) for line in committed.read_text("utf-8").splitlines() if line]
    assert len(rows) == count
    assert [r["id"] for r in rows] == [f"{sample}-{i:03d}" for i in range(1, count + 1)]
    for row in rows:
        assert "text" not in row, row["id"]
        locator = row["locator"]
        assert locator["query"] and locator["rank"] >= 1, row["id"]
        assert len(locator["sha256"]) == 64 and int(locator["sha256"], 16) >= 0, row["id"]
    hosts = [r["url"].split("://", 1)[-1].split("/", 1)[0].removeprefix("www.") for r in rows]
    assert len(set(hosts)) == len(hosts), "one passage per site"


def test_a_second_coder_is_compared_with_the_committed_labels_without_the_coder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = bench()
    committed = tmp_path / "committed.jsonl"
    lines = [
        {"id": "a", "url": "https://l.fr/1", "themes": ["smart_city"]},
        {"id": "b", "url": "https://l.fr/2", "themes": []},
        {"id": "c", "url": "https://l.fr/3", "themes": ["site_web", "participation"]},
        {"id": "d", "url": "https://l.fr/4", "themes": []},
    ]
    committed.write_text("".join(json.dumps(x) + "\n" for x in lines), "utf-8")
    second = tmp_path / "second.jsonl"
    second.write_text(
        '{"id": "a", "themes": ["smart_city"]}\n{"id": "b", "themes": ["site_web"]}\n'
        '{"id": "c", "themes": ["site_web"]}\n',
        "utf-8",
    )
    monkeypatch.setattr(module, "_committed", lambda sample: committed)
    monkeypatch.setattr(module, "_classify", lambda records: pytest.fail("the coder ran"))
    module.second_coder("heldout5", second)
    out = capsys.readouterr().out
    assert "3 passages coded twice (1 not), identical theme sets on 1" in out
    assert "digital R   1.000" in out and "digital P   0.667" in out
    assert module.cohen_kappa([(True, True), (False, False)]) == pytest.approx(1.0)
    assert module.cohen_kappa([(True, True), (True, True)]) is None


def test_the_coder_is_read_against_the_second_coder_and_where_both_coders_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records: list[dict[str, object]] = [
        {"id": "a", "themes": ["smart_city"]},
        {"id": "b", "themes": []},
        {"id": "c", "themes": ["e_administration"]},
    ]
    read = {"a": frozenset({"smart_city"}), "b": frozenset({"site_web"}), "c": frozenset()}
    second = tmp_path / "second.jsonl"
    rows = [{"id": "a", "themes": ["smart_city"]}, {"id": "b", "themes": []}]
    rows.append({"id": "c", "themes": []})  # the second coder saw no promise in c
    second.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    bench().against_both(records, read, second)
    out = capsys.readouterr().out
    other, agreed = out.split("on the passages both coders agree on")
    # against the second: a right, b a false digital, c right (no theme either side)
    assert "digital P   0.500" in other and "digital R   1.000" in other
    # agreed passages are a and b only
    assert agreed.startswith(": 2 passages, 1 digital") and "digital P   0.500" in agreed


def test_ids_read_one_batch_alone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = bench()
    read: list[list[str]] = []

    def classify(records: list[dict[str, object]]) -> dict[str, frozenset[str]]:
        read.append([str(r["id"]) for r in records])
        return {str(r["id"]): frozenset() for r in records}

    monkeypatch.setattr(module, "_classify", classify)
    module.report("rw-tune", Path("."), False, ids="pz")
    assert len(read[0]) == 25 and all(i.startswith("pz-") for i in read[0])
    assert "sample rw-tune: n = 25 passages, 4 digital" in capsys.readouterr().out
    module.report("rw-tune", Path("."), False, ids="zz")
    assert "no passage of rw-tune has an id starting with zz" in capsys.readouterr().out
