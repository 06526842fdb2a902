"""Survey campaigns and their anonymous answers.

Nothing here identifies a respondent: no IP, no user agent, no account, a date to the day, and
tokens are kept only as a hash until they are used, never linked to the answers they let in.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Questionnaire(models.Model):
    """One version of the questionnaire, stored as validated from its YAML file."""

    version = models.CharField(max_length=32, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    sha256 = models.CharField(max_length=64)
    source = models.CharField(max_length=500, blank=True)
    raw = models.TextField()  # the YAML text, parsed again by questionnaire_parse when read
    loaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.version


class SurveyCampaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("en préparation")
        OPEN = "open", _("ouverte")
        CLOSED = "closed", _("close")

    name = models.CharField(_("nom"), max_length=64, unique=True)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="campaigns"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    shared_key = models.CharField(max_length=64, unique=True)  # the shared link's secret
    coordinator_digest = models.CharField(max_length=64, blank=True)  # SHA-256 of the key
    is_demo = models.BooleanField(_("données de démonstration"), default=False)
    created_on = models.DateField()

    def __str__(self) -> str:
        return self.name

    def can_close(self) -> bool:
        """Whether the campaign may be closed: an open one only. A draft was never open (no
        link led to the questionnaire: closing it would publish an empty report, for good); a
        closed one already is."""
        return self.status == self.Status.OPEN


class SurveyUnit(models.Model):
    """A collectivité surveyed in a campaign: a commune (INSEE code) or an EPCI (SIREN)."""

    class Kind(models.TextChoices):
        COMMUNE = "commune", _("commune")
        EPCI = "epci", _("intercommunalité")

    campaign = models.ForeignKey(SurveyCampaign, on_delete=models.CASCADE, related_name="units")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    code = models.CharField(max_length=9)
    name = models.CharField(_("nom"), max_length=200)
    population = models.PositiveIntegerField(default=0)
    bracket = models.CharField(max_length=16)

    class Meta:
        ordering = ["campaign", "name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="surveyunit_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class SurveyToken(models.Model):
    """A one-time link not yet used: only the SHA-256 of the token is kept. Using it deletes the
    row: a row updated as used carried, on PostgreSQL, the id of the transaction that stored the
    answers (its `xmin`), the same as theirs, and tied them to the token and so to the person the
    coordinator sent it to."""

    campaign = models.ForeignKey(SurveyCampaign, on_delete=models.CASCADE, related_name="tokens")
    unit = models.ForeignKey(SurveyUnit, null=True, blank=True, on_delete=models.CASCADE)
    digest = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.digest[:12]


class SurveyImport(models.Model):
    """One imported answers file, by its SHA-256: the same file is never imported twice."""

    campaign = models.ForeignKey(SurveyCampaign, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(_("fichier"), max_length=255)
    sha256 = models.CharField(max_length=64)
    respondents = models.PositiveIntegerField(default=0)
    imported_on = models.DateField()  # the day only, like the answers

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "sha256"], name="surveyimport_unique_file")
        ]

    def __str__(self) -> str:
        return f"{self.campaign}/{self.file_name}"


class SurveyResponse(models.Model):
    """One respondent's answers: statement id -> 0..4 or null ("je ne sais pas")."""

    class Channel(models.TextChoices):
        WEB = "web", _("formulaire")
        IMPORT = "import", _("import")
        DEMO = "demo", _("démonstration")

    campaign = models.ForeignKey(SurveyCampaign, on_delete=models.CASCADE, related_name="responses")
    unit = models.ForeignKey(SurveyUnit, on_delete=models.CASCADE, related_name="responses")
    role = models.CharField(max_length=32)
    answers = models.JSONField(default=dict)
    submitted_on = models.DateField()  # the day only, never the time
    channel = models.CharField(max_length=8, choices=Channel.choices)

    def __str__(self) -> str:
        return f"{self.campaign}/{self.unit.code}/{self.pk}"
