"""The Content-Security-Policy of a standalone HTML report (the campaign, programmes and survey
report files), written into the file as <meta http-equiv>: people open these files from disk or
publish them, with no server to send a header.

The report's escaping is its first protection; the policy is the second. It lets run only the
inline scripts and styles the report's template wrote (by the sha256 of their exact text,
computed as they are rendered, never by scanning the output: a script that an escaping failure
let into the page is not in the list), reaches no network and allows nothing else. Vega compiles
its chart expressions with `Function`: a report that inlines it allows 'unsafe-eval', as the
site's chart pages do, and the two styles vega-embed writes into the page (its own and its
tooltip's), by the hashes of their text read from the vendored vega-embed.min.js.

The template marks each inline element with the tags of `report_csp` (`inline_script`,
`inline_style`; `vega` on the vendored Vega's script) and the policy's place with `csp_meta`;
`standalone_render` renders it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import format_html

SOURCES = "csp_inline_sources"  # the context's key for the sources of the page being rendered
PLACEHOLDER = "<!-- barometre:content-security-policy -->"
# the string literals of vega-embed.min.js holding the CSS it writes in a <style>
VEGA_STYLES = re.compile(
    r"""(["'])((?:#vg-tooltip-element|\.vega-embed) \{(?:(?!\1)[^\\]|\\.)*)\1"""
)


@dataclass
class InlineSources:
    """The inline scripts' and styles' hashes of one rendering, as the template writes them."""

    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    vega: bool = False  # the vendored Vega: compiles expressions, writes two styles


def source_hash(text: str) -> str:
    """The CSP source allowing an inline element whose text is `text`: 'sha256-…'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@cache
def vega_styles() -> tuple[str, ...]:
    """The hashes of the styles vega-embed writes into the page (its own, its tooltip's)."""
    folder = resources.files("barometre.outputs").joinpath("static/vendor")
    script = folder.joinpath("vega-embed.min.js").read_text(encoding="utf-8")
    found = tuple(source_hash(_js_string(q, text)) for q, text in VEGA_STYLES.findall(script))
    if len(found) != 2:
        raise ValueError(f"vega-embed.min.js: {len(found)} styles found, not 2 (upgraded?)")
    return found


def _js_string(quote: str, text: str) -> str:
    """The value of a JavaScript string literal's text (between its quotes), via JSON."""
    if quote == "'":
        text = re.sub(r"\\'|\"", lambda m: "'" if m.group() == "\\'" else '\\"', text)
    return str(json.loads(f'"{text}"'))


def policy(sources: InlineSources) -> str:
    """The policy allowing exactly these inline scripts and styles, and nothing else."""
    scripts = sorted(set(sources.scripts)) + (["'unsafe-eval'"] if sources.vega else [])
    styles = sorted(set(sources.styles) | set(vega_styles() if sources.vega else ()))
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + (" ".join(scripts) or "'none'"),
            "style-src " + (" ".join(styles) or "'none'"),
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def standalone_render(template: str, context: dict[str, Any]) -> str:
    """The standalone file from `template`, its policy written where it says `{% csp_meta %}`."""
    sources = InlineSources()
    page = str(render_to_string(template, {**context, SOURCES: sources}))
    before, found, after = page.partition(PLACEHOLDER)  # the first: the head's, before any text
    if not found:
        raise ValueError(f"{template} has no {{% csp_meta %}} in its head")
    meta = format_html('<meta http-equiv="Content-Security-Policy" content="{}">', policy(sources))
    return before + meta + after
