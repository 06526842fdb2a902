"""A blind coder does not see, on the public pages, the proposal of a cell they still code.

The review queue and the cell page already hid it; the commune page, the service page, the heat
map and the archived page showed the proposed level, its signals and its evidence to the same
auditor. Anonymous visitors, and the coder once they have answered, see the public pages as
before, and neither reader is ever given the other's page from a cache."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import CodingAssignment
from barometre.assessments.services.draw import codings_assign
from tests.web.conftest import archive_record

NOTICE = "Vous codez cette cellule à l'aveugle"
QUOTE = "Remplissez le &lt;b&gt;formulaire&lt;/b&gt; en ligne."  # the proposal's signal


@pytest.fixture
def coding(site, users) -> CodingAssignment:
    """The automatic cell of Nantes (level 3, read on the archived page), drawn for the
    auditor and the coordinator; the auditor's blind coding."""
    created = codings_assign(
        cells=[site.auto_cell],
        auditors=[users["auditeur"], users["coordinateur"]],
        size=1,
        seed=1,
        now=timezone.now(),
    )
    return next(a for a in created if a.auditor == users["auditeur"])


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _commune(client: Client):
    return client.get(reverse("web:commune", kwargs={"code": "44109"}) + "?campagne=apres")


def _unmasked(page: str, site) -> bool:
    return QUOTE in page and f'href="/preuve/{site.record.pk}/"' in page


def test_the_commune_page_masks_the_cells_its_reader_codes_blind(site, users, coding) -> None:
    response = _commune(_client(users["auditeur"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert NOTICE in html.unescape(page)
    assert QUOTE not in page  # the signals
    assert f"/preuve/{site.record.pk}/" not in page  # the archived evidence
    assert "127.0.0.1:9/etat-civil" not in page  # the evidence address
    assert "Niveau 3 :" not in page  # the level, said to screen readers
    assert reverse("web:review-coding", kwargs={"pk": coding.pk}) in page
    assert "Niveau 0 :" in page  # the commune's other cell, not drawn, is shown
    assert "no-store" in response["Cache-Control"]


def test_other_readers_see_the_public_page_whoever_came_first(site, users, coding) -> None:
    anonymous, coder = _client(), _client(users["auditeur"])
    not_a_coder = _client(users["administrateur"])
    before = _commune(anonymous).content.decode()
    assert _unmasked(before, site) and NOTICE not in html.unescape(before)
    assert not _unmasked(_commune(coder).content.decode(), site)  # the cached page was public
    after = _commune(anonymous)  # and the masked one was not kept for others
    assert _unmasked(after.content.decode(), site)
    assert "no-store" not in after.get("Cache-Control", "")
    assert _unmasked(_commune(not_a_coder).content.decode(), site)
    assert not _unmasked(_commune(coder).content.decode(), site)


def test_the_coder_sees_the_cell_once_they_have_answered(site, users, coding) -> None:
    coder = _client(users["auditeur"])
    form = reverse("web:review-coding", kwargs={"pk": coding.pk})
    assert coder.post(form, {"level": "2"}).status_code == 302
    page = _commune(coder).content.decode()
    assert _unmasked(page, site) and NOTICE not in html.unescape(page)


def test_the_commune_figures_that_count_the_masked_level_are_masked(site, users, coding) -> None:
    public = html.unescape(_commune(_client()).content.decode())
    masked = html.unescape(_commune(_client(users["auditeur"])).content.decode())
    assert "Fiche PDF de la commune" in public and "Fiche PDF de la commune" not in masked
    assert "rang national" in public and "rang national" not in masked
    # the campaign's and the bracket's means count it too
    assert "Pour comparer, niveau moyen" in public and "Pour comparer" not in masked


def test_the_archived_page_of_a_cell_coded_blind_is_shown_without_the_proposal(
    site, users, coding, tmp_path
) -> None:
    """The coder codes from the site as the audit archived it, the pages the proposal was read
    on (the live site may have changed since): such a page sent them back to their blind form,
    and its frame answered 403. It is shown without the levels read on it nor the detector's
    words, and kept by no cache."""
    page = reverse("web:evidence", kwargs={"pk": site.record.pk})
    raw = reverse("web:evidence-raw", kwargs={"pk": site.record.pk})
    level_line = f"{site.auto_cell.service.label}\u00a0: niveau"
    public = html.unescape(_client().get(page).content.decode())
    assert level_line in public and "Passage relevé par le détecteur" in public
    coder = _client(users["auditeur"])
    shown = coder.get(page)
    assert shown.status_code == 200 and "no-store" in shown["Cache-Control"]
    body = html.unescape(shown.content.decode())
    assert "Vous codez à l'aveugle des cellules de cette commune" in body
    assert level_line not in body and "Passage relevé par le détecteur" not in body
    assert f'src="{raw}"' in body  # the page itself, in its frame
    framed = coder.get(raw)
    assert framed.status_code == 200 and "no-store" in framed["Cache-Control"]
    assert _client(users["administrateur"]).get(page).status_code == 200
    # every archived page of the commune says the same, not only those its cells were read on
    # (which would tell where the detector found the service)
    other = archive_record(tmp_path, site.after, "44109", url="http://127.0.0.1:9/", body=b"<p>x")
    elsewhere = html.unescape(coder.get(f"/preuve/{other.pk}/").content.decode())
    assert "Vous codez à l'aveugle des cellules de cette commune" in elsewhere
    assert "Vous codez à l'aveugle" not in html.unescape(_client().get(page).content.decode())
    # answered, the coder reads the page as everybody does
    coder.post(reverse("web:review-coding", kwargs={"pk": coding.pk}), {"level": "3"})
    again = html.unescape(coder.get(page).content.decode())
    assert level_line in again and "Vous codez à l'aveugle" not in again


def test_the_blind_form_leads_to_the_site_as_archived(site, users, coding) -> None:
    """The form linked only to the live site, which may have changed since the audit read it."""
    form = html.unescape(
        _client(users["auditeur"])
        .get(reverse("web:review-coding", kwargs={"pk": coding.pk}))
        .content.decode()
    )
    assert "Le site tel que l'audit l'a archivé le" in form
    assert f'href="/preuve/{site.record.pk}/">sa page d\'accueil archivée</a>' in form


def test_the_service_page_leaves_out_the_communes_its_reader_codes_blind(
    site, users, coding
) -> None:
    url = reverse("web:service", kwargs={"name": "apres", "slug": site.auto_cell.service.slug})
    public = _client().get(url).content.decode()
    assert "Nantes</a>" in public
    response = _client(users["auditeur"]).get(url)
    masked = html.unescape(response.content.decode())
    assert "Nantes</a>" not in masked and "Rennes</a>" in masked
    assert "Vous codez ce service à l'aveugle dans une commune" in masked
    assert "no-store" in response["Cache-Control"]
    assert "Nantes</a>" not in _client(users["auditeur"]).get(url + "?niveau=3").content.decode()


def test_the_heat_map_masks_the_levels_its_reader_codes_blind(site, users, coding) -> None:
    url = reverse("web:heatmap", kwargs={"name": "apres"})
    public = _client().get(url).content.decode()
    assert '<td><span class="lvl lvl-3">3</span></td>' in public
    response = _client(users["auditeur"]).get(url)
    masked = html.unescape(response.content.decode())
    assert '<td><span class="lvl lvl-3">3</span></td>' not in masked
    assert "niveau masqué : vous codez cette cellule à l'aveugle" in masked
    assert "no-store" in response["Cache-Control"]
    assert '<td><span class="lvl lvl-3">3</span></td>' in _client().get(url).content.decode()


def test_the_commune_history_and_promises_hide_the_campaign_mean_that_counts_it(
    site, users
) -> None:
    """Rennes: six services at 2 in « apres »; one of them drawn for the auditor. The history's
    mean for « apres » and the elected list's promises measured in « apres » would give the
    level away by arithmetic: masked for the coder, « avant » kept."""
    from datetime import date

    from barometre.assessments.models import Cell
    from barometre.referential.models import Campaign
    from tests.web.test_public_programmes import _programme

    Campaign.objects.filter(name="avant").update(measured_on=date(2025, 6, 1))
    Campaign.objects.filter(name="apres").update(measured_on=date(2026, 6, 1))
    _programme(
        "35238", "Rennes demain", won=True, mentions_digital=True, themes=["e_administration"]
    )
    cell = Cell.objects.filter(campaign=site.after, commune_id="35238").order_by("pk").first()
    codings_assign(
        cells=[cell],
        auditors=[users["auditeur"], users["coordinateur"]],
        size=1,
        seed=1,
        now=timezone.now(),
    )
    url = reverse("web:commune", kwargs={"code": "35238"}) + "?campagne=avant"

    def figures(client: Client) -> tuple[str, str]:
        body = html.unescape(client.get(url).content.decode())
        history = body[body.index("Au fil des campagnes") :]
        row = history[history.index(">apres<") :]
        promises = body[body.index('id="promesses-2026"') :]
        return row[: row.index("</tr>")], promises[: promises.index("</table>")]

    public_row, public_promises = figures(_client())
    assert "<td>2,00</td>" in public_row and "<strong>2,0</strong>" in public_promises
    row, promises = figures(_client(users["auditeur"]))
    assert "2,00" not in row and "<td>—</td>" in row
    assert 'id="moyenne-masquee"' in html.unescape(
        _client(users["auditeur"]).get(url).content.decode()
    )
    assert "<strong>2,0</strong>" not in promises and "<strong>1,0</strong>" in promises
    assert "campagne apres : masqué, vous codez à l'aveugle un de ses services" in promises
    assert _client().get(url).content.decode().count("2,00") >= 1  # not cached for others


def test_a_page_of_another_commune_that_carries_a_cell_coded_blind_masks_it(
    site, users, coding, tmp_path
) -> None:
    """A site shared by several communes (an intercommunality's) carries values of communes
    other than its own: the page of Rennes on which Nantes's value was read showed it to
    Nantes's blind coder."""
    from barometre.assessments.services.record import AutoValue, assessments_record_auto

    shared = archive_record(tmp_path, site.after, "35238", url="http://127.0.0.1:9/", body=b"<p>x")
    value = AutoValue(
        commune="44109",
        service=site.auto_cell.service.slug,
        level=2,
        evidence_url="http://127.0.0.1:9/",
        confidence=0.6,
        evidence_record_id=shared.pk,
        rationale=[],
    )
    assessments_record_auto(campaign=site.after, values=[value], now=timezone.now())
    page = f"/preuve/{shared.pk}/"
    level_line = f"{site.auto_cell.service.label}\u00a0: niveau 2"
    assert level_line in html.unescape(_client().get(page).content.decode())
    masked = html.unescape(_client(users["auditeur"]).get(page).content.decode())
    assert level_line not in masked and "Vous codez à l'aveugle des cellules" in masked
