"""Who decided a value, as the public reads it: a kind of author, and a pseudonym per auditor.

An auditor's user name is personal data (often « prenom.nom ») that no reuser needs: the open
data, the API, the reports and the public pages never show it (data minimisation, GDPR). They
show the kind of author (automatic proposal, auditor's review, blind double coding, import) and,
for a review, « auditeur N »: auditors numbered in the order of their first review in the
campaign (then in the order the reviews were recorded), so that a reuser can tell reviewers
apart without learning who they are. The number is derived from nothing in the name (no hash to
reverse or guess), and stays the same as the campaign goes on (assessments are never deleted: a
new auditor only takes the next number). An import's author (a name given on the command line,
possibly a person's) is not shown either: « import ».

The auditors' workspace, behind a login, keeps showing user names.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Min

from barometre.assessments.models import Assessment, Source
from barometre.assessments.services.review import BLIND_AUTHOR

# The kinds of author, as the open data and the API write them.
AUTO, AUDITOR, DOUBLE_CODING, IMPORT = "auto", "auditor", "double_coding", "import"
AUTHOR_KINDS = (AUTO, AUDITOR, DOUBLE_CODING, IMPORT)
# What the public files say for an author that is not an auditor (French, like every value).
PUBLIC_NAMES = {AUTO: "barometre", DOUBLE_CODING: "double codage", IMPORT: "import"}
AUDITOR_NAME = "auditeur {number}"

_KEEP = 8
_lock = threading.Lock()
_cache: OrderedDict[tuple[object, ...], dict[str, int]] = OrderedDict()


def author_kind(source: str, author: str) -> str:
    """The kind of author of a value, from its origin and its stored author."""
    if source == Source.AUTO:
        return AUTO
    if source == Source.IMPORT:
        return IMPORT
    return DOUBLE_CODING if author == BLIND_AUTHOR else AUDITOR


@dataclass(frozen=True, slots=True)
class Pseudonyms:
    """The auditors of one campaign, each with its number (1 for the first who reviewed)."""

    numbers: dict[str, int] = field(default_factory=dict)

    def number(self, source: str, author: str) -> int | None:
        """The auditor's number, or None when the author is not an auditor."""
        if author_kind(source, author) != AUDITOR:
            return None
        return self.numbers.get(author)

    def name(self, source: str, author: str) -> str:
        """What the public reads for the author: « auditeur 2 », « double codage »…"""
        kind = author_kind(source, author)
        if kind != AUDITOR:
            return PUBLIC_NAMES[kind]
        number = self.numbers.get(author)
        return AUDITOR_NAME.format(number=number) if number else "auditeur"


def campaign_pseudonyms(campaign_id: int) -> Pseudonyms:
    """The pseudonyms of the campaign's auditors, kept per state of its history (a new
    assessment may be a new auditor's first review)."""
    key = (campaign_id, *_latest(campaign_id))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return Pseudonyms(_cache[key])
    numbers = _numbers(campaign_id)
    with _lock:
        _cache[key] = numbers
        while len(_cache) > _KEEP:
            _cache.popitem(last=False)
    return Pseudonyms(numbers)


def _latest(campaign_id: int) -> tuple[object, ...]:
    """The campaign's latest assessment (id, time, author): what changes with its history."""
    # a range ordered like the (campaign, id) index: one index entry (outputs.published)
    latest = (
        Assessment.objects.filter(campaign_id__gte=campaign_id, campaign_id__lte=campaign_id)
        .order_by("-campaign_id", "-id")
        .values_list("id", "created_at", "author")
        .first()
    )
    return tuple(latest or ())


def _numbers(campaign_id: int) -> dict[str, int]:
    firsts = (
        Assessment.objects.filter(campaign_id=campaign_id, source=Source.HUMAN)
        .exclude(author__in=("", BLIND_AUTHOR))
        .values("author")
        .annotate(first=Min("created_at"), first_id=Min("id"))
        .order_by("first", "first_id", "author")
    )
    return {row["author"]: n for n, row in enumerate(firsts, start=1)}


def pseudonyms_cache_clear() -> None:
    with _lock:
        _cache.clear()
