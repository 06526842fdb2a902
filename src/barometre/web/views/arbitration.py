"""The coordinators' page of blind double coding: draw a sample, list the cells to arbitrate.

The arbitration itself is a decision on the cell's review page (views.review.cell)."""

from __future__ import annotations

import secrets
from datetime import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from barometre.accounts.roles import COORDINATE, administers
from barometre.assessments.models import Cell, CodingAssignment, Source
from barometre.assessments.selectors import codings_awaited, codings_held_inactive
from barometre.assessments.services.coding_change import codings_changed_late
from barometre.assessments.services.draw import coders_active, codings_draw, drawn_said
from barometre.assessments.services.reassign import Reassignment, codings_reassign
from barometre.assessments.services.review import codings_disputed
from barometre.core.errors import BarometreError, ServerCommandNeeded
from barometre.referential.models import Campaign
from barometre.web.forms import SampleForm
from barometre.web.views.arbitration_return import list_queries
from barometre.web.views.common import page_of

coordinate_required = permission_required(COORDINATE, raise_exception=True)


@login_required
@coordinate_required
def arbitration(request: HttpRequest) -> HttpResponse:
    # a seed at random, as the command line picks one without --seed: the same seed on every
    # page made every draw a sample computable in advance from the campaign's cells
    initial = {"size": 20, "seed": secrets.randbelow(10**6)}
    sample_form = SampleForm(request.POST or None, initial=initial)
    campaigns = Campaign.objects.order_by("-created_at")
    if request.method == "POST" and (drawn := _drawn(request, sample_form)) is not None:
        return drawn
    disputed = codings_disputed().select_related("campaign", "commune", "service", "assessment")
    page = page_of(request, disputed.order_by("campaign_id", "commune_id", "service_id"))
    chosen = request.POST.get("campagne", request.GET.get("campagne", ""))[:200]
    context = {
        "form": sample_form,
        "campaigns": campaigns,
        "chosen": chosen,
        # the list's pages keep the campaign chosen for the draw (they went back to the newest)
        **list_queries(chosen, page.number),  # and the cells' links, the page too (to come back)
        "page": page,  # the cells to arbitrate; the title says which page (base.html)
        "reasons": arbitration_reasons(list(page.object_list)),
        # cells the coordinator coded blind: listed, but theirs to decide never (an only
        # coordinator who codes leaves such cells waiting for another one, said on the list)
        "coded_by_me": set(
            CodingAssignment.objects.filter(
                cell__in=list(page.object_list), auditor=request.user
            ).values_list("cell_id", flat=True)
        ),
        # a coordinator alone leaves the cells they coded to no one: the page says how to add one
        "no_other_arbiter": "" if arbiters_besides(request.user) else no_other_arbiter(),
        # the commands typed on the server, shown to the one who can reach it
        "administrator": administers(request.user),
        "sampled": CodingAssignment.objects.values("cell_id").distinct().count(),
        # nobody answers these until the command moves them (the site creates no account and
        # moves no coding: the CLI does)
        "held_inactive": codings_held_inactive(),
        # whom the cells in double coding wait for: the coordinator knows whom to remind
        "awaited": codings_awaited(),
        **_draw_pool(request.user),
    }
    status = 400 if request.method == "POST" and sample_form.errors else 200
    return render(request, "web/review/arbitration.html", context, status=status)


def _draw_pool(user: User) -> dict[str, object]:
    """Who a draw gives the cells to, said before drawing: every active account with a
    reviewing role (`coders_active`), the coordinator who draws included, who then may not
    arbitrate the cells they code (found out afterwards, on the list of cells to arbitrate)."""
    names = list(coders_active().values_list("username", flat=True))
    return {"coders": names, "coder_too": user.get_username() in names}


def _drawn(request: HttpRequest, sample_form: SampleForm) -> HttpResponse | None:
    """Draw the sample the form asks for, then back to the page with what it did and the
    campaign drawn still chosen; None (the form holding why) when the draw was refused."""
    name = request.POST.get("campagne", "")
    # PostgreSQL cannot compare text holding NUL
    campaign = None if "\x00" in name else Campaign.objects.filter(name=name).first()
    valid = sample_form.is_valid()  # every field's error first
    if campaign is None:
        sample_form.add_error(None, _("Campagne inconnue : choisissez-en une dans la liste."))
        return None
    if not valid:
        return None
    try:
        level, said = _draw(campaign, sample_form)
    except ServerCommandNeeded as error:  # the web's way out; the commands for an administrator
        _command_needed(request, sample_form, error)
        return None
    except BarometreError as error:
        sample_form.add_error(None, str(error))
        return None
    messages.add_message(request, level, said)
    # the campaign drawn stays chosen: a second draw went to the newest one
    query = urlencode({"campagne": campaign.name})
    return redirect(f"{reverse('web:review-arbitration')}?{query}")


def _command_needed(request: HttpRequest, form: SampleForm, error: ServerCommandNeeded) -> None:
    """A refusal whose way out is a server command, on the form: whom to ask, for a
    coordinator; for an administrator, who is the one asked, what they do themselves (the
    commands, and the admin page doing the same)."""
    assert isinstance(request.user, User)
    if not administers(request.user):
        form.add_error(None, error.on_web)
        return
    form.add_error(None, error.on_web_admin)
    form.server_commands = error.commands
    form.admin_page = reverse(error.admin_page) if error.admin_page else ""


@login_required
@coordinate_required
@require_POST
def arbitration_reassign(request: HttpRequest) -> HttpResponse:
    """Give the unanswered blind codings of a switched-off account to the other active auditors
    (`codings_reassign`, as `barometre assessments codings-reassign --from` does), then back to
    the page with what moved and what stayed. Only an account the page lists can be named."""
    name = request.POST.get("compte", "")
    held = dict(codings_held_inactive())
    if name not in held:
        messages.error(
            request,
            _(
                "Aucun compte désactivé ne détient de codage sans réponse sous ce nom : rien n'a "
                "été réattribué."
            ),
        )
        return redirect("web:review-arbitration")
    giver = User.objects.get(username=name)
    try:
        done = codings_reassign(from_user=giver)
    except BarometreError as error:
        messages.error(request, str(error))
        return redirect("web:review-arbitration")
    for level, text in _reassigned(name, done):
        messages.add_message(request, level, text)
    return redirect("web:review-arbitration")


def _reassigned(name: str, done: Reassignment) -> list[tuple[int, str]]:
    """What the move did, for the page's messages: what moved and to whom, what stayed and why."""
    said: list[tuple[int, str]] = []
    if done.moved:
        to = ", ".join(f"{user} ({n})" for user, n in done.moved_to().items())
        text = ngettext(
            "%(n)s codage sans réponse de « %(name)s » réattribué : %(to)s.",
            "%(n)s codages sans réponse de « %(name)s » réattribués : %(to)s.",
            len(done.moved),
        ) % {"n": len(done.moved), "name": name, "to": to}
        said.append((messages.SUCCESS, text))
    for reason, n in done.stayed_by_reason().items():
        text = ngettext(
            "%(n)s codage sans réponse reste à « %(name)s » : %(reason)s.",
            "%(n)s codages sans réponse restent à « %(name)s » : %(reason)s.",
            n,
        ) % {"n": n, "name": name, "reason": reason}
        said.append((messages.WARNING, text))
    return said


def _draw(campaign: Campaign, sample_form: SampleForm) -> tuple[int, str]:
    """Draw the campaign's sample for blind double coding among the active auditors; what was
    drawn, in a sentence (`drawn_said`), and the message's level: a warning when the sample is
    smaller than asked. Cells of the campaign already drawn are left out of the pool (never
    coded four times); drawn cells left out as reviewed are replaced while others remain."""
    drawn = codings_draw(
        campaign=campaign,
        size=sample_form.cleaned_data["size"],
        seed=sample_form.cleaned_data["seed"],
        now=timezone.now(),
    )
    level = messages.WARNING if drawn.cells < drawn.asked else messages.SUCCESS
    seed = sample_form.cleaned_data["seed"]
    return level, drawn_said(drawn, campaign=campaign.name, seed=seed)


def arbiters_besides(user: User) -> bool:
    """Whether an active account other than `user` may arbitrate (a coordinator's or an
    administrator's role): the cells `user` coded blind are theirs to decide."""
    return (
        User.objects.filter(is_active=True, groups__permissions__codename="coordinate_review")
        .exclude(pk=user.pk)
        .exists()
    )


def no_other_arbiter() -> str:
    """The lack, in French, for a coordinator alone with cells they coded blind; the way out,
    two commands to type on the server, is shown under it in <code>, untranslated, by
    web/review/_no_other_arbiter.html (in running text, "--" reads as a dash)."""
    return _("Aucun autre compte actif n'a le rôle de coordinateur.")


def arbitration_reasons(cells: list[Cell]) -> dict[int, str]:
    """Why each listed cell waits for arbitration (French): answers that differ, or agreeing
    answers that could not become its value, and which of the two reasons of
    `_codings_settle` kept them out (it said « pas de preuve…, ou valeur décidée… »)."""
    answers: dict[int, list[str]] = {}
    drawn: dict[int, datetime] = {}
    for cell_id, level, not_applicable, assigned_at in (
        CodingAssignment.objects.filter(cell__in=cells, coded_at__isnull=False)
        .order_by("coded_at", "pk")
        .values_list("cell_id", "level", "not_applicable", "assigned_at")
    ):
        said = _("sans objet") if not_applicable else _("niveau %(n)s") % {"n": level}
        answers.setdefault(cell_id, []).append(str(said))
        drawn[cell_id] = min(assigned_at, drawn.get(cell_id, assigned_at))
    by_pk = {cell.pk: cell for cell in cells}
    late = codings_changed_late(list(answers))
    reasons = {}
    for pk, found in answers.items():
        if len(set(found)) > 1:
            reasons[pk] = _("désaccord : %(answers)s") % {"answers": " / ".join(found)}
        elif pk in late:
            reasons[pk] = _(
                "accord (%(answer)s) obtenu par une réponse modifiée après que l'autre a été "
                "donnée : un coordinateur le confirme"
            ) % {"answer": found[0]}
        elif _decided_since(by_pk[pk], drawn[pk]):
            reasons[pk] = _(
                "accord (%(answer)s) non appliqué : la valeur de la cellule a été décidée par "
                "un auditeur ou importée après le tirage"
            ) % {"answer": found[0]}
        else:
            reasons[pk] = _(
                "accord (%(answer)s) non appliqué : aucune preuve pour ce niveau (ni adresse "
                "donnée par les codeurs, ni page qui le montre sur la cellule)"
            ) % {"answer": found[0]}
    return reasons


def _decided_since(cell: Cell, drawn: datetime) -> bool:
    """True when the cell's value is no automatic proposal and was set after the draw (the
    agreeing answers do not overwrite it)."""
    shown = cell.assessment
    return bool(shown.source != Source.AUTO and shown.created_at > drawn)
