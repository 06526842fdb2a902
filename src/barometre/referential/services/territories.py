"""Load regions, departments, EPCI and communes from the shipped derivative of the COG."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from barometre.referential import shipped_names as names
from barometre.referential.brackets import bracket_for
from barometre.referential.models import Commune, Department, Epci, Region, name_key
from barometre.referential.services.shipped import csv_rows, is_loaded, mark_loaded, read_bytes

_BATCH = 5000
_COMMUNE_FIELDS = [
    "name", "search_key", "department", "region", "siren", "population", "bracket", "epci",
    "postcodes",
]  # fmt: skip


@transaction.atomic
def territories_load(*, now: datetime, force: bool = False) -> int:
    """Upsert all territories; return the number of communes loaded (0 when already current)."""
    raws = {name: read_bytes(name) for name in names.TERRITORIES}
    joined = b"".join(raws[n] for n in names.TERRITORIES)
    if not force and is_loaded("territories", joined):
        return 0
    _upsert(Region, [_region(r) for r in _rows(raws, names.REGIONS)], ["name"])
    departments = [_department(r) for r in _rows(raws, names.DEPARTMENTS)]
    _upsert(Department, departments, ["name", "region"])
    _upsert(Epci, [_epci(r) for r in _rows(raws, names.EPCI)], ["name", "kind", "population"])
    communes = [_commune(r) for r in _rows(raws, names.COMMUNES)]
    _upsert(Commune, communes, _COMMUNE_FIELDS)
    mark_loaded("territories", joined, rows=len(communes), now=now)
    return len(communes)


def _rows(raws: dict[str, bytes], name: str) -> list[dict[str, str]]:
    return list(csv_rows(raws[name], gz=name.endswith(".gz")))


def _region(row: dict[str, str]) -> Region:
    return Region(code=row["code"], name=row["name"])


def _department(row: dict[str, str]) -> Department:
    return Department(code=row["code"], name=row["name"], region_id=row["region"])


def _epci(row: dict[str, str]) -> Epci:
    population = int(row["population"] or 0)
    return Epci(siren=row["siren"], name=row["name"], kind=row["kind"], population=population)


def _commune(row: dict[str, str]) -> Commune:
    population = int(row["population"] or 0)
    return Commune(
        code=row["code"],
        name=row["name"],
        department_id=row["department"],
        region_id=row["region"],
        siren=row["siren"],
        population=population,
        bracket=bracket_for(population),
        epci_id=row["epci"] or None,
        postcodes=row.get("postcodes", ""),
        search_key=name_key(row["name"]),
    )


def _upsert(model: type, objects: list, fields: list[str]) -> None:
    pk = model._meta.pk.name
    model.objects.bulk_create(
        objects,
        batch_size=_BATCH,
        update_conflicts=True,
        unique_fields=[pk],
        update_fields=fields,
    )
