"""Programmes (one list's platform for one commune and one election) and their evidence.

Reporting reads `Programme` rows only: the per-programme results (`mentions_digital`, `themes`,
`disruptive`) are stored with it. `ProgrammeSentence` keeps the quasi-sentences that carry a
theme (the evidence); sentences without a theme are not stored, the full text is.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from barometre.core.typography import one_line
from barometre.programmes.provenance import (
    EARLIEST_PUBLISHED,
    MAX_URL,
    published_on_checked,
    source_url_checked,
)
from barometre.referential.models import Commune

# What a page or a report says of a programme that was not read, by status (French).
UNREAD_NOTES = {
    "no_text": "texte illisible (PDF d'images ou vide) : non lu",
    "foreign": "programme dans une autre langue que le français : non lu",
}


def unread_note(status: str) -> str:
    """Why a programme was not read ("" when it was): shown wherever a programme is listed."""
    return UNREAD_NOTES.get(status, "")


def valid_source_url(value: str) -> None:
    try:
        source_url_checked(value)
    except ValueError as error:
        raise ValidationError(str(error), code="source_url") from None


def valid_published_on(value: object) -> None:
    try:
        published_on_checked(value, timezone.localdate())  # type: ignore[arg-type]
    except ValueError as error:
        raise ValidationError(str(error), code="published_on") from None


def round_html(number: int) -> SafeString:
    """« 1<sup>er</sup> tour », « 2<sup>d</sup> tour »: the ordinal's letters raised, as French
    typography writes them, for the pages and the HTML report (the CSV files give the round as a
    number). The markup is the translation's own (the English « 1st round » has none)."""
    label = _("1<sup>er</sup> tour") if number == 1 else _("2<sup>d</sup> tour")
    return mark_safe(str(label))  # the catalogue's text: nothing from the data


class Programme(models.Model):
    class Status(models.TextChoices):
        OK = "ok", _("analysé")
        NO_TEXT = "no_text", _("sans texte exploitable")
        FOREIGN = "foreign", _("autre langue que le français")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        HTML = "html", "HTML"
        DOCX = "docx", "DOCX"
        TEXT = "text", _("texte")

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="programmes")
    election = models.PositiveSmallIntegerField(_("élection (année)"))
    list_name = models.CharField(_("liste"), max_length=300)
    head_of_list = models.CharField(_("tête de liste"), max_length=200, blank=True)
    round = models.PositiveSmallIntegerField(_("tour"), default=1)
    won = models.BooleanField(_("liste élue"), default=False)
    source_name = models.CharField(_("fichier"), max_length=500)
    # where and when the list published it, when the manifest says so (docs/programmes.md)
    source_url = models.CharField(
        _("adresse source"), max_length=MAX_URL, blank=True, validators=[valid_source_url]
    )
    published_on = models.DateField(
        _("publié le"), null=True, blank=True, validators=[valid_published_on]
    )
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    text_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    text = models.TextField(_("texte"), blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    ocr = models.BooleanField(_("texte lu par OCR"), default=False)
    status = models.CharField(_("état"), max_length=8, choices=Status.choices)
    problem = models.CharField(_("problème"), max_length=500, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    tokens = models.PositiveIntegerField(default=0)
    mentions_digital = models.BooleanField(_("parle de numérique"), default=False)
    themes = models.JSONField(_("thèmes"), default=list, blank=True)  # sorted theme ids
    disruptive = models.BooleanField(_("au moins une proposition disruptive"), default=False)
    themes_version = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)
    # when the reading stored above was run (import or reanalyse); None while unread
    read_at = models.DateTimeField(_("lu le"), null=True, blank=True)
    # any save: its metadata taken again from a manifest (head of list, result, source) moves
    # it, as a new reading moves read_at (`selectors.programmes_state`, the caches' key)
    updated_at = models.DateTimeField(auto_now=True)
    # made-up programmes of `barometre quickstart`: never counted with real ones
    is_demo = models.BooleanField(_("données de démonstration"), default=False)

    class Meta:
        ordering = ["election", "commune_id", "round", "list_name"]
        indexes = [
            models.Index(fields=["election", "status"], name="programme_election_status"),
            # covers `programmes_state` and `reading_span`, read on each page of an election:
            # without it they read every row of the election, texts included (SQLite)
            models.Index(
                fields=["election", "is_demo", "status", "read_at", "won", "updated_at"],
                name="programme_election_state",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "election", "list_name", "round"], name="programme_unique_list"
            ),
            models.CheckConstraint(condition=Q(round__in=[1, 2]), name="programme_round_1_or_2"),
            models.CheckConstraint(
                condition=Q(status="no_text") | ~Q(text=""), name="programme_ok_has_text"
            ),
            models.CheckConstraint(
                condition=Q(source_url="")
                | Q(source_url__startswith="http://")
                | Q(source_url__startswith="https://"),
                name="programme_source_url_http",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(published_on__gte=EARLIEST_PUBLISHED),
                name="programme_published_since_1900",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.election} — {self.list_name}"

    @property
    def round_html(self) -> SafeString:
        """« 1<sup>er</sup> tour », « 2<sup>d</sup> tour » (`round_html`)."""
        return round_html(self.round)

    @property
    def unread(self) -> str:
        """Why this programme was not read, in French; "" when it was."""
        return unread_note(self.status)


class ProgrammeSentence(models.Model):
    """A quasi-sentence that carries at least one theme: the evidence of a finding."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sentences")
    index = models.PositiveIntegerField()  # position among all the programme's quasi-sentences
    start = models.PositiveIntegerField()  # character offsets in Programme.text
    end = models.PositiveIntegerField()
    text = models.TextField()
    themes = models.JSONField(default=list)
    disruptive = models.BooleanField(default=False)
    evidence = models.JSONField(default=list)  # the cue expressions that matched

    class Meta:
        ordering = ["programme", "index"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "index"], name="sentence_unique_index")
        ]

    def __str__(self) -> str:
        return self.quote[:80]

    @property
    def quote(self) -> str:
        """The sentence as it is quoted: on one line (`text` keeps the source's line breaks)."""
        return one_line(self.text)
