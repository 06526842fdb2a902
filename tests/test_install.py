"""What a fresh install needs is declared, not left to another package's metadata."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def _declared() -> set[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    names = (re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0] for dep in project["dependencies"])
    return {re.sub(r"[-_.]+", "-", name).lower() for name in names}


def test_lxml_html_clean_is_declared_for_trafilatura() -> None:
    # justext asks for `lxml[html_clean]`; pip 23 (python -m venv on Debian 12) warns
    # "lxml does not provide the extra 'html_clean'" and installs nothing, so
    # `import trafilatura` fails with "lxml.html.clean module is now a separate project".
    assert "lxml-html-clean" in _declared()
    assert importlib.import_module("lxml.html.clean").Cleaner is not None
    assert importlib.import_module("trafilatura").extract is not None


CONSTRAINTS = PYPROJECT.parent / "constraints.txt"


def _pins() -> dict[str, str]:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    return pins


def test_every_declared_dependency_is_pinned_within_its_range() -> None:
    # docs/adr/0010-pinned-releases.md: `make install` takes the releases of constraints.txt; a
    # dependency added without `make constraints` would be installed at whatever release is
    # newest on the day of the CI run.
    from packaging.requirements import Requirement

    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    declared = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    pins = _pins()
    for text in declared:
        requirement = Requirement(text)
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        assert name in pins, f"{name} is declared in pyproject.toml, not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{name}=={pins[name]} in constraints.txt is outside {requirement.specifier}"
        )


def test_the_pins_are_what_this_environment_runs() -> None:
    # The tests run in the environment `make install` built: a pin that pip did not honour (or a
    # constraints.txt edited by hand after the install) shows here.
    from importlib.metadata import PackageNotFoundError, version

    for name in ("scrapy", "w3lib", "selectolax", "django", "spacy"):
        try:
            installed = version(name)
        except PackageNotFoundError:  # pragma: no cover - every one is a declared dependency
            raise AssertionError(f"{name} is not installed") from None
        assert installed == _pins()[name], f"{name} {installed} installed, {_pins()[name]} pinned"
