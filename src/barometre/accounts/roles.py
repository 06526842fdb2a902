"""Roles of the auditors' workspace as Django groups, and the accounts' services (creation,
password, role, deactivation).

- auditeur: reviews cells (accept, override) and answers blind double codings;
- coordinateur: an auditor who also draws double-coding samples and arbitrates;
- administrateur: everything, including the Django admin of the referential.
"""

from __future__ import annotations

import re
import unicodedata

from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet

from barometre.core.errors import BarometreError
from barometre.core.typography import grouped

REVIEW = "assessments.review_cell"
COORDINATE = "assessments.coordinate_review"

ROLES: dict[str, tuple[str, ...]] = {
    "auditeur": ("review_cell",),
    "coordinateur": ("review_cell", "coordinate_review"),
    "administrateur": ("review_cell", "coordinate_review"),
}
# Django's own rule for user names (UnicodeUsernameValidator)
_USERNAME = re.compile(r"[\w.@+-]+")
ADMINISTRATOR = "administrateur"
ROLE_ALIASES = {
    "auditor": "auditeur",
    "coordinator": "coordinateur",
    "administrator": "administrateur",
    "admin": "administrateur",
}


def role_name(role: str) -> str:
    """The role's French name, typed in any case ("Auditeur" was refused) or in English."""
    key = role.strip().casefold()
    name = ROLE_ALIASES.get(key, key)
    if name not in ROLES:
        known = ", ".join(ROLES)  # the English aliases are accepted, not offered
        raise BarometreError(f"Rôle inconnu « {role} » (rôles : {known}).")
    return name


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Create (or complete) the three groups with their permissions."""
    groups = {}
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(
            content_type__app_label="assessments", codename__in=codenames
        )
        group.permissions.add(*perms)
        groups[name] = group
    return groups


def user_check(*, username: str, email: str = "") -> None:
    """Refuse, in French, a user name or an e-mail address that `user_create` would refuse: the
    command checks them before it asks for the password, which is then not typed for nothing."""
    if not username.strip() or len(username) > 150:
        raise BarometreError("Nom d'utilisateur vide ou trop long (150 caractères au plus).")
    if not _USERNAME.fullmatch(username):
        raise BarometreError(
            f"Nom d'utilisateur « {username[:60]} » refusé : lettres, chiffres et @ . + - _ "
            "seulement (ni espace ni barre oblique)."
        )
    _refuse_a_case_twin(username)
    if User.objects.filter(username=username).exists():
        raise BarometreError(
            f"L'utilisateur « {username} » existe déjà : « barometre users password "
            f"{username} » change son mot de passe, « barometre users role {username} "
            f"RÔLE » son rôle et « barometre users disable {username} » désactive son "
            "compte."
        )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise BarometreError(f"Adresse électronique invalide : « {email[:100]} ».") from None


def _refuse_a_case_twin(username: str) -> None:
    """An account whose name differs from an existing one only by its capitals ("Bob" beside
    "bob") is refused: the two are told apart at login by a capital alone."""
    twin = User.objects.filter(username__iexact=username).exclude(username=username).first()
    if twin is not None:
        raise BarometreError(
            f"Le compte « {twin.username} » existe déjà : « {username} » n'en "
            "diffère que par les majuscules, et la connexion les distinguerait par une majuscule "
            f"seulement ; choisissez un autre nom, ou « barometre users role "
            f"{twin.username} RÔLE » pour changer le rôle du compte existant."
        )


MAX_PASSWORD = 1024  # characters


@transaction.atomic
def user_create(*, username: str, role: str, password: str, email: str = "") -> User:
    """Create a user with one role; administrators may also use the Django admin."""
    name = role_name(role)
    user_check(username=username, email=email)
    _password_check(password)
    groups = roles_ensure()
    admin = name == ADMINISTRATOR
    user = User.objects.create_user(
        username=username, email=email, password=password, is_staff=admin, is_superuser=admin
    )
    user.groups.add(groups[name])
    return user


def user_lookup(*, username: str) -> User:
    """The user of that name, or a French error naming how to list them."""
    user = User.objects.filter(username=username).first()
    if user is None:
        raise BarometreError(
            f"Aucun compte « {username[:60]} » : « barometre users list » liste les comptes."
        )
    return user


def user_set_password(*, username: str, password: str) -> User:
    """Give an existing user a new password: the sessions logged in with the old one end (Django
    checks each session against the password's hash)."""
    user = user_lookup(username=username)
    _password_check(password)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def _password_check(password: str) -> None:
    if len(password) < 10:
        raise BarometreError("Mot de passe trop court : 10 caractères au moins.")
    if len(password) > MAX_PASSWORD:
        raise BarometreError(
            f"Mot de passe trop long : {grouped(MAX_PASSWORD)} caractères au plus."
        )
    if any(unicodedata.category(c) == "Cs" for c in password):  # bytes not UTF-8 (from $ENV)
        raise BarometreError(
            "Mot de passe refusé : il contient des octets qui ne sont pas de l'UTF-8."
        )
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in password):
        raise BarometreError(
            "Mot de passe refusé : il contient un caractère de contrôle ou un saut de ligne."
        )


def user_roles(user: User) -> list[str]:
    return sorted(user.groups.filter(name__in=ROLES).values_list("name", flat=True))


def administrators_active() -> QuerySet[User]:
    """The active accounts that administer the site: in the administrateur group, or superusers
    (`createsuperuser`, the Django admin)."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=ADMINISTRATOR))
        .distinct()
    )


def administers(user: User) -> bool:
    """Whether `user` is an active administrator: the one who can reach the server, where the
    commands that web pages cannot run are typed."""
    return administrators_active().filter(pk=user.pk).exists()


def _last_administrator_refuse(user: User, doing: str) -> None:
    """Refuse, in French, to leave the site without an active administrator. The administrators
    are locked first (PostgreSQL) so that two operators demoting two of them at once cannot
    both pass; they are then read again, as the other transaction may have changed them."""
    ids = list(administrators_active().values_list("pk", flat=True))
    list(User.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    if not administrators_active().filter(pk=user.pk).exists():
        return
    if administrators_active().exclude(pk=user.pk).exists():
        return
    raise BarometreError(
        f"« {user.username} » est le dernier administrateur actif : {doing} laisserait "
        f"le site sans administrateur. Donnez d'abord le rôle à un autre compte (« barometre "
        f"users role AUTRE administrateur »)."
    )


@transaction.atomic
def user_set_role(*, username: str, role: str) -> User:
    """Give an existing user one role in place of the ones it had; administrators also get the
    Django admin (staff, superuser), the others lose it. The last active administrator keeps
    its role."""
    name = role_name(role)
    user = user_lookup(username=username)
    if name != ADMINISTRATOR:
        _last_administrator_refuse(user, f"lui donner le rôle {name}")
    groups = roles_ensure()
    user.groups.remove(*groups.values())
    user.groups.add(groups[name])
    user.is_staff = user.is_superuser = name == ADMINISTRATOR
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


@transaction.atomic
def user_set_active(*, username: str, active: bool) -> User:
    """Switch an account on or off. Off, it can no longer log in and its sessions end; the
    account itself stays, so its reviews and codings keep their author. The last active
    administrator is not switched off."""
    user = user_lookup(username=username)
    if not active:
        _last_administrator_refuse(user, "le désactiver")
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        _sessions_end(user)
    return user


def _sessions_end(user: User) -> None:
    """Delete the stored sessions logged in as `user` (the database session engine, the
    default): Django would already refuse them, its backend reading an inactive user as none,
    but a session left behind would come back to life with `users enable`."""
    from django.contrib.sessions.models import Session

    pk = str(user.pk)
    ended = [
        session.pk
        for session in Session.objects.iterator()
        if str(session.get_decoded().get("_auth_user_id")) == pk
    ]
    Session.objects.filter(pk__in=ended).delete()
