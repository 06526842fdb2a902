"""Each site's stylesheet: what a resident's browser applies to its pages, so that the evidence
viewer of a demonstration audit shows them styled (docs/crawler.md: the crawl archives the
stylesheets of a site's pages).

One small stylesheet per template, at the path that template's CMS would use, linked from the
`<head>` of every page. Its colour comes from the host's name, not from the farm's random
generator: adding it changed no level, link or quirk of a farm made from the same seed.
"""

from __future__ import annotations

import hashlib

STYLESHEET_PATHS = {
    "wordpress": "/wp-content/themes/commune/style.css",
    "drupal": "/themes/custom/commune/css/style.css",
    "publik": "/static/css/style.css",
    "dsfr": "/dsfr/dsfr.min.css",
    "table2000": "/style.css",
}

_COMMON = """body {{ margin: 0; font-family: {font}; color: #1e1e1e; background: #f6f6f4;
  line-height: 1.5; }}
a {{ color: {accent}; }}
h1, h2 {{ color: {accent}; }}
ul {{ padding-left: 1.2em; }}
"""

_TEMPLATES = {
    "wordpress": """.site-header {{ background: {accent}; color: #fff; padding: 1em 2em; }}
.site-header a {{ color: #fff; }}
.site-title {{ font-size: 1.8em; font-weight: bold; margin: 0 0 .5em; }}
.main-navigation ul.menu {{ display: flex; flex-wrap: wrap; gap: 1.5em; list-style: none;
  margin: 0; padding: 0; }}
.main-navigation .sub-menu {{ display: none; }}
.site-content {{ display: flex; flex-wrap: wrap; gap: 2em; padding: 1em 2em; }}
.yoast-breadcrumbs {{ flex-basis: 100%; font-size: .85em; }}
.site-main {{ flex: 3; background: #fff; padding: 1em 2em; border-radius: 4px; }}
.widget-area {{ flex: 1; }}
.site-footer {{ background: #2c2c2c; color: #ddd; padding: 1em 2em; }}
.site-footer a {{ color: #fff; }}
""",
    "drupal": """.visually-hidden {{ position: absolute; left: -9999px; }}
header[role=banner] {{ background: #fff; border-bottom: 4px solid {accent};
  padding: 1em 2em; }}
.site-name {{ font-size: 1.8em; font-weight: bold; }}
.site-name a {{ color: {accent}; text-decoration: none; }}
.menu--main {{ display: flex; flex-wrap: wrap; gap: 1.5em; list-style: none; padding: 0; }}
.menu--main .menu {{ display: none; }}
.breadcrumb ol {{ display: flex; gap: .5em; list-style: none; font-size: .85em;
  padding: .5em 2em; margin: 0; }}
main[role=main] {{ background: #fff; margin: 1em 2em; padding: 1em 2em; }}
.layout-sidebar-first {{ margin: 0 2em; }}
footer[role=contentinfo] {{ background: {accent}; color: #fff; padding: 1em 2em; }}
footer[role=contentinfo] a {{ color: #fff; }}
""",
    "publik": """#header {{ background: {accent}; color: #fff; padding: 1em 2em; }}
#header a {{ color: #fff; }}
#logo {{ font-size: 1.8em; font-weight: bold; }}
#nav > ul {{ display: flex; flex-wrap: wrap; gap: 1.5em; list-style: none; padding: 0; }}
#nav ul ul {{ display: none; }}
#columns {{ padding: 1em 2em; }}
#breadcrumb {{ font-size: .85em; margin-bottom: 1em; }}
#content {{ background: #fff; padding: 1em 2em; border-left: 6px solid {accent}; }}
#footer {{ background: #333; color: #eee; padding: 1em 2em; }}
#footer a {{ color: #fff; }}
""",
    "dsfr": """.fr-header {{ background: #fff; box-shadow: 0 2px 6px rgba(0,0,18,.16);
  padding: 1em 2em; }}
.fr-header__service-title {{ font-size: 1.5em; font-weight: bold; margin: 0; }}
.fr-header__service-title a {{ color: #161616; text-decoration: none; }}
.fr-nav__list {{ display: flex; flex-wrap: wrap; gap: 1em; list-style: none; padding: 0; }}
.fr-nav__btn {{ background: none; border: 0; color: {accent}; font: inherit; }}
.fr-menu {{ display: none; }}
.fr-container {{ max-width: 75em; margin: 0 auto; padding: 1em 2em; background: #fff; }}
.fr-breadcrumb__list {{ display: flex; gap: .5em; list-style: none; font-size: .8em;
  padding: 0; }}
.fr-footer {{ border-top: 3px solid {accent}; background: #fff; padding: 1em 2em; }}
""",
    "table2000": """td.rubrique {{ background: {accent}; color: #fff; padding: 2px 6px; }}
td.menu {{ background: #eef; padding: 2px 6px; font-size: 12px; }}
td.contenu {{ background: #fff; padding: 8px 12px; }}
td.pied {{ background: #ddd; padding: 6px; }}
""",
}

_FONTS = {
    "wordpress": '"Helvetica Neue", Arial, sans-serif',
    "drupal": "Georgia, serif",
    "publik": '"Trebuchet MS", sans-serif',
    "dsfr": "Marianne, Arial, sans-serif",
    "table2000": "Verdana, Arial, sans-serif",
}


def stylesheet(template: str, host: str) -> bytes:
    """The stylesheet of a site of `template` at `host`: its accent colour from the host."""
    hue = int(hashlib.sha1(host.encode("utf-8")).hexdigest()[:4], 16) % 360
    values = {"accent": f"hsl({hue}, 55%, 32%)", "font": _FONTS[template]}
    css = _COMMON.format(**values) + _TEMPLATES[template].format(**values)
    return css.encode("utf-8")
