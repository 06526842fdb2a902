"""Every filter form of the public pages has an accessible name (RGAA 11.x: a group of fields
is named): the service page's level filter had none, where the ranking's and the heatmap's
« Filtrer les communes » had one."""

from __future__ import annotations

import re

from django.test import Client


def _unnamed_forms(body: str) -> list[str]:
    """The opening tags of the forms that are named neither by aria-label or aria-labelledby
    nor by a fieldset's legend."""
    unnamed = []
    for match in re.finditer(r"<form\b[^>]*>(.*?)</form>", body, flags=re.S):
        tag = match.group(0).split(">", 1)[0] + ">"
        named = re.search(r'aria-label(ledby)?="[^"]+"', tag) or "<legend" in match.group(1)
        if not named:
            unnamed.append(tag)
    return unnamed


def test_the_service_page_s_level_filter_is_named(client: Client, site) -> None:
    service = site.after.catalogue.services.order_by("position").first()
    body = client.get(f"/campagne/apres/service/{service.slug}/").content.decode()
    assert 'aria-label="Filtrer les communes par niveau"' in body
    main = body.split('<main id="contenu"')[1].split("</main>")[0]  # the page's own forms
    assert _unnamed_forms(main) == []
