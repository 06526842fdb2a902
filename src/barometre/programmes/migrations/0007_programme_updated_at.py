# A programme's last save, so that metadata taken again from a manifest changes the caches' key.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0006_programme_source"),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.RemoveIndex(model_name="programme", name="programme_election_state"),
        migrations.AddIndex(
            model_name="programme",
            index=models.Index(
                fields=["election", "is_demo", "status", "read_at", "won", "updated_at"],
                name="programme_election_state",
            ),
        ),
    ]
