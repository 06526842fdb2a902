"""Production settings: the base settings, hardened. Use with gunicorn (docs/web.md).

    DJANGO_SETTINGS_MODULE=barometre.settings_production

Refuses to start without BAROMETRE_SECRET_KEY (no fallback key) and BAROMETRE_ALLOWED_HOSTS, and
with an empty DATABASE_URL (unset, it is SQLite in the data folder).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from barometre.core.environment import env_hosts, env_int, env_switch, env_text
from barometre.settings import *  # noqa: F403 (production extends the one settings module)
from barometre.settings import HOME, LOGGING

SECRET_KEY = os.environ.get("BAROMETRE_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "BAROMETRE_SECRET_KEY manquante ou trop courte (50 caractères au moins) : la production "
        "ne démarre pas sans clé secrète. Générez-en une, par exemple avec « python -c "
        "'import secrets; print(secrets.token_urlsafe(64))' »."
    )
DEBUG = False
PRODUCTION = True
# The base settings take an empty DATABASE_URL for SQLite in the data folder. In production an
# empty value is rather a substitution gone wrong (`DATABASE_URL=${DB_URL}` in an env file), and
# falling back would serve an empty observatory: refused. Unset, it is SQLite, as documented.
if "DATABASE_URL" in os.environ and not os.environ["DATABASE_URL"].strip():
    raise ImproperlyConfigured(
        "DATABASE_URL est vide : en production, indiquez l'adresse de la base de données "
        "(« postgres://… »), ou retirez la variable pour utiliser SQLite dans le dossier de "
        "données."
    )
ALLOWED_HOSTS = env_hosts("BAROMETRE_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("BAROMETRE_ALLOWED_HOSTS est vide : indiquez le nom du site.")

STATIC_ROOT = Path(env_text("BAROMETRE_STATIC_ROOT", str(HOME / "static")))
WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# django-dsfr's tags carry the integrity (SRI) digests of the DSFR files as published; the
# manifest storage rewrites the `url()` references inside the CSS to hashed names, so the
# collected stylesheets no longer match and browsers block them (an unstyled site). The files
# are served from this origin, under the CSP's 'self': the digests add nothing here.
DSFR_USE_INTEGRITY_CHECKSUMS = False

SECURE_SSL_REDIRECT = env_switch("BAROMETRE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind the proxy every connection comes from it: the login throttle counts failures per
# client address from the X-Forwarded-For the proxy sets, or five failures by anyone would lock
# every auditor out (barometre.web.throttle.client_address).
CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
SECURE_HSTS_SECONDS = env_int("BAROMETRE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading (browsers shipping the domain as HTTPS-only, subdomains included, before any visit)
# is a commitment months long to undo, for the operator to choose: off unless asked. Off,
# `check --deploy` warns (security.W021) about a choice made on purpose: that warning is silenced.
SECURE_HSTS_PRELOAD = env_switch("BAROMETRE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if not h.startswith(".")]

# Each log line says when (the workers' standard error, or gunicorn's --error-logfile, may have
# no time of their own); as gunicorn writes its own lines' time
LOGGING = {
    **LOGGING,
    "formatters": {
        "plain": {
            "format": "[%(asctime)s] %(levelname)s %(name)s: %(message)s",
            "datefmt": "%Y-%m-%d %H:%M:%S %z",
        }
    },
}
