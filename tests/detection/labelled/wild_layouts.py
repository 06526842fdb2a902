"""Busier page shells for the `wild` and `blind2` batches, and the records built from them.

These batches were written to look like the municipal sites the first shells under-represent:
big-city templates with a cookie banner, an "Accès rapides" block, an agenda widget, share
links and a page-feedback form around the content; village sites of a few lines on an old
template; and intercommunal templates whose side column lists every procedure. They live apart
from layouts.py so that the records built before them stay byte for byte what they were.

Paragraph markup is that of layouts.py, plus: a paragraph starting with "<" is raw HTML (tabs,
accordions, tables), kept as is in HTML and reduced to its text for text-only pages.
"""

# Hand-written HTML shells: one block per line reads better than wrapped strings.
# ruff: noqa: E501

from __future__ import annotations

import re

from tests.detection.labelled.layouts import LINK, para_html, para_text

TAG = re.compile(r"<[^>]+>")

COOKIES = (
    '<div id="tarteaucitronRoot" class="cookie-banner" role="dialog" aria-label="Gestion des cookies">'
    "<p>Ce site utilise des cookies pour mesurer l'audience et vous proposer des vidéos. Vous pouvez accepter ou refuser ces traceurs.</p>"
    '<button type="button">Tout accepter</button> <button type="button">Tout refuser</button> <a href="/politique-cookies">Personnaliser</a></div>'
)
QUICK = (
    '<section class="acces-rapides"><h2>Accès rapides</h2><ul>'
    '<li><a href="https://www.espace-citoyens.net/ville-exemple/espace-citoyens/">Espace citoyens</a></li>'
    '<li><a href="https://www.payfip.gouv.fr/tpa/accueilportail.web">Payer ma facture</a></li>'
    '<li><a href="/demarches/etat-civil">Actes d\'état civil</a></li><li><a href="/signalement">Signaler une anomalie</a></li>'
    '<li><a href="/urbanisme/deposer">Déposer un permis</a></li><li><a href="/inscriptions-scolaires">Inscriptions scolaires</a></li>'
    '<li><a href="https://rendezvous.ville-exemple.fr/">Prendre rendez-vous</a></li><li><a href="/encombrants">Encombrants</a></li></ul></section>'
)
AGENDA = (
    '<div class="widget-agenda"><h3>Agenda</h3><ul><li><a href="/agenda/conseil-municipal">Conseil municipal</a> – 12 mars</li>'
    '<li><a href="/agenda/braderie">Braderie de printemps</a> – 22 mars</li><li><a href="/agenda/conte">Heure du conte à la médiathèque</a> – 25 mars</li></ul>'
    '<a href="/agenda">Tout l\'agenda</a></div>'
)
SHARE = (
    '<div class="share"><span>Partager :</span> <a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a> '
    '<a href="https://twitter.com/intent/tweet?url=x">X</a> <a href="https://www.linkedin.com/shareArticle?url=x">LinkedIn</a> '
    '<a href="mailto:?subject=Page">Envoyer par courriel</a> <a href="javascript:window.print()">Imprimer</a></div>'
)
FEEDBACK = (
    '<form class="page-feedback" action="/avis" method="post"><p>Cette page vous a-t-elle été utile ?</p>'
    '<label><input type="radio" name="utile" value="oui"> Oui</label> <label><input type="radio" name="utile" value="non"> Non</label>'
    '<textarea name="commentaire"></textarea><button type="submit">Envoyer</button></form>'
)
SOCIAL = (
    '<ul class="reseaux"><li><a href="https://www.facebook.com/villeexemple">Facebook</a></li>'
    '<li><a href="https://www.instagram.com/villeexemple">Instagram</a></li><li><a href="https://www.youtube.com/villeexemple">YouTube</a></li></ul>'
)
MEGA = "".join(
    f'<li><a href="/{slug}">{label}</a></li>'
    for label, slug in [
        ("Mairie et conseil municipal", "mairie"), ("État civil et citoyenneté", "etat-civil"),
        ("Élections", "elections"), ("Papiers d'identité", "identite"), ("Recensement citoyen", "recensement"),
        ("Éducation", "education"), ("Cantine et périscolaire", "periscolaire"), ("Petite enfance", "petite-enfance"),
        ("Accueil de loisirs", "loisirs"), ("Urbanisme", "urbanisme"), ("Voirie et domaine public", "voirie"),
        ("Stationnement", "stationnement"), ("Déchets et encombrants", "dechets"), ("Objets trouvés", "objets-trouves"),
        ("Médiathèque", "mediatheque"), ("Logement", "logement"), ("Associations et subventions", "associations"),
        ("Solidarités", "ccas"), ("Sport", "sport"), ("Culture", "culture"), ("Marchés publics", "marches-publics"),
    ]
)  # fmt: skip


def grande_ville(site: str, title: str, crumbs: list[str], body: str) -> str:
    crumb = "".join(f'<li><a href="/">{c}</a></li>' for c in crumbs)
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title} | {site}</title>
<style>.acces-rapides{{display:flex}} .share a{{margin:0 4px}}</style><script>window.dataLayer=window.dataLayer||[];</script></head>
<body class="page-demarche">{COOKIES}<a class="skip" href="#main">Aller au contenu</a>
<header class="header"><div class="logo"><a href="/">{site}</a></div><nav class="mega-menu" aria-label="Navigation principale"><ul>{MEGA}</ul></nav>
<form role="search" action="/recherche"><input type="search" name="q" placeholder="Rechercher"><button>OK</button></form></header>
<div class="wrapper"><nav class="fil-ariane" aria-label="Fil d'Ariane"><ol>{crumb}</ol></nav>
<main id="main"><div class="page-header"><h1>{title}</h1><p class="chapo">Mis à jour le 3 février 2026</p></div>
<div class="layout"><div class="content-body">{body}{SHARE}{FEEDBACK}</div>
<aside class="sidebar">{QUICK}{AGENDA}<div class="contact-box"><h3>Contact</h3><p>Hôtel de ville, 1 place de la République – 01 00 00 00 00</p></div></aside></div></main></div>
<footer class="site-footer"><div>{SOCIAL}</div><ul><li><a href="/mentions-legales">Mentions légales</a></li><li><a href="/accessibilite">Accessibilité : partiellement conforme</a></li><li><a href="/plan-du-site">Plan du site</a></li><li><a href="/contact">Contact</a></li></ul></footer>
</body></html>"""


def grande_ville_inline(site: str, title: str, crumbs: list[str], body: str) -> str:
    """Same city, but the template puts the quick links and the agenda inside the content."""
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title} - {site}</title></head>
<body><div class="cookies-notice"><p>En poursuivant votre navigation, vous acceptez l'utilisation de cookies.</p><a href="/cookies">En savoir plus</a> <a href="#" class="accept">J'ai compris</a></div>
<div id="header"><a href="/">{site}</a><ul class="nav-main">{MEGA}</ul></div>
<div id="content"><div class="breadcrumb">{" › ".join(crumbs)}</div><h1>{title}</h1>{body}
{QUICK}{AGENDA}{SHARE}</div>
<div id="footer">{SOCIAL}<p>{site} – standard 01 00 00 00 00</p></div></body></html>"""


def village(site: str, title: str, crumbs: list[str], body: str) -> str:
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{site}</title></head>
<body><center><table width="800"><tr><td><img src="/bandeau.jpg" alt="Bienvenue à {site}"></td></tr>
<tr><td class="liens"><a href="/">Accueil</a> - <a href="/mairie">La mairie</a> - <a href="/ecole">L'école</a> - <a href="/associations">Associations</a> - <a href="/infos">Infos pratiques</a> - <a href="/contact">Contact</a></td></tr>
<tr><td><h3>{title}</h3>{body}</td></tr>
<tr><td><small>Mairie de {site} – ouverte le mardi de 14 h à 18 h et le samedi de 9 h à 12 h – tél. 03 00 00 00 00</small></td></tr></table></center></body></html>"""


def intercommunal(site: str, title: str, crumbs: list[str], body: str) -> str:
    side = "".join(
        f'<li><a href="/demarches/{s}">{t}</a></li>'
        for t, s in [
            ("Demander un acte d'état civil", "actes"), ("S'inscrire sur les listes électorales", "elections"),
            ("Inscrire mon enfant à l'école", "ecole"), ("Réserver la cantine", "cantine"),
            ("Payer mes factures", "factures"), ("Déposer une demande d'urbanisme", "urbanisme"),
            ("Demander un logement social", "logement"), ("Prendre rendez-vous pour un passeport", "passeport"),
        ]
    )  # fmt: skip
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title} – {site}</title></head>
<body><div class="bandeau-cookies" id="cookie-law-info-bar">Nous utilisons des cookies. <a href="#">Accepter</a> <a href="#">Paramétrer</a></div>
<header><p class="nom-site">{site}</p><nav class="menu-principal"><ul>{MEGA}</ul></nav></header>
<div class="container"><div class="row"><div class="col-md-3"><div class="bloc-demarches"><p class="titre-bloc">Vos démarches</p><ul>{side}</ul></div></div>
<div class="col-md-9"><p class="ariane">{" > ".join(crumbs)}</p><h1 class="titre">{title}</h1><div class="texte">{body}</div>
<p class="maj">Dernière mise à jour : janvier 2026</p></div></div></div>
<footer><p>{site} – 2 rue de la Communauté</p>{SOCIAL}</footer></body></html>"""


WILD_LAYOUTS = {
    "grande-ville": grande_ville,
    "grande-ville-inline": grande_ville_inline,
    "village": village,
    "intercommunal": intercommunal,
}
SITES = {
    "grande-ville": ("Ville de Rochemaure-sur-Seine", "www.rochemaure.fr"),
    "grande-ville-inline": ("Ville de Belcastel-Métropole", "www.ville-belcastel.fr"),
    "village": ("Saint-Firmin-des-Bois", "www.saintfirmindesbois.fr"),
    "intercommunal": ("Mairie de Lavaur-le-Comtal", "www.lavaur-le-comtal.fr"),
}
CRUMBS = {
    "grande-ville": ["Accueil", "Mes démarches"],
    "grande-ville-inline": ["Accueil", "Services en ligne"],
    "village": ["Accueil"],
    "intercommunal": ["Accueil", "Vie quotidienne"],
}


def wild_para_html(para: str) -> str:
    return para if para.startswith("<") else para_html(para)


def wild_para_text(para: str) -> str:
    if para.startswith("<"):
        return re.sub(r"\s+", " ", TAG.sub(" ", LINK.sub(lambda m: m.group(1), para))).strip()
    return para_text(para, keep_urls=True)


def wild_record(
    page_id: str,
    slug: str,
    title: str,
    body: list[str],
    labels: dict[str, int],
    opts: dict[str, object],
    default_layout: str,
) -> dict[str, object]:
    """One record; opts: `layout` (a WILD_LAYOUTS key), `text` (text only), `dead` (dead URLs)."""
    name = str(opts.get("layout", default_layout))
    site, host = SITES[name]
    record: dict[str, object] = {"id": page_id, "url": f"https://{host}/{slug}", "labels": labels}
    if opts.get("text"):
        lines = [title, *(wild_para_text(p) for p in body)]
        record["text"] = "\n\n".join(line for line in lines if line)
    else:
        content = "".join(wild_para_html(p) for p in body)
        record["html"] = WILD_LAYOUTS[name](site, title, [*CRUMBS[name], title], content)
        record["layout"] = name
    dead = opts.get("dead")
    if isinstance(dead, list | tuple):
        record["dead_urls"] = list(dead)
    return record
