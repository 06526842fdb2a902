"""The one settings module, driven by the environment (every variable is in .env.example).

SQLite in the data folder by default; PostgreSQL (or any database) when DATABASE_URL is set.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from barometre.core.home import data_home

HOME: Path = data_home()

SECRET_KEY = os.environ.get("BAROMETRE_SECRET_KEY", "barometre-local-only-not-secret")
DEBUG = os.environ.get("BAROMETRE_DEBUG", "0") == "1"
ALLOWED_HOSTS = [
    h for h in os.environ.get("BAROMETRE_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.staticfiles",
    "barometre.core",
    "barometre.referential",
    "barometre.collection",
    "barometre.assessments",
    "barometre.outputs",
    "barometre.programmes",
    "barometre.demo",
    "barometre.survey",
    "barometre.web.survey",
    "dsfr",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

# Sessions live in a signed cookie (no table); the survey form keeps its progress there.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"

ROOT_URLCONF = "barometre.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.i18n",
                "django.template.context_processors.request",
            ]
        },
    }
]

_default_sqlite = f"sqlite:///{HOME / 'barometre.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_sqlite), conn_max_age=0
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 30,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Paris"
LOCALE_PATHS = [Path(__file__).parent / "locale"]

STATIC_URL = "static/"

# Where evidence archives (WARC) are written, one folder per campaign.
WARC_ROOT = Path(os.environ.get("BAROMETRE_WARC_ROOT", str(HOME / "warc")))

# Contact URL sent in the crawler's User-Agent so that webmasters know who crawls them.
CRAWL_CONTACT_URL = os.environ.get("BAROMETRE_CONTACT_URL", "https://barometre.example.org/robot")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BAROMETRE_LOG_LEVEL", "WARNING")},
}
