"""Assessments: the full history of values, and the cell that holds the value that counts.

An `Assessment` is never updated or deleted: a new value is a new row. A `Cell` is the current
state of one (campaign, commune, service): it points to the assessment that counts, which is the
latest human or imported one, else the latest automatic one (see services.assessment_record).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from barometre.referential.models import Campaign, Commune, Service


class Source(models.TextChoices):
    AUTO = "auto", _("automatique")
    HUMAN = "human", _("auditeur")
    IMPORT = "import", _("importé")


# A level needs evidence: levels >= 1 carry an evidence URL; "not applicable" carries no level.
_LEVEL_RULES = [
    models.CheckConstraint(
        condition=Q(level__isnull=True) | Q(level__gte=0, level__lte=5),
        name="%(class)s_level_range",
    ),
    models.CheckConstraint(
        condition=Q(not_applicable=True, level__isnull=True)
        | Q(not_applicable=False, level__isnull=False),
        name="%(class)s_level_or_na",
    ),
]


class ImportBatch(models.Model):
    """One imported file: which file (by its SHA-256), by whom, when; its values point to it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(_("fichier"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    author = models.CharField(_("auteur"), max_length=150, blank=True)
    form = models.CharField(max_length=8)  # "long" or "wide"
    cells = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"


class Assessment(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assessments")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="assessments")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="assessments")
    level = models.PositiveSmallIntegerField(_("niveau"), null=True, blank=True)
    not_applicable = models.BooleanField(_("sans objet"), default=False)
    source = models.CharField(_("origine"), max_length=8, choices=Source.choices)
    evidence_url = models.URLField(_("preuve (URL)"), max_length=2000, blank=True)
    note = models.TextField(_("note"), blank=True)
    provider = models.CharField(_("plateforme ou prestataire"), max_length=200, blank=True)
    evidence_record = models.ForeignKey(
        "collection.EvidenceRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    confidence = models.FloatField(null=True, blank=True)
    rationale = models.JSONField(default=list, blank=True)
    author = models.CharField(_("auteur"), max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )

    class Meta:
        indexes = [
            models.Index(fields=["campaign", "commune", "service"], name="assessment_cell"),
            # The campaign's latest value: the version that keys published files and scores.
            models.Index(fields=["campaign", "id"], name="assessment_campaign_latest"),
        ]
        constraints = [
            *_LEVEL_RULES,
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level=0) | ~Q(evidence_url=""),
                name="assessment_level_needs_evidence",
            ),
        ]

    def __str__(self) -> str:
        value = "na" if self.not_applicable else str(self.level)
        return f"{self.campaign_id}/{self.commune_id}/{self.service_id}={value} ({self.source})"


class Cell(models.Model):
    """The value that counts for one (campaign, commune, service), kept in step by services."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="cells")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="cells")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="cells")
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    not_applicable = models.BooleanField(default=False)
    source = models.CharField(max_length=8, choices=Source.choices)
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="+")
    # the review queue's sort key: the automatic proposal's confidence (0 when it carries none,
    # the least sure), None when the value is not automatic. Copied from the assessment so that
    # the queue of a campaign of every commune is read in index order, not sorted at each page.
    review_rank = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            *_LEVEL_RULES,
            models.UniqueConstraint(fields=["campaign", "commune", "service"], name="cell_unique"),
        ]
        indexes = [
            models.Index(
                fields=["source", "review_rank", "campaign", "commune", "service"],
                name="cell_review_queue",
            ),
        ]
        permissions = [
            ("review_cell", _("Revoir une cellule (accepter ou corriger)")),
            ("coordinate_review", _("Coordonner la revue (double codage, arbitrage)")),
        ]

    def __str__(self) -> str:
        value = "na" if self.not_applicable else str(self.level)
        return f"{self.campaign_id}/{self.commune_id}/{self.service_id}={value}"


class CodingAssignment(models.Model):
    """Blind double coding: one auditor's own level for a sampled cell.

    Each sampled cell is assigned to two auditors; neither sees the other's answer nor the
    automatic proposal. When both have answered and differ, the cell goes to arbitration.
    """

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="codings")
    auditor = models.ForeignKey(
        "auth.User", on_delete=models.PROTECT, related_name="codings", verbose_name=_("auditeur")
    )
    level = models.PositiveSmallIntegerField(_("niveau"), null=True, blank=True)
    not_applicable = models.BooleanField(_("sans objet"), default=False)
    note = models.TextField(_("justification"), blank=True)
    # the page a coder's level rests on: agreeing answers of 1 or more become the cell's value
    # with it (no evidence, no level)
    evidence_url = models.URLField(_("preuve (URL)"), max_length=2000, blank=True)
    assigned_at = models.DateTimeField(default=timezone.now)
    coded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cell", "auditor"], name="coding_unique_auditor"),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=0, level__lte=5),
                name="coding_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cell_id} / {self.auditor_id}"


class CodingChange(models.Model):
    """A blind answer changed by its coder before the cell was settled: who, when, the answer
    before and after. The coding holds the answer that counts; these rows are its trace, never
    updated nor deleted (services.review.coding_change)."""

    coding = models.ForeignKey(CodingAssignment, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        "auth.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("auteur")
    )
    changed_at = models.DateTimeField(default=timezone.now)
    # the other coders' answers were all in: the coder may have been told they differ, so two
    # answers agreeing by this change wait for a coordinator rather than settle the cell
    after_other_answers = models.BooleanField(default=False)
    old_level = models.PositiveSmallIntegerField(null=True, blank=True)
    old_not_applicable = models.BooleanField(default=False)
    old_note = models.TextField(blank=True)
    old_evidence_url = models.URLField(max_length=2000, blank=True)
    new_level = models.PositiveSmallIntegerField(null=True, blank=True)
    new_not_applicable = models.BooleanField(default=False)
    new_note = models.TextField(blank=True)
    new_evidence_url = models.URLField(max_length=2000, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.coding_id} @ {self.changed_at:%Y-%m-%d %H:%M}"
