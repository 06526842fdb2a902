"""Create measurement campaigns."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from barometre.core.errors import BarometreError
from barometre.core.plural import counted
from barometre.referential.catalogue import catalogue_read, default_catalogue
from barometre.referential.codes import CAMPAIGN_NAME
from barometre.referential.models import Campaign
from barometre.referential.selectors import communes_from_spec
from barometre.referential.services.catalogues import catalogue_store

_NAME = re.compile(rf"^{CAMPAIGN_NAME}$")


@transaction.atomic
def _already_there(campaign: Campaign) -> str:
    """What `campaign create` says of a name already taken, and what to do about it."""
    name = campaign.name
    held = counted(campaign.communes.count(), "commune", "communes")
    return (
        f"La campagne « {name} » existe déjà ({held}, mesurée le "
        f"{campaign.measured_on:%Y-%m-%d}) : « barometre campaign show {name} » la "
        f"décrit ; choisissez un autre nom, ou « barometre campaign delete {name} » la "
        "supprime avec tout ce qui a été enregistré pour elle."
    )


def campaign_create(
    *,
    name: str,
    spec: str,
    catalogue_path: Path | None = None,
    is_demo: bool = False,
    exist_ok: bool = False,
    measured_on: dt.date | None = None,
) -> Campaign:
    """Create a campaign over the communes that `spec` selects, with a catalogue version.
    `measured_on`: when the sites were measured (today by default)."""
    if measured_on is not None:
        measured_on_check(measured_on)
    _name_check(name)
    spec_obj = catalogue_read(catalogue_path) if catalogue_path else default_catalogue()
    existing = Campaign.objects.filter(name=name).first()
    if existing is not None:
        if exist_ok and existing.spec == spec and existing.catalogue.version == spec_obj.version:
            return existing
        raise BarometreError(_already_there(existing))
    communes = communes_from_spec(spec)
    catalogue = catalogue_store(spec=spec_obj)
    campaign = Campaign.objects.create(
        name=name,
        catalogue=catalogue,
        spec=spec,
        is_demo=is_demo,
        measured_on=measured_on or timezone.localdate(),
    )
    _communes_add(campaign, communes.values_list("code", flat=True))
    return campaign


def _name_check(name: str) -> None:
    if not _NAME.match(name):
        raise BarometreError(
            f"Nom de campagne invalide « {name} » : "
            "lettres, chiffres, '.', '_' ou '-' (64 au plus)."
        )


def _communes_add(campaign: Campaign, codes: Iterable[str]) -> None:
    """The campaign's communes, inserted in batches (tens of thousands of them)."""
    through = Campaign.communes.through
    through.objects.bulk_create(
        (through(campaign_id=campaign.pk, commune_id=code) for code in codes),
        batch_size=5000,
    )


EARLIEST_MEASURE = dt.date(1990, 1, 1)  # no commune had a website before the web itself


def measured_on_check(day: dt.date) -> None:
    """A measurement is dated today or earlier (a date to come is a typing error), and not
    before the web existed (1900 for 2000, 1014 for 2014 are typing errors too)."""
    if day < EARLIEST_MEASURE:
        raise BarometreError(
            f"Date de mesure {day.isoformat()} antérieure à {EARLIEST_MEASURE.year} : aucune "
            "commune n'avait alors de site à mesurer ; vérifiez l'année."
        )
    today = timezone.localdate()
    if day > today:
        raise BarometreError(
            f"Date de mesure {day.isoformat()} postérieure à aujourd'hui ({today.isoformat()}) : "
            "la date de la mesure est celle où les sites ont été mesurés."
        )


def measured_on_parse(text: str) -> dt.date:
    """ "2014-03-01" (AAAA-MM-JJ) as a date, or a French error."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise BarometreError(
            f"Date de mesure illisible « {text} » : attendu AAAA-MM-JJ, par exemple 2014-03-01."
        ) from None
    measured_on_check(day)
    return day


def campaigns_close(name: str, names: list[str]) -> list[str]:
    """The names of `names` that `name` is a typo of: the same letters in another case first,
    then those of a difflib ratio of 0.75 or more (`2062` for `2026`), closest first."""
    close = [n for n in names if n.casefold() == name.casefold() and n != name]
    return close + [
        n for n in difflib.get_close_matches(name, names, n=3, cutoff=0.75) if n not in close
    ]


def campaign_unknown(name: str) -> BarometreError:
    """The French error for a campaign name that none has: it names the campaign meant when one
    is close (same letters in another case, or a difflib ratio of 0.75 or more) and lists the
    campaigns that exist, so that a mistyped name is put right at once."""
    names = list(Campaign.objects.order_by("name").values_list("name", flat=True))
    close = campaigns_close(name, names)
    meant = f" Vouliez-vous dire «\u00a0{close[0]}\u00a0»\u00a0?" if close else ""
    return BarometreError(
        f"Campagne inconnue\u00a0: «\u00a0{name}\u00a0».{meant} "
        f"Campagnes existantes\u00a0: {', '.join(names) or '(aucune)'}."
    )


@transaction.atomic
def campaign_date_set(*, name: str, measured_on: dt.date) -> Campaign:
    """Date a campaign's measurement (for a past study imported later)."""
    measured_on_check(measured_on)
    campaign = Campaign.objects.select_for_update().filter(name=name).first()
    if campaign is None:
        raise campaign_unknown(name)
    campaign.measured_on = measured_on
    campaign.save(update_fields=["measured_on"])
    return campaign
