"""A cell drawn for blind double coding is never drawn again: it has two coders, never four.

One draw after another already left the drawn cells out of its pool; two draws at once, on
PostgreSQL, did not see each other, and the unique (cell, auditor) refused the second only when
it gave a cell to one of the same auditors: with four auditors and another seed, a cell drawn
by both went to two other auditors and had four coders."""

from __future__ import annotations

import html
import re
import threading
import time

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from selectolax.lexbor import LexborHTMLParser

from barometre.accounts.roles import user_create
from barometre.assessments.models import Cell, CodingAssignment
from barometre.assessments.services.draw import codings_assign
from barometre.core.errors import BarometreError
from tests.web.conftest import PASSWORD


class _Explored(Exception):
    """Rolls back a draw made only to see where it puts a cell."""


def _auditors(users) -> list:
    extra = [
        user_create(username=f"codeur-{n}", role="auditeur", password=PASSWORD) for n in (1, 2)
    ]
    return [users["auditeur"], users["coordinateur"], *extra]


def test_two_draws_at_once_with_other_seeds_never_give_a_cell_four_coders(
    transactional_db, site, users
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: the race needs PostgreSQL")
    auditors = _auditors(users)
    cells = list(Cell.objects.filter(campaign=site.after).order_by("pk")[:3])
    shared = cells[-1]

    def coders_of_shared(seed: int) -> set[int]:
        """The auditors a draw of all three cells with `seed` gives `shared`, drawn alone."""
        try:
            with transaction.atomic():
                drawn = codings_assign(
                    cells=cells, auditors=auditors, size=3, seed=seed, now=timezone.now()
                )
                found = {a.auditor_id for a in drawn if a.cell_id == shared.pk}
                raise _Explored
        except _Explored:
            return found

    # the first draw gives `shared` to the first two auditors; a seed that gives it to the
    # other two in the second draw, so that the unique (cell, auditor) never meets
    other_two = {auditors[2].pk, auditors[3].pk}
    seed = next(s for s in range(2, 200) if coders_of_shared(s) == other_two)
    first_drawn, release = threading.Event(), threading.Event()
    outcomes: dict[int, object] = {}

    def draw(index: int) -> None:
        try:
            with transaction.atomic():
                outcomes[index] = len(
                    codings_assign(
                        cells=[shared] if index == 0 else cells,
                        auditors=auditors,
                        size=1 if index == 0 else 3,
                        seed=1 if index == 0 else seed,
                        now=timezone.now(),
                    )
                )
                if index == 0:  # the first draw is not committed yet...
                    first_drawn.set()
                    release.wait(10)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            outcomes[index] = error
        finally:
            connection.close()

    first = threading.Thread(target=draw, args=(0,))
    first.start()
    assert first_drawn.wait(10)
    second = threading.Thread(target=draw, args=(1,))
    second.start()  # ...when a second coordinator draws with another seed
    time.sleep(0.5)
    release.set()
    first.join(10)
    second.join(10)
    assert outcomes[0] == 2
    coders = CodingAssignment.objects.filter(cell=shared).count()
    assert coders == 2, f"{coders} coders for one cell"
    assert isinstance(outcomes[1], BarometreError), outcomes[1]
    assert "Un autre tirage" in str(outcomes[1])


def test_a_second_draw_skips_the_cells_drawn_and_says_how_many(site, users) -> None:
    _auditors(users)
    coordinator = Client()
    coordinator.force_login(users["coordinateur"])
    url = reverse("web:review-arbitration")
    total = Cell.objects.filter(campaign=site.after).count()
    first = coordinator.post(url, {"campagne": "apres", "size": 3, "seed": 1}, follow=True)
    assert "3 cellules attribuées à deux auditeurs sur 3 cellules demandées." in html.unescape(
        first.content.decode()
    )
    second = coordinator.post(url, {"campagne": "apres", "size": total, "seed": 2}, follow=True)
    said = html.unescape(second.content.decode())
    assert (
        f"{total - 3} cellules attribuées à deux auditeurs sur {total} cellules demandées. "
        f"3 cellules écartées du tirage : déjà en double codage. La campagne n'avait plus "
        f"que {total - 3} cellules jamais tirées : l'échantillon est plus petit que "
        "demandé." in said
    ), said
    per_cell = CodingAssignment.objects.values_list("cell_id", flat=True)
    assert sorted(per_cell) == sorted(2 * [pk for pk in set(per_cell)])  # two coders each


def test_the_counts_say_they_are_of_every_campaign_the_draw_of_one(site, users) -> None:
    """The page's counts sum the cells drawn in every campaign, as its list does, while its
    form draws in the one campaign chosen: the sentence gave them with no campaign, beside the
    form, as if they were the chosen campaign's."""
    _auditors(users)
    coordinator = Client()
    coordinator.force_login(users["coordinateur"])
    url = reverse("web:review-arbitration")
    coordinator.post(url, {"campagne": "apres", "size": 2, "seed": 1})
    coordinator.post(url, {"campagne": "avant", "size": 3, "seed": 1})
    said = " ".join(html.unescape(coordinator.get(url).content.decode()).split())
    assert (
        "Toutes campagnes confondues : 5 cellules en double codage ; 0 à arbitrer "
        "(le tirage ci-dessus porte sur la seule campagne choisie)." in said
    ), said


def _draw_alone(role: str) -> LexborHTMLParser:
    only = user_create(username="seul", role=role, password=PASSWORD)
    drawer = Client()
    drawer.force_login(only)
    url = reverse("web:review-arbitration")
    page = drawer.post(url, {"campagne": "apres", "size": 3, "seed": 1})
    assert page.status_code == 400 and not CodingAssignment.objects.exists()
    return LexborHTMLParser(page.content.decode())


def test_a_draw_with_one_auditor_says_whom_to_ask_for_another(site) -> None:
    """With one account, as in the demonstration, the draw said to type « barometre users create
    NOM --role auditeur », a command a coordinator on the web cannot run (the site creates no
    account): the page now says whom to ask; the command line keeps the command."""
    alert = _draw_alone("coordinateur").css_first("#erreur-tirage")
    assert re.sub(r"[ \n]+", " ", alert.text()).strip() == (
        "Le double codage demande au moins deux auditeurs actifs (1 pour l'instant)\u00a0: "
        "demandez à un administrateur du site d'en créer un, ou de réactiver un compte "
        "désactivé, puis relancez le tirage."
    )
    assert not alert.css("code")
    with pytest.raises(BarometreError) as refused:
        call_command("assessments", "codings-draw", "--campaign", "apres", "--size", "3")
    assert (
        "(1 pour l'instant)\u00a0: créez-en un avec «\u00a0barometre users create NOM --role "
        "auditeur\u00a0», puis relancez le tirage."
    ) in str(refused.value)


def test_an_administrator_alone_is_given_the_commands_in_code(site) -> None:
    """The administrator reaches the server: the commands are theirs, in <code>, outside the
    translated sentence, which says what they do themselves, not to ask an administrator (they
    are the one asked); the admin page that adds an account is linked too."""
    alert = _draw_alone("administrateur").css_first("#erreur-tirage")
    said = re.sub(r"[ \n]+", " ", alert.text())
    assert "demandez à un administrateur" not in said
    assert (
        "Le double codage demande au moins deux auditeurs actifs (1 pour l'instant)\u00a0: "
        "créez un compte auditeur, ou réactivez un compte désactivé, puis relancez le tirage."
    ) in said
    link = alert.css_first("#page-administration a")
    assert link is not None and link.attributes["href"] == reverse("admin:auth_user_add")
    assert [code.text() for code in alert.css("#commandes-serveur li > code")] == [
        "barometre users create NOM --role auditeur",
        "barometre users enable NOM",
    ]
    assert "Administrateur, vous le faites sur le serveur\u00a0:" in alert.text()


def test_the_campaign_drawn_stays_chosen_after_the_draw(site, users) -> None:
    """After a draw the page came back with the newest campaign chosen: a second draw, sent
    without looking, went to another campaign than the one just drawn."""
    _auditors(users)
    coordinator = Client()
    coordinator.force_login(users["coordinateur"])
    url = reverse("web:review-arbitration")
    sent = coordinator.post(url, {"campagne": "avant", "size": 1, "seed": 1})
    assert sent.status_code == 302 and sent["Location"] == f"{url}?campagne=avant"
    page = coordinator.get(sent["Location"]).content.decode()
    assert "<option selected>avant</option>" in page
    assert "Tirage de la campagne" in html.unescape(page)


def test_the_draw_form_says_who_gets_the_cells_and_what_a_seed_is(site, users) -> None:
    """The coordinator drew without being told the cells went to every active auditor,
    themselves included: the cells they then coded blind waited, on the list, for another
    coordinator. Nor did « Graine du tirage » say what to type there."""
    coordinator = Client()
    coordinator.force_login(users["coordinateur"])
    page = LexborHTMLParser(coordinator.get(reverse("web:review-arbitration")).content.decode())
    said = page.css_first("#codeurs-tirage").text()
    assert said == (
        "Chaque cellule tirée va à deux des 3 auditeurs actifs (rôle auditeur, coordinateur ou "
        "administrateur), jamais à qui l'a déjà revue\u00a0: administrateur-test, auditeur-test, "
        "coordinateur-test. Vous en faites partie\u00a0: une cellule que vous coderez à "
        "l'aveugle sera arbitrée par un autre coordinateur si les deux réponses diffèrent."
    )
    assert "refait le même tirage" in page.css_first("label[for=id_seed]").text()
    # a superuser made by createsuperuser has no reviewing role: not in the draw
    boss = User.objects.create_superuser("patron", password=PASSWORD)
    coordinator.force_login(boss)
    page = LexborHTMLParser(coordinator.get(reverse("web:review-arbitration")).content.decode())
    said = page.css_first("#codeurs-tirage").text()
    assert said.endswith("coordinateur-test.") and "Vous en faites partie" not in said
