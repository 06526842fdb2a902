"""The programme pages keep demonstration programmes apart: an election's page counts its real
programmes only, the demo ones have their own page under the demonstration notice, and a
commune's page sets each elected list beside campaigns of its own kind only."""

from __future__ import annotations

import html
import re
from datetime import date

from django.urls import reverse

from barometre.programmes.models import Programme
from barometre.referential.models import Campaign, Commune
from tests.factories import CampaignFactory, set_cells
from tests.web.test_public_programmes import _programme

NOTICE = "Données de démonstration — pas une mesure réelle."


def _demo_campaign(name: str, measured: date, level: int) -> None:
    campaign = CampaignFactory(
        name=name, communes=list(Commune.objects.filter(code="35238")), is_demo=True
    )
    slugs = list(campaign.catalogue.services.order_by("position").values_list("slug", flat=True))
    set_cells(campaign, {("35238", slug): level for slug in slugs[:6]})
    Campaign.objects.filter(pk=campaign.pk).update(measured_on=measured)


def _mixed() -> None:
    """2026: a real list that does not mention digital, a demo list that does."""
    _programme("44109", "Liste réelle")
    demo = _programme("35238", "Liste inventée", mentions_digital=True, themes=["site_web"])
    Programme.objects.filter(pk=demo.pk).update(is_demo=True)


def test_election_page_counts_real_programmes_only(client, site) -> None:
    _mixed()
    body = client.get(reverse("web:programmes-election", kwargs={"election": 2026})).content
    page = body.decode()

    assert "(0 sur 1 ; IC\xa095" in page  # the demo list, which mentions digital, is not counted
    assert "Liste réelle" in page and "Liste inventée" not in page
    assert NOTICE not in page
    assert reverse("web:programmes-election-demo", kwargs={"election": 2026}) in page


def test_demo_election_page_shows_demo_programmes_under_the_notice(client, site) -> None:
    _mixed()
    url = reverse("web:programmes-election-demo", kwargs={"election": 2026})
    page = client.get(url).content.decode()

    assert NOTICE in page
    assert "(1 sur 1 ; IC\xa095" in page
    assert "Liste inventée" in page and "Liste réelle" not in page
    assert client.get(url.replace("2026", "2020")).status_code == 404


def test_programmes_home_gives_real_and_demo_figures_apart(client, site) -> None:
    _mixed()
    page = client.get(reverse("web:programmes")).content.decode()

    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", page)
    assert len(rows) == 2
    real, demo = rows
    assert "démonstration" not in real and "programmes/2026/demonstration/" in demo
    assert "démonstration" in demo


def test_commune_page_sets_a_demo_list_beside_demo_campaigns_only(client, site) -> None:
    """Rennes: a real elected list and a demo elected list of 2026; real campaigns « avant »
    (level 1) and « apres » (level 2), demo ones at 0 and 3. Each list meets its own kind."""
    Campaign.objects.filter(name="avant").update(measured_on=date(2025, 6, 1))
    Campaign.objects.filter(name="apres").update(measured_on=date(2026, 6, 1))
    _demo_campaign("demo-avant", date(2025, 9, 1), 0)  # later than « avant »: would be taken
    _demo_campaign("demo-apres", date(2026, 9, 1), 3)
    _programme("35238", "Rennes demain", won=True, mentions_digital=True, themes=["site_web"])
    demo = _programme(
        "35238", "Rennes inventée", won=True, mentions_digital=True, themes=["site_web"]
    )
    Programme.objects.filter(pk=demo.pk).update(is_demo=True)

    page = client.get(reverse("web:commune", kwargs={"code": "35238"})).content.decode()

    real = page[page.index('id="promesses-2026"') : page.index('id="promesses-2026-demo')]
    demo_part = page[page.index('id="promesses-2026-demonstration"') :]
    assert "«\u00a0Rennes demain\u00a0»" in real and "Rennes inventée" not in real
    assert re.findall(r"<strong>([\d,]+)</strong>", real) == ["1,0", "2,0"]
    assert "demo-" not in real and NOTICE not in real
    assert "«\u00a0Rennes inventée\u00a0»" in demo_part and NOTICE in demo_part
    assert re.findall(r"<strong>([\d,]+)</strong>", demo_part)[:2] == ["0,0", "3,0"]
    assert "campagne avant" not in demo_part and "campagne apres" not in demo_part
    # the campaign held whole beside its mean: at 320 px « demo- » ended a line
    assert 'campagne <span class="nowrap">demo-apres</span> (2026)' in demo_part


def test_an_election_with_demo_programmes_only_says_so_and_links_to_them(client, site) -> None:
    """The quickstart's case: /programmes/2026/ was the generic « Page introuvable » (the
    commune, campaign or evidence does not exist) while the demo programmes of 2026 existed."""
    demo = _programme("35238", "Liste inventée", mentions_digital=True, themes=["site_web"])
    Programme.objects.filter(pk=demo.pk).update(is_demo=True)
    demo_url = reverse("web:programmes-election-demo", kwargs={"election": 2026})

    response = client.get(reverse("web:programmes-election", kwargs={"election": 2026}))

    assert response.status_code == 404
    page = html.unescape(response.content.decode())
    assert "Aucun programme réel n'est importé pour l'élection de 2026" in page
    assert f'href="{demo_url}"' in page
    nothing = client.get(reverse("web:programmes-election", kwargs={"election": 2014}))
    assert nothing.status_code == 404
    told = html.unescape(nothing.content.decode())
    assert "Aucun programme n'est importé pour l'élection de 2014" in told
