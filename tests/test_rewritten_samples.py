"""The committed samples of rewritten real pages and passages (docs/validation/rewritten/) are
well formed: labels the method knows, one commune site per page, the evaluation and tuning
samples from the two halves of the host space and from no earlier sample (issue 7)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from barometre.referential.catalogue import default_catalogue
from tests.benches import load_script

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "docs/validation/rewritten"
TOOL = ROOT / "scripts/validation/rewrite_sample.py"
THEMES_FILE = ROOT / "src/barometre/programmes/analysis/data/themes.yaml"
SAMPLES = {
    "detection-rw-eval.jsonl": "eval",
    "detection-rw-tune.jsonl": "tune",
    "programmes-rw-eval.jsonl": "eval",
    "programmes-rw-tune.jsonl": "tune",
}


TOOLS = load_script(TOOL)
host, half = TOOLS.host, TOOLS.half


def records(name: str) -> list[dict[str, object]]:
    text = (FOLDER / name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_record_is_complete_and_from_its_half(name: str) -> None:
    rows = records(name)
    assert rows, name
    ids = [str(r["id"]) for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert str(r["url"]).startswith(("http://", "https://")), r["id"]
        assert half(str(r["url"])) == SAMPLES[name], r["id"]
        locator = r["locator"]
        assert isinstance(locator, dict) and locator["query"] and int(locator["rank"]) >= 1
        assert len(str(r["text"]).strip()) >= 80, r["id"]
        assert str(r["why"]).strip(), r["id"]


@pytest.mark.parametrize("name", ["detection-rw-eval.jsonl", "detection-rw-tune.jsonl"])
def test_page_labels_are_catalogue_services_within_their_ceiling(name: str) -> None:
    ceilings = {s.id: s.max_level for s in default_catalogue().services}
    rows = records(name)
    for r in rows:
        for service, level in dict(r["labels"]).items():  # type: ignore[call-overload]
            assert service in ceilings, (r["id"], service)
            assert 0 <= int(level) <= ceilings[service], (r["id"], service)
    hosts = [host(str(r["url"])) for r in rows]
    assert len(hosts) == len(set(hosts)), "one page per commune site"


@pytest.mark.parametrize("name", ["programmes-rw-eval.jsonl", "programmes-rw-tune.jsonl"])
def test_passage_themes_are_those_of_the_themes_file(name: str) -> None:
    known = {t["id"] for t in yaml.safe_load(THEMES_FILE.read_text("utf-8"))["themes"]}
    for r in records(name):
        assert set(r["themes"]) <= known, r["id"]  # type: ignore[call-overload]


def test_no_site_is_in_two_samples_or_in_an_earlier_one() -> None:
    earlier = ROOT / "docs/validation"
    before = {
        host(u)
        for path in earlier.iterdir()
        if path.suffix in {".csv", ".jsonl"}
        for u in re.findall(r"https?://[^\s,|<>\"')\]]+", path.read_text("utf-8"))
    }
    for kind in ("detection", "programmes"):
        eval_hosts = {host(str(r["url"])) for r in records(f"{kind}-rw-eval.jsonl")}
        tune_hosts = {host(str(r["url"])) for r in records(f"{kind}-rw-tune.jsonl")}
        assert not eval_hosts & tune_hosts
        assert not (eval_hosts | tune_hosts) & before
