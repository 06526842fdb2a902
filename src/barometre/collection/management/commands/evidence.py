from pathlib import Path
from typing import Any

from barometre.collection.crawler.links import header_charset
from barometre.collection.services import evidence_get
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign


class Command(BarometreCommand):
    help = "Affiche ou extrait une page archivée (preuve WARC) : en-têtes et contenu."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="Afficher une preuve archivée.")
        show.add_argument("--record", type=int, metavar="ID", help="Identifiant de la preuve.")
        show.add_argument(
            "--url",
            default="",
            metavar="URL",
            help="URL de la page (la plus récente de la campagne).",
        )
        show.add_argument("--campaign", metavar="NOM", help="Campagne (avec --url).")
        show.add_argument(
            "--extract",
            type=Path,
            metavar="FICHIER",
            help="Écrire le contenu (décompressé) dans ce fichier.",
        )
        show.add_argument(
            "--headers-only", action="store_true", help="N'afficher que les en-têtes."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = None
        if options["campaign"]:
            campaign = Campaign.objects.filter(name=options["campaign"]).first()
            if campaign is None:
                raise BarometreError(f"Campagne inconnue : « {options['campaign']} ».")
        view = evidence_get(record_id=options["record"], url=options["url"], campaign=campaign)
        record, response = view.record, view.response
        check = (
            "conforme" if view.digest_ok else f"DIFFÉRENTE (calculée {response.computed_digest})"
        )
        self.stdout.write(
            f"Preuve n° {record.pk} — {record.url}\n"
            f"Archivée le {response.fetched_at} dans {view.path} (octet {record.offset}, "
            f"{record.length} octets)\nEmpreinte {record.digest} : {check}\n"
        )
        self.stdout.write(response.status_line)
        for name, value in response.headers:
            self.stdout.write(f"{name}: {value}")
        if options["extract"]:
            options["extract"].write_bytes(response.body)
            self.stdout.write(
                f"\nContenu écrit dans {options['extract']} ({len(response.body)} octets)."
            )
        elif not options["headers_only"]:
            self.stdout.write("")
            self.stdout.write(
                response.body.decode(
                    header_charset(response.content_type) or "utf-8", errors="replace"
                )
            )
            if response.truncated:
                self.stdout.write("\n[… contenu tronqué]")
