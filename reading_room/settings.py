"""Settings for Reading Room, read from the environment.

SQLite is the default so that a fresh checkout runs with nothing installed;
set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/reading_room) for PostgreSQL.
"""

import os
import subprocess
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default)
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


DEBUG = envbool("DEBUG", "true")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key"  # noqa: S105 - DEBUG only; refused above otherwise


def git_commit() -> str:
    """The commit of this checkout; empty if it is not one or git is not installed."""
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return found.stdout.strip() if found.returncode == 0 else ""


# The release (docs/deploy.md): the version of every cache key (CACHES below) and part of every page's
# ETag, so that no page rendered by an earlier deploy's code is served, from a shared cache or a
# browser's, after the next one. Set by the deploy; a git checkout defaults to its commit.
RELEASE = os.environ.get("RELEASE", "").strip() or git_commit()
if not RELEASE:
    if not DEBUG:
        raise ImproperlyConfigured("RELEASE must be set when DEBUG is off and the code is not a git checkout")
    RELEASE = "dev"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "simple_history",
    "axes",
    "reading_room.documents",
    "reading_room.search",
    "reading_room.ingest",
    "reading_room.compare",
]

MIDDLEWARE = [
    "reading_room.routers.ReplicaReadsMiddleware",  # first: one replica-or-primary choice per request (deploy.md)
    "reading_room.nul_bytes.RefuseNulBytesMiddleware",  # before anything looks a URL up in the database
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as its documentation asks: it locks out repeated failed admin logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out login before checking the password
    "django.contrib.auth.backends.ModelBackend",
]
# Admin logins (reading_room/lockout.py): 5 failures for one username from one address lock that
# pair for an hour (an editor who forgot a password is not locked out from everywhere; a guesser
# is slowed to a crawl); 20 failures from one address, whatever the usernames, lock the address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_IP_FAILURE_LIMIT = int(os.environ.get("AXES_IP_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = "reading_room.lockout.lockout_parameters"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))  # proxies in front that set X-Forwarded-For
AXES_VERBOSE = False

ROOT_URLCONF = "reading_room.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # Only for the paragraph rows, where rendering time matters most (reading_room/reader/rendering.py).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"autoescape": True},
    },
]

WSGI_APPLICATION = "reading_room.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while an import writes; IMMEDIATE avoids "database is locked" on upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
# PostgreSQL read replicas (docs/deploy.md): DATABASE_REPLICA_URLS=postgres://…,postgres://… become
# "replica1", "replica2"…; the router sends visitors' page views there (reading_room/routers.py).
# In tests a replica is a mirror of the test database.
for _number, _url in enumerate(filter(None, map(str.strip, os.environ.get("DATABASE_REPLICA_URLS", "").split(","))), 1):
    DATABASES[f"replica{_number}"] = {
        **dj_database_url.parse(_url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["reading_room.routers.PrimaryReplicaRouter"] if len(DATABASES) > 1 else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Interface language (not the languages of the texts shown).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

LOGIN_URL = "admin:login"

# Rendered pages (reading_room/reader/page_cache.py), comparisons, preview images. Local memory per
# process by default; with several app servers, a Redis they share (REDIS_URL=redis://host:6379/0).
# Keys carry the document's last change, so neither can serve a page older than the last edit, and
# the release as their version, so neither serves what older code rendered.
if REDIS_URL := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rr",
            "TIMEOUT": 24 * 3600,
            "VERSION": RELEASE,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 500},  # pages are ~100 KB: at most ~50 MB per worker
            "VERSION": RELEASE,
        }
    }

# What one document may hold (docs/deploy.md, "Limits"): ten times the longest real resolution or
# more, so that no import or edit can make a page that costs seconds to build. The longest adopted
# resolution of the 80th session (A/RES/80/5, with its annex) is a 63 KB text of 171 paragraphs;
# the session's longest paragraph has 1,478 characters, its most footnotes in a document 16.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(1024 * 1024)))
DOCUMENT_MAX_PARAGRAPHS = int(os.environ.get("DOCUMENT_MAX_PARAGRAPHS", "2000"))
DOCUMENT_MAX_FOOTNOTES = int(os.environ.get("DOCUMENT_MAX_FOOTNOTES", "500"))
TEXT_MAX_CHARS = int(os.environ.get("TEXT_MAX_CHARS", "20000"))  # one paragraph's or footnote's text
# The admin's document page edits the paragraphs side by side up to this many (a row costs 4–6 ms to
# build); a longer document's paragraphs are edited from the paragraph list.
ADMIN_INLINE_PARAGRAPHS = int(os.environ.get("ADMIN_INLINE_PARAGRAPHS", "250"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Production runs behind a TLS-terminating proxy (docs/deploy.md). BEHIND_TLS_PROXY=true trusts
# its X-Forwarded-Proto — set it only when the proxy overwrites that header on every request.
if envbool("BEHIND_TLS_PROXY", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "true")
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # load balancers probe over plain HTTP
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# check --deploy is clean with these; HSTS preload is left to the operator (SECURE_HSTS_PRELOAD):
# once on the browsers' list a domain cannot easily leave it.
SILENCED_SYSTEM_CHECKS = [] if envbool("SECURE_HSTS_PRELOAD", "false") else ["security.W021"]
