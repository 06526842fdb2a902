"""Delete a campaign with everything measured for it."""

from __future__ import annotations

from django.db import transaction

from barometre.assessments.campaigns import campaign_get
from barometre.assessments.models import Assessment, Cell


@transaction.atomic
def campaign_delete(*, name: str) -> None:
    """Delete the campaign `name`, its cells and assessments, and (by cascade) its evidence
    records and site audits. Communes, catalogues and archived WARC files are kept.

    Cells go first: they protect the assessment that counts, which protects nothing else."""
    campaign = campaign_get(name)
    Cell.objects.filter(campaign=campaign).delete()
    Assessment.objects.filter(campaign=campaign).delete()
    campaign.delete()
