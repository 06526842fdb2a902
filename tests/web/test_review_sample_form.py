"""The form that draws a double-coding sample: a refused value is shown as typed, tied to its
error, and a campaign that is not there is said in French with the rest of the form kept."""

from __future__ import annotations

import html
import re

from django.urls import reverse


def _field(body: str, name: str) -> str:
    found = re.search(rf'<input[^>]*id="id_{name}"[^>]*>', body)
    assert found is not None
    return found.group(0)


def test_an_emptied_field_is_shown_empty_beside_its_error(client, site, users) -> None:
    client.force_login(users["coordinateur"])
    url = reverse("web:review-arbitration")
    first = client.get(url).content.decode()
    assert 'value="20"' in _field(first, "size") and 'value="' in _field(first, "seed")
    response = client.post(url, {"campagne": "apres", "size": "", "seed": "7"})
    assert response.status_code == 400
    body = response.content.decode()
    size = _field(body, "size")
    # the error says the field is empty: it must not show a number the auditor did not send
    assert 'value=""' in size and 'aria-invalid="true"' in size
    assert 'value="7"' in _field(body, "seed")


def test_an_unknown_campaign_is_a_french_error_not_a_lost_form(client, site, users) -> None:
    client.force_login(users["coordinateur"])
    for name in ("supprimee", "ap\x00res"):
        response = client.post(
            reverse("web:review-arbitration"), {"campagne": name, "size": "3", "seed": "11"}
        )
        assert response.status_code == 400
        body = html.unescape(response.content.decode())
        assert "Campagne inconnue" in body
        assert 'value="3"' in _field(body, "size") and 'value="11"' in _field(body, "seed")


def test_a_refused_draw_puts_the_focus_on_its_first_error(client, site, users) -> None:
    """The review and blind-coding forms put the focus on their first error; the draw's did
    not, so the coordinator was left at the top of the page, the refused field below."""
    client.force_login(users["coordinateur"])
    url = reverse("web:review-arbitration")

    def focused(sent: dict[str, str]) -> list[str]:
        body = client.post(url, sent).content.decode()
        return re.findall(r'<[^>]*\bid="([^"]+)"[^>]*\bautofocus\b', body)

    assert not re.search(r"\bautofocus\b", client.get(url).content.decode())
    assert focused({"campagne": "apres", "size": "0", "seed": "x"}) == ["id_size"]
    assert focused({"campagne": "apres", "size": "3", "seed": "x"}) == ["id_seed"]
    assert focused({"campagne": "supprimee", "size": "3", "seed": "1"}) == ["erreur-tirage"]


def test_the_draw_fields_are_not_full_width(client, site, users) -> None:
    """At 1280 px the campaign, the sample size and the seed stretched across the page: each
    sits in a column of the DSFR grid."""
    from tests.web.form_widths import full_width_fields

    client.force_login(users["coordinateur"])
    page = client.get(reverse("web:review-arbitration")).content.decode()
    assert 'id="id_size"' in page and 'id="id_seed"' in page and 'id="id_campagne"' in page
    assert full_width_fields(page) == []


def test_the_seed_offered_is_drawn_at_random_as_on_the_command_line(client, site, users) -> None:
    """Every page offered the seed 2026, where the command line draws one: each web draw was a
    sample anyone could compute in advance from the campaign's cells."""
    client.force_login(users["coordinateur"])
    url = reverse("web:review-arbitration")
    seeds = {
        re.search(r'value="(\d+)"', _field(client.get(url).content.decode(), "seed")).group(1)
        for _ in range(5)
    }
    assert len(seeds) > 1
