"""The figures an audit prints are the ones it stored."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from barometre.assessments.models import Assessment
from barometre.collection.services import AuditOptions, campaign_audit
from barometre.referential.models import Service
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db


def test_the_level_0_of_communes_without_a_website_is_counted_in_the_values_recorded() -> None:
    """A commune without a known website gets level 0 for every service: those values are
    recorded, so the summary counts them (it printed « valeurs automatiques enregistrées : 0 »
    beside 36 stored values)."""
    communes = [CommuneFactory(code="99101"), CommuneFactory(code="99102")]
    campaign = CampaignFactory(name="sans-site", communes=communes)
    summary = campaign_audit(campaign=campaign, options=AuditOptions())
    stored = Assessment.objects.filter(campaign=campaign, source="auto").count()
    assert stored == 2 * Service.objects.count() > 0  # every service of both communes
    assert summary.sites_no_website == 2
    assert summary.assessments == stored
    out = StringIO()
    call_command("audit", "--campaign", "sans-site", "--recrawl", stdout=out)
    assert f"valeurs automatiques enregistrées\u00a0: {stored}." in out.getvalue()
