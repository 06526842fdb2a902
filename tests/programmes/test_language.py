"""The language check at import: a programme not in French is kept, not read, not counted."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from barometre.programmes.ingestion import extract_document
from barometre.programmes.ingestion.language import MIN_FRENCH_SHARE, french_share, is_french

ROOT = Path(__file__).resolve().parents[2]
# Programme paragraphs written for this test in five other languages (the same promises).
OTHER_LANGUAGES = {
    "en": "Our programme for the town. We will create a one-stop online office for every "
    "municipal procedure, open day and night. The town's data will be published as open data, "
    "including the budget. We will bring fibre to every neighbourhood and free wifi to the "
    "squares and the libraries. People who are not at ease with computers will get help in the "
    "community centres, and schools will receive new computers so that children learn better.",
    "de": "Unser Programm für die Stadt. Wir schaffen ein digitales Bürgerbüro, in dem alle "
    "Behördengänge online erledigt werden können, Tag und Nacht. Die Daten der Stadt werden als "
    "offene Daten veröffentlicht, auch der Haushalt. Wir bringen Glasfaser in alle Viertel und "
    "kostenloses WLAN auf die Plätze und in die Bibliotheken. Wer sich mit Computern nicht "
    "auskennt, bekommt Hilfe in den Bürgerhäusern, und die Schulen erhalten neue Rechner.",
    "es": "Nuestro programa para la ciudad. Vamos a crear una ventanilla única en línea para "
    "todos los trámites municipales, abierta día y noche. Publicaremos los datos públicos del "
    "ayuntamiento en un portal de datos abiertos, incluido el presupuesto. Llevaremos la fibra "
    "óptica a todos los barrios y pondremos wifi gratuito en las plazas y las bibliotecas. Los "
    "vecinos que no son expertos en informática tendrán ayuda en los centros cívicos.",
    "it": "Il nostro programma per la città. Creeremo uno sportello unico online per tutte le "
    "pratiche comunali, aperto giorno e notte. Pubblicheremo i dati del comune su un portale di "
    "dati aperti, compreso il bilancio. Porteremo la fibra ottica in tutti i quartieri e il wifi "
    "gratuito nelle piazze e nelle biblioteche. Chi non è esperto di informatica troverà aiuto "
    "nei centri civici, e le scuole riceveranno computer nuovi perché i bambini imparino meglio.",
    "ca": "El nostre programa per a la ciutat. Crearem una finestreta única en línia per a tots "
    "els tràmits municipals, oberta dia i nit. Publicarem les dades de l'ajuntament en un portal "
    "de dades obertes, inclòs el pressupost. Portarem la fibra òptica a tots els barris i wifi "
    "gratuït a les places i a les biblioteques. Qui no sigui expert en informàtica trobarà ajuda "
    "als centres cívics, i les escoles rebran ordinadors nous perquè els infants aprenguin millor.",
}


def _french_passages() -> list[str]:
    folder = ROOT / "docs" / "validation" / "rewritten"
    return [
        json.loads(line)["text"]
        for name in ("programmes-rw-eval.jsonl", "programmes-rw-tune.jsonl")
        for line in (folder / name).read_text(encoding="utf-8").splitlines()
    ]


def test_every_french_passage_is_french() -> None:
    passages = _french_passages()
    assert len(passages) == 260
    assert all(is_french(text) for text in passages)


@pytest.mark.parametrize("language", sorted(OTHER_LANGUAGES))
def test_other_languages_are_not_french(language: str) -> None:
    share, words = french_share(OTHER_LANGUAGES[language])
    assert words >= 50 and share < MIN_FRENCH_SHARE
    assert not is_french(OTHER_LANGUAGES[language])


def test_an_english_file_is_extracted_as_foreign() -> None:
    extracted = extract_document(OTHER_LANGUAGES["en"].encode(), filename="pau-en.txt")
    assert extracted.status == "foreign" and extracted.text
    assert "autre langue que le français" in extracted.problem


@pytest.mark.django_db
def test_a_foreign_programme_is_kept_unread_and_left_out_of_the_shares(
    communes: object, write_file: Callable[..., Path], tmp_path: Path
) -> None:
    import datetime as dt

    from barometre.programmes.manifest import ProgrammeMeta
    from barometre.programmes.models import Programme
    from barometre.programmes.outcomes import FOREIGN
    from barometre.programmes.reports import programmes_report, render
    from barometre.programmes.services import programme_import_file

    english = tmp_path / "pau-en.txt"
    english.write_text(OTHER_LANGUAGES["en"], encoding="utf-8")
    meta = ProgrammeMeta("69123", 2020, "Forward", "", 1, False)
    outcome = programme_import_file(path=english, meta=meta)
    assert outcome.status == FOREIGN
    stored = Programme.objects.get(pk=outcome.programme_id)
    assert stored.status == "foreign" and not stored.sentences.exists() and stored.tokens == 0
    programme_import_file(
        path=write_file("ensemble.pdf"), meta=ProgrammeMeta("69123", 2020, "Ensemble")
    )

    report = programmes_report(election=2020, now=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    assert (report.summary.digital.n, report.summary.n_other_language) == (1, 1)
    html = render(report, "html")
    assert (
        "autre langue que le français, non lus ni comptés (les règles de lecture sont "
        "françaises) : 1 programme." in html.replace("&#x27;", "'")
    )
    assert "Programme dans une autre langue que le français : non lu" in html
