"""`campaign create` and `campaign open` printed their links without the site's address
(« /enquete/c/… »), which a manager could not paste into an e-mail, while `tokens` wrote whole
links from `--base-url`. All three now take `--base-url`, with the same default and check."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from barometre.core.errors import BarometreError
from barometre.survey.models import SurveyCampaign
from tests.factories import CommuneFactory


def _run(*arguments: str) -> str:
    out = StringIO()
    call_command("survey", "campaign", *arguments, stdout=out)
    return out.getvalue()


def test_create_and_open_print_whole_links(db: None) -> None:
    CommuneFactory(code="90001")
    created = _run("create", "liens", "--collectivites", "90001", "--base-url", "https://e.fr/")
    assert "https://e.fr/enquete/coordination/" in created
    opened = _run("open", "liens", "--base-url", "https://e.fr")
    key = SurveyCampaign.objects.get(name="liens").shared_key
    assert opened.rstrip().endswith(f"Lien partagé\u00a0: https://e.fr/enquete/c/{key}/")


def test_the_default_address_is_the_tokens_one(db: None) -> None:
    CommuneFactory(code="90001")
    assert "http://localhost:8000/enquete/coordination/" in _run(
        "create", "defaut", "--collectivites", "90001"
    )
    assert "http://localhost:8000/enquete/c/" in _run("open", "defaut")


@pytest.mark.parametrize("verb", ["create", "open"])
def test_a_bad_address_changes_nothing(db: None, verb: str) -> None:
    CommuneFactory(code="90001")
    if verb == "open":
        _run("create", "adresse", "--collectivites", "90001")
    with pytest.raises(BarometreError, match="Adresse du site invalide") as refused:
        _run(verb, "adresse", "--collectivites", "90001", "--base-url", "ftp://e.fr")
    if verb == "create":
        assert "aucune campagne n'a été créée" in str(refused.value)
        assert not SurveyCampaign.objects.exists()
    else:
        assert "la campagne n'a pas été ouverte" in str(refused.value)
        assert SurveyCampaign.objects.get(name="adresse").status == "draft"


def test_several_codes_are_separated_by_commas_and_spaces_say_so(db: None) -> None:
    """`--collectivites 90001 90002` was refused as « arguments non reconnus : 90002 », which did
    not say how to give several codes; the refusal now shows it, and the commas work."""
    CommuneFactory(code="90001")
    CommuneFactory(code="90002")
    with pytest.raises(CommandError, match="séparés par des virgules") as refused:
        _run("create", "espaces", "--collectivites", "90001", "90002")
    assert "«\u00a0--collectivites 90001,90002\u00a0»" in str(refused.value)
    assert "en trop\u00a0: 90002" in str(refused.value)
    assert not SurveyCampaign.objects.exists()
    _run("create", "virgules", "--collectivites", "90001,90002")
    codes = SurveyCampaign.objects.get(name="virgules").units.values_list("code", flat=True)
    assert sorted(codes) == ["90001", "90002"]


def test_a_second_code_is_not_taken_for_the_name(db: None) -> None:
    """`survey campaign create --collectivites 90001 90002` created a survey campaign named
    « 90002 » for 90001 alone: a whole code where the name goes is refused."""
    CommuneFactory(code="90001")
    CommuneFactory(code="90002")
    with pytest.raises(CommandError, match="un nom se place avant l'option"):
        call_command("survey", "campaign", "create", "--collectivites", "90001", "90002")
    assert not SurveyCampaign.objects.exists()


def test_an_unknown_survey_campaign_names_those_there_are(db: None) -> None:
    """« Campagne d'enquête inconnue : « lyon » » left the operator to guess the name; a
    measurement campaign's error lists them."""
    CommuneFactory(code="90001")
    _run("create", "lyon-2026", "--collectivites", "90001")
    with pytest.raises(BarometreError) as refused:
        _run("open", "lyon")
    assert "Campagnes d'enquête existantes\u00a0: lyon-2026." in str(refused.value)


def test_a_commune_name_for_collectivite_is_answered_with_its_code(
    db: None, tmp_path: Path
) -> None:
    """`survey tokens --collectivite Lyon` said « La collectivité « LYON » ne fait pas partie
    de … »: the name is answered with its code, before anything is written."""
    CommuneFactory(code="69123", name="Lyon")
    _run("create", "lyon-2026", "--collectivites", "69123")
    out = tmp_path / "jetons.csv"
    with pytest.raises(BarometreError, match="«\u00a0--collectivite 69123\u00a0»"):
        call_command(
            "survey",
            "tokens",
            "--campaign",
            "lyon-2026",
            "--count",
            "1",
            "--collectivite",
            "lyon",
            "--out",
            str(out),
            stdout=StringIO(),
        )
    assert not out.exists()
