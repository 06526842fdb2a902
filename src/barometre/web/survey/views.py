"""Respondent pages and report page. Views parse the request and call services.

A respondent's progress (campaign, collectivité, role, answers so far, and the SHA-256 of their
one-time token, never the token) lives in their Django session, a row of the server's session
table (SESSION_ENGINE "db") named by a cookie. The session is flushed, row and cookie, as soon as
the answers are stored or refused: nothing is left to date an answer. Deleting that row is also
what spends a shared link's form, in the transaction that stores it: the last page sent twice at
once is stored once. An abandoned form's row stays until the session expires (SESSION_COOKIE_AGE)
and `clearsessions` removes it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from barometre.core.errors import BarometreError
from barometre.core.statecache import kept
from barometre.survey.labels import questionnaire_in_language
from barometre.survey.models import SurveyCampaign, SurveyUnit
from barometre.survey.questionnaire import QuestionnaireSpec
from barometre.survey.reports.data import survey_report_data, survey_report_of_unit
from barometre.survey.reports.html_report import report_context
from barometre.survey.selectors import (
    survey_campaigns_list,
    survey_campaigns_public,
    survey_report_state,
)
from barometre.survey.services import (
    questionnaire_spec,
    survey_answer_submit,
    survey_token_campaign,
    survey_token_find,
)
from barometre.survey.services.answers import scored
from barometre.survey.services.reports import RENDERERS, report_filename
from barometre.web.survey.forms import AxisForm, WhoForm, error_links
from barometre.web.views.common import allow_charts

KEY = "survey"


def _state(request: HttpRequest) -> dict[str, Any] | None:
    state = request.session.get(KEY)
    return state if isinstance(state, dict) else None


def _save(request: HttpRequest, state: dict[str, Any]) -> None:
    request.session[KEY] = state
    request.session.modified = True


def _closed(request: HttpRequest, message: str, status: int = 410) -> HttpResponse:
    return render(request, "survey/closed.html", {"message": message}, status=status)


def start_with_token(request: HttpRequest, token: str) -> HttpResponse:
    found = survey_token_find(token=token)
    waiting = None if found else survey_token_campaign(token=token)
    if waiting is not None:  # an unused link of a campaign closed or not yet open
        return _unavailable(request, waiting)
    if found is None:
        return _closed(
            request, _("Ce lien a déjà servi, n'est pas valable ou l'enquête est close.")
        )
    state = _state(request)
    if state is not None and state.get("token") == found.digest and state.get("role"):
        # the same link opened again: its holder's form
        return _resume(request, state, found.campaign)
    unit = found.unit.code if found.unit else None
    # only the token's hash is kept in the session (a database row): it is spent by its hash
    state = {"campaign": found.campaign_id, "token": found.digest, "unit": unit, "answers": {}}
    _save(request, state)
    return redirect("survey:who")


def _unavailable(request: HttpRequest, campaign: SurveyCampaign | None) -> HttpResponse:
    """Why a shared link leads to no form: its campaign closed (its report linked), not yet
    open (to come back to), or no campaign at all (a link cut short)."""
    if campaign is None:
        return _closed(
            request,
            _(
                "Ce lien ne mène à aucune enquête : vérifiez qu'il a été copié en entier depuis "
                "le message reçu."
            ),
        )
    if campaign.status == SurveyCampaign.Status.CLOSED:
        message = _("Cette enquête est close : elle n'accepte plus de réponse.")
        context = {"message": message, "closed": campaign}
        return render(request, "survey/closed.html", context, status=410)
    return _closed(
        request,
        _(
            "Cette enquête n'est pas encore ouverte : ce lien mènera au questionnaire dès "
            "son ouverture."
        ),
    )


def _resume(request: HttpRequest, state: dict[str, Any], campaign: SurveyCampaign) -> HttpResponse:
    """Back to the first page not yet answered, which says once that the answers given are kept
    (`_resumed`). Only for a one-time link, which is one person's: a shared link opened again
    may be the next person on a shared computer, who starts afresh and sees nothing of what
    someone else left unsent."""
    state["resumed"] = True
    _save(request, state)
    axes = questionnaire_spec(campaign.questionnaire).axes
    steps = [i for i, a in enumerate(axes, 1) if a.statements[0].id not in state["answers"]]
    return redirect("survey:axis", step=steps[0] if steps else len(axes))


def start_with_link(request: HttpRequest, key: str) -> HttpResponse:
    campaign = SurveyCampaign.objects.filter(shared_key=key).first()
    if campaign is None or campaign.status != SurveyCampaign.Status.OPEN:
        return _unavailable(request, campaign)
    _save(request, {"campaign": campaign.pk, "token": None, "unit": None, "answers": {}})
    return redirect("survey:who")


def _no_form(request: HttpRequest) -> HttpResponse:
    """No form in this browser: none started, or one just sent (its session is flushed, so the
    two cannot be told apart; a respondent coming back after sending must not answer again)."""
    message = _(
        "Aucune enquête en cours dans ce navigateur. Si vous venez d'envoyer vos réponses, elles "
        "sont enregistrées : inutile de répondre à nouveau. Sinon, ouvrez le lien que vous "
        "avez reçu."
    )
    return render(request, "survey/closed.html", {"message": message, "alert": "info"}, status=410)


def _campaign(state: dict[str, Any] | None) -> SurveyCampaign | None:
    if state is None:
        return None
    return (
        SurveyCampaign.objects.select_related("questionnaire")
        .filter(pk=state["campaign"], status=SurveyCampaign.Status.OPEN)
        .first()
    )


def _no_survey(request: HttpRequest, state: dict[str, Any] | None) -> HttpResponse:
    """A form with no campaign to answer: none started, or its campaign closed meanwhile."""
    if state is not None:
        request.session.flush()  # the answers so far can no longer be stored
        return _closed(
            request,
            _(
                "Cette enquête est close depuis que vous avez commencé : elle n'accepte plus de "
                "réponse et vos réponses n'ont pas été enregistrées."
            ),
        )
    return _no_form(request)


@require_http_methods(["GET", "POST"])
def who(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    campaign = _campaign(state)
    if state is None or campaign is None:
        return _no_survey(request, state)
    spec = questionnaire_in_language(questionnaire_spec(campaign.questionnaire))
    # the collectivité a one-time link fixes; one the respondent chose can be changed here
    fixed = None if state.get("unit_chosen") else state["unit"]
    units = [] if fixed else [(u.code, u.name) for u in campaign.units.all()]
    initial = {"role": state.get("role"), "unit": state.get("unit")}
    form = WhoForm(
        request.POST if request.method == "POST" else None, spec=spec, units=units, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        state["role"] = form.cleaned_data["role"]
        if not fixed:
            state["unit"] = form.cleaned_data.get("unit") or units[0][0]
            state["unit_chosen"] = True
        _save(request, state)
        return redirect("survey:axis", step=1)
    context = {
        "form": form,
        **_error_summary(form),
        "campaign": campaign,
        # the collectivité the link fixes (or the campaign's only one), named on the page
        "unit": _fixed_unit(campaign, fixed or (units[0][0] if len(units) == 1 else None)),
        "steps": len(spec.axes),
        # a one-time link opened again resumes the form (_resume); a shared link starts afresh
        "resumable": bool(state.get("token")),
    }
    return render(request, "survey/who.html", context)


def _error_summary(form: forms.Form) -> dict[str, Any]:
    """The summary of a form sent back with errors, at the page's top (focus moved to it)."""
    errors = error_links(form)
    return {"errors": errors, "error_count": len(errors) + len(form.non_field_errors())}


def _fixed_unit(campaign: SurveyCampaign, code: str | None) -> SurveyUnit | None:
    return campaign.units.filter(code=code).first() if code else None


@require_http_methods(["GET", "POST"])
def axis_page(request: HttpRequest, step: int) -> HttpResponse:
    state = _state(request)
    campaign = _campaign(state)
    if state is None or campaign is None:
        return _no_survey(request, state)
    if not state.get("role"):
        return _no_form(request)
    spec = questionnaire_in_language(questionnaire_spec(campaign.questionnaire))
    if not 1 <= step <= len(spec.axes):
        raise Http404
    axis = spec.axes[step - 1]
    saved = {k: ("nsp" if v is None else str(v)) for k, v in state["answers"].items()}
    saved.update(state.get("draft", {}))  # what a page had when its respondent went back
    form = AxisForm(
        request.POST if request.method == "POST" else None, spec=spec, axis=axis, initial=saved
    )
    if request.method == "POST" and "retour" in request.POST:
        return _back(request, form, state, step)
    if request.method == "POST" and form.is_valid():
        answered = _answered(request, form, spec, campaign, state, step)
        if answered is not None:
            return answered
    elif request.method == "POST":
        _keep_draft(request, form, state)  # an unfinished page sent: kept if the tab is closed
    context = {
        "form": form,
        **_error_summary(form),
        "axis": axis,
        "step": step,
        "steps": len(spec.axes),
        # the DSFR stepper names the next page (none after the last)
        "next_axis": spec.axes[step] if step < len(spec.axes) else None,
        "campaign": campaign,
        "resumed": _resumed(request, state),
    }
    return render(request, "survey/axis.html", context)


def _resumed(request: HttpRequest, state: dict[str, Any]) -> bool:
    """Whether this page is the one a respondent's link opened again led to: said on that page
    only, once (the next page, or this one reloaded, no longer says it)."""
    if request.method != "GET" or not state.pop("resumed", False):
        return False
    _save(request, state)
    return True


def _back(request: HttpRequest, form: AxisForm, state: dict[str, Any], step: int) -> HttpResponse:
    """« Page précédente » keeps what this page had, finished or not, to show it again; only a
    complete page goes into the answers. From the first page it leads to the role (and the
    collectivité), which can be changed there."""
    _keep_draft(request, form, state)
    return redirect("survey:axis", step=step - 1) if step > 1 else redirect("survey:who")


def _keep_draft(request: HttpRequest, form: AxisForm, state: dict[str, Any]) -> None:
    """Keep what a page sent unfinished had (« Page précédente », or « Page suivante » with
    answers missing), to show it again on that page, also when its one-time link is opened
    again after the tab was closed (`_resume`); only a complete page goes into the answers."""
    kept = {
        name: value
        for name, field in form.fields.items()
        if isinstance(value := request.POST.get(name), str) and field.valid_value(value)
    }
    state.setdefault("draft", {}).update(kept)
    _save(request, state)


def _answered(
    request: HttpRequest,
    form: AxisForm,
    spec: QuestionnaireSpec,
    campaign: SurveyCampaign,
    state: dict[str, Any],
    step: int,
) -> HttpResponse | None:
    """A complete page: its answers kept, then the next page missing an answer, or the answers
    stored after the last page; None when they score nothing (said on the form)."""
    state["answers"].update(form.answers())
    for name in form.fields:
        state.get("draft", {}).pop(name, None)
    _save(request, state)
    missing = [i for i, a in enumerate(spec.axes, 1) if a.statements[0].id not in state["answers"]]
    if step < len(spec.axes) or missing:
        return redirect("survey:axis", step=missing[0] if missing else step + 1)
    if scored(spec, state["answers"]):
        return _submit(request, campaign, state)
    # "je ne sais pas" everywhere scores nothing: said here, the answers kept to change
    form.add_error(
        None,
        _(
            "Aucune réponse notée : « je ne sais pas » à chaque affirmation ne donne aucun "
            "score. Choisissez une autre réponse, de « pas du tout vrai » à « tout à fait "
            "vrai », pour au moins une affirmation, sur cette page ou sur une page précédente."
        ),
    )
    return None


def _session_spend(request: HttpRequest) -> None:
    """Delete the form's session row, once, in the transaction that stores the answers.

    The last page sent twice at once (a double click) gives two requests that both read the
    same complete answers: the one that finds the row already deleted stores nothing.
    """
    key = request.session.session_key
    rows = request.session.model.objects.filter(session_key=key)
    if key is None or rows.delete()[0] != 1:
        raise BarometreError(
            _(
                "Ce formulaire a déjà été envoyé (double clic ou page envoyée deux fois) : ce "
                "second envoi n'a rien enregistré de plus."
            )
        )


def _submit(request: HttpRequest, campaign: SurveyCampaign, state: dict[str, Any]) -> HttpResponse:
    try:
        with transaction.atomic():
            _session_spend(request)
            survey_answer_submit(
                campaign=campaign,
                unit=state["unit"],
                role=state["role"],
                answers=state["answers"],
                today=timezone.localdate(),
                digest=state["token"],
            )
    except BarometreError as error:
        request.session.flush()
        return _closed(request, str(error), status=409)
    # the session row is deleted, not emptied: its expiry date would give the time of the answer
    request.session.flush()
    # the campaign's name (public: /enquete/ lists them) lets the page say where its results go
    return redirect(f"{reverse('survey:thanks')}?{urlencode({'campagne': campaign.name})}")


def thanks(request: HttpRequest) -> HttpResponse:
    name = request.GET.get("campagne", "")[:200]
    campaign = survey_campaigns_public().filter(name=name).first() if name else None
    return render(request, "survey/thanks.html", {"campaign": campaign})


def campaign_list(request: HttpRequest) -> HttpResponse:
    return render(request, "survey/campaigns.html", {"campaigns": survey_campaigns_list()})


def _public(name: str) -> SurveyCampaign:
    campaign = survey_campaigns_public().select_related("questionnaire").filter(name=name).first()
    if campaign is None:  # none of that name, or one in preparation (nobody's business yet)
        raise Http404
    return campaign


def report(request: HttpRequest, name: str) -> HttpResponse:
    campaign = _public(name)
    if campaign.status != SurveyCampaign.Status.CLOSED:
        # figures of an open campaign, saved before and after one answer, would give it away
        return render(request, "survey/report.html", {"campaign": campaign, "pending": True})
    data = survey_report_data(campaign=campaign, today=timezone.localdate())
    allow_charts(request)  # the radars are Vega charts (blocked by the default policy)
    context = {"campaign": campaign, **report_context(data), "unit_links": True}
    return render(request, "survey/report.html", context)


def report_unit(request: HttpRequest, name: str, code: str) -> HttpResponse:
    """One collectivité's report (its part of the campaign's, `survey_report_of_unit`), to show
    its council; an open campaign's says, as the whole report's, that results come at its close."""
    campaign = _public(name)
    unit = campaign.units.filter(code=code).first()
    if unit is None:
        raise Http404  # a collectivité the campaign did not survey
    if campaign.status != SurveyCampaign.Status.CLOSED:
        # the collectivité named, as the page its link will show at the close: it read as the
        # whole campaign's, a coordinator could not tell it was the page shared with Lyon's
        context = {"campaign": campaign, "pending": True, "unit": unit}
        return render(request, "survey/report.html", context)
    whole = survey_report_data(campaign=campaign, today=timezone.localdate())
    data = survey_report_of_unit(whole, code)
    allow_charts(request)
    return render(
        request, "survey/report_unit.html", {"campaign": campaign, **report_context(data)}
    )


# The report's downloads: media type, and whether the browser saves it rather than shows it
DOWNLOADS = {"pdf": ("application/pdf", False), "csv": ("text/csv; charset=utf-8", True)}


@require_safe
def report_download(request: HttpRequest, name: str, fmt: str, code: str = "") -> HttpResponse:
    """The report of a closed campaign as PDF or CSV (the files `barometre survey report`
    writes), or one collectivité's as PDF (`code`), in French; an open campaign has none, as
    its page shows no figure."""
    campaign = _public(name)
    if campaign.status != SurveyCampaign.Status.CLOSED:
        raise Http404
    if code and not campaign.units.filter(code=code).exists():
        raise Http404  # a collectivité the campaign did not survey
    today = timezone.localdate()

    def render_file() -> str | bytes:
        data = survey_report_data(campaign=campaign, today=today)
        return RENDERERS[fmt](survey_report_of_unit(data, code) if code else data)

    content = kept(  # laid out once per state of what it shows (a PDF is slow to lay out)
        f"survey-report:{campaign.pk}:{code}:{fmt}", survey_report_state(today=today), render_file
    )
    media_type, attachment = DOWNLOADS[fmt]
    response = HttpResponse(content, content_type=media_type)
    filename = report_filename(campaign.name, fmt, code)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["Content-Language"] = "fr"  # the files are French whatever the reader's language
    return response
