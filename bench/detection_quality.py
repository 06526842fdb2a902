"""Detection quality on the labelled set: confusion matrix, per-service figures, errors.

    /work/venv/bin/python bench/detection_quality.py [--errors] [--time]

Reads tests/detection/labelled/pages.jsonl (pages written for barometre, see docs/detection.md).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from barometre.detection import Page, analyse_page, load_platforms
from barometre.detection.evaluation import Cell, labelled_cells, quality
from barometre.referential.catalogue import default_catalogue

LABELLED = Path(__file__).resolve().parent.parent / "tests/detection/labelled/pages.jsonl"


def load(path: Path = LABELLED) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _group(page_id: str) -> str:
    """generated (composed), special, free (free-form), holdout*, wild, blind2 (held out)."""
    prefix = page_id.split("-", 1)[0]
    named = {
        "special",
        "free",
        "holdout",
        "holdout2",
        "holdout3",
        "wild",
        "blind2",
        "patterns",
        "patterns3",
        "patterns4",
        "error",
    }
    return prefix if prefix in named else "generated"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list the cells in disagreement")
    parser.add_argument("--time", action="store_true", help="time analyse_page on the set")
    args = parser.parse_args()
    records = load()
    cells = labelled_cells(records, catalogue=default_catalogue(), platforms=load_platforms())
    result = quality(cells)
    print(f"pages: {len(records)}  cells: {result.cells}")
    print(f"exact agreement: {result.exact:.3f}  quadratic weighted kappa: {result.kappa:.3f}")
    print(
        f"service found: {result.service_found:.3f} of {result.labelled_services}"
        f"  false services: {result.false_services}"
    )
    print(result.confusion_table())
    groups: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells:
        groups[_group(cell.page)].append(cell)
    print(f"\n{'group':<26} cells exact kappa found")
    for group, members in sorted(groups.items()):
        q = quality(members)
        print(f"{group:<26} {q.cells:>5} {q.exact:>5.2f} {q.kappa:>5.2f} {q.service_found:>5.2f}")
    per: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells:
        per[cell.service].append(cell)
    print(f"\n{'service':<26} cells exact found false")
    for service in default_catalogue().ids:
        q = quality(per.get(service, []))
        print(
            f"{service:<26} {q.cells:>5} {q.exact:>5.2f}"
            f" {q.service_found:>5.2f} {q.false_services:>5}"
        )
    if args.errors:
        print("\npage / service: truth -> predicted")
        for cell in cells:
            if cell.truth != cell.predicted:
                print(f"  {cell.page} / {cell.service}: {cell.truth} -> {cell.predicted}")
    if args.time:
        timing(records)


def synthetic_page(n: int, *, heavy: bool) -> Page:
    """A 30-80 KB municipal page: inline CSS and scripts, a mega-menu, a footer, and a main
    content of about 1,200 words and 15 links (heavy: 35 sections and 175 links in the main)."""
    menu = "".join(
        f'<li><a href="/rubrique-{n}-{k}">Rubrique {k} de la ville {n}</a></li>' for k in range(120)
    )
    css = "".join(f".c{n}-{k}{{margin:{k}px;color:#{k:03d}}}" for k in range(700))
    script = (
        '{"events":[' + ",".join(f'{{"id":{k},"t":"Evenement {k}"}}' for k in range(300)) + "]}"
    )
    words = "Le service accueille les habitants du lundi au vendredi et répond à leurs demandes. "
    sections = 35 if heavy else 6
    links = 5 if heavy else 2
    body = "".join(
        f"<h2>Rubrique {k}</h2><p>{words * (5 if heavy else 12)}</p><ul>"
        + "".join(
            f'<li><a href="/page-{n}-{k}-{j}">Page {j}</a> détail {n}</li>' for j in range(links)
        )
        + "</ul>"
        for k in range(sections)
    )
    body += '<p>Téléchargez le <a href="/f/formulaire.pdf">formulaire de demande (PDF)</a>.</p>'
    html = (
        f"<html><head><title>Médiathèque {n}</title><style>{css}</style>"
        f'<script type="application/json">{script}</script></head><body>'
        f'<header><nav class="menu"><ul>{menu}</ul></nav></header>'
        f"<main><h1>La médiathèque</h1>{body}</main>"
        f"<footer><ul>{menu[: len(menu) // 3]}</ul></footer></body></html>"
    )
    return Page(url=f"https://www.ville-{n}.fr/culture/mediatheque", html=html)


def timing(records: list[dict[str, object]]) -> None:
    catalogue, platforms = default_catalogue(), load_platforms()
    labelled = [
        Page(url=str(r["url"]), html=r.get("html"), text=r.get("text"))  # type: ignore[arg-type]
        for r in records
    ]
    for name, pages in (
        ("labelled set", labelled),
        ("typical", [synthetic_page(n, heavy=False) for n in range(60)]),
        ("heavy", [synthetic_page(n, heavy=True) for n in range(60)]),
    ):
        analyse_page(pages[0], catalogue=catalogue, platforms=platforms)
        size = sum(len(str(p.html or p.text or "").encode()) for p in pages) / len(pages) / 1024
        started = time.process_time()
        for page in pages:
            analyse_page(page, catalogue=catalogue, platforms=platforms)
        spent = (time.process_time() - started) / len(pages)
        print(f"CPU per page, {name} ({size:.0f} KB on average): {spent * 1000:.2f} ms")


if __name__ == "__main__":
    main()
