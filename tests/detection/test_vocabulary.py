"""The vocabulary model: a text page about a service in words the cues lack is found; it reads
TF-IDF exactly as scikit-learn computes it; a malformed model file is refused in French."""

from __future__ import annotations

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from barometre.core.errors import ValidationFailed
from barometre.detection import Page, analyse_page
from barometre.detection.vocabulary import service_model_from_dict

URL = "https://mairie-exemple.fr/infos/page"


@pytest.mark.parametrize(
    ("text", "service"),
    [
        (
            "Chaque année, les parents des enfants nés en 2022 viennent en mairie pour faire "
            "entrer leur enfant en petite section. Ils apportent le livret de famille et un "
            "justificatif de domicile ; la directrice reçoit ensuite les familles.",
            "inscription-scolaire",
        ),
        (
            "Vous avez égaré un sac, des clés ou un téléphone ? Les objets rapportés à l'accueil "
            "sont gardés un an. Passez avec une pièce d'identité pour récupérer ce qui vous "
            "appartient.",
            "objets-trouves",
        ),
    ],
)
def test_a_text_page_about_a_service_in_words_the_cues_lack_is_found(
    text: str, service: str
) -> None:
    found = {m.service: m.level for m in analyse_page(Page(url=URL, text=text)).services}
    assert found == {service: 1}
    match = analyse_page(Page(url=URL, text=text)).services[0]
    assert "vocabulaire de la page" in match.signals[0].detail


def test_html_pages_are_left_to_the_rules() -> None:
    html = (
        "<html><head><title>Infos</title></head><body><p>Vous avez égaré un sac, des clés ou "
        "un téléphone ? Les objets rapportés à l'accueil sont gardés un an. Passez avec une "
        "pièce d'identité pour récupérer ce qui vous appartient.</p></body></html>"
    )
    assert analyse_page(Page(url=URL, html=html.encode())).services == ()


def test_the_vector_is_scikit_learns_tfidf() -> None:
    docs = ["la cantine de l'école", "la cantine ouvre", "école de musique et cantine"]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(docs)
    terms = sorted(vectorizer.vocabulary_, key=lambda t: vectorizer.vocabulary_[t])
    model = service_model_from_dict(
        {
            "threshold": 0.5,
            "terms": [[t, float(vectorizer.idf_[i])] for i, t in enumerate(terms)],
            "services": {"periscolaire": {"intercept": 0.0, "weights": [1.0] * len(terms)}},
        }
    )
    text = "la cantine de l'école et la cantine"
    expected = vectorizer.transform([text]).toarray()[0]
    got = model.vector(text)
    assert all(abs(got.get(i, 0.0) - value) < 1e-9 for i, value in enumerate(expected))


def test_a_malformed_model_file_is_refused_with_every_problem() -> None:
    with pytest.raises(ValidationFailed) as error:
        service_model_from_dict({"terms": "x", "threshold": 2})
    assert any("terms" in p for p in error.value.problems)
    assert any("threshold" in p for p in error.value.problems)
    with pytest.raises(ValidationFailed, match="vocabulaire"):
        service_model_from_dict(
            {
                "threshold": 0.5,
                "terms": [["cantine", 1.0]],
                "services": {"periscolaire": {"intercept": 0.0, "weights": [1.0, 2.0]}},
            }
        )
