"""A farm site's pages rendered as HTTP resources: the template's layout (navigation,
breadcrumbs, footer, a "see also" aside) around each page, then the site's habits
(root-relative links, typographic apostrophes, malformed markup)."""

from __future__ import annotations

import re
from html import escape

from barometre.farm.context import PageDraft, SiteContext
from barometre.farm.model import Resource
from barometre.farm.phrasing import CATEGORIES, of, pick
from barometre.farm.quirks import SiteQuirks
from barometre.farm.templates import Layout, render


def distinct_pages(services: dict[str, PageDraft]) -> list[PageDraft]:
    """Service pages, each once (two services may share a page)."""
    return list({id(page): page for page in services.values()}.values())


def render_site(
    ctx: SiteContext, quirks: SiteQuirks, services: dict[str, PageDraft]
) -> dict[str, Resource]:
    nav = _nav(ctx)
    footer = _footer(ctx, services)
    footer_text = _footer_text(ctx)
    charset, in_header, in_meta = quirks.charset
    content_type = f"text/html; charset={charset}" if in_header else "text/html"
    routes: dict[str, Resource] = {}
    see_also = ctx.rng.random() < 0.5
    typographic = ctx.rng.random() < 0.4
    relative = ctx.rng.random() < 0.6
    service_links = [(ctx.url(p.path), p.menu) for p in distinct_pages(services)]
    for path, draft in ctx.drafts.items():
        aside: tuple[tuple[str, str], ...] = ()
        if see_also and draft.in_nav and draft.category in CATEGORIES and len(service_links) > 3:
            aside = tuple(ctx.rng.sample(service_links, k=3))
        layout = Layout(
            site_name=f"Ville {of(ctx.name)}",
            title=draft.title,
            crumbs=_crumbs(path, draft),
            body="".join(draft.blocks),
            nav=nav,
            footer=footer,
            footer_text=footer_text,
            charset=charset,
            meta_charset=in_meta,
            aside=aside,
        )
        html = _finish(render(ctx.template, layout), ctx, relative, typographic, quirks.malformed)
        routes[path] = Resource(
            content_type=content_type,
            body=html.encode(charset, errors="xmlcharrefreplace"),
            delay=draft.delay,
            evidence=tuple(draft.evidence),
            decoy=tuple(draft.decoy),
        )
    return routes


def _footer_text(ctx: SiteContext) -> str:
    return (
        f"Mairie {escape(of(ctx.name))} - {escape(pick(ctx.rng, ctx.phrases['streets']))} - "
        f"Tél. {ctx.phone} - Accueil : état civil, élections, inscriptions scolaires, "
        "urbanisme et paiement des factures aux heures d'ouverture."
    )


def _crumbs(path: str, draft: PageDraft) -> tuple[tuple[str, str], ...]:
    """Home, the page's category when it has one, the page."""
    crumbs: tuple[tuple[str, str], ...] = (("/", "Accueil"),)
    if draft.category in CATEGORIES:
        crumbs += (("#", CATEGORIES[draft.category]),)
    return (*crumbs, (path, draft.title))


def _finish(html: str, ctx: SiteContext, relative: bool, typographic: bool, malformed: bool) -> str:
    """The site's habits applied to a rendered page."""
    if relative:  # most sites link to their own pages with root-relative URLs
        html = html.replace(f'href="{ctx.base}/', 'href="/').replace(f"HREF={ctx.base}/", "HREF=/")
    if typographic:
        html = typography(html)
    if malformed:
        html = malform(html)
    return html


def _nav(ctx: SiteContext) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for draft in ctx.drafts.values():
        if draft.in_nav and draft.category:
            label = CATEGORIES.get(draft.category, "La commune")
            href = ctx.url(ctx.aliases.get(draft.path, draft.path))
            groups.setdefault(label, []).append((href, draft.menu or draft.title))
    groups.setdefault("Actualités", []).extend(
        [
            (ctx.url(ctx.plain_path("actualites")), "Toutes les actualités"),
            (ctx.url(ctx.plain_path("agenda")), "Agenda"),
        ]
    )
    return tuple((label, tuple(items)) for label, items in groups.items())


def _footer(ctx: SiteContext, services: dict[str, PageDraft]) -> tuple[tuple[str, str], ...]:
    links = [
        (ctx.url(ctx.plain_path("contact")), "Contact"),
        (ctx.url(ctx.plain_path("mentions-legales")), "Mentions légales"),
        (ctx.url(ctx.plain_path("mes-demarches")), "Mes démarches en ligne"),
    ]
    if ctx.downloads:
        links.append((ctx.url(ctx.plain_path("telechargements")), "Documents à télécharger"))
    if "paiement-famille" in services:
        links.append((ctx.url(services["paiement-famille"].path), "Paiement en ligne"))
    if ctx.family_vendor:
        url = ctx.hub.family_portal(ctx.family_vendor, ctx.slug, ctx.name, level=3, fc=False)
        links.append((url, "Portail Famille"))
    if "/espace-agents/" in " ".join(ctx.drafts) or any("espace-agents" in p for p in ctx.files):
        links.append((ctx.url("/espace-agents/"), "Espace agents"))
    return tuple(links)


_TEXT_NODE = re.compile(r">([^<]+)<")


def typography(html: str) -> str:
    """French typography in text nodes: curly apostrophes, no-break spaces before : ; ? !"""

    def fix(match: re.Match[str]) -> str:
        text = match.group(1).replace("&#x27;", "’").replace("'", "’")
        for mark in (":", ";", "?", "!"):
            text = text.replace(f" {mark}", f" {mark}")
        return f">{text}<"

    return _TEXT_NODE.sub(fix, html)


def malform(html: str) -> str:
    """Drop some closing tags and leave stray markup, as hand-edited pages do."""
    for tag in ("</li>", "</p>", "</span>"):
        html = html.replace(tag, "", html.count(tag) // 2)
    return html.replace("<main", "<div class=wrapper><b><main", 1).replace("</body>", "")
