"""The report's table of changes since a collectivité's previous campaign gives both scores
beside the change: « Gouvernance +6 » did not say from where to where, and a council shown
the PDF could not tell a rise from 20 to 26 from one from 70 to 76."""

from __future__ import annotations

import re
from pathlib import Path

from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from barometre.survey.services.reports import survey_report_write
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY, add_answers


def test_the_change_table_gives_the_scores_it_is_the_difference_of(
    db: None, tmp_path: Path
) -> None:
    """Villebelle: 7 respondents at 2 (50) in « avant », then 7 at 3 (75) in « apres »."""
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    before = survey_campaign_create(name="avant", collectivites=["90001"], today=TODAY)
    add_answers(before, "90001", 7, value=2)
    survey_campaign_open(name="avant")  # only an open campaign closes
    survey_campaign_close(name="avant")
    after = survey_campaign_create(name="apres", collectivites=["90001"], today=TODAY)
    add_answers(after, "90001", 7, value=3)
    survey_campaign_open(name="apres")  # only an open campaign closes
    survey_campaign_close(name="apres")
    page = survey_report_write(campaign="apres", fmt="html", out=tmp_path, today=TODAY)
    text = page.read_text(encoding="utf-8")
    table = text.split("variation en points</caption>")[1].split("</table>")[0]
    heads = re.findall(r'<th scope="col">(?:<span class="nowrap">)?([^<]*)', table)
    # the change second, its reading in its cell: on a phone both stand within the screen
    assert heads == ["Axe", "Variation", "avant", "apres"]
    # a campaign's name is never broken at its hyphens in the narrow column of a phone
    assert '<th scope="col"><span class="nowrap">apres</span></th>' in table
    assert ".nowrap { white-space: nowrap; }" in text
    overall = re.search(r'<th scope="row">Score global</th>(.*?)</tr>', table)
    assert overall is not None
    assert re.findall(r"<td[^>]*>([^<]*)", overall.group(1))[:3] == ["+25", "50", "75"]
    # every respondent gave the same answers, each time: no spread to measure a margin by, so
    # neither « [25 ; 25] » nor « hausse au-delà du hasard », which it used to read
    assert "au-delà du hasard" not in table and "[25" not in table
    verdict = "marge impossible à estimer\u00a0: trop peu de réponses ont varié"
    assert f'<span class="verdict">{verdict}</span>' in overall.group(1)
