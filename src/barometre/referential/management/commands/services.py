"""`barometre services list`: the services of a catalogue, with their ids and maximum levels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from barometre.core.command import BarometreCommand
from barometre.core.plural import counted


class Command(BarometreCommand):
    answer_actions = frozenset({"list"})
    help = "Liste les services d'un catalogue : identifiant, domaine, niveau maximal, libellé."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True, title="actions", metavar="ACTION")
        listing = sub.add_parser(
            "list",
            help="Lister les services",
            description="Liste les services du catalogue d'une campagne (--campaign), d'un "
            "fichier YAML (--catalogue) ou, par défaut, du catalogue livré avec barometre.",
        )
        source = listing.add_mutually_exclusive_group()
        source.add_argument("--campaign", metavar="CAMPAGNE", help="Catalogue de cette campagne")
        source.add_argument("--catalogue", type=Path, metavar="FICHIER", help="Catalogue YAML")

    def handle(self, *args: Any, **options: Any) -> None:
        version, name, services = _services(options["campaign"], options["catalogue"])
        self.stdout.write(
            f"Catalogue {version} — {name} ({counted(len(services), 'service', 'services')})"
        )
        rows = [("identifiant", "domaine", "max", "libellé"), *services]
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        for row in rows:
            head = "  ".join(v.ljust(w) for v, w in zip(row[:3], widths, strict=True))
            self.stdout.write(f"{head}  {row[3]}")


def _services(
    campaign: str | None, path: Path | None
) -> tuple[str, str, list[tuple[str, str, str, str]]]:
    if campaign:
        from barometre.assessments.campaigns import campaign_get

        catalogue = campaign_get(campaign).catalogue
        rows = catalogue.services.order_by("position").values_list(
            "slug", "domain", "max_level", "label"
        )
        return (
            catalogue.version,
            catalogue.name,
            [(s, d, str(m), lb) for s, d, m, lb in rows],
        )
    from barometre.referential.catalogue import catalogue_read, default_catalogue

    spec = catalogue_read(path) if path else default_catalogue()
    return (
        spec.version,
        spec.name,
        [(s.id, s.domain, str(s.max_level), s.label) for s in spec.services],
    )
