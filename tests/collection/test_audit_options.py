"""Options of `barometre audit` that cannot give a meaningful crawl are refused, in French,
before a campaign is created or anything is crawled."""

from io import StringIO

import pytest
from django.core.management import call_command

from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--farm", "127.0.0.1:9"], "exige --allow-private-addresses"),
        (["--window", "0"], "--window doit valoir au moins 1"),
        (["--pages", "0"], "--pages doit valoir au moins 1"),
        (["--pages", "-5"], "--pages doit valoir au moins 1"),
        (["--depth", "-1"], "--depth doit valoir au moins 0"),
        (["--farm", "localhost", "--allow-private-addresses"], "Adresse de ferme non comprise"),
        (["--farm", "127.0.0.1:99999", "--allow-private-addresses"], "attendu HÔTE:PORT"),
        (["--farm", "http://127.0.0.1:80/", "--allow-private-addresses"], "« http://127"),
    ],
)
def test_bad_options_are_refused_before_a_campaign_is_created(
    arguments: list[str], message: str
) -> None:
    CommuneFactory(code="99101")
    with pytest.raises(BarometreError, match=message):
        call_command(
            "audit", "--campaign", "neuve", "--communes", "99101", *arguments, stdout=StringIO()
        )
    assert not Campaign.objects.filter(name="neuve").exists()


def test_selected_communes_outside_the_campaign_are_named(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An existing campaign audits only its own communes: the others selected are not silently
    dropped from the analyst's list."""
    inside = CommuneFactory(code="99101")
    CommuneFactory(code="99102")
    CampaignFactory(name="existante", communes=[inside])
    err = StringIO()
    call_command(
        "audit",
        "--campaign",
        "existante",
        "--communes",
        "99101,99102",
        stdout=StringIO(),
        stderr=err,
    )
    assert (
        "Attention : 1 commune de la sélection n'est pas dans la campagne « existante », donc pas "
        "auditée (99102)." in err.getvalue()
    )
