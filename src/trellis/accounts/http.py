from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from trellis.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
