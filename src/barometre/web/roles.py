"""Roles of the auditors' workspace as Django groups, and user creation (services).

- auditeur: reviews cells (accept, override) and answers blind double codings;
- coordinateur: an auditor who also draws double-coding samples and arbitrates;
- administrateur: everything, including the Django admin of the referential.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission, User
from django.db import transaction

from barometre.core.errors import BarometreError

REVIEW = "assessments.review_cell"
COORDINATE = "assessments.coordinate_review"

ROLES: dict[str, tuple[str, ...]] = {
    "auditeur": ("review_cell",),
    "coordinateur": ("review_cell", "coordinate_review"),
    "administrateur": ("review_cell", "coordinate_review"),
}
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
        raise BarometreError(f"Rôle inconnu « {role} » (rôles : {known}).")
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


@transaction.atomic
def user_create(*, username: str, role: str, password: str, email: str = "") -> User:
    """Create a user with one role; administrators may also use the Django admin."""
    name = role_name(role)
    if not username.strip() or len(username) > 150:
        raise BarometreError("Nom d'utilisateur vide ou trop long (150 caractères au plus).")
    if User.objects.filter(username=username).exists():
        raise BarometreError(f"L'utilisateur « {username} » existe déjà.")
    if len(password) < 10:
        raise BarometreError("Mot de passe trop court : 10 caractères au moins.")
    groups = roles_ensure()
    admin = name == "administrateur"
    user = User.objects.create_user(
        username=username, email=email, password=password, is_staff=admin, is_superuser=admin
    )
    user.groups.add(groups[name])
    return user


def user_roles(user: User) -> list[str]:
    return sorted(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
