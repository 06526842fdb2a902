# French names of the referential models and of the campaign creation date, for the admin.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("referential", "0006_campaign_measured_on"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="campaign",
            options={"verbose_name": "campagne", "verbose_name_plural": "campagnes"},
        ),
        migrations.AlterModelOptions(
            name="catalogue",
            options={"verbose_name": "catalogue", "verbose_name_plural": "catalogues"},
        ),
        migrations.AlterModelOptions(
            name="commune",
            options={"verbose_name": "commune", "verbose_name_plural": "communes"},
        ),
        migrations.AlterModelOptions(
            name="department",
            options={"verbose_name": "département", "verbose_name_plural": "départements"},
        ),
        migrations.AlterModelOptions(
            name="epci",
            options={
                "verbose_name": "intercommunalité",
                "verbose_name_plural": "intercommunalités",
            },
        ),
        migrations.AlterModelOptions(
            name="region",
            options={"verbose_name": "région", "verbose_name_plural": "régions"},
        ),
        migrations.AlterModelOptions(
            name="service",
            options={
                "ordering": ["catalogue", "position"],
                "verbose_name": "service",
                "verbose_name_plural": "services",
            },
        ),
        migrations.AlterModelOptions(
            name="website",
            options={
                "verbose_name": "site web de commune",
                "verbose_name_plural": "sites web de communes",
            },
        ),
        migrations.AlterField(
            model_name="campaign",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="créée le"),
        ),
    ]
