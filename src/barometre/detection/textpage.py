"""The structure of a text-only page (an archive or excerpt that kept only the text): the first
short line is the title, short lines without a final stop are section headings, addresses
written in the text are links."""

from __future__ import annotations

import re

from barometre.detection.layout import (
    MAX_CONTEXT_CHARS,
    MAX_TEXT_CHARS,
    QA_WIDGET,
    Block,
    Element,
    Structure,
    clean,
    with_folded,
)
from barometre.detection.model import Link
from barometre.detection.phrases import phrase_hits
from barometre.detection.text import fold
from barometre.detection.urls import absolute

_URL_IN_TEXT = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'()]+[^\s<>\"'().,;:!?]")
_LIST_ITEM = re.compile(r"^(?:[•·▪►✓*–-]\s|\d{1,2}[).]\s|[a-z]\)\s)")
# Accessibility skip links kept as text ("Passer au menu Passer au contenu"): page chrome.
_SKIP_LINKS = re.compile(
    r"^(?:(?:passer|aller|acc[ée]der|skip|retour)\s+(?:directement\s+)?(?:au|à\s+la|à|aux|to)\s+"
    r"(?:menu|contenu|contenu principal|navigation|pied de page|recherche|content|main content)"
    r"\s*[|,;.-]?\s*)+$",
    re.IGNORECASE,
)
# a short line that is a sentence ("Sinon, vous devez faire une pré-demande en ligne") is
# content, not a section heading, even without its final stop
_SENTENCE = re.compile(
    r"^(?:sinon|puis|ensuite|alors|ou bien)\b"
    r"|\b(?:vous|nous|il|on) (?:devez|pouvez|devrez|pourrez|faut)\b"
    r"|,\s(?:cliquez|en cliquant|en suivant)\b",
    re.IGNORECASE,
)

_EMAIL_ALONE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A news item's date line ("Mis en ligne le mercredi 25 mai", "Publié le 3 mars 2024"): metadata,
# not the name of a section (a weekday in it would otherwise name the Wednesday leisure centre).
_DATE_LINE = re.compile(
    r"^(?:mis en ligne|publi[ée]e?|mis à jour|mise à jour|modifi[ée]e?|posté|créé)\b"
    r".{0,20}?\b(?:le|du)\s",
    re.IGNORECASE,
)


def _join_bare_addresses(lines: list[str]) -> list[str]:
    """A line that is only an address (web or e-mail), right after a line ending with a colon
    ("ou sur le site :", "envoyer un courriel à :" then the address), is the end of that line's
    sentence: joined to it."""
    out: list[str] = []
    for line in lines:
        alone = _URL_IN_TEXT.fullmatch(line) or _EMAIL_ALONE.fullmatch(line)
        if out and out[-1].endswith(":") and alone:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def structure_from_text(url: str, text: str) -> Structure:
    """Structure of a plain-text page (an archive or excerpt that kept only the text)."""
    lines = [clean(line) for line in text[:MAX_TEXT_CHARS].splitlines()]
    lines = [line for line in lines if line and not _SKIP_LINKS.match(line)]
    lines = _join_bare_addresses(lines)
    cut = next((i for i, line in enumerate(lines) if i and QA_WIDGET.match(line)), len(lines))
    lines = lines[:cut]  # a co-branded "Question-réponse" box is not the page's content
    title = lines[0] if lines and len(lines[0]) <= 150 else ""
    headings: list[str] = []
    blocks: list[Block] = []
    elements: list[Element] = []
    current = title
    in_list = False
    for index, line in enumerate(lines):
        # a bulleted item, or the short lines right after "Pièces à fournir :", are a list's
        # items, not section headings ("• Pièce d'identité" names no section)
        item = _LIST_ITEM.match(line) is not None or (in_list and len(line) <= 80)
        short = len(line) <= 80 and not line.endswith((".", ":", ";", ",", "!", "?"))
        short = short and _SENTENCE.search(line) is None
        # a short line that states a channel ("Faire la demande en ligne, sur place ou par
        # courrier") is content without its final stop, not a section's name
        dated = _DATE_LINE.match(line) is not None
        if index > 0 and short and not item and not dated and not phrase_hits(fold(line)):
            headings.append(line)
            current = line
        in_list = line.endswith(":") or (item and not line.endswith("."))
        indexes: list[int] = []
        for found in _URL_IN_TEXT.finditer(line):
            raw = found.group(0)
            target = absolute(url, raw if raw.startswith("http") else "https://" + raw)
            if target is not None:
                indexes.append(len(elements))
                elements.append(Element("a", target, "", line[:MAX_CONTEXT_CHARS], current))
        blocks.append(Block(line, current, tuple(indexes)))
    links = tuple(Link(e.url, e.text) for e in elements)
    h1 = (title,) if title else ()
    return Structure(
        url, title, h1, tuple(headings), "", with_folded(blocks), tuple(elements), links, (), True
    )
