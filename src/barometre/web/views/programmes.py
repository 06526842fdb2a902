"""The programme observatory: elections, themes, and each commune's lists with sentences."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from barometre.outputs.validity import programme_reading_note
from barometre.programmes.analysis.themes import DEFAULT_THEMES
from barometre.programmes.selectors import (
    commune_programmes,
    election_programmes,
    elections,
    theme_sentence_counts,
)
from barometre.web.views.common import page_of


@cache
def _theme_labels() -> dict[str, str]:
    """Theme id -> French label, read from the shipped themes file (no spaCy needed)."""
    ref = resources.files("barometre.programmes.analysis").joinpath(f"data/{DEFAULT_THEMES}")
    data = yaml.safe_load(ref.read_text(encoding="utf-8")) or {}
    return {str(t["id"]): str(t.get("label", t["id"])) for t in data.get("themes", [])}


@require_safe
def programmes_home(request: HttpRequest) -> HttpResponse:
    rows = []
    for election in elections():
        programmes = election_programmes(election)
        rows.append(
            {
                "election": election,
                "lists": len(programmes),
                "communes": len({p.commune_code for p in programmes}),
                "digital": sum(p.mentions_digital for p in programmes),
            }
        )
    context = {"rows": rows, "reading_note": programme_reading_note()}
    return render(request, "web/programmes_home.html", context)


@require_safe
def programmes_election(request: HttpRequest, election: int) -> HttpResponse:
    programmes = election_programmes(election)
    if not programmes:
        raise Http404("Élection sans programme")
    labels = _theme_labels()
    themes: dict[str, int] = {}
    for p in programmes:
        for theme in p.themes:
            themes[theme] = themes.get(theme, 0) + 1
    sentences = theme_sentence_counts([p.id for p in programmes])
    theme_rows = sorted(
        ((labels.get(t, t), n, sentences.get(t, 0)) for t, n in themes.items()),
        key=lambda r: -r[1],
    )
    context = {
        "election": election,
        "lists": len(programmes),
        "digital": sum(p.mentions_digital for p in programmes),
        "themes": theme_rows,
        "page": page_of(request, list(commune_programmes(election=election)), 20),
        "labels": labels,
        "reading_note": programme_reading_note(),
    }
    return render(request, "web/programmes_election.html", context)
