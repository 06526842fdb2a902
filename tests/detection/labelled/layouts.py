"""Page shells in the manner of the CMS that French communes use, with busy menus and footers.

Menus and footers name every service on purpose: they are not what the page is about.
"""

# Hand-written prose and HTML shells: one sentence or block per line reads better than wrapped
# strings, so the line-length rule is off for this data file.
# ruff: noqa: E501

from __future__ import annotations

import html
import re

MENU_ITEMS = [
    ("État civil", "/etat-civil"), ("Élections", "/elections"), ("Recensement citoyen", "/recensement"),
    ("Passeport et carte d'identité", "/cni-passeport"), ("Inscriptions scolaires", "/ecoles"),
    ("Restauration scolaire", "/cantine"), ("Portail Famille", "https://ville-exemple.portail-familles.app/"),
    ("Crèches", "/creches"), ("Centre de loisirs", "/alsh"), ("Urbanisme", "/urbanisme"),
    ("Occupation du domaine public", "/voirie"), ("Signaler un problème", "/signaler"),
    ("Stationnement résident", "/stationnement"), ("Encombrants", "/encombrants"),
    ("Objets trouvés", "/objets-trouves"), ("Médiathèque", "/mediatheque"),
    ("Logement social", "/logement"), ("Associations", "/associations"),
]  # fmt: skip
QUICK = [
    ("Mes démarches en ligne", "https://demarches.ville-exemple.fr/"),
    ("Payer en ligne", "https://www.payfip.gouv.fr/tpa/accueilportail.web"),
    ("Prendre rendez-vous", "https://www.clicrdv.com/mairie-exemple"),
    ("Espace Citoyens", "https://www.espace-citoyens.net/ville-exemple/espace-citoyens/"),
]
LINK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")
FORM = re.compile(r"\{\{form:(\d+)(:file|:password)?\}\}")
FIELDS = ["nom", "prenom", "email", "telephone", "adresse", "date", "message", "commune"]
FC = (
    '<div class="fr-connect-group"><button class="fr-connect" type="button">'
    '<span class="fr-connect__login">S\u2019identifier avec</span> '
    '<span class="fr-connect__brand">FranceConnect</span></button>'
    '<p><a href="https://franceconnect.gouv.fr/" target="_blank" rel="noopener">'
    "Qu\u2019est-ce que FranceConnect ?</a></p></div>"
)


def form_html(count: int, with_file: bool, password: bool = False) -> str:
    rows = []
    if password:
        return (
            '<form method="post" action="/mon-compte/connexion"><p><label>Numéro de carte</label> <input type="text" name="carte"></p>'
            '<p><label>Mot de passe</label> <input type="password" name="mdp"></p><p><input type="submit" value="Se connecter"></p></form>'
        )
    for name in FIELDS[:count]:
        rows.append(
            f'<p><label for="{name}">{name.capitalize()}</label> <input type="text" id="{name}" name="{name}" required></p>'
        )
    if with_file:
        rows.append(
            '<p><label for="pj">Pièce jointe</label> <input type="file" id="pj" name="pj"></p>'
        )
    rows.append(
        '<input type="hidden" name="csrf" value="x9"><p><button type="submit">Envoyer ma demande</button></p>'
    )
    return (
        '<form method="post" action="/formulaires/envoyer" class="webform">'
        + "".join(rows)
        + "</form>"
    )


def para_html(para: str) -> str:
    if para.startswith("## "):
        return f"<h2>{html.escape(para[3:], quote=False)}</h2>"
    if para == "{{fc}}":
        return FC
    found = FORM.fullmatch(para)
    if found:
        return form_html(
            int(found.group(1)), found.group(2) == ":file", found.group(2) == ":password"
        )
    escaped = html.escape(para, quote=False)
    return (
        "<p>"
        + LINK.sub(lambda m: f'<a href="{html.escape(m.group(2))}">{m.group(1)}</a>', escaped)
        + "</p>"
    )


def para_text(para: str, keep_urls: bool) -> str:
    if para.startswith("## "):
        return para[3:]
    if para == "{{fc}}":
        return "S'identifier avec FranceConnect"
    if FORM.fullmatch(para):
        return ""
    if keep_urls:
        return LINK.sub(
            lambda m: (
                f"{m.group(1)} ({m.group(2)})" if m.group(2).startswith("http") else m.group(1)
            ),
            para,
        )
    return LINK.sub(lambda m: m.group(1), para)


def _menu(tag: str = "nav") -> str:
    items = "".join(f'<li><a href="{u}">{t}</a></li>' for t, u in MENU_ITEMS)
    quick = "".join(f'<li><a href="{u}">{t}</a></li>' for t, u in QUICK)
    return f'<{tag} class="main-navigation" aria-label="Menu principal"><ul>{items}</ul><ul class="acces-rapides">{quick}</ul></{tag}>'


def _footer_links() -> str:
    return " | ".join(f'<a href="{u}">{t}</a>' for t, u in (MENU_ITEMS[::3] + QUICK))


def wordpress(site: str, title: str, crumbs: list[str], body: str) -> str:
    crumb = " &raquo; ".join(crumbs)
    return f"""<!DOCTYPE html><html lang="fr-FR"><head><meta charset="UTF-8"><title>{title} &#8211; {site}</title>
<link rel="stylesheet" href="/wp-content/themes/commune/style.css"></head>
<body class="page-template-default page"><div id="page" class="site"><header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="/">{site}</a></p></div>{_menu()}</header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<div class="breadcrumb">{crumb}</div><article class="page type-page"><header class="entry-header"><h1 class="entry-title">{title}</h1></header>
<div class="entry-content">{body}</div></article></main></div>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">En un clic</h2><ul>
<li><a href="/paiement">Payer ma facture en ligne</a></li><li><a href="/rdv">Rendez-vous passeport</a></li><li><a href="/signaler">Signaler un problème</a></li></ul></section></aside></div>
<footer id="colophon" class="site-footer"><p>{site} – Hôtel de ville, 1 place de la Mairie</p><p>{_footer_links()}</p></footer></div></body></html>"""


def drupal(site: str, title: str, crumbs: list[str], body: str) -> str:
    crumb = "".join(f"<li>{c}</li>" for c in crumbs)
    return f"""<!DOCTYPE html><html lang="fr" dir="ltr"><head><meta charset="utf-8"><title>{title} | {site}</title></head>
<body class="path-node page-node-type-page"><a href="#main-content" class="visually-hidden focusable skip-link">Aller au contenu principal</a>
<div class="dialog-off-canvas-main-canvas"><header role="banner"><div class="region region-header">{site}</div>
<div class="region region-primary-menu">{_menu()}</div></header>
<nav role="navigation" aria-labelledby="system-breadcrumb" class="breadcrumb"><ol>{crumb}</ol></nav>
<main role="main"><a id="main-content" tabindex="-1"></a><div class="layout-content"><div class="region region-content">
<h1 class="page-title"><span>{title}</span></h1><article role="article" class="node node--type-page"><div class="node__content"><div class="field field--name-body">{body}</div></div></article>
</div></div><aside class="layout-sidebar-second" role="complementary"><div class="block"><h2>Démarches les plus demandées</h2><ul><li><a href="/etat-civil">Acte de naissance</a></li><li><a href="/elections">Inscription électorale</a></li><li><a href="/urbanisme">Permis de construire</a></li></ul></div></aside></main>
<footer role="contentinfo"><div class="region region-footer">{_footer_links()}<p>Mentions légales – Accessibilité : non conforme</p></div></footer></div></body></html>"""


def dsfr(site: str, title: str, crumbs: list[str], body: str) -> str:
    crumb = "".join(f'<li><a class="fr-breadcrumb__link">{c}</a></li>' for c in crumbs)
    return f"""<!doctype html><html lang="fr" data-fr-scheme="system"><head><meta charset="utf-8"><title>{title} - {site}</title></head>
<body><div class="fr-skiplinks"><nav class="fr-container" role="navigation" aria-label="Accès rapide"><ul class="fr-skiplinks__list"><li><a class="fr-link" href="#contenu">Contenu</a></li></ul></nav></div>
<header role="banner" class="fr-header"><div class="fr-header__body"><p class="fr-header__service-title">{site}</p>
<div class="fr-header__tools"><ul class="fr-btns-group"><li><a class="fr-btn fr-icon-account-line" href="https://demarches.ville-exemple.fr/login">Mon compte</a></li></ul></div></div>
<div class="fr-header__menu">{_menu()}</div></header>
<main id="contenu" role="main" class="fr-container fr-py-5w"><nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :"><ol class="fr-breadcrumb__list">{crumb}</ol></nav>
<div class="fr-grid-row"><div class="fr-col-12 fr-col-md-8"><h1>{title}</h1>{body}</div></div></main>
<footer class="fr-footer" role="contentinfo"><div class="fr-footer__body"><p class="fr-footer__content-desc">{site}</p><ul class="fr-footer__content-list">{_footer_links()}</ul></div></footer></body></html>"""


def legacy(site: str, title: str, crumbs: list[str], body: str) -> str:
    items = "<br>".join(f'<a href="{u}" class="lienmenu">{t}</a>' for t, u in MENU_ITEMS)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{site} - {title}</title></head>
<body bgcolor="#ffffff"><table width="960" border="0" cellpadding="0" cellspacing="0"><tr><td colspan="2"><img src="/images/bandeau.jpg" alt="{site}"></td></tr>
<tr><td width="200" valign="top" id="menugauche"><div class="titremenu">Vos démarches</div>{items}</td>
<td valign="top"><div id="texte"><font face="Arial" size="2"><div class="chemin">Accueil &gt; {" &gt; ".join(crumbs[1:])}</div>
<h1>{title}</h1>{body}</font></div></td></tr>
<tr><td colspan="2" class="basdepage"><center>{site} - Tél. 03 00 00 00 00 - <a href="/plan">Plan du site</a></center></td></tr></table></body></html>"""


def minimal(site: str, title: str, crumbs: list[str], body: str) -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="wrapper"><div class="top"><a href="/">{site}</a></div><ul class="menu">{"".join(f'<li><a href="{u}">{t}</a></li>' for t, u in MENU_ITEMS[:9])}</ul>
<div class="page"><h2 class="titre-page">{title}</h2>{body}</div>
<div class="bottom">Mairie de {site} – ouverte du lundi au samedi matin – {_footer_links()}</div></div></body></html>"""


def typo3(site: str, title: str, crumbs: list[str], body: str) -> str:
    crumb = " / ".join(crumbs)
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{site}: {title}</title></head><body id="p42">
<div id="wrap"><div id="top">{_menu("div")}</div><div id="rootline" class="ariane">{crumb}</div>
<div id="col2"><div id="c101" class="csc-default"><header><h1>{title}</h1></header>{body}</div></div>
<div id="col3"><div class="csc-default"><h3>Agenda</h3><p>Conseil municipal jeudi 20 h. Forum des associations samedi.</p></div></div>
<footer><div id="footer">{_footer_links()}</div></footer></div></body></html>"""


LAYOUTS = {
    "wordpress": wordpress,
    "drupal": drupal,
    "dsfr": dsfr,
    "legacy": legacy,
    "minimal": minimal,
    "typo3": typo3,
}
