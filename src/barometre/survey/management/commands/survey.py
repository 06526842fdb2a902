"""`barometre survey`: the internal maturity survey (questionnaire, campaigns, answers, reports)."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from barometre.assessments.tabular import limit_arguments, limits_given
from barometre.core.comma_lists import CommaList
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.core.files import output_format
from barometre.core.plural import counted
from barometre.referential.codes import commune_code_normalise
from barometre.referential.selectors import commune_name_hint
from barometre.survey import services
from barometre.survey.services.links import (
    SITE_DEFAULT,
    coordination_link,
    shared_link,
    site_base,
)
from barometre.survey.services.reports import (
    SURVEY_FORMATS,
    nothing_published,
    survey_report_file,
    survey_results_export,
)

# `--collectivites` takes one argument, the codes separated by commas, as `--communes` of `audit`
# and `campaign create` do (core.comma_lists)
SEVERAL_CODES = CommaList("--collectivites", "69123,69266,200046977", name_after=True)


def _named_for_code(given: str | None) -> None:
    """A commune's name given to --collectivite (`--collectivite Lyon`) is answered with its
    INSEE code (it said that "LYON" was not in the campaign)."""
    if given and (hint := commune_name_hint(given, option="--collectivite")):
        raise BarometreError(f"{hint}.")


def _base_url_argument(parser: CommandParser, which: str) -> None:
    parser.add_argument(
        "--base-url",
        default=SITE_DEFAULT,
        metavar="ADRESSE",
        help=f"Adresse du site, au début {which} (défaut : {SITE_DEFAULT})",
    )


class Command(BarometreCommand):
    comma_lists = (SEVERAL_CODES,)
    help = "Enquête de maturité interne : questionnaire, campagnes, jetons, réponses, rapports."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, title="actions", metavar="ACTION")
        q = sub.add_parser("questionnaire", help="Charger une version du questionnaire")
        q.add_argument(
            "verb", choices=["load"], metavar="ACTION", help="Action : load (charger le fichier)"
        )
        q.add_argument("file", type=Path, help="Fichier YAML du questionnaire")
        c = sub.add_parser("campaign", help="Créer, ouvrir ou clore une campagne d'enquête")
        c.add_argument(
            "verb",
            choices=["create", "open", "close"],
            metavar="ACTION",
            help="Action : create (créer), open (ouvrir aux réponses) ou close (clore)",
        )
        c.add_argument("name", help="Nom de la campagne, par exemple lyon-2026")
        c.add_argument(
            "--collectivites",
            help="Codes INSEE de communes ou SIREN d'EPCI, séparés par des virgules sans espace "
            f"(create)\u00a0: {SEVERAL_CODES.option} {SEVERAL_CODES.example}",
        )
        c.add_argument("--questionnaire", help="Version du questionnaire (défaut : 2026.1)")
        _base_url_argument(c, "des liens affichés (create, open)")
        t = sub.add_parser("tokens", help="Créer N liens à usage unique (fichier CSV)")
        t.add_argument("--campaign", required=True, help="Campagne d'enquête")
        t.add_argument("--count", type=int, required=True, help="Nombre de liens à créer")
        t.add_argument("--out", type=Path, required=True, help="Fichier CSV des jetons")
        t.add_argument("--collectivite", help="Lier les jetons à une collectivité de la campagne")
        _base_url_argument(t, "des liens écrits")
        _import_arguments(sub)
        _report_arguments(sub)
        _opendata_arguments(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, "_" + options["action"].replace("-", "_"))(options)

    def _questionnaire(self, options: dict[str, Any]) -> None:
        stored = services.questionnaire_load(path=options["file"])
        spec = services.questionnaire_spec(stored)
        self.stdout.write(
            f"Questionnaire {spec.version} chargé : {len(spec.axes)} axes, "
            f"{len(spec.statements)} affirmations, {len(spec.roles)} rôles."
        )

    def _campaign(self, options: dict[str, Any]) -> None:
        name, verb = options["name"], options["verb"]
        if verb == "create":
            if not options["collectivites"]:
                raise BarometreError("Indiquez --collectivites (codes INSEE ou SIREN).")
            base = site_base(options["base_url"], nothing_done="aucune campagne n'a été créée")
            key = secrets.token_urlsafe(24)
            campaign = services.survey_campaign_create(
                name=name,
                collectivites=options["collectivites"].split(","),
                questionnaire=options["questionnaire"],
                today=timezone.localdate(),
                coordinator_key=key,
            )
            units = counted(campaign.units.count(), "collectivité", "collectivités")
            self.stdout.write(
                f"Campagne d'enquête « {name} » créée ({units}, "
                f"questionnaire {campaign.questionnaire.version}) ; ouvrez-la avec "
                f"« barometre survey campaign open {name} »."
            )
            self.shown_once(
                f"Page de coordination (ouvrir, clore, liens à usage unique ; gardez-la secrète, "
                f"elle n'est affichée qu'une fois) : {coordination_link(base, key)}"
            )
        elif verb == "open":
            base = site_base(options["base_url"], nothing_done="la campagne n'a pas été ouverte")
            campaign = services.survey_campaign_open(name=name)
            link = shared_link(base, campaign.shared_key)
            self.stdout.write(f"Campagne « {name} » ouverte. Lien partagé : {link}")
        else:
            # closing a closed campaign changes nothing: said so, not as if it had just closed
            already = services.survey_campaign_get(name=name).status == "closed"
            services.survey_campaign_close(name=name)
            done = "était déjà close, rien n'a changé" if already else "close"
            self.stdout.write(f"Campagne « {name} » {done} : elle n'accepte plus de réponse.")

    def _tokens(self, options: dict[str, Any]) -> None:
        _named_for_code(options["collectivite"])
        campaign = services.survey_campaign_get(name=options["campaign"])
        out: Path = options["out"]
        tokens = services.survey_tokens_write(
            campaign=campaign,
            count=options["count"],
            out=out,
            base_url=options["base_url"],
            unit=options["collectivite"],
        )
        links = counted(len(tokens), "lien à usage unique écrit", "liens à usage unique écrits")
        self.stdout.write(
            f"{links} dans {out} "
            "(seule leur empreinte est conservée : gardez ce fichier en lieu sûr)."
        )

    def _import_answers(self, options: dict[str, Any]) -> None:
        campaign = services.survey_campaign_get(name=options["campaign"])
        summary = services.survey_answers_import(
            campaign=campaign,
            path=options["file"],
            today=timezone.localdate(),
            limits=limits_given(options),
        )
        imported = counted(summary.respondents, "répondant importé", "répondants importés")
        self.stdout.write(f"{imported} dans « {summary.campaign} ».")
        if summary.ignored:
            named = ", ".join(
                f"{c} (adresse IP)" if c.lower() == "ipaddr" else c for c in summary.ignored
            )
            self.stdout.write(
                "Colonnes de l'outil de questionnaire ignorées, sans rien en enregistrer : "
                f"{named}."
            )
        if summary.tool_ids:
            low, high = summary.tool_ids
            self.stdout.write(
                f"Réponses importées : identifiants (id) {low} à {high} de l'outil. Au prochain "
                f"import, n'exportez que les réponses terminées d'identifiant supérieur à {high} : "
                "un export complet compterait ces répondants une seconde fois."
            )
        if summary.unfinished:
            self.stdout.write(
                "Réponses non terminées dans l'outil (submitdate vide), ignorées et non "
                f"comptées comme répondants, {_lines_named(summary.unfinished)}."
            )
        if summary.skipped:
            self.stdout.write(
                "Lignes sans aucune réponse notée (« nsp » partout), ignorées et non comptées "
                f"comme répondants : {_line_numbers(summary.skipped)}."
            )

    def _report(self, options: dict[str, Any]) -> None:
        _named_for_code(options["collectivite"])
        path, report = survey_report_file(
            campaign=options["campaign"],
            fmt=output_format(options["out"], options["format"], SURVEY_FORMATS, "html"),
            out=options["out"],
            today=timezone.localdate(),
            provisional=options["provisoire"],
            code=commune_code_normalise(options["collectivite"] or ""),
        )
        self.stdout.write(f"Rapport écrit : {path}")
        if notice := nothing_published(report):
            self.stdout.write(notice)

    def _opendata(self, options: dict[str, Any]) -> None:
        paths = survey_results_export(
            campaign=options["campaign"],
            out=options["out"],
            today=timezone.localdate(),
            now=timezone.now(),
        )
        for path in paths:
            self.stdout.write(f"Écrit\u00a0: {path.resolve()}")


def _import_arguments(sub: Any) -> None:
    """The `import-answers` action: what file it reads, and what of it."""
    i = sub.add_parser(
        "import-answers",
        help="Importer des réponses d'un fichier CSV ou XLSX, une ligne par répondant "
        "(tout ou rien)",
    )
    i.add_argument(
        "file",
        type=Path,
        help="Fichier CSV (UTF-8) ou XLSX des réponses : une colonne role, une par "
        "affirmation (son identifiant), collectivite si la campagne en a plusieurs ; "
        "valeurs 0 à 4 ou nsp ; les colonnes d'un outil de questionnaire (id, submitdate, "
        "ipaddr…) sont ignorées",
    )
    i.add_argument("--campaign", required=True, help="Campagne d'enquête")
    limit_arguments(i)


def _opendata_arguments(sub: Any) -> None:
    """The `opendata` action: a closed campaign's results package, as the web serves it."""
    o = sub.add_parser(
        "opendata",
        help="Écrire dans un dossier les données ouvertes d'une campagne close, les fichiers "
        "que sert /donnees/enquete/<campagne>/ (CSV, XLSX, Parquet, datapackage.json, zip)",
    )
    o.add_argument("--campaign", required=True, help="Campagne d'enquête (close)")
    o.add_argument("--out", type=Path, required=True, metavar="DOSSIER", help="Dossier à écrire")


def _report_arguments(sub: Any) -> None:
    """The `report` action and its options."""
    r = sub.add_parser("report", help="Écrire le rapport d'une campagne (HTML, JSON, CSV ou PDF)")
    r.add_argument("--campaign", required=True, help="Campagne d'enquête")
    r.add_argument(
        "--format",
        choices=SURVEY_FORMATS,
        help="Format : html, json, csv (résultats agrégés, pour tableur) ou pdf (défaut : "
        "celui de l'extension de --out, sinon html)",
    )
    r.add_argument("--out", type=Path, required=True, help="Fichier ou dossier de sortie")
    r.add_argument(
        "--collectivite",
        metavar="CODE",
        help="Rapport d'une seule collectivité de la campagne (code INSEE ou SIREN ; html ou "
        "pdf) : ses scores comparés à sa tranche et à l'ensemble des répondants, pour son conseil",
    )
    r.add_argument(
        "--provisoire",
        action="store_true",
        help="Campagne encore ouverte : rapport provisoire, à usage interne (marqué ainsi)",
    )


def _lines_named(lines: tuple[int, ...]) -> str:
    """Say "ligne 5" or "lignes 5, 7": the numbers alone read as a count of responses."""
    return f"ligne {lines[0]}" if len(lines) == 1 else f"lignes {_line_numbers(lines)}"


def _line_numbers(lines: tuple[int, ...]) -> str:
    """Line numbers as the import's summary lists them: the first 20, then an ellipsis."""
    return ", ".join(str(n) for n in lines[:20]) + (" …" if len(lines) > 20 else "")
