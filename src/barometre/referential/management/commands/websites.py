from pathlib import Path
from typing import Any

from django.utils import timezone

from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.core.files import REPORT_EXTENSIONS, is_stdout, written_to
from barometre.core.plural import counted
from barometre.core.typography import grouped
from barometre.referential.services import WebsiteImportSummary, websites_import
from barometre.referential.services.website_changes import websites_export

SHOWN = 50  # changes listed at the normal verbosity; -v 2 lists them all


class Command(BarometreCommand):
    stdout_options = frozenset({"out"})
    help = "Ajoute, corrige ou exporte les sites web des communes ou des EPCI (fichiers CSV)."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True, title="actions", metavar="ACTION")
        imp = sub.add_parser(
            "import",
            help=(
                "Importer un CSV commune_code,url[,primary][,active][,note] (sites de communes) "
                "ou siren,url[,primary][,active][,note] (sites d'EPCI, par leur SIREN) ; "
                "une colonne absente du fichier laisse ce champ des sites tel quel ; "
                "tout ou rien"
            ),
        )
        imp.add_argument("file", type=Path, metavar="FICHIER", help="Fichier CSV des sites")
        imp.add_argument(
            "--dry-run",
            action="store_true",
            help="Dire ce que l'import changerait, site par site, sans rien écrire",
        )
        exp = sub.add_parser(
            "export",
            help=(
                "Écrire tous les sites dans un CSV que « websites import » relit (à garder "
                "avant un import : le réimporter remet chaque site comme il était)"
            ),
        )
        exp.add_argument(
            "out",  # an output: « - » is the standard output (BarometreCommand.stdout_options)
            type=Path,
            metavar="FICHIER",
            help="Fichier CSV à écrire (.csv) ; « - » : sur la sortie standard",
        )
        exp.add_argument(
            "--epci",
            action="store_true",
            help="Les sites des EPCI (colonne siren) plutôt que ceux des communes",
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "export":
            self._export(options["out"], epci=options["epci"])
            return
        summary = websites_import(
            path=options["file"], now=timezone.now(), dry_run=options["dry_run"]
        )
        if summary.dry_run:
            self.stdout.write("Essai (--dry-run) : rien n'a été écrit. Cet import donnerait :")
        self.stdout.write(_summary_line(summary))
        self._changes(summary, listed=summary.dry_run or self.verbosity >= 2)

    def _export(self, file: Path, *, epci: bool) -> None:
        """Write the sites to `file`, or to the standard output for `-` (it wrote a file named
        `-`); a name announcing another format (`sites.xlsx`) is refused: the file is CSV."""
        named = file.suffix.lower().removeprefix(".")
        if named != "csv" and named in {*REPORT_EXTENSIONS, "xls", "ods"}:
            raise BarometreError(
                f"« {file} » annonce un fichier {named.upper()}, mais la liste des sites "
                f"s'écrit en CSV, celui que « websites import » relit : donnez un nom en "
                ".csv\u00a0; rien n'a été écrit."
            )
        with written_to(file, self.stdout._out, "sites.csv") as target:
            rows = websites_export(path=target, epci=epci)
        one = rows <= 1
        owners = "d'EPCI" if epci else "de communes"
        what = f"{'site web' if one else 'sites web'} {owners}"
        said = (
            f"{'sortie standard' if is_stdout(file) else file} : {grouped(rows)} {what} "
            f"{'écrit' if one else 'écrits'} (colonnes de « websites import »)."
        )
        (self.stderr if is_stdout(file) else self.stdout).write(said)

    def _changes(self, summary: WebsiteImportSummary, *, listed: bool) -> None:
        """Each site added or changed, one a line (the first SHOWN but at -v 2)."""
        if not listed or not summary.changes:
            return
        shown = summary.changes if self.verbosity >= 2 else summary.changes[:SHOWN]
        for change in shown:
            self.stdout.write(f"  {change.line()}")
        if hidden := len(summary.changes) - len(shown):
            self.stdout.write(f"  … et {hidden} de plus (-v 2 pour tout voir)")


def _summary_line(summary: WebsiteImportSummary) -> str:
    what = "Sites web d'EPCI" if summary.epci else "Sites web de communes"
    owners = "EPCI" if summary.epci else "commune"
    changed = summary.primaries_changed
    same = f", {grouped(summary.unchanged)} déjà à jour" if summary.unchanged else ""
    added = f"{grouped(summary.added)} {'ajouté' if summary.added <= 1 else 'ajoutés'}"
    return (
        f"{what} : {added}, {grouped(summary.updated)} mis à jour{same} ; site principal "
        f"changé pour {counted(changed, owners, owners if summary.epci else 'communes')}."
    )
