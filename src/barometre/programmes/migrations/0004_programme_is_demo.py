from django.db import migrations, models

# The lists `barometre quickstart` has imported (barometre/demo/programmes.py), copied here so that
# this migration keeps meaning what it meant when the loader changes: (commune, list name), the
# file it wrote being "programme-<position>.txt", election 2026, plain text.
DEMO_LISTS = (
    ("44109", "Nantes en commun (démonstration)"),
    ("44109", "Agir pour Nantes (démonstration)"),
    ("33063", "Bordeaux demain (démonstration)"),
    ("31555", "Toulouse ensemble (démonstration)"),
    ("31555", "Un nouveau souffle (démonstration)"),
)


def _mark_demo(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Mark the programmes the demonstration loader imported before the flag existed. They are
    recognised by all of: the loader's commune, list name (ending in « (démonstration) »),
    election 2026, round 1, plain-text format and the file name it gave (programme-<n>.txt for
    the n-th list). A real list matching all of these is not plausible; anything else (a renamed
    or replaced demo programme) is left as a real one."""
    programme = apps.get_model("programmes", "Programme")
    for index, (code, name) in enumerate(DEMO_LISTS):
        programme.objects.filter(
            commune_id=code,
            election=2026,
            round=1,
            list_name=name,
            format="text",
            source_name=f"programme-{index}.txt",
        ).update(is_demo=True)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0003_programme_read_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="is_demo",
            field=models.BooleanField(default=False, verbose_name="données de démonstration"),
        ),
        migrations.RunPython(_mark_demo, migrations.RunPython.noop),
    ]
