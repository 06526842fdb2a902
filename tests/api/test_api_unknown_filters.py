"""Filters naming nothing (a typo) are a 400 naming the parameter, the value and the valid
values (or the closest ones); a known value without rows stays a 200 with 0 results."""

from __future__ import annotations

import pytest

from barometre.referential.models import Epci
from tests.api.conftest import get
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def refused(client, url, parameter, **params):  # type: ignore[no-untyped-def]
    error = get(client, url, 400, **params)["error"]
    assert error["status"] == 400 and error["parameter"] == parameter
    return error["message"]


def test_cells_refuse_an_unknown_service_and_name_the_closest(client, after):
    message = refused(
        client, "/api/v1/cells", "service", campaign="2026", service="acte-etat-civil"
    )
    assert "« service » : valeur inconnue « acte-etat-civil »" in message
    assert "valeurs proches : actes-etat-civil" in message and "/api/v1/services" in message
    # a service of the catalogue without cells: no data, not an error
    assert get(client, "/api/v1/cells", campaign="2014", service="paiement-famille")["count"] == 0


def test_cells_refuse_an_unknown_department_or_commune(client, after):
    assert "« department » : valeur inconnue « 99 »" in refused(
        client, "/api/v1/cells", "department", campaign="2026", department="99"
    )
    assert "code INSEE inconnu « 99999 »" in refused(
        client, "/api/v1/cells", "commune", campaign="2026", commune="99999"
    )


def test_cells_of_a_commune_outside_the_campaign_are_none(client, after):
    CommuneFactory(code="90009", name="Horsville")
    assert get(client, "/api/v1/cells", campaign="2026", commune="90009")["count"] == 0


def test_services_refuse_an_unknown_domain_or_catalogue(client, after):
    message = refused(client, "/api/v1/services", "domain", domain="etat-civl")
    assert "valeur inconnue « etat-civl »" in message and "valeurs admises : " in message
    assert "etat_civil" in message or "etat-civil" in message
    catalogue = after.catalogue.version
    assert catalogue in refused(client, "/api/v1/services", "catalogue", catalogue="v0")
    assert get(client, "/api/v1/services", catalogue=catalogue)["count"] == 18


def test_communes_refuse_unknown_territories(client, after):
    refused(client, "/api/v1/communes", "department", department="98")
    refused(client, "/api/v1/communes", "region", region="99")
    refused(client, "/api/v1/communes", "epci", epci="200000000")
    Epci.objects.create(siren="200000001", name="CC Vide")
    assert get(client, "/api/v1/communes", epci="200000001")["count"] == 0
    assert get(client, "/api/v1/communes", bracket="lt3500")["count"] == 0  # known, no commune


def test_scores_refuse_a_key_that_names_no_group(client, after):
    assert "valeurs proches : actes-etat-civil" in refused(
        client, "/api/v1/scores", "key", campaign="2026", scope="service", key="actes-etat-civl"
    )
    refused(client, "/api/v1/scores", "key", campaign="2026", scope="commune", key="nope")
    refused(client, "/api/v1/scores", "key", campaign="2026", key="99999")
    assert get(client, "/api/v1/scores", campaign="2026", key="90001")["count"] == 1
    assert get(client, "/api/v1/scores", campaign="2026", key="ge200000")["count"] == 1


def test_programmes_refuse_an_unknown_theme_or_commune(client, after):
    message = refused(client, "/api/v1/programmes", "theme", theme="e_admnistration")
    assert "valeurs proches : e_administration" in message
    refused(client, "/api/v1/programmes", "commune", commune="99999")
    assert get(client, "/api/v1/programmes", theme="e_administration")["count"] == 0
