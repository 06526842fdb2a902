"""Links from a commune page to the outside: level-3 platforms, level-4 payment or tracking
accounts, level-5 FranceConnect pre-filling. Each returns the URL that must resolve."""

from __future__ import annotations

from html import escape

from barometre.farm.context import PageDraft, SiteContext
from barometre.farm.model import Resource
from barometre.farm.phrasing import ServiceText, fill, pick, slugify
from barometre.farm.platforms import FC_BUTTON
from barometre.referential.catalogue import ServiceSpec

_LABELS = {
    "service-public": [
        "Faire la demande en ligne sur service-public.fr",
        "Accéder au téléservice",
        "Effectuer ma démarche en ligne",
        "Demande en ligne (service-public.fr)",
    ],
    "ants": [
        "Réaliser ma pré-demande en ligne",
        "Pré-demande sur le site de l'ANTS",
        "Faire ma pré-demande",
    ],
    "ants-rendez-vous": ["Trouver un rendez-vous", "Prendre rendez-vous en ligne"],
    "demarche-numerique": [
        "Déposer ma demande en ligne",
        "Formulaire en ligne",
        "Faire la démarche sur Démarche Numérique",
    ],
    "espace-citoyens": [
        "Faire ma demande sur l'Espace Citoyens",
        "Accéder à l'Espace Citoyens",
        "Démarche en ligne",
    ],
    "family-portal": [
        "Accéder au portail famille",
        "S'inscrire sur le Portail Famille",
        "Mon espace famille",
        "Inscription en ligne",
    ],
    "publik": ["Faire la demande en ligne", "Accéder à la démarche", "Formulaire en ligne"],
    "gnau": [
        "Déposer mon dossier en ligne (GNAU)",
        "Guichet numérique des autorisations d'urbanisme",
        "Dépôt en ligne des demandes d'urbanisme",
    ],
    "interco": [
        "Prendre rendez-vous en ligne sur le site de la communauté de communes",
        "Réserver un enlèvement en ligne",
    ],
    "compte-asso": [
        "Déposer ma demande sur Le Compte Asso",
        "Le Compte Asso",
        "Demande de subvention en ligne",
    ],
    "logement-national": [
        "Faire ma demande de logement social en ligne",
        "Site national de la demande de logement social",
    ],
    "library-portal": ["Pré-inscription en ligne", "S'inscrire en ligne sur le portail"],
}
_PLATFORMS = {
    "service-public": "le site officiel service-public.fr",
    "ants": "le site de l'Agence nationale des titres sécurisés (ANTS)",
    "ants-rendez-vous": "le moteur de recherche de rendez-vous de l'ANTS",
    "demarche-numerique": "Démarche Numérique, la plateforme de l'État",
    "espace-citoyens": "l'Espace Citoyens de la commune",
    "family-portal": "le Portail Famille",
    "publik": "le portail des démarches de la ville",
    "gnau": "le guichet numérique des autorisations d'urbanisme",
    "interco": "le site de la communauté de communes, compétente pour la collecte",
    "compte-asso": "Le Compte Asso",
    "logement-national": "le site national de la demande de logement social",
    "library-portal": "le portail en ligne de la médiathèque",
    "appointment": "notre service de prise de rendez-vous",
}
_LEVEL4 = {
    "family-portal-paiement": "Payez vos factures en ligne, par carte bancaire, sur le portail "
    "famille : {link}.",
    "family-portal-suivi": "Suivez en ligne vos inscriptions et réservations sur le portail "
    "famille ; les confirmations sont déposées dans votre espace : {link}.",
    "espace-citoyens": "Suivez l'avancement de vos demandes et réglez vos factures depuis "
    "l'Espace Citoyens : {link}.",
    "gnau": "Déposez votre dossier et suivez son instruction en ligne sur le guichet numérique "
    "(GNAU) : {link}. La décision vous est notifiée par voie électronique.",
    "compte-asso-account": "Suivez l'instruction de votre dossier et recevez la décision depuis "
    "Le Compte Asso : {link}.",
    "logement-national-account": "Depuis votre compte, renouvelez et suivez votre demande de "
    "logement social en ligne : {link}.",
    "library-portal": "Depuis votre compte lecteur, réservez et prolongez vos documents en "
    "ligne : {link}.",
}


def link(url: str, label: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{escape(url)}"{attr}>{escape(label)}</a>'


def form_html(ctx: SiteContext, text: ServiceText, action: str) -> str:
    rows = []
    for label, name, kind in text.fields:
        if kind == "textarea":
            widget = f'<textarea id="{name}" name="{name}" rows="4"></textarea>'
        elif kind == "select":
            widget = f'<select id="{name}" name="{name}"><option>Choisir</option></select>'
        else:
            widget = f'<input type="{kind}" id="{name}" name="{name}">'
        rows.append(
            f'<div class="form-row"><label for="{name}">{escape(label)}</label>{widget}</div>'
        )
    submit = escape(pick(ctx.rng, ctx.phrases["submit"]))
    return (
        f'<form method="post" action="{action}" enctype="multipart/form-data">'
        f'{"".join(rows)}<button type="submit">{submit}</button></form>'
    )


def platform_link(
    ctx: SiteContext, spec: ServiceSpec, text: ServiceText, route: str, level: int
) -> tuple[str, str, str]:
    """Register the platform page of a level-3 route; return its URL, link text, platform."""
    rng, hub = ctx.rng, ctx.hub
    if route == "service-public":
        url = hub.service_public(text.service_public or "R1406", text.form_title)
    elif route == "ants":
        url = hub.ants(pick(rng, ["passeport", "carte-d-identite"]))
    elif route == "ants-rendez-vous":
        url = hub.ants("rendez-vous")
    elif route == "appointment":
        vendor = pick(rng, ["rdv360", "clicrdv", "synbird", "smartagenda"])
        url = hub.appointment(vendor, ctx.slug, ctx.name, text.menu)
        return url, pick(rng, ctx.phrases["appointment_link"]), _PLATFORMS[route]
    elif route == "demarche-numerique":
        url = hub.demarche_numerique(
            f"{slugify(text.form_title)}-{ctx.slug}"[:70], text.form_title, ctx.name
        )
    elif route == "espace-citoyens":
        section = "rendez-vous" if spec.id == "encombrants" else "demande"
        url = hub.espace_citoyens(ctx.slug, ctx.name, section, level=3)
    elif route == "family-portal":
        url = hub.family_portal(ctx.family_vendor or "", ctx.slug, ctx.name, level=3, fc=False)
    elif route == "publik":
        url = _publik_form(ctx, text)
    elif route == "gnau":
        url = _gnau(ctx)
    elif route == "interco":
        url = _interco(ctx, text)
    elif route == "compte-asso":
        url = hub.compte_asso(3)
    elif route == "logement-national":
        url = hub.logement(3)
    else:  # library-portal
        url = _library(ctx, text)
    return url, pick(rng, _LABELS[route]), _PLATFORMS[route]


def _library(ctx: SiteContext, text: ServiceText) -> str:
    return _simple(
        ctx,
        f"{ctx.slug}.bibenligne.fr",
        "/inscription",
        "Médiathèque",
        "<p>Catalogue en ligne. Pré-inscription : complétez le formulaire.</p>"
        + form_html(ctx, text, "/inscription"),
    )


def _simple(ctx: SiteContext, host: str, path: str, title: str, body: str) -> str:
    html = (
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title></head><body><main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )
    ctx.hub.host(host).setdefault(path, Resource(body=html.encode("utf-8")))
    return f"https://{host}{path}"


def _publik_form(ctx: SiteContext, text: ServiceText) -> str:
    host = "demarches." + ctx.host.removeprefix("www.")
    path = f"/{slugify(text.category)}/{slugify(text.form_title)[:50]}/"
    body = (
        '<div id="steps"><ol><li class="current">Remplissage</li><li>Validation</li></ol></div>'
        f'<div class="wcs-formdef-cell">{form_html(ctx, text, path)}</div>'
    )
    return _simple(ctx, host, path, text.form_title, body)


def _gnau(ctx: SiteContext) -> str:
    if ctx.rng.random() < 0.6:
        return ctx.hub.gnau_sirap(slugify(ctx.code))
    host = "gnau." + ctx.host.removeprefix("www.")
    body = "<p>Déposez vos demandes d'autorisation d'urbanisme en ligne.</p>"
    return _simple(ctx, host, "/", "Guichet numérique des autorisations d'urbanisme", body)


def _interco(ctx: SiteContext, text: ServiceText) -> str:
    host = f"www.cc-{ctx.slug}.interco.test"
    body = "<p>Collecte des encombrants sur rendez-vous.</p>" + form_html(ctx, text, "/rdv")
    return _simple(ctx, host, "/dechets/encombrants/prendre-rendez-vous", "Encombrants", body)


def level4_link(
    ctx: SiteContext, spec: ServiceSpec, text: ServiceText, level: int
) -> tuple[str, str]:
    """Register a level-4 target (payment, tracking account); return its URL and sentence."""
    rng, hub = ctx.rng, ctx.hub
    options = [r for r in text.routes4 if _available4(ctx, spec, r)] or ["account"]
    route = pick(rng, options)
    if route == "payfip":
        url = hub.payfip(ctx.numcli, 2025, legacy=rng.random() < 0.15)
        anchor = link(url, pick(rng, ctx.phrases["payment_link"]))
        return url, fill(pick(rng, ctx.phrases["payment"]), link=anchor)
    if route == "account":
        url = ctx.url(ctx.plain_path("mon-compte"))
        ctx.account_users.append(spec.max_level)
        anchor = link(url, pick(rng, ctx.phrases["account_link"]))
        return url, fill(pick(rng, ctx.phrases["account"]), link=anchor)
    if route == "family-portal":
        purpose = "paiement" if spec.id == "paiement-famille" else "suivi"
        url = hub.family_portal(
            ctx.family_vendor or "", ctx.slug, ctx.name, level=4, fc=False, purpose=purpose
        )
        anchor = link(
            url, pick(rng, ["Portail Famille", "mon espace famille", "accéder au portail"])
        )
        return url, fill(_LEVEL4[f"family-portal-{purpose}"], link=anchor)
    if route == "espace-citoyens":
        url = hub.espace_citoyens(ctx.slug, ctx.name, "accueil", level=4)
    elif route == "gnau":
        url = hub.gnau_sirap(slugify(ctx.code))
    elif route == "compte-asso-account":
        url = hub.compte_asso(4)
    elif route == "logement-national-account":
        url = hub.logement(4)
    else:  # library-portal
        body = "<p>Mon compte lecteur : mes prêts, mes réservations, prolonger un document.</p>"
        url = _simple(ctx, f"{ctx.slug}.bibenligne.fr", "/mon-compte", "Mon compte", body)
    anchor = link(url, pick(rng, ["en ligne", "accéder au service", url.split("/")[2]]))
    return url, fill(_LEVEL4[route], link=anchor)


# Family services whose fees are family bills: paying them online is paying family bills online.
_BILLED = frozenset({"periscolaire", "accueil-loisirs"})


def _available4(ctx: SiteContext, spec: ServiceSpec, route: str) -> bool:
    if route == "payfip" and spec.id in _BILLED:
        return ctx.family_bills_online
    if route == "family-portal":
        return ctx.family_vendor is not None
    if route == "espace-citoyens":
        return ctx.citizen_portal == "espace-citoyens"
    return True


def level5_block(ctx: SiteContext, spec: ServiceSpec, page: PageDraft) -> tuple[str, str | None]:
    """FranceConnect pre-filling: on the commune's own form, or on the family portal."""
    sentence = escape(pick(ctx.rng, ctx.phrases["franceconnect"]))
    if any("<form" in block for block in page.blocks):
        return f"<p>{sentence}</p>{FC_BUTTON}", None
    url = ctx.hub.family_portal(ctx.family_vendor or "", ctx.slug, ctx.name, level=4, fc=True)
    anchor = link(url, "Se connecter au portail famille avec FranceConnect")
    return f"<p>{sentence}</p><p>{anchor}</p>", url
