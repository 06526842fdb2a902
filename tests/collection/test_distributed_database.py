"""A worker whose database is not the coordinator's, on the real PostgreSQL and Redis of this
machine: another `DATABASE_URL` (here SQLite in another BAROMETRE_HOME) with a campaign of the
same name must leave the campaign's Redis queue as it is."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from barometre.collection.models import SiteAudit
from barometre.collection.services.database_identity import database_shown
from tests.collection.distributed_helpers import outputs, slow_campaign, start_worker

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]

MAKE_OTHER = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.factories import CampaignFactory
CampaignFactory(name="ailleurs")
"""


def other_database(home: Path) -> dict[str, str]:
    """A SQLite database of its own in `home`, with a campaign « ailleurs »: what a machine
    whose BAROMETRE_HOME and DATABASE_URL are not the coordinator's has."""
    env = {
        **os.environ,
        "BAROMETRE_HOME": str(home),
        "DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "barometre.settings",
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
    }
    subprocess.run([sys.executable, "-c", MAKE_OTHER], env=env, check=True, cwd=ROOT)
    return {"BAROMETRE_HOME": str(home), "DATABASE_URL": ""}


def test_a_worker_on_another_database_leaves_the_campaign_s_queue_intact(
    postgres: None, namespace: str, server: object, warc_root: Path, tmp_path: Path
) -> None:
    """It took the board for a deleted namesake's (the campaign's id was not in its database)
    and cleared it: the queue, the pending sites and the run of the campaign that the other
    machines were auditing were gone. With the same id, it stored the sites in its own database
    and took them out of the queue."""
    campaign, communes, board = slow_campaign(server, namespace, "ailleurs", "0980", 2, delay=0)
    before = board.meta()
    env = other_database(tmp_path / "autre")
    worker = start_worker(campaign.name, namespace, warc_root, env=env)
    _out, err = outputs(worker, 60)
    assert worker.returncode == 1, err
    said = re.sub(r"[ \n]+", " ", err)  # its line breaks as spaces, its no-break spaces kept
    assert (
        "La file Redis de «\u00a0ailleurs\u00a0» (espace de noms «\u00a0"
        f"{namespace}\u00a0») a été remplie depuis une autre base de données ("
        f"{database_shown()}) que celle de cette machine (SQLite {tmp_path / 'autre'}"
    ) in said, err
    assert "Rien n'a été fait\u00a0: la file est intacte." in said, err
    assert board.meta() == before and board.pending() == {c.code for c in communes}
    assert board.queued_messages() == 2 and not SiteAudit.objects.exists()
