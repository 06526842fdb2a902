"""« Cellule suivante » walks the queue in its order: an auditor who skips cells without
deciding them reaches every one."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Cell, Source
from barometre.assessments.services.record import AutoValue, assessments_record_auto


def _queue_with_three_more(site) -> list[Cell]:
    """Three more automatic proposals of one service, then the review queue in its order."""
    slugs = list(site.after.catalogue.services.order_by("position").values_list("slug", flat=True))
    values = [
        AutoValue(commune="44109", service=slugs[8], level=0, confidence=0.2),
        AutoValue(commune="35238", service=slugs[8], level=0, confidence=0.3),
        AutoValue(commune="29019", service=slugs[8], level=0, confidence=0.3),
    ]
    assessments_record_auto(campaign=site.after, values=values, now=timezone.now())
    return list(
        Cell.objects.filter(source=Source.AUTO).order_by(
            "review_rank", "campaign_id", "commune_id", "service_id"
        )
    )


def test_next_cell_walks_the_whole_queue_without_deciding(client, site, users) -> None:
    queue = _queue_with_three_more(site)
    assert len(queue) == 5
    client.force_login(users["auditeur"])
    seen, cell = [], queue[0]
    for _ in queue:
        seen.append(cell)
        following = client.get(reverse("web:review-cell", kwargs={"pk": cell.pk})).context["next"]
        cell = following
    assert seen == queue  # in the queue's order, each once
    assert cell == queue[0]  # past the last, back to the first


def test_after_a_correction_the_next_cell_follows_the_corrected_one(client, site, users) -> None:
    """A corrected cell leaves the queue; its page offered the queue's first cell as the next
    one, so that an auditor who had skipped that cell was sent back to it after each
    correction instead of going on in the queue's order."""
    queue = _queue_with_three_more(site)
    client.force_login(users["auditeur"])
    skipped, corrected, following = queue[0], queue[1], queue[2]
    url = reverse("web:review-cell", kwargs={"pk": corrected.pk})
    assert client.get(reverse("web:review-cell", kwargs={"pk": skipped.pk})).context["next"] == (
        corrected
    )
    response = client.post(
        url,
        {
            "action": "override",
            "seen": corrected.assessment_id,
            "level": "0",
            "justification": "Rien sur le site.",
            "evidence_url": "",
        },
    )
    assert response.status_code == 302
    assert client.get(url).context["next"] == following


def test_the_n_shortcut_is_said_only_with_a_next_cell(client, site, users) -> None:
    """On the queue's last cell (or the last cell to arbitrate) the page said « N cellule
    suivante » though there was no next cell for the key to open."""
    client.force_login(users["auditeur"])
    url = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    assert "<kbd>N</kbd>" in client.get(url).content.decode()
    other = Cell.objects.filter(source=Source.AUTO).exclude(pk=site.auto_cell.pk).get()
    accepted = client.post(
        reverse("web:review-cell", kwargs={"pk": other.pk}),
        {"action": "accept", "seen": other.assessment_id},
    )
    assert accepted.status_code == 302
    last = client.get(url)
    assert last.context["next"] is None
    body = last.content.decode()
    assert "<kbd>N</kbd>" not in body and "<kbd>A</kbd>" in body and "<kbd>C</kbd>" in body


def test_the_last_cell_of_a_filtered_queue_says_the_queue_is_done(client, site, users) -> None:
    """Accepting the only cell its filters left kept the auditor on that cell, with a form and
    no « Cellule suivante », nothing saying that the queue they had filtered was done."""
    client.force_login(users["auditeur"])
    cell = site.auto_cell
    query = f"?commune=44109&service={cell.service.slug}"
    url = reverse("web:review-cell", kwargs={"pk": cell.pk}) + query
    opened = client.get(url).content.decode()
    assert 'id="file-terminee"' in opened and 'id="lien-suivant"' not in opened
    accepted = client.post(
        url, {"action": "accept", "seen": cell.assessment_id, "then": "next"}, follow=True
    )
    page = accepted.content.decode()
    assert "Proposition acceptée pour Nantes" in page
    assert ">Aucune autre cellule à revoir dans cette file.</p>" in page
    assert 'id="lien-suivant"' not in page
