"""`barometre users role` and `users disable`/`enable`: an operator changed an account's role,
or switched an account off, only in Django's /admin/ (in English, with no guard against
leaving the site without an administrator)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from barometre.accounts.roles import user_create
from barometre.assessments.models import CodingAssignment
from barometre.assessments.services.draw import codings_assign
from barometre.core.errors import BarometreError
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.database


def _users(*args: str) -> str:
    out = io.StringIO()
    call_command("users", *args, stdout=out)
    return out.getvalue()


def _logs_in(username: str) -> bool:
    response = Client().post("/connexion/", {"username": username, "password": PASSWORD})
    return response.status_code == 302


def test_an_empty_list_says_how_to_create_an_account(db) -> None:
    """`barometre users list` on a new site printed nothing at all, as a failure would."""
    said = _users("list")
    assert said.startswith("Aucun compte.") and "barometre users create NOM --role" in said


def test_a_role_in_capitals_is_taken_and_a_name_differing_by_capitals_refused(db) -> None:
    """`--role Auditeur` was « Rôle inconnu », and `users create Bob` beside « bob » made a
    second account that only a capital told apart at login."""
    user_create(username="bob", role="Auditeur", password=PASSWORD)
    assert (
        _users("role", "bob", "Coordinateur")
        == "Compte «\u00a0bob\u00a0»\u00a0: rôle coordinateur.\n"
    )
    with pytest.raises(
        BarometreError, match="«\u00a0Bob\u00a0» n'en diffère que par les majuscules"
    ):
        user_create(username="Bob", role="auditeur", password=PASSWORD)
    assert list(User.objects.values_list("username", flat=True)) == ["bob"]


def test_a_role_is_changed_on_the_command_line_in_place_of_the_old_one(db) -> None:
    user_create(username="root", role="administrateur", password=PASSWORD)
    user_create(username="alice", role="auditeur", password=PASSWORD)
    said = _users("role", "alice", "coordinator")
    assert said == "Compte «\u00a0alice\u00a0»\u00a0: rôle coordinateur.\n"
    alice = User.objects.get(username="alice")
    assert [g.name for g in alice.groups.all()] == ["coordinateur"]
    assert not alice.is_staff
    _users("role", "alice", "administrateur")
    alice.refresh_from_db()
    assert alice.is_staff and alice.is_superuser
    _users("role", "alice", "auditeur")  # root stays administrator
    alice.refresh_from_db()
    assert not alice.is_staff and not alice.is_superuser
    assert [g.name for g in alice.groups.all()] == ["auditeur"]
    with pytest.raises(BarometreError, match="Aucun compte «\u00a0zoe\u00a0»"):
        _users("role", "zoe", "auditeur")
    with pytest.raises(BarometreError, match="Rôle inconnu «\u00a0chef\u00a0»") as unknown:
        _users("role", "alice", "chef")
    # the roles offered are the French ones (« auditor » and the like were listed too)
    assert str(unknown.value).endswith("(rôles\u00a0: auditeur, coordinateur, administrateur)."), (
        unknown.value
    )
    _users("role", "alice", "auditor")  # an English alias is still understood


def test_a_disabled_account_cannot_log_in_its_sessions_end_and_its_codings_stay(
    site, users
) -> None:
    coder = users["auditeur"]
    created = codings_assign(
        cells=[site.auto_cell],
        auditors=[coder, users["coordinateur"]],
        size=1,
        seed=1,
        now=timezone.now(),
    )
    assert any(c.auditor == coder for c in created)
    client = Client()
    assert client.post("/connexion/", {"username": coder.username, "password": PASSWORD})
    assert client.get("/revue/").status_code == 200
    said = _users("disable", coder.username)
    assert said.startswith(f"Compte «\u00a0{coder.username}\u00a0» désactivé\u00a0:")
    assert client.get("/revue/").status_code == 302
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(coder.pk) for s in Session.objects.all()
    )
    assert not _logs_in(coder.username)
    assert CodingAssignment.objects.filter(auditor=coder).count() == 1
    assert "auditeur-test\tauditeur\tinactif" in _users("list")
    assert _users("enable", coder.username) == f"Compte «\u00a0{coder.username}\u00a0» réactivé.\n"
    assert _logs_in(coder.username)
    with pytest.raises(BarometreError, match="Aucun compte «\u00a0zoe\u00a0»"):
        _users("disable", "zoe")


def test_the_last_active_administrator_is_neither_disabled_nor_demoted(db) -> None:
    user_create(username="root", role="administrateur", password=PASSWORD)
    last = "«\u00a0root\u00a0» est le dernier administrateur actif"
    with pytest.raises(BarometreError, match=last):
        _users("disable", "root")
    with pytest.raises(BarometreError, match=last):
        _users("role", "root", "coordinateur")
    User.objects.create_superuser("ancien", password=PASSWORD, is_active=False)
    with pytest.raises(BarometreError, match=last):  # an inactive one does not count
        _users("disable", "root")
    _users("role", "root", "administrateur")  # keeping the role is no demotion
    User.objects.create_superuser("secours", password=PASSWORD)  # createsuperuser's kind counts
    _users("disable", "root")
    assert not User.objects.get(username="root").is_active
    with pytest.raises(BarometreError, match="«\u00a0secours\u00a0» est le dernier"):
        _users("role", "secours", "auditeur")


def test_disabling_an_account_says_how_many_codings_it_leaves_unanswered(site, users) -> None:
    """Its unanswered blind codings stayed with it, unsaid: nobody could answer them."""
    coder = users["auditeur"]
    cells = list(site.after.cells.order_by("pk")[:3])
    codings_assign(
        cells=cells, auditors=[coder, users["coordinateur"]], size=3, seed=1, now=timezone.now()
    )
    answered = CodingAssignment.objects.filter(auditor=coder).first()
    CodingAssignment.objects.filter(pk=answered.pk).update(level=1, coded_at=timezone.now())
    said = _users("disable", coder.username)
    assert said.splitlines()[1] == (
        "Il garde 2 codages à l'aveugle sans réponse, que personne d'autre ne peut "
        "remplir\u00a0: «\u00a0barometre assessments codings-reassign --from auditeur-test\u00a0» "
        "les donne à d'autres auditeurs actifs."
    )
    user_create(username="sans-codage", role="auditeur", password=PASSWORD)
    assert len(_users("disable", "sans-codage").splitlines()) == 1
