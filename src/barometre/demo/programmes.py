"""A few made-up programmes for the demonstration (synthetic text, never real programmes).

Two elections of the same demonstration communes, so that the programme pages compare them:
2014, whose lists speak less of digital (two of them not at all, as fewer programmes did then),
and 2026. Each list names the digital themes it may speak of; its text is drawn from the
sentence bank of `programmes/synthetic.py`, always the same for the same list.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from barometre.core.errors import BarometreError
from barometre.programmes.elections import first_round
from barometre.programmes.manifest import ProgrammeMeta
from barometre.programmes.models import Programme
from barometre.programmes.services import programme_import_file
from barometre.programmes.synthetic import plain_text, synthetic_pages


@dataclass(frozen=True, slots=True)
class DemoList:
    """A fictitious list of a demonstration commune, its head a made-up person named as such
    (« Personne fictive A »: « Liste A » read as another list's name on the pages);
    `themes` are the digital themes its programme may speak of (none: a programme without a
    digital sentence)."""

    commune: str
    name: str
    head: str
    won: bool
    themes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DemoElection:
    year: int
    lists: tuple[DemoList, ...]
    digital_per_page: float  # about how many digital sentences a page of its programmes holds
    seed: int  # of its first list's text; the next lists take the next seeds

    def file_name(self, position: int) -> str:
        # 2026's names are those migration programmes 0004 recognises
        prefix = "programme" if self.year == 2026 else f"programme-{self.year}"
        return f"{prefix}-{position}.txt"

    def published_on(self, position: int) -> dt.date | None:
        """A made-up publication date, three to six weeks before the first round; none for the
        fifth list, so that the pages show a programme known by its import date only."""
        if position >= 4:
            return None
        return first_round(self.year) - dt.timedelta(days=21 + 7 * position)

    def source_url(self, position: int) -> str:
        """A made-up address under `.test` (a domain reserved, never resolved) for every other
        list: never the address of a real site."""
        if position % 2:
            return ""
        return f"https://liste-{position + 1}.demo-{self.year}.test/programme.pdf"


# Laid out as a table, one list a line with its themes under it (not reformatted: fmt: skip).
DEMO_ELECTIONS = (
    DemoElection(
        2014,
        (
            DemoList("44109", "Nantes, ville ouverte (démonstration)", "Personne fictive F", True,
                     ("site_web",)),
            DemoList("44109", "Nantes autrement (démonstration)", "Personne fictive G", False),
            DemoList("33063", "Bordeaux en avant (démonstration)", "Personne fictive H", True,
                     ("tres_haut_debit", "site_web")),
            DemoList("31555", "Toulouse pour tous (démonstration)", "Personne fictive I", True,
                     ("ecole_numerique", "tres_haut_debit")),
            DemoList("31555", "Le renouveau toulousain (démonstration)", "Personne fictive J",
                     False),
        ),
        digital_per_page=0.8,
        seed=2014,
    ),
    DemoElection(
        2026,
        (
            DemoList("44109", "Nantes en commun (démonstration)", "Personne fictive A", True,
                     ("guichet_unique", "site_web", "ecole_numerique", "tres_haut_debit")),
            DemoList("44109", "Agir pour Nantes (démonstration)", "Personne fictive B", False,
                     ("site_web", "ecole_numerique", "tres_haut_debit", "e_administration")),
            DemoList("33063", "Bordeaux demain (démonstration)", "Personne fictive C", True,
                     ("ecole_numerique", "tres_haut_debit", "e_administration", "open_data")),
            DemoList("31555", "Toulouse ensemble (démonstration)", "Personne fictive D", True,
                     ("tres_haut_debit", "e_administration", "open_data", "participation")),
            DemoList("31555", "Un nouveau souffle (démonstration)", "Personne fictive E", False,
                     ("e_administration", "open_data", "participation", "inclusion_numerique")),
        ),
        digital_per_page=2.0,
        seed=0,
    ),
)  # fmt: skip


def _refuse_real() -> None:
    """Refuse, before writing anything, when a real programme holds one of the demo's lists
    (same commune, election and list name): the demonstration never replaces nor relabels a
    real programme."""
    for election in DEMO_ELECTIONS:
        for item in election.lists:
            if _held(election, item, demo=False):
                raise BarometreError(
                    f"Un programme réel de la liste « {item.name} » ({item.commune}, "
                    f"{election.year}) existe déjà et n'est pas une démonstration : renommez la "
                    "liste avant de lancer quickstart."
                )


def demo_programmes_load() -> int:
    """Import the demonstration programmes of every demo election (flagged `is_demo`) unless
    they are there; returns how many were added. Refused when a real programme holds one of
    their lists."""
    _refuse_real()
    added = 0
    with tempfile.TemporaryDirectory(prefix="barometre-demo-programmes-") as folder:
        for election in DEMO_ELECTIONS:
            for position, item in enumerate(election.lists):
                if _held(election, item, demo=True):
                    continue
                _import(election, position, item, Path(folder))
                added += 1
    return added


def _held(election: DemoElection, item: DemoList, *, demo: bool) -> bool:
    """Whether a programme, of the demonstration or (`demo` False) real, holds the list."""
    return Programme.objects.filter(
        commune_id=item.commune, election=election.year, list_name=item.name, is_demo=demo
    ).exists()


def _import(election: DemoElection, position: int, item: DemoList, folder: Path) -> None:
    pages = synthetic_pages(
        seed=election.seed + position,
        pages=3,
        digital_themes=item.themes,
        digital_per_page=election.digital_per_page,
        distinct=True,  # a programme never says the same sentence twice
    )
    path = folder / election.file_name(position)
    path.write_text(plain_text(pages), encoding="utf-8")
    meta = ProgrammeMeta(
        item.commune,
        election.year,
        item.name,
        head_of_list=item.head,
        won=item.won,
        source_url=election.source_url(position),
        published_on=election.published_on(position),
    )
    programme_import_file(path=path, meta=meta, ocr=False, is_demo=True)
