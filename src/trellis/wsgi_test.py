"""The WSGI application under the settings already configured (for in-process API fuzzing)."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
