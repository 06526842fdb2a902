"""The auditors' blind double coding: each auditor's assignments and the form that codes one
cell without its proposal, its evidence or the other coder's answer (docs/web.md).

Every view checks its permission; every write goes through barometre.assessments.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from barometre.assessments.models import Cell, CodingAssignment
from barometre.assessments.services.coding_change import (
    cells_settled,
    coding_change,
    coding_settled,
)
from barometre.assessments.services.review import coding_answer
from barometre.core.errors import BarometreError
from barometre.web.blind import archived_home
from barometre.web.drafts import draft_fields, draft_take, login_keeping_input
from barometre.web.forms import DecisionForm
from barometre.web.views.common import cell_label, page_of, review_required


def _listed(assignments: QuerySet[CodingAssignment]) -> QuerySet[CodingAssignment]:
    """Assignments in the list's order: the cells still to code first, on SQLite as on
    PostgreSQL (which sorts NULL last); then by campaign (latest first), commune and service,
    as the auditor works through them: drawn at random, they came in the draw's order."""
    return assignments.select_related("cell__campaign", "cell__commune", "cell__service").order_by(
        F("coded_at").asc(nulls_first=True),
        F("cell__campaign__measured_on").desc(),
        "cell__campaign__name",
        "cell__commune__code",
        "cell__service__position",
        "pk",
    )


@login_required
@review_required
def codings(request: HttpRequest) -> HttpResponse:
    """The current auditor's blind assignments (nothing about the other coder or the proposal)."""
    mine = _listed(CodingAssignment.objects.filter(auditor=request.user))
    page = page_of(request, mine)
    context = {
        "page": page,
        "to_code": mine.filter(coded_at__isnull=True).count(),
        # the answers the coder may still change (`coding_change`): the others are settled
        "settled": cells_settled([a.cell_id for a in page.object_list if a.coded_at]),
    }
    return render(request, "web/review/codings.html", context)


@login_keeping_input("coding")
@review_required
def coding(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(
        CodingAssignment.objects.select_related("cell__commune", "cell__service", "cell__campaign"),
        pk=pk,
        auditor=request.user,  # another auditor's assignment is not found
    )
    draft = None if request.method == "POST" else draft_take(request, target=f"coding:{pk}")
    settled = "" if assignment.coded_at is None else coding_settled(assignment.cell)
    if draft is not None and not settled:  # typed before the session expired
        messages.warning(
            request,
            _(
                "La réponse que vous n'aviez pas pu enregistrer est remise dans le formulaire, "
                "mais rien n'a encore été enregistré. Vérifiez-la puis enregistrez-la."
            ),
        )
    form = DecisionForm(
        request.POST or None,
        max_level=assignment.cell.service.max_level,
        require_justification=False,
        blank=True,
        initial=draft_fields(draft) if draft else _answer_given(assignment),
    )
    if request.method == "POST" and form.is_valid():
        # a change says so; a first answer's form sent twice is refused as before
        write = _change if request.POST.get("action") == "change" else _answer
        answered = write(request, assignment, form)
        if answered is not None:
            return answered
    context = {
        "assignment": assignment,
        "form": form,
        # a blind answer changes until the cell is settled; the changes are its trace
        "settled": settled,
        "changes": list(assignment.changes.all()),
        **_sites(assignment.cell),
    }
    # a POST that reaches the page was refused: said by the status, as on the cell's page
    return render(request, "web/review/coding.html", context, status=400 if form.errors else 200)


def _sites(cell: Cell) -> dict[str, object]:
    """The commune's websites, live, and its site as the audit archived it, which the proposal
    was read on: the live site may have changed since (the answers would then measure the
    change, not the detector)."""
    websites = cell.commune.websites.filter(active=True)
    return {
        "websites": websites.order_by("-is_primary", "url"),
        "archive": archived_home(cell),
    }


def _answer_given(assignment: CodingAssignment) -> dict[str, str] | None:
    """The coder's answer, in the form that changes it (None before they answer)."""
    if assignment.coded_at is None:
        return None
    return {
        "level": "na" if assignment.not_applicable else str(assignment.level),
        "justification": assignment.note,
        "evidence_url": assignment.evidence_url,
    }


def _change(
    request: HttpRequest, assignment: CodingAssignment, form: DecisionForm
) -> HttpResponse | None:
    """Change the coder's answer (`coding_change`), then back to the page, which shows it;
    None when it is refused (said on the form)."""
    raw = request.POST.get("seen", "")
    seen = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 9 else -1
    try:
        assert isinstance(request.user, User)
        coding_change(
            assignment=assignment,
            user=request.user,
            decision=form.decision(),
            seen=seen,
            now=timezone.now(),
        )
    except BarometreError as error:
        form.add_error(None, str(error))
        return None
    said = _("Réponse modifiée pour %(cell)s.") % {"cell": cell_label(assignment.cell)}
    messages.success(request, said)
    return redirect("web:review-coding", pk=assignment.pk)


def _answer(
    request: HttpRequest, assignment: CodingAssignment, form: DecisionForm
) -> HttpResponse | None:
    """Record the valid answer and go on to the next cell to code, else back to the codings;
    None when it is refused (said on the form)."""
    try:
        assert isinstance(request.user, User)
        coding_answer(
            assignment=assignment,
            user=request.user,
            decision=form.decision(),
            now=timezone.now(),
        )
    except BarometreError as error:
        form.add_error(None, str(error))
        return None
    said = _("Réponse enregistrée pour %(cell)s.") % {"cell": cell_label(assignment.cell)}
    # the next cell still to code, in the list's order (the list took a click per answer)
    following = _listed(
        CodingAssignment.objects.filter(auditor=request.user, coded_at__isnull=True)
    ).first()
    if following is None:
        messages.success(request, said)
        return redirect("web:review-codings")
    messages.success(request, said + " " + _("Voici la cellule suivante à coder."))
    return redirect("web:review-coding", pk=following.pk)
