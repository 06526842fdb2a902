"""Measure how many requests per second a running farm server answers on loopback.

    python -m barometre.farm.loadtest --sites 200 --pages 50 --clients 8 --seconds 5

Each client thread keeps one HTTP/1.1 connection open and requests the site pages of the farm
in turn (slow pages and connection resets excluded, so that the figure measures the server).
"""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass

from barometre.core.argparse_fr import integer, number
from barometre.core.plural import french_count
from barometre.core.typography import decimal, with_unit
from barometre.farm.commandline import french_parser, parse_french
from barometre.farm.generator import generate_farm
from barometre.farm.model import Farm
from barometre.farm.server import serve_farm


@dataclass(frozen=True, slots=True)
class Throughput:
    requests: int
    seconds: float
    errors: int
    bytes: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _targets(farm: Farm, limit: int = 20000) -> list[tuple[str, str]]:
    out = []
    for site in farm.sites:
        for path, resource in farm.routes[site.host].items():
            if resource.delay or resource.behaviour != "normal" or resource.factory:
                continue
            out.append((site.host, path))
    return out[:limit]


def measure(
    farm: Farm, port: int, *, clients: int = 8, seconds: float = 3.0, gzip: bool = True
) -> Throughput:
    targets = _targets(farm)
    deadline = time.perf_counter() + seconds
    counts = [0] * clients
    errors = [0] * clients
    sizes = [0] * clients

    def run(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {"Accept-Encoding": "gzip"} if gzip else {}
        i = index
        while time.perf_counter() < deadline:
            host, path = targets[i % len(targets)]
            i += clients
            try:
                connection.request("GET", path, headers={**headers, "Host": host})
                response = connection.getresponse()
                sizes[index] += len(response.read())
                counts[index] += 1
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Throughput(sum(counts), time.perf_counter() - started, sum(errors), sum(sizes))


def main(argv: list[str] | None = None) -> int:
    parser = french_parser(
        "python -m barometre.farm.loadtest",
        "Mesure le débit de la ferme servie sur la boucle locale (requêtes par seconde).",
    )
    parser.add_argument(
        "--sites", type=integer(minimum=1), default=200, help="Nombre de sites (200)"
    )
    parser.add_argument(
        "--pages", type=integer(minimum=1), default=50, help="Pages HTML par site (50)"
    )
    parser.add_argument(
        "--clients", type=integer(minimum=1), default=8, help="Clients simultanés (8)"
    )
    parser.add_argument(
        "--seconds", type=number(minimum=0.1), default=5.0, help="Durée de la mesure (5 s)"
    )
    parser.add_argument(
        "--no-gzip", action="store_true", help="Demander les pages sans compression gzip"
    )
    args = parse_french(parser, argv)
    farm = generate_farm(seed=1, sites=args.sites, pages_per_site=args.pages)
    with serve_farm(farm) as server:
        result = measure(
            farm, server.port, clients=args.clients, seconds=args.seconds, gzip=not args.no_gzip
        )
    print(
        f"{french_count(result.requests, 'requête', 'requêtes')} en "
        f"{with_unit(decimal(result.seconds, 1), 's')} : "
        f"{with_unit(decimal(result.per_second, 0), 'req/s')}, "
        f"{french_count(result.errors, 'erreur', 'erreurs')}, "
        f"{with_unit(decimal(result.bytes / 1e6, 1), 'Mo')} reçus"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
