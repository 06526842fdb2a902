"""`barometre init` loads the real referential, once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from barometre.referential.models import Commune, Epci, Website
from barometre.referential.services import referential_init


@pytest.mark.django_db(transaction=True)
def test_init_loads_every_current_commune_and_is_idempotent() -> None:
    first = referential_init(now=timezone.now())
    assert first.communes == 34_969
    assert first.communes_loaded == 34_969
    assert Epci.objects.count() == 1_255
    assert Commune.objects.filter(bracket="ge200000").count() == 11
    paris = Commune.objects.get(code="75056")
    assert (paris.name, paris.department_id, paris.bracket) == ("Paris", "75", "ge200000")
    assert paris.epci is not None  # Métropole du Grand Paris
    assert "75001" in paris.postcodes.split() and "75116" in paris.postcodes.split()
    assert Commune.objects.get(code="44109").postcodes.split()[0] == "44000"  # Nantes
    assert first.communes_with_website > 15_000

    again = referential_init(now=timezone.now())
    assert (again.communes_loaded, again.websites_loaded) == (0, 0)
    assert again.websites == first.websites
    said = StringIO()
    call_command("init", stdout=said)
    assert "Référentiel prêt\u00a0: 34\u00a0969 communes" in said.getvalue()  # grouped thousands
    assert "Déjà à jour" in said.getvalue()


@pytest.mark.django_db(transaction=True)
def test_largest_communes_missing_from_2022_list_get_a_curated_primary_site() -> None:
    referential_init(now=timezone.now())
    primary = dict(Website.objects.filter(is_primary=True).values_list("commune_id", "url"))
    assert primary["13055"] == "https://www.marseille.fr"
    assert primary["67482"] == "https://www.strasbourg.eu"
    assert primary["75056"] == "https://www.paris.fr"
    top30 = Commune.objects.order_by("-population")[:30]
    assert all(c.code in primary for c in top30)
