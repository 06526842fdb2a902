"""Compose the labelled set of municipal pages: `python tests/detection/labelled/build.py`.

Writes tests/detection/labelled/pages.jsonl (committed). Deterministic (fixed seed). Every page
is composed from hand-written service paragraphs (services_text.py), channel snippets
(channels.py), CMS-like shells (layouts.py) and hand-written special pages (pages_special.py);
its labels are derived from what was composed, by the rules in docs/detection-rules.md.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent.parent))

from tests.detection.labelled.channels import (  # noqa: E402
    CERFA,
    DEAD,
    FEE_SERVICES,
    LEVEL1,
    LEVEL2,
    LEVEL3_ANY,
    LEVEL3_BY_SERVICE,
    LEVEL4_ADDONS,
    LEVEL5_ADDONS,
    NOT_FOUND,
    PAIEMENT_CHANNELS,
    PAY_ADDONS,
    Channel,
)  # fmt: skip
from tests.detection.labelled.layouts import LAYOUTS, para_html, para_text  # noqa: E402
from tests.detection.labelled.pages_blind2 import BLIND2  # noqa: E402
from tests.detection.labelled.pages_free import FREE  # noqa: E402
from tests.detection.labelled.pages_holdout import HOLDOUT  # noqa: E402
from tests.detection.labelled.pages_holdout2 import HOLDOUT2  # noqa: E402
from tests.detection.labelled.pages_holdout3 import HOLDOUT3  # noqa: E402
from tests.detection.labelled.pages_patterns import PATTERNS  # noqa: E402
from tests.detection.labelled.pages_patterns3 import PATTERNS3  # noqa: E402
from tests.detection.labelled.pages_patterns4 import PATTERNS4  # noqa: E402
from tests.detection.labelled.pages_special import SPECIAL  # noqa: E402
from tests.detection.labelled.pages_wild import WILD  # noqa: E402
from tests.detection.labelled.services_text import MENTIONS, SERVICES  # noqa: E402
from tests.detection.labelled.wild_layouts import WILD_LAYOUTS, wild_record  # noqa: E402

MAX_LEVEL = {
    "actes-etat-civil": 4, "listes-electorales": 4, "recensement-citoyen": 4, "titres-identite": 3,
    "inscription-scolaire": 5, "periscolaire": 5, "paiement-famille": 4, "petite-enfance": 4,
    "accueil-loisirs": 4, "urbanisme": 4, "domaine-public": 4, "signalement": 4,
    "stationnement-resident": 4, "encombrants": 4, "objets-trouves": 3, "bibliotheque": 4,
    "logement-social": 4, "subventions-associations": 4,
}  # fmt: skip
SITES = [
    "Ville de Saint-Aubin-sur-Loire",
    "Mairie de Valcourt",
    "Commune de Montreuil-les-Prés",
    "Ville de Port-Marin",
    "Bourg-la-Reine-Blanche",
    "Ville de Sainte-Hélène",
]
HOSTS = [
    "www.saint-aubin-loire.fr",
    "www.valcourt.fr",
    "mairie-montreuil-les-pres.fr",
    "www.ville-portmarin.fr",
    "www.bourg-reine-blanche.fr",
    "www.sainte-helene.fr",
]
AUTO_RENEW = (
    "periscolaire",
    "inscription-scolaire",
    "stationnement-resident",
    "bibliotheque",
    "accueil-loisirs",
    "petite-enfance",
)


def _text_safe(channel: Channel) -> bool:
    """Whether the channel's evidence survives when only the page's text is kept."""
    if channel.name in {"fiche-pdf"}:
        return False  # its wording does not say "download": only the link did
    return not any("{{form" in p or "|/" in p for p in channel.paras) or channel.level < 3


def _channels_for(
    service: str, level: int, rng: random.Random, text_only: bool = False
) -> list[Channel]:
    """Channel snippets whose union evidences `level` (before the max_level cap)."""
    for _ in range(50):
        picked = _pick(service, level, rng)
        if not text_only or all(_text_safe(c) for c in picked):
            return picked
    raise RuntimeError(f"no text-safe channel for {service} at {level}")


def _pick(service: str, level: int, rng: random.Random) -> list[Channel]:
    if service == "paiement-famille":
        if level == 1:
            return [rng.choice(LEVEL1[:6] + LEVEL1[8:])]
        return [rng.choice(PAIEMENT_CHANNELS[min(level, 4)])]
    if level == 1:
        return [rng.choice(LEVEL1)]
    if level == 2:
        fitting = [c for c in CERFA if service in c.services]
        return [rng.choice(LEVEL2 + fitting * 2)]
    base = rng.choice(LEVEL3_BY_SERVICE.get(service, []) * 2 + LEVEL3_ANY)
    if level == 3:
        return [base]
    if level == 4:
        pool = LEVEL4_ADDONS + (PAY_ADDONS if service in FEE_SERVICES else [])
        return [base, rng.choice(pool)]
    extra = LEVEL5_ADDONS if service in AUTO_RENEW else LEVEL5_ADDONS[:2]
    return [base, rng.choice(extra)]


def _labels(service: str, channels: list[Channel]) -> dict[str, int]:
    level = max(c.level for c in channels)
    labels = {service: min(level, MAX_LEVEL[service])}
    for other, other_level in (o for c in channels for o in c.also.items()):
        labels[other] = max(labels.get(other, 0), min(other_level, MAX_LEVEL[other]))
    return labels


def _body(service: str, channels: list[Channel], rng: random.Random, mention: bool) -> list[str]:
    texts = SERVICES[service]["paras"]
    paras = rng.sample(texts, k=min(len(texts), rng.choice([2, 2, 3])))
    out = [paras[0]]
    if rng.random() < 0.5:
        out.append(
            rng.choice(["## Comment faire ?", "## La démarche", "## Modalités", "## En pratique"])
        )
    out.extend(paras[1:])
    for channel in channels:
        out.extend(channel.paras)
    if mention:
        other = rng.choice([s for s in SERVICES if s != service])
        out.append(MENTIONS[other])
    out.append(
        rng.choice(
            [
                "Horaires du service : du lundi au vendredi, 9 h – 12 h / 14 h – 17 h.",
                "Mise à jour le 14/01/2026",
                "Cette page vous a-t-elle été utile ?",
                "",
            ]
        )
    )
    return [p for p in out if p]


def _record(
    page_id: str,
    url: str,
    title: str,
    body: list[str],
    labels: dict[str, int],
    rng: random.Random,
    *,
    text_only: bool,
    dead: tuple[str, ...] = (),
    status: int = 200,
    layout: str | None = None,
) -> dict[str, object]:
    record: dict[str, object] = {"id": page_id, "url": url, "labels": labels}
    if text_only:
        keep = rng.random() < 0.7
        lines = [title, *(para_text(p, keep) for p in body)]
        record["text"] = "\n\n".join(line for line in lines if line)
    else:
        name = layout or rng.choice(sorted(LAYOUTS))
        site = SITES[rng.randrange(len(SITES))]
        crumbs = [
            "Accueil",
            rng.choice(["Démarches", "Vie pratique", "Services", "Au quotidien"]),
            title,
        ]
        record["html"] = LAYOUTS[name](site, title, crumbs, "".join(para_html(p) for p in body))
        record["layout"] = name
    if dead:
        record["dead_urls"] = list(dead)
    if status != 200:
        record["status"] = status
    return record


def build() -> list[dict[str, object]]:
    rng = random.Random(20260127)
    records: list[dict[str, object]] = []
    plan = [1, 1, 2, 2, 3, 3, 4, 5]
    for service in SERVICES:
        host = rng.choice(HOSTS)
        for n, level in enumerate(plan + [rng.choice([1, 2, 3, 4]), rng.choice([2, 3, 4, 5])]):
            text_only = n >= len(plan)
            channels = _channels_for(service, level, rng, text_only)
            title = rng.choice(SERVICES[service]["titles"])
            url = f"https://{host}/{rng.choice(SERVICES[service]['slugs'])}" + (
                "" if n < 4 else f"-{n}"
            )
            body = _body(service, channels, rng, mention=rng.random() < 0.4)
            records.append(
                _record(
                    f"{service}-{n}",
                    url,
                    title,
                    body,
                    _labels(service, channels),
                    rng,
                    text_only=text_only,
                )
            )
        dead = DEAD[rng.randrange(len(DEAD))]
        body = _body(service, [dead], rng, mention=False)
        url = f"https://{host}/{SERVICES[service]['slugs'][0]}-en-ligne"
        records.append(
            _record(
                f"{service}-dead",
                url,
                rng.choice(SERVICES[service]["titles"]),
                body,
                {service: dead.level},
                rng,
                text_only=False,
                dead=dead.dead,
            )
        )
    for n, (slug, title, body, labels, _opts) in enumerate(SPECIAL):
        host = HOSTS[n % len(HOSTS)]
        for variant, text_only in enumerate((False, True) if n % 3 == 0 else (False,)):
            records.append(
                _record(
                    f"special-{n}-{variant}",
                    f"https://{host}/{slug}",
                    title,
                    body,
                    labels,
                    rng,
                    text_only=text_only,
                )
            )
    for n, (slug, title, body, labels, opts) in enumerate(FREE):
        host = HOSTS[(n + 2) % len(HOSTS)]
        records.append(
            _record(
                f"free-{n}",
                f"https://{host}/{slug}",
                title,
                body,
                labels,
                rng,
                text_only=bool(opts.get("text")),
            )
        )
    for n, (slug, title, body, labels, opts) in enumerate(HOLDOUT):
        host = HOSTS[(n + 4) % len(HOSTS)]
        text_only = bool(opts.get("text"))
        url = f"https://{host}/{slug}"
        records.append(_record(f"holdout-{n}", url, title, body, labels, rng, text_only=text_only))
    for n, (slug, title, body, labels, opts) in enumerate(HOLDOUT2):
        host = HOSTS[(n + 1) % len(HOSTS)]
        text_only = bool(opts.get("text"))
        url = f"https://{host}/{slug}"
        records.append(_record(f"holdout2-{n}", url, title, body, labels, rng, text_only=text_only))
    for n, (slug, title, body, labels, opts) in enumerate(HOLDOUT3):
        host = HOSTS[(n + 3) % len(HOSTS)]
        text_only = bool(opts.get("text"))
        url = f"https://{host}/{slug}"
        records.append(_record(f"holdout3-{n}", url, title, body, labels, rng, text_only=text_only))
    records.append(
        _record(
            "error-404",
            f"https://{HOSTS[0]}/etat-civil/ancienne-page",
            "Page introuvable",
            [NOT_FOUND],
            {},
            rng,
            text_only=False,
            status=404,
        )
    )
    records.extend(_wild_records("wild", WILD))
    records.extend(_wild_records("blind2", BLIND2))
    records.extend(_wild_records("patterns", PATTERNS))
    records.extend(_wild_records("patterns3", PATTERNS3))
    records.extend(_wild_records("patterns4", PATTERNS4))
    return records


def _wild_records(
    group: str, pages: list[tuple[str, str, list[str], dict[str, int], dict[str, object]]]
) -> list[dict[str, object]]:
    """The later batches, in the busier shells of wild_layouts.py (no randomness)."""
    names = sorted(WILD_LAYOUTS)
    return [
        wild_record(f"{group}-{n}", slug, title, body, labels, opts, names[n % len(names)])
        for n, (slug, title, body, labels, opts) in enumerate(pages)
    ]


def main() -> None:
    records = build()
    out = HERE / "pages.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} pages -> {out}")


if __name__ == "__main__":
    main()
