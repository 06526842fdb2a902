"""barometre programmes import | list | report | reanalyse | classify."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from barometre.assessments.tabular import limit_arguments, limits_given
from barometre.core.argparse_fr import integer
from barometre.core.argparse_fr import number as decimal_number
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.core.files import is_stdout, output_format, written_to
from barometre.core.plural import counted
from barometre.core.typography import with_unit
from barometre.outputs.labels import number
from barometre.programmes.ingestion import DEFAULT_LIMITS, Limits
from barometre.programmes.manifest import ProgrammeMeta, meta_from_values
from barometre.programmes.outcomes import DUPLICATE, REFUSED, FileOutcome, ImportReport

REPORT_FORMATS = ("html", "json", "csv")


class Command(BarometreCommand):
    stdout_options = frozenset({"out"})
    stdin_options = frozenset({"input"})  # classify's excerpts
    answer_actions = frozenset({"list"})
    help = "Programmes électoraux : importer, classer des extraits, produire le rapport."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, title="actions", metavar="ACTION"
        )
        _import_arguments(actions)
        lst = actions.add_parser(
            "list",
            help="Lister les programmes importés (les programmes de démonstration sont signalés)",
        )
        lst.add_argument("--election", type=int, help="Seulement cette élection")
        lst.add_argument("--commune", help="Seulement cette commune (code INSEE)")
        _report_arguments(actions)

        again = actions.add_parser(
            "reanalyse",
            help="Relire les programmes importés après un changement du fichier des thèmes",
        )
        again.add_argument("--election", type=int, help="Seulement cette élection")

        cls = actions.add_parser(
            "classify",
            help="Classer des extraits (JSON Lines) pour l'évaluation",
            description='Lit un objet {"id", "text"} par ligne ; écrit {"id", "mentions_digital", '
            '"themes", "disruptive", "evidence"} par ligne.',
        )
        cls.add_argument(
            "--input",
            type=Path,
            required=True,
            help='Extraits : {"id", "text"} par ligne ; « - » : l\'entrée standard',
        )
        cls.add_argument(
            "--output", type=Path, required=True, help="Classements, un objet JSON par ligne"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _import(self, options: dict[str, Any]) -> None:
        from barometre.programmes.services import (
            manifest_read,
            programme_import_file,
        )

        limits = Limits(max_pages=options["max_pages"], max_seconds=options["max_seconds"])
        ocr = not options["no_ocr"]
        if options["manifest"]:
            if options["file"]:
                raise BarometreError("donnez soit --manifest, soit un fichier, pas les deux")
            # a bad manifest is told before spaCy loads (3 s); one whose every row is refused
            # at parsing has no programme to analyse and never loads it
            rows = manifest_read(options["manifest"], limits=limits_given(options))
            if any(row.meta is not None for row in rows):
                self._load_spacy()
        else:  # so is a missing file, option or a bad year
            path, meta = self._single_file(options), self._meta(options)
            self._load_spacy()
        if options["manifest"]:
            report = self._import_folder(options, limits=limits, ocr=ocr)
            outcomes = report.outcomes
        else:
            outcome = programme_import_file(
                path=path,
                meta=meta,
                replace=options["replace"],
                limits=limits,
                ocr=ocr,
            )
            outcomes, report = (outcome,), None
        for outcome in outcomes:
            self.stdout.write(outcome.describe())
        if report is not None:
            self.stdout.write(f"{report.summary()} en {with_unit(number(report.seconds, 1), 's')}")
        self._fail_on_refusals(outcomes)

    def _import_folder(self, options: dict[str, Any], *, limits: Limits, ocr: bool) -> ImportReport:
        """The files a manifest describes, each imported apart."""
        from barometre.programmes.services import programmes_import_folder

        with self.progress() as progress:  # cleared before the files' lines are written
            return programmes_import_folder(
                manifest=options["manifest"],
                folder=options["folder"],
                replace=options["replace"],
                limits=limits,
                ocr=ocr,
                progress=progress,
                workers=options["workers"],
                allow_outside=options["allow_outside_folder"],
                table_limits=limits_given(options),
            )

    @staticmethod
    def _fail_on_refusals(outcomes: Sequence[FileOutcome]) -> None:
        """Exit with an error when any file was refused, once every other file is stored: a
        script that runs the import must notice a refused file (as `classify` does for a
        refused line)."""
        refused = [o for o in outcomes if o.status in (REFUSED, DUPLICATE)]
        if not refused:
            return
        if len(refused) == len(outcomes):
            raise BarometreError("aucun fichier importé")
        files = counted(len(refused), "fichier refusé", "fichiers refusés")
        raise BarometreError(f"{files} (voir ci-dessus) ; les autres sont importés.")

    def _load_spacy(self) -> None:
        """Load spaCy's French model once, up front, showing it (it takes seconds)."""
        from barometre.programmes.analysis.lexicon import MODEL, french_pipeline

        with self.step(f"Chargement du modèle spaCy {MODEL}"):
            french_pipeline()

    @staticmethod
    def _single_file(options: dict[str, Any]) -> Path:
        if not options["file"]:
            raise BarometreError(
                "donnez un fichier (avec --commune, --election, --list) ou --manifest"
            )
        path: Path = options["file"]
        return path

    @staticmethod
    def _meta(options: dict[str, Any]) -> ProgrammeMeta:
        names = {"commune": "--commune", "election": "--election", "list_name": "--list"}
        missing = [flag for key, flag in names.items() if not options[key]]
        if missing:
            raise BarometreError("options manquantes : " + ", ".join(missing))
        try:
            return meta_from_values(
                insee=options["commune"],
                election=options["election"],
                list_name=options["list_name"],
                head=options["head"],
                round_=options["round"],
                won=options["won"],
                # given only when set: a new import without them keeps the stored ones
                given=frozenset(
                    {"head_of_list", "won"}
                    | {k for k in ("source_url", "published_on") if options[k]}
                ),
                source_url=options["source_url"],
                published_on=options["published_on"],
            )
        except ValueError as error:
            raise BarometreError(str(error)) from None

    def _report(self, options: dict[str, Any]) -> None:
        from barometre.programmes.reports import programmes_report, report_write

        fmt = output_format(options["out"], options["fmt"], REPORT_FORMATS, "html")
        report = programmes_report(
            election=options["election"],
            compare_with=options["compare"],
            commune=options["commune"],
            won_only=options["won_only"],
            now=timezone.now(),
            demo=options["demo"],
            campaign=options["campaign"],
            campaign_before=options["campaign_before"],
        )
        with written_to(options["out"], self.stdout._out, f"rapport.{fmt}") as target:
            path = report_write(report, fmt=fmt, out=target)
        digital = report.summary.digital
        demo = " (démonstration)" if report.is_demo else ""
        where = "sur la sortie standard" if is_stdout(options["out"]) else f"dans {path}"
        told = self.stderr if is_stdout(options["out"]) else self.stdout
        told.write(
            f"Rapport {report.election}{demo} écrit {where} : "
            f"{counted(digital.count, 'programme', 'programmes')} sur "
            f"{digital.n} {'parle' if digital.count <= 1 else 'parlent'} de numérique"
            + (
                f" (toute l'élection ; détail de la seule commune {report.commune})."
                if report.commune
                else "."
            )
        )

    def _list(self, options: dict[str, Any]) -> None:
        from barometre.programmes.models import Programme
        from barometre.referential.codes import commune_code_normalise

        _election_known(options["election"])
        found = Programme.objects.select_related("commune").defer("text")
        if options["election"] is not None:
            found = found.filter(election=options["election"])
        if options["commune"]:
            found = found.filter(commune_id=commune_code_normalise(options["commune"]))
        rows = [("n°", "élection", "commune", "tour", "liste", "état", "")]
        rows += [
            (
                str(p.pk),
                str(p.election),
                f"{p.commune_id} {p.commune.name}",
                str(p.round),
                p.list_name + (" (élue)" if p.won else ""),
                p.get_status_display(),
                "démonstration" if p.is_demo else "",
            )
            for p in found
        ]
        if len(rows) == 1:
            self.stdout.write("Aucun programme importé.")
            return
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for row in rows:
            self.stdout.write(
                "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
            )

    def _reanalyse(self, options: dict[str, Any]) -> None:
        from barometre.programmes.reanalysis import programmes_reanalyse

        _election_known(options["election"])
        self._load_spacy()
        with self.progress() as progress:  # cleared before the count is written
            count = programmes_reanalyse(election=options["election"], progress=progress)
        self.stdout.write(f"{counted(count, 'programme relu', 'programmes relus')}.")

    def _classify(self, options: dict[str, Any]) -> None:
        from barometre.programmes.excerpts import excerpts_classify

        count = excerpts_classify(input=options["input"], output=options["output"])
        self.stdout.write(
            f"{counted(count, 'extrait classé', 'extraits classés')} dans {options['output']}"
        )


def _election_known(election: int | None) -> None:
    """An --election with no programme, real or made-up, is said as the report says it, naming
    the elections there are (rather than « Aucun programme importé. », « 0 programme relu »)."""
    from barometre.programmes.reports.build import election_missing

    if election is not None and (missing := election_missing(election, demo=None)):
        raise BarometreError(missing)


def _import_arguments(actions: Any) -> None:
    imp = actions.add_parser(
        "import",
        help="Importer des programmes (un fichier, ou un dossier décrit par un manifeste CSV)",
        description="Importe des programmes : --manifest FICHIER.csv, ou un FICHIER avec "
        "--commune, --election et --list. Chaque fichier est importé à part : un fichier "
        "refusé n'empêche pas les autres, mais la commande finit alors en erreur.",
    )
    imp.add_argument(
        "file", nargs="?", type=Path, help="Fichier du programme (PDF, HTML, DOCX, texte)"
    )
    imp.add_argument("--manifest", type=Path, help="Manifeste CSV (voir docs/programmes.md)")
    imp.add_argument(
        "--folder", type=Path, help="Dossier des fichiers (défaut : celui du manifeste)"
    )
    imp.add_argument("--commune", help="Code INSEE de la commune")
    imp.add_argument("--election", type=int, help="Année de l'élection (2014, 2020, 2026…)")
    imp.add_argument("--list", dest="list_name", help="Nom de la liste")
    imp.add_argument("--head", default="", metavar="NOM", help="Tête de liste")
    imp.add_argument("--round", type=int, default=1, choices=[1, 2], help="Tour (1 ou 2)")
    imp.add_argument("--won", action="store_true", help="La liste a été élue")
    imp.add_argument(
        "--source-url", default="", metavar="URL", help="Adresse où la liste a publié le programme"
    )
    imp.add_argument(
        "--published-on", default="", metavar="DATE", help="Date de publication (AAAA-MM-JJ)"
    )
    imp.add_argument(
        "--replace",
        action="store_true",
        help="Remplacer le texte déjà importé pour la même liste",
    )
    _reading_arguments(imp)


def _reading_arguments(parser: Any) -> None:
    """How `import` reads the files: its limits, the folder it keeps to, OCR, workers."""
    parser.add_argument(
        "--max-pages",
        type=integer(minimum=1),
        default=DEFAULT_LIMITS.max_pages,
        help="Plafond de pages par PDF (défaut : %(default)s)",
    )
    parser.add_argument(
        "--max-seconds",
        # 0 or less lifted the limit without a word (reading.time_limit reads it as none)
        type=decimal_number(minimum=0.1),
        default=DEFAULT_LIMITS.max_seconds,
        help="Temps de lecture maximal par fichier, en secondes (défaut : %(default)s)",
    )
    limit_arguments(parser, subject="le manifeste")
    parser.add_argument(
        "--allow-outside-folder",
        action="store_true",
        help="Lire aussi les fichiers du manifeste situés hors de son dossier",
    )
    parser.add_argument(
        "--no-ocr", action="store_true", help="Ne pas tenter l'OCR des PDF sans couche texte"
    )
    parser.add_argument(
        "--workers",
        type=integer(minimum=0),
        help="Processus annexes qui lisent les fichiers pendant l'analyse (défaut : 1 si "
        "plusieurs cœurs et plus de 16 fichiers, 0 sinon)",
    )


def _report_arguments(actions: Any) -> None:
    rep = actions.add_parser(
        "report",
        help="Rapport d'une élection (HTML, JSON ou CSV)",
        description="Part des programmes qui parlent de numérique (globale et par tranche, "
        "avec intervalles de Wilson à 95 %), thèmes, part disruptive, comparaison entre "
        "élections, preuves par commune et promesses mises en regard des niveaux mesurés.",
    )
    rep.add_argument("--election", type=int, required=True, help="Année de l'élection")
    rep.add_argument("--compare", type=int, metavar="ANNÉE", help="Élection antérieure à comparer")
    _campaign_arguments(rep)
    rep.add_argument("--commune", help="Limiter le détail par commune à ce code INSEE")
    rep.add_argument("--won-only", action="store_true", help="Promesses des seules listes élues")
    rep.add_argument(
        "--demo",
        action="store_true",
        help="Rapport des programmes de démonstration (inventés) au lieu des programmes réels",
    )
    rep.add_argument(
        "--format",
        dest="fmt",
        choices=REPORT_FORMATS,
        help="Format : html, json ou csv (défaut : celui de l'extension de --out, sinon html)",
    )
    rep.add_argument(
        "--out",
        type=Path,
        required=True,
        help="Fichier à écrire ; « - » : sur la sortie standard",
    )


def _campaign_arguments(parser: Any) -> None:
    """The measurement campaigns `report` sets the promises beside."""
    parser.add_argument(
        "--campaign",
        metavar="CAMPAGNE",
        help="Campagne de mesure mise en regard des promesses (mesurée après l'élection, "
        "dans le mandat qu'elle ouvre) ; défaut : pour chaque commune, la plus récente",
    )
    parser.add_argument(
        "--campaign-before",
        metavar="CAMPAGNE",
        help="Campagne mesurée avant l'élection, point de départ du suivi des promesses ; "
        "défaut : pour chaque commune, la plus récente avant le premier tour",
    )
