"""The auditors' cell review: a proposal with its evidence, accepted or corrected, and its
arbitration when two blind codings disagree.

Every view checks its permission; every write goes through barometre.assessments.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from barometre.accounts.roles import COORDINATE, administers
from barometre.assessments.blind_check import campaign_blind_check
from barometre.assessments.models import Cell, CodingAssignment
from barometre.assessments.services.review import (
    EvidenceNeeded,
    ReviewConflict,
    assessment_accept,
    assessment_override,
    codings_disputed,
)
from barometre.core.errors import BarometreError
from barometre.outputs.validity import measured_validity
from barometre.web.agreement import proposal_reading
from barometre.web.drafts import (
    draft_correction,
    login_keeping_input,
)
from barometre.web.evidence import (
    CellView,
    archives_missing,
    cell_view,
    searched_pages,
    signal_copies,
)
from barometre.web.forms import DecisionForm
from barometre.web.selectors import cached_for_codings
from barometre.web.views.arbitration import (
    arbiters_besides,
    arbitration_reasons,
    no_other_arbiter,
)
from barometre.web.views.arbitration_return import list_return
from barometre.web.views.common import cell_label, review_required
from barometre.web.views.review_queue import next_in_queue, queue_cells, queue_query


def _arbitration_barred(found: Cell, user: User, *, disputed: bool) -> str:
    """Why the user may not decide the cell (French), or "": it waits for arbitration, which
    belongs to a coordinator other than its blind coders."""
    if not disputed:
        return ""
    if CodingAssignment.objects.filter(cell=found, auditor=user).exists():
        said = _(
            "Vous avez codé cette cellule à l'aveugle et les deux réponses attendent un "
            "arbitrage : la décision revient à un autre coordinateur."
        )
        if not arbiters_besides(user):  # the only coordinator: else it waits for no one
            said += " " + no_other_arbiter()
        return said
    if not user.has_perm(COORDINATE):
        return _(
            "Les deux codages aveugles de cette cellule attendent un arbitrage : la décision "
            "revient à un coordinateur."
        )
    return ""


def _coded_alone(found: Cell, user: User) -> bool:
    """Whether `user` coded the cell blind and no other active account may arbitrate it."""
    coded = CodingAssignment.objects.filter(cell=found, auditor=user).exists()
    return coded and not arbiters_besides(user)


@login_keeping_input("cell")
@review_required
def cell(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        Cell.objects.select_related("campaign", "commune", "service", "assessment"), pk=pk
    )
    blind = CodingAssignment.objects.filter(
        cell=found, auditor=request.user, coded_at__isnull=True
    ).first()
    if blind is not None:  # the proposal, its evidence and the other answer would unblind it
        messages.info(
            request,
            _("Cette cellule vous est confiée en double codage : donnez d'abord votre niveau."),
        )
        return redirect("web:review-coding", pk=blind.pk)
    query = queue_query(queue_cells(request)[1], page=request.GET.get("page"))
    assert isinstance(request.user, User)
    disputed = codings_disputed(cells=[found.pk]).exists()
    barred = _arbitration_barred(found, request.user, disputed=disputed)
    form, status, answer = _cell_posted(request, found, barred=barred, disputed=disputed)
    if answer is not None:
        return answer
    if status == 302:
        return redirect(_cell_after(request, found, query))
    seen = found.assessment_id
    if status == 400:
        # refused before its version was compared: the form keeps the version its author saw,
        # so that sending it again is refused if someone else decided the cell meanwhile
        seen = _posted_seen(request)
    if form is None and request.method != "POST":  # typed before the session expired?
        form, seen = draft_correction(request, found)
    if form is None:  # a first visit, or an accept that was not recorded: nothing was typed
        form = _form_shown(found, arbitration=disputed and not barred)
    context = {
        **_cell_context(request, found, barred=barred, disputed=disputed),
        "form": form,
        "seen": seen,
        "refused": status >= 400,  # the title says so, as for a form sent back with errors
        "query": query,
    }
    return render(request, "web/review/cell.html", context, status=status)


def _form_shown(found: Cell, *, arbitration: bool) -> DecisionForm:
    """The decision form before anything was typed: the cell's value preselected for a review;
    no level for an arbitration, whose arbiter chooses one deliberately (the coders' levels and
    the automatic proposal are shown above it)."""
    if arbitration:
        return DecisionForm(max_level=found.service.max_level, arbitration=True)
    current = "na" if found.not_applicable else str(found.level)
    return DecisionForm(max_level=found.service.max_level, initial={"level": current})


def _cell_posted(
    request: HttpRequest, found: Cell, *, barred: str, disputed: bool
) -> tuple[DecisionForm | None, int, HttpResponse | None]:
    """A decision sent on the cell: the form sent back (None when none is), the status, and
    the answer already made (an arbitration recorded goes on to the list's next cell)."""
    if request.method != "POST":
        return None, 200, None
    if barred:
        messages.error(request, _("%(why)s Rien n'a été enregistré.") % {"why": barred})
        return None, 403, None
    form, status = _decide(request, found, arbitration=disputed)
    if status == 302 and disputed:  # arbitrated: the list's next cell, or the list
        return form, status, _after_arbitration(request, found)
    if status != 302:
        found.refresh_from_db()
    return form, status, None


def _cell_after(request: HttpRequest, found: Cell, query: str) -> str:
    """Where a recorded decision leads: the same cell, or the queue's next one if asked."""
    following = next_in_queue(request, found)
    pk = found.pk
    if following is not None and request.POST.get("then") == "next":
        pk = following.pk
    target = reverse("web:review-cell", kwargs={"pk": pk})
    return f"{target}?{query}" if query else target


def _reading(found: Cell, view: CellView) -> str:
    """How far to trust the cell's automatic proposal ("" without one, or one not applicable)."""
    proposal = view.proposal
    if proposal is None or proposal.not_applicable:
        return ""
    return proposal_reading(
        proposal.level,
        proposal.confidence,
        measured_validity(),
        cached_for_codings(
            f"blind:{found.campaign_id}", lambda: campaign_blind_check(found.campaign)
        ),
    )


def _evidence_context(view: CellView, user: User) -> dict[str, object]:
    """The cell's evidence as the page links it: its value, the archived copies of the
    detector's signals, the pages searched for a level 0, and the archived pages (the value's
    and the proposal's) whose file is missing on this server, said before they are opened,
    with what to do (an administrator is given the commands)."""
    proposal = view.proposal.evidence_record_id if view.proposal is not None else None
    missing = archives_missing([view.assessment.evidence_record_id, proposal])
    return {
        "view": view,
        "signal_copies": signal_copies(view),
        "searched": searched_pages(view),  # a level 0: the pages read without finding it
        "archives_missing": missing,
        "archive_administrator": bool(missing) and administers(user),
    }


def _cell_context(
    request: HttpRequest, found: Cell, *, barred: str, disputed: bool
) -> dict[str, object]:
    """What the cell page shows besides the form: the proposal and its evidence, how far to
    trust it, who coded it, and where to go next."""
    view = cell_view(found)
    coordinator = request.user.has_perm(COORDINATE)
    deciding = disputed and coordinator and not barred  # an arbitration
    return {
        **_evidence_context(view, request.user),
        "reading": _reading(found, view),
        "barred": barred,
        # a coordinator alone with a cell they coded: whom to ask for another (an administrator
        # is given the commands, in <code>)
        "no_other_arbiter": bool(barred) and _coded_alone(found, request.user),
        "administrator": bool(barred) and administers(request.user),
        # drawn for blind double coding, answers still awaited: a decision now keeps even two
        # agreeing answers from settling the cell (`coding_answer`), which goes to arbitration
        "blind_pending": not disputed
        and CodingAssignment.objects.filter(cell=found, coded_at__isnull=True).exists(),
        # what the arbitrating coordinator decides on: why the cell waits for them
        "arbitrating": arbitration_reasons([found]).get(found.pk, "")
        if disputed and not barred
        else "",
        # an arbitrating coordinator goes on through the cells to arbitrate, not the queue
        "next": _next_to_arbitrate(request, found) if deciding else next_in_queue(request, found),
        "next_to_arbitrate": deciding,
        "websites": found.commune.websites.filter(active=True).order_by("-is_primary", "url"),
        # a coordinator comes from the list of cells to arbitrate: the way back to it
        "arbitration_list": disputed and coordinator and list_return(request),
        # in the order of the answers, as the arbitration's reason lists them
        "codings": CodingAssignment.objects.filter(cell=found)
        .select_related("auditor")
        .prefetch_related("changes")  # a coder's changed answer: the trace the arbiter reads
        .order_by(F("coded_at").asc(nulls_last=True), "pk")
        if coordinator
        else [],
    }


def _posted_seen(request: HttpRequest) -> int:
    """The version of the cell the auditor saw; anything else than a number is a stale or
    forged form (-1)."""
    raw_seen = request.POST.get("seen", "0") or "0"
    return int(raw_seen) if raw_seen.isascii() and raw_seen.isdigit() and len(raw_seen) < 19 else -1


def _next_to_arbitrate(request: HttpRequest, found: Cell) -> Cell | None:
    """The next cell to arbitrate in the list's order that the coordinator may decide (not one
    they coded blind), the first again past the end; None when there is no other."""
    waiting = codings_disputed().exclude(codings__auditor=request.user)
    ordered = waiting.select_related("commune", "service").order_by(
        "campaign_id", "commune_id", "service_id"
    )
    campaign, commune, service = found.campaign_id, found.commune_id, found.service_id
    return (
        ordered.filter(
            Q(campaign_id__gt=campaign)
            | Q(campaign_id=campaign, commune_id__gt=commune)
            | Q(campaign_id=campaign, commune_id=commune, service_id__gt=service)
        ).first()
        or ordered.exclude(pk=found.pk).first()
    )


def _after_arbitration(request: HttpRequest, found: Cell) -> HttpResponse:
    """After an arbitration: the next cell to arbitrate (`_next_to_arbitrate`); else the list
    of cells to arbitrate."""
    cell = cell_label(found)
    following = _next_to_arbitrate(request, found)
    back = list_return(request)  # the list as the coordinator left it
    if following is None:
        messages.success(request, _("Arbitrage enregistré pour %(cell)s.") % {"cell": cell})
        return redirect(back.url)
    messages.success(
        request,
        _("Arbitrage enregistré pour %(cell)s. Voici la cellule suivante à arbitrer.")
        % {"cell": cell},
    )
    target = reverse("web:review-cell", kwargs={"pk": following.pk})
    return redirect(f"{target}?{back.query}" if back.query else target)


def _decide(
    request: HttpRequest, found: Cell, *, arbitration: bool = False
) -> tuple[DecisionForm | None, int]:
    """Record the POSTed decision. The correction form comes back bound only for a correction:
    an accept sends no level, and binding it would show its fields as missing. An arbitration
    is said by the page it leads to (`_after_arbitration`); its form preselects no level, so
    one sent without a level is sent back with its justification, to choose one."""
    form = DecisionForm(request.POST, max_level=found.service.max_level, arbitration=arbitration)
    action = request.POST.get("action", "")
    if action not in ("accept", "override"):
        form.add_error(None, _("Action inconnue : accepter ou corriger la proposition."))
        return form, 400
    if arbitration and action == "accept":  # the page offers no such button: a forged request
        form.add_error(
            None,
            _(
                "Un arbitrage choisit un niveau : la proposition automatique ne s'accepte pas "
                "d'un clic, choisissez son niveau dans la liste si c'est le bon."
            ),
        )
        return form, 400
    try:
        if action == "accept":
            _accept(request, found, arbitration=arbitration)
            return None, 302
        return form, _override(request, found, form, arbitration=arbitration)
    except ReviewConflict as error:
        messages.error(request, str(error))
        return (form if action == "override" else None), 409
    except EvidenceNeeded as error:  # the evidence address field is the one to fill
        form.add_error("evidence_url", str(error))
        return form, 400
    except BarometreError as error:
        if action == "accept":
            messages.error(request, str(error))
            return None, 400
        form.add_error(None, str(error))
        return form, 400


def _accept(request: HttpRequest, found: Cell, *, arbitration: bool) -> None:
    """Accept the cell's automatic proposal (`assessment_accept`), said unless an arbitration."""
    assert isinstance(request.user, User)
    now = timezone.now()
    assessment_accept(cell=found, user=request.user, seen=_posted_seen(request), now=now)
    if not arbitration:
        # said on the next cell's page: which cell was accepted, not the one shown
        messages.success(
            request, _("Proposition acceptée pour %(cell)s.") % {"cell": cell_label(found)}
        )


def _override(request: HttpRequest, found: Cell, form: DecisionForm, *, arbitration: bool) -> int:
    """Record the correction the form holds (`assessment_override`): 302 when recorded, 400
    when the form is sent back with its errors."""
    assert isinstance(request.user, User)
    if not form.is_valid():
        return 400
    seen, now = _posted_seen(request), timezone.now()
    decision = form.decision()
    assessment_override(cell=found, user=request.user, seen=seen, decision=decision, now=now)
    if not arbitration:
        messages.success(
            request, _("Niveau corrigé et enregistré pour %(cell)s.") % {"cell": cell_label(found)}
        )
    return 302
