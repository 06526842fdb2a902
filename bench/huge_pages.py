"""The audit's detection time on pages of very many links or other elements, against a typical
page.

    PYTHONPATH=src python bench/huge_pages.py [--repeat 3] [--count 20000]

Detection runs in the audit process on every HTML page the crawl sends (`AuditConsumer`). Its
work grows with the elements it reads one by one: each link that may carry a signal (a link out
of the site, a link whose words name a procedure), button, field, form, frame and heading is
read with its surroundings (all the text of its paragraph: quadratic when thousands share one,
or when blocks nest thousands deep), each option of a list is a line. For each page this prints
the median time of detection reading the page whole (`analyse_page`, as the audit did) and as
the audit reads it now (`consumer.page_reading`: up to its first element past a limit of
`crawler/reading.py`), and which limit cut it. The typical page is the median of the labelled
set's HTML pages (tests/detection/labelled/pages.jsonl), each read as the audit reads it (the
limits' scan included). The line of one paragraph of 90 KB took 20 s before the cue index
searched each line once per service (docs/CHANGELOG-detection.md, 2026-12-07).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("BAROMETRE_HOME", tempfile.mkdtemp(prefix="barometre-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometre.settings")
import django  # noqa: E402 (the audit's consumer imports the models)

django.setup()

from barometre.collection.crawler.jobs import PageFetched  # noqa: E402
from barometre.collection.crawler.links import MAX_LINKS  # noqa: E402
from barometre.collection.crawler.reading import page_part  # noqa: E402
from barometre.collection.services.consumer import page_reading  # noqa: E402
from barometre.detection import Page, analyse_page, load_platforms  # noqa: E402
from barometre.referential.catalogue import default_catalogue  # noqa: E402

LABELLED = Path(__file__).resolve().parent.parent / "tests/detection/labelled/pages.jsonl"
URL = "https://www.ville.test/plan-des-liens"
WITHIN = '<li><a href="/page-{i}">Page numéro {i}</a></li>'  # the site's own pages
OUT = '<a href="https://portail{i}.example.org/demarche">Faire une demande {i}</a> '
# (name, one element written with {i}, around them) for --count of each
SHAPES = (
    ("buttons in one block", "<button>Valider la demande {i}</button>", "<div>{}</div>"),
    ("buttons, each in a paragraph", "<p><button>Valider {i}</button></p>", "{}"),
    ("submit inputs", '<input type="submit" value="Payer {i}">', "<div>{}</div>"),
    ("forms of 2 fields", '<form action="/f{i}"><input name="a"><input name="b"><button>Envoyer'
     "</button></form>", "{}"),
    ("fields of one form", '<input name="a{i}">', '<form action="/f">{}</form>'),
    ("frames", '<iframe src="https://cadre{i}.example.org/"></iframe>', "{}"),
    ("headings", "<h2>Section {i}</h2><p>texte</p>", "{}"),
    ("options of one list", "<option>Commune {i}</option>", "<form><select>{}</select></form>"),
    ("table cells", "<tr><td>Cellule {i}</td></tr>", "<table>{}</table>"),
    ("links out in one paragraph", OUT, "<p>{}</p>"),
    ("links out, nested blocks", '<div><a href="https://p{i}.example.org/">Faire {i}</a>',
     "{}"),
    ("text elements nested", "<span><i>{i}", "{}"),
    ("empty lists", "<ul></ul>", "{}"),
    ("links in, naming a procedure", '<li><a href="/demarches/formulaire-{i}">Faire une '
     "demande {i}</a></li>", "<ul>{}</ul>"),
)  # fmt: skip


def links_page(count: int, link: str) -> bytes:
    """A page of `count` links written as `link`, after a short introduction."""
    links = "".join(link.format(i=i) for i in range(count))
    return (
        "<html><head><title>Plan des liens</title></head><body><main><h1>Liens</h1>"
        f"<p>Toutes les pages et démarches de la commune.</p><ul>{links}</ul></main></body></html>"
    ).encode()


def median_ms(read: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        read()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="readings of each huge page")
    parser.add_argument("--count", type=int, default=20_000, help="elements of each shape")
    parser.add_argument("--whole", action="store_true", help="time the shapes read whole too")
    args = parser.parse_args()
    catalogue, platforms = default_catalogue(), load_platforms()

    def whole(body: bytes) -> object:
        return analyse_page(Page(URL, html=body), catalogue=catalogue, platforms=platforms)

    def audited(body: bytes) -> object:
        event = PageFetched("00000", URL, 200, "text/html", body, "utf-8", 0, False)
        return page_reading(event, catalogue, platforms)

    def cut(body: bytes) -> str:
        return page_part(body, "www.ville.test").note or "-"

    with LABELLED.open(encoding="utf-8") as handle:
        typical = [r["html"].encode() for r in map(json.loads, handle) if r.get("html")]
    whole(typical[0])  # loads the cue index and the models: not timed
    each = [median_ms(lambda b=b: audited(b), 1) for b in typical]
    print(
        f"typical page (median of {len(typical)} labelled pages): {statistics.median(each):.1f} ms"
    )
    print(f"{'page':<38}{'size':>9}{'read whole':>13}{'as audited':>13}  limit")
    for count in (MAX_LINKS, 100_000):
        for name, link in (("within the site", WITHIN), ("out, naming a procedure", OUT)):
            body = links_page(count, link)
            before = median_ms(lambda b=body: whole(b), args.repeat)
            after = median_ms(lambda b=body: audited(b), args.repeat)
            label = f"{count:,} links {name}"
            size = f"{len(body) / 1e6:.1f} MB"
            print(f"{label:<38}{size:>9}{before:>10.0f} ms{after:>10.0f} ms  {cut(body)}")
    words = "Vous pouvez faire une demande d'acte de naissance en ligne. " * 1500
    body = f"<html><body><main><p>{words}</p></main></body></html>".encode()
    took = median_ms(lambda: audited(body), args.repeat)
    label, size = "one paragraph naming a service", f"{len(body) / 1e6:.1f} MB"
    print(f"{label:<38}{size:>9}{'':>13}{took:>10.0f} ms  {cut(body)}")
    for name, element, around in SHAPES:
        items = "".join(element.format(i=i) for i in range(args.count))
        body = links_page(0, "").replace(b"<ul></ul>", around.format(items).encode())
        before = median_ms(lambda b=body: whole(b), 1) if args.whole else None
        after = median_ms(lambda b=body: audited(b), args.repeat)
        label, size = f"{args.count:,} {name}", f"{len(body) / 1e6:.1f} MB"
        was = f"{before:>10.0f} ms" if before is not None else f"{'':>13}"
        print(f"{label:<38}{size:>9}{was}{after:>10.0f} ms  {cut(body)}")


if __name__ == "__main__":
    main()
