"""THE PARAPHRASE TEST of detection: the level must hold when a channel is said in other words.

Every channel snippet of tests/detection/labelled/channels.py has at least two rewrites by
another hand (tests/detection/labelled/rewrites_other_hand.py). Each rewrite is composed into a
page as build.py composes the labelled pages (a service's paragraphs, the snippet, a CMS shell;
a level-4 or level-5 add-on goes on top of an original level-3 channel) and read by the
detector. The share of rewrites whose page gets the source's level must reach
`paraphrases_detection` in tests/quality_floors.yaml. Run with `-s` to see the misses.
"""

from __future__ import annotations

import random
import re

import pytest
import yaml
from scipy.stats import binomtest

from barometre.detection import PlatformRegistry
from barometre.detection.evaluation import labelled_cells
from barometre.referential.catalogue import CatalogueSpec
from tests.detection.labelled.build import AUTO_RENEW, HOSTS, MAX_LEVEL, _body, _labels, _record
from tests.detection.labelled.channels import (
    FEE_SERVICES,
    LEVEL3_ANY,
    LEVEL3_BY_SERVICE,
    LEVEL4_ADDONS,
    LEVEL5_ADDONS,
    PAIEMENT_CHANNELS,
    PAY_ADDONS,
    Channel,
)
from tests.detection.labelled.layouts import LAYOUTS
from tests.detection.labelled.rewrites_other_hand import REWRITES, SOURCES, Rewrite
from tests.detection.labelled.services_text import SERVICES
from tests.detection.test_quality_gate import FLOORS

MARKUP = re.compile(r"\|([^\]]+)\]\]|\{\{[^}]+\}\}")
BY_SERVICE = {c.name: s for s, group in LEVEL3_BY_SERVICE.items() for c in group}
FAMILY_BILLS = {c.name for group in PAIEMENT_CHANNELS.values() for c in group}
ADDONS = {c.name for c in [*LEVEL4_ADDONS, *PAY_ADDONS, *LEVEL5_ADDONS]}


def _service(rewrite: Rewrite, rng: random.Random) -> str:
    """A service the source channel is composed with in build.py, at a max_level that keeps
    the source's level."""
    source = SOURCES[rewrite.source]
    if source.name in BY_SERVICE:
        return BY_SERVICE[source.name]
    if source.name in FAMILY_BILLS:
        return "paiement-famille"
    if source.services:
        return rng.choice(source.services)
    if source in PAY_ADDONS:
        return rng.choice(FEE_SERVICES)
    if source in LEVEL5_ADDONS:
        return rng.choice([s for s in AUTO_RENEW if MAX_LEVEL[s] == 5])
    fitting = [s for s in SERVICES if s != "paiement-famille" and MAX_LEVEL[s] >= source.level]
    return rng.choice(fitting)


def _channels(rewrite: Rewrite, service: str, rng: random.Random) -> list[Channel]:
    """The rewrite, with an original level-3 channel below it when it is an add-on."""
    if rewrite.source not in ADDONS:
        return [rewrite.channel]
    bases = [c for c in LEVEL3_BY_SERVICE.get(service, []) * 2 + LEVEL3_ANY if c.level == 3]
    return [rng.choice(bases), rewrite.channel]


def paraphrase_records() -> list[tuple[Rewrite, str, dict[str, object]]]:
    """(rewrite, service, labelled page) for every rewrite, deterministically."""
    out = []
    layouts = sorted(LAYOUTS)
    for n, rewrite in enumerate(REWRITES):
        rng = random.Random(f"paraphrase-{n}-{rewrite.source}")
        service = _service(rewrite, rng)
        channels = _channels(rewrite, service, rng)
        body = _body(service, channels, rng, mention=n % 3 == 0)
        url = f"https://{HOSTS[n % len(HOSTS)]}/{rng.choice(SERVICES[service]['slugs'])}-{n}"
        record = _record(
            f"paraphrase-{n}-{rewrite.source}",
            url,
            rng.choice(SERVICES[service]["titles"]),
            body,
            _labels(service, channels),
            rng,
            text_only=False,
            dead=tuple(d for c in channels for d in c.dead),
            layout=layouts[n % len(layouts)],
        )
        out.append((rewrite, service, record))
    return out


def test_every_channel_has_two_rewrites_that_keep_its_evidence() -> None:
    counts = {name: 0 for name in SOURCES}
    for rewrite in REWRITES:
        source = SOURCES[rewrite.source]
        counts[rewrite.source] += 1
        assert rewrite.level == source.level, rewrite.source
        assert rewrite.channel.paras != source.paras, rewrite.source
        markup = [sorted(MARKUP.findall(" ".join(c.paras))) for c in (rewrite.channel, source)]
        assert markup[0] == markup[1], rewrite.source  # same links, forms and buttons
    assert min(counts.values()) >= 2, {n: k for n, k in counts.items() if k < 2}


def test_every_composed_paraphrase_page_carries_the_source_level() -> None:
    for rewrite, service, record in paraphrase_records():
        assert record["labels"] == {service: rewrite.level}, rewrite


@pytest.mark.slow
def test_the_level_holds_on_the_rewrites_by_another_hand(
    catalogue: CatalogueSpec, platforms: PlatformRegistry
) -> None:
    floor = yaml.safe_load(FLOORS.read_text(encoding="utf-8"))["paraphrases_detection"]
    held, misses, worded = 0, [], [0, 0]  # worded: held and n among rewrites without markup
    composed = paraphrase_records()
    cells = labelled_cells([r for _, _, r in composed], catalogue=catalogue, platforms=platforms)
    found = {(c.page, c.service): c.predicted for c in cells}
    for rewrite, service, record in composed:
        truth = record["labels"][service]  # type: ignore[index]
        predicted = found[(str(record["id"]), service)]
        if not any("[[" in p or "{{" in p for p in rewrite.channel.paras):
            worded[0] += predicted == truth
            worded[1] += 1
        if predicted == truth:
            held += 1
        else:
            text = " / ".join(rewrite.channel.paras)
            misses.append(
                f"{record['id']} ({service}): vrai {truth}, détecté {predicted} « {text} »"
            )
    n = len(composed)
    interval = binomtest(held, n).proportion_ci(method="wilson")  # 95 %
    report = "\n".join(
        [
            f"Paraphrases (détection) : niveau tenu sur {held}/{n} = {held / n:.3f} "
            f"(IC 95 % de Wilson {interval.low:.3f}–{interval.high:.3f}), plancher {floor} ; "
            f"dont {worded[0]}/{worded[1]} parmi les réécritures sans lien ni formulaire",
            *misses,
        ]
    )
    print(report)
    assert held / n >= floor, report
