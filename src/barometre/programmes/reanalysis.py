"""Read stored programmes again, after the themes file changed."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from barometre.programmes.analysis import ThemeSet, analyse_texts, load_themes
from barometre.programmes.models import Programme
from barometre.programmes.services import CHUNK_FILES
from barometre.programmes.storage import programme_store_analysis


def programmes_reanalyse(
    *,
    election: int | None = None,
    themes: ThemeSet | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> int:
    """Analyse again every programme with text (of one election, or all); return how many.

    Each programme's results and evidence sentences are replaced in one transaction.
    """
    theme_set = themes or load_themes()
    queryset = Programme.objects.filter(status=Programme.Status.OK)
    if election is not None:
        queryset = queryset.filter(election=election)
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), CHUNK_FILES):
        batch = list(
            Programme.objects.filter(pk__in=ids[start : start + CHUNK_FILES]).order_by("pk")
        )
        analyses = analyse_texts([p.text for p in batch], themes=theme_set)
        for programme, analysis in zip(batch, analyses, strict=True):
            with transaction.atomic():
                programme.sentences.all().delete()
                programme_store_analysis(programme, analysis)
            done += 1
            if progress:
                progress(done, programme.list_name)
    return done
