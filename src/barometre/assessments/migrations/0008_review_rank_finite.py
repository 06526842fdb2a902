# Written by hand: a data step only.

import math

from django.db import migrations
from django.db.models import Q


def finite_review_rank(apps, schema_editor):
    """A rank copied from a NaN or infinite confidence stored before writes were checked (step
    0005 copied it as it was) becomes 0, the rank of a proposal without confidence, the most
    doubtful: PostgreSQL orders NaN above every number, so the least sure proposal came last
    in the review queue. SQLite stored the NaN as NULL, which PostgreSQL would sort last too:
    an automatic cell without a rank gets 0 as well. New ranks cannot be such numbers
    (record.confidence_problem)."""
    Cell = apps.get_model("assessments", "Cell")
    not_finite = Q(review_rank__in=[math.nan, math.inf, -math.inf]) | Q(review_rank__isnull=True)
    Cell.objects.filter(not_finite, source="auto").update(review_rank=0.0)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0007_source_label_importe"),
    ]

    operations = [
        migrations.RunPython(finite_review_rank, migrations.RunPython.noop),
    ]
