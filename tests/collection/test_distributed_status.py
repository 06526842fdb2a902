"""The distributed audit's loose ends, on the real PostgreSQL and Redis of this machine: the
status that tells lost sites from queued ones, a queued site whose commune left the campaign,
the failure reasons of a worker's summary."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from barometre.collection.audit_text import render_status
from barometre.collection.crawler.jobs import CrawlClosed
from barometre.collection.management.commands import worker as worker_command
from barometre.collection.services import recovery
from barometre.collection.services.audit import _summary
from barometre.collection.services.consumer import AuditProgress
from barometre.collection.services.distributed import CampaignStatus, campaign_status
from tests.collection.distributed_helpers import (
    REDIS_URL,
    lose_a_queued_message,
    slow_campaign,
    start_worker,
    statuses,
    succeeded,
)
from tests.collection.site_server import SiteServer
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_audit_status_tells_lost_sites_from_queued_ones_reading_the_queue_in_slices(
    namespace: str, server: SiteServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pending site whose message was lost was counted « en file » until a worker or the
    coordinator looked for lost sites: the operator waited for a site that nothing would bring.
    The command it names is the launch's, with its options (the only ones accepted while sites
    of the run wait)."""
    import redis

    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    monkeypatch.setenv("BAROMETRE_QUEUE_NAMESPACE", namespace)
    campaign, _, board = slow_campaign(server, namespace, "egaree", "0980", 4, queued=False)
    farm = ["--pages", "60", "--allow-private-addresses", "--farm", server.address]
    call_command("audit", "--campaign", "egaree", "--distributed", *farm, stdout=StringIO())
    lost = lose_a_queued_message(board)
    held = lose_a_queued_message(board)  # taken by a live worker: neither queued nor lost
    board.heartbeat("robot-a", 30)
    assert board.hold(held, "robot-a") == "robot-a"
    monkeypatch.setattr(recovery, "QUEUE_SLICE", 1)
    asked: list[int] = []
    lrange = redis.Redis.lrange

    def counted_lrange(self: Any, key: str, start: int, stop: int) -> Any:
        asked.append(stop - start + 1 if stop >= 0 else -1)
        return lrange(self, key, start, stop)

    monkeypatch.setattr(redis.Redis, "lrange", counted_lrange)
    out = StringIO()
    call_command("audit", "status", "--campaign", "egaree", stdout=out)
    text = out.getvalue()
    assert (
        "0 site fait, 1 en cours, 2 en file, 1 perdu (ni en file ni chez un robot), 0 en échec"
    ) in text, text
    assert (
        "Site perdu (ni en file ni chez un robot, son message perdu entre Redis et un robot ou "
        f"à un redémarrage de Redis)\u00a0: {lost}. «\u00a0barometre audit --campaign egaree "
        f"--distributed {' '.join(farm)}\u00a0» le remet en file (avec les options du lancement)."
    ) in text, text
    assert asked and all(0 < n <= 1 for n in asked), asked  # never the whole queue at once
    status = campaign_status(campaign=campaign, board=board)
    assert (status.queued, status.lost, list(status.running)) == (2, (lost,), [held])
    # the command it names sends the lost site again; nothing is lost any more
    call_command("audit", "--campaign", "egaree", "--distributed", *farm, stdout=StringIO())
    status = campaign_status(campaign=campaign, board=board)
    assert (status.queued, status.lost) == (3, ())


def test_a_worker_skips_a_queued_site_whose_commune_left_the_campaign(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """Only a lost message's site was dropped when its commune had left the campaign: a worker
    that received the message crawled the commune, whose values were then refused (« commune
    hors de la campagne »), and the worker stopped (« Exploration interrompue », exit code 1)
    with nothing of its batch stored."""
    campaign, communes, board = slow_campaign(server, namespace, "quittee", "0985", 2, delay=0.1)
    gone, kept = communes
    campaign.communes.remove(gone)
    worker = start_worker(campaign.name, namespace, warc_root, "--window", "2")
    out, err = succeeded(worker, 90)
    assert statuses(campaign) == [(kept.code, "done")]
    assert board.idle() and board.queued_messages() == 0
    assert (
        "1 site audité, 0 en échec, " in out
        and ", 1 site écarté sans audit (commune retirée de la campagne depuis sa mise en "
        f"file\u00a0: {gone.code})\u00a0; CPU "
        in out
    ), out
    assert "Retrait" not in err, err  # its message was not lost


def test_a_worker_s_summary_gives_its_failure_reasons_grouped_as_audit_status_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker's last line said « 61 en échec » and no reason: the operator had to run `audit
    status` to learn why. Every failure counts, not only the first 50 the summary kept."""
    campaign = CampaignFactory(name="motifs")
    failures = [(f"03{i:03d}", "HTTP 500") for i in range(60)] + [("03999", "connexion refusée")]
    progress = AuditProgress(sites_total=0, sites_failed=61, failures=failures)
    summary = _summary(campaign, 0, 0, 61, progress, CrawlClosed("finished"))
    monkeypatch.setattr(worker_command, "worker_run", lambda **_: summary)
    monkeypatch.setattr(worker_command, "board_for", lambda name: None)
    out = StringIO()
    call_command("worker", "--campaign", "motifs", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Robot\u00a0: 0 site audité, 61 en échec, "), lines
    assert lines[1:] == [
        "Sites en échec (remis en file par «\u00a0barometre audit status --campaign motifs "
        "--retry-failed\u00a0»)\u00a0:",
        "  HTTP 500\u00a0: 60 sites (03000, 03001, 03002, 03003, 03004, 03005, 03006, 03007, "
        "03008, 03009 … et 50 autres)",
        "  connexion refusée\u00a0: 1 site (03999)",
    ]
    status = CampaignStatus(
        campaign="motifs",
        done=0,
        failed=61,
        no_website=0,
        queued=0,
        running={},
        orphaned={},
        failures=tuple(failures),
    )
    assert render_status(status).splitlines()[1:] == lines[1:]  # the same lines, one code


def test_audit_status_names_the_communes_neither_audited_nor_queued(
    namespace: str, server: SiteServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a Redis restarted without its data, « 0 site fait, 0 en cours, 0 en file, 0 en
    échec » read as a finished campaign: the communes that nothing would audit were counted
    nowhere. A commune added to the campaign after the launch was not either."""
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    monkeypatch.setenv("BAROMETRE_QUEUE_NAMESPACE", namespace)
    campaign, _, board = slow_campaign(server, namespace, "oubli", "0990", 2, queued=False)
    farm = ["--pages", "60", "--allow-private-addresses", "--farm", server.address]
    call_command("audit", "--campaign", "oubli", "--distributed", *farm, stdout=StringIO())
    campaign.communes.add(CommuneFactory(code="09929"))  # no website: level 0 once queued
    said = render_status(campaign_status(campaign=campaign, board=board))
    launch = f"barometre audit --campaign oubli --distributed {' '.join(farm)}"
    assert said.splitlines()[0] == (
        "Audit «\u00a0oubli\u00a0»\u00a0: 0 site fait, 0 en cours, 2 en file, 0 en échec, "
        "0 sans site connu."
    )
    assert said.splitlines()[-1] == (
        "1 commune de la campagne n'est ni auditée ni en file (jamais mise en file, ou perdue "
        f"avec les données de Redis)\u00a0: «\u00a0{launch}\u00a0» la met en file (avec les "
        "options du lancement)."
    )
    board.clear()  # a Redis restarted without its data
    out = StringIO()
    call_command("audit", "status", "--campaign", "oubli", stdout=out)
    assert out.getvalue().splitlines()[-1] == (
        "3 communes de la campagne ne sont ni auditées ni en file (jamais mises en file, ou "
        "perdues avec les données de Redis)\u00a0: «\u00a0barometre audit --campaign oubli "
        "--distributed\u00a0» les met en file (ajoutez les options du lancement "
        "d'origine\u00a0: Redis ne les a plus)."
    )
