"""How real sites group and spread services: two services on one page, online procedures
listed on a separate "Démarches en ligne" page rather than on each service's page."""

from __future__ import annotations

from html import escape

from barometre.farm.context import PageDraft, SiteContext

# Pairs of services that real sites often present on one page.
PAIRS = (
    ("periscolaire", "accueil-loisirs"),
    ("inscription-scolaire", "periscolaire"),
    ("titres-identite", "recensement-citoyen"),
    ("domaine-public", "stationnement-resident"),
    ("encombrants", "signalement"),
)


def combine_pages(ctx: SiteContext, services: dict[str, PageDraft], share: float) -> None:
    """With probability `share` per pair, move the second service's page into the first's."""
    for first_id, second_id in PAIRS:
        first, second = services.get(first_id), services.get(second_id)
        if first is None or second is None or first is second or ctx.rng.random() >= share:
            continue
        if second.path not in ctx.drafts or first.path not in ctx.drafts:
            continue
        del ctx.drafts[second.path]
        first.blocks = [
            f"<h2>{escape(first.title)}</h2>",
            *map(_demote, first.blocks),
            f"<h2>{escape(second.title)}</h2>",
            *map(_demote, second.blocks),
        ]
        first.title = f"{first.menu} et {second.menu[:1].lower()}{second.menu[1:]}"
        first.menu = first.title
        first.evidence += second.evidence
        first.decoy += second.decoy
        services[second_id] = first


def _demote(block: str) -> str:
    """Headings inside a service's section go one level down (h2 -> h3, h3 -> h4)."""
    for level in (3, 2):
        block = block.replace(f"<h{level}>", f"<h{level + 1}>").replace(
            f"</h{level}>", f"</h{level + 1}>"
        )
    return block


def teleservices_page(ctx: SiteContext) -> PageDraft | None:
    """The "Démarches en ligne" page listing the links that service pages left to it."""
    if not ctx.teleservices:
        return None
    page = ctx.add(PageDraft(ctx.plain_path("teleservices"), "Démarches en ligne", "mairie"))
    page.in_nav = True
    page.menu = "Démarches en ligne"
    page.blocks.append(
        "<p>Retrouvez ici les démarches que vous pouvez effectuer en ligne, 24 h sur 24.</p>"
    )
    page.blocks.append("<ul>" + "".join(item for item, _ in ctx.teleservices) + "</ul>")
    page.evidence += [evidence for _, evidence in ctx.teleservices]
    return page
