"""The campaign page's tables name each campaign as its user wrote it: their headers start with a
capital letter, and turned « demo-2014 » into « Demo-2014 » there while the caption, the chart's
legend and every other page said « demo-2014 »."""

from __future__ import annotations

import re

from django.urls import reverse


def _headers(body: str, title: str) -> list[str]:
    table = body[body.index(f"<caption>{title} — données") :]
    head = table[: table.index("</thead>")]
    return re.findall(r'<th scope="col">([^<]*)</th>', head)


def test_the_change_tables_keep_the_campaign_names_as_written(client, site) -> None:
    body = client.get(reverse("web:overview", kwargs={"name": "apres"})).content.decode()
    assert _headers(body, "Évolution par commune") == [
        "Commune",
        "Code",
        "avant",
        "apres",
        "Évolution",
    ]
    by_domain = _headers(body, "Évolution par domaine")
    assert by_domain[:4] == ["Domaine", "avant", "apres", "Évolution"]
    assert by_domain[7] == "p"  # a p-value's p, as in the caption's « p < 0,05 »
