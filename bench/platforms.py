"""Requests sent to outside platforms when many communes link to the same platform pages.

    .venv/bin/python bench/platforms.py [--sites 100] [--delay 0.1]    # shared platform pages
    .venv/bin/python bench/platforms.py --farm [--sites 60] [--pages 8] [--delay 0.25]

Default scenario: `--sites` communes' sites (a home page and 4 service pages each) served on
loopback by this script, every one linking to the same few platform pages (service-public.fr
procedures, ANTS, Démarche Numérique), as thousands of real communes do. `--farm`: the farm
(`python -m barometre.farm`, its own process), whose communes link to platform pages that are
shared in part (the farm registers each platform URL once; many are per commune).

The crawl (the audit's spider and WARC archive, no database) runs with a politeness delay of
`--delay` seconds per host, every host alike, AutoThrottle off. Figures are read from the WARC
files afterwards: a `request` record is a request actually sent, a `revisit` record a platform
response reused for another commune without a request.

Prints: requests sent to platform hosts (and distinct platform URLs), revisit records, pages of
the communes' own sites, and wall time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

os.environ.setdefault("BAROMETRE_LOOPBACK_ONLY", "1")


def _start_farm(args: argparse.Namespace, out: Path) -> tuple[subprocess.Popen[str], int]:
    from barometre.farm.process import start_farm_process

    return start_farm_process(
        sites=args.sites, pages=args.pages, seed=args.seed, slow_delay=0.1, out=out
    )


PLATFORM_LINKS = [  # (URL, link text): pages that every commune of the scenario links to
    ("https://www.service-public.fr/particuliers/vosdroits/R1406", "Demande d'acte de naissance"),
    ("https://www.service-public.fr/particuliers/vosdroits/R16396", "Inscription électorale"),
    ("https://www.service-public.fr/particuliers/vosdroits/R11193", "Recensement citoyen"),
    ("https://passeport.ants.gouv.fr/demarches-en-ligne", "Pré-demande de passeport"),
    ("https://ants.gouv.fr/", "ANTS"),
    ("https://www.demarches-simplifiees.fr/commencer/urbanisme", "Démarche en ligne"),
]
SERVICE_PAGES = ["etat-civil", "elections", "urbanisme", "papiers"]


def _page(title: str, links: list[tuple[str, str]]) -> bytes:
    anchors = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    return (
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main><h1>{title}</h1><p>Informations pratiques de la mairie.</p>"
        f"<ul>{anchors}</ul></main></body></html>"
    ).encode()


def _serve_shared(count: int) -> tuple[object, int, list[tuple[str, str]]]:
    """A loopback server for `count` communes' sites and the shared platform pages."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    routes: dict[tuple[str, str], bytes] = {}
    rows = []
    for index in range(count):
        host = f"www.commune-{index:04d}.test"
        rows.append((f"{99000 + index}", f"https://{host}/"))
        routes[(host, "/")] = _page(
            f"Mairie {index}", [(f"/{name}", name.title()) for name in SERVICE_PAGES]
        )
        for number, name in enumerate(SERVICE_PAGES):
            shared = [PLATFORM_LINKS[(number + k) % len(PLATFORM_LINKS)] for k in range(3)]
            routes[(host, f"/{name}")] = _page(name.title(), shared)
    for url, text in PLATFORM_LINKS:
        host, _, path = url.removeprefix("https://").partition("/")
        routes[(host, "/" + path)] = _page(text, [])

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server API)
            host = (self.headers.get("Host") or "").split(":")[0]
            body = routes.get((host, self.path))
            self.send_response(200 if body is not None else 404)
            body = body if body is not None else b"introuvable"
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1], rows


def _sites(communes_csv: Path) -> list[tuple[str, str]]:
    import csv

    with communes_csv.open(encoding="utf-8") as handle:
        return [(r["code_insee"], r["url"]) for r in csv.DictReader(handle)]


def _count(warc_dir: Path, site_hosts: set[str]) -> dict[str, object]:
    from warcio.archiveiterator import ArchiveIterator

    from barometre.detection.platforms import load_platforms

    platforms = load_platforms()
    requests: Counter[str] = Counter()
    platform_urls: Counter[str] = Counter()
    revisits = 0
    for path in sorted(warc_dir.rglob("*.warc.gz")):
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                host = (urlsplit(url).hostname or "").lower()
                if record.rec_type == "revisit":
                    revisits += 1
                if record.rec_type != "request":
                    continue
                if url.endswith("/robots.txt"):
                    requests["robots.txt"] += 1
                elif host in site_hosts:
                    requests["site"] += 1
                elif platforms.match(url) is not None:
                    requests["platform"] += 1
                    platform_urls[url] += 1
                else:
                    requests["other outside"] += 1
    return {
        "requests": requests,
        "platform_urls": len(platform_urls),
        "most_requested": platform_urls.most_common(1),
        "revisits": revisits,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--farm", action="store_true", help="the farm's sites, not the scenario")
    parser.add_argument("--sites", type=int, default=None, help="communes (100; farm: 60)")
    parser.add_argument("--pages", type=int, default=8, help="farm pages per site (8)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--delay", type=float, default=None, help="s per host (0.1; farm 0.25)")
    parser.add_argument("--window", type=int, default=64)
    args = parser.parse_args()
    args.sites = args.sites or (60 if args.farm else 100)
    args.delay = args.delay if args.delay is not None else (0.25 if args.farm else 0.1)

    from barometre.collection.crawler.jobs import CrawlJob, CrawlOptions, CrawlSite, PageFetched
    from barometre.collection.crawler.runner import crawl_run
    from barometre.collection.warc import WarcArchive

    out = Path(tempfile.mkdtemp(prefix="barometre-bench-platforms-"))
    farm = server = None
    if args.farm:
        farm, port = _start_farm(args, out)
        rows = _sites(out / "communes.csv")
        scenario = f"farm: {args.sites} sites x {args.pages} pages (seed {args.seed})"
    else:
        server, port, rows = _serve_shared(args.sites)
        scenario = (
            f"scenario: {args.sites} communes x {1 + len(SERVICE_PAGES)} pages, each linking "
            f"to the same {len(PLATFORM_LINKS)} platform pages"
        )
    try:
        sites = tuple(CrawlSite(code, (url,)) for code, url in rows)
        site_hosts = {(urlsplit(url).hostname or "").lower() for _, url in rows}
        options = CrawlOptions(
            campaign="bench-platforms",
            archive=True,
            download_delay=args.delay,
            autothrottle=False,
            allow_private=True,
            farm_address=f"127.0.0.1:{port}",
            site_window=args.window,
            stylesheets=False,
        )
        archive = WarcArchive(
            out / "warc", "bench-platforms", max_bytes=2**30, software="barometre bench"
        )
        pages = Counter[bool]()

        def on_event(event: object) -> None:
            if isinstance(event, PageFetched):
                pages[event.hop] += 1

        started = time.perf_counter()
        closed = crawl_run(CrawlJob(options, sites), on_event=on_event, archive=archive)
        wall = time.perf_counter() - started
        archive.close()
    finally:
        if farm is not None:
            farm.terminate()
            farm.wait()
        if server is not None:
            server.shutdown()  # type: ignore[attr-defined]
    figures = _count(out / "warc", site_hosts)
    requests = figures["requests"]
    assert isinstance(requests, Counter)
    print(f"{scenario}; delay {args.delay} s per host, window {args.window}; crawl {closed.reason}")
    print(f"pages of the communes' own sites: {pages[False]}")
    print(f"one-hop pages received: {pages[True]}")
    print(
        f"platform requests sent: {requests['platform']} "
        f"for {figures['platform_urls']} distinct platform URLs "
        f"(most requested: {figures['most_requested']})"
    )
    print(f"revisit records (platform responses reused): {figures['revisits']}")
    print(
        f"other requests: site {requests['site']}, robots.txt {requests['robots.txt']}, "
        f"other outside {requests['other outside']}"
    )
    print(f"wall time: {wall:.1f} s")


if __name__ == "__main__":
    main()
