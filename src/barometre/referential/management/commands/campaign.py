"""`barometre campaign`: create, list, show and delete measurement campaigns."""

from __future__ import annotations

import shlex
import sys
from functools import partial
from pathlib import Path
from typing import Any

from barometre.core.comma_lists import CommaList
from barometre.core.command import BarometreCommand, loud
from barometre.core.errors import BarometreError
from barometre.core.plural import counted
from barometre.referential.selectors import SPEC_HELP, selection_public


class Command(BarometreCommand):
    comma_lists = (CommaList("--communes", "75056,69123,13055", name_after=True),)
    help = "Crée, liste, décrit ou supprime les campagnes de mesure."
    answer_actions = frozenset({"list", "show"})

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True, title="actions", metavar="ACTION")
        create = sub.add_parser("create", help="Créer une campagne")
        create.add_argument("name", help="Nom de la campagne, par exemple 2026")
        create.add_argument("--communes", required=True, help=f"Communes : {SPEC_HELP}")
        create.add_argument("--catalogue", type=Path, help="Fichier YAML de catalogue à utiliser")
        create.add_argument(
            "--measured-on",
            metavar="AAAA-MM-JJ",
            help="Date de la mesure (par défaut aujourd'hui) ; pour une étude passée importée "
            "plus tard, le jour où elle a été menée. Elle situe la campagne avant ou après une "
            "élection et choisit la campagne précédente des comparaisons",
        )
        date = sub.add_parser(
            "set-date",
            help="Dater la mesure d'une campagne existante",
            description="Change la date de la mesure d'une campagne (AAAA-MM-JJ), par exemple "
            "pour une étude passée importée plus tard.",
        )
        date.add_argument("name", help="Nom de la campagne")
        date.add_argument("measured_on", metavar="AAAA-MM-JJ", help="Date de la mesure")
        sub.add_parser("list", help="Lister les campagnes avec leur couverture")
        show = sub.add_parser("show", help="Décrire une campagne : catalogue, communes, couverture")
        show.add_argument("name", help="Nom de la campagne")
        delete = sub.add_parser(
            "delete",
            help="Supprimer une campagne et tout ce qui a été enregistré pour elle",
            description="Supprime la campagne, ses évaluations, ses cellules et ses preuves "
            "archivées en base (les communes, les catalogues et les fichiers WARC restent). "
            "Demande de taper le nom de la campagne pour confirmer, sauf avec --yes.",
        )
        delete.add_argument("name", help="Nom de la campagne")
        delete.add_argument("--yes", action="store_true", help="Supprimer sans demander")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action'].replace('-', '_')}")(options)

    def _create(self, options: dict[str, Any]) -> None:
        from barometre.referential.services import campaign_create, measured_on_parse

        raw = options.get("measured_on")
        campaign = campaign_create(
            name=options["name"],
            spec=options["communes"],
            catalogue_path=options["catalogue"],
            measured_on=measured_on_parse(raw) if raw else None,
        )
        services = campaign.catalogue.services.count()
        self.stdout.write(
            f"Campagne « {campaign.name} » créée : "
            f"{counted(campaign.communes.count(), 'commune', 'communes')}, "
            f"catalogue {campaign.catalogue.version} "
            f"({counted(services, 'service', 'services')})."
        )

    def _set_date(self, options: dict[str, Any]) -> None:
        from barometre.outputs.labels import date_label
        from barometre.referential.services import campaign_date_set, measured_on_parse

        campaign = campaign_date_set(
            name=options["name"], measured_on=measured_on_parse(options["measured_on"])
        )
        self.stdout.write(
            f"Campagne « {campaign.name} » : mesure datée du {date_label(campaign.measured_on)}."
        )

    def _list(self, options: dict[str, Any]) -> None:
        from barometre.assessments.campaigns import campaign_overviews
        from barometre.outputs.labels import percent

        overviews = campaign_overviews()
        if not overviews:
            self.stdout.write(
                "Aucune campagne. « barometre campaign create NOM --communes … » en crée une."
            )
            return
        rows = [("campagne", "communes", "catalogue", "cellules mesurées", "couverture", "données")]
        rows += [
            (
                o.name,
                str(o.communes),
                o.catalogue_version,
                f"{o.measured_cells}/{o.cells}",
                percent(o.coverage),
                "démonstration" if o.is_demo else "réelles",
            )
            for o in overviews
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for row in rows:
            self.stdout.write(
                "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
            )

    def _show(self, options: dict[str, Any]) -> None:
        from barometre.assessments.campaigns import campaign_get, campaign_overview
        from barometre.outputs.labels import date_label, datetime_label, percent

        campaign = campaign_get(options["name"])
        o = campaign_overview(campaign)
        # a file of codes, named as typed (« codes.txt », relative to where the command ran):
        # its codes, as the methodology page and the API give them, which --communes reads
        selection = selection_public(
            o.spec, lambda: campaign.communes.values_list("code", flat=True)
        )
        sources = o.cells_by_source
        self.stdout.write(f"Campagne « {o.name} »{' (démonstration)' if o.is_demo else ''}")
        for label, value in (
            ("mesurée le", date_label(o.measured_on)),
            ("créée le", datetime_label(o.created_at)),
            ("communes", f"{o.communes} (sélection : {selection or '—'})"),
            (
                "catalogue",
                f"{o.catalogue_version} — {o.catalogue_name} "
                f"({counted(o.services, 'service', 'services')})",
            ),
            (
                "couverture",
                f"{counted(o.measured_cells, 'cellule mesurée', 'cellules mesurées')} "
                f"sur {o.cells} ({percent(o.coverage)}), dans "
                f"{counted(o.measured_communes, 'commune', 'communes')} sur {o.communes}",
            ),
            ("sans objet", counted(o.not_applicable_cells, "cellule", "cellules")),
            (
                "origine",
                f"{counted(sources.get('auto', 0), 'automatique', 'automatiques')}, "
                f"{counted(sources.get('human', 0), 'revue', 'revues')}, "
                f"{counted(sources.get('import', 0), 'importée', 'importées')}",
            ),
            ("évaluations", f"{o.assessments} (historique compris)"),
        ):
            self.stdout.write(f"  {label} : {value}")
        if audits := _audits_line(o.name):
            self.stdout.write(f"  audit des sites : {audits}")

    def _delete(self, options: dict[str, Any]) -> None:
        from barometre.assessments.campaigns import campaign_counts, campaign_get
        from barometre.assessments.services.campaigns import campaign_delete

        campaign = campaign_get(options["name"])
        n = campaign_counts(campaign)
        # asked to confirm: what is deleted and the question are shown even at -v 0
        say = self.stdout.write if options["yes"] else partial(loud, self.stdout)
        say(
            f"La campagne « {campaign.name} » "
            f"({counted(n['communes'], 'commune', 'communes')}) sera supprimée avec "
            f"{counted(n['assessments'], 'évaluation', 'évaluations')}, "
            f"{counted(n['cells'], 'cellule', 'cellules')}, "
            f"{counted(n['evidence'], 'preuve archivée', 'preuves archivées')} et "
            f"{counted(n['site_audits'], 'audit de site', 'audits de site')}."
        )
        if not options["yes"]:
            say("Tapez le nom de la campagne pour confirmer : ", ending="")
            self.stdout.flush()
            if sys.stdin.readline().strip() != campaign.name:
                raise BarometreError(
                    "Suppression annulée : le nom tapé ne correspond pas "
                    "(--yes supprime sans demander)."
                )
        campaign_delete(name=campaign.name)
        self.stdout.write(f"Campagne « {campaign.name} » supprimée.")


def _audits_line(name: str) -> str:
    """What `barometre audit` left for the campaign: sites audited, failed, without a website;
    "" when it never ran. A coverage of 0 % then says why (every site failed) and what to do."""
    from django.db.models import Count

    from barometre.collection.models import SiteAudit

    counts = dict(
        SiteAudit.objects.filter(campaign__name=name)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    if not counts:
        return ""
    failed = counts.get(SiteAudit.Status.FAILED, 0)
    line = (
        f"{counted(counts.get(SiteAudit.Status.DONE, 0), 'site audité', 'sites audités')}, "
        f"{failed} en échec, {counts.get(SiteAudit.Status.NO_WEBSITE, 0)} sans site connu"
    )
    if failed:
        line += (
            f" (« barometre audit --campaign {shlex.quote(name)} --retry-failed » pour réessayer)"
        )
    return line
