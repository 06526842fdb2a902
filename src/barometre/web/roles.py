"""Roles of the auditors' workspace as Django groups, and user creation (services).

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
ROLE_ALIASES = {
    "auditor": "auditeur",
    "coordinator": "coordinateur",
    "administrator": "administrateur",
    "admin": "administrateur",
}


def role_name(role: str) -> str:
    name = ROLE_ALIASES.get(role, role)
    if name not in ROLES:
        known = ", ".join(sorted({*ROLES, *ROLE_ALIASES}))
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
    if User.objects.filter(username=username).exists():
        raise BarometreError(
            f"L'utilisateur « {username} » existe déjà : « barometre users password "
            f"{username} » change son mot de passe ; son rôle se change, et son compte se "
            "désactive, dans l'administration du site (/admin/, rôle administrateur)."
        )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise BarometreError(f"Adresse électronique invalide : « {email[:100]} ».") from None


MAX_PASSWORD = 1024  # characters


@transaction.atomic
def user_create(*, username: str, role: str, password: str, email: str = "") -> User:
    """Create a user with one role; administrators may also use the Django admin."""
    name = role_name(role)
    user_check(username=username, email=email)
    _password_check(password)
    groups = roles_ensure()
    admin = name == "administrateur"
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
