# French names of the referential models and of their fields, for the admin.

import django.db.models.deletion
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
        migrations.AlterField(
            model_name="catalogue",
            name="domains",
            field=models.JSONField(default=dict, verbose_name="domaines"),
        ),
        migrations.AlterField(
            model_name="catalogue",
            name="loaded_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="chargé le"),
        ),
        migrations.AlterField(
            model_name="commune",
            name="department",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="communes",
                to="referential.department",
                verbose_name="département",
            ),
        ),
        migrations.AlterField(
            model_name="commune",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="communes",
                to="referential.region",
                verbose_name="région",
            ),
        ),
        migrations.AlterField(
            model_name="department",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="departments",
                to="referential.region",
                verbose_name="région",
            ),
        ),
        migrations.AlterField(
            model_name="epciwebsite",
            name="active",
            field=models.BooleanField(default=True, verbose_name="actif"),
        ),
        migrations.AlterField(
            model_name="epciwebsite",
            name="confidence",
            field=models.CharField(
                choices=[("high", "élevée"), ("medium", "moyenne"), ("low", "faible")],
                max_length=8,
                verbose_name="confiance",
            ),
        ),
        migrations.AlterField(
            model_name="epciwebsite",
            name="host",
            field=models.CharField(db_index=True, max_length=255, verbose_name="hôte"),
        ),
        migrations.AlterField(
            model_name="epciwebsite",
            name="is_primary",
            field=models.BooleanField(default=False, verbose_name="site principal"),
        ),
        migrations.AlterField(
            model_name="epciwebsite",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="mis à jour le"),
        ),
        migrations.AlterField(
            model_name="epciwebsite",
            name="url",
            field=models.URLField(max_length=500, verbose_name="adresse"),
        ),
        migrations.AlterField(
            model_name="service",
            name="cues",
            field=models.JSONField(default=list, verbose_name="indices"),
        ),
        migrations.AlterField(
            model_name="service",
            name="max_level",
            field=models.PositiveSmallIntegerField(verbose_name="niveau maximal"),
        ),
        migrations.AlterField(
            model_name="service",
            name="slug",
            field=models.CharField(max_length=64, verbose_name="identifiant"),
        ),
        migrations.AlterField(
            model_name="website",
            name="active",
            field=models.BooleanField(default=True, verbose_name="actif"),
        ),
        migrations.AlterField(
            model_name="website",
            name="confidence",
            field=models.CharField(
                choices=[("high", "élevée"), ("medium", "moyenne"), ("low", "faible")],
                max_length=8,
                verbose_name="confiance",
            ),
        ),
        migrations.AlterField(
            model_name="website",
            name="host",
            field=models.CharField(db_index=True, max_length=255, verbose_name="hôte"),
        ),
        migrations.AlterField(
            model_name="website",
            name="is_primary",
            field=models.BooleanField(default=False, verbose_name="site principal"),
        ),
        migrations.AlterField(
            model_name="website",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="mis à jour le"),
        ),
        migrations.AlterField(
            model_name="website",
            name="url",
            field=models.URLField(max_length=500, verbose_name="adresse"),
        ),
    ]
