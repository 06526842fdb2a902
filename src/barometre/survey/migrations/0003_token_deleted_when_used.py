"""A one-time link is deleted when used, no longer marked used: the row that the answers'
transaction updated carried, on PostgreSQL, that transaction's id (`xmin`), the same as the
answers' row, and tied them to the token. The tokens already used are deleted here, which
removes those links too, before the flag goes."""

from django.db import migrations


def _used_deleted(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("survey", "SurveyToken").objects.filter(used=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("survey", "0002_imports"),
    ]

    operations = [
        migrations.RunPython(_used_deleted, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="surveytoken",
            name="used",
        ),
    ]
