"""« s.o. » is read out as « sans objet » wherever a table shows it (an <abbr> with its title)."""

from __future__ import annotations

from django.urls import reverse
from selectolax.lexbor import LexborHTMLParser

from barometre.assessments.models import Cell
from tests.factories import set_cells


def _bare_so(page: str) -> list[str]:
    """The elements that print « s.o. » other than through <abbr title="sans objet">."""
    tree = LexborHTMLParser(page)
    found = []
    for node in tree.css("body *"):
        own = node.text(deep=False)
        if "s.o." in own and not (
            node.tag == "abbr" and node.attributes.get("title") == "sans objet"
        ):
            found.append(node.html or "")
    return found


def _shows_abbr(page: str) -> bool:
    tree = LexborHTMLParser(page)
    return any(a.text() == "s.o." for a in tree.css('abbr[title="sans objet"]'))


def test_public_tables_spell_out_not_applicable(client, site) -> None:
    slug = site.after.catalogue.services.order_by("position").values_list("slug", flat=True)[2]
    set_cells(site.after, {("35238", slug): "na"})
    for url in (
        reverse("web:heatmap", kwargs={"name": "apres"}),
        reverse("web:service", kwargs={"name": "apres", "slug": slug}),
    ):
        page = client.get(url).content.decode()
        assert _shows_abbr(page), url
        assert _bare_so(page) == [], url


def test_review_pages_spell_out_not_applicable(client, site, users) -> None:
    Cell.objects.filter(pk=site.auto_cell.pk).update(not_applicable=True, level=None)
    client.force_login(users["auditeur"])
    for url in (
        reverse("web:review-queue"),
        reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk}),
    ):
        page = client.get(url).content.decode()
        assert _shows_abbr(page), url
        assert _bare_so(page) == [], url
