"""Settings shared by every environment. Environment-specific modules override a few values.

Everything a deployment changes comes from environment variables (see docs/deploy.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TRELLIS_VAR_DIR", Path.cwd() / "var"))

SECRET_KEY = os.environ.get("TRELLIS_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("TRELLIS_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

# The order matters only for templates and static files: domain apps first, so they may
# override third-party templates.
TRELLIS_APPS = [
    "trellis.orgs",
    "trellis.accounts",
    "trellis.framework",
    "trellis.assessments",
    "trellis.support",
    "trellis.networks",
    "trellis.surveys",
    "trellis.api",
    "trellis.improvement",
    "trellis.outcomes",
    "trellis.reports",
]

INSTALLED_APPS = [
    *TRELLIS_APPS,
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    "csp",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "trellis.urls"
WSGI_APPLICATION = "trellis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "trellis.accounts.context_processors.navigation",
            ],
        },
    },
]

# SQLite (WAL) is the embedded default; PostgreSQL via DATABASE_URL in production.
DEFAULT_SQLITE = VAR_DIR / "trellis.sqlite3"
DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{DEFAULT_SQLITE}", conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            # WAL lets readers proceed while one writer writes; IMMEDIATE avoids
            # "database is locked" on upgrade from a read to a write transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out username/address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# Login throttling (django-axes): lock a username+address pair after 5 failures for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "login"  # allauth's sign-in form

# allauth: local accounts by e-mail; OpenID Connect providers come from the environment.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "trellis.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "trellis.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
SOCIALACCOUNT_ONLY = False
# Throttling is django-axes' job (stored in the database, so it holds across server processes);
# allauth's own limiter keeps counts in the per-process cache.
ACCOUNT_RATE_LIMITS = {"login_failed": False}


def _oidc_providers() -> list[dict[str, object]]:
    """Google Workspace and Microsoft Entra, each enabled by setting its client id and secret."""
    apps: list[dict[str, object]] = []
    google = os.environ.get("TRELLIS_GOOGLE_CLIENT_ID")
    if google:
        apps.append(
            {
                "provider_id": "google-workspace",
                "name": "Google Workspace",
                "client_id": google,
                "secret": os.environ.get("TRELLIS_GOOGLE_CLIENT_SECRET", ""),
                "settings": {"server_url": "https://accounts.google.com"},
            }
        )
    entra = os.environ.get("TRELLIS_ENTRA_CLIENT_ID")
    if entra:
        tenant = os.environ.get("TRELLIS_ENTRA_TENANT_ID", "organizations")
        apps.append(
            {
                "provider_id": "microsoft-entra",
                "name": "Microsoft Entra ID",
                "client_id": entra,
                "secret": os.environ.get("TRELLIS_ENTRA_CLIENT_SECRET", ""),
                "settings": {"server_url": f"https://login.microsoftonline.com/{tenant}/v2.0"},
            }
        )
    return apps


SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": _oidc_providers(), "OAUTH_PKCE_ENABLED": True}}

# Sessions and CSRF: HTTP-only cookies, same-site Lax, short idle lifetime.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_SAVE_EVERY_REQUEST = False  # a write per page view costs more than it protects
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Survey pages re-show the answers a person posted when the CSRF check fails, instead of losing them.
CSRF_FAILURE_VIEW = "trellis.surveys.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content security policy: nothing from other origins, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("TRELLIS_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("TRELLIS_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

EMAIL_BACKEND = os.environ.get("TRELLIS_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("TRELLIS_FROM_EMAIL", "trellis@localhost")

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

NINJA_PAGINATION_PER_PAGE = 50

# Privacy thresholds (BRIEF §6): at least K respondents behind any reported cell; never below 3.
TRELLIS_MIN_RESPONDENTS = max(3, int(os.environ.get("TRELLIS_MIN_RESPONDENTS", "5")))
TRELLIS_MIN_COMMENT_RESPONDENTS = 10

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_survey_links": {"()": "trellis.surveys.log_filters.RedactSurveyLinks"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_survey_links"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("TRELLIS_LOG_LEVEL", "WARNING")},
}
