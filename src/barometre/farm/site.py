"""Build one commune website: its service pages, furniture pages, menus, and rendering."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from barometre.farm.context import PageDraft, SiteContext
from barometre.farm.mixing import combine_pages, teleservices_page
from barometre.farm.model import Evidence, FarmSite, Resource
from barometre.farm.outside import form_html, link
from barometre.farm.phrasing import fill, of, phrases, pick, service_text, slugify
from barometre.farm.platforms import PlatformHub
from barometre.farm.quirks import SiteQuirks, apply_quirks
from barometre.farm.rendering import distinct_pages, render_site
from barometre.farm.services import build_service
from barometre.farm.styles import STYLESHEET_PATHS, stylesheet
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
    ctx = _context(rng, commune, hub, taken_hosts, options)
    _family_bills(ctx, catalogue, levels)
    services = {
        spec.id: build_service(ctx, spec, service_text(spec, options.phrasing), levels[spec.id])
        for spec in catalogue.services
        if levels[spec.id] >= 1
    }
    combine_pages(ctx, services, share=0.25)
    teleservices_page(ctx)
    _furniture(ctx, services, catalogue, levels, options)
    quirks = SiteQuirks.draw(rng, ctx.template)
    home = apply_quirks(ctx, quirks, catalogue, levels, options)
    hub.routes[ctx.host] = _routes(ctx, quirks, services)
    return FarmSite(
        code=code,
        name=name,
        population=population,
        host=ctx.host,
        start_url=f"https://{ctx.host}{home}",
        template=ctx.template,
        quirks=quirks.names(),
    )


def _family_bills(ctx: SiteContext, catalogue: CatalogueSpec, levels: dict[str, int]) -> None:
    if ctx.family_vendor and levels.get(FAMILY_BILLS, 0) < 3 and FAMILY_BILLS in catalogue.ids:
        # a family portal shows the family's invoices: bills are at least at level 3 there
        levels[FAMILY_BILLS] = 3
    ctx.family_bills_online = levels.get(FAMILY_BILLS, 0) >= 4


def _routes(
    ctx: SiteContext, quirks: SiteQuirks, services: dict[str, PageDraft]
) -> dict[str, Resource]:
    """Every page rendered, the files the site serves and its stylesheet."""
    routes = render_site(ctx, quirks, services)
    routes.update(ctx.files)
    routes[STYLESHEET_PATHS[ctx.template]] = Resource(
        content_type="text/css; charset=utf-8", body=stylesheet(ctx.template, ctx.host)
    )
    return routes


def _context(
    rng: random.Random,
    commune: tuple[str, str, int],
    hub: PlatformHub,
    taken_hosts: set[str],
    options: SiteOptions,
) -> SiteContext:
    """The site's host, template, vendors and contact details, drawn in this order."""
    code, name, population = commune
    host = site_host(rng, slugify(name), taken_hosts)
    template = choose_template(rng, population)
    return SiteContext(
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


def _furniture(
    ctx: SiteContext,
    services: dict[str, PageDraft],
    catalogue: CatalogueSpec,
    levels: dict[str, int],
    options: SiteOptions,
) -> None:
    """Home, news, agenda, contact, downloads, account and filler pages."""
    home = ctx.add(PageDraft("/", f"Bienvenue à {ctx.name}", None))
    quick = "".join(f"<li>{link(ctx.url(p.path), p.menu)}</li>" for p in distinct_pages(services))
    home.blocks.append(f"<p>Le site officiel de la commune {escape(of(ctx.name))}.</p>")
    home.blocks.append(f"<h2>En un clic</h2><ul class='quick-links'>{quick}</ul>")
    _news(ctx, services, catalogue, levels, options)
    _town_hall_pages(ctx)
    hub_page = ctx.add(PageDraft(ctx.plain_path("mes-demarches"), "Mes démarches", None))
    hub_page.blocks.append("<ul>" + quick + "</ul>")
    for title, body in ctx.rng.sample(ctx.phrases["filler"], k=len(ctx.phrases["filler"])):
        if len(ctx.drafts) >= options.pages_per_site:
            break
        page = ctx.add(PageDraft(ctx.plain_path(slugify(title)), title, "commune"))
        page.blocks.append(f"<p>{escape(body)}</p>")
        page.in_nav = True
        page.menu = title


def _news(
    ctx: SiteContext,
    services: dict[str, PageDraft],
    catalogue: CatalogueSpec,
    levels: dict[str, int],
    options: SiteOptions,
) -> None:
    """News about the services (each headline the service's level allows, one in two), then
    generic news up to the site's size, their listing and the agenda."""
    rng = ctx.rng
    ph = ctx.phrases
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


def _town_hall_pages(ctx: SiteContext) -> None:
    """Contact, legal notice, downloads and the citizen account when the site has them."""
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


__all__ = ["Evidence", "SiteOptions", "build_site", "fill", "form_html"]
