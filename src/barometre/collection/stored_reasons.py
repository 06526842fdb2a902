"""A failure reason stored by an older version, shown in French: the crawler once kept the
library's English after its French label (« connexion refusée (Connection was refused by other
side: 111: Connection refused.) »), or an unknown error's type and English message
(« KeyError: 'x' »), or Scrapy's own words (« max redirections reached »). The stored text is
kept as it is; what the operator reads is said as the crawler says it now (failures.py): the
detail that has a French wording gets it, the others are left out, the label standing alone."""

from __future__ import annotations

import re

from barometre.collection.crawler.failures import FAILURE_LABELS, TOO_MANY_REDIRECTS, URL_ERRORS
from barometre.core.french_reasons import Reasons, french_reason

# A French label of failures.py, or a start URL's, and the detail in brackets it was stored with
_LABELS = "|".join(sorted(map(re.escape, FAILURE_LABELS), key=len, reverse=True))
_LABELLED = re.compile(
    rf"^(?P<label>(?:{_LABELS})|URL de départ invalide\s?: \S+) \((?P<detail>.+)\)$", re.DOTALL
)
# The English details that say something the operator needs, in French (as failures.py does)
_DETAILS: Reasons = (
    (re.compile(r"took longer than (?P<seconds>\d+)(?:\.0*)? seconds"), "plus de {seconds}\u00a0s"),
    (
        re.compile(r"took longer than (?P<seconds>\d+)\.(?P<tenths>\d*?[1-9])0* seconds"),
        "plus de {seconds},{tenths}\u00a0s",
    ),
    (re.compile(r"OpenSSL|SSL routines|handshake failure"), "échec de la négociation TLS"),
    *URL_ERRORS,
)
# Whole reasons in English: Scrapy's words, or an unknown error's type and message
_WHOLE: Reasons = (
    (re.compile(r"^max redirections reached"), TOO_MANY_REDIRECTS),
    (re.compile(r"^Forbidden by robots\.txt"), "interdit par robots.txt"),
    (
        re.compile(r"^(?P<kind>[A-Z][A-Za-z]*(?:Error|Exception|Failed|Lost|Received)): "),
        "erreur inattendue ({kind})",
    ),
)


def reason_shown(stored: str) -> str:
    """The reason `stored` as the operator reads it: in French, when an older version stored
    English words the crawler now says in French; unchanged otherwise."""
    labelled = _LABELLED.match(stored)
    if labelled is None:
        return french_reason(_WHOLE, stored, stored, longest=150)
    detail = labelled["detail"]
    if not detail.isascii():  # French, as the crawler writes its details now (« plus de 30 s »,
        return stored  # « port non numérique : x »: each has an accent or a no-break space)
    french = french_reason(_DETAILS, detail, "", longest=150)
    return f"{labelled['label']} ({french})" if french else labelled["label"]
