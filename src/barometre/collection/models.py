"""Evidence archived by the crawler: each record points to the exact bytes in a WARC file."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

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
