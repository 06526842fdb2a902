"""The maturity survey's pages read as a screen reader reads them (tests.a11y.page_problems):
the form at each step, blank and sent back with its errors, the thanks page, the report, the
coordination page; each with a title of its own."""

from __future__ import annotations

from django.test import Client
from selectolax.lexbor import LexborHTMLParser

from barometre.survey.models import SurveyCampaign
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.services import survey_campaign_create
from tests.a11y import page_problems
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY, add_answers

SPEC = default_questionnaire()


def _respondent_pages(campaign: SurveyCampaign) -> dict[str, str]:
    client = Client()
    pages = {"début": client.get(f"/enquete/c/{campaign.shared_key}/", follow=True)}
    pages["début, erreurs"] = client.post("/enquete/repondre/", {})
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90001"})
    for step, axis in enumerate(SPEC.axes, start=1):
        pages[f"étape {step}"] = client.get(f"/enquete/repondre/{step}/")
        pages[f"étape {step}, erreurs"] = client.post(f"/enquete/repondre/{step}/", {})
        values = {s.id: "3" for s in axis.statements}
        pages[f"étape {step}, envoyée"] = client.post(
            f"/enquete/repondre/{step}/", values, follow=True
        )
    return {name: response.content.decode() for name, response in pages.items()}


def _other_pages(campaign: SurveyCampaign) -> dict[str, str]:
    add_answers(campaign, "90001", 6)
    client = Client()
    return {
        "campagnes": client.get("/enquete/").content.decode(),
        "rapport": client.get(f"/enquete/rapport/{campaign.name}/").content.decode(),
        "coordination": client.get("/enquete/coordination/cle-secrete/").content.decode(),
        "coordination, erreur": client.post(
            "/enquete/coordination/cle-secrete/", {"action": "tokens", "count": "abc"}
        ).content.decode(),
        "lien usé": client.get("/enquete/j/inconnu/").content.decode(),
    }


def test_every_survey_page_reads_well_and_has_a_title_of_its_own(campaign) -> None:
    CommuneFactory(code="90021", name="Coordville")
    survey_campaign_create(
        name="coord", collectivites=["90021"], today=TODAY, coordinator_key="cle-secrete"
    )
    respondent = _respondent_pages(campaign)
    # the last step sent lands on the thanks page: kept once
    pages = {n: p for n, p in respondent.items() if not n.endswith("envoyée")}
    pages["merci"] = respondent[f"étape {len(SPEC.axes)}, envoyée"]
    pages |= _other_pages(campaign)
    assert {name: page_problems(page) for name, page in pages.items() if page_problems(page)} == {}
    titles: dict[str, list[str]] = {}
    for name, page in pages.items():
        titles.setdefault(LexborHTMLParser(page).css_first("title").text(), []).append(name)
    assert {t: names for t, names in titles.items() if len(names) > 1} == {}
    assert "Merci" in LexborHTMLParser(pages["merci"]).css_first("h1").text()


def test_the_questionnaire_says_every_answer_is_required_before_it_is_sent(campaign) -> None:
    """Every radio group and the collectivité were required, and said so only once the page
    came back with errors (RGAA 11.10): no `required`, no sentence before the fields."""
    client = Client()
    pages = [client.get(f"/enquete/c/{campaign.shared_key}/", follow=True).content.decode()]
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90001"})
    pages += [
        client.get(f"/enquete/repondre/{step}/").content.decode()
        for step in range(1, len(SPEC.axes) + 1)
    ]
    for page in pages:
        tree = LexborHTMLParser(page)
        fields = tree.css("main form input[type=radio], main form select")
        assert fields and all("required" in f.attributes for f in fields)
        note = tree.css_first("#champs-obligatoires")
        assert note is not None and "tous les champs sont obligatoires" in note.text()
        assert page.index('id="champs-obligatoires"') < page.index("<fieldset")
