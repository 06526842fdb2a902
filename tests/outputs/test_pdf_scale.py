"""The commune PDF says what each level means, in the words of the web pages' scale."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

from django.utils.text import capfirst
from pypdf import PdfReader

from barometre.outputs.labels import scale_steps
from barometre.outputs.pdf.reports import commune_pdf
from barometre.outputs.published import published_cache_clear
from barometre.web.templatetags.web_tags import held_hyphenated
from tests.factories import CampaignFactory, CommuneFactory, set_cells

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_the_commune_pdf_says_what_each_level_means(db, client) -> None:  # type: ignore[no-untyped-def]
    published_cache_clear()
    commune = CommuneFactory(code="90006", name="Eville", population=50_000)
    campaign = CampaignFactory(name="echelle", communes=[commune])
    set_cells(campaign, {("90006", "actes-etat-civil"): 3})
    pages = PdfReader(BytesIO(commune_pdf(campaign=campaign, code="90006", now=NOW))).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    published_cache_clear()

    assert "Ce que veut dire chaque niveau" in text
    steps = scale_steps()
    assert len(steps) == 8  # six levels, « sans objet », « non mesuré »
    for step in steps:
        line = f"{step.mark} {step.name} {capfirst(step.meaning)}"
        assert " ".join(line.split()) in text  # its no-break spaces read as spaces
    # the web's scale reads the same source: one wording for both
    page = client.get(f"/campagne/{campaign.name}/methodologie/").content.decode()
    for step in steps:
        assert held_hyphenated(step.meaning) in page  # « rendez-vous » held on its line
