"""Production: HTTPS only, secrets from the environment. `trellis manage check --deploy` is clean."""

import os

from trellis.settings.base import *  # noqa: F403

SECRET_KEY = os.environ["TRELLIS_SECRET_KEY"]
SECURE_SSL_REDIRECT = os.environ.get("TRELLIS_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("TRELLIS_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
EMAIL_BACKEND = os.environ.get("TRELLIS_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_survey_links": {"()": "trellis.surveys.log_filters.RedactSurveyLinks"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_survey_links"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("TRELLIS_LOG_LEVEL", "INFO")},
}
