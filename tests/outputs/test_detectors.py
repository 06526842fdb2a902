"""Reports name the detector versions that read a campaign's sites, and warn when two compared
campaigns were read by different versions (outputs/detectors.py, detection/version.py)."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from django.urls import reverse
from openpyxl import load_workbook

from barometre.collection.models import SiteAudit
from barometre.detection.version import PACKAGE, detector_version, fingerprint
from barometre.outputs.data import report_data
from barometre.outputs.html_report import html_render
from barometre.outputs.json_report import report_dict
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign

NOW = datetime(2026, 3, 1, tzinfo=UTC)
N = "\u00a0"


def _audited(campaign: Campaign, versions: dict[str, str]) -> None:
    for code, version in versions.items():
        SiteAudit.objects.create(
            campaign=campaign, commune_id=code, status="done", detector=version
        )


def test_the_fingerprint_follows_the_rules_files(tmp_path: Path) -> None:
    copy = tmp_path / "detection"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    same = fingerprint(copy)
    assert same == fingerprint(PACKAGE) == detector_version().split("+")[1]
    assert len(same) == 12
    channels = copy / "data" / "channels.yaml"
    channels.write_text(channels.read_text(encoding="utf-8") + "\n# one more line\n", "utf-8")
    assert fingerprint(copy) != same
    (copy / "data" / "channels.yaml").unlink()
    assert fingerprint(copy) not in (same, "")


def test_a_report_names_the_detector_and_says_when_it_is_not_the_current_one(
    after: Campaign,
) -> None:
    _audited(after, {"90001": detector_version(), "90002": "0.0.9+aaaaaaaaaaaa"})
    SiteAudit.objects.create(campaign=after, commune_id="90003", status="failed")
    data = report_data(campaign=after, now=NOW, resamples=50)
    assert report_dict(data)["detectors"] == [
        {"version": "0.0.9+aaaaaaaaaaaa", "sites": 1},
        {"version": detector_version(), "sites": 1},
    ]
    html = html_render(data)
    assert (
        f"Les propositions automatiques de 2026 viennent de 2 versions du détecteur{N}: "
        f"0.0.9+aaaaaaaaaaaa (1{N}site), {detector_version()} (1{N}site){N}; une partie des écarts "
        "entre communes peut venir du détecteur, pas des sites."
    ) in html
    assert f"celle du détecteur actuel, {detector_version()}." in html


def test_one_current_detector_is_named_without_a_warning(after: Campaign) -> None:
    _audited(after, {"90001": detector_version(), "90002": detector_version()})
    html = html_render(report_data(campaign=after, now=NOW, resamples=50))
    assert (
        f"Les propositions automatiques de 2026 viennent du détecteur {detector_version()} "
        f"(2{N}sites)."
    ) in html
    assert "détecteur actuel" not in html


def test_imported_levels_name_no_detector(after: Campaign) -> None:
    data = report_data(campaign=after, now=NOW, resamples=50)
    assert report_dict(data)["detectors"] == []
    assert "propositions automatiques de 2026" not in html_render(data)


def test_a_comparison_between_detector_versions_is_flagged(
    after: Campaign, before: Campaign
) -> None:
    _audited(before, {"90001": "", "90002": ""})  # stored before versions were recorded
    _audited(after, {"90001": detector_version(), "90002": detector_version()})
    data = report_data(campaign=after, reference=before, now=NOW, resamples=50)
    comparison = report_dict(data)["comparison"]
    assert comparison["detectors_differ"] is True
    assert comparison["detectors_before"] == [{"version": None, "sites": 2}]
    html = html_render(data)
    assert (
        f"Les propositions automatiques de 2014 (version non enregistrée (2{N}sites)) et de 2026 "
        f"({detector_version()} (2{N}sites)) viennent de versions différentes du détecteur"
    ) in html
    _audited_same = report_data(campaign=after, reference=after, now=NOW, resamples=50)
    assert report_dict(_audited_same)["comparison"]["detectors_differ"] is False


def test_a_comparison_with_imported_levels_is_not_flagged(
    after: Campaign, before: Campaign
) -> None:
    _audited(after, {"90001": detector_version()})
    data = report_data(campaign=after, reference=before, now=NOW, resamples=50)
    assert report_dict(data)["comparison"]["detectors_differ"] is False
    assert "versions différentes du détecteur" not in html_render(data)


def test_the_campaign_methodology_page_names_the_detector(after: Campaign, client) -> None:  # type: ignore[no-untyped-def]
    _audited(after, {"90001": "0.0.9+aaaaaaaaaaaa"})
    page = client.get(reverse("web:methodology", args=[after.name])).content.decode()
    assert f"viennent du détecteur 0.0.9+aaaaaaaaaaaa (1{N}site)." in page
    assert f"celle du détecteur actuel, {detector_version()}." in page


def test_the_campaign_pdf_says_the_same(after: Campaign, before: Campaign) -> None:
    from barometre.outputs.pdf.reports import campaign_pdf_html

    before.measured_on = date(2014, 3, 1)  # the campaign before, compared with
    before.save()
    _audited(before, {"90001": ""})
    _audited(after, {"90001": detector_version()})
    html = campaign_pdf_html(campaign=after, now=NOW)
    assert "Évolution" in html
    assert f"viennent du détecteur {detector_version()} (1{N}site)." in html
    assert "viennent de versions différentes du détecteur" in html


def test_a_comparison_of_unreviewed_proposals_with_imported_levels_is_flagged(
    communes, before: Campaign, client, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A 2026 audit compared with a 2014 study imported from its grid: the change mixed two
    ways of measuring (the detector's unreviewed proposals, right 58 % of the time on real
    pages, against people's levels) and no report said so; a reader took all of it for the
    sites' progress. The HTML, PDF and XLSX reports, the overview and the home page now say it."""
    from barometre.assessments.models import Source
    from barometre.outputs.pdf.reports import campaign_pdf_html
    from tests.factories import CampaignFactory, set_cells

    before.measured_on = date(2014, 3, 1)
    before.save()
    audited = CampaignFactory(name="2026", communes=communes)
    set_cells(
        audited,
        {("90001", "actes-etat-civil"): 3, ("90002", "actes-etat-civil"): 1},
        source=Source.AUTO,
    )
    _audited(audited, {"90001": detector_version(), "90002": detector_version()})
    said = (
        f"Les niveaux de 2014 ne viennent pas du détecteur (importés ou saisis){N}; en 2026, "
        f"2{N}sur{N}2 cellules mesurées sont des propositions automatiques qu'aucun auditeur n'a "
        f"relues{N}: une partie de l'évolution peut venir de la façon de mesurer, pas des sites."
    )
    data = report_data(campaign=audited, reference=before, now=NOW, resamples=50)
    # the same warning for machines: the JSON report said nothing of it
    assert report_dict(data)["comparison"]["measurement_mix"] == {
        "reference_from_detector": False,
        "automatic_cells": 2,
        "measured_cells": 2,
    }
    escaped = said.replace("'", "&#x27;")  # as the templates write it
    assert escaped in html_render(data)
    assert escaped in campaign_pdf_html(campaign=audited, now=NOW)
    assert escaped in client.get(reverse("web:overview", args=[audited.name])).content.decode()
    assert escaped in client.get(reverse("web:home")).content.decode()  # « Depuis 2014 : … »
    domain = client.get(reverse("web:domain", args=[audited.name, "etat-civil"])).content
    assert escaped in domain.decode()  # its own « Depuis 2014 : … »
    (path,) = report_write(
        campaign="2026", compare="2014", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW
    )
    assert said in [r[0].value for r in load_workbook(path)["Évolution"].iter_rows()]


def test_reviewed_levels_compared_with_imported_ones_are_not_flagged(
    after: Campaign, before: Campaign
) -> None:
    _audited(after, {"90001": detector_version()})  # audited, every level imported since
    data = report_data(campaign=after, reference=before, now=NOW, resamples=50)
    assert "façon de mesurer" not in html_render(data)
    assert report_dict(data)["comparison"]["measurement_mix"] is None
