import argparse
import secrets
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from django.utils import timezone

from barometre.accounts.roles import user_lookup
from barometre.assessments.campaigns import campaign_get
from barometre.assessments.services import (
    assessments_export,
    assessments_import,
    assessments_template,
)
from barometre.assessments.services.draw import SIZE_MAX, codings_draw, drawn_said
from barometre.assessments.services.reassign import Reassignment, codings_reassign
from barometre.assessments.tabular import limit_arguments, limits_given
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.core.files import is_stdout, written_to
from barometre.core.plural import counted
from barometre.referential.models import Campaign

IMPORT_HELP = """\
Importe des évaluations dans une campagne, tout ou rien : le fichier entier est vérifié
d'abord, et la moindre ligne fautive fait refuser l'import sans rien écrire (chaque erreur
est listée avec son numéro de ligne).

Formats (CSV en UTF-8, séparateur « , », « ; » ou tabulation, ou XLSX, première feuille) :
  forme longue  une ligne par cellule, colonnes
                commune_code,service_id,level,evidence_url,note
                (facultatives : commune_name, service_label, provider, source)
  forme large   une ligne par commune : commune_code puis une colonne par identifiant
                de service (barometre services list) contenant le niveau ; facultatives :
                <service>.evidence_url, <service>.note, et evidence_url / note pour
                toute la ligne. Une case vide n'importe rien.
« barometre assessments template » écrit la grille vide d'une campagne, dans l'une ou
l'autre forme.

Niveaux : 0 à 5 (jamais au-delà du niveau maximal du service), ou « na » (sans objet).
Preuve : à partir du niveau 1, evidence_url est obligatoire et doit être une adresse
http:// ou https:// (la page qui montre le service) ; au niveau 0 et pour « na » elle est
facultative. Chaque valeur importée est gardée dans l'historique, avec son auteur.
"""

_FORMS = {"long": "forme longue", "wide": "forme large"}  # the file's form, as IMPORT_HELP says


class Command(BarometreCommand):
    stdout_options = frozenset({"out"})
    help = "Importe ou exporte les évaluations d'une campagne ; tire le double codage aveugle."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True, title="actions", metavar="ACTION")
        _import_arguments(sub)
        exp = sub.add_parser("export", help="Exporter le niveau retenu de chaque cellule")
        exp.add_argument("--campaign", required=True, help="Campagne à exporter")
        exp.add_argument(
            "--out",
            type=Path,
            required=True,
            help="Fichier .csv ou .xlsx ; « - » : CSV sur la sortie standard",
        )
        exp.add_argument("--wide", action="store_true", help="Une ligne par commune")
        tpl = sub.add_parser(
            "template",
            help="Écrire la grille vide d'une campagne, à remplir puis importer",
            description="Écrit une ligne par commune et par service de la campagne (forme "
            "longue) ou une ligne par commune et une colonne par service (--wide), niveaux "
            "vides : remplissez-la puis importez-la avec « assessments import ». En forme "
            "longue, chaque ligne gardée doit recevoir un niveau (supprimez celles que vous ne "
            "remplissez pas) ; en forme large, une case laissée vide n'importe rien.",
        )
        tpl.add_argument("--campaign", required=True, help="Campagne dont écrire la grille")
        tpl.add_argument(
            "--out",
            type=Path,
            required=True,
            help="Fichier .csv ou .xlsx ; « - » : CSV sur la sortie standard",
        )
        tpl.add_argument("--wide", action="store_true", help="Une ligne par commune")
        _draw_arguments(sub)
        _reassign_arguments(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "codings-reassign":
            self._reassign(options)
            return
        if options["action"] == "codings-draw":
            self._draw(options)
            return
        campaign = campaign_get(options["campaign"])
        if options["action"] == "import":
            self._import(campaign, options)
        else:
            self._write(campaign, options)

    def _import(self, campaign: Campaign, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        author = options["author"].strip()
        if not author:
            raise BarometreError(
                "--author est vide : indiquez qui a produit ces évaluations (un nom, un "
                "sigle), il est gardé dans l'historique de chaque valeur ; rien n'a été "
                "importé."
            )
        limits = limits_given(options)
        with self._announced(path):
            summary = assessments_import(
                campaign=campaign,
                path=path,
                author=author,
                now=timezone.now(),
                force=options["force"],
                limits=limits,
            )
        again = " (fichier déjà importé, enregistré à nouveau)" if summary.again else ""
        self.stdout.write(
            f"Import ({_FORMS.get(summary.form, summary.form)}) : "
            f"{counted(summary.cells, 'cellule importée', 'cellules importées')} dont "
            f"{summary.not_applicable} sans objet, "
            f"{counted(summary.communes, 'commune', 'communes')}, "
            f"campagne « {campaign.name} »{again}."
        )

    def _announced(self, path: Path) -> AbstractContextManager[None]:
        """The import's step with the file's size; none for a missing file or a folder, which
        the import refuses at once (never « Import de absent.csv (0,0 Mo)… » before the error)."""
        if not path.is_file():
            return nullcontext()
        megabytes = f"{path.stat().st_size / 1e6:.1f}".replace(".", ",")
        return self.step(f"Import de {path.name} ({megabytes} Mo)")

    def _write(self, campaign: Campaign, options: dict[str, Any]) -> None:
        out: Path = options["out"]
        write = assessments_template if options["action"] == "template" else assessments_export
        # « --out - »: the CSV alone on the standard output, what is said on the error output
        told, where = (
            (self.stderr, "sur la sortie standard")
            if is_stdout(out)
            else (self.stdout, f"dans {out}")
        )
        with written_to(out, self.stdout._out, "evaluations.csv") as target:
            count = write(campaign=campaign, out=target, wide=options["wide"])
        if options["action"] == "template":
            communes = campaign.communes.count()
            told.write(
                f"Grille écrite {where} : "
                f"{counted(communes, 'commune', 'communes')}, "
                f"{counted(count, 'cellule à remplir', 'cellules à remplir')}."
            )
        else:
            told.write(f"{counted(count, 'cellule exportée', 'cellules exportées')} {where}.")

    def _draw(self, options: dict[str, Any]) -> None:
        campaign = campaign_get(options["campaign"])
        for option, least in (("size", 1), ("seed", 0)):
            if options[option] is not None and options[option] < least:
                raise BarometreError(
                    f"--{option} doit valoir au moins {least} (reçu {options[option]}) ; "
                    "rien n'a été tiré."
                )
        if options["size"] > SIZE_MAX:
            raise BarometreError(
                f"--size vaut au plus {SIZE_MAX} (reçu {options['size']}), comme sur le site : "
                "tirez en plusieurs fois (une cellule n'est jamais tirée deux fois) ; rien "
                "n'a été tiré."
            )
        # without --seed, one at random, said so that the draw can be retraced
        seed = options["seed"] if options["seed"] is not None else secrets.randbelow(10**6)
        drawn = codings_draw(campaign=campaign, size=options["size"], seed=seed, now=timezone.now())
        self.stdout.write(drawn_said(drawn, campaign=campaign.name, seed=seed))
        if drawn.cells < drawn.asked:
            self.stderr.write(
                "Attention : l'échantillon est plus petit que demandé (voir ci-dessus)."
            )

    def _reassign(self, options: dict[str, Any]) -> None:
        giver = user_lookup(username=options["from_user"])
        campaign = campaign_get(options["campaign"]) if options["campaign"] else None
        to_user = user_lookup(username=options["to_user"]) if options["to_user"] else None
        done = codings_reassign(from_user=giver, campaign=campaign, to_user=to_user)
        where = f" dans la campagne « {campaign.name} »" if campaign else ""
        if not done.moved and not done.stayed:
            self.stdout.write(
                f"« {giver.username} » n'a aucun codage sans réponse{where} : rien à réattribuer."
            )
            return
        self.stdout.write(_reassigned(giver.username, where, done))


def _reassigned(name: str, where: str, done: Reassignment) -> str:
    """What `codings-reassign` did, in French: what moved and to whom, what stayed and why."""
    lines = []
    if done.moved:
        to = ", ".join(
            f"{user} ({counted(n, 'codage', 'codages')})" for user, n in done.moved_to().items()
        )
        lines.append(
            f"{counted(len(done.moved), 'codage', 'codages')} sans réponse de « {name} »"
            f"{where} réattribué{'s' if len(done.moved) > 1 else ''} : {to}."
        )
    for reason, n in done.stayed_by_reason().items():
        lines.append(
            f"{counted(n, 'codage', 'codages')} sans réponse reste{'nt' if n > 1 else ''} à "
            f"« {name} »{where} : {reason}."
        )
    return "\n".join(lines)


def _draw_arguments(sub: Any) -> None:
    """The `codings-draw` subcommand and its options."""
    draw = sub.add_parser(
        "codings-draw",
        help="Tirer des cellules d'une campagne pour le double codage à l'aveugle",
        description="Tire au hasard des cellules de la campagne jamais tirées et donne chacune "
        "à deux auditeurs actifs qui ne l'ont pas revue (charges équilibrées), comme la page "
        "« Arbitrage » du site. Une cellule tirée que tous les auditeurs sauf un au plus ont "
        "déjà revue est écartée et remplacée par une autre, tirée au hasard avec la même "
        "graine, tant qu'il en reste ; la commande dit combien de cellules ont été "
        "demandées, attribuées, écartées et pourquoi.",
    )
    draw.add_argument("--campaign", required=True, help="Campagne dont tirer les cellules")
    draw.add_argument(
        "--size", type=int, required=True, metavar="N", help="Nombre de cellules à tirer"
    )
    draw.add_argument(
        "--seed",
        type=int,
        metavar="GRAINE",
        help="Graine du tirage (entier, 0 ou plus) : la même graine sur les mêmes cellules "
        "donne le même tirage ; sans --seed, une graine au hasard, affichée",
    )


def _reassign_arguments(sub: Any) -> None:
    """The `codings-reassign` subcommand and its options."""
    move = sub.add_parser(
        "codings-reassign",
        help="Donner à d'autres auditeurs les codages à l'aveugle sans réponse d'un compte",
        description="Donne les codages à l'aveugle qu'un compte n'a pas encore répondus (un "
        "compte désactivé, par exemple) à d'autres auditeurs actifs, chacun à celui qui a le "
        "moins de codages sans réponse, jamais à l'autre codeur de la cellule ; ou tous à "
        "celui que nomme --to. Les codages répondus ne bougent jamais.",
    )
    move.add_argument(
        "--from",
        dest="from_user",
        metavar="COMPTE",
        required=True,
        help="Compte dont les codages sont repris",
    )
    move.add_argument(
        "--campaign", help="Seulement les codages de cette campagne (défaut : toutes)"
    )
    move.add_argument(
        "--to",
        dest="to_user",
        metavar="COMPTE",
        help="Donner tous les codages à ce compte (actif, auditeur, qui ne code pas déjà la "
        "cellule) ; sans --to, ils sont répartis",
    )


def _import_arguments(sub: Any) -> None:
    """The `import` subcommand and its options."""
    imp = sub.add_parser(
        "import",
        help="Importer un fichier (tout ou rien)",
        description=IMPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imp.add_argument(
        "file", type=Path, help="Fichier .csv (UTF-8, « , », « ; » ou tabulation) ou .xlsx"
    )
    imp.add_argument("--campaign", required=True, help="Campagne qui reçoit les évaluations")
    imp.add_argument(
        "--author",
        default="import",
        help="Qui a produit ces évaluations (non vide ; gardé dans l'historique ; "
        "défaut : « import »)",
    )
    imp.add_argument(
        "--force",
        action="store_true",
        help="Enregistrer à nouveau un fichier déjà importé dans cette campagne",
    )
    limit_arguments(imp)
