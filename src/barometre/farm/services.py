"""Write the pages of one service at its true level, as SCALE.md describes the evidence.

Level 1: an information page. Level 2: a form to download (PDF/ODT, often a cerfa) or e-mail as
the only channel. Level 3: an HTML form with fields and a submit button, a link to a recognised
platform page, or online appointment booking. Level 4: online payment or an account that tracks
the case. Level 5: FranceConnect pre-filling the form. Every page records the levels it evidences
(`Evidence`), and pages that a polite crawler cannot use (dead links) record theirs as decoys.
"""

from __future__ import annotations

from html import escape

from barometre.farm.context import PageDraft, SiteContext
from barometre.farm.documents import odt_bytes, pdf_bytes
from barometre.farm.model import Evidence, Resource
from barometre.farm.outside import form_html, level4_link, level5_block, platform_link
from barometre.farm.phrasing import ServiceText, fill, of, pick, slugify, to_office
from barometre.referential.catalogue import ServiceSpec


def build_service(ctx: SiteContext, spec: ServiceSpec, text: ServiceText, level: int) -> PageDraft:
    """Add the pages of `spec` at `level` (>= 1) to the site; return its information page."""
    rng = ctx.rng
    title = fill(pick(rng, text.titles), commune=ctx.name)
    slug = slugify(text.menu if rng.random() < 0.5 else title)[:60]
    page = PageDraft(ctx.service_path(text.category, slug), title, text.category, menu=text.menu)
    page.in_nav = True
    page.evidence.append(Evidence(spec.id, 1))
    page.blocks.append(f"<p>{escape(fill(pick(rng, text.intro), commune=ctx.name))}</p>")
    page.blocks.append(_facts(ctx, text))
    if rng.random() < 0.3 and text.service_public:
        number = "F" + str(1000 + (sum(map(ord, spec.id)) % 8000))
        url = ctx.hub.service_public_fiche(number, title)
        link = f'<a href="{url}">Fiche pratique sur service-public.fr</a>'
        page.blocks.append(f"<p>{fill(pick(rng, ctx.phrases['info_link_sp']), link=link)}</p>")
    ctx.add(page)
    if level == 2 or (level >= 3 and rng.random() < 0.4):
        _level2(ctx, spec, text, page, email_ok=level == 2)
    if level < 3 and rng.random() < 0.3:  # how to apply in person, or "not online yet"
        key = "not_online" if spec.max_level >= 3 and rng.random() < 0.35 else "in_person"
        page.blocks.append(f"<p>{escape(fill(pick(rng, ctx.phrases[key]), phone=ctx.phone))}</p>")
    if level < 3 and spec.max_level >= 3 and rng.random() < 0.1:
        _dead_online_link(ctx, spec, text, page)
    form_page = _level3(ctx, spec, text, page, level) if level >= 3 else None
    if level >= 4:
        _level4(ctx, spec, text, form_page or page, level)
    if level >= 5:
        _level5(ctx, spec, form_page or page)
    page.blocks.append(_contact(ctx, text))
    return page


def _facts(ctx: SiteContext, text: ServiceText) -> str:
    rng = ctx.rng
    facts = rng.sample(list(text.facts), k=min(len(text.facts), rng.randint(2, 5)))
    if rng.random() < 0.5:
        items = "".join(f"<li>{escape(f)}</li>" for f in facts)
        heading = pick(rng, ["Pièces et conditions", "À savoir", "Bon à savoir", "Modalités"])
        return f"<h2>{heading}</h2><ul>{items}</ul>"
    return "".join(f"<p>{escape(f)}</p>" for f in facts)


def _contact(ctx: SiteContext, text: ServiceText) -> str:
    rng = ctx.rng
    heading = pick(rng, ctx.phrases["contact_intro"])
    hours = pick(rng, ctx.phrases["hours"])
    street = pick(rng, ctx.phrases["streets"])
    block = (
        f"<h3>{heading}</h3><p>{escape(_upper_first(text.office))}, {escape(street)}<br>"
        f"Tél. : {ctx.phone}<br>{escape(hours)}</p>"
    )
    if rng.random() < 0.2:
        mail = ctx.email(text.office)
        block += f'<p>Une question ? <a href="mailto:{mail}">{mail}</a></p>'
    return block


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _link(url: str, label: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{escape(url)}"{attr}>{escape(label)}</a>'


def _level2(
    ctx: SiteContext, spec: ServiceSpec, text: ServiceText, page: PageDraft, *, email_ok: bool
) -> None:
    rng = ctx.rng
    roll = rng.random()
    if email_ok and roll < 0.18:
        mail = ctx.email(text.office)
        sentence = fill(
            pick(rng, ctx.phrases["email_only"]),
            email=f'<a href="mailto:{mail}">{mail}</a>',
            office=escape(text.office),
            a_office=escape(to_office(text.office)),
        )
        page.blocks.append(f"<p>{sentence}</p>")
        page.evidence.append(Evidence(spec.id, 2))
        return
    ext = "odt" if rng.random() < 0.15 else "pdf"
    url = ctx.url(ctx.doc_path(text.doc_file, ext))
    _register_doc(ctx, text, url, ext)
    if text.cerfa and rng.random() < 0.6:
        label = pick(rng, ctx.phrases["download_link_cerfa"])
    else:
        label = pick(rng, ctx.phrases["download_link"])
    label = fill(label, doc=text.doc_title, cerfa=text.cerfa or "", size=str(rng.randint(60, 900)))
    link = _link(url, label)
    evidence = Evidence(spec.id, 2, via=url)
    if roll < 0.35:  # the form sits on the site's "documents to download" page
        ctx.downloads.append((f"<li>{escape(text.menu)} : {link}</li>", evidence))
        return
    sentence = fill(
        pick(rng, ctx.phrases["download"]),
        link=link,
        office=escape(text.office),
        a_office=escape(to_office(text.office)),
    )
    page.blocks.append(f"<p>{sentence}</p>")
    page.evidence.append(evidence)


def _register_doc(ctx: SiteContext, text: ServiceText, url: str, ext: str) -> None:
    path = url.removeprefix(ctx.base)
    lines = [f"Commune {of(ctx.name)}", _upper_first(text.office)]
    if text.cerfa:
        lines.insert(0, f"Cerfa n° {text.cerfa}")
    lines += [label for label, _name, _kind in text.fields]
    if ext == "pdf":
        ctx.files[path] = Resource(
            content_type="application/pdf", body=pdf_bytes(text.doc_title, lines)
        )
    else:
        odt = "application/vnd.oasis.opendocument.text"
        ctx.files[path] = Resource(content_type=odt, body=odt_bytes(text.doc_title, lines))


def _dead_online_link(
    ctx: SiteContext, spec: ServiceSpec, text: ServiceText, page: PageDraft
) -> None:
    """An online procedure that no longer answers: no evidence (SCALE.md), a decoy for tests."""
    rng = ctx.rng
    kind = pick(rng, ["legacy-ds", "404", "500", "reset", "410"])
    if kind == "legacy-ds":
        url = f"https://www.demarches-simplifiees.fr/commencer/{ctx.slug}-{spec.id}-2019"
        ctx.hub.host("www.demarches-simplifiees.fr")
    else:
        path = ctx.form_path(f"{slugify(text.menu)}-ancien")
        status = {"404": 404, "500": 500, "reset": 200, "410": 410}[kind]
        behaviour = "reset" if kind == "reset" else "normal"
        body = b"<html><body><h1>Erreur</h1></body></html>"
        ctx.files[path] = Resource(status=status, body=body, behaviour=behaviour)
        url = ctx.url(path)
    label = pick(rng, ctx.phrases["to_form"])
    page.blocks.append(f"<p>{_link(url, label)}</p>")
    page.decoy.append(Evidence(spec.id, 3, via=url))
    ctx.dead_decoys += 1


def _own_form(ctx: SiteContext, spec: ServiceSpec, text: ServiceText, page: PageDraft) -> PageDraft:
    rng = ctx.rng
    intro = fill(
        pick(rng, ctx.phrases["form_intro"]),
        office=escape(text.office),
        a_office=escape(to_office(text.office)),
    )
    if rng.random() < 0.3:  # the form is on the information page itself
        page.blocks.append(f"<h2>{escape(text.form_title)}</h2><p>{intro}</p>")
        page.blocks.append(form_html(ctx, text, "#envoi"))
        page.evidence.append(Evidence(spec.id, 3))
        return page
    path = ctx.form_path(slugify(text.form_title)[:50])
    form = PageDraft(path, text.form_title, text.category)
    form.blocks += [f"<p>{intro}</p>", form_html(ctx, text, path)]
    form.evidence.append(Evidence(spec.id, 3))
    ctx.add(form)
    label = pick(rng, ctx.phrases["to_form"])
    page.blocks.append(f'<p class="cta">{_link(ctx.url(form.path), label, "button")}</p>')
    return form


def _level3(
    ctx: SiteContext, spec: ServiceSpec, text: ServiceText, page: PageDraft, level: int
) -> PageDraft | None:
    """Add level-3 evidence; return the own form page when the form is on the site."""
    route = _route3(ctx, text, level)
    if route == "own-form":
        return _own_form(ctx, spec, text, page)
    url, label, platform = _platform_link(ctx, spec, text, route, level)
    link = _link(url, label)
    if level == 3 and ctx.rng.random() < 0.2:  # listed on the site's "Démarches en ligne" page
        hub = ctx.url(ctx.plain_path("teleservices"))
        item = f"<li>{escape(text.form_title)} : {link}</li>"
        ctx.teleservices.append((item, Evidence(spec.id, 3, via=url)))
        see = _link(hub, "Démarches en ligne")
        page.blocks.append(f"<p>Cette démarche est proposée en ligne : voir {see}.</p>")
        return None
    key = "appointment" if route in ("appointment", "ants-rendez-vous") else "platform_intro"
    sentence = fill(pick(ctx.rng, ctx.phrases[key]), link=link, platform=platform, phone=ctx.phone)
    page.blocks.append(f"<p>{sentence}</p>")
    page.evidence.append(Evidence(spec.id, 3, via=url))
    return None


def _route3(ctx: SiteContext, text: ServiceText, level: int) -> str:
    options = [r for r in text.routes3 if _available(ctx, r)]
    if text.id == "paiement-famille" and ctx.family_vendor:  # invoices live in the portal
        options = ["family-portal"]
    if level >= 5:  # pre-filling needs a form the commune controls or its family portal
        options = [r for r in options if r in ("own-form", "family-portal")]
    return pick(ctx.rng, options) if options else "own-form"


def _available(ctx: SiteContext, route: str) -> bool:
    if route == "family-portal":
        return ctx.family_vendor is not None
    if route in ("publik", "espace-citoyens"):
        return ctx.citizen_portal == route
    return True


def _platform_link(
    ctx: SiteContext, spec: ServiceSpec, text: ServiceText, route: str, level: int
) -> tuple[str, str, str]:
    """The URL, link text and platform name of a level-3 route."""
    return platform_link(ctx, spec, text, route, level)


def _level4(
    ctx: SiteContext, spec: ServiceSpec, text: ServiceText, page: PageDraft, level: int
) -> None:
    url, sentence = level4_link(ctx, spec, text, level)
    page.blocks.append(f"<p>{sentence}</p>")
    page.evidence.append(Evidence(spec.id, 4, via=url))


def _level5(ctx: SiteContext, spec: ServiceSpec, page: PageDraft) -> None:
    block, via = level5_block(ctx, spec, page)
    if block:
        page.blocks.append(block)
    page.evidence.append(Evidence(spec.id, 5, via=via))
