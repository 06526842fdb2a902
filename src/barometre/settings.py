"""The one settings module, driven by the environment (every variable is in .env.example).

SQLite in the data folder by default; PostgreSQL (or any database) when DATABASE_URL is set.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from barometre.core.environment import (
    env_float,
    env_hosts,
    env_int,
    env_log_level,
    env_refuse_inline_comments,
    env_switch,
    env_text,
)
from barometre.core.home import data_home

env_refuse_inline_comments()  # before anything reads a value that holds one
HOME: Path = data_home()

SECRET_KEY = env_text("BAROMETRE_SECRET_KEY", "barometre-local-only-not-secret")
DEBUG = env_switch("BAROMETRE_DEBUG", False)
# True in barometre.settings_production (and any settings built on it): what only suits a
# trial, such as `quickstart`'s demonstration data and account, then asks to be named
PRODUCTION = False
ALLOWED_HOSTS = env_hosts("BAROMETRE_ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "widget_tweaks",
    "dsfr",
    "barometre.core",
    "barometre.referential",
    "barometre.collection",
    "barometre.assessments",
    "barometre.outputs",
    "barometre.programmes",
    "barometre.demo",
    "barometre.web",
    "barometre.survey",
    "barometre.web.survey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "barometre.web.middleware.chosen_language",
    "django.middleware.common.CommonMiddleware",
    "barometre.web.middleware.PageMethods",  # before the CSRF check (its 403)
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "barometre.web.middleware.security_headers",
    "barometre.web.middleware.refuse_nul",
]

ROOT_URLCONF = "barometre.urls"
WSGI_APPLICATION = "barometre.wsgi.application"  # Django's handler behind `charset_guard`

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

_default_sqlite = f"sqlite:///{HOME / 'barometre.sqlite3'}"
# An empty DATABASE_URL (`DATABASE_URL=` in a shell or an env file) counts as unset: SQLite.
_database_url = os.environ.get("DATABASE_URL", "").strip() or _default_sqlite
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=0)}
except ValueError:  # an unknown scheme, a bad port: the value is not shown (it holds a password)
    raise ImproperlyConfigured(
        "DATABASE_URL illisible : indiquez une adresse de base de données comme "
        "« postgres://utilisateur@hôte:5432/base », ou retirez la variable pour SQLite dans "
        "le dossier de données (vide, les réglages de production la refusent)."
    ) from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        # A writer waits this many seconds for another one (an import running) before giving up;
        # transactions take the write lock when they start, so they wait instead of failing.
        "timeout": env_float("BAROMETRE_SQLITE_TIMEOUT", 30.0, minimum=0.0),
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Paris"
LOCALE_PATHS = [Path(__file__).parent / "locale"]

STATIC_URL = "static/"
# Collected static files (production settings only; whitenoise serves from the finders here).
STATIC_ROOT = None
# whitenoise serves static files from the app in every mode; production collects them first.
WHITENOISE_USE_FINDERS = True
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Sessions and logins: the auditors' workspace. Pages that only display data need none.
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:review-queue"
LOGOUT_REDIRECT_URL = "web:home"
SESSION_COOKIE_HTTPONLY = True
# How long a login lasts (seconds), counted from the login, not from the last request: an
# auditor is asked to log in again after it; what they were typing is kept (web.drafts). The
# survey's respondents' sessions (a form in progress) last as long.
SESSION_COOKIE_AGE = env_int("BAROMETRE_SESSION_SECONDS", 14 * 24 * 3600, minimum=60)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_NAME = "barometre_langue"  # the header's language selector (a year)
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "barometre.web.views.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Login throttling (barometre.web.throttle): failures per user name and per address.
LOGIN_MAX_FAILURES = env_int("BAROMETRE_LOGIN_MAX_FAILURES", 5, minimum=1)
LOGIN_LOCKOUT_SECONDS = env_int("BAROMETRE_LOGIN_LOCKOUT_SECONDS", 900, minimum=0)
# The request header naming the client's address when a proxy stands in front (production:
# X-Forwarded-For); None: the connection's address, which is the client's.
CLIENT_ADDRESS_HEADER: str | None = None

# The cache holds the scores the public pages show (recomputed when an assessment is recorded);
# a folder, so that every server process shares it. Its keys change with the code
# (barometre.core.cachekey), so that an upgrade never serves what the old code computed.
_cache_dir = Path(env_text("BAROMETRE_CACHE_DIR", str(HOME / "cache")))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(_cache_dir),
        "TIMEOUT": None,
        "KEY_FUNCTION": "barometre.core.cachekey.make_key",
    },
    # The login throttle's failure counts (barometre.web.throttle), apart: once the default
    # cache holds its 300 entries (scores are stored anew after each review), every new one
    # deletes a third of them at random, failure counts included, which reset the lockout.
    # Each count expires with its lockout, so this one stays small.
    "logins": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(_cache_dir / "logins"),
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    # The campaigns' scores (barometre.web.selectors.campaign_report), apart for the same reason:
    # seconds to compute for a national campaign, and culled at random from the default cache
    # by the figures each review stores anew. One entry per campaign, reference and language,
    # overwritten when the campaign changes, so this one stays small and is never culled.
    # An election's programme figures are kept here too (core.statecache.cached_for_state), one
    # entry per election, for the same reason.
    "scores": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(_cache_dir / "scores"),
        "TIMEOUT": None,
        "KEY_FUNCTION": "barometre.core.cachekey.make_key",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
}

# Where evidence archives (WARC) are written, one folder per campaign.
WARC_ROOT = Path(env_text("BAROMETRE_WARC_ROOT", str(HOME / "warc")))

# Contact URL sent in the crawler's User-Agent so that webmasters know who crawls them.
CRAWL_CONTACT_URL = env_text("BAROMETRE_CONTACT_URL", "https://barometre.example.org/robot")

# Log level of the Celery worker inside `barometre worker` (collection.services.worker_celery).
CELERY_LOG_LEVEL = env_log_level("BAROMETRE_CELERY_LOGLEVEL", "WARNING")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "filters": {"client_error": {"()": "barometre.core.logfilters.ClientErrorWarning"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # a refused Host header is a client error: one WARNING line (the 400 answered it), no traceback
    "loggers": {"django.security.DisallowedHost": {"filters": ["client_error"]}},
    "root": {"handlers": ["console"], "level": env_log_level("BAROMETRE_LOG_LEVEL", "WARNING")},
}
