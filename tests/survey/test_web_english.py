"""The maturity survey in English: the form asks, and the results name, everything in English."""

from __future__ import annotations

import html
import re
from datetime import date

from django.test import Client
from django.utils.translation import gettext, override

from barometre.survey.services.demo import DEMO_SURVEY, DEMO_SURVEY_UNITS, survey_demo_load
from tests.factories import CommuneFactory
from tests.survey.conftest import SPEC, radar_block


def test_the_survey_report_says_the_gaps_between_roles_in_one_english_sentence(db) -> None:
    """« Gouvernance : Élu ou élue (76) contre Agent (59), écart de 17 points » in French;
    in English the same line, the axis and roles in English (survey/labels.py)."""
    from datetime import date

    from barometre.survey.services.demo import DEMO_SURVEY, DEMO_SURVEY_UNITS, survey_demo_load
    from tests.factories import CommuneFactory

    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=20_000)
    survey_demo_load(today=date(2026, 12, 3))
    client = Client()
    client.cookies["barometre_langue"] = "en"
    page = client.get(f"/enquete/rapport/{DEMO_SURVEY}/").content.decode()
    assert re.search(
        r"<li>[^<:]+: [^<]+ \(\d+\) versus [^<]+ \(\d+\), a gap of \d+ points\xa0"
        r'<span class="nowrap">\[[^<]+\]</span>, a gap (too large|that may)[^<]+ who answered</li>',
        page,
    )
    assert " contre " not in page
    french = Client().get(f"/enquete/rapport/{DEMO_SURVEY}/").content.decode()
    assert re.search(
        r"<li>[^<]+\u00a0: [^<]+ contre [^<]+, écart de \d+\xa0points\xa0<span[^<]+</span>, "
        r"un écart (trop grand|qui peut)[^<]+ qui a répondu</li>",
        french,
    )


def _questionnaire_french() -> set[str]:
    """Every word of the shipped questionnaire a respondent or a reader reads."""
    words = {*SPEC.scale, SPEC.dont_know, *SPEC.roles.values()}
    words |= {w for axis in SPEC.axes for w in (axis.label, axis.priority)}
    return words | {w for s in SPEC.statements for w in (s.text, s.next_step)}


def _left_french(page: str) -> list[str]:
    """The questionnaire's French words on a page (an English word of the same spelling, the
    platform names' "FranceConnect" kind, aside: none in this questionnaire)."""
    text = html.unescape(page)
    return sorted(w for w in _questionnaire_french() if w in text)


def test_the_english_form_asks_every_question_in_english(campaign) -> None:
    client = Client()
    client.cookies["barometre_langue"] = "en"
    client.get(f"/enquete/c/{campaign.shared_key}/")
    who = client.get("/enquete/repondre/").content.decode()
    assert "Elected official" in who and "IT department (information systems)" in who
    assert _left_french(who) == []
    client.post("/enquete/repondre/", {"role": "elu", "unit": "90001"})
    for step, axis in enumerate(SPEC.axes, start=1):
        page = client.get(f"/enquete/repondre/{step}/").content.decode()
        assert _left_french(page) == [], step
        with override("en"):
            english = [gettext(s.text) for s in axis.statements] + [gettext(axis.label)]
        assert all(html.escape(e) in page for e in english), step
        assert "Not true at all in my local authority" in page and "I don&#x27;t know" in page
    first = client.get("/enquete/repondre/1/").content.decode()
    assert "An elected official holds a written delegation covering digital matters" in first
    # the French form is the reference, unchanged
    french = Client()
    french.get(f"/enquete/c/{campaign.shared_key}/")
    french.post("/enquete/repondre/", {"role": "elu", "unit": "90001"})
    page = html.unescape(french.get("/enquete/repondre/1/").content.decode())
    assert all(s.text in page for s in SPEC.axes[0].statements)


def test_the_english_results_name_axes_priorities_and_next_steps_in_english(db) -> None:
    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=20_000)
    survey_demo_load(today=date(2026, 12, 3))
    client = Client()
    client.cookies["barometre_langue"] = "en"
    page = client.get(f"/enquete/rapport/{DEMO_SURVEY}/").content.decode()
    assert "Next step:" in page and "Staff engagement" in page
    assert _left_french(page) == []
    commune = client.get(f"/commune/{DEMO_SURVEY_UNITS[0]}/").content.decode()
    assert _left_french(radar_block(commune)) == []
    french = html.unescape(Client().get(f"/enquete/rapport/{DEMO_SURVEY}/").content.decode())
    assert "Engagement des agents" in french and "Prochaine étape :" in french
