"""A few made-up programmes for the demonstration (synthetic text, never real programmes)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from barometre.core.errors import BarometreError
from barometre.programmes.manifest import ProgrammeMeta
from barometre.programmes.models import Programme
from barometre.programmes.services import programme_import_file
from barometre.programmes.synthetic import digital_theme_ids, plain_text, synthetic_pages

DEMO_ELECTION = 2026
# (commune, list name, head of list, won): fictitious lists of the demonstration communes.
DEMO_LISTS = (
    ("44109", "Nantes en commun (démonstration)", "Liste A", True),
    ("44109", "Agir pour Nantes (démonstration)", "Liste B", False),
    ("33063", "Bordeaux demain (démonstration)", "Liste C", True),
    ("31555", "Toulouse ensemble (démonstration)", "Liste D", True),
    ("31555", "Un nouveau souffle (démonstration)", "Liste E", False),
)


def _refuse_real() -> None:
    """Refuse, before writing anything, when a real programme holds one of the demo's lists:
    the demonstration never replaces nor relabels a real programme."""
    for code, name, _head, _won in DEMO_LISTS:
        if Programme.objects.filter(
            commune_id=code, election=DEMO_ELECTION, list_name=name, is_demo=False
        ).exists():
            raise BarometreError(
                f"Un programme réel de la liste « {name} » ({code}, {DEMO_ELECTION}) existe "
                "déjà et n'est pas une démonstration : renommez la liste avant de lancer "
                "quickstart."
            )


def demo_programmes_load() -> int:
    """Import the demonstration programmes (flagged `is_demo`) unless they are there; returns
    how many were added. Refused when a real programme holds one of their lists."""
    _refuse_real()
    themes = digital_theme_ids()
    added = 0
    with tempfile.TemporaryDirectory(prefix="barometre-demo-programmes-") as folder:
        for index, (code, name, head, won) in enumerate(DEMO_LISTS):
            if Programme.objects.filter(
                commune_id=code, election=DEMO_ELECTION, list_name=name, is_demo=True
            ).exists():
                continue
            pages = synthetic_pages(
                seed=index,
                pages=3,
                digital_themes=themes[index % len(themes) :][:4],
                digital_per_page=2.0,
                distinct=True,  # a programme never says the same sentence twice
            )
            path = Path(folder) / f"programme-{index}.txt"
            path.write_text(plain_text(pages), encoding="utf-8")
            meta = ProgrammeMeta(code, DEMO_ELECTION, name, head_of_list=head, won=won)
            programme_import_file(path=path, meta=meta, ocr=False, is_demo=True)
            added += 1
    return added
