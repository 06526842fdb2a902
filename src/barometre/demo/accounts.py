"""The demonstration's auditor account, so that the review workspace can be tried at once."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import User

from barometre.accounts.roles import user_create

DEMO_AUDITOR = "coordinateur-demo"


def demo_auditor_ensure() -> str | None:
    """Create the demonstration coordinator with a fresh random password, returned once;
    None when the account already exists (its password is not known any more)."""
    if User.objects.filter(username=DEMO_AUDITOR).exists():
        return None
    password = secrets.token_urlsafe(12)
    user_create(username=DEMO_AUDITOR, role="coordinateur", password=password)
    return password
