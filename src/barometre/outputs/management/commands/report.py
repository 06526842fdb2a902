"""`barometre report`: write a campaign's report (HTML, JSON, CSV or XLSX)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from barometre.core.argparse_fr import integer
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.core.files import is_stdout, output_format, stdout_refused, written_to
from barometre.outputs.formats import DEFAULT_SEED, FORMATS


class Command(BarometreCommand):
    stdout_options = frozenset({"out"})
    help = "Écrit le rapport d'une campagne (HTML, JSON, CSV, XLSX), comparée ou non à une autre."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--campaign", required=True, metavar="CAMPAGNE", help="Nom de la campagne"
        )
        parser.add_argument(
            "--compare", metavar="CAMPAGNE", help="Campagne de référence (en général la précédente)"
        )
        parser.add_argument(
            "--format",
            dest="formats",
            action="append",
            choices=list(FORMATS),
            metavar="FORMAT",
            help="Format : html, json, csv ou xlsx ; répétable "
            "(défaut : celui de l'extension de --out, sinon html)",
        )
        parser.add_argument(
            "--out",
            required=True,
            type=Path,
            metavar="CHEMIN",
            help="Fichier à écrire, ou dossier existant où écrire CAMPAGNE.FORMAT (--out /tmp "
            "écrit /tmp/2026.html ; un dossier si plusieurs formats) ; « - » : sur la sortie "
            "standard (html, json ou csv)",
        )
        parser.add_argument(
            "--seed",
            type=integer(minimum=0),
            default=DEFAULT_SEED,
            metavar="GRAINE",
            help=f"Graine du bootstrap (défaut : {DEFAULT_SEED})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from barometre.outputs.services import report_write  # numpy, openpyxl: only to run

        out: Path = options["out"]
        formats = options["formats"] or [output_format(out, None, FORMATS, "html")]
        if is_stdout(out):  # « --out - »: one text report on the standard output
            if len(set(formats)) > 1:
                raise BarometreError(
                    "--out - écrit un seul rapport sur la sortie standard : pour plusieurs "
                    "formats, donnez un dossier ; rien n'a été écrit."
                )
            if formats[0] == "xlsx":
                raise stdout_refused("xlsx", "rapport.xlsx")
        with written_to(out, self.stdout._out, f"rapport.{formats[0]}") as target:
            paths = report_write(
                campaign=options["campaign"],
                compare=options["compare"],
                formats=formats,
                out=target,
                now=timezone.now(),
                seed=options["seed"],
                notice=lambda message: self.stderr.write(f"Attention : {message}"),
            )
        if is_stdout(out):
            self.stderr.write(f"Rapport {formats[0].upper()} écrit sur la sortie standard.")
            self._say_the_default_reference(options["campaign"], options["compare"])
            return
        for path in paths:
            self.stdout.write(f"Rapport écrit : {path.resolve()}")
        self._say_the_default_reference(options["campaign"], options["compare"])

    def _say_the_default_reference(self, name: str, compare: str | None) -> None:
        """Without --compare, the campaign the PDF and the pages compare with by default."""
        from barometre.assessments.campaigns import campaign_get
        from barometre.outputs.published import campaign_previous

        previous = None if compare else campaign_previous(campaign_get(name))
        if previous is not None:
            self.stderr.write(
                f"Rapport sans évolution : le PDF et le site comparent « {name} » à "
                f"« {previous.name} », la campagne précédente ; « --compare "
                f"{previous.name} » donne la même comparaison ici."
            )
