"""bench/fit_calibration.py: with pages no rule was written from, the fitted model is rescaled on
them (Platt scaling), so the features keep their direction and the level follows those pages."""

from __future__ import annotations

import random
from types import ModuleType

import numpy as np
import pytest

from barometre.detection.calibration import FEATURES
from tests.benches import load_bench


def bench() -> ModuleType:
    return load_bench("fit_calibration")


def synthetic(n: int, right_when_structural: float, right_otherwise: float, seed: int):
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        structural = float(i % 2)
        features = [0.0] * len(FEATURES)
        features[FEATURES.index("structural")] = structural
        share = right_when_structural if structural else right_otherwise
        rows.append((features, rng.random() < share))
    return rows


def test_calibration_pages_rescale_the_model_without_turning_a_feature_around() -> None:
    module = bench()
    labelled = synthetic(200, 0.99, 0.9, 1)
    tuned = synthetic(200, 0.95, 0.7, 2)
    base, _, _ = module.fitted(labelled, tuned)
    # pages no rule saw: right less often, and structural evidence helps less
    unseen = synthetic(200, 0.7, 0.55, 3)
    scaled, y, w = module.fitted(labelled, tuned, unseen)
    index = 1 + FEATURES.index("structural")
    assert base[index] > 0 and 0 < scaled[index] < base[index]
    ratio = scaled[1:] / np.where(base[1:] == 0, 1, base[1:])
    assert np.allclose(ratio[base[1:] != 0], ratio[base[1:] != 0][0])  # one common scale
    probability = 1 / (1 + np.exp(-(scaled[0] + scaled[index])))
    assert abs(probability - 0.7) < 0.1  # structural cells at the unseen pages' rate
    assert len(y) == len(unseen) and (w == 1).all()


def test_more_evidence_never_gets_a_negative_weight_and_the_rest_is_refitted() -> None:
    module = bench()
    rng = random.Random(7)
    agreement, subject = FEATURES.index("agreement"), FEATURES.index("subject")
    rows = []
    for i in range(400):
        features = [0.0] * len(FEATURES)
        features[agreement] = float(i % 2)
        features[subject] = float(i % 3 == 0)
        # right less often when two kinds agree (noise a fit would follow), more on the subject
        share = 0.55 if features[agreement] else 0.75
        rows.append((features, rng.random() < share + 0.2 * features[subject]))
    x = np.array([r[0] for r in rows])
    y = np.array([float(r[1]) for r in rows])
    free = module.fit(x, y, np.ones(len(y)), 1.0)
    kept = module.fit_monotone(x, y, np.ones(len(y)), 1.0)
    assert free[1 + agreement] < 0  # the plain fit turns evidence into doubt
    assert kept[1 + agreement] == 0.0 and kept[1 + subject] > 0


def test_the_penalty_is_chosen_out_of_fold_by_site() -> None:
    module = bench()
    records = [{"url": f"https://www.ville{i % 7}.fr/page{i}"} for i in range(21)]
    folds = module.site_folds(records)
    by_site: dict[str, set[int]] = {}
    for record, fold in zip(records, folds, strict=True):
        by_site.setdefault(record["url"].split("/")[2], set()).add(fold)
    assert all(len(f) == 1 for f in by_site.values()) and len(set(folds)) == 5
    pages = [synthetic(6, 0.9, 0.6, seed) for seed in range(21)]
    ridge, table = module.choose_ridge(pages, folds)
    assert ridge in module.RIDGES and len(table) == len(module.RIDGES)
    assert min(s.log_loss for _, s in table) == dict(table)[ridge].log_loss


def test_the_fresh_share_moves_the_intercept_alone() -> None:
    module = bench()
    rows = synthetic(300, 0.9, 0.7, 11)
    x = np.array([r[0] for r in rows])
    y = np.array([float(r[1]) for r in rows])
    beta = module.fit(x, y, np.ones(len(y)), 1.0)
    moved = module.shifted_to(beta, x, 0.6)
    mean = float(np.mean(1 / (1 + np.exp(-(moved[0] + x @ moved[1:])))))
    assert abs(mean - 0.6) < 1e-6 and moved[0] < beta[0]
    assert np.array_equal(moved[1:], beta[1:])  # the order of the cells is kept
    with pytest.raises(ValueError):
        module.shifted_to(beta, x, 1.0)


def test_reviewed_html_pages_give_rows_for_their_labelled_services_only() -> None:
    module = bench()
    html = (
        "<html><head><title>Carte d'identité et passeport</title></head><body>"
        "<h1>Carte nationale d'identité</h1><p>Prenez rendez-vous en mairie pour demander "
        "votre carte d'identité ; apportez les pièces justificatives.</p></body></html>"
    )
    page = {"url": "http://127.0.0.1:9/cni", "html": html, "labels": {"titres-identite": 1}}
    [rows] = module.page_rows([page], text_only=True)
    assert rows and all(right for _, right in rows)
    elsewhere = page | {"labels": {"urbanisme": 2}, "exhaustive": False}
    assert module.page_rows([elsewhere], text_only=True) == [[]]
    assert module.page_rows([elsewhere | {"exhaustive": True}], text_only=True) != [[]]
