# The name of each commune as it is searched (accents, case, hyphens and apostrophes aside)

import re
import unicodedata

from django.db import migrations, models

# a copy of referential.models.name_key as it stands at this migration (migrations keep
# their own code: the model's function may change later)
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def _name_key(text):
    plain = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    words = re.findall(r"[a-z0-9]+", plain.encode("ascii", "ignore").decode("ascii").lower())
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def fill(apps, schema_editor):
    Commune = apps.get_model("referential", "Commune")
    communes = list(Commune.objects.only("code", "name"))
    for commune in communes:
        commune.search_key = _name_key(commune.name)
    Commune.objects.bulk_update(communes, ["search_key"], batch_size=5000)


class Migration(migrations.Migration):
    dependencies = [
        ("referential", "0004_commune_postcodes"),
    ]

    operations = [
        migrations.AddField(
            model_name="commune",
            name="search_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
