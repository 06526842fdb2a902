"""`python -m barometre.farm`: generate a farm, write its truth and websites list, serve it.

    python -m barometre.farm --sites 200 --pages 50 --seed 1 --port 8800

Prints the port, the truth CSV and the websites CSV, then serves until interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

from barometre.core.argparse_fr import integer, number
from barometre.core.plural import french_count
from barometre.farm.commandline import french_parser, parse_french
from barometre.farm.generator import generate_farm
from barometre.farm.model import Farm
from barometre.farm.server import serve_farm


def _parser() -> argparse.ArgumentParser:
    parser = french_parser(
        "python -m barometre.farm",
        "Sert une ferme locale de sites communaux fictifs (niveaux réels connus).",
    )
    parser.add_argument("--sites", type=integer(minimum=1), default=30, help="Nombre de sites (30)")
    parser.add_argument(
        "--pages", type=integer(minimum=1), default=30, help="Pages HTML par site (30)"
    )
    parser.add_argument("--seed", type=integer(), default=1, help="Graine du générateur (1)")
    parser.add_argument("--host", default="127.0.0.1", help="Adresse d'écoute (127.0.0.1)")
    parser.add_argument(
        "--port", type=integer(0, 65535), default=0, help="Port (0 : un port libre)"
    )
    parser.add_argument(
        "--slow-delay", type=number(minimum=0), default=1.0, help="Délai des pages lentes (s)"
    )
    parser.add_argument(
        "--out", type=Path, default=None, metavar="DOSSIER", help="Dossier des fichiers CSV"
    )
    parser.add_argument(
        "--duration",
        type=number(minimum=0),
        default=0.0,
        metavar="SECONDES",
        help="Arrêter après N secondes (0 : jamais)",
    )
    parser.add_argument(
        "--real-communes",
        action="store_true",
        help="Donner les sites fictifs aux communes réelles les plus peuplées du référentiel "
        "(pour « barometre websites import » puis « audit --communes top:N »)",
    )
    return parser


def real_communes(count: int) -> list[tuple[str, str, int]]:
    """The `count` most populous communes of the shipped referential (code, name, population),
    in the order of `--communes top:N`."""
    import csv
    import gzip
    from importlib import resources

    data = resources.files("barometre.referential") / "data/territories/communes.csv.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        rows = [(r["code"], r["name"], int(r["population"] or 0)) for r in csv.DictReader(handle)]
    rows.sort(key=lambda row: (-row[2], row[0]))
    return rows[:count]


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse, in French, an address off the loopback (the numbers' bounds are their types')."""
    if not args.host.startswith("127.") and args.host not in ("::1", "localhost"):
        parser.error("la ferme n'écoute que sur la boucle locale (127.0.0.0/8 ou ::1)")


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl+C while the farm is generated: a line, not a traceback
        print("\nInterrompu (Ctrl+C)\u00a0: la ferme s'est arrêtée.", file=sys.stderr)
        return 130  # 128 + SIGINT, as `barometre` and shells report it


def _main(argv: list[str] | None) -> int:
    parser = _parser()
    args = parse_french(parser, argv)
    _check(parser, args)
    farm = generate_farm(
        seed=args.seed,
        sites=args.sites,
        pages_per_site=args.pages,
        slow_delay=args.slow_delay,
        communes=real_communes(args.sites) if args.real_communes else None,
    )
    out = args.out or Path(tempfile.mkdtemp(prefix="barometre-farm-"))
    try:
        out.mkdir(parents=True, exist_ok=True)
        truth = farm.write_truth_csv(out / "truth.csv")
        websites = farm.write_websites_csv(out / "websites.csv")
        farm.write_communes_csv(out / "communes.csv")
    except OSError as error:
        print(
            f"Erreur : écriture impossible dans {out} ({error.strerror or error}).", file=sys.stderr
        )
        return 1
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        _serve(farm, args, stop, truth, websites)
    except OSError as error:  # the port is taken, or not ours to listen on
        where = f"{args.host}:{args.port}"
        print(
            f"Erreur : impossible d'écouter sur {where} ({error.strerror or error}).",
            file=sys.stderr,
        )
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


def _serve(
    farm: Farm, args: argparse.Namespace, stop: threading.Event, truth: Path, websites: Path
) -> None:
    with serve_farm(farm, host=args.host, port=args.port) as server:
        print(f"port {server.port}", flush=True)
        print(f"adresse {server.url}", flush=True)
        print(f"vérité {truth}", flush=True)
        print(f"sites {websites}", flush=True)
        print(
            f"{french_count(len(farm.sites), 'site', 'sites')}, "
            f"{french_count(farm.page_count(), 'ressource', 'ressources')}",
            flush=True,
        )
        started = time.monotonic()
        try:
            while not stop.wait(0.2):
                if args.duration and time.monotonic() - started > args.duration:
                    break
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    raise SystemExit(main())
