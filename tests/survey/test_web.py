"""The respondent form end to end with the Django test client, and the report page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.utils.html import escape
from selectolax.lexbor import LexborHTMLParser

from barometre.survey.models import SurveyResponse
from barometre.survey.services import survey_campaign_close, survey_tokens_create
from barometre.survey.services.demo import DEMO_SURVEY, DEMO_SURVEY_UNITS, survey_demo_load
from tests.a11y import referenced_text
from tests.factories import CommuneFactory
from tests.survey.conftest import SPEC, answer_everything, radar_block


def test_token_form_end_to_end_stores_nothing_identifying(campaign) -> None:
    (token,) = survey_tokens_create(campaign=campaign, count=1)
    client = Client(HTTP_USER_AGENT="Navigateur-Test/1.0", REMOTE_ADDR="127.0.0.9")
    answer_everything(client, f"/enquete/j/{token}/")
    response = SurveyResponse.objects.get()
    assert response.role == "encadrant" and response.unit.code == "90001"
    assert response.answers[SPEC.axes[0].statements[0].id] is None  # "je ne sais pas"
    assert response.answers[SPEC.axes[0].statements[1].id] == 3
    stored = repr(list(SurveyResponse.objects.values()))
    assert "127.0.0.9" not in stored and "Navigateur" not in stored and token not in stored
    again = Client().get(f"/enquete/j/{token}/")
    assert again.status_code == 410


def test_incomplete_page_shows_errors_and_resumes(campaign) -> None:
    client = Client()
    client.get(f"/enquete/c/{campaign.shared_key}/")
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90002"})
    page = client.post("/enquete/repondre/1/", {})
    assert page.status_code == 200 and "Choisissez une réponse." in page.content.decode()
    first = SPEC.axes[0]
    client.post("/enquete/repondre/1/", {s.id: "2" for s in first.statements})
    back = client.get("/enquete/repondre/1/").content.decode()  # resumed from the session
    assert re.search(r'value="2" checked', back)


def test_je_ne_sais_pas_everywhere_is_said_on_the_last_page_and_nothing_is_lost(campaign) -> None:
    (token,) = survey_tokens_create(campaign=campaign, count=1)
    client = Client()
    client.get(f"/enquete/j/{token}/", follow=True)
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90001"})
    last = len(SPEC.axes)
    for step, axis in enumerate(SPEC.axes, start=1):
        page = client.post(f"/enquete/repondre/{step}/", {s.id: "nsp" for s in axis.statements})
    body = page.content.decode()
    assert page.status_code == 200 and "Aucune réponse notée" in body and "fr-alert--error" in body
    assert not SurveyResponse.objects.exists()  # the import skips such a row: the web does too
    final = SPEC.axes[-1]
    done = client.post(
        f"/enquete/repondre/{last}/",
        {s.id: "nsp" if i else "1" for i, s in enumerate(final.statements)},
    )
    assert done.status_code == 302 and done["Location"].startswith("/enquete/merci/?campagne=")
    stored = SurveyResponse.objects.get().answers
    assert stored[final.statements[0].id] == 1 and stored[SPEC.axes[0].statements[0].id] is None
    assert Client().get(f"/enquete/j/{token}/").status_code == 410  # spent once, on success


def test_closed_campaign_refuses_the_form(campaign) -> None:
    client = Client()
    client.get(f"/enquete/c/{campaign.shared_key}/")
    survey_campaign_close(name="essai")
    assert client.get("/enquete/repondre/").status_code == 410
    assert Client().get(f"/enquete/c/{campaign.shared_key}/").status_code == 410


def test_bad_role_is_refused(campaign) -> None:
    client = Client()
    client.get(f"/enquete/c/{campaign.shared_key}/")
    page = client.post("/enquete/repondre/", {"role": "stagiaire", "unit": "90001"})
    assert page.status_code == 200 and "fr-fieldset--error" in page.content.decode()


@pytest.mark.parametrize("count", [4, 6])
def test_report_page_hides_small_groups(campaign, count: int) -> None:
    for _ in range(count):
        answer_everything(Client(), f"/enquete/c/{campaign.shared_key}/")
    survey_campaign_close(name="essai")
    response = Client().get("/enquete/rapport/essai/")
    page = response.content.decode()
    assert "Villebelle" in page
    # its radars are Vega charts: without 'unsafe-eval' the browser drew none
    assert "'unsafe-eval'" in response["Content-Security-Policy"]
    if count < 5:
        assert "pas assez de réponses" in page and "<td>75" not in page
    else:
        assert "<td>75\u00a0<span" in page  # every scored answer is 3 -> 75


def test_the_report_s_heading_holds_the_campaign_s_name_whole(campaign) -> None:
    """On a phone « demo-enquete-2026 » broke at its first hyphen, « demo- » over the rest,
    as the campaign pages' names did (web_tags.held_name)."""
    survey_campaign_close(name="essai")
    page = Client().get("/enquete/rapport/essai/").content.decode()
    assert 'Maturité numérique interne — <span class="held-name">essai</span></h1>' in page


def test_skipping_pages_sends_back_to_the_first_unanswered_one(campaign) -> None:
    client = Client()
    client.get(f"/enquete/c/{campaign.shared_key}/")
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90001"})
    last = SPEC.axes[-1]
    page = client.post(f"/enquete/repondre/{len(SPEC.axes)}/", {s.id: "1" for s in last.statements})
    assert page.status_code == 302 and page["Location"].endswith("/enquete/repondre/1/")
    assert not SurveyResponse.objects.exists()


def test_coordinator_opens_downloads_links_and_closes(db: None) -> None:
    from barometre.survey.models import SurveyCampaign, SurveyToken
    from barometre.survey.services import survey_campaign_create
    from tests.factories import CommuneFactory
    from tests.survey.conftest import TODAY

    CommuneFactory(code="90021", name="Coordville")
    survey_campaign_create(
        name="coord", collectivites=["90021"], today=TODAY, coordinator_key="cle-secrete"
    )
    client = Client()
    assert client.get("/enquete/coordination/mauvaise-cle/").status_code == 404
    client.post("/enquete/coordination/cle-secrete/", {"action": "open"})
    assert SurveyCampaign.objects.get(name="coord").status == "open"
    csv_page = client.post("/enquete/coordination/cle-secrete/", {"action": "tokens", "count": "3"})
    lines = csv_page.content.decode().strip().splitlines()
    assert len(lines) == 4 and "/enquete/j/" in lines[1]
    assert SurveyToken.objects.count() == 3
    for count in ("abc", "²", "9" * 5000, "0", "100001"):
        bad = client.post(
            "/enquete/coordination/cle-secrete/", {"action": "tokens", "count": count}
        )
        assert bad.status_code == 400 and "entre 1 et 100\u00a0000" in bad.content.decode()
        field = LexborHTMLParser(bad.content.decode()).css_first("#count")
        assert "autofocus" in field.attributes  # its error is read out with it at once
    # closing is for good: the first click asks again, on the page, and changes nothing
    asked = client.post("/enquete/coordination/cle-secrete/", {"action": "close"})
    assert asked.status_code == 200 and "ne peut pas être rouverte" in asked.content.decode()
    confirm = LexborHTMLParser(asked.content.decode()).css_first("#confirmer-cloture button")
    assert confirm.attributes["value"] == "close-confirmed"
    assert 'value="close"' not in asked.content.decode()  # one way on: confirm or cancel
    assert SurveyCampaign.objects.get(name="coord").status == "open"
    client.post("/enquete/coordination/cle-secrete/", {"action": "close-confirmed"})
    assert SurveyCampaign.objects.get(name="coord").status == "closed"
    token = lines[1].split(";")[0]  # the page's CSV downloads are for spreadsheets
    assert Client().get(f"/enquete/j/{token}/").status_code == 410


@pytest.mark.parametrize("count", [4, 6])
def test_commune_page_shows_the_maturity_radar_beside_the_levels(campaign, count: int) -> None:
    for _ in range(count):
        answer_everything(Client(), f"/enquete/c/{campaign.shared_key}/")
    survey_campaign_close(name="essai")
    page = Client().get("/commune/90001/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Maturité numérique interne" in html
    assert "'unsafe-eval'" in page["Content-Security-Policy"]  # the radar is a Vega chart
    if count < 5:
        assert "pas assez de réponses" in html and "<td>75" not in html
    else:
        # everyone gave the same answers: no spread, no margin to print (not « [75 ; 75] »)
        assert '<td>75\u00a0<span class="nowrap">sans dispersion</span></td>' in html
        assert "[75\u00a0; 75]" not in html
        assert "vega-embed" in html
        # said under the table, as the survey report says it
        said = "tous les répondants du groupe ont donné le même score"
        assert html.count(escape(said)) == 1, html


def test_the_session_keeps_only_the_token_hash_and_is_deleted_once_answered(campaign) -> None:
    from django.contrib.sessions.models import Session

    from barometre.survey.services.answers import token_digest

    (token,) = survey_tokens_create(campaign=campaign, count=1)
    client = Client()
    client.get(f"/enquete/j/{token}/", follow=True)
    client.post("/enquete/repondre/", {"role": "elu", "unit": "90001"})
    (session,) = Session.objects.all()
    decoded = repr(session.get_decoded())
    assert token not in decoded and token_digest(token) in decoded
    for step, axis in enumerate(SPEC.axes, start=1):  # then spent by its hash
        last = client.post(f"/enquete/repondre/{step}/", {s.id: "3" for s in axis.statements})
    assert last.status_code == 302 and last["Location"].startswith("/enquete/merci/")
    assert SurveyResponse.objects.count() == 1
    assert not Session.objects.exists()  # no row left whose expiry dates the answer
    assert client.get("/enquete/repondre/1/").status_code == 410


def test_commune_radar_says_fewer_than_five_and_labels_demonstration(campaign) -> None:
    from datetime import date

    from barometre.survey.services.demo import DEMO_SURVEY_UNITS, survey_demo_load
    from tests.factories import CommuneFactory

    for _ in range(4):
        answer_everything(Client(), f"/enquete/c/{campaign.shared_key}/")
    survey_campaign_close(name="essai")
    block = radar_block(Client().get("/commune/90001/").content.decode())
    few = '«\u00a0<span class="nowrap">essai</span>\u00a0», moins de 5 répondants.'
    assert few in block and "—" not in block
    assert "Données de démonstration" not in block
    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=20_000)
    survey_demo_load(today=date(2026, 12, 3))
    block = radar_block(Client().get(f"/commune/{DEMO_SURVEY_UNITS[0]}/").content.decode())
    assert "Données de démonstration" in block and "80 répondants" in block


def test_a_campaign_closed_mid_form_is_said_closed(campaign) -> None:
    client = Client()
    client.get(f"/enquete/c/{campaign.shared_key}/")
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90001"})
    survey_campaign_close(name="essai")
    page = client.post("/enquete/repondre/1/", {s.id: "2" for s in SPEC.axes[0].statements})
    assert page.status_code == 410 and "Cette enquête est close" in page.content.decode()
    again = client.get("/enquete/repondre/1/").content.decode()  # the session is gone
    assert "Aucune enquête en cours" in again


def test_unanswered_statements_say_so_to_screen_readers(campaign) -> None:
    client = Client()
    client.get(f"/enquete/c/{campaign.shared_key}/")
    who = client.post("/enquete/repondre/", {}).content.decode()
    assert referenced_text(who, "fieldset#role", "aria-labelledby") == [
        "Votre rôle Choisissez votre rôle."
    ]
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90002"})
    page = client.post("/enquete/repondre/1/", {}).content.decode()
    said = referenced_text(page, "fieldset.fr-fieldset", "aria-labelledby")
    statements = SPEC.axes[0].statements
    assert len(said) == len(statements)
    for text, statement in zip(said, statements, strict=True):
        assert text.startswith(statement.text) and text.endswith("Choisissez une réponse.")


def test_each_survey_page_has_its_own_title(campaign) -> None:
    client = Client()

    def title(response) -> str:
        return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)

    titles = [title(client.get(f"/enquete/c/{campaign.shared_key}/", follow=True))]
    titles.append(title(client.post("/enquete/repondre/", {})))
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90002"})
    titles.append(title(client.get("/enquete/repondre/1/")))
    titles.append(title(client.get("/enquete/repondre/2/")))
    titles.append(title(client.post("/enquete/repondre/2/", {})))
    titles.append(title(client.get("/enquete/rapport/essai/")))
    assert len(set(titles)) == len(titles), titles
    assert titles[1].startswith("Erreur : ") and titles[4].startswith("Erreur : ")
    assert titles[3].startswith(f"{escape(SPEC.axes[1].label)}, étape 2 sur {len(SPEC.axes)}")


def test_radars_are_one_image_named_in_french(db) -> None:
    """Vega labels each mark for screen readers in English (« line mark | x: 1.53e-15; y: 25;
    ring: 25 »): the radar is one image whose name sends to the table of its values."""
    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=20_000 * (i + 1))
    survey_demo_load(today=date(2026, 12, 3))
    for url in (f"/enquete/rapport/{DEMO_SURVEY}/", f"/commune/{DEMO_SURVEY_UNITS[0]}/"):
        radars = LexborHTMLParser(Client().get(url).content.decode()).css(".radar")
        assert radars, url
        for radar in radars:
            assert radar.attributes.get("role") == "img", url
            assert "tableau qui suit" in (radar.attributes.get("aria-label") or ""), url


def test_commune_radar_names_the_bracket_in_the_chosen_language(campaign) -> None:
    """The peers' series on an English page: "Other local authorities in the bracket under 3,500
    inhabitants", not the French bracket with its French digit grouping; the survey's own
    report stays French."""
    for _ in range(5):
        answer_everything(Client(), f"/enquete/c/{campaign.shared_key}/")
    survey_campaign_close(name="essai")
    client = Client()
    client.cookies["barometre_langue"] = "en"
    block = radar_block(client.get("/commune/90001/").content.decode())
    assert "inhabitants" in block and "habitants" not in block.replace("inhabitants", "")
    french = radar_block(Client().get("/commune/90001/").content.decode())
    assert "Autres collectivités de la tranche " in french and "habitants" in french


def test_going_back_keeps_what_the_page_had(campaign) -> None:
    """« Page précédente » was a link: what a respondent had ticked on the page, finished or
    not, was lost when they went back to change an earlier answer. It now sends the page,
    keeps its answers (stored only once the page is complete) and shows them again."""
    client = Client()
    client.get(f"/enquete/c/{campaign.shared_key}/")
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90002"})
    first, second = SPEC.axes[0], SPEC.axes[1]
    client.post("/enquete/repondre/1/", {s.id: "2" for s in first.statements})
    page = client.get("/enquete/repondre/2/").content.decode()
    back_button = LexborHTMLParser(page).css_first("form button[name=retour]")
    assert back_button is not None and back_button.text(strip=True) == "Page précédente"
    ticked = {second.statements[0].id: "4", second.statements[1].id: "nsp"}
    back = client.post("/enquete/repondre/2/", {**ticked, "retour": "1"})
    assert back.status_code == 302 and back["Location"].endswith("/enquete/repondre/1/")
    assert client.session["survey"]["answers"].keys() == {s.id for s in first.statements}
    client.post("/enquete/repondre/1/", {s.id: "1" for s in first.statements})
    again = LexborHTMLParser(client.get("/enquete/repondre/2/").content.decode())
    checked = {n.attributes["name"]: n.attributes["value"] for n in again.css("input[checked]")}
    assert checked == ticked
    # Enter in a radio group sends the first submit button: it goes forward, never back
    buttons = again.css("main form button[type=submit]")
    assert "name" not in buttons[0].attributes and "hidden" in buttons[0].attributes
    rest = {s.id: "3" for s in second.statements[2:]}
    client.post("/enquete/repondre/2/", {**ticked, **rest})
    answers = client.session["survey"]["answers"]
    assert answers[second.statements[0].id] == 4 and answers[second.statements[1].id] is None
    assert not client.session["survey"]["draft"]


def test_a_page_sent_back_with_errors_opens_with_their_summary(campaign) -> None:
    """A page sent back with errors had no summary at its top: the focus went to the first
    unanswered statement, and a respondent did not learn how many were left nor where. The
    page now opens with the DSFR error summary, which has the focus: how many errors, each a
    link to its field (a radio group's first answer, the collectivité's list), and the form's
    own error (« je ne sais pas » everywhere) as text. Nothing else takes the focus."""
    client = Client()
    client.get(f"/enquete/c/{campaign.shared_key}/")

    def summary(response) -> tuple[list[str], str, list[tuple[str, str]]]:
        """What has the focus, the summary's title and its links (target, text)."""
        tree = LexborHTMLParser(response.content.decode())
        focused = [n.attributes.get("id") or "" for n in tree.css("main [autofocus]")]
        box = tree.css_first("#erreur-formulaire")
        links = [(a.attributes["href"], a.text()) for a in box.css("a")] if box else []
        for target, _ in links:  # every link goes to a field of the page
            assert tree.css_first(target) is not None, target
        return focused, box.css_first("h2").text() if box else "", links

    assert summary(client.post("/enquete/repondre/", {})) == (
        ["erreur-formulaire"],
        "Le formulaire contient 2 erreurs",
        [("#id_role_0", "Votre rôle"), ("#id_unit", "Votre collectivité")],
    )
    assert summary(client.post("/enquete/repondre/", {"role": "agent"}))[1:] == (
        "Le formulaire contient 1 erreur",
        [("#id_unit", "Votre collectivité")],
    )
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90002"})
    statements = SPEC.axes[0].statements
    assert summary(client.get("/enquete/repondre/1/")) == ([], "", [])
    page = client.post("/enquete/repondre/1/", {s.id: "2" for s in statements[:2]})
    focused, title, links = summary(page)
    assert focused == ["erreur-formulaire"]
    assert title == f"Le formulaire contient {len(statements) - 2} erreurs"
    assert links == [(f"#id_{s.id}_0", s.text.rstrip(".")) for s in statements[2:]]
    assert "Choisissez une réponse." in page.content.decode().split('id="erreur-formulaire"')[1]
    for step, axis in enumerate(SPEC.axes, start=1):
        last = client.post(f"/enquete/repondre/{step}/", {s.id: "nsp" for s in axis.statements})
    focused, title, links = summary(last)
    assert focused == ["erreur-formulaire"] and title == "Le formulaire contient 1 erreur"
    assert not links and "Aucune réponse notée" in last.content.decode()


def test_a_refused_number_of_links_is_said_beside_it_and_kept(db: None) -> None:
    """The coordination page's number of one-time links, refused (0, 200000, a word), came back
    as « 50 » under an alert in French on an English page, the title without « Erreur : » and
    the error tied to no field. It is now said under the field in the page's language, the
    number typed kept, the focus on it."""
    from barometre.survey.models import SurveyToken
    from barometre.survey.services import survey_campaign_create
    from tests.survey.conftest import TODAY

    CommuneFactory(code="90021", name="Coordville")
    survey_campaign_create(
        name="coord", collectivites=["90021"], today=TODAY, coordinator_key="cle-secrete"
    )
    page = "/enquete/coordination/cle-secrete/"
    for language, said in (
        ("fr", "Le nombre de liens doit être un nombre entier entre 1 et 100\u00a0000."),
        ("en", "The number of links must be a whole number from 1 to 100,000."),
    ):
        client = Client()
        client.cookies["barometre_langue"] = language
        for typed in ("0", "200000", "douze"):
            bad = client.post(page, {"action": "tokens", "count": typed})
            assert bad.status_code == 400
            text = bad.content.decode()
            tree = LexborHTMLParser(text)
            assert (
                tree.css_first("title")
                .text()
                .startswith("Erreur : " if language == "fr" else "Error: ")
            )
            assert tree.css_first("#count").attributes["value"] == typed
            assert referenced_text(text, "#count", "aria-describedby") == [said]
            assert "jetons" not in text
    assert SurveyToken.objects.count() == 0
    Client().post(page, {"action": "open"})
    assert len(Client().post(page, {"action": "tokens", "count": "2"}).content.splitlines()) == 3


def test_the_thanks_page_says_where_the_results_will_be(campaign) -> None:
    """A respondent's journey ended on « Merci » and nothing else: no word of when or where
    the results appear. The page now links to the campaign's report page, published once the
    campaign closes; it names the campaign only (the answers are stored, the session gone)."""
    client = Client()
    answer_everything(client, f"/enquete/c/{campaign.shared_key}/")
    assert "survey" not in client.session
    client.cookies["barometre_langue"] = "en"
    thanks = client.get("/enquete/merci/", {"campagne": "essai"})
    tree = LexborHTMLParser(thanks.content.decode())
    said = tree.css_first("main p.fr-mt-3w")
    assert said.text().strip() == (
        "The results of the “essai” campaign will be published when it closes, on its report page,"
        " for each local authority that gathered at least 5 respondents (below that, no figure"
        " is published, so that nobody is recognised)."
    )
    assert said.css_first("a").attributes["href"] == "/enquete/rapport/essai/"
    survey_campaign_close(name="essai")
    closed = LexborHTMLParser(Client().get("/enquete/merci/?campagne=essai").content.decode())
    assert closed.css_first("main p.fr-mt-3w").text().strip() == (
        "Les résultats de la campagne «\u00a0essai\u00a0» sont publiés : voir le rapport."
    )
    for other in ("", "?campagne=inconnue"):
        page = LexborHTMLParser(Client().get(f"/enquete/merci/{other}").content.decode())
        assert page.css_first("main p.fr-mt-3w") is None


def test_the_first_page_goes_back_to_the_role(campaign) -> None:
    """The first page had no « Page précédente »: a respondent who had picked the wrong role or
    collectivité could not go back to change it. It now leads to that page, the choices shown
    again, and what the first page had is kept."""
    client = Client()
    client.get(f"/enquete/c/{campaign.shared_key}/")
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90002"})
    first = SPEC.axes[0]
    page = LexborHTMLParser(client.get("/enquete/repondre/1/").content.decode())
    back_button = page.css_first("main form button[name=retour]")
    assert back_button is not None and back_button.text(strip=True) == "Page précédente"
    ticked = {first.statements[0].id: "4"}
    back = client.post("/enquete/repondre/1/", {**ticked, "retour": "1"})
    assert back.status_code == 302 and back["Location"].endswith("/enquete/repondre/")
    who = LexborHTMLParser(client.get("/enquete/repondre/").content.decode())
    assert who.css_first("input[name=role][checked]").attributes["value"] == "agent"
    assert who.css_first("select[name=unit] option[selected]").attributes["value"] == "90002"
    assert who.css_first("main form button[type=submit]").text(strip=True) == "Continuer"
    changed = client.post("/enquete/repondre/", {"role": "dsi", "unit": "90001"})
    assert changed["Location"].endswith("/enquete/repondre/1/")
    assert client.session["survey"]["role"] == "dsi" and client.session["survey"]["unit"] == "90001"
    again = LexborHTMLParser(client.get("/enquete/repondre/1/").content.decode())
    checked = {n.attributes["name"]: n.attributes["value"] for n in again.css("input[checked]")}
    assert checked == ticked


def test_going_back_to_the_role_keeps_the_collectivite_a_link_fixes(campaign) -> None:
    from barometre.survey.services import survey_tokens_create

    (token,) = survey_tokens_create(campaign=campaign, count=1, unit="90002")
    client = Client()
    client.get(f"/enquete/j/{token}/")
    client.post("/enquete/repondre/", {"role": "agent"})
    client.post("/enquete/repondre/1/", {"retour": "1"})
    who = client.get("/enquete/repondre/").content.decode()
    assert 'name="unit"' not in who and "Montclair" in who
    client.post("/enquete/repondre/", {"role": "elu", "unit": "90001"})  # a forged choice
    assert client.session["survey"]["unit"] == "90002"
