"""Evidence archived by the crawler: each record points to the exact bytes in a WARC file."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from barometre.referential.models import Campaign, Commune


class EvidenceRecord(models.Model):
    """One archived response: where it is (WARC file, offset, length) and its payload digest."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="evidence")
    commune = models.ForeignKey(
        Commune, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    url = models.URLField(max_length=2000)
    status = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=200, blank=True)
    warc_file = models.CharField(max_length=500)  # relative to settings.WARC_ROOT
    offset = models.BigIntegerField()
    length = models.BigIntegerField()
    digest = models.CharField(max_length=100)  # WARC-Payload-Digest, e.g. "sha1:..."
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["campaign", "url"], name="evidence_campaign_url")]

    def __str__(self) -> str:
        return f"{self.url} @ {self.warc_file}:{self.offset}"


class SiteAudit(models.Model):
    """The outcome of auditing one commune's site in a campaign: done, failed (with why), or none.

    A finished site (done or failed) is skipped when an interrupted audit is run again.
    """

    class Status(models.TextChoices):
        DONE = "done", _("terminé")
        FAILED = "failed", _("échec")
        NO_WEBSITE = "no_website", _("aucun site connu")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="site_audits")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="site_audits")
    status = models.CharField(_("état"), max_length=16, choices=Status.choices)
    reason = models.CharField(_("motif"), max_length=500, blank=True)
    source = models.CharField(_("origine"), max_length=16, default="crawl")  # crawl | warc
    run = models.CharField(_("passage"), max_length=64, blank=True)  # who stored it (idempotence)
    # the detector that read the site's pages (detection.version: "0.1.0+3f2a9c81d4e0"); empty
    # for a commune without a website, and for audits stored before it was recorded
    detector = models.CharField(_("détecteur"), max_length=64, blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    errors = models.PositiveIntegerField(_("erreurs"), default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "commune"], name="site_audit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.commune_id}: {self.status}"


class AuditLock(models.Model):
    """The audit of a campaign running on this database: one at a time (services/lock.py).

    A process that crashed cannot keep it: the lock is taken over when its process is gone (on
    the same machine) or when it has given no sign of life for a while (anywhere).

    `distributed`: the campaign was queued for workers (`audit --distributed`); the lock then
    lasts while sites of the campaign are pending in Redis, whoever launched it (its host and pid
    are those of the last launch).
    """

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="audit_lock")
    token = models.CharField(max_length=32)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    heartbeat_at = models.DateTimeField(default=timezone.now)
    distributed = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.host} pid {self.pid}"
