"""The demo: production behaviour on plain HTTP at 127.0.0.1, mail written to files."""

import os

from trellis.settings.base import *  # noqa: F403
from trellis.settings.base import VAR_DIR

SECRET_KEY = os.environ.get("TRELLIS_SECRET_KEY", "demo-only-key-not-for-production-use-0123456789")
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = str(VAR_DIR / "outbox")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
