"""Tests: fast hashing, in-memory mail, static files from the finders."""

from pathlib import Path
from tempfile import gettempdir
from uuid import uuid4

from trellis.settings.base import *  # noqa: F403

SECRET_KEY = "test-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
# For speed: Argon2 is deliberately slow; its configuration is tested separately.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
AXES_ENABLED = True

# On SQLite the test database is a file (one per xdist worker), not memory: an in-memory database
# with a shared cache uses table locks that ignore busy_timeout, so threads racing a submit would
# fail with "database table is locked" instead of queueing as they do on a deployment's WAL file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A name of its own per process (Django deletes the file when the run ends).
    DATABASES["default"]["TEST"] = {"NAME": str(Path(gettempdir()) / f"trellis-test-{uuid4().hex}.sqlite3")}  # noqa: F405
