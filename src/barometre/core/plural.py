"""Counts in French with their noun agreeing: "1 commune", "2 communes", "0 commune".

French takes the singular for 0 and 1. The messages are written in French and have no catalogue
of their own, so gettext's fallback would apply the English rule (singular for 1 only): the count
given to ngettext is therefore folded to 1 for 0 and 1 while the interface speaks French; in
another language the catalogue's own plural rule applies ("0 cells" in English).

The pair is translated in the context « nombre »: every pair counted with is listed in
`barometre.web.nouns`, where `make messages` extracts it.
"""

from __future__ import annotations

from django.utils.translation import get_language, npgettext, pgettext

from barometre.core.typography import grouped


def counted(number: int, singular: str, plural: str) -> str:
    """ "1 commune", "2 communes"; thousands separated by a no-break space ("35 000 communes"),
    by a comma in English ("35,000 municipalities")."""
    return f"{figure(number)} {agreed(number, singular, plural)}"


def figure(number: int) -> str:
    """A whole number in the interface's language: "35 000" in French, "35,000" in
    English."""
    french = (get_language() or "fr").startswith("fr")
    return grouped(number) if french else f"{number:,}"


def french_count(number: int, singular: str, plural: str) -> str:
    """ "0 erreur", "1 erreur", "2 erreurs", always in French and without Django's translation
    machinery: for programs that run without Django settings (the farm's commands)."""
    return f"{grouped(number)} {singular if number <= 1 else plural}"


def agreed(number: int, singular: str, plural: str) -> str:
    """The noun alone, agreeing with `number`, for a count printed apart from it."""
    french = (get_language() or "fr").startswith("fr")
    return npgettext("nombre", singular, plural, 1 if french and number <= 1 else number)


# the first letters before which French elides « de »: « d'Angers », « d'Évry », « d'Yerres »
# (not h: « de Hénin-Beaumont » and « d'Hyères » both occur, the plain « de » is never wrong)
_VOWELS = "aàâeéèêëiîïoôuùûüyœæ"


def of_name(name: str) -> str:
    """A collectivité's name after a noun, in the interface's language: in French « de » as the
    name asks, « rapport d'Angers », « du Mans » (Le Mans), « des Abymes » (Les Abymes),
    « de La Rochelle », « de Lyon »; elsewhere the catalogue's « de %(name)s » (English: "of
    Angers")."""
    if not (get_language() or "fr").startswith("fr"):
        return pgettext("collectivité", "de %(name)s") % {"name": name}
    if name.startswith("Le "):
        return f"du {name[3:]}"
    if name.startswith("Les "):
        return f"des {name[4:]}"
    return f"d'{name}" if name[:1].lower() in _VOWELS else f"de {name}"
