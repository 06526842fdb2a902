"""Site templates: five CMS styles that wrap a page's content in their own menus and markup.

WordPress-like, Drupal-like, Publik-like (Entr'ouvert combo), DSFR (the State design system)
and a 2000s table layout. They differ in structure, class names, breadcrumb and footer, so that
a detector cannot rely on one layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from barometre.farm.styles import STYLESHEET_PATHS

TEMPLATES = ("wordpress", "drupal", "publik", "dsfr", "table2000")
# Yoast's breadcrumb separator, as WordPress sites print it: a separator between plain spaces,
# no closing quotation mark (tests/test_typography.py lets this one literal keep them)
_YOAST_SEPARATOR = " » "

Link = tuple[str, str]  # (href, label)


@dataclass(frozen=True, slots=True)
class Layout:
    """What every page of a site shares, and what this page adds."""

    site_name: str
    title: str
    crumbs: tuple[Link, ...]
    body: str
    nav: tuple[tuple[str, tuple[Link, ...]], ...]
    footer: tuple[Link, ...]
    footer_text: str
    charset: str = "utf-8"
    meta_charset: bool = True
    aside: tuple[Link, ...] = ()


def _aside(layout: Layout, open_tag: str, close_tag: str) -> str:
    """A "see also" box beside the content, full of other services' names."""
    if not layout.aside:
        return ""
    items = "".join(f"<li>{_a(link)}</li>" for link in layout.aside)
    return f"{open_tag}<h2>Voir aussi</h2><ul>{items}</ul>{close_tag}"


def render(template: str, layout: Layout) -> str:
    return _RENDERERS[template](layout)


def _a(link: Link, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{escape(link[0])}"{attr}>{escape(link[1])}</a>'


def _head(layout: Layout, template: str, extra: str = "") -> str:
    charset = f'<meta charset="{layout.charset}">' if layout.meta_charset else ""
    title = escape(f"{layout.title} - {layout.site_name}")
    sheet = f'<link rel="stylesheet" href="{STYLESHEET_PATHS[template]}" media="all">'
    return f"<head>{charset}<title>{title}</title>{extra}{sheet}</head>"


def _wordpress(layout: Layout) -> str:
    menu = "".join(
        f'<li class="menu-item menu-item-has-children"><a href="#">{escape(cat)}</a>'
        f'<ul class="sub-menu">{"".join(f"<li class=menu-item>{_a(i)}</li>" for i in items)}'
        "</ul></li>"
        for cat, items in layout.nav
    )
    crumbs = _YOAST_SEPARATOR.join(_a(c) for c in layout.crumbs[:-1])
    widgets = "".join(f"<li>{_a(link)}</li>" for link in layout.footer)
    return (
        '<!DOCTYPE html>\n<html lang="fr-FR">'
        + _head(layout, "wordpress", '<meta name="generator" content="WordPress 6.4.3">')
        + '<body class="page-template-default page"><div id="page" class="site">'
        f'<header id="masthead" class="site-header"><div class="site-branding">'
        f'<p class="site-title"><a href="/" rel="home">{escape(layout.site_name)}</a></p></div>'
        f'<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">'
        f"{menu}</ul></nav></header>"
        f'<div id="content" class="site-content"><nav class="yoast-breadcrumbs"><span>{crumbs}'
        f'{_YOAST_SEPARATOR}<span class="breadcrumb_last">{escape(layout.crumbs[-1][1])}</span>'
        "</span></nav>"
        f'<main id="main" class="site-main"><article class="page type-page status-publish">'
        f'<header class="entry-header"><h1 class="entry-title">{escape(layout.title)}</h1></header>'
        f'<div class="entry-content">{layout.body}</div></article></main>'
        + _aside(layout, '<aside id="secondary" class="widget-area">', "</aside>")
        + "</div>"
        f'<footer id="colophon" class="site-footer"><div class="widget-area"><section '
        f'class="widget widget_nav_menu"><h2 class="widget-title">Accès rapides</h2><ul>{widgets}'
        f'</ul></section><section class="widget widget_text"><div class="textwidget">'
        f"<p>{layout.footer_text}</p></div></section></div></footer></div></body></html>"
    )


def _drupal(layout: Layout) -> str:
    menu = "".join(
        f'<li class="menu-item menu-item--expanded"><span>{escape(cat)}</span><ul class="menu">'
        + "".join(f'<li class="menu-item">{_a(i)}</li>' for i in items)
        + "</ul></li>"
        for cat, items in layout.nav
    )
    crumbs = "".join(f'<li class="breadcrumb-item">{_a(c)}</li>' for c in layout.crumbs[:-1])
    foot = "".join(f'<li class="menu-item">{_a(link)}</li>' for link in layout.footer)
    return (
        '<!DOCTYPE html>\n<html lang="fr" dir="ltr">'
        + _head(
            layout, "drupal", '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">'
        )
        + '<body class="path-node page-node-type-page"><a href="#main-content" '
        'class="visually-hidden focusable skip-link">Aller au contenu principal</a>'
        '<div class="dialog-off-canvas-main-canvas"><div class="layout-container">'
        f'<header role="banner"><div class="region region-header"><div class="site-name">'
        f'<a href="/">{escape(layout.site_name)}</a></div></div>'
        f'<nav role="navigation" id="block-main-menu" class="block block-menu">'
        f'<ul class="menu menu--main nav">{menu}</ul></nav></header>'
        f'<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation">'
        f"<ol>{crumbs}</ol></nav></div>"
        f'<main role="main"><a id="main-content" tabindex="-1"></a><div class="region '
        f'region-content"><article class="node node--type-page node--view-mode-full">'
        f'<h1 class="page-title"><span class="field field--name-title">{escape(layout.title)}'
        f'</span></h1><div class="clearfix text-formatted field field--name-body '
        f'field--type-text-with-summary">{layout.body}</div></article></div></main>'
        + _aside(layout, '<aside class="layout-sidebar-first" role="complementary">', "</aside>")
        + ""
        f'<footer role="contentinfo"><div class="region region-footer"><nav><ul class="menu '
        f'menu--footer">{foot}</ul></nav><div class="block-contact">{layout.footer_text}</div>'
        "</div></footer></div></div></body></html>"
    )


def _publik(layout: Layout) -> str:
    menu = "".join(
        f'<li class="menu-{i}"><a href="#">{escape(cat)}</a><ul>'
        + "".join(f"<li>{_a(item)}</li>" for item in items)
        + "</ul></li>"
        for i, (cat, items) in enumerate(layout.nav)
    )
    crumbs = " / ".join(_a(c) for c in layout.crumbs[:-1])
    foot = " | ".join(_a(link) for link in layout.footer)
    return (
        '<!DOCTYPE html>\n<html lang="fr">'
        + _head(
            layout,
            "publik",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
        )
        + f'<body class="page-template-standard combo"><div id="page"><header id="header">'
        f'<div id="logo"><a href="/">{escape(layout.site_name)}</a></div>'
        f'<nav id="nav" class="cell menu-cell"><ul>{menu}</ul></nav></header>'
        f'<div id="columns"><div id="breadcrumb" class="cell">{crumbs}</div>'
        f'<div id="content"><div class="cell text-cell"><div><h2>{escape(layout.title)}</h2>'
        f"{layout.body}</div></div></div>"
        + _aside(layout, '<div id="sidebar" class="cell link-list-cell">', "</div>")
        + "</div>"
        f'<footer id="footer"><div class="cell text-cell footer-links">{foot}</div>'
        f'<div class="cell text-cell">{layout.footer_text}</div>'
        "<p>Propulsé par Publik</p></footer></div></body></html>"
    )


def _dsfr(layout: Layout) -> str:
    menu = "".join(
        f'<li class="fr-nav__item"><button class="fr-nav__btn" aria-expanded="false">'
        f'{escape(cat)}</button><div class="fr-collapse fr-menu"><ul class="fr-menu__list">'
        + "".join(f"<li>{_a(item, 'fr-nav__link')}</li>" for item in items)
        + "</ul></div></li>"
        for cat, items in layout.nav
    )
    crumbs = "".join(f"<li>{_a(c, 'fr-breadcrumb__link')}</li>" for c in layout.crumbs[:-1])
    foot = "".join(
        f'<li class="fr-footer__content-item">{_a(link, "fr-footer__content-link")}</li>'
        for link in layout.footer
    )
    return (
        '<!doctype html>\n<html lang="fr" data-fr-scheme="system">'
        + _head(layout, "dsfr")
        + '<body><header role="banner" class="fr-header"><div class="fr-header__body">'
        f'<p class="fr-header__service-title"><a href="/">{escape(layout.site_name)}</a></p>'
        f'</div><nav class="fr-nav" role="navigation" aria-label="Menu principal">'
        f'<ul class="fr-nav__list">{menu}</ul></nav></header>'
        f'<main id="main" role="main"><div class="fr-container"><nav role="navigation" '
        f'class="fr-breadcrumb" aria-label="vous êtes ici :"><ol class="fr-breadcrumb__list">'
        f'{crumbs}<li><a class="fr-breadcrumb__link" aria-current="page">'
        f"{escape(layout.crumbs[-1][1])}</a></li></ol></nav>"
        f"<h1>{escape(layout.title)}</h1>{layout.body}"
        + _aside(layout, '<nav class="fr-sidemenu" aria-label="Voir aussi">', "</nav>")
        + "</div></main>"
        f'<footer class="fr-footer" role="contentinfo"><div class="fr-footer__body">'
        f'<p class="fr-footer__content-desc">{layout.footer_text}</p>'
        f'<ul class="fr-footer__content-list">{foot}</ul></div></footer></body></html>'
    )


def _table2000(layout: Layout) -> str:
    """A 2000s layout: tables, FONT tags, upper-case markup, unclosed cells and paragraphs."""
    menu = "".join(
        f'<TR><TD class="rubrique"><B>{escape(cat.upper())}</B></TD></TR>'
        + "".join(
            f'<TR><TD class="menu"><IMG SRC="/images/puce.gif"> '
            f"<A HREF={escape(i[0])}>{escape(i[1])}</A>"
            for i in items
        )
        for cat, items in layout.nav
    )
    foot = " - ".join(f"<A HREF={escape(link[0])}>{escape(link[1])}</A>" for link in layout.footer)
    meta = (
        f'<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset={layout.charset}">'
        if layout.meta_charset
        else ""
    )
    return (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<HTML><HEAD>'
        f"{meta}<TITLE>{escape(layout.site_name)} - {escape(layout.title)}</TITLE>"
        '<LINK REL="stylesheet" HREF="/style.css"></HEAD>'
        '<BODY BGCOLOR="#FFFFFF" leftmargin=0 topmargin=0>'
        f'<TABLE WIDTH="780" BORDER="0" CELLPADDING="0" CELLSPACING="0" ALIGN="center">'
        f'<TR><TD COLSPAN="2"><IMG SRC="/images/bandeau.jpg" ALT="{escape(layout.site_name)}">'
        f'<TR><TD WIDTH="180" VALIGN="top"><TABLE WIDTH="100%">{menu}</TABLE></TD>'
        f'<TD VALIGN="top" CLASS="contenu"><FONT FACE="Verdana, Arial" SIZE="2">'
        f'<FONT SIZE="4" COLOR="#003366"><B>{escape(layout.title)}</B></FONT><BR><BR>'
        f"{layout.body}</FONT>"
        f'<TR><TD COLSPAN="2" ALIGN="center" CLASS="pied"><FONT SIZE="1">{foot}<BR>'
        f"{layout.footer_text}<BR>Derni&egrave;re mise &agrave; jour : 12/03/2009 - "
        "Webmaster</FONT></TD></TR></TABLE></BODY></HTML>"
    )


_RENDERERS = {
    "wordpress": _wordpress,
    "drupal": _drupal,
    "publik": _publik,
    "dsfr": _dsfr,
    "table2000": _table2000,
}
