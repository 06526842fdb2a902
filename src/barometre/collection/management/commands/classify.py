"""`barometre classify`: offline detection on pages given as JSON lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError, ValidationFailed
from barometre.detection import load_platforms
from barometre.detection.batch import classify_lines
from barometre.referential.catalogue import catalogue_read, default_catalogue


class Command(BarometreCommand):
    help = "Détecte hors ligne les services d'un fichier de pages JSONL et leur niveau."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--input",
            type=Path,
            required=True,
            metavar="FICHIER",
            help='Pages, un objet JSON par ligne : {"id", "url", "html"} ou {"id", "url", "text"}.',
        )
        parser.add_argument(
            "--output",
            type=Path,
            required=True,
            metavar="FICHIER",
            help="Résultats, un objet JSON par page valide (services, niveaux, preuves).",
        )
        parser.add_argument(
            "--catalogue",
            type=Path,
            metavar="FICHIER",
            help="Catalogue de services (YAML) ; par défaut celui de barometre.",
        )
        parser.add_argument(
            "--platforms",
            type=Path,
            metavar="FICHIER",
            help="Plateformes à ajouter aux plateformes connues (YAML).",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="N'écrire aucun résultat si une ligne est invalide (par défaut, les lignes "
            "valides sont écrites et les autres signalées avec leur numéro).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        catalogue = (
            catalogue_read(options["catalogue"]) if options["catalogue"] else default_catalogue()
        )
        platforms = load_platforms(options["platforms"])
        try:
            lines = options["input"].read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise BarometreError(
                f"Fichier d'entrée illisible : {options['input']} ({error})"
            ) from error
        outcomes = list(classify_lines(lines, catalogue=catalogue, platforms=platforms))
        problems = [o.problem for o in outcomes if o.record is None]
        records = [o.record for o in outcomes if o.record is not None]
        if problems and options["strict"]:
            raise ValidationFailed("Aucun résultat écrit : lignes invalides.", problems)
        with options["output"].open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        found = sum(1 for r in records if r["services"])
        self.stdout.write(
            f"{len(records)} pages analysées ({found} sur au moins un service), "
            f"{len(problems)} lignes refusées ; résultats dans {options['output']}."
        )
        if problems:
            raise ValidationFailed(
                f"{len(problems)} lignes refusées (les autres sont écrites).", problems
            )
