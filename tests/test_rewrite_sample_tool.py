"""scripts/validation/rewrite_sample.py: the checks a helper's record passes before it joins a
rewritten sample (host free and in its half, labels the method knows, text long enough)."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.benches import load_script

SCRIPT = Path(__file__).resolve().parents[1] / "scripts/validation/rewrite_sample.py"


def tool() -> ModuleType:
    return load_script(SCRIPT)


def test_a_site_keeps_its_half_and_a_committed_site_is_used(tmp_path: Path) -> None:
    module = tool()
    assert module.host("https://www.Mairie-X.fr:443/a") == "mairie-x.fr"
    assert module.half("https://mairie-x.fr/a") == module.half("http://www.mairie-x.fr/b")
    (tmp_path / "s.csv").write_text("id,url\np1,https://www.mairie-x.fr/etat-civil\n", "utf-8")
    assert module.status("https://mairie-x.fr/cantine", (tmp_path,)).startswith("used ")
    assert module.status("https://mairie-y.fr/cantine", (tmp_path,)).startswith("free ")


def test_labels_and_themes_are_checked_against_the_method() -> None:
    module = tool()
    ceilings = module.ceilings()
    assert module.parse_labels("periscolaire=5,titres-identite=3", ceilings) == {
        "periscolaire": 5,
        "titres-identite": 3,
    }
    assert module.parse_labels("none", ceilings) == {}
    with pytest.raises(ValueError, match="titres-identite must be 0..3"):
        module.parse_labels("titres-identite=4", ceilings)
    with pytest.raises(ValueError, match="unknown service"):
        module.parse_labels("cantine=2", ceilings)
    with pytest.raises(ValueError, match="unknown themes"):
        module.parse_themes("site_web,blockchain", module.theme_ids())


def test_a_record_is_appended_once_and_a_used_or_wrong_half_site_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = tool()
    monkeypatch.setattr(module, "WORK", tmp_path)
    monkeypatch.setattr(module, "COMMITTED", tmp_path / "none")
    url = "https://mairie-zz-exemple.fr/cantine"
    text = tmp_path / "page.txt"
    text.write_text("La cantine se réserve sur le portail famille. " * 3, "utf-8")
    common = ["--id", "p1", "--url", url, "--query", "q", "--rank", "1", "--why", "w"]
    argv = ["add", "s.jsonl", "--half", module.half(url), *common, "--text-file", str(text)]
    assert module.main([*argv, "--labels", "periscolaire=3"]) == 0
    record = json.loads((tmp_path / "s.jsonl").read_text("utf-8"))
    assert record["labels"] == {"periscolaire": 3} and record["locator"]["rank"] == 1
    # the site is now in the work folder: a second page of it is refused
    assert module.main([*argv, "--labels", "periscolaire=3"]) == 1
    assert "host is 'used" in capsys.readouterr().out
    other = "eval" if module.half(url) == "tune" else "tune"
    wrong = ["add", "t.jsonl", "--half", other, *common, "--text-file", str(text)]
    assert module.main([*wrong, "--labels", "periscolaire=3"]) == 1
