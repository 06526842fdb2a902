"""The farm's French phrasings, loaded from data files, with a fallback for unknown services."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from barometre.referential.catalogue import ServiceSpec


@dataclass(frozen=True, slots=True)
class ServiceText:
    """How the farm talks about one service."""

    id: str
    titles: tuple[str, ...]
    menu: str
    category: str
    office: str
    intro: tuple[str, ...]
    facts: tuple[str, ...]
    doc_title: str
    doc_file: str
    cerfa: str | None
    form_title: str
    fields: tuple[tuple[str, str, str], ...]
    routes3: tuple[str, ...]
    routes4: tuple[str, ...]
    service_public: str | None
    news: tuple[str, ...]


CATEGORIES = {
    "mairie": "Mairie et démarches",
    "enfance": "Enfance et jeunesse",
    "cadre": "Cadre de vie",
    "voirie": "Voirie et déplacements",
    "culture": "Culture et loisirs",
    "solidarite": "Solidarité",
    "associations": "Vie associative",
}


@cache
def _load(name: str) -> Any:
    text = resources.files("barometre.farm").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.safe_load(text)


PHRASINGS = ("main", "heldout")


def phrases(phrasing: str = "main") -> dict[str, Any]:
    """The generic phrasings; "heldout" replaces the slots that data/heldout/phrases.yaml has."""
    loaded: dict[str, Any] = dict(_load("phrases.yaml"))
    if phrasing == "heldout":
        loaded.update(_load("heldout/phrases.yaml"))
    return loaded


def service_text(spec: ServiceSpec, phrasing: str = "main") -> ServiceText:
    """The phrasings of a catalogue service; services the farm does not know get generic ones.

    With phrasing="heldout", titles and introductions come from data/heldout/services.yaml.
    """
    raw = _load("services.yaml").get(spec.id)
    if raw is None:
        return _generic(spec)
    if phrasing == "heldout" and spec.id in _load("heldout/services.yaml"):
        raw = {**raw, **_load("heldout/services.yaml")[spec.id]}
    fields = tuple(tuple(f.split("|")) for f in raw["form"]["fields"])
    return ServiceText(
        id=spec.id,
        titles=tuple(raw["titles"]),
        menu=raw["menu"],
        category=raw["category"],
        office=raw["office"],
        intro=tuple(raw["intro"]),
        facts=tuple(raw["facts"]),
        doc_title=raw["doc"]["title"],
        doc_file=raw["doc"]["file"],
        cerfa=raw["doc"].get("cerfa"),
        form_title=raw["form"]["title"],
        fields=fields,
        routes3=tuple(raw["routes3"]),
        routes4=tuple(raw["routes4"]),
        service_public=raw.get("service_public"),
        news=tuple(raw.get("news") or ()),
    )


def _generic(spec: ServiceSpec) -> ServiceText:
    cues = spec.cues or (spec.label,)
    label = spec.label
    return ServiceText(
        id=spec.id,
        titles=(label, f"{label} : la démarche", cues[0].capitalize()),
        menu=cues[0].capitalize(),
        category="mairie",
        office="l'accueil de la mairie",
        intro=(
            f"Cette page présente la démarche « {label} » : conditions, pièces et délais.",
            f"{cues[0].capitalize()} : voici comment procéder auprès de la mairie de {{commune}}.",
        ),
        facts=tuple(f"Renseignements sur : {cue}." for cue in cues[:5]),
        doc_title=f"Formulaire : {label}",
        doc_file=slugify(label)[:40],
        cerfa=None,
        form_title=f"{label} en ligne",
        fields=(
            ("Nom", "nom", "text"),
            ("Courriel", "email", "email"),
            ("Objet", "objet", "textarea"),
        ),
        routes3=("own-form", "demarche-numerique"),
        routes4=("account",),
        service_public=None,
        news=(),
    )


def to_office(office: str) -> str:
    """ "à" + an office with its article: au service, aux services, à la régie, à l'accueil."""
    if office.startswith("le "):
        return "au " + office[3:]
    if office.startswith("les "):
        return "aux " + office[4:]
    return "à " + office


def of(name: str) -> str:
    """ "de" + a commune's name, elided before a vowel: de Lissac, d'Orcanne."""
    return f"d'{name}" if name[:1].lower() in "aeiouyéèêâîô" else f"de {name}"


def slugify(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out = "".join(ch if ch.isalnum() else "-" for ch in folded)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def pick(rng: random.Random, options: Any) -> Any:
    return options[rng.randrange(len(options))]


def fill(template: str, **values: str) -> str:
    """Replace {name} placeholders that are given; leave the others as they are."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template
