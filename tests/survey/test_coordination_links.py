"""The coordinator's links and closing, as a coordinator meets them on the page."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from selectolax.lexbor import LexborHTMLParser

from barometre.survey.services import answers, survey_campaign_create, survey_campaign_open
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY

PAGE = "/enquete/coordination/cle-secrete/"


def _open_campaign() -> None:
    CommuneFactory(code="90021", name="Coordville")
    survey_campaign_create(
        name="coord", collectivites=["90021"], today=TODAY, coordinator_key="cle-secrete"
    )
    survey_campaign_open(name="coord")


def test_the_links_field_says_each_download_makes_new_links_kept_nowhere(db: None) -> None:
    """Nothing said that « Télécharger les liens » makes new links each time, nor that the file
    cannot be downloaded again (only the links' hashes are kept): a coordinator who lost it
    looked for it on the page, or clicked again expecting the same links."""
    _open_campaign()
    page = LexborHTMLParser(Client().get(PAGE).content.decode())
    label = page.css_first("label[for=count]").text()
    assert "Chaque téléchargement crée de nouveaux liens." in label
    assert "ne pourra pas être téléchargé à nouveau, gardez-le" in label
    assert "conservée\u00a0:" in label


def test_asking_to_close_does_not_put_the_focus_on_closing_for_good(db: None) -> None:
    """The confirmation had the focus on « Confirmer la clôture »: a second press of Enter (a
    key held or pressed twice on « Clore la campagne ») closed the campaign for good. The focus
    now goes to the question, read out with it; confirming takes a deliberate move."""
    _open_campaign()
    asked = Client().post(PAGE, {"action": "close"}).content.decode()
    focused = [n.attributes.get("id") for n in LexborHTMLParser(asked).css("main [autofocus]")]
    assert focused == ["confirmer-cloture"]


def test_links_for_a_collectivite_say_which_in_the_file_name(db: None) -> None:
    """Links bound to a collectivité were all downloaded as liens-<campagne>.csv: with several
    collectivités, the files could not be told apart and were easily sent to the wrong one."""
    CommuneFactory(code="90021", name="Coordville")
    CommuneFactory(code="90022", name="Autreville")
    survey_campaign_create(
        name="coord", collectivites=["90021", "90022"], today=TODAY, coordinator_key="cle-secrete"
    )
    survey_campaign_open(name="coord")
    client = Client()
    bound = client.post(PAGE, {"action": "tokens", "count": "2", "unit": "90022"})
    assert bound["Content-Disposition"] == 'attachment; filename="liens-coord-90022.csv"'
    free = client.post(PAGE, {"action": "tokens", "count": "2", "unit": ""})
    assert free["Content-Disposition"] == 'attachment; filename="liens-coord.csv"'


def test_a_campaign_in_preparation_says_to_open_it_before_sending_links(db: None) -> None:
    """A campaign in preparation offered its one-time links for download and said « Faites
    circuler les liens »: links sent before opening told respondents they were not valid. The
    page now says the links lead to the questionnaire only once the campaign is open."""
    CommuneFactory(code="90021", name="Coordville")
    survey_campaign_create(
        name="coord", collectivites=["90021"], today=TODAY, coordinator_key="cle-secrete"
    )
    said = "ne mènent au questionnaire qu'une fois la campagne ouverte"
    draft = unescape(Client().get(PAGE).content.decode())
    assert (
        said in draft
        and "Choisissez «\u00a0Ouvrir la campagne\u00a0» avant de les envoyer" in draft
    )
    survey_campaign_open(name="coord")
    assert said not in unescape(Client().get(PAGE).content.decode())


def test_the_links_file_opens_in_columns_in_a_french_spreadsheet(db: None) -> None:
    """The links file came with commas and no byte-order mark: a French spreadsheet, the tool a
    coordinator mails the links with, opened it as one column « jeton,lien ». It now follows
    the site's other CSV downloads: semicolons, UTF-8 with its mark."""
    _open_campaign()
    sent = Client().post(PAGE, {"action": "tokens", "count": "3", "unit": ""})
    text = sent.content.decode("utf-8")
    assert text.startswith("\ufeffjeton;lien\r\n")
    rows = text.lstrip("\ufeff").splitlines()[1:]
    assert len(rows) == 3
    assert all(row.count(";") == 1 and "/enquete/j/" in row.split(";")[1] for row in rows)


def test_the_commands_links_file_is_written_as_the_pages(
    db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`barometre survey tokens` wrote its file with commas and no byte-order mark, while the
    page's download had semicolons and the mark: the coordinator who used the command got one
    column « jeton,lien » in a French spreadsheet. One writer now makes both; a token starting
    with « - » (one in 64) is not taken for a formula."""
    _open_campaign()
    made = iter(["-debut-de-formule", "jeton-2"])
    monkeypatch.setattr(answers.secrets, "token_urlsafe", lambda _: next(made))
    out = tmp_path / "jetons.csv"
    call_command("survey", "tokens", "--campaign", "coord", "--count", "2", "--out", str(out))
    written = out.read_bytes().decode("utf-8")
    assert written == (
        "\ufeffjeton;lien\r\n"
        "'-debut-de-formule;http://localhost:8000/enquete/j/-debut-de-formule/\r\n"
        "jeton-2;http://localhost:8000/enquete/j/jeton-2/\r\n"
    )
    made = iter(["-debut-de-formule-2", "jeton-3"])
    page = Client().post(PAGE, {"action": "tokens", "count": "2", "unit": ""})
    assert page.content.decode("utf-8") == (
        "\ufeffjeton;lien\r\n"
        "'-debut-de-formule-2;http://testserver/enquete/j/-debut-de-formule-2/\r\n"
        "jeton-3;http://testserver/enquete/j/jeton-3/\r\n"
    )


def test_the_links_come_before_closing_each_under_its_heading(db: None) -> None:
    """« Clore la campagne », which cannot be undone, stood between the results' table and the
    links form, with no heading for either: a coordinator come for more links passed the button
    that ends the campaign first. The links now come first, then closing, each under a heading
    (h2, which a screen reader lists)."""
    _open_campaign()
    page = LexborHTMLParser(Client().get(PAGE).content.decode())
    headings = [h.text() for h in page.css("main h2")]
    assert headings == ["Liens à usage unique", "Clôture et publication"]
    buttons = [b.attributes.get("value") for b in page.css("main button[name=action]")]
    assert buttons == ["tokens", "close"]
    text = page.css_first("main").text()
    assert text.index("Liens à usage unique") < text.index("Clôture et publication")
    assert text.index("Clôture et publication") < text.index("Les chiffres d'une collectivité")
