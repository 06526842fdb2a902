# When a campaign's sites were measured: existing campaigns are dated by the day they were
# created (Paris time), as before this field existed.

import django.utils.timezone
from django.db import migrations, models


def fill(apps, schema_editor):
    Campaign = apps.get_model("referential", "Campaign")
    campaigns = list(Campaign.objects.only("pk", "created_at"))
    for campaign in campaigns:
        campaign.measured_on = django.utils.timezone.localdate(campaign.created_at)
    Campaign.objects.bulk_update(campaigns, ["measured_on"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("referential", "0005_commune_search_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="measured_on",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text=(
                    "Jour où les sites ont été mesurés (par défaut, celui de la création de la "
                    "campagne) ; pour une étude passée importée plus tard, sa date."
                ),
                verbose_name="date de la mesure",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
