"""A worker whose WARC folder is not the run's shared one, on the real PostgreSQL and Redis of
this machine: a machine whose shared mount is missing (or whose BAROMETRE_WARC_ROOT is unset)
wrote its archives in a folder of its own, and the evidence of every cell it audited was
unreadable elsewhere, without a word. It now takes no site; a launch from such a machine is
refused; `audit status` names the archives that stored cells refer to and that are missing."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.assessments.models import Cell
from barometre.collection.models import SiteAudit
from barometre.collection.services.distributed import campaign_enqueue
from barometre.collection.services.warc_marker import marker_name
from barometre.core.errors import BarometreError
from tests.collection.distributed_helpers import (
    REDIS_URL,
    UNSET,
    all_done,
    fast,
    finish,
    outputs,
    slow_campaign,
    start_worker,
    statuses,
    wait_for_a_running_site,
)
from tests.collection.site_server import SiteServer

pytestmark = pytest.mark.django_db(transaction=True)


def flat(text: str) -> str:
    """A message with its line breaks as spaces (its no-break spaces kept)."""
    return re.sub(r"[ \n]+", " ", text)


def test_a_worker_whose_warc_folder_is_not_the_shared_one_takes_no_site(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path, tmp_path: Path
) -> None:
    """It audited every site it took, its archives in its local folder: the evidence of each
    cell it stored could not be opened by the web server nor any other machine."""
    campaign, communes, board = slow_campaign(server, namespace, "montage", "0970", 2, delay=0)
    run = board.run()
    before = board.meta()
    local = tmp_path / "local-warc"  # the shared mount missing: a folder of this machine
    worker = start_worker(campaign.name, namespace, local)
    _out, err = outputs(worker, 60)
    assert worker.returncode == 1, err
    said = flat(err)
    assert (
        f"Le dossier des archives WARC de ce robot (« {local} », BAROMETRE_WARC_ROOT) n'est pas "
        "le dossier partagé du passage en cours de « montage » : le coordinateur a laissé le "
        f"marqueur « {marker_name(run)} » dans le sien (« {warc_root} » sur "
    ).replace(" :", "\u00a0:").replace("« ", "«\u00a0").replace(" »", "\u00a0»") in said, err
    assert "rien n'a été audité\u00a0: la file est intacte." in said, err
    assert board.meta() == before and board.pending() == {c.code for c in communes}
    assert board.queued_messages() == 2 and not SiteAudit.objects.exists()
    assert not local.exists() or not any(local.rglob("*.warc.gz"))
    assert (warc_root / marker_name(run)).is_file()  # left by the coordinator
    # the variable unset: the default folder, and the message says why it is that one
    home = tmp_path / "home"
    unset = {"BAROMETRE_WARC_ROOT": UNSET, "BAROMETRE_HOME": str(home)}
    worker = start_worker(campaign.name, namespace, local, env=unset)
    _out, err = outputs(worker, 60)
    assert worker.returncode == 1, err
    assert (
        f"Le dossier des archives WARC de ce robot («\u00a0{home / 'warc'}\u00a0», dossier par "
        "défaut\u00a0: BAROMETRE_WARC_ROOT n'est pas défini) n'est pas le dossier partagé"
    ) in flat(err), err
    assert board.meta() == before and board.queued_messages() == 2
    # the same worker on the shared folder audits them all
    finish(start_worker(campaign.name, namespace, warc_root))
    assert statuses(campaign) == all_done(communes)


def test_a_worker_whose_shared_folder_goes_away_takes_no_other_site_and_stops(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """The share unmounted while a worker ran: the archives of every site it took afterwards
    went to the local folder beneath the mount point. It finishes the site it holds, takes no
    other (they stay queued) and stops, saying why."""
    campaign, communes, board = slow_campaign(server, namespace, "demonte", "0973", 3, delay=0.3)
    worker = start_worker(campaign.name, namespace, warc_root, "--window", "1")
    wait_for_a_running_site(board)
    marker = warc_root / marker_name(board.run())
    marker.unlink()  # what the worker sees of a share unmounted
    _out, err = outputs(worker, 90)
    assert worker.returncode == 1, err
    said = flat(err)
    assert (
        f"Le marqueur «\u00a0{marker.name}\u00a0» du passage de «\u00a0demonte\u00a0» a disparu du "
        f"dossier des archives WARC de ce robot («\u00a0{warc_root}\u00a0», BAROMETRE_WARC_ROOT) "
        "pendant qu'il travaillait\u00a0:"
    ) in said, err
    assert "ce qu'il a audité avant (1 site) reste enregistré" in said, err
    # the progress line just before the error counts that site, as the error does (it read
    # « 0 site traité », written before the site was stored, away from a terminal)
    lines = err.splitlines()
    stop = next(i for i, line in enumerate(lines) if line.startswith("Erreur"))
    assert lines[stop - 1].startswith("1 site traité (0 échec) · "), err
    assert len(statuses(campaign)) == 1 and len(board.pending()) == 2
    marker.touch()  # the share back: the other sites are audited, none was dropped
    finish(start_worker(campaign.name, namespace, warc_root, "--window", "2"), timeout=90)
    assert statuses(campaign) == all_done(communes)


def test_a_launch_continuing_the_run_from_a_machine_without_the_shared_folder_is_refused(
    postgres: None,
    namespace: str,
    server: SiteServer,
    warc_root: Path,
    tmp_path: Path,
    settings: object,
) -> None:
    """Its marker would have been written in its local folder, and a worker of that machine
    let in: the run's evidence split between two folders."""
    campaign, communes, board = slow_campaign(server, namespace, "relance", "0971", 2, delay=0)
    before = board.meta()
    settings.WARC_ROOT = tmp_path / "local-warc"  # type: ignore[attr-defined]
    with pytest.raises(BarometreError) as refused:
        campaign_enqueue(campaign=campaign, board=board, options=fast(server.address))
    said = str(refused.value)
    assert (
        f"Le dossier des archives WARC de cette machine («\u00a0{tmp_path / 'local-warc'}" in said
    )
    assert f"laissé dans «\u00a0{warc_root}\u00a0»" in said and "Rien n'a été mis en file." in said
    assert board.meta() == before and board.queued_messages() == 2
    assert not (tmp_path / "local-warc").exists()
    # a new run (--recrawl) is the operator's choice: its marker is in this machine's folder
    campaign_enqueue(campaign=campaign, board=board, options=fast(server.address, recrawl=True))
    assert (tmp_path / "local-warc" / marker_name(board.run())).is_file()


def test_audit_status_names_the_archives_of_stored_cells_missing_from_the_warc_folder(
    postgres: None,
    namespace: str,
    server: SiteServer,
    warc_root: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A status said the campaign done while the evidence of its cells could not be opened
    from the machine it ran on (the web server's): nothing told the operator."""
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    monkeypatch.setenv("BAROMETRE_QUEUE_NAMESPACE", namespace)
    campaign, communes, _ = slow_campaign(server, namespace, "preuves", "0972", 2, delay=0)
    finish(start_worker(campaign.name, namespace, warc_root))
    assert statuses(campaign) == all_done(communes)
    cited = Cell.objects.filter(campaign=campaign, assessment__evidence_record__isnull=False)
    assert cited.exists()
    out = StringIO()
    call_command("audit", "status", "--campaign", "preuves", stdout=out)
    assert "Preuves illisibles" not in out.getvalue()
    files = sorted((warc_root / "preuves").glob("*.warc.gz"))
    assert files
    shutil.move(files[0], warc_root / "ailleurs.warc.gz")  # gone from where cells point
    out = StringIO()
    call_command("audit", "status", "--campaign", "preuves", stdout=out)
    said = flat(out.getvalue())
    missing = cited.filter(
        assessment__evidence_record__warc_file=f"preuves/{files[0].name}"
    ).count()
    assert (
        f"Preuves illisibles depuis cette machine\u00a0: 1 fichier d'archives WARC que "
        f"citent {missing} cellule"
    ) in said, said
    assert f"manque dans «\u00a0{warc_root.resolve()}\u00a0» (BAROMETRE_WARC_ROOT)" in said
    assert f"dont «\u00a0preuves/{files[0].name}\u00a0»" in said
