from pathlib import Path

import pytest

from barometre.core.errors import ValidationFailed
from barometre.referential.catalogue import catalogue_parse, catalogue_read, default_catalogue


def test_default_catalogue_has_the_18_services_of_the_method() -> None:
    catalogue = default_catalogue()
    assert len(catalogue.services) == 18
    assert catalogue.service("titres-identite").max_level == 3
    assert catalogue.service("inscription-scolaire").max_level == 5
    assert {s.domain for s in catalogue.services} == set(catalogue.domains)


def test_user_catalogue_is_validated_and_every_problem_listed(tmp_path: Path) -> None:
    bad = tmp_path / "cat.yaml"
    bad.write_text(
        "version: '1'\nname: x\ndomains: {famille: Famille}\nservices:\n"
        "  - {id: creche, label: Crèche, domain: famille, max_level: 7, cues: [crèche]}\n"
        "  - {id: cantine, label: Cantine, domain: ecole, max_level: 3, cues: [cantine]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as error:
        catalogue_read(bad)
    assert any("max_level" in p or "7" in p for p in error.value.problems)


def test_domain_must_be_declared() -> None:
    raw = (
        b"version: '1'\nname: x\ndomains: {famille: Famille}\nservices:\n"
        b"  - {id: cantine, label: Cantine, domain: ecole, max_level: 3, cues: [cantine]}\n"
    )
    with pytest.raises(ValidationFailed, match="invalide") as error:
        catalogue_parse(raw, source="test")
    assert error.value.problems == ["services/0 : domaine inconnu « ecole »"]


def test_unreadable_yaml_is_a_clear_error() -> None:
    with pytest.raises(ValidationFailed, match="illisible"):
        catalogue_parse(b"\xff\xfe", source="x")


def test_a_cue_too_long_to_be_a_phrase_is_refused_before_the_detector_reads_it() -> None:
    """A 700-character cue (a line pasted twice over, found by fuzzing) overflowed Python's
    recursion in the detector's phrase index at the first page read: a RecursionError trace,
    not a message. The catalogue now says which cue is too long."""
    long_cue = "inscription électorale " * 30
    raw = (
        "version: '1'\nname: x\ndomains: {citoyennete: Citoyenneté}\nservices:\n"
        f"  - {{id: elections, label: Élections, domain: citoyennete, max_level: 3, "
        f"cues: [listes électorales, {long_cue}]}}\n"
    ).encode()
    with pytest.raises(ValidationFailed, match="invalide") as error:
        catalogue_parse(raw, source="test")
    (problem,) = error.value.problems
    assert problem.startswith("services/0/cues/1\u00a0: ") and "120" in problem
