"""Human review of cells: accept or override a proposal, blind double coding, arbitration.

Every write records a new `Assessment` (source "human") through `assessments_record_many`, so the
automatic value and every review are kept. Saves are optimistic: the caller passes the id of
the assessment it showed (`seen`); if the cell has moved on since, the save is refused with a
message instead of silently overwriting another auditor's work. The messages are the web
pages' (in French, or in the page's language); the notes stored are French (assessments.notes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlsplit

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from barometre.assessments.models import Assessment, Cell, CodingAssignment, Source
from barometre.assessments.notes import ACCEPTED_NOTE, AGREED_NOTE, ARBITRATION_NOTE
from barometre.assessments.selectors import latest_proposal
from barometre.assessments.services.record import (
    NewValue,
    assessments_record_many,
    level_problem,
    shown_value,
)
from barometre.core.errors import BarometreError
from barometre.core.plural import counted, figure

MAX_JUSTIFICATION = 5000


def justification_too_long(typed: int) -> str:
    """The refusal of a justification of `typed` characters, over MAX_JUSTIFICATION: how many
    were typed and how many to cut, not the limit alone (in the active language)."""
    return _(
        "La justification compte %(typed)s caractères, au-delà de la limite de %(limit)s : "
        "raccourcissez-la de %(over)s au moins."
    ) % {
        "typed": figure(typed),
        "limit": figure(MAX_JUSTIFICATION),
        "over": counted(typed - MAX_JUSTIFICATION, "caractère", "caractères"),
    }


class ReviewConflict(BarometreError):
    """The cell changed since the auditor opened it."""


class EvidenceNeeded(BarometreError):
    """A level of 1 or more was decided without an evidence address to rest on."""


BLIND_AUTHOR = "double codage"  # the author of a value two agreeing blind answers decided


@dataclass(frozen=True, slots=True)
class Decision:
    level: int | None
    not_applicable: bool
    justification: str
    evidence_url: str = ""


def evidence_url_problem(url: str) -> str | None:
    """Why an evidence URL is refused (in the active language), or None. Only http(s) URLs are
    kept."""
    if not url:
        return None
    if len(url) > 2000:
        return _("l'adresse de la preuve dépasse 2 000 caractères")
    try:  # the checks of record.evidence_url_problem, which would refuse it otherwise
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:
        return _("l'adresse de la preuve n'est pas une URL valide")
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return _("l'adresse de la preuve doit commencer par http:// ou https://")
    if any(c.isspace() or ord(c) < 32 for c in url):
        return _("l'adresse de la preuve contient des espaces ou des caractères de contrôle")
    if "@" in parts.netloc:  # it would be published on the commune's page and in the open data
        return _("l'adresse de la preuve contient un identifiant ou un mot de passe : retirez-les")
    return None


def _stale_form(current: Cell, seen: int) -> ReviewConflict | None:
    """The refusal of a form that names no earlier value of this cell (a form without its
    `seen` field, from an older page, or forged): nobody can be said to have changed the cell
    meanwhile. None when `seen` is one of the cell's values."""
    earlier = Assessment.objects.filter(
        pk=seen,
        campaign_id=current.campaign_id,
        commune_id=current.commune_id,
        service_id=current.service_id,
    )
    if earlier.exists():
        return None
    return ReviewConflict(
        _(
            "Ce formulaire est périmé ou incomplet : il ne dit pas quelle valeur de la cellule "
            "vous aviez sous les yeux, et rien n'a été enregistré. Il est maintenant à jour : "
            "vérifiez la valeur actuelle de la cellule, affichée sur cette page, puis envoyez-le "
            "de nouveau (une correction saisie y est gardée)."
        )
    )


def _conflict(current: Cell, seen: int, user: User) -> ReviewConflict:
    """Why a decision on a cell whose value is no longer the one `seen` is refused: a form
    naming no value of the cell (`_stale_form`), sent twice, or decided by someone else
    meanwhile."""
    stale = _stale_form(current, seen)
    if stale is not None:
        return stale
    latest = current.assessment
    if latest.author == user.get_username():
        return ReviewConflict(
            _(
                "Vous avez déjà enregistré une décision sur cette cellule (formulaire envoyé "
                "deux fois, ou ouvert avant votre décision) : ce nouvel envoi n'a rien "
                "enregistré."
            )
        )
    if latest.author == BLIND_AUTHOR:  # two agreeing blind answers
        by = pgettext("auteur d'une valeur", "double codage")
    else:
        by = latest.author or _("quelqu'un")
    return ReviewConflict(
        _(
            "Cette cellule a été modifiée par « %(author)s » pendant que vous la consultiez. "
            "Votre enregistrement n'a pas été fait : sa nouvelle valeur est affichée "
            "ci-dessous, décidez en la connaissant (une correction saisie est gardée dans "
            "le formulaire)."
        )
        % {"author": by}
    )


def _locked(cell: Cell, seen: int, user: User) -> Cell:
    current = Cell.objects.select_for_update().select_related("service", "commune").get(pk=cell.pk)
    # checked under the cell's lock, as the draw gives cells: a review before the blind answer
    # would make the answer repeat a decision taken with the proposal in view
    if CodingAssignment.objects.filter(cell=current, auditor=user, coded_at__isnull=True).exists():
        raise BarometreError(
            _(
                "Cette cellule vous est confiée en double codage : donnez d'abord votre niveau "
                "à l'aveugle ; cette décision n'a pas été enregistrée."
            )
        )
    if current.assessment_id != seen:
        raise _conflict(current, seen, user)
    return current


def _record(cell: Cell, value: NewValue, *, author: str, now: datetime) -> Assessment:
    assessments_record_many(
        campaign=cell.campaign, values=[value], source=Source.HUMAN, author=author, now=now
    )
    return Cell.objects.select_related("assessment").get(pk=cell.pk).assessment


@transaction.atomic
def assessment_accept(*, cell: Cell, user: User, seen: int, now: datetime) -> Assessment:
    """Confirm the value shown, an automatic proposal, as the reviewed value.

    Only a proposal is accepted: accepting a value an auditor or an import decided would record
    it again as a reviewed proposal, with the accepter as its author, and count an imported
    campaign as reviewed. Such a value is corrected, or left as it is."""
    current = _locked(cell, seen, user)
    shown = current.assessment
    if shown.source != Source.AUTO:
        raise BarometreError(
            _(
                "Seule une proposition automatique s'accepte : cette valeur a déjà été décidée "
                "(%(source)s). Corrigez-la si elle est fausse."
            )
            % {"source": Source(shown.source).label}
        )
    value = NewValue(
        commune=current.commune_id,
        service=current.service.slug,
        level=shown.level,
        not_applicable=shown.not_applicable,
        evidence_url=shown.evidence_url,
        note=_arbitrated(ACCEPTED_NOTE, current),
        provider=shown.provider,
        rationale=shown.rationale if isinstance(shown.rationale, list) else [],
        evidence_record_id=shown.evidence_record_id,
    )
    return _record(current, value, author=user.get_username(), now=now)


@transaction.atomic
def assessment_override(
    *, cell: Cell, user: User, seen: int, decision: Decision, now: datetime
) -> Assessment:
    """Replace the cell's value with the auditor's, with a justification and evidence."""
    current = _locked(cell, seen, user)
    value = _decided_value(current, _with_coder_evidence(current, decision))
    value = replace(value, note=_arbitrated(value.note, current))
    return _record(current, value, author=user.get_username(), now=now)


def _with_coder_evidence(cell: Cell, decision: Decision) -> Decision:
    """An arbitration without an address that retains a level of 1 or more a blind coder
    answered rests on the address that coder gave, if any (as two agreeing answers do), rather
    than on the evidence of the level shown, a page of another level."""
    if decision.evidence_url.strip() or not decision.level or decision.not_applicable:
        return decision
    if not codings_disputed(cells=[cell.pk]).exists():
        return decision
    given = (
        CodingAssignment.objects.filter(
            cell=cell, coded_at__isnull=False, not_applicable=False, level=decision.level
        )
        .exclude(evidence_url="")
        .order_by("coded_at", "pk")
        .values_list("evidence_url", flat=True)
        .first()
    )
    return decision if given is None else replace(decision, evidence_url=given)


def _arbitrated(note: str, cell: Cell) -> str:
    """The note of a decision, said to be an arbitration when the cell waits for one."""
    if codings_disputed(cells=[cell.pk]).exists():
        return f"{ARBITRATION_NOTE} {note}"
    return note


def _decided_value(cell: Cell, decision: Decision) -> NewValue:
    justification = decision.justification.strip()
    if not justification:
        raise BarometreError(_("Une justification est nécessaire pour corriger un niveau."))
    if len(justification) > MAX_JUSTIFICATION:
        raise BarometreError(justification_too_long(len(justification)))
    url = decision.evidence_url.strip()
    if problem := evidence_url_problem(url):
        raise BarometreError(problem[0].upper() + problem[1:] + ".")
    shown = cell.assessment
    proposal = latest_proposal(cell)
    if not url and decision.level:
        url = _evidence_kept(shown, proposal, decision.level)
    if decision.level and not url:
        raise EvidenceNeeded(
            _(
                "Un niveau de 1 ou plus doit s'appuyer sur une preuve : donnez l'adresse de la "
                "page (la valeur actuelle n'en a pas : elle dit que le service n'a pas été "
                "trouvé)."
            )
            if shown.level == 0
            else _(
                "Un niveau de 1 ou plus doit s'appuyer sur une preuve : donnez l'adresse de la "
                "page."
            )
        )
    return NewValue(
        commune=cell.commune_id,
        service=cell.service.slug,
        level=None if decision.not_applicable else decision.level,
        not_applicable=decision.not_applicable,
        evidence_url=url,
        note=justification,
        evidence_record_id=_evidence_record_for([shown, proposal], url, decision.level),
    )


def _evidence_kept(shown: Assessment, proposal: Assessment | None, level: int) -> str:
    """The evidence address of a level of 1 or more decided without one: the shown value's when
    it has that level, else the automatic proposal's when it does (an auditor going back to the
    proposal after a mistaken correction: the proposal's page shows that level, the mistaken
    value's does not), else the shown value's when it shows a level; "" when none does."""
    if _shows_a_level(shown) and shown.level == level:
        return shown.evidence_url
    if proposal is not None and _shows_a_level(proposal) and proposal.level == level:
        return proposal.evidence_url
    return shown.evidence_url if _shows_a_level(shown) else ""


def _shows_a_level(assessment: Assessment) -> bool:
    """True when the assessment's evidence shows a level of 1 or more. A level 0 's evidence is
    the page the site was searched from without finding the service: no evidence of a level."""
    return bool(assessment.level) and bool(assessment.evidence_url)


def _evidence_record_for(
    values: Sequence[Assessment | None], url: str, level: int | None
) -> int | None:
    """The archived page of the first of `values` (the value shown, the automatic proposal)
    that rests on the same address as the new value and whose page says as much: a level-0
    'not found' record never stands for a level of 1 or more (it would be exported as a
    labelled page of that level)."""
    for value in values:
        if value is None or not url or url != value.evidence_url:
            continue
        if level and not _shows_a_level(value):
            continue
        if value.evidence_record_id is not None:
            return value.evidence_record_id
    return None


def _level_refusal(level: object, max_level: int) -> str | None:
    """Why a blind answer's level is refused, in the page's language, or None. The check is
    `level_problem`'s; its words are French for the imports and the CLI, and an English page
    showed them as they were."""
    if level_problem(level, max_level=max_level) is None:
        return None
    if isinstance(level, bool) or not isinstance(level, int):
        return _("Niveau « %(level)s » : un entier de 0 à 5 est attendu.") % {
            "level": shown_value(level)
        }
    if not 0 <= level <= 5:
        return _("Niveau %(level)s hors de l'échelle 0–5.") % {"level": shown_value(level)}
    return _("Niveau %(level)s au-dessus du maximum %(max)s de ce service.") % {
        "level": level,
        "max": max_level,
    }


def blind_answer_checked(
    current: CodingAssignment, decision: Decision
) -> tuple[int | None, bool, str, str]:
    """A blind answer as it is stored (level, not applicable, note, evidence address), or its
    refusal (French): a first answer (`coding_answer`) and a change (`coding_change`) alike."""
    if not decision.not_applicable and decision.level is None:
        raise BarometreError(_("Choisissez un niveau ou « sans objet »."))
    max_level = current.cell.service.max_level
    if not decision.not_applicable and (refusal := _level_refusal(decision.level, max_level)):
        raise BarometreError(refusal)
    # kept whatever the answer: the page a level 0 or « sans objet » rests on is worth as much
    # to the arbitrator and to the cell as a level's (it was dropped without a word)
    url = decision.evidence_url.strip()
    if problem := evidence_url_problem(url):
        raise BarometreError(problem[0].upper() + problem[1:] + ".")
    level = None if decision.not_applicable else decision.level
    return level, decision.not_applicable, decision.justification.strip()[:MAX_JUSTIFICATION], url


@transaction.atomic
def coding_answer(
    *, assignment: CodingAssignment, user: User, decision: Decision, now: datetime
) -> CodingAssignment:
    """Record a blind answer; only the assigned auditor answers, once."""
    # the cell first, as every review write locks it: two coders answering at once are taken
    # one after the other, so the second sees the first answer and settles the cell (each
    # checked against an uncommitted other, neither did, and the cell waited for arbitration)
    list(Cell.objects.select_for_update().filter(pk=assignment.cell_id).values_list("pk"))
    current = CodingAssignment.objects.select_for_update().get(pk=assignment.pk)
    if current.auditor_id != user.pk:
        raise BarometreError(_("Cette cellule est attribuée à un autre auditeur."))
    if current.coded_at is not None:
        raise BarometreError(
            _(
                "Vous avez déjà répondu pour cette cellule (formulaire envoyé deux fois, ou "
                "ouvert avant votre réponse) : ce nouvel envoi n'a rien enregistré."
            )
        )
    answer = blind_answer_checked(current, decision)
    current.level, current.not_applicable, current.note, current.evidence_url = answer
    current.coded_at = now
    current.save(update_fields=["level", "not_applicable", "note", "evidence_url", "coded_at"])
    _codings_settle(current.cell, now=now)
    return current


def _codings_settle(cell: Cell, *, now: datetime) -> None:
    """When both blind answers agree, their level becomes the cell's reviewed value.

    A level of 1 or more rests on the evidence address a coder gave, else on the evidence of the
    level the cell already shows (never on a level 0's 'not found' page); without any, the cell
    waits for arbitration like a disagreement (`codings_disputed`). A value an auditor or an
    import decided after the sample was drawn is not overwritten: the cell waits for
    arbitration too. A level 0 or « sans objet » keeps the address a coder gave, if any.
    """
    answers = list(
        CodingAssignment.objects.filter(cell=cell, coded_at__isnull=False).order_by(
            "coded_at", "pk"
        )
    )
    if len(answers) < 2 or len({(a.level, a.not_applicable) for a in answers}) > 1:
        return
    cell = Cell.objects.select_related("assessment", "service", "campaign").get(pk=cell.pk)
    shown = cell.assessment
    drawn = min(a.assigned_at for a in answers)
    if shown.source != Source.AUTO and shown.created_at > drawn:
        return
    level = None if answers[0].not_applicable else answers[0].level
    given = next((a.evidence_url for a in answers if a.evidence_url), "")
    url = given or (shown.evidence_url if level and _shows_a_level(shown) else "")
    if level and not url:
        return
    value = NewValue(
        commune=cell.commune_id,
        service=cell.service.slug,
        level=level,
        not_applicable=answers[0].not_applicable,
        evidence_url=url,
        note=AGREED_NOTE,
        evidence_record_id=_evidence_record_for([shown], url, level),
    )
    # not the coders' names: the value is published (cells, API) and blind codings are
    # anonymous there (codages.csv: coders A and B); who coded stays in CodingAssignment
    _record(cell, value, author=BLIND_AUTHOR, now=now)


def codings_disagree(cell: Cell) -> bool:
    """True when both blind answers are in and differ (the cell goes to arbitration)."""
    done = list(CodingAssignment.objects.filter(cell=cell, coded_at__isnull=False))
    return len(done) >= 2 and len({(c.level, c.not_applicable) for c in done}) > 1


def codings_disputed(*, cells: Sequence[int] | None = None) -> QuerySet[Cell]:
    """The cells that wait for arbitration: their blind answers are all in (two or more), and
    no auditor has decided the cell since the last of them, while the answers differ or agree
    without having become the cell's value (no evidence for their level, or a value decided
    since the draw). Read in two queries whatever the sample's size, not cell by cell."""
    codings = CodingAssignment.objects.all()
    if cells is not None:
        codings = codings.filter(cell_id__in=cells)
    answered: dict[int, int] = {}
    last: dict[int, datetime] = {}
    open_ids: set[int] = set()
    for cell_id, coded_at in codings.values_list("cell_id", "coded_at"):
        if coded_at is None:
            open_ids.add(cell_id)
            continue
        answered[cell_id] = answered.get(cell_id, 0) + 1
        last[cell_id] = max(coded_at, last.get(cell_id, coded_at))
    complete = [pk for pk, n in answered.items() if n >= 2 and pk not in open_ids]
    decided = {
        pk
        for pk, created in Cell.objects.filter(pk__in=complete, source=Source.HUMAN).values_list(
            "pk", "assessment__created_at"
        )
        if created >= last[pk]  # agreeing answers settled, or a decision after both answers
    }
    return Cell.objects.filter(pk__in=[pk for pk in complete if pk not in decided])
