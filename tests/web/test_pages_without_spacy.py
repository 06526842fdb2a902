"""Pages show the programmes' stored analyses without spaCy: a worker's first commune or
election page took 5 to 18 s loading the French pipeline to compile the themes' cues, for their
labels alone."""

from __future__ import annotations

import sys

import pytest
from django.urls import reverse

from barometre.programmes.analysis.lexicon import french_pipeline
from barometre.programmes.analysis.themes import (
    default_themes,
    shipped_themes,
    spacy_split,
    theme_labels,
)
from barometre.programmes.models import Programme, ProgrammeSentence


def _calls() -> list[int]:
    return [
        f.cache_info().hits + f.cache_info().misses
        for f in (default_themes, spacy_split, french_pipeline)
    ]


def test_the_commune_and_election_pages_show_analyses_without_loading_spacy(
    client, site, monkeypatch: pytest.MonkeyPatch
) -> None:
    programme = Programme.objects.create(
        commune_id="44109",
        election=2026,
        list_name="Nantes en ligne",
        source_name="essai.txt",
        format="text",
        file_sha256="0" * 64,
        text="Toutes les démarches en ligne.",
        status="ok",
        won=True,
        mentions_digital=True,
        themes=["e_administration"],
    )
    ProgrammeSentence.objects.create(
        programme=programme,
        index=0,
        start=0,
        end=30,
        text=programme.text,
        themes=["e_administration"],
    )
    before = _calls()
    monkeypatch.setitem(sys.modules, "spacy", None)  # `import spacy` raises ImportError
    body = client.get(reverse("web:commune", kwargs={"code": "44109"})).content.decode()
    assert 'id="promesses-2026"' in body and "Démarches en ligne" in body
    election = client.get(reverse("web:programmes-election", kwargs={"election": 2026}))
    assert "Démarches en ligne" in election.content.decode()
    assert "2026" in client.get(reverse("web:programmes")).content.decode()
    for fmt in ("csv", "json", "html"):  # the report files the election page links
        url = reverse("web:programmes-file", kwargs={"election": 2026, "fmt": fmt})
        assert "Démarches en ligne" in client.get(url).content.decode(), fmt
    api = client.get("/api/v1/themes").json()
    assert {"id": "e_administration", "label": "Démarches en ligne"}.items() <= {
        k: v for t in api["themes"] if t["id"] == "e_administration" for k, v in t.items()
    }.items()
    assert _calls() == before  # neither the compiled themes nor a spaCy pipeline was asked for


def test_the_themes_read_alone_are_the_compiled_themes() -> None:
    compiled, shipped = default_themes(), shipped_themes()
    assert shipped.version == compiled.version and shipped.aspects == compiled.aspects
    assert [(t.id, t.label, t.description, t.disruptive) for t in shipped.themes] == [
        (t.id, t.label, t.description, t.disruptive) for t in compiled.themes
    ]
    assert theme_labels() == {t.id: t.label for t in compiled.themes}
