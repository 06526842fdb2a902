"""What makes real commune sites hard to crawl: robots.txt rules, redirects, dead links, slow and
failing pages, legacy encodings, malformed HTML, very large pages, and evidence that a polite
crawler must not use (pages disallowed by robots.txt, pages nobody links to)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape

from barometre.farm.context import PageDraft, SiteContext
from barometre.farm.model import Evidence, Resource
from barometre.farm.outside import form_html, link
from barometre.farm.phrasing import service_text, slugify
from barometre.referential.catalogue import CatalogueSpec

_ERROR_500 = (
    b"<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server "
    b"Error</h1><p>The server encountered an internal error.</p></body></html>"
)
_MINUTES = (
    "Approbation du procès-verbal de la séance précédente : adopté à l'unanimité.",
    "Décision modificative n° 2 du budget principal : adoptée par 24 voix pour et 5 abstentions.",
    "Convention avec le syndicat départemental d'énergie pour l'enfouissement des réseaux.",
    "Dénomination d'une rue du nouveau quartier : allée des Tilleuls.",
    "Tarifs de location de la salle des fêtes pour l'année à venir.",
    "Indemnités de fonction des élus : maintien des taux votés en début de mandat.",
    "Admission en non-valeur de créances irrécouvrables.",
    "Cession d'une parcelle communale au lieu-dit les Grands Prés.",
)


@dataclass(frozen=True, slots=True)
class SiteQuirks:
    charset: tuple[str, bool, bool]  # encoding, declared in the HTTP header, in a meta tag
    malformed: bool
    robots: bool
    robots_hides: bool
    agents_decoy: bool
    orphan_decoy: bool
    home_redirect: bool
    legacy_links: bool
    broken_links: int
    slow_pages: int
    error_500: bool
    reset: bool
    large: bool

    @classmethod
    def draw(cls, rng: random.Random, template: str) -> SiteQuirks:
        if template == "table2000":
            charset = rng.choice(
                [
                    ("iso-8859-1", True, False),
                    ("windows-1252", False, True),
                    ("iso-8859-1", True, True),
                ]
            )
        elif rng.random() < 0.06:
            charset = ("windows-1252", True, True)
        else:
            charset = ("utf-8", True, rng.random() < 0.9)
        robots = rng.random() < 0.9
        return cls(
            charset=charset,
            malformed=template == "table2000" or rng.random() < 0.15,
            robots=robots,
            robots_hides=robots and rng.random() < 0.12,
            agents_decoy=robots and rng.random() < 0.4,
            orphan_decoy=rng.random() < 0.3,
            home_redirect=rng.random() < 0.35,
            legacy_links=rng.random() < 0.4,
            broken_links=rng.choice([0, 0, 1, 2, 3]),
            slow_pages=rng.choice([0, 0, 0, 0, 1, 2]),
            error_500=rng.random() < 0.2,
            reset=rng.random() < 0.1,
            large=rng.random() < 0.08,
        )

    def names(self) -> tuple[str, ...]:
        flags = {
            f"charset:{self.charset[0]}": self.charset[0] != "utf-8",
            "malformed": self.malformed,
            "no-robots": not self.robots,
            "robots-hides-form": self.robots_hides,
            "robots-decoy": self.agents_decoy,
            "orphan-decoy": self.orphan_decoy,
            "home-redirect": self.home_redirect,
            "legacy-redirects": self.legacy_links,
            "broken-links": self.broken_links > 0,
            "slow": self.slow_pages > 0,
            "http-500": self.error_500,
            "reset": self.reset,
            "large-page": self.large,
        }
        return tuple(name for name, on in flags.items() if on)


def apply_quirks(
    ctx: SiteContext,
    quirks: SiteQuirks,
    catalogue: CatalogueSpec,
    levels: dict[str, int],
    options: object,
) -> str:
    """Apply the site's quirks to its drafts and files; return the start path."""
    rng = ctx.rng
    if quirks.robots:
        _robots(ctx, _hidden_forms(ctx) if quirks.robots_hides else [])
    low = [s for s in catalogue.services if levels[s.id] < 3 and s.max_level >= 3]
    if quirks.agents_decoy and low:
        _decoy_page(ctx, catalogue, rng.choice(low).id, "/espace-agents/", linked=True)
    if quirks.orphan_decoy and low:
        _decoy_page(ctx, catalogue, rng.choice(low).id, "/ancien-site/", linked=False)
    if quirks.legacy_links:
        _legacy_redirects(ctx)
    plain = [d for d in ctx.drafts.values() if not d.evidence and not d.decoy and d.path != "/"]
    news = [d for d in plain if d.kind == "news"]
    _broken_links(ctx, quirks.broken_links, news or plain)
    for draft in rng.sample(list(ctx.drafts.values()), k=min(quirks.slow_pages, len(ctx.drafts))):
        draft.delay = getattr(options, "slow_delay", 1.0)
    _failing_pages(ctx, quirks, [d for d in news if not d.delay])
    if quirks.large:
        _large_page(ctx, getattr(options, "large_page_bytes", 3_000_000))
    if quirks.home_redirect:
        _home_redirect(ctx)
    return "/"


def _broken_links(ctx: SiteContext, count: int, pages: list[PageDraft]) -> None:
    """`count` links to pages and documents that are gone, each on one of `pages`."""
    for i in range(count):
        target = ctx.rng.choice(pages)
        dead = (
            ctx.plain_path(f"ancienne-page-{i}")
            if i % 2
            else ctx.doc_path(f"bulletin-{2010 + i}", "pdf")
        )
        target.blocks.append(f"<p>{link(ctx.url(dead), 'Lire la suite')}</p>")


def _failing_pages(ctx: SiteContext, quirks: SiteQuirks, failing: list[PageDraft]) -> None:
    """One news page answers 500, another resets the connection, when the site has them."""
    if quirks.error_500 and failing:
        draft = failing.pop(ctx.rng.randrange(len(failing)))
        del ctx.drafts[draft.path]
        ctx.files[draft.path] = Resource(status=500, body=_ERROR_500)
    if quirks.reset and failing:
        draft = failing.pop(ctx.rng.randrange(len(failing)))
        del ctx.drafts[draft.path]
        ctx.files[draft.path] = Resource(behaviour="reset")


def _hidden_forms(ctx: SiteContext) -> list[str]:
    """One online form page that robots.txt will disallow: what it evidences no longer counts."""
    forms = [
        d.path
        for d in ctx.drafts.values()
        if not d.in_nav and any(e.level >= 3 and e.via is None for e in d.evidence)
    ]
    return [ctx.rng.choice(forms)] if forms else []


def _robots(ctx: SiteContext, hidden: list[str]) -> None:
    extra = {
        "wordpress": ["/wp-admin/", "/wp-login.php"],
        "drupal": ["/user/", "/admin/", "/node/add/"],
        "publik": ["/manage/", "/backoffice/"],
        "dsfr": ["/admin/"],
        "table2000": ["/cgi-bin/", "/stats/"],
    }[ctx.template]
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in extra),
        "Disallow: /espace-agents/",
        "Disallow: /recherche",
        *(f"Disallow: {path}" for path in hidden),
        "",
        "User-agent: BadBot",
        "Disallow: /",
        "",
    ]
    body = "\n".join(lines).encode("ascii")
    ctx.files["/robots.txt"] = Resource(content_type="text/plain; charset=utf-8", body=body)


def _decoy_page(
    ctx: SiteContext, catalogue: CatalogueSpec, service_id: str, prefix: str, *, linked: bool
) -> None:
    """A page with an online form that a polite crawler never sees: its evidence is a decoy."""
    text = service_text(catalogue.service(service_id))
    path = f"{prefix}{slugify(text.form_title)[:50]}/"
    page = PageDraft(path, text.form_title, None)
    page.blocks.append(f"<p>{escape(text.form_title)} (version de travail).</p>")
    page.blocks.append(form_html(ctx, text, path))
    page.decoy.append(Evidence(service_id, 3))
    ctx.add(page)
    if linked:
        index = ctx.add(PageDraft(prefix, "Espace agents", None))
        index.blocks.append(f"<p>{link(ctx.url(path), text.form_title)}</p>")


def _legacy_redirects(ctx: SiteContext) -> None:
    """Menu entries that still point to the old site's URLs, redirected (301, then 302)."""
    rng = ctx.rng
    targets = [d for d in ctx.drafts.values() if d.in_nav]
    for n, draft in enumerate(rng.sample(targets, k=min(3, len(targets)))):
        legacy = f"/index.php?id={rng.randint(10, 999)}&lang=fr"
        final = ctx.url(draft.path)
        if n % 2:
            middle = f"/old/{slugify(draft.title)[:40]}.html"
            ctx.files[middle] = Resource(status=302, headers=(("Location", final),))
            ctx.files[legacy] = Resource(status=301, headers=(("Location", middle),))
        else:
            ctx.files[legacy] = Resource(status=301, headers=(("Location", final),))
        ctx.aliases[draft.path] = legacy


def _home_redirect(ctx: SiteContext) -> None:
    target = "/index.php" if ctx.template == "table2000" else "/accueil/"
    home = ctx.drafts.pop("/")
    home.path = target
    ctx.drafts[target] = home
    status = 302 if ctx.template == "table2000" else 301
    ctx.files["/"] = Resource(status=status, headers=(("Location", ctx.url(target)),))


def _large_page(ctx: SiteContext, size: int) -> None:
    path = ctx.plain_path("comptes-rendus-du-conseil")
    head = (
        f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>Comptes rendus du "
        f"conseil municipal - {escape(ctx.name)}</title></head><body><h1>Comptes rendus du "
        "conseil municipal</h1>"
    ).encode()

    def body() -> bytes:
        chunks = [head]
        total, n = len(head), 0
        while total < size:
            line = f"<p>Point {n + 1}. {_MINUTES[n % len(_MINUTES)]}</p>\n".encode()
            chunks.append(line)
            total += len(line)
            n += 1
        chunks.append(b"</body></html>")
        return b"".join(chunks)

    ctx.files[path] = Resource(factory=body)
    home = ctx.drafts["/"]
    home.blocks.append(f"<p>{link(ctx.url(path), 'Comptes rendus du conseil municipal')}</p>")
