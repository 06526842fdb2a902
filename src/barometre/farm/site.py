"""Build one commune website: its service pages, furniture pages, menus, and rendering."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from barometre.farm.context import PageDraft, SiteContext
from barometre.farm.mixing import combine_pages, teleservices_page
from barometre.farm.model import Evidence, FarmSite, Resource
from barometre.farm.outside import form_html, link
from barometre.farm.phrasing import CATEGORIES, fill, of, phrases, pick, service_text, slugify
from barometre.farm.platforms import PlatformHub
from barometre.farm.quirks import SiteQuirks, apply_quirks
from barometre.farm.services import build_service
from barometre.farm.styles import STYLESHEET_PATHS, stylesheet
from barometre.farm.templates import Layout, render
from barometre.referential.catalogue import CatalogueSpec

FAMILY_BILLS = "paiement-famille"


@dataclass(frozen=True, slots=True)
class SiteOptions:
    pages_per_site: int
    slow_delay: float
    large_page_bytes: int
    phrasing: str = "main"


def choose_template(rng: random.Random, population: int) -> str:
    if population < 3500:
        weights = [0.35, 0.1, 0.05, 0.15, 0.35]
    elif population < 50000:
        weights = [0.35, 0.25, 0.1, 0.2, 0.1]
    else:
        weights = [0.15, 0.3, 0.3, 0.2, 0.05]
    return rng.choices(["wordpress", "drupal", "publik", "dsfr", "table2000"], weights)[0]


def site_host(rng: random.Random, slug: str, taken: set[str]) -> str:
    shape = rng.choices(
        ["www.{}.ville.test", "www.mairie-{}.test", "www.ville-{}.test"], [0.6, 0.2, 0.2]
    )[0]
    host = shape.format(slug)
    n = 2
    while host in taken:
        host = shape.format(f"{slug}{n}")
        n += 1
    taken.add(host)
    return host


def _host_slug(host: str) -> str:
    """The unique slug of a site, used in the URLs of its outside platforms."""
    core = host.removeprefix("www.").removesuffix(".ville.test").removesuffix(".test")
    return core.removeprefix("mairie-").removeprefix("ville-")


def build_site(
    *,
    rng: random.Random,
    commune: tuple[str, str, int],
    catalogue: CatalogueSpec,
    levels: dict[str, int],
    hub: PlatformHub,
    taken_hosts: set[str],
    options: SiteOptions,
) -> FarmSite:
    """Add one site's routes to the hub's routes and return its description.

    `levels` may be raised where the site's tools imply it (a family portal); the caller's
    dict is updated, so that it stays the intended level of each cell.
    """
    code, name, population = commune
    slug = slugify(name)
    host = site_host(rng, slug, taken_hosts)
    template = choose_template(rng, population)
    ctx = SiteContext(
        rng=rng,
        code=code,
        name=name,
        slug=_host_slug(host),
        host=host,
        template=template,
        hub=hub,
        phrases=phrases(options.phrasing),
        family_vendor=rng.choice(["berger-levrault", "portail-familles", None]),
        citizen_portal="publik"
        if template == "publik"
        else ("espace-citoyens" if rng.random() < 0.25 else None),
        php_paths=rng.random() < 0.5,
        numcli=f"{rng.randint(1000, 99999):06d}",
        phone=f"0{rng.randint(1, 5)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
    )
    if ctx.family_vendor and levels.get(FAMILY_BILLS, 0) < 3 and FAMILY_BILLS in catalogue.ids:
        # a family portal shows the family's invoices: bills are at least at level 3 there
        levels[FAMILY_BILLS] = 3
    ctx.family_bills_online = levels.get(FAMILY_BILLS, 0) >= 4
    services = {}
    for spec in catalogue.services:
        if levels[spec.id] >= 1:
            text = service_text(spec, options.phrasing)
            services[spec.id] = build_service(ctx, spec, text, levels[spec.id])
    combine_pages(ctx, services, share=0.25)
    teleservices_page(ctx)
    _furniture(ctx, services, catalogue, levels, options)
    quirks = SiteQuirks.draw(rng, template)
    home = apply_quirks(ctx, quirks, catalogue, levels, options)
    routes = _render_all(ctx, quirks, services)
    routes.update(ctx.files)
    routes[STYLESHEET_PATHS[template]] = Resource(
        content_type="text/css; charset=utf-8", body=stylesheet(template, host)
    )
    hub.routes[host] = routes
    return FarmSite(
        code=code,
        name=name,
        population=population,
        host=host,
        start_url=f"https://{host}{home}",
        template=template,
        quirks=quirks.names(),
    )


def _furniture(
    ctx: SiteContext,
    services: dict[str, PageDraft],
    catalogue: CatalogueSpec,
    levels: dict[str, int],
    options: SiteOptions,
) -> None:
    """Home, news, agenda, contact, downloads, account and filler pages."""
    rng = ctx.rng
    ph = ctx.phrases
    home = ctx.add(PageDraft("/", f"Bienvenue à {ctx.name}", None))
    quick = "".join(f"<li>{link(ctx.url(p.path), p.menu)}</li>" for p in _distinct(services))
    home.blocks.append(f"<p>Le site officiel de la commune {escape(of(ctx.name))}.</p>")
    home.blocks.append(f"<h2>En un clic</h2><ul class='quick-links'>{quick}</ul>")
    news_pages: list[PageDraft] = []
    for sid, page in services.items():
        headlines = _headlines(service_text(catalogue.service(sid)).news, levels[sid])
        if headlines and rng.random() < 0.5:
            headline = pick(rng, headlines)
            path = ctx.news_path(slugify(headline)[:50], len(news_pages))
            news = PageDraft(path, headline, None, kind="news")
            news.blocks.append(
                f"<p>{escape(headline)}. Toutes les informations : "
                f"{link(ctx.url(page.path), page.title)}.</p>"
            )
            news_pages.append(ctx.add(news))
    fillers = list(ph["news_generic"])
    rng.shuffle(fillers)
    target = options.pages_per_site - 8
    for title, body in fillers:
        if len(ctx.drafts) >= target:
            break
        path = ctx.news_path(slugify(title)[:50], len(news_pages))
        news = PageDraft(path, title, None, kind="news")
        news.blocks.append(f"<p>{escape(body)}</p>")
        news_pages.append(ctx.add(news))
    _listing(ctx, "actualites", "Actualités", news_pages)
    agenda = ctx.add(PageDraft(ctx.plain_path("agenda"), "Agenda", None, kind="news"))
    for title, body in rng.sample(ph["agenda"], k=3):
        agenda.blocks.append(f"<h2>{escape(title)}</h2><p>{escape(body)}</p>")
    _contact_page(ctx)
    mentions = ctx.add(PageDraft(ctx.plain_path("mentions-legales"), "Mentions légales", None))
    mentions.blocks.append(f"<p>Directeur de la publication : le maire {escape(of(ctx.name))}.</p>")
    if ctx.downloads:
        page = ctx.add(
            PageDraft(ctx.plain_path("telechargements"), "Documents à télécharger", None)
        )
        page.blocks.append("<ul>" + "".join(item for item, _ in ctx.downloads) + "</ul>")
        page.evidence += [evidence for _, evidence in ctx.downloads]
    if ctx.account_users:
        _account_page(ctx)
    hub_page = ctx.add(PageDraft(ctx.plain_path("mes-demarches"), "Mes démarches", None))
    hub_page.blocks.append("<ul>" + quick + "</ul>")
    for title, body in rng.sample(ph["filler"], k=len(ph["filler"])):
        if len(ctx.drafts) >= options.pages_per_site:
            break
        page = ctx.add(PageDraft(ctx.plain_path(slugify(title)), title, "commune"))
        page.blocks.append(f"<p>{escape(body)}</p>")
        page.in_nav = True
        page.menu = title


def _distinct(services: dict[str, PageDraft]) -> list[PageDraft]:
    """Service pages, each once (two services may share a page)."""
    return list({id(page): page for page in services.values()}.values())


def _headlines(news: tuple[str, ...], level: int) -> list[str]:
    """The headlines a commune at `level` can publish ("[3] ..." needs level 3 or more)."""
    out = []
    for headline in news:
        if headline.startswith("[") and "] " in headline:
            needed, headline = headline[1:].split("] ", 1)
            if level < int(needed):
                continue
        out.append(headline)
    return out


def _listing(ctx: SiteContext, slug: str, title: str, pages: Sequence[PageDraft]) -> None:
    page = ctx.add(PageDraft(ctx.plain_path(slug), title, None))
    items = "".join(f"<li>{link(ctx.url(p.path), p.title)}</li>" for p in pages)
    page.blocks.append(f"<ul class='news-list'>{items}</ul>")


def _contact_page(ctx: SiteContext) -> None:
    page = ctx.add(PageDraft(ctx.plain_path("contact"), "Contacter la mairie", None))
    mail = f"accueil@{ctx.host.removeprefix('www.')}"
    street = pick(ctx.rng, ctx.phrases["streets"])
    page.blocks.append(
        f"<p>Mairie {escape(of(ctx.name))}, {escape(street)}. Tél. : {ctx.phone}. "
        f'Courriel : <a href="mailto:{mail}">{mail}</a></p>'
        "<form method='post' action='/contact/envoi'><label>Nom <input name='nom'></label>"
        "<label>Message <textarea name='message'></textarea></label>"
        "<button type='submit'>Envoyer</button></form>"
    )


def _account_page(ctx: SiteContext) -> None:
    page = ctx.add(PageDraft(ctx.plain_path("mon-compte"), "Mon compte citoyen", None))
    page.blocks.append(
        "<p>Votre compte citoyen vous permet de suivre l'avancement de vos demandes, "
        "de recevoir les réponses et documents en ligne et de retrouver l'historique de vos "
        "démarches.</p><form method='post' action='/mon-compte/connexion'>"
        "<label>Adresse électronique <input type='email' name='email'></label>"
        "<label>Mot de passe <input type='password' name='password'></label>"
        "<button type='submit'>Se connecter</button></form>"
    )


def _render_all(
    ctx: SiteContext, quirks: SiteQuirks, services: dict[str, PageDraft]
) -> dict[str, Resource]:
    nav = _nav(ctx)
    footer = _footer(ctx, services)
    footer_text = (
        f"Mairie {escape(of(ctx.name))} - {escape(pick(ctx.rng, ctx.phrases['streets']))} - "
        f"Tél. {ctx.phone} - Accueil : état civil, élections, inscriptions scolaires, "
        "urbanisme et paiement des factures aux heures d'ouverture."
    )
    charset, in_header, in_meta = quirks.charset
    content_type = f"text/html; charset={charset}" if in_header else "text/html"
    routes: dict[str, Resource] = {}
    see_also = ctx.rng.random() < 0.5
    typographic = ctx.rng.random() < 0.4
    relative = ctx.rng.random() < 0.6
    service_links = [(ctx.url(p.path), p.menu) for p in _distinct(services)]
    for path, draft in ctx.drafts.items():
        aside: tuple[tuple[str, str], ...] = ()
        if see_also and draft.in_nav and draft.category in CATEGORIES and len(service_links) > 3:
            aside = tuple(ctx.rng.sample(service_links, k=3))
        crumbs: tuple[tuple[str, str], ...] = (("/", "Accueil"),)
        if draft.category in CATEGORIES:
            crumbs += (("#", CATEGORIES[draft.category]),)
        layout = Layout(
            site_name=f"Ville {of(ctx.name)}",
            title=draft.title,
            crumbs=(*crumbs, (path, draft.title)),
            body="".join(draft.blocks),
            nav=nav,
            footer=footer,
            footer_text=footer_text,
            charset=charset,
            meta_charset=in_meta,
            aside=aside,
        )
        html = render(ctx.template, layout)
        if relative:  # most sites link to their own pages with root-relative URLs
            html = html.replace(f'href="{ctx.base}/', 'href="/').replace(
                f"HREF={ctx.base}/", "HREF=/"
            )
        if typographic:
            html = typography(html)
        if quirks.malformed:
            html = malform(html)
        routes[path] = Resource(
            content_type=content_type,
            body=html.encode(charset, errors="xmlcharrefreplace"),
            delay=draft.delay,
            evidence=tuple(draft.evidence),
            decoy=tuple(draft.decoy),
        )
    return routes


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


__all__ = ["Evidence", "SiteOptions", "build_site", "fill", "form_html"]
