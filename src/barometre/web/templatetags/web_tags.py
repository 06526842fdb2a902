"""Small display helpers for the pages: French numbers, levels, safe links."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from barometre.core.plural import agreed, counted, of_name
from barometre.core.typography import held_groups, held_marks, with_minus
from barometre.outputs.chart_statuses import EMPTY
from barometre.outputs.data_labels import data_label
from barometre.outputs.evidence import source_label
from barometre.outputs.labels import (
    ScaleStep,
    date_label,
    level_meanings,
    level_names,
    ordinals_html,
    partial_percent,
    percent,
    rounded,
    scale_steps,
    signed,
    signed_change,
)
from barometre.web.evidence import safe_link
from barometre.web.explanations import platform_name, public_author, review_author

if TYPE_CHECKING:
    from barometre.assessments.models import Assessment
    from barometre.scoring import Change, CityChange
    from barometre.web.evidence import CellView

register = template.Library()


@register.filter
def fr_date(value: date | None, with_time: str = "") -> SafeString | str:
    """ "1er mars 2014" (Django's "j F Y" says « 1 mars »); with an argument, the time too:
    `|fr_date:"heure"` gives "1er mars 2014 à 10:05" in the current time zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        if with_time:
            return ordinals_html(
                gettext("%(date)s à %(time)s")
                % {"date": date_label(value), "time": f"{value:%H:%M}"}
            )
    return ordinals_html(date_label(value))  # « 1<sup>er</sup> mars », the ordinal raised


@register.filter
def fr_number(value: float | None, digits: int = 2) -> str:
    """French notation with thousands grouped, rounded half away from zero: "34 969", "1,84"
    for 1.8377 (Django's number_format alone cuts the digits: "1,83"); a dash when there is
    none, or none that is a number (NaN or ±inf, which a float column may hold)."""
    if value is None or not math.isfinite(value):
        return "—"
    # a negative figure with the minus sign, as `signed` and the charts write it
    return with_minus(str(number_format(rounded(value, digits), digits, force_grouping=True)))


@register.filter
def fr_of(name: str | None) -> str:
    """A collectivité's name after a noun: « Rapport PDF d'Angers », « du Mans », « de Lyon »
    (`core.plural.of_name`; "of Angers" in English)."""
    return of_name(str(name or ""))


@register.filter(is_safe=True)
def fr_groups(text: str | None) -> str:
    """A text of the data (a population bracket, a quoted sentence) whose numbers stay on one
    line: "200 000" is stored with a plain space, which the machine formats keep, and printed
    with a no-break space between its digit groups (`core.typography.held_groups`)."""
    return held_groups(str(text or ""))


@register.filter
def command(text: str | None) -> SafeString:
    """A barometre command to type, in <code>, for a sentence that names it as a value
    (`{% blocktranslate with c="barometre …"|command %}`): copyable exactly, never translated,
    and its "--" not read as a dash as the site's letters draw it in running text. Each word
    is drawn whole (`.command-word`): a phone broke « --record » after its hyphens, « -- » at a
    line's end and « record » under it, an option no one can type; the line breaks between
    words only (inside one only if it is wider than the line). Copied, it reads the same."""
    words = format_html_join(
        " ", '<span class="command-word">{}</span>', ((w,) for w in (text or "").split())
    )
    return format_html("<code>{}</code>", words)


@register.filter
def held_names(text: str | None, names: Iterable[str]) -> SafeString:
    """A table header with each of `names` (campaign names) on one line: in a narrow column
    « demo-2014 » broke at its hyphen, « demo- » over « 2014 ». Only CSS holds it
    (`.nowrap`): the text is kept, copied it reads the same, and exports are not touched."""
    return _held(text, names, "nowrap")


@register.filter
def held_names_in_text(text: str | None, names: Iterable[str]) -> SafeString:
    """A sentence with each of `names` (campaign names) kept whole as `held_name` keeps one in
    a heading: on a phone « campagne demo-2014 » read « demo- » at a line's end and « 2014 » on
    the next. An inline block (`.held-name`) goes to the next line whole, and breaks inside only
    when wider than the page (a name may be 64 characters), where `.nowrap` would push it."""
    return _held(text, names, "held-name")


def _held(text: str | None, names: Iterable[str], css_class: str) -> SafeString:
    """`text` escaped, each of `names` in it in a span of `css_class` (the longest first)."""
    shown = str(conditional_escape(text or ""))
    found = sorted({str(escape(n)) for n in names if n}, key=len, reverse=True)
    if not found:
        return mark_safe(shown)  # escaped above
    pattern = re.compile("|".join(map(re.escape, found)))
    held = pattern.sub(lambda m: f'<span class="{css_class}">{m.group()}</span>', shown)
    return mark_safe(held)  # the text and the names escaped above


@register.filter
def held_name(name: str | None) -> SafeString:
    """A campaign's name in a heading, never broken at its hyphen while it fits on a line: on
    a phone « Évolution depuis demo-2014 » read « demo- » over « 2014 ». An inline block
    (`.held-name`) goes to the next line whole, and breaks inside only when wider than the
    page, where a nowrap span would push the page sideways (a name may be 64 characters)."""
    return format_html('<span class="held-name">{}</span>', name or "")


# a longer name is left free to break at its hyphens: held, it would be wider than a phone's line
HELD_IN_TEXT_MAX = 24


@register.filter
def held_name_in_text(name: str | None) -> SafeString:
    """A campaign's name in a sentence, between guillemets and their no-break spaces, never
    broken at its hyphen: on a phone "multi-" ended a line and "h10" began the next. Not the
    inline block of `held_name`: a browser breaks after an inline block whatever follows, and
    the closing guillemet began the next line alone. A nowrap span is text, held to its
    guillemets by the no-break spaces; a name longer than HELD_IN_TEXT_MAX characters is left
    as it is."""
    if len(name or "") > HELD_IN_TEXT_MAX:
        return conditional_escape(name or "")
    return format_html('<span class="nowrap">{}</span>', name or "")


# a word with a hyphen inside ("l'e-administration", "demo-2014", "(demo-2026)")
_HYPHENATED = re.compile(r"[^\s-]+(?:-[^\s-]+)+")


@register.filter
def held_hyphenated(text: str | None) -> SafeString:
    """`text` escaped, each of its words with a hyphen inside (a campaign's name,
    "l'e-administration") never broken at its hyphen: on a phone "demo-" ended a line and
    "2014" began the next. A nowrap span, as `held_name_in_text` holds a name in a sentence;
    a word longer than HELD_IN_TEXT_MAX characters is left free to break (it would be wider
    than a phone's line), counted as read: « d'Aix-Marseille-Provence » is 24 characters, not
    the 28 of its escaped apostrophe."""
    shown = str(conditional_escape(text or ""))

    def held(match: re.Match[str]) -> str:
        word = match.group()
        if len(html.unescape(word)) > HELD_IN_TEXT_MAX:
            return word
        return f'<span class="nowrap">{word}</span>'

    return mark_safe(_HYPHENATED.sub(held, shown))  # escaped above


@register.filter
def fr_marks(text: str | None) -> str:
    """A text of the data (the shipped questionnaire's priorities and steps) with a no-break
    space before its high marks and inside its guillemets, as the interface writes its own."""
    return held_marks(str(text or ""))


@register.filter
def fr_percent(value: float | None) -> str:
    return percent(value)


@register.filter
def fr_coverage(value: float | None) -> str:
    """A coverage as the reports print it: a partial one never `100 %` (`partial_percent`)."""
    return partial_percent(value)


@register.filter
def fr_signed(value: float | None) -> str:
    return signed(value)


@register.filter
def fr_change(change: Change | CityChange | None) -> str:
    """A comparison's change as the reports print it beside the two means: the difference of
    the printed means ("1,85" and "1,71" give "+0,14"), not the unrounded change rounded."""
    if change is None:
        return signed(None)
    return signed_change(change.mean_before, change.mean_after)


@register.filter
def fr_counted(value: int | None, nouns: str) -> str:
    """A count with its noun agreeing in French (`core.plural.counted`): "0 cellule",
    "1 cellule", "35 cellules" for `{{ n|fr_counted:"cellule,cellules" }}`."""
    singular, _, plural = nouns.partition(",")
    return counted(int(value or 0), singular, plural or singular)


@register.filter
def fr_agreed(value: int | None, nouns: str) -> str:
    """The noun of `fr_counted` alone, for a count printed apart (a tile's figure)."""
    singular, _, plural = nouns.partition(",")
    return agreed(int(value or 0), singular, plural or singular)


@register.filter
def level_label(level: int | None) -> str:
    return gettext("sans objet") if level is None else level_names().get(level, str(level))


@register.filter
def level_meaning(level: int | None) -> str:
    """What the resident can do online at `level`, in a sentence (empty for « sans objet »)."""
    return "" if level is None else level_meanings().get(level, "")


@register.simple_tag(name="scale_steps")
def scale_steps_tag() -> list[ScaleStep]:
    """The scale's legend (`web/_scale.html`, the commune PDF): one text source for both."""
    return scale_steps()


@register.filter
def holds_dash(rows: Iterable[Iterable[object]]) -> bool:
    """A table prints « — » somewhere: then a legend line under it says what it stands for."""
    return any(v == EMPTY for row in rows for v in row)


@register.filter
def level_class(level: Any) -> str:
    if level is None or level == "":
        return "lvl-none"
    if level == "na":
        return "lvl-na"
    return f"lvl-{int(level)}"


@register.filter
def http_link(url: str) -> str:
    """The URL if it may be a link (http or https only), else an empty string."""
    return safe_link(url)


@register.filter
def short_address(url: str, length: int = 60) -> str:
    """A web address cut in its middle to `length` characters: two pages of one site differ at
    the end of their addresses, which cutting the end lost (the same https://www.ville.fr/dem…
    twice), for the eye and for a screen reader's list of links."""
    text = str(url or "")
    if len(text) <= length:
        return text
    head = (length - 1) // 2
    return f"{text[:head]}…{text[len(text) - (length - 1 - head) :]}"


@register.filter
def commune_selection(spec: str | None, length: int = 100) -> str:
    """A campaign's selection of communes (`Campaign.spec`) as a page shows it. A list of codes
    gets a space after each comma, where a line may break: "75056,13055,...,67482" had none,
    and a phone broke it inside a code ("6" at a line's end, "7482" under it); past `length`
    characters it is cut after a whole code, never inside one ("44109,6...")."""
    text = str(spec or "").strip()
    codes = [code.strip() for code in text.split(",") if code.strip()]
    if len(codes) < 2:
        return text if len(text) <= length else f"{text[: length - 1]}…"
    shown = ", ".join(codes)
    if len(shown) <= length:
        return shown
    kept: list[str] = []
    for code in codes:
        if len(", ".join([*kept, code])) + len(", …") > length:
            break
        kept.append(code)
    return ", ".join(kept) + ", …"


@register.simple_tag
def linked_note(note: str, view: CellView, copies: dict[str, int] | None = None) -> SafeString:
    """A value's note with the addresses of its signals (an automatic proposal's explanation
    names the pages a level was read on) as links: to the page archived in the campaign
    (`copies`, the evidence viewer) with the live page as a second, external link, else to
    the live page. Only an http(s) address of the cell's own signals becomes a link: any other
    text, a javascript: or data: address included, stays escaped text."""
    text = str(note or "")
    urls = sorted({s.url for s in view.signals if safe_link(s.url)}, key=len, reverse=True)
    if not urls:
        return escape(text)
    pattern = re.compile("|".join(re.escape(url) for url in urls))
    parts: list[str] = []
    end = 0
    for found in pattern.finditer(text):
        parts += [escape(text[end : found.start()]), _note_link(found.group(0), copies or {})]
        end = found.end()
    parts.append(escape(text[end:]))
    return mark_safe("".join(parts))  # every part escaped or built by format_html


def _note_link(url: str, copies: dict[str, int]) -> str:
    """An address of a note as links (`linked_note`)."""
    title = gettext("%(url)s — nouvelle fenêtre") % {"url": url}
    live = '<a href="{}" rel="noopener noreferrer nofollow" target="_blank" title="{}">{}</a>'
    copy = copies.get(url)
    if copy is None:
        return format_html(live, url, title, short_address(url, 60))
    archived = format_html(
        '<a class="note-archive" href="{}" title="{}">{}</a>',
        reverse("web:evidence", args=[copy]),
        gettext("Page archivée : %(url)s") % {"url": url},
        short_address(url, 60),
    )
    return format_html("{} · " + live, archived, url, title, gettext("en ligne"))


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.filter(name="data_label")
def data_label_filter(text: str | None) -> str:
    """A shipped data label (service, domain, theme, bracket) in the page's language."""
    return data_label(str(text or ""))


@register.simple_tag
def decided_author(assessment: Assessment, view: CellView, named: bool = False) -> str:
    """Who decided a value: on a public page « auditeur 2 », « double codage »…, never a user
    name (the campaign's pseudonyms, `view.authors`); the user name itself only where the
    page says `named` (the auditors' workspace)."""
    if named:
        return review_author(assessment.author or "")
    return public_author(view.authors, assessment.source, assessment.author)


@register.filter(name="source_label")
def source_label_filter(source: str | None) -> str:
    """Where a cell's value comes from, as the commune page and the reports say it: "revu par
    un auditeur" where the model's label says "auditeur"."""
    return source_label(str(source or ""))


@register.filter(name="review_author")
def review_author_filter(author: str | None) -> str:
    """Who decided a value: « double codage » in the page's language, a user's name as it is."""
    return review_author(author or "")


@register.filter(name="platform_name")
def platform_name_filter(name: str | None) -> str:
    """A shipped platform's name in the page's language, another as written."""
    return platform_name(name or "")
