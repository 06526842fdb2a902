"""Score the detector on a farm: walk each site politely, analyse every page, compare with truth.

A cell is one (site, service) pair of the catalogue, whatever its truth (an absent service is a
real 0 that the detector must not invent). The walk follows links within the site (and its
subdomains) and one hop to platforms that the detector's registry recognises (by URL or link
text) or to the intercommunality's site, respects robots.txt and passes dead links to
`site_levels`, as the crawler (barometre.collection.crawler.spider) does.
"""

from __future__ import annotations

import argparse
import io
from dataclasses import dataclass

from barometre.core.plural import french_count
from barometre.core.typography import decimal
from barometre.detection import Page, PlatformRegistry, analyse_page, load_platforms, site_levels
from barometre.detection.evaluation import Cell, Quality, quality
from barometre.farm.model import Farm
from barometre.farm.walk import Fetched, walk_site
from barometre.referential.catalogue import CatalogueSpec, default_catalogue


@dataclass(frozen=True, slots=True)
class Miss:
    """One cell where the detector and the truth disagree, with where to look."""

    code: str
    host: str
    template: str
    service: str
    truth: int
    detected: int
    evidence_url: str
    rationale: str


@dataclass(frozen=True, slots=True)
class FarmQuality:
    quality: Quality
    misses: tuple[Miss, ...]
    pages: int


def _page(fetched: Fetched) -> Page:
    content_type = fetched.content_type.split(";")[0].strip()
    if content_type == "application/pdf":
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(fetched.body))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        return Page(url=fetched.url, text=text, content_type=content_type)
    return Page(url=fetched.url, html=fetched.body, content_type=fetched.content_type)


def farm_detection_quality(
    farm: Farm,
    *,
    catalogue: CatalogueSpec | None = None,
    platforms: PlatformRegistry | None = None,
) -> FarmQuality:
    catalogue = catalogue or default_catalogue()
    registry = platforms or load_platforms()
    cells: list[Cell] = []
    misses: list[Miss] = []
    pages = 0

    from barometre.collection.crawler.links import is_intercommunal

    def recognised(url: str, text: str) -> bool:
        """The crawler's rule: a recognised platform (by URL or link text) or the EPCI's site."""
        return registry.match_link(url, text) is not None or is_intercommunal(text)

    for site in farm.sites:
        walk = walk_site(farm, site, is_platform=recognised)
        unusable = walk.dead_urls | walk.disallowed  # dead, or robots.txt says keep out
        analyses = [
            analyse_page(_page(f), catalogue=catalogue, platforms=registry, dead_urls=unusable)
            for f in walk.pages
        ]
        pages += len(analyses)
        levels = site_levels(analyses, catalogue=catalogue, dead_urls=unusable)
        for spec in catalogue.services:
            truth = farm.truth[(site.code, spec.id)]
            found = levels.get(spec.id)
            detected = found.level if found else 0
            cells.append(Cell(site.code, spec.id, truth, detected))
            if truth != detected:
                misses.append(
                    Miss(site.code, site.host, site.template, spec.id, truth, detected,
                         found.evidence_url if found else "", found.rationale if found else "")
                )  # fmt: skip
    return FarmQuality(quality(cells), tuple(misses), pages)


def main(argv: list[str] | None = None) -> int:
    """`python -m barometre.farm.evaluate --sites 100 --seed 1 [--misses N]`: print the figures."""
    from barometre.farm.commandline import parse_french
    from barometre.farm.generator import generate_farm

    args = parse_french(_parser(), argv)
    farm = generate_farm(
        seed=args.seed, sites=args.sites, pages_per_site=args.pages, phrasing=args.phrasing
    )
    _print_quality(farm_detection_quality(farm), args)
    return 0


def _parser() -> argparse.ArgumentParser:
    from barometre.core.argparse_fr import integer
    from barometre.farm.commandline import french_parser

    parser = french_parser(
        "python -m barometre.farm.evaluate",
        "Évalue le détecteur sur une ferme générée : accord avec les niveaux réels, kappa, "
        "matrice de confusion et erreurs.",
    )
    parser.add_argument("--sites", type=integer(minimum=1), default=30, help="Nombre de sites (30)")
    parser.add_argument(
        "--pages", type=integer(minimum=1), default=30, help="Pages HTML par site (30)"
    )
    parser.add_argument("--seed", type=integer(), default=2026, help="Graine du générateur (2026)")
    parser.add_argument(
        "--phrasing",
        choices=["main", "heldout"],
        default="main",
        help="Formulations des pages : main (celles du réglage) ou heldout (tenues à part)",
    )
    parser.add_argument(
        "--misses",
        type=integer(minimum=0),
        default=0,
        help="Afficher les N premières erreurs de détection (0)",
    )
    return parser


def _print_quality(result: FarmQuality, args: argparse.Namespace) -> None:
    """The figures, the confusion table, the most frequent misses and the first `--misses`."""
    from collections import Counter

    q = result.quality
    print(
        f"{french_count(args.sites, 'site', 'sites')}, graine {args.seed}, "
        f"phrasé {args.phrasing} : {french_count(result.pages, 'page', 'pages')}, "
        f"{french_count(q.cells, 'cellule', 'cellules')}"
    )
    print(
        f"accord exact {decimal(q.exact, 4)}, service trouvé {decimal(q.service_found, 4)}, "
        f"kappa {decimal(q.kappa, 3)}"
    )
    print(q.confusion_table())
    for key, count in Counter((m.service, m.truth, m.detected) for m in result.misses).most_common(
        15
    ):
        print(f"  {key} x{count}")
    for miss in result.misses[: args.misses]:
        print(f"{miss.service} vrai {miss.truth} détecté {miss.detected} ({miss.template}) "
              f"{miss.evidence_url or miss.host}\n    {miss.rationale[:300]}")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
