"""The distributed audit's Celery application: one task per site, Redis as broker (docs/adr/0007).

A site's message is acknowledged only once the site is stored (`acks_late`); a worker that dies
holding it (SIGKILL, machine lost) leaves it unacknowledged: the next worker that sees its sign
of life gone puts it back in the queue (services/recovery.py), and the broker would deliver it
again to another worker once the visibility timeout (`--lease`) has passed. Nothing here imports
Django: the task only hands the site to the worker's runtime (services/worker.py).
"""

from __future__ import annotations

from typing import Any, Protocol

TASK_NAME = "barometre.audit_site"
DEFAULT_LEASE_SECONDS = 1800.0


class Runtime(Protocol):
    def audit(self, task: Any, campaign: str, run: str, site: str) -> str: ...


_runtime: list[Runtime] = []  # the worker's runtime, set before Celery starts consuming


def set_runtime(runtime: Runtime | None) -> None:
    _runtime.clear()
    if runtime is not None:
        _runtime.append(runtime)


def audit_site(task: Any, campaign: str, run: str, site: str) -> str:
    """Crawl, detect and store one site (JSON, board.site_to_json) of `campaign` in `run`."""
    if not _runtime:
        raise RuntimeError("no barometre worker runtime in this process")
    return _runtime[0].audit(task, campaign, run, site)


def celery_app(
    broker_url: str, *, lease: float = DEFAULT_LEASE_SECONDS, key_prefix: str = ""
) -> Any:
    """A Celery application on `broker_url` (Redis) with the audit task registered.

    `lease` is the broker's visibility timeout: the time after which a site taken by a worker
    that has not acknowledged it is delivered again. It must exceed the longest site (a polite
    150-page site takes a few minutes); all workers of a campaign should use the same value.
    `key_prefix` puts every key the broker writes under the board's namespace
    (`CampaignBoard.broker_prefix`); the coordinator and the workers must use the same one.
    """
    from celery import Celery

    app = Celery("barometre", broker=broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,  # acknowledged once stored, never before
        task_acks_on_failure_or_timeout=True,
        worker_prefetch_multiplier=1,  # a worker reserves no more sites than its window
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            "visibility_timeout": lease,
            # look for sites of dead workers every few seconds, not every 10 calls of 10 s
            "unacked_restore_interval": max(1.0, min(10.0, lease / 3)),
            "unacked_restore_throttle": 1,
            # a worker killed while it held the restore lock blocks every restore until the lock
            # expires: kombu's default is 300 s whatever the lease
            "unacked_mutex_expire": min(300.0, max(10.0, lease)),
            "global_keyprefix": key_prefix,
        },
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        worker_send_task_events=False,
        task_create_missing_queues=True,
    )
    app.task(name=TASK_NAME, bind=True, max_retries=None)(audit_site)
    return app
