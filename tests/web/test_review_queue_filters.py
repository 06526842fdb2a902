"""A confidence ceiling that is no number from 0 to 1 filters nothing, and the queue says so
beside the field, which keeps what was typed."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse


def test_a_refused_confidence_ceiling_is_said_and_kept(client, site, users) -> None:
    client.force_login(users["auditeur"])
    url = reverse("web:review-queue")
    everything = client.get(url).context["page"].paginator.count
    response = client.get(url, {"confiance": "0.6x"})
    assert response.context["page"].paginator.count == everything  # not applied
    body = html.unescape(response.content.decode())
    field = re.search(r'<input[^>]*id="f-conf"[^>]*>', body)
    assert field is not None
    assert 'value="0.6x"' in field.group(0) and 'aria-invalid="true"' in field.group(0)
    assert "ce filtre n'est pas appliqué" in body
    assert re.search(r"<title>Erreur\u00a0: File de revue", body)
    fine = client.get(url, {"confiance": "0,5"}).content.decode()
    assert "fr-input--error" not in fine and 'value="0,5"' in fine


def test_a_cell_held_for_blind_coding_is_said_missing_only_where_the_filters_show_it(
    client, site, users
) -> None:
    """With a filter that leaves it out (another service, another kind of proposal), the
    queue said a cell coded blind was missing from it all the same."""
    from django.utils import timezone

    from barometre.assessments.services.draw import codings_assign

    coder = users["auditeur"]
    cell = site.auto_cell
    codings_assign(
        cells=[cell], auditors=[coder, users["coordinateur"]], size=1, seed=1, now=timezone.now()
    )
    client.force_login(coder)
    url = reverse("web:review-queue")
    held = "double codage aveugle n'y figure pas"
    own = client.get(url, {"service": cell.service.slug}).content.decode()
    assert held in html.unescape(own)
    other_kind = "absent" if cell.level >= 1 else "trouve"
    for filters in ({"service": "un-autre-service"}, {"proposition": other_kind}):
        assert held not in html.unescape(client.get(url, filters).content.decode())


def test_the_queue_filters_by_commune_name_or_insee_code(client, site, users) -> None:
    """An auditor going through one commune's site could filter the queue by campaign,
    service, department, kind and confidence, not by commune: its cells were scattered
    among every other commune's."""
    from django.utils import timezone

    from barometre.assessments.services import AutoValue, assessments_record_auto

    unmeasured = site.after.catalogue.services.order_by("position")[7]
    assessments_record_auto(
        campaign=site.after,
        values=[AutoValue(commune="35238", service=unmeasured.slug, level=0)],
        now=timezone.now(),
    )
    client.force_login(users["auditeur"])
    url = reverse("web:review-queue")

    def communes(filters: dict[str, str]) -> set[str]:
        page = client.get(url, filters).context["page"]
        return {cell.commune_id for cell in page.object_list}

    assert communes({}) == {"44109", "35238"}
    for typed in ("35238", " rennes ", "RENN"):
        assert communes({"commune": typed}) == {"35238"}
    assert communes({"commune": "Nantes"}) == {"44109"}
    assert communes({"commune": "Brest"}) == set()
    body = client.get(url, {"commune": "rennes", "service": unmeasured.slug})
    page = body.content.decode()
    assert re.search(r'<input[^>]*id="f-commune"[^>]*value="rennes"', page)
    assert '<label class="fr-label" for="f-commune">' in page
    # the filter goes from cell to cell with the others
    assert "commune=rennes" in page


def test_a_commune_filter_that_names_no_commune_is_said(client, site, users) -> None:
    """It said only « 0 cellule à revoir », as for a commune with nothing left to review."""
    client.force_login(users["auditeur"])
    url = reverse("web:review-queue")
    body = html.unescape(client.get(url, {"commune": "Nantez"}).content.decode())
    field = re.search(r'<input[^>]*id="f-commune"[^>]*>', body)
    assert field is not None
    assert 'value="Nantez"' in field.group(0) and 'aria-invalid="true"' in field.group(0)
    said = "Aucune commune ne correspond à «\u00a0Nantez\u00a0» (ni son nom ni son code INSEE)."
    assert said in body
    for known in ("Nantes", "44109"):
        fine = client.get(url, {"commune": known}).content.decode()
        assert "f-commune-error" not in fine


def test_a_filtered_queue_names_its_filters_in_its_title(client, site, users) -> None:
    """Every queue read « File de revue » in its title, filtered or not: two tabs of the queue
    (a campaign, a department) or a screen reader's page title could not tell them apart, as a
    filtered ranking's title does."""
    client.force_login(users["auditeur"])
    cell = site.auto_cell
    department = cell.commune.department
    filters = {
        "campagne": "apres",
        "service": cell.service.slug,
        "departement": department.code,
        "commune": "nantes",
        "proposition": "trouve",
        "confiance": "0,6",
    }
    body = html.unescape(client.get(reverse("web:review-queue"), filters).content.decode())
    title = re.search(r"<title>([^<]*)</title>", body)
    assert title is not None
    assert title.group(1).startswith(
        f"File de revue (apres, {cell.service.label}, {department.code} — {department.name},"
        " nantes, Trouvé (niveau 1 ou plus), confiance au plus 0,6) — "
    ), title.group(1)
    whole = html.unescape(client.get(reverse("web:review-queue")).content.decode())
    assert "<title>File de revue — barometre</title>" in whole


def test_the_found_filter_agrees_with_its_label(client, site, users) -> None:
    """« Service sur le site » offered « Toutes », « Trouvé », « Non trouvé »: the first
    agrees with « service » too, « Tous »."""
    client.force_login(users["auditeur"])
    body = html.unescape(client.get(reverse("web:review-queue")).content.decode())
    select = re.search(r'<select[^>]*id="f-prop".*?</select>', body, re.S)
    assert select is not None
    assert re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0)) == [
        "Tous",
        "Trouvé (niveau 1 ou plus)",
        "Non trouvé (niveau 0)",
    ]


@pytest.mark.parametrize(
    ("language", "typed", "shown"),
    [
        ("fr", "0,6", "confiance au plus 0,6)"),
        ("fr", "0.6", "confiance au plus 0,6)"),
        ("en", "0,6", "confidence at most 0.6)"),
        ("en", "0.25", "confidence at most 0.25)"),
    ],
)
def test_the_queue_title_writes_the_confidence_limit_in_the_pages_language(
    client, site, users, language, typed, shown
) -> None:
    """The title repeated the limit as typed: « 0,6 » on the English page, « 0.6 » on the
    French one."""
    client.force_login(users["auditeur"])
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    body = html.unescape(
        client.get(reverse("web:review-queue"), {"confiance": typed}).content.decode()
    )
    title = re.search(r"<title>([^<]*)</title>", body)
    assert title is not None and shown in title.group(1), title.group(1)
