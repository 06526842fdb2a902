import json
from datetime import datetime
from pathlib import Path
from typing import Any

from barometre.assessments.campaigns import campaign_get
from barometre.collection.services import evidence_get
from barometre.collection.services.reviewed import ReviewedExport, reviewed_pages
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.core.files import os_reason, output_check
from barometre.core.plural import counted
from barometre.core.typography import grouped
from barometre.detection.urls import decode_html
from barometre.outputs.labels import datetime_label


class Command(BarometreCommand):
    answer_actions = frozenset({"show"})
    help = "Affiche ou extrait une page archivée (preuve WARC) : en-têtes et contenu."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True, title="actions", metavar="ACTION")
        show = sub.add_parser("show", help="Afficher une preuve archivée")
        show.add_argument("--record", type=int, metavar="ID", help="Identifiant de la preuve")
        show.add_argument(
            "--url",
            default="",
            metavar="URL",
            help="URL de la page (la plus récente de la campagne)",
        )
        show.add_argument("--campaign", metavar="CAMPAGNE", help="Campagne (avec --url)")
        show.add_argument(
            "--extract",
            type=Path,
            metavar="FICHIER",
            help="Écrire le contenu (décompressé) dans ce fichier",
        )
        show.add_argument("--headers-only", action="store_true", help="N'afficher que les en-têtes")
        reviewed = sub.add_parser(
            "export-reviewed",
            help="Écrire les pages archivées des cellules décidées par des auditeurs, avec leurs "
            "niveaux et les propositions automatiques (JSONL, format des échantillons de "
            "validation)",
        )
        reviewed.add_argument("--campaign", metavar="CAMPAGNE", required=True, help="Campagne")
        reviewed.add_argument(
            "--out", type=Path, metavar="FICHIER", required=True, help="Fichier JSONL à écrire"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export-reviewed":
            self._export_reviewed(options["campaign"], options["out"])
            return
        campaign = None
        if options["campaign"]:
            campaign = campaign_get(options["campaign"])
        if options["record"] is not None and options["url"]:
            raise BarometreError("Indiquez --record ou --url, pas les deux.")
        if options["extract"]:
            output_check(options["extract"], what="le contenu")
        view = evidence_get(record_id=options["record"], url=options["url"], campaign=campaign)
        self._head(view)
        if options["extract"]:
            self._extract(view.response.body, options["extract"])
        elif not options["headers_only"]:
            self._body(view.response)

    def _head(self, view: Any) -> None:
        record, response = view.record, view.response
        check = (
            "conforme" if view.digest_ok else f"DIFFÉRENTE (calculée {response.computed_digest})"
        )
        self.stdout.write(
            f"Preuve n° {record.pk} — {record.url}\n"
            f"Archivée le {archived_on(response.fetched_at)}\n"
            f"Fichier {view.path} (octet {grouped(record.offset)}, "
            f"{counted(record.length, 'octet', 'octets')})\n"
            f"Empreinte {record.digest} : {check}\n"
        )
        if response.refers_to:  # a platform page fetched for another commune, not again
            self.stdout.write(
                f"Enregistrement « revisit » : page reprise, sans nouvelle requête, de la "
                f"réponse archivée en {response.refers_to} (même contenu).\n"
            )
        self.stdout.write(terminal_text(response.status_line))
        for name, value in response.headers:
            self.stdout.write(terminal_text(f"{name}: {value}"))

    def _extract(self, body: bytes, target: Path) -> None:
        try:
            target.write_bytes(body)
        except OSError as error:
            raise BarometreError(
                f"Impossible d'écrire le contenu « {target} » ({os_reason(error)})."
            ) from None
        self.stdout.write(
            f"\nContenu écrit dans {target} ({counted(len(body), 'octet', 'octets')})."
        )

    def _body(self, response: Any) -> None:
        self.stdout.write("")
        text = body_text(response.body, response.content_type)
        if text is None:
            self.stdout.write(
                f"[contenu binaire ({response.content_type or 'type inconnu'}, "
                f"{counted(len(response.body), 'octet', 'octets')}) : "
                "--extract FICHIER pour l'écrire]"
            )
        else:
            self.stdout.write(terminal_text(text))
        if response.truncated:
            self.stdout.write("\n[… contenu tronqué]")

    def _export_reviewed(self, name: str, out: Path) -> None:
        campaign = campaign_get(name)
        report = ReviewedExport()
        partial = out.with_name(out.name + ".partiel")
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("w", encoding="utf-8") as handle:
                for record in reviewed_pages(campaign=campaign, report=report):
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            partial.replace(out)
        except OSError as error:
            partial.unlink(missing_ok=True)
            reason = "c'est un dossier" if out.is_dir() else os_reason(error)
            raise BarometreError(f"Écriture impossible : {out} ({reason}).") from None
        pages = counted(report.pages, "page archivée", "pages archivées")
        cells = counted(report.cells, "cellule décidée", "cellules décidées")
        left = counted(report.without_page, "cellule décidée", "cellules décidées")
        moot = counted(report.not_applicable, "cellule décidée", "cellules décidées")
        self.stdout.write(
            f"Écrit dans {out} : {pages} ({cells}). Laissé de côté faute de page archivée "
            f"(un niveau 0 « cherché, non trouvé », une adresse hors de l'exploration) : {left} ; "
            f"faute de niveau (« sans objet ») : {moot}."
        )
        for problem in report.unreadable:
            self.warn(f"Preuve illisible, laissée de côté : {problem}")


_TEXTUAL = ("html", "xml", "json", "javascript", "ecmascript", "csv")


def terminal_text(text: str) -> str:
    """Archived text as the terminal may show it: the site wrote it, so its control characters
    (ESC, which starts a terminal command that can set the window's title or the clipboard; a
    lone carriage return, which writes over a line; C1 controls) are shown as escapes such
    as \\x1b, never sent. Line breaks and tabs stay."""
    text = text.replace("\r\n", "\n")
    return "".join(
        f"\\x{ord(c):02x}" if (ord(c) < 32 and c not in "\n\t") or 127 <= ord(c) < 160 else c
        for c in text
    )


def body_text(body: bytes, content_type: str) -> str | None:
    """The body as text, decoded as a browser would (HTTP charset, byte-order mark, then
    `<meta charset>`, then a guess); None for a binary body (PDF, image, archive…)."""
    kind = content_type.split(";", 1)[0].strip().lower()
    textual = kind.startswith("text/") or any(word in kind for word in _TEXTUAL)
    if not textual and (kind or b"\x00" in body[:1024]):
        return None
    return decode_html(body, content_type or None)


def archived_on(warc_date: str) -> str:
    """The fetch date in words, Paris time, with the WARC-Date as archived (to the second)."""
    try:
        moment = datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
    except ValueError:
        return warc_date
    if moment.tzinfo is None:
        return warc_date
    return f"{datetime_label(moment)} ; WARC-Date {warc_date}"
