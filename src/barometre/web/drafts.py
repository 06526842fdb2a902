"""What an auditor typed in a review or coding form when their session had expired.

Without a session the POST cannot be recorded (nobody is logged in to sign it), and Django's
`login_required` sends it to the login page, dropping what was typed. Here the typed fields are
kept server side, in the new anonymous session, under the address of the form's target (the
cell or the coding assignment named by the URL, never by a posted field), and sent on to the
login page. `django.contrib.auth.login` keeps an anonymous session's data (it only changes its
key), so once logged in the form of that target finds the fields again, shown for the auditor to
check and send: nothing is recorded without a new POST carrying the new CSRF token (login
rotates it, so the old form's token could not be trusted anyway). A restored correction keeps the
version of the cell its author saw: if someone changed the cell meanwhile, the save is refused
as any stale form is.

The same happens when the form's CSRF token is no longer valid (the auditor logged in again in
another tab, which rotates the token) and the request comes from this site's own page (its
`Origin` header is this origin): the CSRF failure page would otherwise drop what was typed. A
request from elsewhere, or without `Origin`, keeps nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from barometre.assessments.models import Cell
from barometre.web.forms import DecisionForm

SESSION_KEY = "barometre_drafts"
# the fields of the decision forms, each cut to its form's limit (a longer value is refused by
# the form anyway); anything else posted is dropped
FIELDS = {"action": 16, "level": 8, "justification": 5000, "evidence_url": 2000, "seen": 18}
MAX_DRAFTS = 20  # per session, the oldest dropped first
# the forms whose input is kept: route name -> kind of target
FORMS = {"web:review-cell": "cell", "web:review-coding": "coding"}

View = Callable[..., HttpResponse]


def draft_keep(request: HttpRequest, *, target: str) -> None:
    """Keep the posted decision fields for `target` (replacing an earlier draft of it)."""
    draft = {name: request.POST.get(name, "")[:limit] for name, limit in FIELDS.items()}
    drafts = {k: v for k, v in request.session.get(SESSION_KEY, {}).items() if k != target}
    drafts[target] = draft
    request.session[SESSION_KEY] = dict(list(drafts.items())[-MAX_DRAFTS:])


def draft_take(request: HttpRequest, *, target: str) -> dict[str, str] | None:
    """The draft kept for `target`, removed from the session (it is restored once)."""
    drafts = request.session.get(SESSION_KEY)
    if not drafts or target not in drafts:
        return None
    draft = drafts.pop(target)
    request.session[SESSION_KEY] = drafts
    return {name: str(draft.get(name, ""))[:limit] for name, limit in FIELDS.items()}


def draft_correction(request: HttpRequest, found: Cell) -> tuple[DecisionForm | None, int | None]:
    """The correction typed on this cell when its form could not be recorded (a draft), with the
    version of the cell its author saw, so that saving it is refused if the cell changed since."""
    draft = draft_take(request, target=f"cell:{found.pk}")
    if draft is None:
        return None, found.assessment_id
    if draft["action"] != "override":  # an accept: nothing typed, but nothing recorded either
        messages.warning(
            request,
            _(
                "Votre acceptation n'avait pas pu être enregistrée (session expirée) : la "
                "proposition n'a pas été acceptée. Acceptez-la de nouveau si elle vous convient."
            ),
        )
        return None, found.assessment_id
    seen = draft["seen"]
    messages.warning(
        request,
        _(
            "La correction que vous n'aviez pas pu enregistrer est remise dans le formulaire, "
            "mais rien n'a encore été enregistré. Vérifiez-la puis enregistrez-la."
        ),
    )
    form = DecisionForm(max_level=found.service.max_level, initial=draft_fields(draft))
    return form, int(seen) if seen.isascii() and seen.isdigit() else -1


def draft_fields(draft: dict[str, str]) -> dict[str, str]:
    """A draft's fields as a decision form's initial values (shown, not yet validated)."""
    return {k: draft[k] for k in ("level", "justification", "evidence_url")}


def login_keeping_input(kind: str) -> Callable[[View], View]:
    """`login_required` for a form view taking `pk`: an anonymous POST (an expired session)
    keeps its fields as the draft of `<kind>:<pk>` before the login page."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, pk: int) -> HttpResponse:
            if request.user.is_authenticated:
                return view(request, pk)
            if request.method == "POST":
                draft_keep(request, target=f"{kind}:{pk}")
                messages.warning(
                    request,
                    _(
                        "Votre session a expiré : rien n'a été enregistré, mais votre saisie est "
                        "conservée. Connectez-vous : vous la retrouverez dans le formulaire, à "
                        "vérifier puis à enregistrer."
                    ),
                )
            return redirect_to_login(request.get_full_path())

        return wrapped

    return decorator


def _same_origin(request: HttpRequest) -> bool:
    try:
        here = f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"
    except DisallowedHost:
        return False
    return request.META.get("HTTP_ORIGIN") == here


def draft_keep_refused(request: HttpRequest) -> HttpResponse | None:
    """For a review or coding form refused by the CSRF check: keep what was typed and send the
    auditor back to the form (None: not such a form, or not sent from this site)."""
    if request.method != "POST" or not _same_origin(request):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    kind = FORMS.get(match.view_name)
    if kind is None:
        return None
    draft_keep(request, target=f"{kind}:{match.kwargs['pk']}")
    messages.warning(
        request,
        _(
            "Le formulaire n'était plus valable (session expirée, ou reconnexion dans un autre "
            "onglet) : rien n'a été enregistré, mais votre saisie est conservée."
        ),
    )
    return HttpResponseRedirect(request.get_full_path())
