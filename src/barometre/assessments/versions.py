"""What the kept figures and files are keyed by, beside their own state: versions of the data
that change when an assessment is recorded or a campaign is dated again. Read by the web pages
(`web.selectors`) and by what is built ahead of them (`programmes.report_files`), which must
find the same entries."""

from __future__ import annotations

import hashlib

from django.db.models import Max

from barometre.assessments.models import Assessment
from barometre.referential.models import Campaign


def data_version() -> int:
    """Changes whenever an assessment is recorded (assessments are never updated)."""
    return Assessment.objects.aggregate(top=Max("id"))["top"] or 0


def campaign_dates() -> str:
    """Changes whenever a campaign is created, deleted, dated again (`campaign set-date`),
    renamed or flagged as demonstration or not (the admin), which change a commune's history
    without recording an assessment."""
    rows = Campaign.objects.order_by("pk").values_list("pk", "measured_on", "name", "is_demo")
    text = "|".join(f"{pk}:{day.isoformat()}:{name}:{demo}" for pk, day, name, demo in rows)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
