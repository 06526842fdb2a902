"""The learned level stage: model file, monotone probabilities, one-step policy, French
rationale, a hand-written page moved by a known model, and the fit script's reproducibility."""

from __future__ import annotations

import json
import zlib
from types import ModuleType

import pytest

from barometre.core.errors import ValidationFailed
from barometre.detection import Page, analyse_page
from barometre.detection.batch import analysis_record
from barometre.detection.learned import (
    LevelModel,
    default_level_model,
    level_model_from_dict,
    match_features,
)
from tests.benches import load_bench

DIM = 64

# A request sent by e-mail on a page that also says "demande en ligne" in passing.
EMAIL_PAGE = Page(
    url="https://www.ville-essai.fr/urbanisme/declaration-prealable",
    text=(
        "Déclaration préalable de travaux\n\n"
        "Le dépôt d'une demande d'autorisation d'urbanisme peut se faire en ligne.\n"
        "Envoyez le dossier complet par courriel au service urbanisme, qui vous répondra."
    ),
)


def slot(name: str, dim: int = DIM) -> int:
    return zlib.crc32(name.encode("utf-8")) % dim


def model(intercepts: tuple[float, ...], weights: tuple[dict[int, float], ...]) -> LevelModel:
    return LevelModel(DIM, (0, 1, 2, 3), intercepts, weights)


def always(z: float) -> LevelModel:
    return model((z, z, z, z), ({}, {}, {}, {}))


def test_the_stored_model_loads_with_four_thresholds() -> None:
    stored = default_level_model()
    assert stored.thresholds == (0, 1, 2, 3)
    assert stored.move_probability == pytest.approx(0.7)
    assert len(stored.weights) == 4 and stored.dim > 0


@pytest.mark.parametrize(
    "names",
    [["bias"], ["bias", "rule:1", "kind:account"], ["bias", "rule:4", "kind:payment", "x"] * 3],
)
def test_probabilities_never_increase_with_the_threshold(names: list[str]) -> None:
    for candidate in (default_level_model(), model((-1.0, 2.0, -3.0, 4.0), ({}, {}, {}, {}))):
        p = candidate.probabilities(names)
        assert all(a >= b for a, b in zip(p, p[1:], strict=False))


@pytest.mark.parametrize("z", [-30.0, 30.0])
@pytest.mark.parametrize("rule", [1, 2, 3, 4])
def test_a_move_never_exceeds_one_step_nor_the_ceiling(z: float, rule: int) -> None:
    level, probability = always(z).proposed(rule, 4, ["bias"])
    assert abs(level - rule) <= 1 and level <= 4 and 0.0 <= probability <= 1.0
    assert always(z).proposed(3, 3, ["bias"])[0] in (2, 3)


def test_a_page_moved_up_says_so_in_french_and_keeps_the_rule_level() -> None:
    analysis = analyse_page(EMAIL_PAGE, level_model=always(30.0))
    match = analysis.service("urbanisme")
    assert match is not None and match.rule_level == 3 and match.level == 4
    assert match.rationale.startswith("Niveau 4 (transaction) retenu par le modèle appris")
    assert "(les règles proposaient le niveau 3)" in match.rationale
    assert analysis_record("p", analysis)["services"][0]["rule_level"] == 3


def test_without_the_stage_the_rule_level_is_the_level() -> None:
    analysis = analyse_page(EMAIL_PAGE, level_model=None)
    assert [(m.level, m.rule_level) for m in analysis.services] == [(3, 3)]


def test_a_hand_written_page_with_an_email_request_moves_down_by_its_evidence() -> None:
    # a model that reads the e-mail request as evidence against level 3 (P(level > 2) low)
    pushed = model((9.0, 9.0, 0.0, -9.0), ({}, {}, {slot("kind:email_only"): -9.0}, {}))
    match = analyse_page(EMAIL_PAGE, level_model=pushed).service("urbanisme")
    assert match is not None and (match.rule_level, match.level) == (3, 2)
    features = match_features(match, 4, (), text_only=True)
    assert "kind:email_only" in features and "rule:3" in features
    assert not any(word in " ".join(features) for word in ("dossier", "courriel au"))


def test_a_move_to_zero_drops_the_service() -> None:
    page = Page(
        url="https://www.ville-essai.fr/objets-trouves",
        text="Objets trouvés\n\nLes objets trouvés sont gardés un an à l'accueil de la mairie.",
    )
    assert [m.level for m in analyse_page(page, level_model=None).services] == [1]
    assert analyse_page(page, level_model=always(-30.0)).services == ()
    moved = analyse_page(EMAIL_PAGE, level_model=always(-30.0)).service("urbanisme")
    assert moved is not None and (moved.rule_level, moved.level) == (3, 2)  # one step only


def test_a_malformed_model_is_refused_in_french() -> None:
    with pytest.raises(ValidationFailed, match="Modèle de niveau"):
        level_model_from_dict({"dim": 8, "thresholds": [0, 1], "models": [{"intercept": 0}]})


@pytest.mark.parametrize("number", [float("nan"), float("inf")], ids=repr)
def test_a_model_with_a_number_that_is_no_number_is_refused(number: float) -> None:
    """json.loads reads NaN and Infinity: such a model left every level as the rules put it."""
    text = json.dumps(
        {"dim": 8, "thresholds": [0], "models": [{"intercept": 0.0, "weights": {"3": number}}]}
    )
    with pytest.raises(ValidationFailed) as error:
        level_model_from_dict(json.loads(text))
    assert error.value.problems == ["constante ou poids NaN ou infini"]


def fit_script() -> ModuleType:
    return load_bench("fit_level_model")


def test_the_fit_script_reproduces_its_json_on_a_tiny_fixture() -> None:
    pytest.importorskip("sklearn")
    fit = fit_script()
    rows = [
        fit.Row(f"p{i}", f"h{i}", "urbanisme", rule, truth, 4, names, 1.0)
        for i, (rule, truth, names) in enumerate(
            [
                (3, 3, ("bias", "rule:3", "kind:teleservice")),
                (3, 2, ("bias", "rule:3", "kind:teleservice", "kind:email_only")),
                (1, 1, ("bias", "rule:1")),
                (1, 0, ("bias", "rule:1", "page:news")),
                (4, 4, ("bias", "rule:4", "kind:payment")),
                (2, 2, ("bias", "rule:2", "kind:download_form")),
            ]
        )
    ]
    first, second = fit.fit(rows, dim=DIM), fit.fit(rows, dim=DIM)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    loaded = level_model_from_dict(json.loads(json.dumps(first)))
    from sklearn.linear_model import LogisticRegression

    x = fit.matrix(rows, DIM)
    y = [int(r.truth > 1) for r in rows]
    reference = LogisticRegression(C=fit.C, solver="lbfgs", max_iter=2000).fit(x, y)
    for row, expected in zip(rows, reference.predict_proba(x)[:, 1], strict=True):
        raw = loaded.intercepts[1] + sum(
            loaded.weights[1].get(s, 0.0) * v for s, v in fit.hashed(row.names, DIM).items()
        )
        assert 1 / (1 + pow(2.718281828459045, -raw)) == pytest.approx(expected, abs=1e-3)


def test_the_model_is_enabled_only_when_it_beats_the_rules_out_of_fold() -> None:
    fit = fit_script()

    def row(rule: int, truth: int) -> object:
        return fit.Row("p", "h", "urbanisme", rule, truth, 4, ("bias",), 1.0)

    real = [row(3, 2), row(3, 2), row(3, 3)]
    labelled = [row(1, 1), row(2, 2)]
    # two right moves (3 -> 2 where 2 is labelled) and one wrong one (3 -> 2 where 3 was right)
    ok = fit.verdict(labelled, real, [1, 2, 2, 2, 2])
    assert ok["enabled"] and ok["real_moves"] == {"right": 2, "wrong": 1, "other": 0}
    # the same moves, plus one wrong move on the labelled set: not enabled
    assert not fit.verdict(labelled, real, [1, 3, 2, 2, 2])["enabled"]
    # as many wrong as right moves on the real pages: not enabled
    assert not fit.verdict(labelled, real, [1, 2, 2, 3, 2])["enabled"]


def test_the_stored_model_is_applied_by_default_only_when_enabled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from barometre.detection import learned

    monkeypatch.setattr(learned, "stored_model_enabled", lambda: False)
    assert learned.resolve(learned.DEFAULT) is None
    monkeypatch.setattr(learned, "stored_model_enabled", lambda: True)
    assert learned.resolve(learned.DEFAULT) is default_level_model()
    explicit = always(1.0)
    assert learned.resolve(explicit) is explicit
    monkeypatch.setattr(learned, "stored_model_enabled", lambda: False)
    pushed = analyse_page(EMAIL_PAGE, level_model=always(30.0)).service("urbanisme")
    assert pushed is not None and pushed.rule_level != pushed.level  # on demand, still applied


def test_the_fit_script_reads_reviewed_pages_on_their_labelled_services_only() -> None:
    module = load_bench("fit_level_model")
    html = (
        "<html><head><title>Carte d'identité et passeport</title></head><body>"
        "<h1>Carte nationale d'identité</h1><p>Prenez rendez-vous en mairie pour demander "
        "votre carte d'identité ; apportez les pièces justificatives.</p></body></html>"
    )
    page = {"id": "c-1", "url": "http://127.0.0.1:9/cni", "html": html}
    labelled = module.rows_of([page | {"labels": {"titres-identite": 1}}], weight=1.0)
    assert [(r.service, r.truth) for r in labelled] == [("titres-identite", 1)]
    elsewhere = page | {"labels": {"urbanisme": 2}, "exhaustive": False}
    assert module.rows_of([elsewhere], weight=1.0) == []
