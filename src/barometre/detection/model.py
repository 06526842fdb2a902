"""The values that detection takes and returns: frozen dataclasses, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field

LEVEL_NAMES: dict[int, str] = {
    0: "absent",
    1: "information",
    2: "interaction à sens unique",
    3: "interaction bidirectionnelle",
    4: "transaction",
    5: "personnalisation",
}


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched page: HTML (str or bytes) or, when only the text was kept, plain text."""

    url: str
    html: str | bytes | None = None
    text: str | None = None
    status: int = 200
    content_type: str = "text/html"


@dataclass(frozen=True, slots=True)
class Link:
    """An absolute link found on a page, with its visible text."""

    url: str
    text: str


Param = str | int | tuple[str, ...]

# The codes of a signal's detail, with the French each is written in (parameters in braces)
DETAIL_CODES: tuple[str, ...] = (
    "information",  # page consacrée au service ({zones}): the zones that name it, or « texte »
    "wording",  # the `detail` of the channel wording of {kind} (data/channels.yaml)
    "cerfa_form",  # formulaire cerfa n° {number}
    "cerfa_mention",  # cerfa n° {number} cité
    "cerfa_link",  # formulaire cerfa à télécharger
    "platform_link",  # lien vers {platform} (the platform's name)
    "platform_form",  # formulaire vers {platform}
    "platform_marker",  # {platform} (bouton ou marqueur « {selector} »)
    "download_form",  # formulaire à télécharger
    "document",  # document téléchargeable
    "account_form",  # formulaire de connexion à un compte
    "online_form",  # formulaire en ligne ({fields} champ(s))
)

QUOTE_CHARS = 200  # the page's own words kept with a signal, at most


@dataclass(frozen=True, slots=True)
class Signal:
    """One piece of evidence: its kind, a short French detail, and the URL that shows it.

    `level` is the level of the scale that this signal evidences on its own (before the
    service's `max_level` cap); `strength` (0–1) is how sure the detector is of the signal.
    `quote` holds the page's own words where the signal was read (the line, or a link's or a
    form's text), so that a reader sees what carried the level; it takes no part in comparing
    signals (the same evidence read on two lines is one signal).

    `code` and `params` say what `detail` says in no language: a code of DETAIL_CODES and its
    parameters (a count, a cerfa number, a platform's name...), from which a page in another
    language writes the detail in its own words (web/explanations.py) while `detail` stays the
    French of the CLI and the stored record. Derived from `detail`, they are not compared.
    """

    kind: str
    detail: str
    url: str
    level: int = 1
    strength: float = 0.7
    quote: str = field(default="", compare=False)
    code: str = field(default="", compare=False)
    params: tuple[tuple[str, Param], ...] = field(default=(), compare=False)


def quoted(words: str) -> str:
    """`words` on one line, cut at QUOTE_CHARS (at a word boundary, with an ellipsis)."""
    flat = " ".join(words.split())
    if len(flat) <= QUOTE_CHARS:
        return flat
    cut = flat[: QUOTE_CHARS - 1].rsplit(" ", 1)[0]
    return cut + "…"


@dataclass(frozen=True, slots=True)
class ServiceMatch:
    """A catalogue service that the page is about, with the level that the page evidences."""

    service: str
    level: int
    confidence: float
    signals: tuple[Signal, ...]
    rationale: str
    relevance: float = 0.0
    rule_level: int = 0  # the level the rules proposed (the learned stage may move it one step)


@dataclass(frozen=True, slots=True)
class PageAnalysis:
    """What detection found on one page.

    `services` lists every catalogue service the page is about; `signals` lists every signal
    seen in the page's main content (attributed to a service or not), so that a platform page
    reached from a service page can lend its evidence to that service; `links` lists every
    absolute link of the page (menus included) for the crawler. `platform` names the outside
    platform the page is on (PayFiP, a family portal...): such a page is evidence only for the
    services whose pages link to it (see site_levels).
    """

    url: str
    title: str
    services: tuple[ServiceMatch, ...]
    signals: tuple[Signal, ...]
    links: tuple[Link, ...]
    text_only: bool = False
    platform: str = ""  # id of the outside platform the page itself belongs to, if any

    def service(self, service_id: str) -> ServiceMatch | None:
        for match in self.services:
            if match.service == service_id:
                return match
        return None


@dataclass(frozen=True, slots=True)
class SiteServiceLevel:
    """The best-evidenced level of one service across a site's pages."""

    service: str
    level: int
    confidence: float
    evidence_url: str
    signals: tuple[Signal, ...]
    rationale: str
    pages: tuple[str, ...] = field(default=())
