"""Faults that must stay local: a bad website, a killed audit, a name lookup off the machine."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from barometre.collection.crawler import loopback
from barometre.collection.crawler.jobs import CrawlJob, CrawlSite, FetchFailed, SiteFinished
from barometre.collection.crawler.runner import crawl_run
from barometre.collection.models import SiteAudit
from barometre.core.errors import BarometreError
from barometre.referential.models import Website
from tests.collection.conftest import fast_options
from tests.collection.site_server import Route, SiteServer
from tests.factories import CampaignFactory, CommuneFactory


def page(*links: str) -> Route:
    anchors = "".join(f'<a href="{href}">{href}</a>' for href in links)
    return Route(f"<html><body>{anchors}</body></html>".encode())


def test_a_site_that_cannot_start_fails_alone(server: SiteServer) -> None:
    for host in ("www.a.test", "www.c.test"):
        server.add(host, "/", page("/p", "https://www.a.test:99999/x"))
        server.add(host, "/p", page("/"))
    sites = (
        CrawlSite("00001", ("https://www.a.test/",)),
        CrawlSite("00002", ("https://www.bad.test:99999/",)),
        CrawlSite("00003", ("https://www.c.test/",)),
    )
    events: list[Any] = []
    crawl_run(CrawlJob(fast_options(server, None), sites), on_event=events.append)
    finished = {e.site: e for e in events if isinstance(e, SiteFinished)}
    assert set(finished) == {"00001", "00002", "00003"}
    assert finished["00001"].status == finished["00003"].status == "done"
    assert finished["00002"].status == "failed"
    assert "URL de départ" in finished["00002"].reason and "99999" in finished["00002"].reason
    assert finished["00001"].pages == 2  # the bad link on the page is skipped, not fatal


def test_a_site_with_two_websites_that_both_fail_gives_each_one_s_reason(
    server: SiteServer,
) -> None:
    """A commune with two websites: the reason named only the first failure to come back
    (« HTTP 404 » of its old site), not why its main site failed."""
    server.add("www.principal.test", "/", Route(b"panne", status=500))
    server.add("www.ancien.test", "/", Route(b"absent", status=404))
    site = CrawlSite("00001", ("https://www.principal.test/", "https://www.ancien.test/"))
    events: list[Any] = []
    crawl_run(CrawlJob(fast_options(server, None), (site,)), on_event=events.append)
    (finished,) = [e for e in events if isinstance(e, SiteFinished)]
    assert finished.status == "failed"
    assert sorted(finished.reason.split("\u00a0; ")) == [
        "https://www.ancien.test/\u00a0: HTTP 404",
        "https://www.principal.test/\u00a0: HTTP 500",
    ]


@pytest.mark.django_db
def test_the_audit_command_goes_on_past_a_bad_site_and_exits_non_zero(
    server: SiteServer, warc_root: Path
) -> None:
    communes = [CommuneFactory(code=code) for code in ("00001", "00002", "00003", "00004")]
    urls = {
        "00001": "https://www.a.test/",
        "00002": "https://www.bad.test:99999/",
        "00003": "https://www.c.test/",
        "00004": "https://www.d.test/",
    }
    for code, url in urls.items():
        host = url.split("/")[2].split(":")[0]
        Website.objects.create(
            commune_id=code, url=url, host=host, confidence="high", source="user", is_primary=True
        )
        server.add(host, "/", page("/p"))
        server.add(host, "/p", page("/"))
    CampaignFactory(name="panne", communes=communes)
    out = StringIO()
    with pytest.raises(BarometreError, match=r"^1 site en échec\.$"):
        call_command(
            "audit",
            "--campaign",
            "panne",
            "--farm",
            server.address,
            "--allow-private-addresses",
            stdout=out,
        )
    statuses = dict(
        SiteAudit.objects.filter(campaign__name="panne").values_list("commune_id", "status")
    )
    assert statuses == {"00001": "done", "00002": "failed", "00003": "done", "00004": "done"}
    # failures are grouped by reason, with their count and codes (audit_text.failure_reasons)
    assert re.search(r"URL de départ invalide : .* : 1 site \(00002\)\n", out.getvalue())
    assert "restent" not in out.getvalue()


_PARENT = """
import multiprocessing, sys, time
from barometre.collection.crawler import runner
from barometre.collection.crawler.jobs import CrawlJob, CrawlOptions, CrawlSite

runner.QUEUE_BATCHES = 1  # the queue fills at once when this process stops reading
sites = tuple(CrawlSite(f"{i:05d}", (f"https://www.s{i}.test/",)) for i in range(20))
options = CrawlOptions(campaign="t", download_delay=0.0, autothrottle=False, allow_private=True,
                       farm_address=sys.argv[1], timeout=5.0, obey_robots=False)

def stuck(event):
    print("child", multiprocessing.active_children()[0].pid, flush=True)
    time.sleep(3600)  # an audit process that stops reading, then gets killed

runner.crawl_run(CrawlJob(options, sites), on_event=stuck)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def test_the_crawl_process_dies_with_a_killed_audit(server: SiteServer) -> None:
    for i in range(20):
        links = [f"/p{j}" for j in range(40)]
        server.add(f"www.s{i}.test", "/", page(*links))
        for j in range(40):
            server.add(f"www.s{i}.test", f"/p{j}", page(*links))
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, server.address],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "BAROMETRE_LOOPBACK_ONLY": "1"},
    )
    assert parent.stdout is not None
    line = parent.stdout.readline()
    child = int(line.split()[1])
    try:
        time.sleep(2.0)  # the crawl goes on until the full queue blocks it
        assert _alive(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(child), "the crawl process outlived its killed parent"
    finally:
        if _alive(child):
            os.kill(child, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        parent.stdout.close()


@pytest.fixture
def recorded_lookups(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Stand-ins for the system resolver that record what reaches them (and send nothing)."""
    import _socket

    calls: list[object] = []

    def fake(name: str) -> Any:
        def resolve(*args: Any, **kwargs: Any) -> Any:
            calls.append((name, args[0] if args else None))
            raise socket.gaierror(socket.EAI_NONAME, "recorded")

        return resolve

    for name in loopback._RESOLVERS:
        for module in (socket, _socket):
            monkeypatch.setattr(module, name, fake(name))
    for method in ("connect", "connect_ex"):  # restored with the rest at teardown
        monkeypatch.setattr(socket.socket, method, getattr(socket.socket, method))
    monkeypatch.setattr(loopback, "_installed", {})
    loopback.install()  # over the stand-ins; the session's guard comes back at teardown
    yield calls


@pytest.mark.parametrize(
    ("function", "args"),
    [
        ("getaddrinfo", ("www.ville-inconnue.fr", 443)),
        ("gethostbyname", ("www.ville-inconnue.fr",)),
        ("gethostbyname_ex", ("www.ville-inconnue.fr",)),
        ("gethostbyaddr", ("93.184.216.34",)),
        ("getnameinfo", (("93.184.216.34", 443), 0)),
        ("getaddrinfo", ("127.evil.example", 80)),
    ],
)
def test_loopback_only_mode_resolves_no_name(
    recorded_lookups: list[object], function: str, args: tuple[Any, ...]
) -> None:
    import _socket

    for module in (socket, _socket):
        with pytest.raises(socket.gaierror, match="loopback only"):
            getattr(module, function)(*args)
    assert recorded_lookups == []  # nothing reached the system resolver
    for allowed in ("localhost", "127.0.0.1"):  # these reach the (stand-in) resolver
        with pytest.raises(socket.gaierror, match="recorded"):
            socket.getaddrinfo(allowed, 80)
    assert [name for name, _ in recorded_lookups] == ["getaddrinfo", "getaddrinfo"]


def test_the_tests_run_in_loopback_only_mode() -> None:
    import _socket

    assert os.environ.get("BAROMETRE_LOOPBACK_ONLY") == "1"  # inherited by crawl processes
    # The test process itself: its resolvers are the guard's (named "resolver" in loopback.py).
    for module in (socket, _socket):
        for name in loopback._RESOLVERS:
            function = getattr(module, name)
            assert function.__module__ == loopback.__name__, (module, name)


def test_a_crawl_in_loopback_only_mode_refuses_an_unknown_name(
    server: SiteServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No farm: the crawler's own resolver is asked, and the guard answers before any lookup
    # (the test above shows that a refused name never reaches the system resolver).
    log = tmp_path / "refused.log"
    monkeypatch.setenv("BAROMETRE_LOOPBACK_LOG", str(log))
    options = fast_options(server, None, farm_address="", retries=0)
    events: list[Any] = []
    crawl_run(
        CrawlJob(options, (CrawlSite("00001", ("http://www.ville-inconnue.fr/",)),)),
        on_event=events.append,
    )
    failures = [e for e in events if isinstance(e, FetchFailed)]
    assert failures and all(e.reason.startswith("nom de domaine") for e in failures)
    assert "'www.ville-inconnue.fr'" in log.read_text()


_INTERRUPTED = """
import sys
from barometre.collection.crawler import runner
from barometre.collection.crawler.jobs import CrawlJob, CrawlOptions, CrawlSite, PageFetched

sites = (CrawlSite("00001", ("https://www.lent.test/",)),)
options = CrawlOptions(campaign="t", download_delay=0.3, autothrottle=False, allow_private=True,
                       farm_address=sys.argv[1], timeout=5.0, obey_robots=False)

def on_event(event):
    if isinstance(event, PageFetched):
        print("page", event.url, flush=True)

closed = runner.crawl_run(
    CrawlJob(options, sites),
    on_event=on_event,
    on_interrupt=lambda n: print("interrupt", n, flush=True),
)
print("closed", closed.reason, ",".join(closed.unfinished), flush=True)
"""


def test_after_ctrl_c_no_new_request_is_sent(server: SiteServer) -> None:
    """Ctrl-C stops the crawl at once: requests in flight finish, but none of those already
    queued (here 30 pages, 0.3 s apart) is sent; the site is left unfinished, to be resumed."""
    pages = [f"/p{i}" for i in range(30)]
    server.add("www.lent.test", "/", page(*pages))
    for path in pages:
        server.add("www.lent.test", path, Route(b"<html><body>lent</body></html>", delay=0.5))
    crawl = subprocess.Popen(
        [sys.executable, "-c", _INTERRUPTED, server.address],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "BAROMETRE_LOOPBACK_ONLY": "1"},
    )
    assert crawl.stdout is not None
    try:
        fetched = 0
        while fetched < 3:  # the home page and two pages
            line = crawl.stdout.readline()
            assert line, "the crawl ended before it was interrupted"
            fetched += line.startswith("page ")
        interrupted_at = time.monotonic()
        crawl.send_signal(signal.SIGINT)
        out, _ = crawl.communicate(timeout=30)
    finally:
        if crawl.poll() is None:
            crawl.kill()
            crawl.wait()
    late = [t for host, t in server.arrivals if t > interrupted_at + 0.1]
    assert late == [], f"{len(late)} requests sent after Ctrl-C"
    lines = out.splitlines()
    assert "interrupt 1" in lines
    assert lines[-1] == "closed shutdown 00001"  # unfinished: not stored, crawled again later
