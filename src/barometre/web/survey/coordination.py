"""The coordinator's page, reached by the secret key printed when the campaign was created:
open or close the campaign, download one-time links. Each action calls one service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from barometre.core.errors import BarometreError
from barometre.referential.codes import commune_code_normalise
from barometre.survey.models import SurveyCampaign
from barometre.survey.scoring import MIN_GROUP
from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_for_coordinator,
    survey_campaign_open,
    survey_tokens_create,
)
from barometre.survey.services.links import links_csv


def _campaign(key: str) -> SurveyCampaign:
    campaign = survey_campaign_for_coordinator(key=key)
    if campaign is None:
        raise Http404
    return campaign


MAX_LINKS = 100_000  # as survey_tokens_create allows


def _links_count(text: str) -> int | None:
    """The number of one-time links asked for, or None when it is no whole number in range."""
    text = text.strip()
    # ASCII digits only ("²".isdigit() is true and int("²") fails)
    if not (text.isascii() and text.isdigit() and len(text) <= 9):
        return None
    count = int(text)
    return count if 1 <= count <= MAX_LINKS else None


@dataclass
class _Form:
    """What the page shows again after a post it did not act on at once."""

    error: str = ""  # a refusal of the service, above the actions
    count_error: str = ""  # said beside the links field
    count: str = "50"  # the number of links typed, kept
    confirm_close: bool = False  # closing is for good: asked again, on this page


@require_http_methods(["GET", "POST"])
def coordination(request: HttpRequest, key: str) -> HttpResponse:
    campaign = _campaign(key)
    form = _Form()
    if request.method == "POST":
        done = _act(request, campaign, key, form)
        if done is not None:
            return done
    return _page(request, campaign, key, form)


def _act(
    request: HttpRequest, campaign: SurveyCampaign, key: str, form: _Form
) -> HttpResponse | None:
    """Carry out the posted action: its response, or None when `form` says what to show again."""
    action = request.POST.get("action")
    try:
        if action == "open":
            _open(request, campaign)
        elif action in ("close", "close-confirmed") and _not_closable(campaign):
            raise BarometreError(_not_closable(campaign))  # the page offers no such action
        elif action == "close":  # for good (no reopening): asked again, on this page
            form.confirm_close = campaign.status != "closed"
        elif action == "close-confirmed":
            _close(request, campaign)
        elif action == "tokens":
            form.count = request.POST.get("count", "")[:100]
            count = _links_count(form.count)
            if count is not None:
                return _tokens(request, campaign, count)
            # said beside the field, in the page's language, the number typed kept
            form.count_error = _(
                "Le nombre de liens doit être un nombre entier entre 1 et 100 000."
            )
    except BarometreError as problem:
        form.error = str(problem)
        return None
    if form.count_error or form.confirm_close:
        return None
    return redirect("survey:coordination", key=key)


def _open(request: HttpRequest, campaign: SurveyCampaign) -> None:
    """Open the campaign and say so on the page it goes back to (a DSFR alert, `messages`)."""
    _change_status(
        request,
        campaign,
        survey_campaign_open,
        SurveyCampaign.Status.OPEN,
        _("La campagne « {name} » était déjà ouverte : rien n'a changé."),
        _(
            "La campagne « {name} » est ouverte : ses liens, partagé ou à usage unique, "
            "mènent désormais au questionnaire."
        ),
    )


def _close(request: HttpRequest, campaign: SurveyCampaign) -> None:
    """Close the campaign and say so, as `barometre survey campaign close` does; closing it
    again (another tab, a double click) changes nothing and says that."""
    _change_status(
        request,
        campaign,
        survey_campaign_close,
        SurveyCampaign.Status.CLOSED,
        _("La campagne « {name} » était déjà close : rien n'a changé."),
        _(
            "La campagne « {name} » est close : elle n'accepte plus aucune réponse. Son "
            "rapport publie les chiffres de chaque collectivité d'au moins {n} répondants."
        ),
    )


def _change_status(
    request: HttpRequest,
    campaign: SurveyCampaign,
    service: Callable[..., object],
    target: object,  # a SurveyCampaign.Status
    unchanged: str,
    changed: str,
) -> None:
    """Bring the campaign to `target` through `service` and say so on the page it goes back
    to (a DSFR alert, `messages`): `unchanged` when it already was, else `changed`."""
    was_there = campaign.status == target
    service(name=campaign.name)
    said = unchanged if was_there else changed
    messages.success(request, said.format(name=campaign.name, n=MIN_GROUP))


def _not_closable(campaign: SurveyCampaign) -> str:
    """Why the campaign may not be closed (the page offers no such action then), or "": a
    campaign in preparation was never open, there is nothing to close (`can_close`)."""
    if campaign.can_close() or campaign.status == SurveyCampaign.Status.CLOSED:
        return ""
    return _(
        "La campagne n'est pas encore ouverte : il n'y a rien à clore. Ouvrez-la d'abord ; "
        "elle se clôt ensuite, une fois les réponses reçues."
    )


def _page(request: HttpRequest, campaign: SurveyCampaign, key: str, form: _Form) -> HttpResponse:
    """The page: the campaign, its actions, and the responses per collectivité (a count shown
    only from MIN_GROUP respondents on)."""
    units = campaign.units.annotate(n=Count("responses")).order_by("name")
    context = {
        "campaign": campaign,
        "error": form.error,
        "count_error": form.count_error,
        "count": form.count,
        "confirm_close": form.confirm_close,
        "key": key,
        "units": [(u, _respondents(campaign, u.n)) for u in units],
        "shared": request.build_absolute_uri(
            reverse("survey:shared", kwargs={"key": campaign.shared_key})
        ),
    }
    status = 400 if form.error or form.count_error else 200
    return render(request, "survey/coordination.html", context, status=status)


def _respondents(campaign: SurveyCampaign, n: int) -> int | str:
    """A collectivité's respondents as the page says them: a count from MIN_GROUP on; none in
    a campaign still in preparation (nobody can answer it yet: « moins de 5 » would hint at
    answers); else « moins de 5 », not to give away who answered."""
    if n >= MIN_GROUP:
        return n
    if n == 0 and campaign.status == SurveyCampaign.Status.DRAFT:
        return _("aucun (campagne pas encore ouverte)")
    return _("moins de {n}").format(n=MIN_GROUP)


def _tokens(request: HttpRequest, campaign: SurveyCampaign, count: int) -> HttpResponse:
    unit = request.POST.get("unit") or None
    tokens = survey_tokens_create(campaign=campaign, count=count, unit=unit)
    links = (
        (token, request.build_absolute_uri(reverse("survey:token", kwargs={"token": token})))
        for token in tokens
    )
    # the command's file too (`links_csv`): semicolons and a byte-order mark, for spreadsheets
    response = HttpResponse(links_csv(links), content_type="text/csv; charset=utf-8")
    # links bound to a collectivité say which in the file's name: downloads for several
    # collectivités would otherwise all be liens-<campagne>.csv, easy to send to the wrong one
    name = "-".join(["liens", campaign.name, *([commune_code_normalise(unit)] if unit else [])])
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.csv")
    return response
