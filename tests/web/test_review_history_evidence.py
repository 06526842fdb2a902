"""A cell's history said when and by whom each past value was given, not what it rested on:
an auditor could not see the page an earlier proposal was read on, nor the address a
correction gave. Each past value now shows its evidence address, linked to its archived copy
when the campaign archived it."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Cell
from barometre.assessments.services.review import Decision, assessment_override
from tests.web.conftest import archive_record

CORRECTED = "http://127.0.0.1:9/demarches/en-ligne"
UNARCHIVED = "http://127.0.0.1:9/jamais-archivee"


def _history(body: str) -> str:
    return body.split("Historique (")[1].split("</details>")[0]


def _corrected_twice(site, users, tmp_path) -> tuple[Cell, int]:
    """The site's automatic proposal (read on `site.record`), corrected with an archived
    address, then corrected again with an address never archived."""
    copy = archive_record(tmp_path, site.after, "44109", url=CORRECTED, body=b"<p>en ligne</p>")
    cell = site.auto_cell
    for level, url in ((4, CORRECTED), (2, UNARCHIVED)):
        cell.refresh_from_db()
        assessment_override(
            cell=cell,
            user=users["auditeur"],
            seen=cell.assessment_id,
            decision=Decision(level, False, "Vu sur le site.", url),
            now=timezone.now(),
        )
    cell.refresh_from_db()
    return cell, copy.pk


def test_each_past_value_shows_its_evidence_and_archived_copy(
    client, site, users, tmp_path
) -> None:
    cell, copy = _corrected_twice(site, users, tmp_path)
    client.force_login(users["auditeur"])
    body = client.get(reverse("web:review-cell", kwargs={"pk": cell.pk})).content.decode()
    history = _history(body)
    assert history.count('class="history-evidence"') == 3  # the proposal and two corrections
    for url in (UNARCHIVED, CORRECTED, site.record.url):
        assert f'href="{url}"' in history
    archives = re.findall(r'class="history-archive" href="([^"]+)"', history)
    # latest first: the unarchived address has no copy; the correction's address was archived;
    # the proposal was read on its record
    assert archives == [
        reverse("web:evidence", kwargs={"pk": copy}),
        reverse("web:evidence", kwargs={"pk": site.record.pk}),
    ]


def test_the_public_page_shows_what_past_values_rested_on(client, site, users, tmp_path) -> None:
    _corrected_twice(site, users, tmp_path)
    body = client.get("/commune/44109/?campagne=apres").content.decode()
    history = _history(body)
    assert f'href="{site.record.url}"' in history and f'href="{CORRECTED}"' in history
    # the proposal's own record; an auditor's address is looked up on the review page only
    assert re.findall(r'class="history-archive" href="([^"]+)"', history) == [
        reverse("web:evidence", kwargs={"pk": site.record.pk})
    ]


def _corrected_archived(site, users, tmp_path) -> tuple[Cell, int]:
    """The site's automatic proposal corrected with an address the campaign archived."""
    cell, copy = _corrected_twice(site, users, tmp_path)
    assessment_override(
        cell=cell,
        user=users["auditeur"],
        seen=cell.assessment_id,
        decision=Decision(4, False, "Vu sur le site.", CORRECTED),
        now=timezone.now(),
    )
    cell.refresh_from_db()
    return cell, copy


def _current_evidence(body: str) -> str:
    return body.split('class="fr-text--sm fr-mb-1w evidence-url"')[1].split("</p>")[0]


def test_the_current_value_links_the_campaign_copy_of_its_typed_address(
    client, site, users, tmp_path
) -> None:
    """The current value's « Preuve : » line links the campaign's copy of the address an
    auditor typed, as its history line does."""
    cell, copy = _corrected_archived(site, users, tmp_path)
    assert cell.assessment.evidence_record_id is None
    client.force_login(users["auditeur"])
    body = client.get(reverse("web:review-cell", kwargs={"pk": cell.pk})).content.decode()
    current = _current_evidence(body)
    assert f'href="{CORRECTED}"' in current
    assert re.findall(r'class="archived-evidence" href="([^"]+)"', current) == [
        reverse("web:evidence", kwargs={"pk": copy})
    ]
    assert f'class="history-archive" href="{reverse("web:evidence", kwargs={"pk": copy})}"' in (
        _history(body)
    )


def test_the_public_page_links_only_the_current_value_s_own_record(
    client, site, users, tmp_path
) -> None:
    _corrected_archived(site, users, tmp_path)
    body = client.get("/commune/44109/?campagne=apres").content.decode()
    current = _current_evidence(body)
    assert f'href="{CORRECTED}"' in current
    assert 'class="archived-evidence"' not in current
