"""`barometre pdf`: write the PDF of a campaign, or of one commune in a campaign."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.core.files import output_format, output_write
from barometre.outputs.pdf.reports import campaign_pdf, commune_pdf
from barometre.outputs.published import campaign_by_name
from barometre.referential.codes import commune_code_normalise
from barometre.referential.selectors import commune_name_hint


class Command(BarometreCommand):
    help = "Écrit le rapport PDF d'une campagne, ou d'une commune (--commune) dans une campagne."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--campaign", required=True, metavar="CAMPAGNE", help="Nom de la campagne"
        )
        parser.add_argument("--commune", metavar="CODE", help="Code INSEE d'une commune")
        parser.add_argument(
            "--out",
            required=True,
            type=Path,
            metavar="CHEMIN",
            help="Fichier PDF à écrire, ou dossier existant où écrire CAMPAGNE.pdf (--out /tmp "
            "écrit /tmp/2026.pdf ; avec --commune, /tmp/2026-CODE.pdf)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output_format(options["out"], "pdf", ("pdf",), "pdf")  # r.html would hold a PDF
        campaign = campaign_by_name(options["campaign"])
        now = timezone.now()
        if options["commune"] and (hint := commune_name_hint(options["commune"])):
            raise BarometreError(f"{hint}.")
        code = commune_code_normalise(options["commune"]) if options["commune"] else None
        out = _target(options["out"], campaign.name, code)
        if code is not None:  # « 1004 » as a spreadsheet shows 01004, « 2a004 » in lower case
            content = commune_pdf(campaign=campaign, code=code, now=now)
        else:
            content = campaign_pdf(campaign=campaign, now=now)
        output_write(out, lambda target: target.write_bytes(content), what="le PDF")
        self.stdout.write(f"PDF écrit : {out.resolve()}")


def _target(out: Path, campaign: str, code: str | None) -> Path:
    """The file to write: `out`, or in an existing folder CAMPAGNE.pdf (CAMPAGNE-CODE.pdf for a
    commune), as `barometre report` names its files there."""
    if not out.is_dir():
        return out
    return out / (f"{campaign}-{code}.pdf" if code else f"{campaign}.pdf")
