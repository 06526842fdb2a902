"""Whether a machine's WARC folder is the run's shared one (docs/crawler.md, "Distributed mode").

Every worker of a distributed run writes its archives under its own `BAROMETRE_WARC_ROOT`, and
its evidence records name them relative to it: a worker whose folder is not the shared one (the
network mount missing, the variable unset) stored cells whose archives no other machine, nor the
web server, can read, and nobody knew. Paths cannot be compared (each machine may mount the
share elsewhere), so the coordinator leaves a marker for the run in its WARC folder — a file
named by the run's id — and records it on the board; a worker takes no site unless it finds
that marker in its own WARC folder, and a launch continuing the run unless it finds it in its.
`audit status` says which archives that stored cells refer to are missing from this machine's
folder (`missing_archives`).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db.models import Count

from barometre.assessments.models import Cell
from barometre.core.errors import BarometreError
from barometre.core.files import os_reason
from barometre.core.plural import counted
from barometre.referential.models import Campaign

MARKER_PREFIX = ".barometre-passage-"  # a dot: never taken for a campaign's folder


def marker_name(run: str) -> str:
    """ ".barometre-passage-3f2a…": the run's marker, in the WARC folder's top."""
    return f"{MARKER_PREFIX}{run}"


def own_root() -> Path:
    return Path(settings.WARC_ROOT)


def root_source() -> str:
    """Where this machine's WARC folder comes from, as a message names it: the variable, or
    its default when the variable is unset (the likeliest cause of a folder not shared)."""
    given = os.environ.get("BAROMETRE_WARC_ROOT", "").strip()  # empty counts as unset
    if given or own_root() != Path(settings.HOME) / "warc":
        return "BAROMETRE_WARC_ROOT"
    return "dossier par défaut : BAROMETRE_WARC_ROOT n'est pas défini"


def marker_present(marker: str) -> bool:
    """Whether this machine's WARC folder holds the run's marker."""
    return (own_root() / marker).is_file()


def run_warc_meta(campaign: str, run: str, meta: dict[str, str]) -> dict[str, str]:
    """What a launch records on the board about the run's WARC folder (`meta`: the board's).
    A new run's marker is written in this machine's folder; a run continued must already have
    its marker there, else the launch is refused before anything is written."""
    if meta.get("run") == run and meta.get("warc_marker"):
        if not marker_present(meta["warc_marker"]):
            raise BarometreError(_launch_refused(campaign, meta))
        return {}
    root = own_root()
    name = marker_name(run)
    try:
        root.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(
            f"barometre : passage {run} de la campagne « {campaign} », mis en file depuis "
            f"{socket.gethostname()} le {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.\n",
            encoding="utf-8",
        )
    except OSError as error:
        raise BarometreError(
            f"Dossier des archives WARC « {root} » (BAROMETRE_WARC_ROOT) inutilisable : "
            f"{os_reason(error)} ({error.filename}). Le coordinateur y laisse un marqueur du "
            "passage, que chaque robot doit trouver dans le sien : montez le dossier partagé, "
            "avec le droit d'y écrire, puis relancez ; rien n'a été mis en file."
        ) from None
    return {"warc_marker": name, "warc_root": str(root), "warc_host": socket.gethostname()}


def _launch_refused(campaign: str, meta: dict[str, str]) -> str:
    root, marker = own_root(), meta["warc_marker"]
    return (
        f"Le dossier des archives WARC de cette machine (« {root} », {root_source()}) "
        f"n'est pas celui du passage en cours de « {campaign} » : le marqueur « {marker} » que "
        f"son lancement a laissé dans « {meta.get('warc_root', '?')} » (sur "
        f"{meta.get('warc_host', '?')}) n'y est pas. Montez ici le dossier partagé et donnez "
        "son chemin à BAROMETRE_WARC_ROOT ; si c'est bien lui et que le marqueur a été effacé, "
        f"recréez-le (« touch {root / marker} »). Rien n'a été mis en file."
    )


def warc_root_refused(campaign: str, meta: dict[str, str]) -> BarometreError | None:
    """A worker whose WARC folder lacks the run's marker: its archives would land where the
    other machines and the web server cannot read them (None when the marker is there, or the
    run recorded none)."""
    marker = meta.get("warc_marker", "")
    if not marker or marker_present(marker):
        return None
    root = own_root()
    return BarometreError(
        f"Le dossier des archives WARC de ce robot (« {root} », {root_source()}) n'est pas "
        f"le dossier partagé du passage en cours de « {campaign} » : le coordinateur a laissé "
        f"le marqueur « {marker} » dans le sien (« {meta.get('warc_root', '?')} » sur "
        f"{meta.get('warc_host', '?')}), et il n'est pas ici. Les archives de ce robot seraient "
        "illisibles pour les autres machines et le serveur web, et les preuves de chaque site "
        "audité avec. Montez le dossier partagé sur cette machine et donnez son chemin à "
        "BAROMETRE_WARC_ROOT, puis relancez ce robot ; rien n'a été audité : la file est "
        "intacte."
    )


def warc_root_lost(campaign: str, marker: str, done: int) -> str:
    """What a worker says when the run's marker left its WARC folder while it ran."""
    stored = f"ce qu'il a audité avant ({counted(done, 'site', 'sites')}) reste enregistré"
    return (
        f"Le marqueur « {marker} » du passage de « {campaign} » a disparu du dossier "
        f"des archives WARC de ce robot (« {own_root()} », BAROMETRE_WARC_ROOT) pendant "
        "qu'il travaillait : dossier partagé démonté, ou marqueur effacé. Ce robot n'a pris "
        "aucun autre site (ils restent en file pour les autres robots) et s'arrête ; "
        f"{stored}. Remontez le dossier partagé (ou, si c'est bien lui, recréez le "
        f"marqueur : « touch {own_root() / marker} »), puis relancez ce robot."
    )


@dataclass(frozen=True, slots=True)
class MissingArchives:
    """The WARC files that stored cells of a campaign refer to and that this machine's WARC
    folder lacks: their evidence cannot be opened from here."""

    root: str
    files: int
    cells: int
    communes: int
    example: str


def missing_archives(campaign: Campaign) -> MissingArchives | None:
    """None when every archive the campaign's cells refer to is in this machine's folder (the
    evidence page reads them as `web/evidence.py` does: a file under the WARC folder)."""
    root = own_root().resolve()
    rows = (
        Cell.objects.filter(campaign=campaign, assessment__evidence_record__isnull=False)
        .values("assessment__evidence_record__warc_file")
        .annotate(cells=Count("id"))
    )
    missing = [row for row in rows if not _readable(root, row[_FILE])]
    if not missing:
        return None
    communes = Cell.objects.filter(
        campaign=campaign,
        assessment__evidence_record__warc_file__in=[row[_FILE] for row in missing],
    ).aggregate(count=Count("commune", distinct=True))["count"]
    return MissingArchives(
        root=str(root),
        files=len(missing),
        cells=sum(row["cells"] for row in missing),
        communes=communes,
        example=min(row[_FILE] for row in missing),
    )


_FILE = "assessment__evidence_record__warc_file"


def _readable(root: Path, warc_file: str) -> bool:
    path = (root / warc_file).resolve()
    return path.is_relative_to(root) and path.is_file()
