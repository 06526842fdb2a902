"""Template tags of a standalone report's Content-Security-Policy (barometre.outputs.standalone):
`{% csp_meta %}` in the head, `{% inline_script %}…{% endinline_script %}` (`vega` for Vega)
and `{% inline_style %}…{% endinline_style %}` around each inline element's text."""

from __future__ import annotations

from django import template
from django.template.base import NodeList, Parser, Token
from django.template.context import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from barometre.outputs.standalone import PLACEHOLDER, SOURCES, InlineSources, source_hash

register = template.Library()


@register.simple_tag
def csp_meta() -> SafeString:
    return mark_safe(PLACEHOLDER)  # replaced by the policy once the page is rendered


class InlineNode(template.Node):
    """A <script> or <style> element whose text's hash the page's policy allows."""

    def __init__(self, element: str, nodelist: NodeList, vega: bool) -> None:
        self.element, self.nodelist, self.vega = element, nodelist, vega

    def render(self, context: Context) -> str:
        sources = context.get(SOURCES)
        if not isinstance(sources, InlineSources):
            raise template.TemplateSyntaxError(
                f"inline_{self.element} outside a standalone report (standalone_render)"
            )
        text = self.nodelist.render(context)
        found = sources.scripts if self.element == "script" else sources.styles
        found.append(source_hash(text))
        sources.vega = sources.vega or self.vega
        return format_html("<{}>{}</{}>", self.element, mark_safe(text), self.element)


def _inline(element: str, parser: Parser, token: Token) -> InlineNode:
    bits = token.split_contents()
    if bits[1:] not in ([], ["vega"]) or (bits[1:] and element != "script"):
        raise template.TemplateSyntaxError(f"{bits[0]}: only a script takes an argument, vega")
    nodelist = parser.parse((f"end{bits[0]}",))
    parser.delete_first_token()
    return InlineNode(element, nodelist, vega=bits[1:] == ["vega"])


@register.tag
def inline_script(parser: Parser, token: Token) -> InlineNode:
    return _inline("script", parser, token)


@register.tag
def inline_style(parser: Parser, token: Token) -> InlineNode:
    return _inline("style", parser, token)
