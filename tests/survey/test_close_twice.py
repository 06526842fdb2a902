"""`survey campaign close` on a campaign already closed (from the coordination page, or by a
colleague) said « Campagne « essai » close : elle n'accepte plus de réponse. », as if it had just
closed it, at a date that is not the closing one. It says now that nothing changed."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from barometre.survey.models import SurveyCampaign


def _close() -> str:
    out = StringIO()
    call_command("survey", "campaign", "close", "essai", stdout=out)
    return out.getvalue()


def test_closing_a_closed_campaign_says_nothing_changed(campaign: SurveyCampaign) -> None:
    assert _close() == "Campagne «\u00a0essai\u00a0» close\u00a0: elle n'accepte plus de réponse.\n"
    again = _close()
    assert "était déjà close, rien n'a changé\u00a0: elle n'accepte plus de réponse." in again
    assert SurveyCampaign.objects.get(name="essai").status == "closed"
